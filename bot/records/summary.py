"""The outage record's summary as plain label/value pairs (times in the site's zone), for
the PDF and anything else that is not Slack."""

from __future__ import annotations

import datetime as dt

from bot.records.record import OutageRecord
from bot.script import humanize_duration


def when(moment: dt.datetime | None, record: OutageRecord) -> str:
    """A moment in the site's zone, e.g. 'Tue 2026-11-24 10:05 CST', or 'not given'."""
    if moment is None:
        return "not given"
    return moment.astimezone(record.zone).strftime("%a %Y-%m-%d %H:%M %Z")


def severity_story(record: OutageRecord) -> str:
    """'Severity 1 (High)', with each change: '; was Severity 2 (Medium) until 10:05 CST'."""
    text = record.severity.label
    for change in record.severity_changes:
        who = f" by {change.by}" if change.by else ""
        text += (f"; {change.before.label} → {change.after.label}{who} "
                 f"{when(change.at, record)}")
    return text


def summary_facts(record: OutageRecord) -> list[tuple[str, str]]:
    """The summary the issue asks for, in order, as (label, value)."""
    duration = record.duration
    facts = [
        ("Outage", record.number),
        ("Business", record.business),
        ("Site", record.site),
        ("Severity", severity_story(record)),
        ("AOTS ticket(s)", ", ".join(record.tickets) or "none given"),
        ("Service affected since", when(record.started_at, record)),
        ("Reported to AT&T", when(record.reported_at, record)),
        ("Restored", when(record.restored_at, record) if record.restored_at else "still open"),
        ("Duration", humanize_duration(duration) if duration is not None else "still open"),
        ("Highest level reached",
         f"Level {record.highest_level}" if record.highest_level else "none (resolved before "
         "Level 1)" if not record.is_open else "none yet"),
    ]
    for level in record.levels:
        facts.append((f"Level {level.level} opened", when(level.opened_at, record)))
    for call in record.calls:
        head = f"Level {call.level} call" if call.level else "Call"
        said = f"spoke with {call.spoke_with}; promised: {call.promised}"
        if call.next_update:
            said += f"; next update expected {call.next_update}"
        facts.append((head, f"{when(call.at, record)}: {said}"))
    if record.fix:
        facts.append(("What fixed it", record.fix))
    return facts
