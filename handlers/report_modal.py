"""The report modal: live severity as symptoms change, validation, and opening the incident."""

from __future__ import annotations

import logging
from collections import OrderedDict

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import blocks
from bot.cards import post_card, slack_error
from bot.deps import Deps
from bot.ids import ReportMeta
from bot.incident import NewIncident
from bot.modal_state import state_values
from bot.report import ValidReport, draft_from_state, validate

log = logging.getLogger(__name__)
REDRAWS_REMEMBERED = 1000  # open report modals whose newest change is remembered


def _action_ts(body: dict) -> float:
    actions = body.get("actions") or [{}]
    try:
        return float(actions[0].get("action_ts") or 0)
    except (TypeError, ValueError):
        return 0.0


def _new_incident(report: ValidReport, meta: ReportMeta, body: dict, view_id: str,
                  deps: Deps) -> NewIncident:
    draft = report.draft
    result = draft.classification()
    user_id = body["user"]["id"]
    overridden = draft.override is not None and draft.override != result.severity
    return NewIncident(
        team_id=meta.team_id or (body.get("team") or {}).get("id", ""),
        channel_id=report.channel_id,
        reporter_id=user_id,
        submission_key=view_id,
        business_name=draft.business_name.strip(),
        location=draft.site.strip(),
        reporter_name=draft.reporter_name.strip(),
        callback_phone=report.callback_phone,
        tickets=report.tickets,
        reported_at=report.reported_at,
        affected_since=report.affected_since,
        symptoms=result.symptoms,
        scope=result.scope,
        classified_severity=result.severity,
        severity=draft.severity,
        severity_reasons=result.reasons,
        severity_override_by=user_id if overridden else None,
        description=draft.description.strip(),
        action_requested=draft.action_requested.strip(),
        timezone=draft.timezone,
        created_at=deps.now(),
    )


class ReportModalListeners:
    """Listeners of the report modal."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._newest_change: OrderedDict[str, float] = OrderedDict()  # view id -> action_ts

    def _is_newest(self, view_id: str, action_ts: float) -> bool:
        """Whether no later change of this modal has been seen (changes arrive out of order)."""
        return action_ts >= self._newest_change.get(view_id, 0.0)

    def _note_change(self, view_id: str, action_ts: float) -> None:
        self._newest_change[view_id] = action_ts
        self._newest_change.move_to_end(view_id)
        while len(self._newest_change) > REDRAWS_REMEMBERED:
            self._newest_change.popitem(last=False)

    async def symptoms_changed(self, ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        """Redraw the modal so the severity it shows follows the symptoms and scope."""
        await ack()
        await self.deps.acks.after_acks()
        view = body.get("view") or {}
        meta = ReportMeta.load(view.get("private_metadata"))
        if meta is None or not view.get("id"):
            return
        action_ts = _action_ts(body)
        if not self._is_newest(view["id"], action_ts):
            return
        self._note_change(view["id"], action_ts)
        modal = blocks.report_modal(draft_from_state(state_values(view)), meta)
        try:
            await client.views_update(view_id=view["id"], hash=view.get("hash"), view=modal)
        except SlackApiError as exc:
            # hash_conflict: an earlier change was redrawn after the client sent this one. This
            # payload's state holds every change so far, so it wins unless a later one came.
            if slack_error(exc) != "hash_conflict" or not self._is_newest(view["id"], action_ts):
                log.info("views.update skipped: %s", slack_error(exc))
                return
            try:
                await client.views_update(view_id=view["id"], view=modal)
            except SlackApiError as again:
                log.info("views.update skipped: %s", slack_error(again))

    async def submitted(self, ack: AsyncAck, body: dict, view: dict,
                        client: AsyncWebClient) -> None:
        """Validate (answering errors in the modal), then store once and post the card."""
        meta = ReportMeta.load(view.get("private_metadata"))
        if meta is None or not view.get("id"):
            await ack(response_action="errors", errors={
                "description": "This form is out of date: close it and run /bvoip report again."})
            return
        result = validate(draft_from_state(state_values(view)), self.deps.now(), meta.from_dm)
        if isinstance(result, dict):
            await ack(response_action="errors", errors=result)
            return
        await ack()
        new = _new_incident(result, meta, body, view["id"], self.deps)
        incident, created = self.deps.store.incidents.create(new)
        if not created:
            return
        await self.deps.acks.after_acks()
        timeline = self.deps.store.timeline
        timeline.add(incident.id, new.created_at, "reported",
                     f"Reported: {incident.severity.label} at {incident.location}",
                     actor=incident.reporter_id)
        if incident.severity_override_by:
            timeline.add(incident.id, new.created_at, "severity_override",
                         f"Severity set to {incident.severity.label} by the reporter "
                         f"(the rules give {incident.classified_severity.label})",
                         actor=incident.reporter_id)
        self.deps.schedule_levels(incident)
        await post_card(self.deps, client, incident)
