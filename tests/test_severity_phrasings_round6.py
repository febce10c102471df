"""The reader's sixth round: each family fixed after batches 64-66, on sentences in no labelled
batch."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, read_report
from tests.severity_reading import FEATURE, IN, ONE, ONE_WAY, OUT, SEVERAL, SITE, H, M, read


@pytest.mark.parametrize(("text", "expected"), [
    # words that only look like trouble or a state of the phones
    ("working from home and my softphone cuts off every call after a minute",
     (M, [Symptom.DROPPED_CALLS], ONE)),
    ("the cordless drops calls when I walk down the hallway", (M, [Symptom.DROPPED_CALLS], ONE)),
    ("the UPS in the phone closet keeps beeping, phones are fine",
     (M, [Symptom.EQUIPMENT_DEGRADED], SEVERAL)),
    ("customers we call see 312-555-0199 come up, that's not our number",
     (M, [FEATURE], SEVERAL)),
    ("none of our field techs can make calls from the mobile app", (H, [OUT], SEVERAL)),
])
def test_words_that_only_look_like_a_state_of_the_phones(
        text: str, expected: tuple[Severity, list[Symptom], Scope]) -> None:
    assert read(text) == expected, read_report(text).reasons


@pytest.mark.parametrize("text", [
    "this thread is busy today lol", "we are super busy this morning, just FYI",
    "all quiet here, no phone drama today",
])
def test_a_busy_day_or_no_drama_names_no_trouble(text: str) -> None:
    assert read(text) == (None, [], None), read_report(text).reasons


def test_a_busy_line_is_still_trouble() -> None:
    assert read("our lines have been busy all day for callers")[0] is H


@pytest.mark.parametrize(("text", "expected"), [
    # who is affected, said by contrast: the only one with trouble has it alone
    ("bay 2's phone is the only one with no dial tone", (M, [OUT], ONE)),
    ("the two cashiers are the only ones who can't dial out", (H, [OUT], SEVERAL)),  # (as before)
    ("Boise: unit 7's phone is the only one with no dial tone", (M, [OUT], ONE)),
    # nobody, said as "not a single person"
    ("not a single person in the building can dial out", (H, [OUT], SITE)),
    # one who is told of the trouble is not who has it
    ("callers keep emailing our receptionist that the main number rings busy",
     (H, [IN], SEVERAL)),
    # a joined subject holds no clause: "X rings and he answers but the customer can't"
    ("Omar's line rings and he answers but the customer can't hear him", (M, [ONE_WAY], ONE)),
    ("static on calls, but only on that phone", (M, [Symptom.POOR_QUALITY], ONE)),
])
def test_who_is_affected(text: str, expected: tuple[Severity, list[Symptom], Scope]) -> None:
    assert read(text) == expected, read_report(text).reasons


@pytest.mark.parametrize(("text", "expected"), [
    # calls that never arrive, or never leave, however it is said
    ("nobody in billing has gotten a call since lunch", (H, [IN], SEVERAL)),
    ("we can dial out fine but no phone in the lobby has rung all day", (H, [IN], SITE)),
    ("anyone who calls gets a click and we never see the calls", (H, [IN], SEVERAL)),
    ("customers get a fast busy calling us and we get the same when we dial out",
     (H, [OUT, IN], SEVERAL)),
    ("the two of us at the counter get dead air whenever we dial out", (H, [OUT], SEVERAL)),
    ("Ana and Luis pick up and get nothing, no dial tone at all", (H, [OUT], SEVERAL)),
    ("everyone in shipping hears nothing when they pick up the receiver", (H, [OUT], SEVERAL)),
    ("four of the handsets in receiving are frozen on the boot screen", (H, [OUT, IN], SEVERAL)),
    # our voice that stops after hello: one-way audio
    ("customers hear me say hello and then silence, I can hear them fine",  # who is kept
     (M, [ONE_WAY], ONE)),
    ("callers hear us say hi and then nothing, we hear them fine", (H, [ONE_WAY], SEVERAL)),
    # seconds of dead silence before the other side: a delay
    ("we get 3 seconds of total silence after the call connects, on every call",
     (M, [Symptom.LATENCY], SEVERAL)),
])
def test_calls_that_fail_and_how(
        text: str, expected: tuple[Severity, list[Symptom], Scope]) -> None:
    assert read(text) == expected, read_report(text).reasons


def test_picking_up_a_ringing_call_to_nothing_is_still_its_audio() -> None:
    result = read_report("the phone rings, we pick up the handset and hear nothing")
    assert Symptom.NO_OUTBOUND not in result.symptoms, result.reasons


@pytest.mark.parametrize("text", [
    # one kind of call failing while kinds joined by "and" are said to work
    "anything we dial into Alaska gets a fast busy. local and Seattle numbers go through fine",
    "everything we dial to Guam fails. local and in-state numbers connect fine",
])
def test_one_kind_of_call_failing_while_others_joined_work(text: str) -> None:
    assert read(text)[:2] == (M, [FEATURE]), read_report(text).reasons


def test_fine_since_a_fix_and_a_ticket_to_close_have_ended() -> None:
    text = "the ticket for the static can be closed, calls have been fine since the router swap"
    assert read(text)[:2] == (M, []), read_report(text).reasons
    assert read("phones have been dead since the router swap")[:2] == (H, [Symptom.SITE_DOWN])


def test_a_room_device_by_its_brand_is_one_phone() -> None:
    assert read("the board room Poly Trio keeps dropping off bluetooth") == (M, [], ONE)


@pytest.mark.parametrize(("text", "expected"), [
    # batch 65's families. A voice lost after a moment, one way, is one-way audio
    ("the two of us at reception hear callers for about 5 seconds then lose them, they still"
     " hear us", (H, [ONE_WAY])),
    ("customers say our voices drop out right after hello, we still hear them", (H, [ONE_WAY])),
    # a call that ends before anyone can answer it never arrived
    ("incoming calls disappear before anyone can answer them, on every phone", (H, [IN])),
    # "can't tell who's calling" is caller ID; a "Server Error 503" is no equipment down
    ("caller ID is blank on incoming calls, we can't tell who's calling", (M, [FEATURE])),
    ("agents get 'Server Error 503' when they try to dial out", (H, [OUT])),
    # a carrier's "calling restrictions" is a call not allowed
    ("we get 'this line has calling restrictions' when we call out", (H, [OUT])),
    # people named by their role who call in are callers
    ("students calling the admissions line get a busy signal, we can still call out", (H, [IN])),
    # phones that sit silent are not ringing; "nothing but ringing" is only ringing
    ("the reservations phone bank sits silent all morning, callers get nothing but ringing",
     (H, [IN])),
    # a restart told at an hour is a cause, not phones that keep restarting
    ("phones all rebooted at 6 and now nobody can dial out", (H, [OUT])),
    ("phones keep rebooting every hour", (M, [Symptom.EQUIPMENT_DEGRADED])),
    # features by new names: wake-up calls, a call recorder, an outdoor ringer, parking a call
    ("the wake-up call system didn't ring the guest rooms today", (M, [FEATURE])),
    ("the call recorder hasn't saved anything since Monday", (M, [FEATURE])),
    ("the outdoor ringer in the yard stopped going off", (M, [FEATURE])),
    ("when I park a call it vanishes", (M, [FEATURE])),
    ("the conference room speaker only picks up people sitting next to it", (M, [])),
    # one kind of call or one carrier's callers failing while the rest work
    ("calls to Guatemala get a fast busy, US calls go through", (M, [FEATURE])),
    ("customers on Verizon can't get through to us, everyone else can", (M, [FEATURE])),
    # a feature that hangs up instead of doing its work is the feature, not a dropped call
    ("transferring a caller to the voicemail box hangs up on them instead", (M, [FEATURE])),
    # lifting the phone to silence with no tone is no dial tone
    ("everyone at the depot hears silence when they pick up the phone, no tone at all",
     (H, [OUT])),
    # what follows "then", or a short aside in brackets, shares its clause's subject
    ("callers to our main number get 10 rings, then a fast busy", (H, [IN])),
    ("customers can't get through to us (fast busy each time), though we can call out",
     (H, [IN])),
    # someone dialling us is a call in; reaching us by phone is a call in
    ("Tina's phone can call out but never rings when someone dials her direct", (M, [IN])),
    ("since noon nobody can reach us by phone", (H, [IN])),
    # phones down hard are the site down, whoever else is named
    ("phones down hard at the yard, the only way to reach the drivers is radio",
     (H, [Symptom.SITE_DOWN])),
])
def test_batch_65_families(text: str, expected: tuple[Severity, list[Symptom]]) -> None:
    assert read(text)[:2] == expected, read_report(text).reasons


@pytest.mark.parametrize(("text", "scope"), [
    # a phone named by its place, as the subject, is one phone; a part of the site is several
    ("Reno: back office phone is one-way, I can hear callers, they can't hear me", ONE),
    ("the back building lost all its phones, the main office is fine", SEVERAL),
    # a clinic named by its side of town is the site, not the east side of one
    ("the north side clinic can't get any calls in", SITE),
])
def test_batch_65_who_is_affected(text: str, scope: Scope) -> None:
    assert read(text)[2] is scope, read_report(text).reasons


@pytest.mark.parametrize(("text", "expected"), [
    # batch 66's families. A recording still playing stale words is a feature
    ("the directions recording still plays last season's hours", (M, [FEATURE])),
    # callers who go "hello? hello?" cannot hear us
    ("customers keep going 'hello? hello?' and hanging up, we hear them fine", (H, [ONE_WAY])),
    # "no outside calls" is outbound; a count of rooms is several
    ("three exam rooms plus the lab - no outside calls at all", (H, [OUT])),
    # "~6 sec" is six seconds
    ("the softphones take ~6 sec to connect a call", (M, [Symptom.LATENCY])),
    # a message shown for every outbound call is the outbound failing, not the site down
    ("the reps get 'Service Unavailable' on the softphones for every outbound", (H, [OUT])),
    # the message after "then" is the callers' call failing
    ("callers get two rings and then 'call cannot be completed'", (H, [IN])),
    # a phone dead when you pick it up has no dial tone
    ("the phone in the break room is dead when you pick it up, other phones work", (M, [OUT])),
    # one extension that cannot be dialled is a feature
    ("guest rooms can't dial the pool extension, everything else works", (M, [FEATURE])),
    # dialling out to nothing, "no ringing", is outbound
    ("agents dial out and hear nothing, no ringing, on every call", (H, [OUT])),
    ("there's a click every couple of seconds on my calls", (M, [Symptom.POOR_QUALITY])),
    # ringing some times and then dropping: never answered, the calls in fail
    ("calls to the front desk extension ring 4 times and then drop, other extensions are fine",
     (M, [IN])),
    # equipment named as serving the phones is the equipment, not the phones
    ("the backup modem for the phones shows no service, primary is fine",
     (M, [Symptom.EQUIPMENT_DEGRADED])),
    # "the drivers are out" are away, not down
    ("can't call out from either phone, the drivers are out on routes", (H, [OUT])),
    # a clause with no caller or dialling of its own shares the callers before it
    ("callers can't get through to the front office, every call goes to a fast busy",
     (H, [IN])),
])
def test_batch_66_families(text: str, expected: tuple[Severity, list[Symptom]]) -> None:
    assert read(text)[:2] == expected, read_report(text).reasons


def test_nobody_who_tries_to_reach_one_extension_is_not_who_is_affected() -> None:
    text = ("nobody can ring through to Mr. Diaz's extension (goes to busy); everyone else takes"
            " calls fine")
    assert read(text) == (M, [IN], ONE), read_report(text).reasons
