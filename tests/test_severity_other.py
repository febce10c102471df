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


@pytest.mark.parametrize("text", [
    "reminder: AT&T replacing the router at the Lubbock office Tue 6am CT, expect ~15 min "
    "with no phones",
    "heads up: maintenance at the Akron plant Friday 11pm, phones will be out about an hour",
    "migration at the Toledo branch finished at 5:10am, every phone registered and test calls "
    "went through",
    "firmware upgrade on the Provo phones is done, all tested fine",
    "scratch that alert for Macon, it was a drill, nothing actually went down",
])
def test_work_announced_or_done_and_drills_name_no_trouble(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is None, reading.reasons
    assert reading.reasons[0].startswith("No trouble named:")


@pytest.mark.parametrize("text", [
    "heads up: the Reno office is down, AT&T tech coming tomorrow at 9",
    "fyi nobody at the Dayton branch can dial out since 8, AT&T says a tech comes Monday",
    "heads up: phones down at the Reno office, AT&T will send a tech tomorrow at 9",
    "thanks for checking, phones at the Boise office dead again",
    "thanks - outbound calls failing for the whole Waco office, ticket opened, tech Thu",
    "heads up: the Lodi branch will be down until the tech arrives Monday",
    "fyi the Tulsa office will be without phones till AT&T replaces the card tomorrow",
])
def test_a_notice_that_also_tells_of_trouble_now_is_read_for_it(text: str) -> None:
    assert read_report(text).severity is Severity.HIGH


@pytest.mark.parametrize("text", [
    "AT&T edge device at the Boise office showing a high CPU alarm, no call impact so far",
    "router at the Laredo branch throwing alarms in Business Direct but calls are going "
    "through fine",
])
def test_equipment_alarms_with_calls_unaffected_are_degraded_equipment(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is Severity.MEDIUM
    assert [s.value for s in reading.symptoms] == ["equipment_degraded"]


@pytest.mark.parametrize(("text", "symptom"), [
    ("fax line at the Erie office won't send, gets a busy signal on every number",
     "feature_impaired"),
    ("our 800 number for the Yakima store isn't routing, the local number rings through fine",
     "feature_impaired"),
])
def test_one_kind_of_call_failing_is_a_feature(text: str, symptom: str) -> None:
    reading = read_report(text)
    assert reading.severity is Severity.MEDIUM
    assert [s.value for s in reading.symptoms] == [symptom]


@pytest.mark.parametrize("text", [
    "everyone except me at the Fresno packing house cant dial out, mine works somehow",
    "every nurse on the 3rd floor of the Tacoma clinic except the charge nurse cant call out",
    "only Dana can still take calls at the Akron title office, rest of the front desk gets a "
    "fast busy",
    "only the manager's phone works at the Reno shop, every other extension says 'call failed' "
    "dialing out",
])
def test_all_but_one_named_with_the_place_between_is_several_users(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is Severity.HIGH, reading.reasons
    assert reading.scope is not None and reading.scope.value != "one_user"


@pytest.mark.parametrize("text", [
    "Priya in billing at the Macon plant cant receive calls, straight to voicemail. everybody "
    "else in billing gets calls",
])
def test_the_others_getting_calls_leaves_one_user(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is Severity.MEDIUM
    assert reading.scope is not None and reading.scope.value == "one_user"


@pytest.mark.parametrize("text", [
    "Planned: the Erie branch moves to new handsets Wed 7pm ET, expect phones down ~20 min "
    "while they register, will post when done",
    "heads up: electricians at the Waco office Thurs 6-8am CT, the lobby phones may be offline "
    "during it, should be back before opening",
    "handset swap at the Yuma office finished overnight as planned, all phones back up and "
    "registered",
])
def test_planned_work_to_come_or_done_as_planned_names_no_trouble(text: str) -> None:
    reading = read_report(text)
    assert reading.severity is None, reading.reasons


@pytest.mark.parametrize(("text", "severity"), [
    ("the 'fast busy' at the Ogden shop turned out to be a phone set to DND. nothing wrong",
     Severity.MEDIUM),
    pytest.param("only the front desk at the Boise hotel can call out, every other department "
                 "gets a fast busy", Severity.HIGH, marks=pytest.mark.xfail(
                     strict=True, reason="'only X can' read as X alone: the word reader names"
                     " the front desk as the one user")),
    ("I can dial out from my own desk but nobody else at the Provo office can", Severity.HIGH),
    ("calls between the Tulsa and Norman offices fail, but both can call anyone else fine",
     Severity.MEDIUM),
])
def test_contrasts_found_this_round(text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    ("Verizon cell callers can't reach the Ocala clinic main line, AT&T and T-Mobile callers get "
     "in fine", Severity.MEDIUM),
    ("the ice machine in the Tyler break room is finally fixed lol", None),
    ("thanks for the help setting up the Waco hunt group greetings yesterday, much appreciated",
     None),
    ("thanks, but the Reno phones are still down", Severity.HIGH),
    ("all but one phone at the Erie clinic front office shows Registration failed", Severity.HIGH),
])
def test_carriers_thanks_things_fixed_and_all_but_one(text: str, severity: Severity | None) -> None:
    assert read_report(text).severity is severity
