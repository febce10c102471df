"""An outage as the app knows it: what the reporter gave, its severity and its state."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from bot.matrix import display_number
from bot.script import ScriptFacts
from bot.severity import Scope, Severity, Symptom


class Status(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class NewIncident(BaseModel):
    """What a valid report modal gives: everything needed to open an incident."""

    model_config = ConfigDict(frozen=True)

    team_id: str
    channel_id: str
    reporter_id: str
    submission_key: str  # the Slack view id: a repeated submission opens no second incident
    business_name: str
    location: str
    reporter_name: str
    callback_phone: str  # E.164
    tickets: list[str] = Field(default_factory=list)
    reported_at: dt.datetime | None  # UTC; None while not reported to AT&T
    affected_since: dt.datetime | None = None
    symptoms: list[Symptom]
    scope: Scope
    classified_severity: Severity
    severity: Severity
    severity_reasons: list[str]
    severity_override_by: str | None = None
    description: str
    action_requested: str
    timezone: str
    created_at: dt.datetime


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
        return ScriptFacts(
            business_name=self.business_name,
            location=self.location,
            reporter_name=self.reporter_name,
            callback_phone=self.callback_phone_display,
            tickets=self.tickets,
            reported_at=self.reported_at,
            affected_since=self.affected_since,
            description=self.description,
            action_requested=self.action_requested,
        )


class TimelineEntry(BaseModel):
    """One thing that happened to an incident."""

    model_config = ConfigDict(frozen=True)

    incident_id: int
    at: dt.datetime
    kind: str
    actor: str | None = None
    text: str
