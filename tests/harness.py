"""The real app on an ephemeral port, driven by signed HTTP requests as Slack sends them."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.runtime import Runtime, web_app
from bot.settings import Settings, load_settings
from tests.clock import FakeClock
from tests.fakeslack import FakeSlack
from tests.fakeslack.payloads import (
    event_callback,
    form_body,
    interactive_body,
    signed_headers,
    slash_command,
)

SIGNING_SECRET = "test-signing-secret"


@dataclass
class Reply:
    status: int
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


class AppUnderTest:
    """One running bvoip (HTTP mode) against a FakeSlack, with helpers to talk to it."""

    def __init__(self, fake: FakeSlack, clock: FakeClock, db_path: Path, **env: Any) -> None:
        self.fake = fake
        self.clock = clock
        self.db_path = db_path
        self.env = env
        self.runtime: Runtime | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._session: aiohttp.ClientSession | None = None

    def settings(self) -> Settings:
        return load_settings(
            slack_bot_token=self.fake.bot_token,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=self.fake.base_url,
            db_path=str(self.db_path),
            **self.env,
        )

    async def start(self, mode: str = "http") -> AppUnderTest:
        self.runtime = Runtime(self.settings(), mode, clock=self.clock)
        self._runner = web.AppRunner(web_app(self.runtime))
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self._session = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def store(self):
        assert self.runtime is not None and self.runtime.store is not None
        return self.runtime.store

    async def post(self, body: str, headers: dict[str, str] | None = None,
                   sign: bool = True, timestamp: int | None = None) -> Reply:
        """POST /slack/events, signed as Slack signs unless told otherwise."""
        assert self._session is not None
        sent = dict(headers or {})
        if sign:
            sent.update(signed_headers(SIGNING_SECRET, body, timestamp))
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        async with self._session.post(f"{self.url}/slack/events", data=body.encode(),
                                      headers=sent) as response:
            return Reply(response.status, await response.text())

    async def command(self, text: str = "", **kw: Any) -> Reply:
        return await self.post(form_body(slash_command(text, **kw)))

    async def interact(self, payload: dict) -> Reply:
        return await self.post(interactive_body(payload))

    async def event(self, event: dict) -> Reply:
        body = json.dumps(event_callback(event, bot_user_id=self.fake.bot_user_id))
        return await self.post(body, {"Content-Type": "application/json"})

    async def get(self, path: str) -> Reply:
        assert self._session is not None
        async with self._session.get(f"{self.url}{path}") as response:
            return Reply(response.status, await response.text())

    async def settle(self, seconds: float = 0.05) -> None:
        """Let work that runs after ack() finish."""
        await asyncio.sleep(seconds)


# Tue 24 Nov 2026 10:00 in Chicago: business hours.
START = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)
