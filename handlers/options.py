"""Options loads: the report form's Site select finds sites as the reporter types (an
external_select, used when the directory holds more than 100 sites)."""

from __future__ import annotations

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.blocks.sites import site_options
from bot.service import IncidentService


async def sites(ack: AsyncAck, payload: dict, context: AsyncBoltContext) -> None:
    """The sites whose name or alias holds what was typed, best first, then "Not listed"."""
    service: IncidentService = context["service"]
    typed = payload.get("value")
    matches = await service.sites.search(typed if isinstance(typed, str) else "")
    await ack(**site_options(matches))
