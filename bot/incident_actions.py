"""What people do to an incident: resolve, change severity, add tickets, log progress and
calls. Each writes the timeline, tells the thread and keeps the card current."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.reminder import resolved_text, thread_note
from bot.blocks.text import local_time, slack_date
from bot.cards import refresh_card, slack_error
from bot.deps import Deps
from bot.incident import Incident
from bot.schedule import open_levels
from bot.severity import Severity

log = logging.getLogger(__name__)


async def post_in_thread(client: AsyncWebClient, incident: Incident, text: str,
                         broadcast: bool = False) -> bool:
    """A message in the incident's thread (in the channel itself if the card is not up)."""
    try:
        await client.chat_postMessage(channel=incident.channel_id, thread_ts=incident.card_ts,
                                      reply_broadcast=broadcast and incident.card_ts is not None,
                                      text=text, unfurl_links=False, unfurl_media=False)
        return True
    except SlackApiError as exc:
        log.warning("could not post in the thread of %s: %s", incident.number, slack_error(exc))
        return False


def _reload(deps: Deps, incident: Incident) -> Incident:
    return deps.store.incidents.get(incident.id) or incident


async def resolve(deps: Deps, client: AsyncWebClient, incident: Incident, by: str,
                  notes: str) -> bool:
    """Close the outage: stop every pending level, update the card, post the closing line."""
    now = deps.now()
    if not deps.store.incidents.resolve(incident.id, now, notes.strip()):
        return False
    deps.store.levels.cancel_pending(incident.id)
    deps.changed.set()
    resolved = _reload(deps, incident)
    reached = open_levels(deps.openings(incident), now)
    highest = reached[-1].level if reached else None
    deps.store.timeline.add(incident.id, now, "resolved",
                            "Resolved" + (f": {notes.strip()}" if notes.strip() else ""),
                            actor=by)
    await refresh_card(deps, client, resolved, last_update="resolved")
    await post_in_thread(client, resolved, resolved_text(resolved, highest, by), broadcast=True)
    return True


async def change_severity(deps: Deps, client: AsyncWebClient, incident: Incident, by: str,
                          severity: Severity, why: str) -> bool:
    """Set the severity; pending levels are recounted from the original report time and
    levels already open under the new severity are announced at once by the loop."""
    if severity == incident.severity:
        return False
    now = deps.now()
    reasons = incident.severity_reasons
    deps.store.incidents.set_severity(incident.id, severity, by, reasons)
    changed = _reload(deps, incident)
    text = f"Severity changed from {incident.severity.label} to {severity.label}"
    if why.strip():
        text += f": {why.strip()}"
    deps.store.timeline.add(incident.id, now, "severity_changed", text, actor=by)
    deps.schedule_levels(changed)
    await refresh_card(deps, client, changed, last_update=f"now {severity.label}")
    await post_in_thread(client, changed, thread_note("Severity changed", text, by))
    return True


async def add_tickets(deps: Deps, client: AsyncWebClient, incident: Incident, by: str,
                      tickets: list[str], reported_at: dt.datetime | None) -> None:
    """Add AOTS ticket numbers; the first one starts the escalation clock."""
    now = deps.now()
    merged = list(dict.fromkeys([*incident.tickets, *tickets]))
    starts_clock = incident.reported_at is None
    clock_start = (reported_at or now) if starts_clock else incident.reported_at
    deps.store.incidents.set_tickets(incident.id, merged, clock_start)
    updated = _reload(deps, incident)
    text = f"AOTS ticket {', '.join(tickets)} added"
    if starts_clock and clock_start is not None:
        text += (f"; the escalation clock started "
                 f"{local_time(clock_start, ZoneInfo(incident.timezone))}")
        deps.schedule_levels(updated)
    deps.store.timeline.add(incident.id, now, "ticket_added", text, actor=by)
    await refresh_card(deps, client, updated, last_update="ticket added")
    note = text if not starts_clock or clock_start is None else (
        f"AOTS ticket {', '.join(tickets)} added; the escalation clock started "
        f"{slack_date(clock_start)}")
    await post_in_thread(client, updated, thread_note("Ticket", note, by))


async def progress(deps: Deps, client: AsyncWebClient, incident: Incident, by: str,
                   text: str) -> None:
    """A progress update: timeline, thread and the card's last update."""
    deps.store.timeline.add(incident.id, deps.now(), "progress", text.strip(), actor=by)
    await refresh_card(deps, client, incident, last_update=text.strip())
    await post_in_thread(client, incident, thread_note("Progress update", text, by))


async def called(deps: Deps, client: AsyncWebClient, incident: Incident, by: str, level: int,
                 contact: str, promise: str, next_update: dt.datetime | None) -> None:
    """A call to AT&T at a level: who was reached, what they promised, the next update."""
    text = f"Called Level {level}: spoke with {contact.strip()}; promised: {promise.strip()}"
    if next_update is not None:
        text += f"; next update expected {local_time(next_update, ZoneInfo(incident.timezone))}"
    deps.store.timeline.add(incident.id, deps.now(), "called", text, actor=by)
    await refresh_card(deps, client, incident, last_update=f"Level {level} called")
    shown = thread_note(f"Called Level {level}",
                        f"spoke with {contact.strip()}; promised: {promise.strip()}", by)
    if next_update is not None:
        shown += f"\nNext update expected {slack_date(next_update)}"
    await post_in_thread(client, incident, shown)
