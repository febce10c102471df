"""An outage as the app knows it: what the reporter gave, its severity and its state."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from bot.matrix import Matrix, display_number
from bot.script import ScriptFacts
from bot.severity import Scope, Severity, Symptom


class Status(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class NewIncident(ScriptFacts):
    """What a valid report modal gives: everything needed to open an incident (the facts
    the escalation script reads, with the callback phone as E.164, and the rest)."""

    team_id: str
    channel_id: str
    reporter_id: str
    submission_key: str  # the Slack view id: a repeated submission opens no second incident
    tickets: list[str] = Field(default_factory=list)
    symptoms: list[Symptom]
    scope: Scope
    classified_severity: Severity
    severity: Severity
    severity_reasons: list[str]
    severity_override_by: str | None = None
    timezone: str
    # The snapshot it was reported under: later changes to the matrix or the site's hours
    # change only later incidents. None on incidents stored before snapshots were kept.
    business_hours: str | None = None
    holidays: str | None = None
    ladder: Matrix | None = None
    site: str | None = None  # the directory's name for the site; None when "Not listed"
    created_at: dt.datetime
    # bot.schedule.incident_ladder's last answer for this object, with what it depended on
    _ladder_kept: tuple | None = PrivateAttr(default=None)

    @property
    def place(self) -> str:
        """Where the outage is, as people name it: the directory's site, else the location."""
        return self.site or self.location


class Incident(NewIncident):
    """A stored incident."""

    id: int
    status: Status = Status.OPEN
    resolved_at: dt.datetime | None = None
    resolution: str | None = None
    restored_at: dt.datetime | None = None  # when service came back (the resolve form says)
    fix: str | None = None  # what fixed it
    card_ts: str | None = None
    card_error: str | None = None

    @property
    def number(self) -> str:
        """How people name it: INC-<n>."""
        return f"INC-{self.id}"

    @property
    def is_open(self) -> bool:
        return self.status is Status.OPEN

    @property
    def callback_phone_display(self) -> str:
        """The callback number as people read it: (813) 555-0142, or +44 20 … abroad."""
        return display_number(self.callback_phone)

    def script_facts(self) -> ScriptFacts:
        """The facts the escalation script reads from."""
        facts = self.model_dump(include=set(ScriptFacts.model_fields))
        return ScriptFacts.model_validate({**facts, "callback_phone": self.callback_phone_display})


def outage_began(incident: Incident) -> dt.datetime:
    """When service was affected (or, not given, when AT&T or Slack was told), in the site's
    zone: service cannot have been restored before it."""
    began = incident.affected_since or incident.reported_at or incident.created_at
    return began.astimezone(ZoneInfo(incident.timezone))


class TimelineKind(StrEnum):
    """What happened: each change to an incident writes one entry of one kind."""

    REPORTED = "reported"
    SEVERITY_OVERRIDE = "severity_override"
    SEVERITY_CHANGED = "severity_changed"
    TICKET_ADDED = "ticket_added"
    PROGRESS = "progress"
    CALLED = "called"
    RESOLVED = "resolved"
    CARD_POSTED = "card_posted"
    CARD_FAILED = "card_failed"
    LEVEL_OPENED = "level_opened"
    LEVEL_FAILED = "level_failed"
    RECORD_FAILED = "record_failed"  # the record's files could not be uploaded on resolve


class TimelineEntry(BaseModel):
    """One thing that happened to an incident: its kind, who did it, and the typed details
    (levels, tickets, whom AT&T put on the phone…) that the thread, the card's last update,
    `/bvoip status` and the record are rendered from."""

    model_config = ConfigDict(frozen=True)

    incident_id: int
    at: dt.datetime
    kind: TimelineKind
    actor: str | None = None
    text: str = ""
    details: dict[str, Any] = Field(default_factory=dict)
