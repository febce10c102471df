"""The two servers `python -m bench.ack` measures, each run in its own child process: the
real app, and the framework's floor (a bare Bolt app that acks and opens a one-field modal)."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from aiohttp import web

from bench.common import SIGNING_SECRET, announce_ready, until_stopped

REPORT_CALLBACK = "report_outage"
FLOOR_CALLBACK = "floor_report"
FLOOR_MODAL = {
    "type": "modal",
    "callback_id": FLOOR_CALLBACK,
    "title": {"type": "plain_text", "text": "Report phone outage"},
    "submit": {"type": "plain_text", "text": "Report"},
    "blocks": [{
        "type": "input", "block_id": "what",
        "label": {"type": "plain_text", "text": "What is wrong"},
        "element": {"type": "plain_text_input", "action_id": "value"},
    }],
}


def configure_logging() -> None:
    """As `bvoip run` does (bot/runner.py), to stderr (the child's log file)."""
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)


async def serve(application: web.Application) -> None:
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    announce_ready(int(runner.addresses[0][1]))
    try:
        await until_stopped()
    finally:
        await runner.cleanup()


async def serve_app(fake_url: str, db_path: str) -> None:
    from bot.server import App, web_app
    from bot.settings import load_settings

    settings = load_settings(slack_bot_token="xoxb-test-token",
                             slack_signing_secret=SIGNING_SECRET,
                             slack_api_url=fake_url, db_path=db_path)
    await serve(web_app(App(settings, "http")))


def floor_app(fake_url: str) -> web.Application:
    """The framework's floor: Bolt, acking and opening a one-field modal."""
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    holder: dict[str, Any] = {}

    async def on_startup(_: web.Application) -> None:
        session = aiohttp.ClientSession()
        client = AsyncWebClient(token="xoxb-test-token", base_url=fake_url, session=session)
        bolt = AsyncApp(client=client, signing_secret=SIGNING_SECRET,
                        process_before_response=False)

        @bolt.command("/bvoip")
        async def command(ack: Any, command: dict, client: AsyncWebClient) -> None:
            await ack()
            await client.views_open(trigger_id=command["trigger_id"], view=FLOOR_MODAL)

        @bolt.view(FLOOR_CALLBACK)
        async def submitted(ack: Any) -> None:
            await ack()

        holder.update(session=session, bolt=bolt)

    async def on_cleanup(_: web.Application) -> None:
        await holder["session"].close()

    async def events(request: web.Request) -> web.Response:
        response = await holder["bolt"].async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    application = web.Application()
    application.add_routes([web.post("/slack/events", events)])
    application.on_startup.append(on_startup)
    application.on_cleanup.append(on_cleanup)
    return application
