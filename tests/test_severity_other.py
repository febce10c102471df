"""Reports about something other than the phones' current trouble (bot/severity_other.py):
a fault in a thing that is not a phone, AT&T's portal, a report taken back, work announced."""

from __future__ import annotations

import pytest

from bot.severity import Severity, read_report
from bot.severity_other import OTHER_FAULT_NOTE
from bot.severity_text import read_words


@pytest.mark.parametrize("text", [
    "phones are fine at the Dayton clinic, it's the badge reader on the back door that's offline",
    "Flagstaff: phones OK, the card readers at the registers are down",
    "not the phones, the label printer in shipping quit again",
    "disregard the phone thing at Billings, it's the credit card terminal that keeps crashing",
    "phones work, the guest wifi at the Tulsa hotel is down",
])
def test_a_fault_in_something_that_is_not_a_phone_is_severity_2_with_no_symptom(
        text: str) -> None:
    words = read_words(text)
    assert words.symptoms == [] and OTHER_FAULT_NOTE in words.notes
    reading = read_report(text)
    assert reading.severity is Severity.MEDIUM and reading.symptoms == []


@pytest.mark.parametrize("text", [
    "the badge readers and the phones are both dead at the Reno office",
    "card reader offline and nobody at the Tempe store can call out",
])
def test_a_fault_beside_phone_trouble_leaves_the_phone_trouble_as_it_is(text: str) -> None:
    assert read_report(text).severity is Severity.HIGH


@pytest.mark.parametrize("text", [
    "is Business Direct down for everyone? keeps saying my password expired",
    "can't log in to check our tickets on the AT&T portal this morning, anyone else?",
    "never mind, the Yuma phones were fine, I misread the dashboard",
    "sorry all, I pulled up the wrong circuit by accident, Fresno was never down",
    "heads up: AT&T maintenance on the Ogden circuit Sun 1am-3am, phones will be down during "
    "the window",
])
def test_no_current_trouble_named_gives_no_severity(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is None and reading.symptoms == []
    assert reading.reasons[0].startswith("No trouble named:")


@pytest.mark.parametrize("text", [
    "false alarm at Provo, it was a headset on mute, all good",
    "never mind the 9:40 outage at the Boise shop, a breaker tripped, back up at 10",
])
def test_a_false_alarm_with_its_cause_found_stays_ended_trouble(text: str) -> None:
    assert read_report(text).severity is Severity.MEDIUM


@pytest.mark.parametrize("text", [
    "nobody at the Mesa title office can dial out except the conference room phone",
    "no one can receive calls except the front desk",
])
def test_nobody_except_one_is_several_users(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is Severity.HIGH
    assert reading.scope is not None and reading.scope.value != "one_user"
