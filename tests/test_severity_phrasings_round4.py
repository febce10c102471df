"""The reader's fourth round, word by word: each family fixed after batch 55, on sentences
in no labelled batch."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, read_report

S, M = Severity.HIGH, Severity.MEDIUM
OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # calls that hang up on their own are dropped, whoever was on them
    ("two calls with suppliers hung up by themselves mid sentence", M,
     [Symptom.DROPPED_CALLS], None),
    # phones that come back each time have not come back for good
    ("the switch reboots every hour or so, phones come back every time after a minute", M,
     [Symptom.EQUIPMENT_DEGRADED], None),
    # one phone down with everyone else fine: its calls fail, the site is not down
    ("the lobby phone shows No Service, nobody else has a problem", M, [OUT, IN],
     Scope.ONE_USER),
    # a group of people is several; silence and then the call ending tell the failed call
    ("incoming calls to the scheduling group go nowhere, callers hear silence and then it hangs"
     " up", S,
     [IN], Scope.SEVERAL_USERS),
    # 'them' after people named in a clause that says they are fine: those people
    ("the billing clerks can dial out fine but customers calling them get a busy", S, [IN],
     Scope.SEVERAL_USERS),
    ("the ladies at the front counter can't hear callers", S, [Symptom.ONE_WAY_AUDIO],
     Scope.SEVERAL_USERS),
])
def test_round_four_families(text: str, severity: Severity, symptoms: list[Symptom],
                             scope: Scope | None) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms), result.reasons
    if scope is not None:
        assert result.scope is scope, result.reasons


def test_callers_who_hang_up_are_still_no_dropped_call() -> None:
    assert Symptom.DROPPED_CALLS not in read_report(
        "callers hang up after waiting ten minutes on hold").symptoms


def test_a_hunt_group_is_still_a_feature() -> None:
    result = read_report("the sales hunt group stopped ringing anyone")
    assert (result.severity, result.symptoms) == (M, [Symptom.FEATURE_IMPAIRED])


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # "the agent" when the report also says "agents": any agent, not one
    ("the reps can hear the caller but the caller can't hear the rep, every queue", S,
     [Symptom.ONE_WAY_AUDIO], Scope.SEVERAL_USERS),
    # "the drivers' cordless phones": their phones, not one phone
    ("the drivers' cordless phones won't dial out, the desk phones are fine", S, [OUT],
     Scope.SEVERAL_USERS),
    # "only internal transfers ring": what still works; the rest fails
    ("no outside calls reach us, only internal transfers ring", S, [IN], None),
    # "reach the other side late", "stepping on each other": a delay
    ("what we say gets there late and we keep stepping on each other", M,
     [Symptom.LATENCY], None),
    # trouble told in the past tense, then "it's working": over
    ("outbound was failing for a while this morning, the carrier fixed a route and it's ok", M,
     [], None),
    # "nobody's assigned to it": who uses the phone, not who is affected
    ("the phone in the mail room is dead, nobody is assigned to it", M, [OUT, IN],
     Scope.ONE_USER),
    # "nothing in, nothing out": calls both ways
    ("the desks can ring each other and that's all. nothing in, nothing out", S, [OUT, IN],
     None),
])
def test_round_four_families_after_batch_56(text: str, severity: Severity,
                                            symptoms: list[Symptom],
                                            scope: Scope | None) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms), result.reasons
    if scope is not None:
        assert result.scope is scope, result.reasons


@pytest.mark.parametrize("text", [
    "the new handsets get installed Monday, expect a brief outage",
    "oops, wrong tab",
])
def test_announced_work_and_wrong_windows_name_no_trouble(text: str) -> None:
    assert read_report(text).severity is None


@pytest.mark.parametrize("text", [
    "the Bend branch is hard down, no dial tone, no fax, the router is flashing red",
    "every handset at Bend shows 'No Network' and won't dial or ring",
])
def test_a_site_down_is_the_one_symptom(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (S, [Symptom.SITE_DOWN]), result.reasons


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # a recording told after the callers' side, in the clause before: inbound
    ("patients keep trying to reach the clinic and it only plays a message that the number"
     " is unavailable", S, [IN], None),
    # "the one person here who can still": nobody else can
    ("Bend: I'm the one person here who can still make calls", S, [OUT], Scope.SEVERAL_USERS),
    # answered calls that disconnect at once never arrived
    ("calls ring through but as soon as anyone answers it drops, every phone", S, [IN], None),
    # three-way calls are a feature
    ("3-way calls fall apart when the third person joins", M, [Symptom.FEATURE_IMPAIRED], None),
    # "same at the desk next to me": another has it too
    ("nothing happens when I lift the handset, same at the desk beside mine", S, None,
     Scope.SEVERAL_USERS),
    # "nobody on the far end": the far end, not everyone here
    ("the drivers' radios patch through but nobody on the far end hears them", S,
     [Symptom.ONE_WAY_AUDIO], Scope.SEVERAL_USERS),
    # a floor or department named after its site is that part, not the whole site
    ("everyone on the plant floor hears a fast busy dialing out", S, [OUT], Scope.SEVERAL_USERS),
    ("no dial tone for anyone in receiving", S, [OUT], Scope.SEVERAL_USERS),
])
def test_round_four_families_after_batch_57(text: str, severity: Severity,
                                            symptoms: list[Symptom] | None,
                                            scope: Scope | None) -> None:
    result = read_report(text)
    assert result.severity is severity, result.reasons
    if symptoms is not None:
        assert result.symptoms == symptoms, result.reasons
    if scope is not None:
        assert result.scope is scope, result.reasons


@pytest.mark.parametrize(("text", "direction"), [
    ("when we dial out we get a lady saying the call cannot go through", OUT),
    ("callers get told our number is temporarily out of order", IN),
    ("we just get three beeps when we try calling anyone", OUT),
])
def test_recordings_voices_and_tones_are_calls_failing(text: str, direction: Symptom) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (
        S, [direction], Scope.SEVERAL_USERS), result.reasons


def test_a_beep_now_and_then_is_no_call_failing() -> None:
    result = read_report("the desk phones give a weird beep every few minutes during calls")
    assert (result.severity, result.symptoms) == (M, [])


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # several phones showing a status of failure are down, whatever else was read
    ("the Bend phones all read 'Not Provisioned' after last night's restart", S,
     [Symptom.SITE_DOWN], None),
    ("handsets powered on but the screens just say 'Please Wait'", S, [Symptom.SITE_DOWN],
     None),
    # calls that die are calls failing
    ("every call coming in to the planners just dies after a ring", S, [IN],
     Scope.SEVERAL_USERS),
    # "besides Pam, nobody in billing has a working phone": nobody else has phones
    ("apart from Lee, nobody in billing has a working phone", S, [OUT, IN],
     Scope.SEVERAL_USERS),
    # a call ending after a ring, never answered, is a call that fails
    ("calls we place ring once on the far end and cut off, all of them", S, [OUT], None),
    ("callers hear 'this number has been changed or disconnected'", S, [IN], None),
    # a clause with no subject of its own shares the subject before
    ("the three nurses can't get transfers and can't dial out from the app", S,
     [OUT, Symptom.FEATURE_IMPAIRED], Scope.SEVERAL_USERS),
    # "just internal" after calls that fail: the rest fails
    ("nobody can reach local or long distance numbers, just internal", S, [OUT], None),
    # three or more named as one subject
    ("shipping, receiving and the cage phones all dead since noon", S, [OUT, IN],
     Scope.SEVERAL_USERS),
    # "all sorted on our end": over
    ("thanks, all sorted on our end now", M, [], None),
])
def test_round_four_families_after_batch_58(text: str, severity: Severity,
                                            symptoms: list[Symptom],
                                            scope: Scope | None) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms), result.reasons
    if scope is not None:
        assert result.scope is scope, result.reasons


@pytest.mark.parametrize("text", [
    "Bend: happy Monday, no phone problems to report",
    "Bend: what's the ticket number for last week's outage?",
    "we're swapping the router tonight at 10, phones might blip",
])
def test_denials_questions_and_tests_ahead_name_no_trouble(text: str) -> None:
    assert read_report(text).severity is None


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # "lost dial tone ... after the power work": trouble, not something that works
    ("we lost dial tone on the shop phones after the electrical work", S, [OUT], None),
    # "my phone and the two next to me"
    ("my phone and the three by the window can't hear callers", S, [Symptom.ONE_WAY_AUDIO],
     Scope.SEVERAL_USERS),
    # nothing offsite connects: outbound
    ("desk phones reach each other but nothing off-site connects", S, [OUT], None),
    # people said to be fine are not who is affected; a phone that has not rung is inbound
    ("my line hasn't rung since 9 though people are calling; Ana's and Tom's ring fine", M,
     [IN], Scope.ONE_USER),
    # a wallboard is a feature
    ("the wallboard stopped showing calls in queue", M, [Symptom.FEATURE_IMPAIRED], None),
    # calls that reach a message instead of ringing our phones never arrive
    ("callers get a 'mailbox full' message instead of ringing any of our phones", S, [IN],
     None),
])
def test_round_four_families_after_batch_59(text: str, severity: Severity,
                                            symptoms: list[Symptom],
                                            scope: Scope | None) -> None:
    result = read_report(text)
    assert result.severity is severity, result.reasons
    assert set(symptoms) <= set(result.symptoms), result.reasons
    if scope is not None:
        assert result.scope is scope, result.reasons


def test_an_extension_number_is_no_sip_code() -> None:
    assert read_report("please set up extension 450 for the new hire").severity is None


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # "sounds like a silent line": a figure of speech, not one line
    ("the claims team says every caller sounds like a silent line to them, callers hear us",
     S, [Symptom.ONE_WAY_AUDIO], Scope.SEVERAL_USERS),
    # a fax tone heard by callers is a tone, not the fax
    ("callers get a fax screech instead of reaching us", S, [IN], None),
    # "can't take calls or transfer them": the calls fail, the transfers beside
    ("the planners can't take calls or transfer them", S, [IN], Scope.SEVERAL_USERS),
    # one kind of call failing while the rest work is a feature
    ("calls to our Eugene office keep failing, everything else goes through", M,
     [Symptom.FEATURE_IMPAIRED], None),
    ("the guards can't hear anyone on the intercom calls, the rest of our calls are fine", M,
     [Symptom.FEATURE_IMPAIRED], None),
    # a sound in the background is call quality
    ("there's a ticking sound in the background of my calls", M, [Symptom.POOR_QUALITY],
     Scope.ONE_USER),
    # a phone that keeps going to do-not-disturb is a feature; "keeps going to" is no plan
    ("Lupe says her phone keeps going to DND on its own", M, [Symptom.FEATURE_IMPAIRED],
     Scope.ONE_USER),
    # one phone named while the others are said to ring: one user, not a generic phone
    ("the phone by the loading dock stopped ringing, the office phones ring fine", M, [IN],
     Scope.ONE_USER),
])
def test_round_four_families_after_batch_60(text: str, severity: Severity,
                                            symptoms: list[Symptom],
                                            scope: Scope | None) -> None:
    result = read_report(text)
    assert result.severity is severity, result.reasons
    assert set(symptoms) <= set(result.symptoms), result.reasons
    if scope is not None:
        assert result.scope is scope, result.reasons


@pytest.mark.parametrize(("text", "symptoms", "scope"), [
    # "zero phones working", blank screens: the phones are down
    ("zero phones working at the Bend branch, screens blank on every desk", [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    # two lines named, with more words after the second, are several
    ("line 4 and line 5 at the loading dock are dead", [OUT, IN], Scope.SEVERAL_USERS),
])
def test_round_four_families_after_batch_61(text: str, symptoms: list[Symptom],
                                            scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (S, symptoms, scope), (
        result.reasons)


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    # "apart from X, nothing in the building ...": X is carved out, not who is affected
    ("apart from the lobby phone, nothing in the building rings for incoming calls", S, [IN]),
    # lines that ring busy to callers
    ("the adjusters' lines all ring busy to callers", S, [IN]),
    # a call dropped the moment it is picked up never arrived
    ("every call in drops as soon as someone picks it up", S, [IN]),
    # a clock off by an hour names trouble
    ("the clocks on the phones are off by an hour", M, []),
    # quiet for seconds, then it rings: a delay
    ("we sit in dead quiet for about five seconds when we dial Bend, then it rings", M,
     [Symptom.LATENCY]),
    # one busy signal, once: now and then
    ("a caller says he got a busy signal once this morning", M, [Symptom.FEATURE_IMPAIRED]),
    # one phone dead while everything else works: one user
    ("the phone in the showroom is dead, everything else works", M, [OUT, IN]),
])
def test_round_four_families_after_batch_62(text: str, severity: Severity,
                                            symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms), result.reasons
