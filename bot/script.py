"""The escalation script: the six things AT&T asks for, filled in for an incident."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

NOT_REPORTED = "not reported to AT&T yet"


class ScriptFacts(BaseModel):
    """What an incident knows that AT&T asks for when escalating."""

    model_config = ConfigDict(frozen=True)

    business_name: str
    location: str
    reporter_name: str
    callback_phone: str
    tickets: list[str]
    reported_at: dt.datetime | None  # when AT&T was told; None when not yet
    affected_since: dt.datetime | None = None
    description: str
    action_requested: str


class ScriptLine(BaseModel):
    """One line of the script: what AT&T asks for, and the answer to read."""

    model_config = ConfigDict(frozen=True)

    asks_for: str
    answer: str


def humanize_duration(span: dt.timedelta) -> str:
    """'2 h 05 min', '45 min', '3 d 4 h' — how long, in the words read on a call."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def duration_line(facts: ScriptFacts, at: dt.datetime) -> str:
    """How long service has been affected, or the ticket open, at the moment `at`."""
    parts = []
    if facts.affected_since is not None:
        parts.append(f"service affected for {humanize_duration(at - facts.affected_since)}")
    if facts.reported_at is not None:
        parts.append(f"ticket open for {humanize_duration(at - facts.reported_at)}")
    return "; ".join(parts) or NOT_REPORTED


def escalation_script(facts: ScriptFacts, at: dt.datetime) -> list[ScriptLine]:
    """The six answers AT&T asks for, in its order, as they stand at `at`."""
    return [
        ScriptLine(
            asks_for="Business name & location",
            answer=f"{facts.business_name}, {facts.location}",
        ),
        ScriptLine(
            asks_for="Your name and telephone number",
            answer=f"{facts.reporter_name}, {facts.callback_phone}",
        ),
        ScriptLine(
            asks_for="AOTS ticket number(s)",
            answer=", ".join(facts.tickets) or NOT_REPORTED,
        ),
        ScriptLine(
            asks_for="Length of time the service has been affected or the ticket open",
            answer=duration_line(facts, at),
        ),
        ScriptLine(asks_for="Trouble description", answer=facts.description),
        ScriptLine(asks_for="Action or resolution requested", answer=facts.action_requested),
    ]
