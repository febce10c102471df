"""AT&T's severity rules: which symptoms and scope make an outage Severity 1 or 2."""

from __future__ import annotations

from collections.abc import Iterable
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


class Extraction(BaseModel):
    """What a free-text report names: its symptoms, its scope if any, and how it was read."""

    symptoms: list[Symptom]
    scope: Scope | None
    notes: list[str]


class ReportReading(BaseModel):
    """A free-text report read: its severity, or None with the reason when it names no trouble."""

    severity: Severity | None
    symptoms: list[Symptom]
    scope: Scope | None
    reasons: list[str]


class Rule(StrEnum):
    """The clauses of AT&T's severity definitions a report can match."""

    CALLS_FAIL_FOR_MANY = "calls_fail_for_many"
    ONE_WAY_AUDIO_FOR_MANY = "one_way_audio_for_many"
    SITE_DOWN = "site_down"
    LATENCY = "latency"
    DEGRADED_PERFORMANCE = "degraded_performance"
    BUSINESS_IMPACTED = "business_impacted"


# Verbatim fragments of shared/seed/att-bvoip-escalation.txt (curly apostrophe and all):
# a reason quotes them as they stand so anyone can find them in AT&T's text.
SEED_WORDING: dict[Rule, tuple[str, ...]] = {
    Rule.CALLS_FAIL_FOR_MANY: (
        "any location with multiple users, who are unable to make outbound or inbound calls",
    ),
    Rule.ONE_WAY_AUDIO_FOR_MANY: (
        "any location with multiple users",
        "are experiencing one way audio",
    ),
    Rule.SITE_DOWN: ("the entire site is down",),
    Rule.LATENCY: (
        "the operation of phones, network equipment or circuit is experiencing latency",
    ),
    Rule.DEGRADED_PERFORMANCE: (
        "the operation of phones, network equipment or circuit is experiencing",
        "degraded performance",
    ),
    Rule.BUSINESS_IMPACTED: (
        "certain aspects of the customer’s business operation are being negatively impacted",
    ),
}

RULE_SEVERITY: dict[Rule, Severity] = {
    Rule.CALLS_FAIL_FOR_MANY: Severity.HIGH,
    Rule.ONE_WAY_AUDIO_FOR_MANY: Severity.HIGH,
    Rule.SITE_DOWN: Severity.HIGH,
    Rule.LATENCY: Severity.MEDIUM,
    Rule.DEGRADED_PERFORMANCE: Severity.MEDIUM,
    Rule.BUSINESS_IMPACTED: Severity.MEDIUM,
}

CALL_FAILURES = (Symptom.NO_OUTBOUND, Symptom.NO_INBOUND)
NEEDS_MULTIPLE_USERS = (*CALL_FAILURES, Symptom.ONE_WAY_AUDIO)
MULTIPLE_USERS = (Scope.SEVERAL_USERS, Scope.ENTIRE_SITE)

_WHO = {Scope.ONE_USER: "one user", Scope.SEVERAL_USERS: "several users",
        Scope.ENTIRE_SITE: "the entire site"}
_DOING = {
    Symptom.SITE_DOWN: "the site is down",
    Symptom.NO_OUTBOUND: "cannot make outbound calls",
    Symptom.NO_INBOUND: "cannot receive inbound calls",
    Symptom.ONE_WAY_AUDIO: "one-way audio",
    Symptom.LATENCY: "latency",
    Symptom.POOR_QUALITY: "poor call quality",
    Symptom.DROPPED_CALLS: "dropped calls",
    Symptom.EQUIPMENT_DEGRADED: "network equipment or circuit degraded",
    Symptom.FEATURE_IMPAIRED: "a feature or kind of call impaired",
}


def quote(rule: Rule) -> str:
    """The seed's words for a rule, quoted, with an ellipsis where AT&T's sentence is cut."""
    return " … ".join(f'"{fragment}"' for fragment in SEED_WORDING[rule])


def _calls_detail(failing: list[Symptom], scope: Scope) -> str:
    return f"{_WHO[scope]} " + " and ".join(_DOING[s] for s in failing)


def _one_way_detail(scope: Scope) -> str:
    verb = "have" if scope is Scope.SEVERAL_USERS else "has"
    return f"{_WHO[scope]} {verb} one-way audio"


def _matches(symptoms: list[Symptom], scope: Scope) -> list[tuple[Rule, str]]:
    """Each rule the symptoms and scope meet, with what met it, Severity 1 rules first."""
    many = scope in MULTIPLE_USERS
    failing = [s for s in symptoms if s in CALL_FAILURES]
    found: list[tuple[Rule, str]] = []
    if many and failing:
        found.append((Rule.CALLS_FAIL_FOR_MANY, _calls_detail(failing, scope)))
    if many and Symptom.ONE_WAY_AUDIO in symptoms:
        found.append((Rule.ONE_WAY_AUDIO_FOR_MANY, _one_way_detail(scope)))
    if Symptom.SITE_DOWN in symptoms:
        found.append((Rule.SITE_DOWN, "the site is down, whatever the scope"))
    if Symptom.LATENCY in symptoms:
        found.append((Rule.LATENCY, ""))
    degraded = [s for s in symptoms
                if s in (Symptom.POOR_QUALITY, Symptom.DROPPED_CALLS, Symptom.EQUIPMENT_DEGRADED)]
    if degraded:
        found.append((Rule.DEGRADED_PERFORMANCE,
                      " and ".join(_DOING[s] for s in degraded) + f" for {_WHO[scope]}"))
    impacted = []
    if not many and failing:
        impacted.append(_calls_detail(failing, scope))
    if not many and Symptom.ONE_WAY_AUDIO in symptoms:
        impacted.append(_one_way_detail(scope))
    if impacted:
        impacted[-1] += "; Severity 1 needs multiple users"
    if Symptom.FEATURE_IMPAIRED in symptoms:
        impacted.insert(0, f"{_DOING[Symptom.FEATURE_IMPAIRED]} for {_WHO[scope]}")
    if impacted:
        found.append((Rule.BUSINESS_IMPACTED, "; ".join(impacted)))
    return found


def classify(symptoms: Iterable[Symptom], scope: Scope) -> Classification:
    """Apply AT&T's severity definitions to the symptoms and scope a reporter chose."""
    named = sorted({Symptom(s) for s in symptoms}, key=list(Symptom).index)
    if not named:
        return Classification(
            severity=Severity.MEDIUM, symptoms=[], scope=scope,
            reasons=["Severity 2: no symptom was named, and every Severity 1 rule needs one"],
        )
    matched = _matches(named, scope)
    severity = min(RULE_SEVERITY[rule] for rule, _ in matched)
    reasons = [f"Severity {RULE_SEVERITY[rule].value}: {quote(rule)}"
               + (f" ({detail})" if detail else "") for rule, detail in matched]
    return Classification(severity=severity, symptoms=named, scope=scope, reasons=reasons)


def extract(text: str) -> Extraction:
    """Read the symptoms and, if named, the scope from a hurried free-text report."""
    from bot import severity_text  # the reader builds on this module's enums

    return severity_text.extract(text)


def read_report(text: str) -> ReportReading:
    """Classify a free-text report, saying in the reasons how its scope was read."""
    from bot import severity_text

    return severity_text.read_report(text)
