"""The free-text reader, phrasing by phrasing: typos and shorthand, what is not an outage,
who is affected, and the call failures people describe in their own words."""

from __future__ import annotations

import pytest

from bot.severity import Scope, Severity, Symptom, extract, read_report


@pytest.mark.parametrize(("text", "severity", "symptoms"), [
    ("noboby at the lansing ofice can dial out", Severity.HIGH, [Symptom.NO_OUTBOUND]),
    ("evryone has 1way audio", Severity.HIGH, [Symptom.ONE_WAY_AUDIO]),
    ("vociemail not wrking", Severity.MEDIUM, [Symptom.FEATURE_IMPAIRED]),
    ("agents cant here callers", Severity.HIGH, [Symptom.ONE_WAY_AUDIO]),
    ("calls r choppy n laggy", Severity.MEDIUM, [Symptom.LATENCY, Symptom.POOR_QUALITY]),
])
def test_typos_and_shorthands(text: str, severity: Severity, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms) == (severity, symptoms)


def test_the_spelling_fix_leaves_words_it_knows_alone() -> None:
    assert read_report("the billing team cant dial out").scope is Scope.SEVERAL_USERS
    assert extract("caller id wrong").symptoms == [Symptom.FEATURE_IMPAIRED]


@pytest.mark.parametrize("text", [
    "is the Tulsa site down? no, just bad echo",
    "backup circuit at Reno went down, primary fine",
    "internet is down but the phones work fine",
    "phones keep going offline for a few seconds at a time",
    "outbound calls occasionally fail for everyone, retry works",
    "we're seeing about 20% of calls fail to connect",
    "outgoing calls fail with fast busy but only for long distance",
    "calls from our Memphis office to the Dallas office fail, external calls fine",
])
def test_what_is_not_an_outage(text: str) -> None:
    assert read_report(text).severity is Severity.MEDIUM


@pytest.mark.parametrize(("text", "scope"), [
    ("one user on the sales floor can't make outbound calls", Scope.ONE_USER),
    ("bob in accounting can't dial out", Scope.ONE_USER),
    ("Mary in accounting and Tom in sales can't make calls", Scope.SEVERAL_USERS),
    ("my desk phone and my softphone both can't dial out", Scope.ONE_USER),
    ("the CFO and the CEO both have one-way audio", Scope.SEVERAL_USERS),
    ("calls won't connect for me or anyone else in billing", Scope.SEVERAL_USERS),
    ("ext 330, 331 and 332 all have one way audio", Scope.SEVERAL_USERS),
    ("store #231 has no dial tone on 4 phones", Scope.SEVERAL_USERS),
    ("nobody can hear me on calls", Scope.ONE_USER),
    ("the kitchen phone at the Elm St restaurant is dead", Scope.ONE_USER),
])
def test_who_is_affected(text: str, scope: Scope) -> None:
    assert read_report(text).scope is scope


def test_callers_who_cannot_get_in_mean_the_business_is_unreachable() -> None:
    result = read_report("people ringing in get a busy tone")
    assert (result.severity, result.symptoms) == (Severity.HIGH, [Symptom.NO_INBOUND])
    assert result.scope is Scope.SEVERAL_USERS
    assert "callers cannot reach the business" in result.reasons[-1]


def test_a_callers_inbound_failure_still_yields_to_a_named_user() -> None:
    result = read_report("callers to my extension get a busy signal")
    assert (result.severity, result.scope) == (Severity.MEDIUM, Scope.ONE_USER)


@pytest.mark.parametrize("text", [
    "", "   ", "???", "\U0001F6A8\U0001F6A8", "ext", "all", "nobody", "and and and", "0" * 50,
    "cant " + "word " * 2000 + "make calls",
])
def test_any_text_reads_without_error(text: str) -> None:
    result = read_report(text)
    assert result.severity in (Severity.HIGH, Severity.MEDIUM, None)
    assert result.reasons


@pytest.mark.parametrize(("text", "severity"), [
    ("ACD queue not delivering calls to agents, 15 agents sitting idle", Severity.HIGH),
    ("Agents in Spanish queue can't get calls, English queue fine", Severity.HIGH),
    ("our whole ring group stopped getting calls", Severity.MEDIUM),
    ("our 2 dispatchers can't take 911 transfer calls", Severity.MEDIUM),
])
def test_people_who_cannot_take_calls_are_not_a_feature(text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    ("we had an outage last night but everything's back up now", Severity.MEDIUM),
    ("phones down at Reno, AT&T says restored but still no dial tone", Severity.HIGH),
    ("Site down? No - just the conference room phone", Severity.MEDIUM),
    ("Down: the fax. Up: everything else.", Severity.MEDIUM),
    ("Nobody complains except Tom, whose phone can't dial out", Severity.MEDIUM),
    ("everyone can't dial out except accounting", Severity.HIGH),
])
def test_restored_answered_and_excepted(text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


@pytest.mark.parametrize(("text", "scope"), [
    ("our WFH guy can't make calls over the VPN", Scope.ONE_USER),
    ("Just me and my manager can't make calls, rest of office is fine", Scope.SEVERAL_USERS),
    ("me and my desk phone both can't dial out", Scope.ONE_USER),
    ("I can't dial out, my colleague has the same problem", Scope.SEVERAL_USERS),
    ("They can hear me, I can't hear them. Happening on my phone and Jen's", Scope.SEVERAL_USERS),
    ("Bill in shipping says his phone is dead", Scope.ONE_USER),
])
def test_who_else_is_affected(text: str, scope: Scope) -> None:
    assert read_report(text).scope is scope


@pytest.mark.parametrize(("text", "severity"), [
    ("inbound calls ringing once then disconnecting for the whole office", Severity.HIGH),
    ("calls ring twice and then drop for everyone", Severity.HIGH),
    ("my phone rings twice then disconnects", Severity.MEDIUM),
])
def test_a_call_that_rings_then_ends_was_never_received(text: str, severity: Severity) -> None:
    assert Symptom.NO_INBOUND in extract(text).symptoms
    assert read_report(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    ("nobody can make long distance or local calls", Severity.HIGH),
    ("can't make local or international calls", Severity.HIGH),
    ("local calls work, long distance fails", Severity.MEDIUM),
    ("we cant call long distance or international", Severity.MEDIUM),
])
def test_local_and_long_distance_together_are_all_outside_calls(
        text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


@pytest.mark.parametrize(("text", "symptoms"), [
    ("everyone except me can't make calls", [Symptom.NO_OUTBOUND]),
    ("all users except Bob can't call out", [Symptom.NO_OUTBOUND]),
    ("I can call but nobody else can", [Symptom.NO_OUTBOUND]),
    ("apart from Jenna, nobody can take calls", [Symptom.NO_INBOUND]),
    ("outbound works for me, everyone else gets a fast busy", [Symptom.NO_OUTBOUND]),
])
def test_everyone_but_one_is_several_users(text: str, symptoms: list[Symptom]) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (
        Severity.HIGH, symptoms, Scope.SEVERAL_USERS), result.reasons


@pytest.mark.parametrize("text", [
    "everyone is fine except me, I can't dial out",
    "nobody except Greg has problems, his phone won't dial out",
    "the lobby phone can't call out, all other phones are working",
    "my softphone has one way audio, the rest of the office is fine",
])
def test_one_person_or_device_with_the_rest_fine_is_one_user(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.scope) == (Severity.MEDIUM, Scope.ONE_USER), result.reasons


@pytest.mark.parametrize(("text", "symptom"), [
    ("nobody can dail out", Symptom.NO_OUTBOUND),
    ("phones are all dwon", Symptom.SITE_DOWN),
    ("we get SIP 503 on every call", Symptom.NO_OUTBOUND),
    ("480 Temporarily Unavailable whenever anyone dials out", Symptom.NO_OUTBOUND),
    ("reorder tone on every outside call", Symptom.NO_OUTBOUND),
    ("customers calling in hear 'all circuits are busy'", Symptom.NO_INBOUND),
    ("the support team stopped receiving calls", Symptom.NO_INBOUND),
])
def test_typos_and_what_phones_and_carriers_say(text: str, symptom: Symptom) -> None:
    result = read_report(text)
    assert symptom in result.symptoms and result.severity is Severity.HIGH, result.reasons


@pytest.mark.parametrize("text", [
    "we couldn't dial out this morning but it cleared up at 10",
    "the Reno outage is over, calls are going through again",
    "inbound was broken earlier, AT&T fixed it",
    "nobody is down, just a little static",
    "it's not that we can't call, the audio is just choppy",
    "calls are not failing, just slow to connect",
])
def test_trouble_that_ended_or_is_denied_is_not_an_outage(text: str) -> None:
    result = read_report(text)
    assert result.severity is Severity.MEDIUM, result.reasons
    assert not {Symptom.NO_OUTBOUND, Symptom.NO_INBOUND, Symptom.SITE_DOWN} & set(result.symptoms)


def test_trouble_after_the_end_of_earlier_trouble_is_current() -> None:
    result = read_report("AT&T says it's resolved but we still can't dial out")
    assert (result.severity, result.symptoms) == (Severity.HIGH, [Symptom.NO_OUTBOUND])


def test_the_spelling_fix_leaves_everyday_words_alone() -> None:
    from bot.severity_text import normalise

    said = normalise("after the storm, though, whose route is ongoing")
    assert said == "after the storm, though, whose route is ongoing"
    assert normalise("nobody can dail out, phones dwon") == "nobody can dial out, phones down"
