"""Submissions of the small incident modals: resolve, progress, severity, ticket, call log."""

from __future__ import annotations

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot import incident_actions as act
from bot import modal_state as state
from bot.deps import Deps
from bot.ids import Block, Callback, IncidentRef
from bot.report import report_time_error, split_tickets, ticket_error
from bot.severity import Severity

GONE = "This incident no longer exists or is not yours to change."


class FollowupListeners:
    """view_submission of the modals opened from incident buttons."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def submitted(self, ack: AsyncAck, body: dict, view: dict,
                        client: AsyncWebClient) -> None:
        """Validate in the modal, ack, then act on the incident."""
        ref = IncidentRef.load(view.get("private_metadata"))
        incident = self.deps.store.incidents.get(ref.incident) if isinstance(
            ref, IncidentRef) else None
        team = (body.get("team") or {}).get("id")
        values = state.state_values(view)
        first_block = next(iter(values), Block.NOTES.value)
        if incident is None or (team and incident.team_id != team):
            await ack(response_action="errors", errors={first_block: GONE})
            return
        if not incident.is_open:
            await ack(response_action="errors",
                      errors={first_block: f"{incident.number} is already resolved."})
            return
        user = (body.get("user") or {}).get("id", "")
        callback = view.get("callback_id")
        notes = state.text(values, Block.NOTES)
        if callback == Callback.RESOLVE:
            await ack()
            await act.resolve(self.deps, client, incident, user, notes)
        elif callback == Callback.PROGRESS:
            if not notes.strip():
                await ack(response_action="errors", errors={Block.NOTES: "Say what has changed."})
                return
            await ack()
            await act.progress(self.deps, client, incident, user, notes)
        elif callback == Callback.SEVERITY:
            chosen = state.selected(values, Block.NEW_SEVERITY)
            if chosen not in ("1", "2"):
                await ack(response_action="errors",
                          errors={Block.NEW_SEVERITY: "Choose Severity 1 or Severity 2."})
                return
            await ack()
            await act.change_severity(self.deps, client, incident, user, Severity(int(chosen)),
                                      notes)
        elif callback == Callback.TICKET:
            await self._ticket(ack, values, incident, user, client)
        elif callback == Callback.CALLED and ref is not None and ref.level:
            contact = state.text(values, Block.CONTACT)
            promise = state.text(values, Block.PROMISE)
            errors = {}
            if not contact.strip():
                errors[Block.CONTACT] = "Whom did you speak with at AT&T?"
            if not promise.strip():
                errors[Block.PROMISE] = "What did they promise? (\"nothing yet\" is an answer)"
            if errors:
                await ack(response_action="errors", errors=errors)
                return
            await ack()
            await act.called(self.deps, client, incident, user, ref.level, contact, promise,
                             state.moment(values, Block.NEXT_UPDATE))
        else:
            await ack()

    async def _ticket(self, ack: AsyncAck, values: dict, incident, user: str,
                      client: AsyncWebClient) -> None:
        tickets = split_tickets(state.text(values, Block.TICKETS))
        problem = ticket_error(tickets) if tickets else "Enter the AOTS ticket number."
        if problem:
            await ack(response_action="errors", errors={Block.TICKETS: problem})
            return
        reported = state.moment(values, Block.REPORTED_AT)
        if reported is not None and (problem := report_time_error(reported, self.deps.now())):
            await ack(response_action="errors", errors={Block.REPORTED_AT: problem})
            return
        await ack()
        await act.add_tickets(self.deps, client, incident, user, tickets, reported)
