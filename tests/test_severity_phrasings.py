"""The reader's word families for who is affected and what fails, each tried on sentences that
are in no labelled batch, so a rule that only fits its batch's wording fails here."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom
from bot.severity_text import read_report

OUT, IN, ONE_WAY = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND, Symptom.ONE_WAY_AUDIO


@pytest.mark.parametrize(("text", "symptoms", "scope"), [
    # an ability, then "nobody else" with no verb of its own: the others cannot
    ("I can still receive calls, nobody else in the office", [IN], Scope.SEVERAL_USERS),
    ("the front desk could dial out earlier but no one else", [OUT], Scope.SEVERAL_USERS),
    # "the rest of X" and "N of them" name the others who have the trouble
    ("my line is ok, the rest of the warehouse gets a fast busy", [OUT], Scope.SEVERAL_USERS),
    ("our inside sales folks (about 9 of them) cannot take calls", [IN], Scope.SEVERAL_USERS),
    # people at a desk are several; a softphone that calls go over is how, not one phone
    ("the ladies at reception can't hear callers", [ONE_WAY], Scope.SEVERAL_USERS),
    ("the collections reps can't dial out via the softphone", [OUT], Scope.SEVERAL_USERS),
    # a phone people cannot log into is no calls either way
    ("the night shift nurses are locked out of their handsets", [OUT, IN],
     Scope.SEVERAL_USERS),
])
def test_who_is_affected(text: str, symptoms: list[Symptom], scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (Severity.HIGH, symptoms, scope)


def test_one_person_locked_out_of_the_phone_is_severity_two() -> None:
    result = read_report("the intern can't sign in to her deskphone")
    assert (result.severity, result.scope) == (Severity.MEDIUM, Scope.ONE_USER)


def test_asking_whether_others_share_it_leaves_who_has_it_unsaid() -> None:
    result = read_report("anybody else getting a reorder tone when calling out?")
    assert (result.severity, result.symptoms) == (Severity.HIGH, [OUT])
    mine = read_report("is anyone else having trouble? my softphone won't dial out")
    assert (mine.severity, mine.scope) == (Severity.MEDIUM, Scope.ONE_USER)


@pytest.mark.parametrize(("text", "symptoms"), [
    ("calls to our support line are failing with a reorder tone", [IN]),  # ours: inbound
    ("customers call, nobody at the desk hears it ring", [IN]),  # not one-way audio
    ("calls take 15+ seconds to connect", [Symptom.LATENCY]),  # a count, not "and"
    ("the greeting plays the night message during normal business hours",
     [Symptom.FEATURE_IMPAIRED]),  # "normal hours" does not say it works
])
def test_what_fails(text: str, symptoms: list[Symptom]) -> None:
    assert read_report(text).symptoms == symptoms


@pytest.mark.parametrize("text", ["closing this out, thanks everyone", "ok, close it out"])
def test_closing_a_thread_names_no_trouble(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (None, [])


def test_closing_after_trouble_keeps_the_trouble_ended() -> None:
    result = read_report("Marina lost phones this morning, all back, closing this out")
    assert (result.severity, result.symptoms) == (Severity.MEDIUM, [])


@pytest.mark.parametrize(("text", "symptoms", "scope"), [
    # "X is the only one that can ...": nobody else can
    ("Ravi is the only person in support who can take calls", [IN], Scope.SEVERAL_USERS),
    # "no incoming calls at all" is one direction, not both
    ("no inbound calls whatsoever at the depot, dialing out is ok", [IN], Scope.ENTIRE_SITE),
    # "a phone outage" is the service out, not one phone
    ("complete voice outage at the Elm St branch", [Symptom.SITE_DOWN], Scope.ENTIRE_SITE),
])
def test_only_one_can_and_outages(text: str, symptoms: list[Symptom], scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (Severity.HIGH, symptoms, scope)


@pytest.mark.parametrize(("text", "symptoms"), [
    ("inbound calls to the sales line go straight to dead air", [IN]),  # never arrive
    ("calls we place land in dead air", [OUT]),
    ("outgoing calls fall to a reorder tone", [OUT]),  # where they land: not dropped calls
    ("our handsets all display no line registration", [Symptom.SITE_DOWN]),
])
def test_where_calls_land(text: str, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (Severity.HIGH, symptoms)


def test_an_outage_channel_is_not_an_outage() -> None:
    result = read_report("where do I find the outage ticket template?")
    assert (result.severity, result.symptoms) == (None, [])


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("phones at the depot all stuck on Initializing", Severity.HIGH, [Symptom.SITE_DOWN]),
    ("we're the only ones in billing who can call out", Severity.HIGH, [OUT]),
    ("calls between the two sites fail in either direction", Severity.HIGH, [OUT, IN]),
    ("staff hear nothing after dialing any number", Severity.HIGH, [OUT]),  # not one-way audio
    ("the phone tree skips the billing option", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("outbound calls come up as Unknown on customers' phones", Severity.MEDIUM,
     [Symptom.FEATURE_IMPAIRED]),
    ("connecting takes ages on every call to the plant", Severity.MEDIUM, [Symptom.LATENCY]),
    ("transfers to the warehouse go to dead air", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
])
def test_round_two_word_families(text: str, severity: Severity, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


def test_a_capitalised_name_is_not_spelled_as_a_word() -> None:
    # "Dripping" would otherwise be corrected to "dropping" and read as dropped calls
    assert read_report("calls keep failing at the Dripping Springs office").symptoms == [OUT]
    assert Symptom.DROPPED_CALLS in read_report("calls keep dripping").symptoms


def test_a_loud_fan_names_trouble_but_no_symptom() -> None:
    result = read_report("the switch in the closet is really loud")
    assert (result.severity, result.symptoms) == (Severity.MEDIUM, [])


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("the reps can call each other but not outside lines", Severity.HIGH, [OUT]),
    ("I can dial out but Ana and Joe can't", Severity.HIGH, [OUT]),
    ("nobody in the annex can make calls, only the fax works", Severity.HIGH, [OUT]),
    ("could nobody at the depot receive calls this morning?", Severity.HIGH, [IN]),
    ("patients get a SIP/2.0 486 Busy Here every time", Severity.HIGH, [IN]),
    ("the shipping phone and the dock office phone have no dial tone", Severity.HIGH, [OUT]),
    ("all our softphones say disconnected from the server", Severity.HIGH,
     [Symptom.SITE_DOWN]),
    ("the menu plays somebody else's greeting", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("garbled audio this morning, crystal clear now", Severity.MEDIUM, []),
    ("echo on calls yesterday, nothing today", Severity.MEDIUM, []),
])
def test_round_two_more_word_families(text: str, severity: Severity,
                                      symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


@pytest.mark.parametrize("text", [
    "the voicemail server ran out of disk space",
    "customers are waiting forever in the queue",
    "the lobby phone rings with no one on the line",
])
def test_trouble_with_no_symptom_word_still_names_trouble(text: str) -> None:
    assert read_report(text).severity is Severity.MEDIUM


def test_who_never_uses_a_phone_is_not_everyone() -> None:
    result = read_report("the spare desk phone has no dial tone, nobody really uses it")
    assert (result.severity, result.scope) == (Severity.MEDIUM, Scope.ONE_USER)


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("the lobby phone is the only one working, the others get a fast busy", Severity.HIGH, [OUT]),
    ("we can reach extensions only, nothing outside in or out", Severity.HIGH,
     [OUT, IN]),
    ("reps can't take transfers or any other calls", Severity.HIGH, [IN]),
    ("our DIDs go to a recording that the number is not in service", Severity.HIGH, [IN]),
    ("the holiday schedule didn't switch off", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("the intercom only works in the front half", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
])
def test_round_two_last_word_families(text: str, severity: Severity,
                                      symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert result.severity is severity
    assert set(symptoms) <= set(result.symptoms)
