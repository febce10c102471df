"""The report modal: live severity as symptoms change, validation, and opening the incident."""

from __future__ import annotations

import logging

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import blocks
from bot.cards import post_card, slack_error
from bot.deps import Deps
from bot.ids import ReportMeta
from bot.incident import NewIncident
from bot.report import ValidReport, draft_from_state, validate

log = logging.getLogger(__name__)


def _state(view: dict) -> dict:
    values = (view.get("state") or {}).get("values")
    return values if isinstance(values, dict) else {}


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

    async def symptoms_changed(self, ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        """Redraw the modal so the severity it shows follows the symptoms and scope."""
        await ack()
        view = body.get("view") or {}
        meta = ReportMeta.load(view.get("private_metadata"))
        if meta is None or not view.get("id"):
            return
        draft = draft_from_state(_state(view))
        try:
            await client.views_update(view_id=view["id"], hash=view.get("hash"),
                                      view=blocks.report_modal(draft, meta))
        except SlackApiError as exc:  # hash_conflict: a newer change is already on its way
            log.info("views.update skipped: %s", slack_error(exc))

    async def submitted(self, ack: AsyncAck, body: dict, view: dict,
                        client: AsyncWebClient) -> None:
        """Validate (answering errors in the modal), then store once and post the card."""
        meta = ReportMeta.load(view.get("private_metadata"))
        if meta is None or not view.get("id"):
            await ack(response_action="errors", errors={
                "description": "This form is out of date: close it and run /bvoip report again."})
            return
        result = validate(draft_from_state(_state(view)), self.deps.now(), meta.from_dm)
        if isinstance(result, dict):
            await ack(response_action="errors", errors=result)
            return
        await ack()
        new = _new_incident(result, meta, body, view["id"], self.deps)
        incident, created = self.deps.store.incidents.create(new)
        if not created:
            return
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
