"""The reader's fifth round: each family fixed after batch 63, on sentences in no labelled
batch."""

from __future__ import annotations

import pytest

from bot.severity import Severity, Symptom, read_report

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
