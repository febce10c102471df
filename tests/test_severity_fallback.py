"""The reader's fourth round: reports whose words no symptom family knows are read by what
they speak of (severity_fallback); sentences here are in no labelled batch."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, read_report

S, M = Severity.HIGH, Severity.MEDIUM
OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    # a feature said to do anything it should not: that feature impaired
    ("the hold music at Bend is a radio station now", M, [Symptom.FEATURE_IMPAIRED]),
    # equipment: degraded, unless all it does is make a noise
    ("the UPS in the Bend closet is on battery", M, [Symptom.EQUIPMENT_DEGRADED]),
    ("the Bend firewall CPU sits at 100%", M, [Symptom.EQUIPMENT_DEGRADED]),
    ("the switch under the desk whines all day", M, []),
    # calls with a word of absence: which way is told by who calls
    ("customers ringing our main line get a long beep and then nothing", S, [IN]),
    ("our agents' outbound calls all bounce back with a 'Declined' message", S, [OUT]),
    ("Bend: the whole office has zilch for dial out, incoming ok", S, [OUT]),
    # several phones with a status on their screens are phones down
    ("all the handsets at the Bend office show 'Searching'", S, [Symptom.SITE_DOWN]),
    ("Bend front office handsets all sit at a spinning circle", S, [OUT, IN]),
    # trouble, but no call fails: the ring heard while calling, something now and then
    ("the ringback on outbound calls sounds like a chirp", M, []),
])
def test_unknown_words_are_read_by_what_they_speak_of(text: str, severity: Severity,
                                                       symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms), result.reasons
    assert any(r.startswith("No symptom word matched") for r in result.reasons)


@pytest.mark.parametrize("text", [
    "Bend: phones are going to the new building next week",
    "is the bot supposed to page the on call tech?",
    "Bend: how do I set up call forwarding to my cell?",
    "FYI the Bend router gets swapped Saturday night",
])
def test_plans_and_questions_still_name_no_trouble(text: str) -> None:
    assert read_report(text).severity is None


@pytest.mark.parametrize("text", [
    "Bend phones were dead for an hour, all fine now, AT&T bounced the port",
    "outage resolved, the tech swapped the Bend router",
])
def test_what_follows_an_end_is_its_cure_not_trouble(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (M, [])


def test_the_scope_still_comes_from_the_report() -> None:
    result = read_report("Bend: Kim's phone shows 'Searching' and nobody else has a problem")
    assert (result.severity, result.scope) == (M, Scope.ONE_USER), result.reasons
