"""Buttons on the card, the level posts and App Home: each opens its small modal."""

from __future__ import annotations

import logging

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import followups
from bot.cards import slack_error
from bot.deps import Deps
from bot.ids import Action, IncidentRef
from bot.incident import Incident

log = logging.getLogger(__name__)


class ActionListeners:
    """block_actions of the incident buttons."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def _incident(self, body: dict, action: dict) -> tuple[Incident | None, IncidentRef | None]:
        ref = IncidentRef.load(action.get("value"))
        if not isinstance(ref, IncidentRef):
            return None, None
        incident = self.deps.store.incidents.get(ref.incident)
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
        if incident is None or (team and incident.team_id != team):
            return None, ref
        return incident, ref

    async def button(self, ack: AsyncAck, body: dict, action: dict,
                     client: AsyncWebClient) -> None:
        """Open the modal that goes with the pressed button."""
        await ack()
        await self.deps.acks.after_acks()
        incident, ref = self._incident(body, action)
        user = (body.get("user") or {}).get("id", "")
        if incident is None or ref is None:
            return
        if not incident.is_open:
            await self._tell(client, body, user, f"{incident.number} is already resolved.")
            return
        kind = action.get("action_id")
        if kind == Action.RESOLVE:
            view = followups.resolve_modal(incident)
        elif kind == Action.PROGRESS:
            view = followups.progress_modal(incident)
        elif kind == Action.CHANGE_SEVERITY:
            view = followups.severity_modal(incident)
        elif kind == Action.ADD_TICKET:
            view = followups.ticket_modal(incident, self.deps.now())
        elif kind == Action.CALLED and ref.level:
            view = followups.called_modal(incident, ref.level)
        else:
            return
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError as exc:
            log.warning("views.open failed: %s", slack_error(exc))

    async def _tell(self, client: AsyncWebClient, body: dict, user: str, text: str) -> None:
        channel = (body.get("channel") or {}).get("id")
        if not channel:
            return
        try:
            await client.chat_postEphemeral(channel=channel, user=user, text=text)
        except SlackApiError as exc:
            log.info("ephemeral failed: %s", slack_error(exc))
