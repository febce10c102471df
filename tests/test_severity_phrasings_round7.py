"""The reader's seventh round: each family fixed after batches 67 and 68, on sentences in no
labelled batch."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, read_report
from tests.severity_reading import FEATURE, IN, ONE, ONE_WAY, OUT, SEVERAL, SITE, H, M, read


@pytest.mark.parametrize("text", [
    "the 3 loan officers answer and the borrowers just keep asking are you there, we hear them",
    "patients calling in are shouting hello hello at our two nurses, we hear every word",
    "customers hear us for a second and then nothing, all four agents hear them the whole time",
    "callers say the line is quiet on our side, both receptionists hear them clearly",
    "the two dispatchers went mute on every call, they still hear the drivers",
    "the whole service desk hears callers fine but nothing goes back the other way",
])
def test_the_far_end_not_hearing_us_told_as_a_saying(text: str) -> None:
    assert read(text) == (H, [ONE_WAY], SEVERAL), read_report(text).reasons


@pytest.mark.parametrize(("text", "expected"), [
    ("all 3 recepcionistas can't hear the callers", (H, [ONE_WAY], SEVERAL)),  # plural kept
    ("callers calling Prof. Ruiz or Dr. Okafor get no audio from them, the two of them hear"
     " callers", (H, [ONE_WAY], SEVERAL)),
    ("all 4 of our estimators can't dial out since 9", (H, [OUT], SEVERAL)),
    ("all 6 of our closers are talking into a void since lunch", (H, [ONE_WAY], SEVERAL)),
    ("the gate and the loading dock - any number they dial, a woman comes on saying your call"
     " cannot be completed", (H, [OUT], SEVERAL)),  # the woman is a recording
    ("the lab phone can't dial out, every other phone in the building is fine", (M, [OUT], ONE)),
    ("the new headset Marco got sounds muffled to callers, the other headsets are fine",
     (M, [Symptom.POOR_QUALITY], ONE)),
    ("no outside calls from the scale office or the loading dock desk, the front office dials"
     " out ok", (H, [OUT], SEVERAL)),
])
def test_who_is_named(text: str, expected: tuple[Severity, list[Symptom], Scope]) -> None:
    assert read(text) == expected, read_report(text).reasons


@pytest.mark.parametrize("text", [
    "lunch at the Carson office on friday if anyone's down that way",
    "I manage IT for the clinic and the pharmacy down the street",
    "hail moving down I-10 tonight, keep your laptops charged",
    "can someone explain why the ticket says Sev 2 when we reported no calls at all?",
    "got the carrier's letter today, wondering if it changes our fax numbers",
    "please don't schedule any carrier work during inventory week",
    "I'm out of office Monday, Dana has the on-call phone",
])
def test_text_naming_no_trouble(text: str) -> None:
    assert read(text) == (None, [], None), read_report(text).reasons


@pytest.mark.parametrize(("text", "expected"), [
    ("every call we make gets the number you dialed has been changed, whole office",
     (H, [OUT], SITE)),
    ("the front counter handset makes a scratching sound when the cord moves",
     (M, [Symptom.POOR_QUALITY], ONE)),
    ("callers notice a two second gap after everything they say on my line",
     (M, [Symptom.LATENCY], ONE)),
    ("the PBX fan is rattling and the temperature alarm went off, calls still go through",
     (M, [Symptom.EQUIPMENT_DEGRADED], SEVERAL)),
    ("AT&T says a cut fiber took our lines out from 9 to 9:30, we're taking calls again now",
     (M, [], SEVERAL)),
    ("customers calling the help line get a recording and then get disconnected, no calls ring"
     " here", (H, [IN], SEVERAL)),
    ("after hours the main line is supposed to ring the manager's cell, tonight it rang the"
     " front desk instead", (M, [FEATURE], SEVERAL)),
    ("calls on the three warehouse phones cut off after 10 minutes, the office phones are fine",
     (M, [Symptom.DROPPED_CALLS], SEVERAL)),
    ("calls from the lobby to the security extension don't go through, every other extension"
     " works", (M, [FEATURE], ONE)),
    ("every nurse phone on the floor has said Registering for half an hour",
     (H, [OUT, IN], SEVERAL)),
])
def test_what_the_trouble_is(text: str, expected: tuple[Severity, list[Symptom], Scope]) -> None:
    assert read(text) == expected, read_report(text).reasons


def test_a_broken_part_is_not_a_dead_phone() -> None:
    severity, symptoms, scope = read("my cordless has a dead battery cover and it keeps falling"
                                      " off the desk")
    assert (severity, scope) == (M, ONE) and Symptom.SITE_DOWN not in symptoms
