"""AT&T's severity rules: which symptoms and scope make an outage Severity 1 or 2."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from pydantic import BaseModel


class Severity(IntEnum):
    """AT&T's two severities for BVoIP trouble."""

    HIGH = 1
    MEDIUM = 2

    @property
    def label(self) -> str:
        return f"Severity {self.value} ({'High' if self is Severity.HIGH else 'Medium'})"


class Symptom(StrEnum):
    """What a reporter can say is wrong."""

    SITE_DOWN = "site_down"
    NO_OUTBOUND = "no_outbound"
    NO_INBOUND = "no_inbound"
    ONE_WAY_AUDIO = "one_way_audio"
    LATENCY = "latency"
    POOR_QUALITY = "poor_quality"
    DROPPED_CALLS = "dropped_calls"
    EQUIPMENT_DEGRADED = "equipment_degraded"
    FEATURE_IMPAIRED = "feature_impaired"

    @property
    def label(self) -> str:
        return SYMPTOM_LABELS[self]


SYMPTOM_LABELS: dict[Symptom, str] = {
    Symptom.SITE_DOWN: "Entire site down",
    Symptom.NO_OUTBOUND: "Cannot make outbound calls",
    Symptom.NO_INBOUND: "Cannot receive inbound calls",
    Symptom.ONE_WAY_AUDIO: "One-way audio",
    Symptom.LATENCY: "Latency / delay",
    Symptom.POOR_QUALITY: "Poor call quality (choppy, echo, static, robotic)",
    Symptom.DROPPED_CALLS: "Dropped calls",
    Symptom.EQUIPMENT_DEGRADED: "Network equipment or circuit degraded",
    Symptom.FEATURE_IMPAIRED: (
        "Another part of the business impaired (voicemail, fax, call park, caller ID, "
        "international calling…)"
    ),
}


class Scope(StrEnum):
    """How many users are affected."""

    ONE_USER = "one_user"
    SEVERAL_USERS = "several_users"
    ENTIRE_SITE = "entire_site"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]


SCOPE_LABELS: dict[Scope, str] = {
    Scope.ONE_USER: "One user",
    Scope.SEVERAL_USERS: "Several users",
    Scope.ENTIRE_SITE: "The entire site",
}


class Classification(BaseModel):
    """A severity with the symptoms, scope and the seed's rules that decided it."""

    severity: Severity
    symptoms: list[Symptom]
    scope: Scope
    reasons: list[str]
