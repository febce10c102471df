"""Builds the Slack side: one Web API client and the Bolt AsyncApp with every listener."""

from __future__ import annotations

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import Deps
from bot.ids import set_signing_key
from bot.request_shape import RejectMalformed
from bot.settings import Settings
from handlers import register


def build_client(settings: Settings, session: aiohttp.ClientSession) -> AsyncWebClient:
    """The process's one Web API client: Slack's retry handlers for 429s and 5xx."""
    client = AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        session=session,
        timeout=settings.slack_timeout,  # type: ignore[arg-type]  # aiohttp takes seconds as float
    )
    client.retry_handlers.extend([
        AsyncRateLimitErrorRetryHandler(max_retry_count=5),
        AsyncServerErrorRetryHandler(max_retry_count=3),
    ])
    return client


def build_app(deps: Deps, client: AsyncWebClient, socket_mode: bool) -> AsyncApp:
    """The Bolt app; HTTP requests are verified with the signing secret."""
    settings = deps.settings
    set_signing_key(settings.slack_signing_secret or settings.slack_app_token
                    or settings.slack_bot_token or "")
    app = AsyncApp(
        client=client,
        signing_secret=deps.settings.slack_signing_secret or "",
        request_verification_enabled=not socket_mode,
        process_before_response=False,
        before_authorize=RejectMalformed(),
    )
    register(app, deps)
    return app
