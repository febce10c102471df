"""`bvoip run`: the running app — database, Slack client, Bolt app, incident service and
reminder loop, started and stopped together — served over HTTP or Socket Mode."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import signal
from collections.abc import Coroutine
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot import form_body
from bot.acks import AckGate
from bot.claims import claimant
from bot.clock import Clock, SystemClock
from bot.matrix import load_matrix
from bot.metrics import MeteredApp, Metrics
from bot.reminders import Reminders
from bot.service import IncidentService
from bot.settings import Settings, SettingsError, http_port
from bot.slack import Slack, SlackRefused, SlackUnavailable, build_client, client_session
from handlers import register
from handlers.middleware import RejectMalformed
from storage import DatabaseUnavailable, Store

log = logging.getLogger(__name__)
STOP_GRACE_SECONDS = 2.0
# Slack's answers to a token it will never accept: the start stops instead of retrying.
REFUSED_TOKEN = {"invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked",
                 "token_expired", "account_inactive"}
UNREADABLE = (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError,
              RecursionError, IndexError)


class App:
    """Everything the process holds while it runs; start() and stop() bracket its life."""

    def __init__(self, settings: Settings, mode: str, clock: Clock | None = None) -> None:
        self.settings = settings
        self.mode = mode
        self.clock = clock or SystemClock()
        self.matrix = load_matrix(settings.matrix_path)
        self.metrics = Metrics()  # its own registry: several apps may share a process
        self._tasks: set[asyncio.Task[Any]] = set()
        self.store: Store | None = None
        self.client: AsyncWebClient | None = None
        self.service: IncidentService | None = None
        self.bolt: MeteredApp | None = None
        self.reminders: Reminders | None = None

    async def start(self) -> None:
        """Open the database and the Slack session, build the app, start background work."""
        settings = self.settings
        self.store = Store(settings.db_path)
        self.client = build_client(settings.slack_bot_token or "", settings.slack_api_url,
                                   client_session(settings.slack_timeout))
        self.service = IncidentService(settings, self.store, self.matrix, self.clock,
                                       Slack(self.client, self.metrics),
                                       claimant(settings.instance), self.metrics)
        self.bolt = MeteredApp(self.metrics, AckGate(), client=self.client,
                               signing_secret=settings.slack_signing_secret or "",
                               request_verification_enabled=self.mode == "http",
                               process_before_response=True,  # see handlers/answering.py
                               before_authorize=RejectMalformed())
        register(self.bolt, self.service)
        self.reminders = Reminders(self.service, lease=settings.lease)
        await self.store.run(self.reminders.release_dead_claims)  # before anything claims
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
        if self.client is not None and self.client.session is not None:
            await self.client.session.close()
        if self.store is not None:
            self.store.close()

    async def health(self) -> dict[str, Any]:
        """What /healthz answers."""
        problem = (await self.store.run(self.store.health_problem) if self.store
                   else "not started")
        return {"ok": problem is None, "mode": self.mode,
                "database": problem or "reachable"}

    async def scrape(self, accept: str = "") -> tuple[bytes, str]:
        """What /metrics answers, and its content type; open incidents are counted now, on
        the store's thread."""
        if self.store is not None:
            self.metrics.count_open(await self.store.run(self.store.incidents.open_by_severity))
        return self.metrics.render(accept)

    async def dispatch(self, request: web.Request) -> web.Response:
        """POST /slack/events: hand the request to Bolt (which verifies it); a body Bolt
        cannot read is a 400 here, where Bolt itself would answer 5xx."""
        assert self.bolt is not None
        stamp = request.headers.get("X-Slack-Request-Timestamp")
        if self.mode == "http" and stamp is not None and not _plausible_timestamp(stamp):
            # Bolt's check would fail on it (a huge number overflows) instead of refusing it.
            return web.Response(status=401, text="invalid request timestamp")
        try:
            body = (await request.read()).decode("utf-8")
            bolt_request = form_body.bolt_request(body, request.query_string,
                                                  dict(request.headers))
            response = await self.bolt.async_dispatch(bolt_request)
        except UNREADABLE as exc:
            log.info("unreadable request: %r", exc)
            return web.Response(status=400, text="malformed request: cannot be read")
        return await to_aiohttp_response(response)


def _plausible_timestamp(stamp: str) -> bool:
    """Whether a request's timestamp header is epoch seconds Slack could have sent."""
    return stamp.isascii() and stamp.isdigit() and len(stamp) <= 12


def status_routes(app: App) -> list[web.RouteDef]:
    """GET /healthz and GET /metrics, served on --port in both modes."""

    async def healthz(_: web.Request) -> web.Response:
        health = await app.health()
        return web.json_response(health, status=200 if health["ok"] else 503)

    async def metrics(request: web.Request) -> web.Response:
        body, content_type = await app.scrape(request.headers.get("Accept", ""))
        return web.Response(body=body, headers={"Content-Type": content_type})

    return [web.get("/healthz", healthz), web.get("/metrics", metrics)]


def web_app(app: App) -> web.Application:
    """The HTTP server: POST /slack/events, GET /healthz and /metrics, with the app's life."""

    async def on_startup(_: web.Application) -> None:
        await app.start()

    async def on_cleanup(_: web.Application) -> None:
        await app.stop()

    server = web.Application()
    server.add_routes([web.post("/slack/events", app.dispatch), *status_routes(app)])
    server.on_startup.append(on_startup)
    server.on_cleanup.append(on_cleanup)
    return server


async def serve_status(app: App, host: str, port: int) -> web.AppRunner:
    """Socket Mode's small HTTP server for GET /healthz and /metrics on host:port; stop it
    with its cleanup(). A port that cannot be had stops the start with one line."""
    server = web.Application()
    server.add_routes(status_routes(app))
    runner = web.AppRunner(server)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise _cannot_listen(host, port, exc) from None
    log.info("bvoip serving GET /healthz and /metrics on %s:%s", host, port)
    return runner


def _cannot_listen(host: str, port: int, exc: OSError) -> Exception:
    """The SettingsError for a port the process may not listen on (else `exc` itself)."""
    if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
        return exc
    return SettingsError(f"cannot listen on {host}:{port} ({os.strerror(exc.errno)}): "
                         "choose another --port or PORT")


async def serve_socket_mode(app: App, stop: asyncio.Event) -> None:
    """Connect over Socket Mode and serve until `stop` is set."""
    await app.start()
    assert app.bolt is not None
    handler = AsyncSocketModeHandler(app.bolt, app.settings.slack_app_token,
                                     web_client=app.client)
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
        await app.stop()


# ---------------------------------------------------------------------- bvoip run
def choose_mode(settings: Settings, args: argparse.Namespace) -> str:
    """Socket Mode when forced or when SLACK_APP_TOKEN is set, else HTTP."""
    if getattr(args, "socket", False):
        return "socket"
    if getattr(args, "http", False):
        return "http"
    return "socket" if settings.slack_app_token else "http"


def check_settings(settings: Settings, mode: str) -> None:
    """Stop the start with one clear line when a setting the mode needs is missing."""
    bot, app_token = settings.slack_bot_token, settings.slack_app_token
    if not bot:
        raise SettingsError("SLACK_BOT_TOKEN is required: copy the Bot User OAuth Token "
                            "(xoxb-…) from your app's OAuth & Permissions page")
    if not bot.startswith("xoxb-") or any(c.isspace() for c in bot):
        raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-, with no "
                            "spaces or line breaks in it")
    if mode == "http" and not settings.slack_signing_secret:
        raise SettingsError("SLACK_SIGNING_SECRET is required in HTTP mode: copy the Signing "
                            "Secret from your app's Basic Information page (or set "
                            "SLACK_APP_TOKEN to use Socket Mode instead)")
    if mode == "socket":
        if not app_token:
            raise SettingsError("SLACK_APP_TOKEN is required in Socket Mode: create an "
                                "app-level token (xapp-…) with connections:write")
        if not app_token.startswith("xapp-") or any(c.isspace() for c in app_token):
            raise SettingsError("SLACK_APP_TOKEN must be an app-level token starting with "
                                "xapp-, with no spaces or line breaks in it")


def check_database(settings: Settings) -> None:
    """Stop the start with one line naming BVOIP_DB when the database cannot be opened: no
    such folder or no rights for a file; a bad URL, a refused connection or wrong credentials
    for PostgreSQL."""
    try:
        Store(settings.db_path).close()
    except DatabaseUnavailable as exc:
        raise SettingsError(str(exc)) from None


async def check_tokens(settings: Settings, mode: str) -> None:
    """Stop the start when Slack refuses a token (auth.test, apps.connections.open); an
    unreachable Slack is not a refusal and is retried once running."""
    session = client_session(settings.slack_timeout)
    try:
        slack = Slack(build_client(settings.slack_bot_token or "", settings.slack_api_url,
                                   session))
        checks = [("SLACK_BOT_TOKEN", "auth.test", lambda: slack.client.auth_test(),
                   "reinstall the app and copy the Bot User OAuth Token (xoxb-…)")]
        if mode == "socket":
            checks.append(("SLACK_APP_TOKEN", "apps.connections.open",
                           lambda: slack.client.apps_connections_open(
                               app_token=settings.slack_app_token),
                           "create an app-level token (xapp-…) with connections:write on your "
                           "app's Basic Information page"))
        for name, method, call, fix in checks:
            try:
                await slack.call(method, call)
            except SlackRefused as exc:
                if exc.error in REFUSED_TOKEN:
                    raise SettingsError(f"{name} was refused by Slack ({exc.error}): {fix}") \
                        from None
            except SlackUnavailable:
                log.warning("Slack unreachable at start (%s): carrying on", method)
    finally:
        await session.close()


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Serve until interrupted; raises SettingsError for what must be fixed first."""
    mode = choose_mode(settings, args)
    check_settings(settings, mode)
    port = http_port(args.port)
    check_database(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # slack_sdk logs request details at DEBUG; keep them (and any token) out of the logs.
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    asyncio.run(check_tokens(settings, mode))
    app = App(settings, mode)
    if mode == "socket":
        asyncio.run(_socket_main(app, args.host, port))
        return 0
    try:
        web.run_app(web_app(app), host=args.host, port=port, print=lambda _: log.info(
            "bvoip serving Slack over HTTP on %s:%s (POST /slack/events, GET /healthz, "
            "GET /metrics)", args.host, port))
    except OSError as exc:
        raise _cannot_listen(args.host, port, exc) from None
    return 0


async def _socket_main(app: App, host: str, port: int) -> None:
    status = await serve_status(app, host, port)
    try:
        await _serve_until_signal(app)
    finally:
        await status.cleanup()


async def _serve_until_signal(app: App) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    serving = asyncio.create_task(serve_socket_mode(app, stop), name="socket mode")
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not serving.done():
        # serve_socket_mode sees `stop` only once connected; while it is still (re)connecting,
        # a signal would go unanswered, so it is cancelled after a grace period.
        done, _ = await asyncio.wait({serving}, timeout=STOP_GRACE_SECONDS)
        if not done:
            serving.cancel()
    try:
        await serving
    except asyncio.CancelledError:
        log.info("stopped while connecting over Socket Mode")
