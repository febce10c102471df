"""What the phrasing tests share: short names for severities, symptoms and scopes, and the
reader's answer as one comparable tuple."""

from __future__ import annotations

from bot.severity import Scope, Severity, Symptom, read_report

H, M = Severity.HIGH, Severity.MEDIUM
OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND
ONE_WAY, FEATURE = Symptom.ONE_WAY_AUDIO, Symptom.FEATURE_IMPAIRED
ONE, SEVERAL, SITE = Scope.ONE_USER, Scope.SEVERAL_USERS, Scope.ENTIRE_SITE


def read(text: str) -> tuple[Severity | None, list[Symptom], Scope | None]:
    result = read_report(text)
    return result.severity, result.symptoms, result.scope
