"""The reader's fifth round: each family fixed after batch 63, on sentences in no labelled
batch."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, read_report

M = Severity.MEDIUM
IN, FEATURE = Symptom.NO_INBOUND, Symptom.FEATURE_IMPAIRED


@pytest.mark.parametrize("text", [
    # a question whether trouble elsewhere reaches us, with nothing wrong here, names none
    "are we affected by the Verizon outage? everything looks normal here",
    "will the storm outage up north impact our office? phones ok so far",
    "is the carrier problem on the news hitting us? our phones are fine so far",
])
def test_asking_whether_trouble_elsewhere_reaches_us_names_no_trouble(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (None, []), result.reasons


def test_asking_whether_it_reaches_us_keeps_the_trouble_we_report() -> None:
    result = read_report("does the carrier issue hit us too? nobody can call in")
    assert (result.severity, result.symptoms) == (Severity.HIGH, [IN]), result.reasons


@pytest.mark.parametrize("text", [
    # one of the business's numbers failing while another works: one kind of call
    "our tollfree line is dead, callers get a busy signal, the local line still works",
    "the fax number rings busy for everyone sending us faxes but our local number works",
])
def test_one_number_failing_while_another_works_is_a_feature_impaired(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (M, [FEATURE]), result.reasons


@pytest.mark.parametrize("text", [
    # trouble said to be gone has ended: named, not current
    "the static on our lines is finally gone, thanks AT&T",
    "that buzz on the handsets is gone since they swapped the switch",
])
def test_trouble_said_to_be_gone_has_ended(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (M, []), result.reasons


def test_what_is_gone_is_trouble_when_it_is_what_calls_need() -> None:
    result = read_report("dial tone is gone on every phone")
    assert (result.severity, result.symptoms) == (Severity.HIGH, [Symptom.NO_OUTBOUND])


def test_three_or_more_people_listed_with_any_trouble_are_several_users() -> None:
    # "jo, al and me" is several, whatever the trouble; it was read only for failed calls
    result = read_report("Pat, Luis, Wen and I all have static on our calls")
    assert (result.severity, result.symptoms, result.scope) == (
        M, [Symptom.POOR_QUALITY], Scope.SEVERAL_USERS), result.reasons


@pytest.mark.parametrize("text", [
    # a phone named by where it stands, however many words that takes, that does not ring
    "the phone by the loading dock door doesn't ring",
    "the handset in the upstairs break room does not ring",
])
def test_a_phone_named_by_its_place_that_does_not_ring_takes_no_calls(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (M, [IN]), result.reasons
