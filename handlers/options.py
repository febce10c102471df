"""Options loads: the report form's Site select finds sites as the reporter types (an
external_select, used when the directory holds more than 100 sites)."""

from __future__ import annotations

import logging

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.blocks.sites import site_options
from bot.service import IncidentService
from handlers.middleware import in_time

log = logging.getLogger(__name__)


async def sites(ack: AsyncAck, payload: dict, context: AsyncBoltContext) -> None:
    """The sites whose name or alias holds what was typed, best first, then "Not listed"."""
    service: IncidentService = context["service"]
    typed = payload.get("value")
    try:
        matches = await in_time(service.sites.search(typed if isinstance(typed, str) else ""))
    except Exception as exc:  # a busy database must not hold the answer past Slack's time
        log.warning("sites not searched in time: %r", exc)
        matches = []
    await ack(**site_options(matches))
