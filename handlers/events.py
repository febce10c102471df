"""Workspace events: the bot invited to a channel, and the App Home tab opened."""

from __future__ import annotations

import logging

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot import records_slack
from bot.blocks.followups import home_view
from bot.service import IncidentService
from bot.slack import SlackFailure

log = logging.getLogger(__name__)


async def member_joined(event: dict, context: AsyncBoltContext) -> None:
    """The bot joined a channel: what waited for it there goes out now."""
    if event.get("user") and event.get("user") == context.bot_user_id and event.get("channel"):
        await context["service"].channel_fixed(event["channel"])


async def home_opened(event: dict, context: AsyncBoltContext, client: AsyncWebClient) -> None:
    """Publish the Home tab for the person who opened it: the outages they may see."""
    if event.get("tab", "home") != "home" or not context.user_id:
        return
    await publish_home(context["service"], client, context.team_id, context.user_id)


async def publish_home(service: IncidentService, client: AsyncWebClient, team_id: str | None,
                       user_id: str) -> None:
    """(Re)publish a person's Home tab: the open outages they may see, by site, and the
    site directory."""
    visible = await service.visible_open(team_id, user_id)
    rows = [(i, service.openings(i)) for i in visible]
    records = await records_slack.home_scorecard(service, team_id or "", user_id)
    sites = await service.sites.all()
    try:
        await service.slack.call("views.publish", lambda: client.views_publish(
            user_id=user_id, view=home_view(rows, service.now(), sites, records)))
    except SlackFailure as exc:
        log.warning("views.publish failed: %s", exc.error)
