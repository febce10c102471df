"""`/bvoip`: report opens the form at once; help, matrix, list and status answer privately."""

from __future__ import annotations

import asyncio
import logging
import re

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import blocks
from bot.blocks.text import unescape
from bot.cards import post_waiting_cards, slack_error
from bot.deps import Deps
from bot.ids import ReportMeta
from bot.report import ReportDraft
from bot.severity import extract

log = logging.getLogger(__name__)
INCIDENT_RE = re.compile(r"^(?:inc)?[-#\s]*(\d{1,9})$", re.IGNORECASE)
# A trigger_id lives about three seconds: the profile may use only part of them (a slow or
# rate-limited users.info would otherwise retry past it, and the form would never open).
PROFILE_BUDGET_SECONDS = 1.5


def _prefill(user: dict, text: str, channel_id: str, now_epoch: int,
             default_zone: str) -> ReportDraft:
    profile = user.get("profile") or {}
    found = extract(text) if text else None
    return ReportDraft(
        reporter_name=profile.get("real_name") or user.get("real_name") or "",
        callback_phone=profile.get("phone") or "",
        reported_at=now_epoch,
        symptoms=found.symptoms if found else [],
        scope=found.scope if found else None,
        description=text,
        channel_id=None if not channel_id or channel_id.startswith("D") else channel_id,
        timezone=user.get("tz") or default_zone,
    )


async def open_report_modal(deps: Deps, client: AsyncWebClient, trigger_id: str, user_id: str,
                            team_id: str, channel_id: str, text: str = "") -> str | None:
    """Open the report modal, pre-filled from the reporter's profile and their words;
    returns Slack's error when it would not open."""
    user: dict = {}
    try:
        found = await asyncio.wait_for(client.users_info(user=user_id), PROFILE_BUDGET_SECONDS)
        user = found.get("user") or {}
    except SlackApiError as exc:  # the form still opens, just without the profile
        log.warning("users.info failed: %s", slack_error(exc))
    except TimeoutError:
        log.warning("users.info took over %ss: opening the form without the profile",
                    PROFILE_BUDGET_SECONDS)
    draft = _prefill(user, text, channel_id, int(deps.now().timestamp()), deps.settings.timezone)
    meta = ReportMeta(channel_id=channel_id, team_id=team_id,
                      from_dm=not channel_id or channel_id.startswith("D"))
    try:
        await client.views_open(trigger_id=trigger_id, view=blocks.report_modal(draft, meta))
    except SlackApiError as exc:
        log.warning("views.open failed: %s", slack_error(exc))
        return slack_error(exc)
    return None


class CommandListeners:
    """The /bvoip slash command."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def bvoip(self, ack: AsyncAck, command: dict, client: AsyncWebClient,
                    respond: AsyncRespond) -> None:
        """Route `/bvoip <subcommand>`; `report` must open its modal within the trigger's life."""
        # Slack sends the words as typed but with &, < and > encoded: the form shows them as typed.
        text = unescape(command.get("text") or "").strip()
        word, _, rest = text.partition(" ")
        sub = word.lower()
        if sub == "report":
            await ack()
            await self.deps.acks.after_acks()
            error = await open_report_modal(
                self.deps, client, command["trigger_id"], command["user_id"],
                command.get("team_id") or "", command.get("channel_id") or "", rest.strip())
            if error is not None:  # otherwise the reporter would see nothing at all
                await respond(text=f":warning: The report form did not open ({error}). "
                                   "Run `/bvoip report` again.")
            return
        if sub in ("", "help"):
            await ack(text=blocks.help_text(), blocks=blocks.help_blocks())
        elif sub == "matrix":
            await ack(text="AT&T escalation matrix", blocks=blocks.matrix_blocks(self.deps.matrix))
        elif sub == "list":
            await ack(text="Open outages in this channel", blocks=self._list(command))
        elif sub == "status":
            await ack(**self._status(command, rest.strip()))
        else:
            await ack(text=blocks.help_text(word), blocks=blocks.help_blocks(word))
        await self.deps.acks.after_acks()
        # A command in a channel is a good moment to post cards that were waiting for it.
        await post_waiting_cards(self.deps, client, command.get("channel_id"))

    def _list(self, command: dict) -> list[dict]:
        rows = [(i, self.deps.openings(i))
                for i in self.deps.store.incidents.open_in_channel(command.get("channel_id", ""))
                if i.team_id == command.get("team_id")]
        return blocks.list_blocks(rows, self.deps.now())

    def _status(self, command: dict, ref: str) -> dict:
        match = INCIDENT_RE.match(ref)
        if not match:
            return {"text": "Which incident? Use `/bvoip status INC-12` (the number on its card)."}
        incident = self.deps.store.incidents.get(int(match[1]))
        if incident is None or incident.team_id != command.get("team_id"):
            return {"text": f"There is no incident INC-{int(match[1])}. `/bvoip list` shows the "
                            "open ones in this channel."}
        entries = self.deps.store.timeline.for_incident(incident.id)
        return {"text": f"{incident.number}: {incident.severity.label}",
                "blocks": blocks.status_blocks(incident, self.deps.openings(incident),
                                               self.deps.matrix, self.deps.now(), entries)}
