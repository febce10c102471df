"""Timeline entries as people read them: the line kept on the timeline (and shown by
`/bvoip status`), the message in the card's thread, and the card's "last update" — all three
rendered from the one typed entry a change writes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.blocks.text import escape, local_time, slack_date, truncate
from bot.clock import from_epoch
from bot.incident import TimelineEntry
from bot.incident import TimelineKind as K
from bot.severity import Severity

_NOT_A_CODE = re.compile(r"\W")


def _sev(value: Any) -> str:
    return Severity(int(value)).label


def _moment(details: dict[str, Any], key: str) -> dt.datetime | None:
    return from_epoch(details.get(key))


def entry_text(kind: K, details: dict[str, Any], zone: dt.tzinfo) -> str:
    """The plain line on the timeline, times in the site's zone."""
    d = details
    if kind is K.REPORTED:
        return f"Reported: {_sev(d['severity'])} at {d['location']}"
    if kind is K.SEVERITY_OVERRIDE:
        return (f"Severity set to {_sev(d['severity'])} by the reporter "
                f"(the rules give {_sev(d['classified'])})")
    if kind is K.SEVERITY_CHANGED:
        why = f": {d['why']}" if d.get("why") else ""
        return f"Severity changed from {_sev(d['from'])} to {_sev(d['to'])}{why}"
    if kind is K.TICKET_ADDED:
        started = _moment(d, "clock_started")
        clock = f"; the escalation clock started {local_time(started, zone)}" if started else ""
        return f"AOTS ticket {', '.join(d['tickets'])} added{clock}"
    if kind is K.PROGRESS:
        return str(d["notes"])
    if kind is K.CALLED:
        upcoming = _moment(d, "next_update")
        expected = f"; next update expected {local_time(upcoming, zone)}" if upcoming else ""
        return (f"Called Level {d['level']}: spoke with {d['contact']}; "
                f"promised: {d['promise']}{expected}")
    if kind is K.RESOLVED:
        return "Resolved" + (f": {d['notes']}" if d.get("notes") else "")
    if kind is K.CARD_POSTED:
        return "Card posted in the channel"
    if kind is K.CARD_FAILED:
        return f"Card could not be posted ({d['error']})"
    if kind is K.LEVEL_OPENED:
        late = f", {d['late_minutes']:.0f} min late" if d.get("late_minutes") else ""
        return f"Level {d['level']} ({d['name']}) opened; posted in the thread{late}"
    if kind is K.RECORD_FAILED:
        return f"Outage record files (chart, PDF, CSV) could not be uploaded ({d['error']})"
    return f"Level {d['level']} opened but could not be posted ({d['error']})"


def thread_note(title: str, body: str, by: str | None) -> str:
    """A titled line for the thread (user text escaped)."""
    who = f" <@{by}>" if by else ""
    return truncate(f"*{title}*{who}: {escape(body)}", 3000)


def thread_message(entry: TimelineEntry) -> str | None:
    """What the card's thread says about the entry (None: nothing, or said elsewhere)."""
    d, by = entry.details, entry.actor
    if entry.kind is K.PROGRESS:
        return thread_note("Progress update", d["notes"], by)
    if entry.kind is K.SEVERITY_CHANGED:
        return thread_note("Severity changed", entry.text, by)
    if entry.kind is K.TICKET_ADDED:
        started = _moment(d, "clock_started")
        clock = f"; the escalation clock started {slack_date(started)}" if started else ""
        return truncate(f"*Ticket*{f' <@{by}>' if by else ''}: "
                        f"AOTS ticket {escape(', '.join(d['tickets']))} added{clock}", 3000)
    if entry.kind is K.CALLED:
        shown = thread_note(f"Called Level {d['level']}",
                            f"spoke with {d['contact']}; promised: {d['promise']}", by)
        upcoming = _moment(d, "next_update")
        return shown + (f"\nNext update expected {slack_date(upcoming)}" if upcoming else "")
    if entry.kind is K.RECORD_FAILED:
        code = _NOT_A_CODE.sub("", str(d["error"]))  # Slack's code as code, nothing else
        return (f":warning: The outage record's files (chart, PDF, CSV) could not be uploaded "
                f"(`{code}`). `bvoip export` still has this outage's row.")
    return None


def last_update(entry: TimelineEntry) -> str | None:
    """The card's "last update" after the entry (None: the card keeps what it had)."""
    d = entry.details
    return {
        K.PROGRESS: lambda: str(d["notes"]),
        K.SEVERITY_CHANGED: lambda: f"now {_sev(d['to'])}",
        K.TICKET_ADDED: lambda: "ticket added",
        K.CALLED: lambda: f"Level {d['level']} called",
        K.RESOLVED: lambda: "resolved",
        K.LEVEL_OPENED: lambda: f"Level {d['level']} open",
    }.get(entry.kind, lambda: None)()
