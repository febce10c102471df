"""`bvoip run`: choose the mode, check the settings it needs, and serve."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import signal
import sqlite3

import aiohttp
from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.runtime import Runtime, serve_socket_mode, web_app
from bot.settings import Settings, SettingsError
from storage import Store

log = logging.getLogger(__name__)
DEFAULT_PORT = 3000
# Slack's answers to a token it will never accept: retrying (as the Socket Mode client does,
# forever) cannot help, so the start stops instead.
REFUSED_TOKEN = {"invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked",
                 "token_expired", "account_inactive"}
STOP_GRACE_SECONDS = 2.0


def choose_mode(settings: Settings, args: argparse.Namespace) -> str:
    """Socket Mode when forced or when SLACK_APP_TOKEN is set, else HTTP."""
    if getattr(args, "socket", False):
        return "socket"
    if getattr(args, "http", False):
        return "http"
    return "socket" if settings.slack_app_token else "http"


def check_settings(settings: Settings, mode: str) -> None:
    """Stop the start with one clear line when a setting the mode needs is missing."""
    if not settings.slack_bot_token:
        raise SettingsError("SLACK_BOT_TOKEN is required: copy the Bot User OAuth Token "
                            "(xoxb-…) from your app's OAuth & Permissions page")
    if not settings.slack_bot_token.startswith("xoxb-"):
        raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    if mode == "http" and not settings.slack_signing_secret:
        raise SettingsError("SLACK_SIGNING_SECRET is required in HTTP mode: copy the Signing "
                            "Secret from your app's Basic Information page")
    if mode == "socket":
        if not settings.slack_app_token:
            raise SettingsError("SLACK_APP_TOKEN is required in Socket Mode: create an "
                                "app-level token (xapp-…) with connections:write")
        if not settings.slack_app_token.startswith("xapp-"):
            raise SettingsError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")


def check_database(settings: Settings) -> None:
    """Stop the start with one line when BVOIP_DB cannot be opened (no such folder, no rights)."""
    try:
        Store(settings.db_path).close()
    except sqlite3.Error as exc:
        raise SettingsError(f"BVOIP_DB: cannot open {settings.db_path!r} ({exc}): point it at a "
                            "file in a folder the app can write") from None


def _port(args: argparse.Namespace) -> int:
    if args.port is not None:
        if not 0 < args.port < 65536:
            raise SettingsError(f"--port must be a port number (1-65535), not {args.port}")
        return args.port
    raw = os.environ.get("PORT", str(DEFAULT_PORT))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"PORT must be a port number, not {raw!r}")
    return int(raw)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Serve until interrupted; raises SettingsError for what must be fixed first."""
    mode = choose_mode(settings, args)
    check_settings(settings, mode)
    port = _port(args)
    check_database(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # slack_sdk logs request details at DEBUG; keep them (and any token) out of the logs.
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    runtime = Runtime(settings, mode)
    if mode == "http":
        try:
            web.run_app(web_app(runtime), host=args.host, port=port,
                        print=lambda _: logging.getLogger("bvoip").info(
                            "bvoip serving Slack over HTTP on %s:%s (POST /slack/events, "
                            "GET /healthz)", args.host, port))
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                raise
            raise SettingsError(f"cannot listen on {args.host}:{port} ({exc.strerror}): "
                                "choose another --port or PORT") from None
        return 0
    asyncio.run(_socket_main(runtime))
    return 0


async def check_app_token(settings: Settings) -> None:
    """Stop the start when Slack refuses SLACK_APP_TOKEN; an unreachable Slack is retried."""
    client = AsyncWebClient(base_url=settings.slack_api_url, timeout=10)
    try:
        await client.apps_connections_open(app_token=settings.slack_app_token)
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error in REFUSED_TOKEN:
            raise SettingsError(f"SLACK_APP_TOKEN was refused by Slack ({error}): create an "
                                "app-level token (xapp-…) with connections:write on your app's "
                                "Basic Information page") from None
    except (aiohttp.ClientError, TimeoutError):
        pass  # Slack unreachable for now: the Socket Mode client keeps trying


async def _socket_main(runtime: Runtime) -> None:
    await check_app_token(runtime.settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    serving = asyncio.create_task(serve_socket_mode(runtime, stop), name="socket mode")
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
