"""The running app: store, Slack client, Bolt app and background work, started and stopped
together, served over HTTP (aiohttp) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import build_app, build_client
from bot.cards import post_waiting_cards
from bot.clock import Clock, SystemClock
from bot.deps import Deps
from bot.matrix import load_matrix
from bot.reminders import Reminders
from bot.request_shape import shape_fault
from bot.settings import Settings
from storage import Store

log = logging.getLogger(__name__)


class Runtime:
    """Everything the process holds while it runs; start() and stop() bracket its life."""

    def __init__(self, settings: Settings, mode: str, clock: Clock | None = None) -> None:
        self.settings = settings
        self.mode = mode
        self.clock = clock or SystemClock()
        self.matrix = load_matrix(settings.matrix_path)
        self._tasks: set[asyncio.Task[Any]] = set()
        self.store: Store | None = None
        self.session: aiohttp.ClientSession | None = None
        self.client: AsyncWebClient | None = None
        self.deps: Deps | None = None
        self.app: AsyncApp | None = None
        self.reminders: Reminders | None = None

    async def start(self) -> None:
        """Open the database and the Slack session, build the app, start background work."""
        self.store = Store(self.settings.db_path)
        self.session = aiohttp.ClientSession()
        self.client = build_client(self.settings, self.session)
        self.deps = Deps(settings=self.settings, store=self.store, matrix=self.matrix,
                         clock=self.clock)
        self.app = build_app(self.deps, self.client, socket_mode=self.mode == "socket")
        self.reminders = Reminders(self.deps, self.client)
        self.reminders.release_dead_claims()  # before anything else tries to claim
        self.spawn(post_waiting_cards(self.deps, self.client), "post waiting cards")
        self.spawn(self.reminders.run(), "reminder loop")

    def spawn(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Run background work, kept referenced until it ends and cancelled at stop()."""
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background work %r failed", task.get_name(), exc_info=task.exception())

    async def stop(self) -> None:
        """Stop background work, close the Slack session and the database."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.session is not None:
            await self.session.close()
        if self.store is not None:
            self.store.close()

    def health(self) -> dict[str, Any]:
        """What /healthz answers."""
        reachable = self.store is not None and self.store.is_reachable()
        return {"ok": reachable, "mode": self.mode,
                "database": "reachable" if reachable else "unreachable"}


def web_app(runtime: Runtime) -> web.Application:
    """The HTTP server: POST /slack/events and GET /healthz, with the runtime's life."""

    verifier = SignatureVerifier(runtime.settings.slack_signing_secret or "")

    async def events(request: web.Request) -> web.Response:
        assert runtime.app is not None
        body = await request.text()
        # Signature first (401), then shape (400): Bolt itself assumes a well-formed body.
        if not verifier.is_valid_request(body, dict(request.headers)):
            return web.json_response({"error": "invalid request signature"}, status=401)
        try:
            bolt_request = AsyncBoltRequest(body=body, query=request.query_string,
                                            headers=dict(request.headers))
        except (AttributeError, TypeError, ValueError, KeyError):
            return web.Response(status=400, text="malformed request: cannot be read")
        fault = shape_fault(bolt_request.body)
        if fault is not None:
            return web.Response(status=400, text=f"malformed request: {fault}")
        acks = runtime.deps.acks if runtime.deps else None
        if acks:
            acks.started()
        try:
            response = await runtime.app.async_dispatch(bolt_request)
        finally:
            if acks:
                acks.answered()
        return await to_aiohttp_response(response)

    async def healthz(_: web.Request) -> web.Response:
        health = runtime.health()
        return web.json_response(health, status=200 if health["ok"] else 503)

    async def on_startup(_: web.Application) -> None:
        await runtime.start()

    async def on_cleanup(_: web.Application) -> None:
        await runtime.stop()

    application = web.Application()
    application.add_routes([web.post("/slack/events", events), web.get("/healthz", healthz)])
    application.on_startup.append(on_startup)
    application.on_cleanup.append(on_cleanup)
    return application


async def serve_socket_mode(runtime: Runtime, stop: asyncio.Event) -> None:
    """Connect over Socket Mode and serve until `stop` is set."""
    await runtime.start()
    assert runtime.app is not None
    handler = AsyncSocketModeHandler(runtime.app, runtime.settings.slack_app_token,
                                     web_client=runtime.client)
    connecting = asyncio.ensure_future(handler.connect_async())
    stopping = asyncio.ensure_future(stop.wait())
    try:
        # Slack's client retries a failed connect forever: a stop must not wait for it.
        await asyncio.wait({connecting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if connecting.done() and not stop.is_set():
            connecting.result()
            log.info("bvoip connected over Socket Mode")
            await stop.wait()
    finally:
        for waiter in (connecting, stopping):
            waiter.cancel()
        await asyncio.gather(connecting, stopping, return_exceptions=True)
        await handler.close_async()
        await runtime.stop()
