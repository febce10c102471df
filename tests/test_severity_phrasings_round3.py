"""The reader's word families added in the third round of labelled batches (46-54), each tried
on sentences that are in no labelled batch, so a rule that only fits its batch's wording
fails here."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom
from bot.severity_text import read_report

OUT, IN, ONE_WAY = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND, Symptom.ONE_WAY_AUDIO


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # a short word typed without its vowel; a phone screen stuck "at" a boot step
    ("the whole team gets a fast bsy dialing out", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("all the handsets are stuck at Registering", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    # "I might be the only one who can": nobody else can
    ("I might be the only one in sales who can dial out", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("not a single patient has got through since noon", Severity.HIGH, [IN], Scope.SEVERAL_USERS),
    # a carrier's "the number you have dialed is unreachable" is calls not arriving
    ("customers hear 'the number you have dialed is unreachable'", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    # "dead silence" is no audio, not phones dead
    ("agents hear dead silence when they pick up, callers hear them", Severity.HIGH, [ONE_WAY],
     Scope.SEVERAL_USERS),
    # a clause that only says which way belongs to the one before it
    ("nobody at the depot can place calls, either way", Severity.HIGH, [OUT, IN],
     Scope.ENTIRE_SITE),
    ("Dock office: apart from Joe nobody can dial out", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("two phones in billing say no line available", Severity.HIGH, [OUT, IN],
     Scope.SEVERAL_USERS),
    ("billing floor: calls won't connect for anyone", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    # "everything else works" after a failure with no destination: not one kind of call
    ("the reps can't dial out, everything else works", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("the training room phone won't dial out, everything else works", Severity.MEDIUM,
     [OUT], Scope.ONE_USER),
])
def test_round_three_who_and_what(text: str, severity: Severity, symptoms: list[Symptom],
                                  scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (severity, symptoms, scope)


@pytest.mark.parametrize(("text", "symptoms"), [
    ("calls were failing before lunch, fine ever since", []),  # ended
    ("the handsets kept rebooting but everything stable this morning", []),
    ("clients see our old number on their caller ID", [Symptom.FEATURE_IMPAIRED]),
    ("call forwarding to my cell just hangs", [Symptom.FEATURE_IMPAIRED]),
    ("3 seconds of nothing before the far end answers", [Symptom.LATENCY]),
    ("I hear a delayed echo of my own voice on calls", [Symptom.POOR_QUALITY]),  # not latency
])
def test_round_three_severity_two(text: str, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (Severity.MEDIUM, symptoms)


@pytest.mark.parametrize("text", ["hang on, checking with the Tulsa office", "ok hang tight"])
def test_hang_on_names_no_trouble(text: str) -> None:
    assert read_report(text).severity is None


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    ("the kiosk phones keep booting up over and over", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    ("the lab techs have no way to dial out", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("not a single handset at the yard can call or be called", Severity.HIGH, [OUT, IN],
     Scope.ENTIRE_SITE),
    ("the dispatchers can't take transfers or regular calls", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("the warehouse is unreachable by phone", Severity.HIGH, [IN], Scope.ENTIRE_SITE),
    ("we never see them come in, callers just hear ringing", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("the far end never rings when any of us dial", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("staff get 'invalid number' no matter who they call", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("apart from mine, none of our handsets will ring", Severity.HIGH, [IN], Scope.SEVERAL_USERS),
    ("every phone at the depot lost its registration", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    # the wider scope is said of the echo; the one phone named is where calls fail
    ("echo for everyone and Ken's phone can't dial out", Severity.MEDIUM,
     [OUT, Symptom.POOR_QUALITY], Scope.ONE_USER),
])
def test_round_three_more_word_families(text: str, severity: Severity, symptoms: list[Symptom],
                                        scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (severity, symptoms, scope)


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("outside calls coming in get a fast busy", Severity.HIGH, [IN]),  # inbound, not outbound
    ("inbound was down around 8, fine since 9:30", Severity.MEDIUM, []),
    ("popping and clicking on every call", Severity.MEDIUM, [Symptom.POOR_QUALITY]),
    ("the call queue stats are blank this week", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("no outage, just checking the bot works", None, []),
])
def test_round_three_what_fails_and_what_does_not(text: str, severity: Severity | None,
                                                 symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    ("every handset shows registration timed out", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    ("I figured it was only me, but the whole dispatch crew can't dial out", Severity.HIGH,
     [OUT], Scope.SEVERAL_USERS),
    ("nobody on the floor gets incoming calls", Severity.HIGH, [IN], Scope.SEVERAL_USERS),
    ("neither of us can take calls", Severity.HIGH, [IN], Scope.SEVERAL_USERS),
    ("dialing out gives 'call not permitted' for all of us", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("callers get 'your call could not be completed as dialed'", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("all the clerks minus Dee get a reorder tone", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("with the exception of my desk, no phone in the lab can dial out", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("the billing reps only get outbound, inbound to them is dead", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("when we answer it's dead, callers still hear ringing", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
])
def test_round_three_carve_outs_and_screens(text: str, severity: Severity,
                                            symptoms: list[Symptom], scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (severity, symptoms, scope)


@pytest.mark.parametrize(("text", "symptoms"), [
    ("the greeting sounds garbled and callers hear silence after it", [Symptom.FEATURE_IMPAIRED]),
    ("the menu repeats twice before routing", [Symptom.FEATURE_IMPAIRED]),
    ("the auto attendant reverted to the old recording", [Symptom.FEATURE_IMPAIRED]),
    ("our calls show up as Scam Likely", [Symptom.FEATURE_IMPAIRED]),
    ("the phone directory is out of date", [Symptom.FEATURE_IMPAIRED]),
    ("everything works except the fax machine", [Symptom.FEATURE_IMPAIRED]),
    ("false alarm on the echo, it was a bad handset cord", []),
    ("the battery backup is beeping", [Symptom.EQUIPMENT_DEGRADED]),
    ("Nina's extension rings but she can't pick it up", [IN]),
    ("Lagos calls are fine, LaGrange too", []),
])
def test_round_three_features_and_causes(text: str, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert result.symptoms == symptoms
    assert result.severity is (Severity.MEDIUM if symptoms or "alarm" in text else None)


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    # a town named with its state is a name, not the symptom it spells
    ("Static NE: the reps can't hear customers", Severity.HIGH, [ONE_WAY], Scope.SEVERAL_USERS),
    ("evry phone at the yard sez no service", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    ("none of the lobby handsets connect, 'No Service' on every display", Severity.HIGH,
     [Symptom.SITE_DOWN], Scope.ENTIRE_SITE),  # round 4: the site down is the one symptom
    ("callers hear 'the number you have reached has been disconnected'", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("our handsets sit on 'waiting for network'", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    ("calls in ring forever at the depot", Severity.HIGH, [IN], Scope.ENTIRE_SITE),
    ("I'm fine on the cordless; everyone on desk phones gets a reorder tone", Severity.HIGH,
     [OUT], Scope.SEVERAL_USERS),
    # the wider scope is said of the quality; the team named is where calls fail
    ("static for the whole building and the claims team can't take calls", Severity.HIGH,
     [IN, Symptom.POOR_QUALITY], Scope.SEVERAL_USERS),
])
def test_round_three_names_and_screens(text: str, severity: Severity, symptoms: list[Symptom],
                                       scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, sorted(result.symptoms), result.scope) == (
        severity, sorted(symptoms), scope)


@pytest.mark.parametrize(("text", "symptoms"), [
    ("the night bell doesn't ring in the shop", [Symptom.FEATURE_IMPAIRED]),
    ("the T1 is taking slips, voice is fine", [Symptom.EQUIPMENT_DEGRADED]),
    ("calls take a while to start ringing", [Symptom.LATENCY]),
    ("billing calls keep ringing at reception", [Symptom.FEATURE_IMPAIRED]),
    ("the call park keys vanished after the update", [Symptom.FEATURE_IMPAIRED]),
    ("calls to a particular vendor fail, everything else is fine", [Symptom.FEATURE_IMPAIRED]),
    ("the copier's fax is jammed", [Symptom.FEATURE_IMPAIRED]),
    ("customers we call see the old name", [Symptom.FEATURE_IMPAIRED]),
    ("Zoe's desk phone keeps restarting; she's on her cell", [Symptom.EQUIPMENT_DEGRADED]),
])
def test_round_three_severity_two_families(text: str, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (Severity.MEDIUM, symptoms)


def test_no_actual_issue_names_no_trouble() -> None:
    assert read_report("it was planned maintenance, no actual issue").severity is None


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    ("outbound's dead for the whole billing pod", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("patients keep telling us they can't get through", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("the agents and the team lead are both getting busy tones", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("the reps' softphones signed out and won't sign back in", Severity.HIGH, [OUT, IN],
     Scope.SEVERAL_USERS),
    ("nothing we dial gets to the outside world", Severity.HIGH, [OUT], Scope.ENTIRE_SITE),
    ("inbound calls die before they reach the agents", Severity.HIGH, [IN], Scope.SEVERAL_USERS),
    ("I'm still getting calls, everyone else's phone has gone quiet", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("nobody hears a ring when patients call", Severity.HIGH, [IN], Scope.ENTIRE_SITE),
    ("every dial attempt gets a SIP 404 Not Found", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    ("the claims team gets dead air on every outbound", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("we can't dial out since noon, any of us", Severity.HIGH, [OUT], Scope.SEVERAL_USERS),
    # "Lake Charles" is a place, not a Charles
    ("the Lake Charles office can't dial out, fast busy on every call", Severity.HIGH, [OUT],
     Scope.ENTIRE_SITE),
])
def test_round_three_everyday_wording(text: str, severity: Severity, symptoms: list[Symptom],
                                      scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, sorted(result.symptoms), result.scope) == (
        severity, sorted(symptoms), scope)


@pytest.mark.parametrize(("text", "symptoms"), [
    ("we hear other people's conversations on our line", [Symptom.POOR_QUALITY]),
    ("audio drops out for a second mid call", [Symptom.POOR_QUALITY]),  # not one-way audio
    ("calls get clipped off at 30 minutes", [Symptom.DROPPED_CALLS]),
    ("my headset volume is really low", [Symptom.POOR_QUALITY]),
    ("the menu sends callers to the general mailbox", [Symptom.FEATURE_IMPAIRED]),
    ("the night greeting plays during business hours", [Symptom.FEATURE_IMPAIRED]),
    ("presence lights are out of sync", [Symptom.FEATURE_IMPAIRED]),
    ("apart from the fax everything is fine", [Symptom.FEATURE_IMPAIRED]),
    ("the firewall is running hot, calls unaffected", [Symptom.EQUIPMENT_DEGRADED]),
    ("outbound was down for about 15 minutes this morning", []),
    ("the branch is back in business", []),
    ("some choppiness earlier, seems better now", []),
])
def test_round_three_everyday_severity_two(text: str, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (Severity.MEDIUM, symptoms)


def test_all_fine_alone_names_no_trouble_but_ends_trouble_named_before() -> None:
    assert read_report("checked the phones at Tulsa, all fine").severity is None
    ended_ = read_report("phones rebooted overnight for the update, all fine")
    assert (ended_.severity, ended_.symptoms) == (Severity.MEDIUM, [])


@pytest.mark.parametrize(("text", "severity", "symptoms", "scope"), [
    ("the depot lost both phone lines this morning", Severity.HIGH, [Symptom.SITE_DOWN],
     Scope.ENTIRE_SITE),
    ("callers hear a single ring and then the call drops", Severity.HIGH, [IN],
     Scope.SEVERAL_USERS),
    ("all the handsets are stuck rebooting", Severity.HIGH, [Symptom.SITE_DOWN], Scope.ENTIRE_SITE),
    ("the warehouse crew can only call each other", Severity.HIGH, [OUT, IN],
     Scope.SEVERAL_USERS),
    ("it's impossible to dial out from the clinic", Severity.HIGH, [OUT], Scope.ENTIRE_SITE),
    ("our billing line is dead", Severity.HIGH, [IN], Scope.SEVERAL_USERS),
    ("the bookkeeper and the office manager can't dial out", Severity.HIGH, [OUT],
     Scope.SEVERAL_USERS),
    ("my calls are garbled and Ken can't dial out either", Severity.HIGH,
     [OUT, Symptom.POOR_QUALITY], Scope.SEVERAL_USERS),
    ("the 6 CSRs have one way audio", Severity.HIGH, [ONE_WAY], Scope.SEVERAL_USERS),
])
def test_round_three_last_word_families(text: str, severity: Severity, symptoms: list[Symptom],
                                        scope: Scope) -> None:
    result = read_report(text)
    assert (result.severity, sorted(result.symptoms), result.scope) == (
        severity, sorted(symptoms), scope)


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("calls to 976 numbers are blocked", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("transfers to the lab ring out", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("the phones were flaky this morning, it went away by ten", Severity.MEDIUM, []),
    ("echo on every call earlier, all sorted", Severity.MEDIUM, []),
    ("heads up: phones will be down Sunday from 1 to 3 for the cutover", None, []),
])
def test_round_three_planned_and_ended(text: str, severity: Severity | None,
                                       symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


@pytest.mark.parametrize("text", ["the branch will be down until the tech arrives Monday"])
def test_a_site_down_until_a_tech_comes_is_current(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (Severity.HIGH, [Symptom.SITE_DOWN])


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("intake + triage can't hear callers", Severity.HIGH, [ONE_WAY]),
    ("Elm St: except for my phone, the claims team can't dial out", Severity.HIGH, [OUT]),
    ("none of the support calls arrive", Severity.HIGH, [IN]),
    ("answering gets you nothing, the phones just ring", Severity.HIGH, [ONE_WAY]),
    ("every phone reads 'Reg Failed'", Severity.HIGH, [Symptom.SITE_DOWN]),
    ("patients calling the 800 number land in dead air", Severity.HIGH, [IN]),
    ("the lobby phone's screen is too dim", Severity.MEDIUM, []),
    ("the display name shows our old logo text", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("the battery backup for the switch died", Severity.MEDIUM, [Symptom.EQUIPMENT_DEGRADED]),
    ("the desk phones are 10 minutes behind", Severity.MEDIUM, []),
    ("callers hear the sales greeting when they press 2 for service", Severity.MEDIUM,
     [Symptom.FEATURE_IMPAIRED]),
    ("not a phone issue, the firewall reboots every night", Severity.MEDIUM,
     [Symptom.EQUIPMENT_DEGRADED]),
])
def test_round_three_final_word_families(text: str, severity: Severity,
                                         symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("the depot is without phone service", Severity.HIGH, [Symptom.SITE_DOWN]),
    ("all the desk phones say 'No Connection'", Severity.HIGH, [Symptom.SITE_DOWN]),
    ("there's not one working handset in the building", Severity.HIGH, [Symptom.SITE_DOWN]),
    ("the machinists can't dial out, everyone else seems ok", Severity.HIGH, [OUT]),
    ("3 of our front desk staff have no dial tone", Severity.HIGH, [OUT]),
    ("callers to our main number get a 'circuits busy' recording", Severity.HIGH, [IN]),
    ("she's the only one on the team with a dial tone", Severity.HIGH, [OUT]),
    ("the billing group hasn't had an incoming call since 9", Severity.HIGH, [IN]),
    ("callers say our main line plays a strange tone", Severity.HIGH, [IN]),
    ("my phone rings but nobody is there when I answer", Severity.MEDIUM, []),
    ("voicemails are showing up late", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("calls to the Tulsa office ring slowly", Severity.MEDIUM, [Symptom.LATENCY]),
])
def test_round_three_closing_word_families(text: str, severity: Severity,
                                           symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


def test_a_message_in_the_wrong_channel_names_no_trouble() -> None:
    assert read_report("oops, wrong channel").severity is None


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("dialing out gives 'please hang up and try again'", Severity.HIGH, [OUT]),
    ("the packers say the caller is inaudible", Severity.HIGH, [ONE_WAY]),
    ("the branch lost its phone line", Severity.HIGH, [Symptom.SITE_DOWN]),
    ("callers say our main number returns an error message", Severity.HIGH, [IN]),
    ("we hear customers fine but they say we're on mute", Severity.HIGH, [ONE_WAY]),
    ("calls sit in dead air for 5 sec before ringing", Severity.MEDIUM, [Symptom.LATENCY]),
    ("our number shows someone else's business name on caller ID", Severity.MEDIUM,
     [Symptom.FEATURE_IMPAIRED]),
    ("fax to email arrives empty", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("the closed greeting plays at 10am", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
])
def test_round_three_recordings_and_mutes(text: str, severity: Severity,
                                          symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


def test_no_complaints_names_no_trouble() -> None:
    assert read_report("Tulsa phones: no complaints this week").severity is None
