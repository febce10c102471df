"""The App Home tab: open outages, and a button to report a new one."""

from __future__ import annotations

import logging

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.followups import home_view
from bot.cards import slack_error
from bot.deps import Deps
from handlers.commands import open_report_modal

log = logging.getLogger(__name__)


class HomeListeners:
    """app_home_opened and the Home tab's button."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def opened(self, event: dict, body: dict, client: AsyncWebClient) -> None:
        """Publish the Home tab for the person who opened it."""
        if event.get("tab", "home") != "home":
            return
        team = body.get("team_id") or ""
        rows = [(i, self.deps.openings(i)) for i in self.deps.store.incidents.all_open()
                if not team or i.team_id == team]
        try:
            await client.views_publish(user_id=event["user"],
                                       view=home_view(rows, self.deps.now()))
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", slack_error(exc))

    async def new_report(self, ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        """'Report an outage' on the Home tab: the same form as /bvoip report."""
        await ack()
        user = body.get("user") or {}
        await open_report_modal(self.deps, client, body["trigger_id"], user.get("id", ""),
                                (body.get("team") or {}).get("id") or user.get("team_id", ""),
                                "")
