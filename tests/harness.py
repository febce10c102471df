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

from bot.server import App, serve_socket_mode, serve_status, web_app
from bot.settings import Settings, load_settings
from storage import Store
from tests.clock import FakeClock
from tests.databases import rows
from tests.fakeslack import FakeSlack
from tests.fakeslack.modal import fill_modal
from tests.fakeslack.payloads import (
    block_actions,
    event_callback,
    form_body,
    interactive_body,
    signed_headers,
    slash_command,
    view_submission,
)
from tests.fakeslack.validate import validate_ack

SIGNING_SECRET = "test-signing-secret"


@dataclass
class Reply:
    status: int
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


class _RunningApp:
    """What both ways of running the app share: the fake, the clock, the database file."""

    def __init__(self, fake: FakeSlack, clock: FakeClock, db_path: Path, **env: Any) -> None:
        self.fake = fake
        self.clock = clock
        self.db_path = db_path
        self.env = env
        self.runtime: App | None = None
        self._reader: Store | None = None

    def settings(self, **extra: Any) -> Settings:
        return load_settings(slack_bot_token=self.fake.bot_token,
                             slack_api_url=self.fake.base_url, db_path=str(self.db_path),
                             **{**extra, **self.env})

    @property
    def store(self) -> Store:
        """The database as another reader sees it: its own connection, so a test never
        shares the app's (which its worker thread is using)."""
        if self._reader is None:
            assert self.runtime is not None and self.runtime.store is not None
            self._reader = Store(self.db_path)
        return self._reader

    def incident_rows(self) -> list[dict]:
        return incident_rows(self.db_path)

    def close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


class AppUnderTest(_RunningApp):
    """One running bvoip (HTTP mode) against a FakeSlack, with helpers to talk to it."""

    def __init__(self, fake: FakeSlack, clock: FakeClock, db_path: Path, **env: Any) -> None:
        super().__init__(fake, clock, db_path, **env)
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._session: aiohttp.ClientSession | None = None

    def settings(self, **extra: Any) -> Settings:
        return super().settings(slack_signing_secret=SIGNING_SECRET, **extra)

    async def start(self, mode: str = "http") -> AppUnderTest:
        self.runtime = App(self.settings(), mode, clock=self.clock)
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
        self.close_reader()

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

    # ------------------------------------------------------------------ report modal
    async def open_report(self, text: str = "", **kw: Any) -> dict:
        """`/bvoip report <text>`: the modal as the fake stored it (with Slack's ids)."""
        opened = len(self.fake.calls_to("views.open"))
        reply = await self.command(f"report {text}".strip(), **kw)
        assert reply.status == 200, reply
        await self.fake.wait_for_form(opened + 1)
        return self.fake.latest_view(REPORT_CALLBACK)

    async def submit(self, view: dict, answers: dict[str, Any] | None = None, *,
                     require_all: bool = True, user_id: str = "U123",
                     values: dict | None = None) -> Reply:
        """Submit the report modal answered by label; the ack body is checked as Slack would."""
        payload = submission(view, answers, require_all=require_all, user_id=user_id,
                             values=values)
        reply = await self.interact(payload)
        assert_ack_accepted(payload, reply)
        return reply

    async def change(self, view: dict, label: str, answer: Any,
                     others: dict[str, Any] | None = None) -> Reply:
        """Change a dispatch_action input of the open modal (as a click in Slack's client);
        `others` are inputs already changed without a dispatch, present in the view's state."""
        reply = await self.interact(modal_action(view, label, answer, others))
        assert reply.status == 200, reply
        return reply

    async def report_incident(self, text: str = "", answers: dict[str, Any] | None = None,
                              **command: Any) -> dict:
        """Report an outage through the modal; returns its stored row (card posted or not)."""
        before = len(self.incident_rows())
        view = await self.open_report(text, **command)
        reply = await self.submit(view, answers)
        assert reply.text == "", f"the report was refused: {reply.text}"

        def card_settled() -> bool:
            rows = self.incident_rows()
            return len(rows) > before and (rows[-1]["card_ts"] or rows[-1]["card_error"])

        await wait_until(card_settled, what="the card posted or refused")
        return self.incident_rows()[-1]


# ---------------------------------------------------------------------- shared helpers
REPORT_CALLBACK = "report_outage"
# A full, valid answer to the report modal, keyed by label (fill_modal matches label text);
# fields the modal pre-filled (from the profile or the command's words) keep their value.
REPORT_ANSWERS: dict[str, Any] = {
    "Business name": "Acme Dental",
    "Site / location": "Tampa branch, 100 Main St",
    "Symptoms": ["Entire site down"],
    "Users affected": "The entire site",
    "Trouble description": "No calls in or out since 9:40",
}
_INITIAL_KEYS = ("initial_value", "initial_option", "initial_options", "initial_conversation")


def _prefilled(view: dict, label: str) -> bool:
    for block in view["blocks"]:
        if block.get("type") == "input" and block["label"]["text"] == label:
            return any(block["element"].get(k) for k in _INITIAL_KEYS)
    return False


def submission(view: dict, answers: dict[str, Any] | None = None, *, require_all: bool = True,
               user_id: str = "U123", values: dict | None = None) -> dict:
    """A view_submission of the report modal: what it holds, completed from REPORT_ANSWERS
    where it is empty, then `answers`."""
    defaults = {k: v for k, v in REPORT_ANSWERS.items() if not _prefilled(view, k)}
    state = values if values is not None else fill_modal(
        view, {**defaults, **(answers or {})}, require_all=require_all)
    return view_submission(view, state, user_id=user_id)


def modal_action(view: dict, label: str, answer: Any,
                 others: dict[str, Any] | None = None) -> dict:
    """block_actions for changing the input labelled `label`, with the view's state updated."""
    block = next(b for b in view["blocks"] if (b.get("label") or {}).get("text") == label)
    payload = block_actions(block["element"]["action_id"], answer, view=view,
                            block_id=block["block_id"])
    payload["view"]["state"] = {"values": fill_modal(
        view, {**(others or {}), label: answer}, require_all=False)}
    return payload


def assert_ack_accepted(payload: dict, reply: Reply) -> None:
    """The HTTP response to an interaction is one Slack would accept."""
    assert reply.status == 200, reply
    problems = validate_ack(payload, reply.json if reply.text else None)
    assert not problems, f"Slack would refuse this ack: {problems}"


async def wait_until(condition: Any, timeout: float = 5.0, what: str = "condition") -> None:
    """Poll `condition()` until it is true (work after ack() runs in the background)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what} not met within {timeout}s")
        await asyncio.sleep(0.01)


def level_rows(db_path: Path | str, incident_id: int = 1) -> list[dict]:
    """An incident's level rows as the database holds them (read with its own connection)."""
    return rows(db_path, "SELECT * FROM levels WHERE incident_id = ? ORDER BY level",
                [incident_id])


def incident_rows(db_path: Path | str) -> list[dict]:
    """The incidents table as the database holds it (read with its own connection)."""
    return rows(db_path, "SELECT * FROM incidents ORDER BY id")


class SocketAppUnderTest(_RunningApp):
    """One running bvoip in Socket Mode against a FakeSlack's WebSocket."""

    def __init__(self, fake: FakeSlack, clock: FakeClock, db_path: Path, **env: Any) -> None:
        super().__init__(fake, clock, db_path, **env)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._status: web.AppRunner | None = None
        self.url = ""  # GET /healthz and /metrics, as `bvoip run` serves them on --port

    async def start(self) -> SocketAppUnderTest:
        settings = self.settings(slack_app_token=self.fake.app_token)
        self.runtime = App(settings, "socket", clock=self.clock)
        self._status = await serve_status(self.runtime, "127.0.0.1", 0)
        port = self._status.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        self._task = asyncio.create_task(serve_socket_mode(self.runtime, self._stop))
        connected = asyncio.create_task(self.fake.wait_for_socket())
        await asyncio.wait({self._task, connected}, return_when=asyncio.FIRST_COMPLETED)
        if self._task.done():
            connected.cancel()
            await self._task  # raises what stopped it
            raise AssertionError("serve_socket_mode returned before connecting")
        await connected
        return self

    async def stop(self) -> None:
        """Close the connection (before fake.stop(), or the SDK reconnects)."""
        self._stop.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, 10)
        if self._status is not None:
            await self._status.cleanup()
        self.close_reader()

    async def get(self, path: str) -> Reply:
        """GET a path of the status server (/healthz, /metrics)."""
        async with aiohttp.ClientSession() as session, session.get(self.url + path) as response:
            return Reply(response.status, await response.text())

    async def command(self, text: str = "", **kw: Any) -> dict:
        """A slash command envelope; returns the app's ack message."""
        return await self.fake.send_envelope("slash_commands", slash_command(text, **kw))

    async def interact(self, payload: dict) -> dict:
        return await self.fake.send_envelope("interactive", payload)

    async def event(self, event: dict) -> dict:
        body = event_callback(event, bot_user_id=self.fake.bot_user_id)
        return await self.fake.send_envelope("events_api", body, accepts_response_payload=False)


# Tue 24 Nov 2026 10:00 in Chicago: business hours.
START = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)


def input_block(view: dict, label: str) -> dict:
    """The input block of `view` labelled exactly `label`."""
    for block in view["blocks"]:
        if block.get("type") == "input" and block["label"]["text"] == label:
            return block
    labels = [b["label"]["text"] for b in view["blocks"] if b.get("type") == "input"]
    raise AssertionError(f"no input labelled {label!r}; labels: {labels}")


def shown_text(node: Any) -> str:
    """Every text a person would read in blocks / a view / a message, one per line."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            if isinstance(item.get("text"), str):
                found.append(item["text"])
            for key, value in item.items():
                if key != "text" or not isinstance(value, str):
                    walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(node)
    return "\n".join(found)
