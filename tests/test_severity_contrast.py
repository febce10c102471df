"""The reader's fourth round: scope said by contrast or by joined subjects, in wordings of
any kind (severity_contrast); sentences here are in no labelled batch."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, read_report

S, M = Severity.HIGH, Severity.MEDIUM
OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND


@pytest.mark.parametrize(("text", "symptoms"), [
    ("Fran's phone is the only one still getting calls", [IN]),
    ("I'm the last person here with a working line", [OUT, IN]),
    ("Bend: Ray's desk is the sole one that can dial out right now", [OUT]),
    ("my phone seems to be the only one in shipping receiving calls", [IN]),
    ("Theo is the only one in the lab with dial tone", [OUT]),
])
def test_the_only_one_who_can_says_nobody_else_can(text: str,
                                                     symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (
        S, symptoms, Scope.SEVERAL_USERS), result.reasons


@pytest.mark.parametrize("text", [
    "Jo and the office manager can't call out",
    "neither Pat nor I can dial out",
    "both the estimator and the foreman lost dial tone",
    "Jo's extension and mine can't call out",
    "the Bend office: everyone can call out except Jo and Pat",
])
def test_joined_people_are_several(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.scope) == (S, Scope.SEVERAL_USERS), result.reasons
    assert result.symptoms == [OUT]


@pytest.mark.parametrize("text", [
    "my desk phone and my cell both can't dial out",
    "I'm the only one with a bad headset",
    "the lobby phone is the only one that can't dial out",
    "everyone can call out except to Canada",
])
def test_one_users_phones_and_kinds_of_call_are_not_several_users(text: str) -> None:
    assert read_report(text).severity is M
