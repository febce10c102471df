"""Reading free-text reports: hand-labelled Slack reports, and the reader's own promises."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.severity import Scope, Severity, Symptom, extract, read_report

LABELLED = yaml.safe_load(
    (Path(__file__).parent / "data" / "labelled_reports.yaml").read_text(encoding="utf-8"))


def _case(report: dict) -> object:
    marks = ([pytest.mark.xfail(strict=True, reason=report["reader_misses"])]
             if "reader_misses" in report else [])
    return pytest.param(report, id=report["text"][:60], marks=marks)


def test_the_labelled_set_is_large_and_well_formed() -> None:
    assert len(LABELLED) >= 120
    assert len({r["text"] for r in LABELLED}) == len(LABELLED)
    for report in LABELLED:
        assert set(report) <= {"text", "severity", "symptoms", "scope", "reader_misses"}
        if report["severity"] is not None:  # null: the text names no trouble
            Severity(report["severity"])
        [Symptom(s) for s in report.get("symptoms", [])]
        if "scope" in report:
            Scope(report["scope"])
    assert {r["severity"] for r in LABELLED} == {1, 2, None}


@pytest.mark.parametrize("report", [_case(r) for r in LABELLED])
def test_labelled_report(report: dict) -> None:
    result = read_report(report["text"])
    assert result.severity == report["severity"], result.reasons
    if "symptoms" in report:
        assert sorted(result.symptoms) == sorted(Symptom(s) for s in report["symptoms"])
    if "scope" in report:
        assert result.scope == Scope(report["scope"])


def test_agreement_with_the_labels(capsys: pytest.CaptureFixture[str]) -> None:
    severity = symptoms = scope = n_symptoms = n_scope = 0
    for report in LABELLED:
        result = read_report(report["text"])
        severity += result.severity == report["severity"]
        if "symptoms" in report:
            n_symptoms += 1
            symptoms += sorted(result.symptoms) == sorted(map(Symptom, report["symptoms"]))
        if "scope" in report:
            n_scope += 1
            scope += result.scope == Scope(report["scope"])
    with capsys.disabled():
        print(f"\nagreement with {len(LABELLED)} hand-labelled reports: severity "
              f"{severity}/{len(LABELLED)}, symptoms {symptoms}/{n_symptoms}, "
              f"scope {scope}/{n_scope}")
    assert severity / len(LABELLED) >= 0.95


@pytest.mark.parametrize(("text", "severity"), [
    ("nobody at the Tampa branch can dial out", Severity.HIGH),
    ("ONE WAY AUDIO for the whole sales floor", Severity.HIGH),
    ("the Reno office is hard down", Severity.HIGH),
    ("my desk phone has one-way audio", Severity.MEDIUM),
    ("calls sound robotic and lag a bit", Severity.MEDIUM),
    ("fax line dead", Severity.MEDIUM),
])
def test_the_briefs_examples(text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


@pytest.mark.parametrize("spelling", [
    "1-way audio", "ONE WAY AUDIO", "one way audio", "one-way audio", "1 way audio",
    "oneway audio", "they can't hear us", "we can't hear the caller", "callers cant hear us",
])
def test_one_way_audio_spellings(spelling: str) -> None:
    assert Symptom.ONE_WAY_AUDIO in extract(f"{spelling} on calls").symptoms


@pytest.mark.parametrize("negation", [
    "can't", "cant", "cannot", "can not", "unable to", "not able to", "won't", "couldn't",
])
def test_contractions_of_cannot(negation: str) -> None:
    found = extract(f"everyone {negation} dial out")
    assert (found.symptoms, found.scope) == ([Symptom.NO_OUTBOUND], Scope.ENTIRE_SITE)


@pytest.mark.parametrize(("text", "symptom"), [
    ("no dial tone", Symptom.NO_OUTBOUND),
    ("getting fast busy", Symptom.NO_OUTBOUND),
    ("all circuits busy message", Symptom.NO_OUTBOUND),
    ("site is hard down", Symptom.SITE_DOWN),
    ("we are down hard", Symptom.SITE_DOWN),
    ("totally down", Symptom.SITE_DOWN),
    ("outage at the plant", Symptom.SITE_DOWN),
    ("audio is robotic", Symptom.POOR_QUALITY),
    ("choppy", Symptom.POOR_QUALITY),
    ("echo", Symptom.POOR_QUALITY),
    ("static on the line", Symptom.POOR_QUALITY),
    ("garbled voice", Symptom.POOR_QUALITY),
    ("lag on calls", Symptom.LATENCY),
    ("half second delay", Symptom.LATENCY),
    ("calls drop", Symptom.DROPPED_CALLS),
    ("dropping calls", Symptom.DROPPED_CALLS),
    ("calls cut off", Symptom.DROPPED_CALLS),
    ("can't hear the caller", Symptom.ONE_WAY_AUDIO),
    ("they can't hear us", Symptom.ONE_WAY_AUDIO),
])
def test_synonyms(text: str, symptom: Symptom) -> None:
    assert symptom in extract(text).symptoms


@pytest.mark.parametrize("text", [
    "international calls fail, domestic fine",
    "caller ID wrong on outbound",
    "fax line dead",
    "voicemail not working",
    "can't transfer calls",
    "call park broken",
    "hunt group not ringing",
    "can't call long distance but local is ok",
])
def test_partial_failures_are_a_feature_impaired_not_an_outage(text: str) -> None:
    assert extract(text).symptoms == [Symptom.FEATURE_IMPAIRED]


@pytest.mark.parametrize(("text", "symptoms"), [
    ("inbound works but outbound fails", [Symptom.NO_OUTBOUND]),
    ("outbound is fine, no inbound", [Symptom.NO_INBOUND]),
    ("the site is not down, just some echo", [Symptom.POOR_QUALITY]),
    ("no echo or static, just lag", [Symptom.LATENCY]),
    ("calls don't drop but the audio is choppy", [Symptom.POOR_QUALITY]),
])
def test_negations_are_not_symptoms(text: str, symptoms: list[Symptom]) -> None:
    assert extract(text).symptoms == symptoms


@pytest.mark.parametrize(("text", "scope"), [
    ("everyone has one way audio", Scope.ENTIRE_SITE),
    ("nobody can dial out", Scope.ENTIRE_SITE),
    ("no one can receive calls", Scope.ENTIRE_SITE),
    ("all 40 phones have no dial tone", Scope.ENTIRE_SITE),
    ("all phones have no dial tone", Scope.ENTIRE_SITE),
    ("the whole building has no dial tone", Scope.ENTIRE_SITE),
    ("whole office has one way audio", Scope.ENTIRE_SITE),
    ("a couple of users have one way audio", Scope.SEVERAL_USERS),
    ("3 agents can't dial out", Scope.SEVERAL_USERS),
    ("two people can't dial out", Scope.SEVERAL_USERS),
    ("the sales floor has one way audio", Scope.SEVERAL_USERS),
    ("entire call center can't receive calls", Scope.SEVERAL_USERS),
    ("the whole team can't dial out", Scope.SEVERAL_USERS),
    ("agents can't dial out", Scope.SEVERAL_USERS),
    ("my phone can't dial out", Scope.ONE_USER),
    ("my desk phone has one way audio", Scope.ONE_USER),
    ("John's extension can't dial out", Scope.ONE_USER),
    ("only my softphone has one way audio", Scope.ONE_USER),
    ("one user can't dial out", Scope.ONE_USER),
    ("a single phone has no dial tone", Scope.ONE_USER),
])
def test_scope_words(text: str, scope: Scope) -> None:
    assert extract(text).scope is scope


@pytest.mark.parametrize("text", [
    "Office is hard down", "site is down", "all phones are dead", "no service at the site",
])
def test_a_site_down_is_the_entire_site(text: str) -> None:
    found = extract(text)
    assert (found.symptoms, found.scope) == ([Symptom.SITE_DOWN], Scope.ENTIRE_SITE)


def test_no_scope_named_reads_the_business_and_says_so() -> None:
    # In an outage channel, "outbound calls failing" with nobody named is the business's
    # calling: a report about one person names them ("my phone", "Bob's extension").
    found = extract("outbound calls failing with fast busy")
    assert found.scope is None
    result = read_report("outbound calls failing with fast busy")
    assert (result.severity, result.scope) == (Severity.HIGH, Scope.SEVERAL_USERS)
    assert result.reasons[-1] == ("No scope named: read as the business's service, several "
                                  'users; choose "one user" if only one person is affected')


@pytest.mark.parametrize(("text", "severity"), [
    ("inbound calls failing since 9", Severity.HIGH),
    ("can't dial out", Severity.HIGH),
    ("one way audio on calls", Severity.HIGH),
    ("tpa no dialtone", Severity.HIGH),
    ("calls choppy all morning", Severity.MEDIUM),
    ("kathy can't hear callers", Severity.MEDIUM),
    ("new hire can't dial out", Severity.MEDIUM),
    ("softphone wont connect", Severity.MEDIUM),
    ("extension 2231 can't get an outside line", Severity.MEDIUM),
    ("far end can't hear my voice", Severity.MEDIUM),
    ("can't log into the phone, says invalid credentials", Severity.MEDIUM),
    ("Calls going straight to voicemail for Tim only", Severity.MEDIUM),
    ("one way audio on transfers only", Severity.MEDIUM),
    ("Nothing is working phone-wise at the Tracy office", Severity.HIGH),
    ("Dr. Patel can't hear patients", Severity.MEDIUM),
    ("marketing intern can't receive calls", Severity.MEDIUM),
    ("Every agent in the Mesa call center is getting one-way audio", Severity.HIGH),
])
def test_without_a_scope_the_business_unless_one_person_is_named(
        text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


def test_collective_words_read_as_several_users_and_say_so() -> None:
    result = read_report("we can't make outbound calls")
    assert (result.severity, result.scope) == (Severity.HIGH, Scope.SEVERAL_USERS)
    assert result.reasons[-1] == ('Scope read from "we": several users; change it if that is not '
                                  "who is affected")


def test_a_site_down_names_its_scope_in_the_reasons() -> None:
    result = read_report("down hard!!")
    assert (result.severity, result.scope) == (Severity.HIGH, Scope.ENTIRE_SITE)
    assert "The site is down, so the scope is the entire site" in result.reasons


def test_partial_failures_say_why_in_the_reasons() -> None:
    result = read_report("everyone: international calls fail")
    assert result.severity is Severity.MEDIUM
    assert any("international calls fail" in r and "not users unable to call" in r
               for r in result.reasons)


def test_nothing_recognised_is_no_severity_saying_no_trouble_was_named() -> None:
    found = extract("hello?")
    assert (found.symptoms, found.scope) == ([], None)
    assert found.notes[0].startswith("No trouble named")
    result = read_report("hello?")
    assert (result.severity, result.symptoms, result.scope) == (None, [], None)
    assert result.reasons == found.notes


@pytest.mark.parametrize("text", [
    "how do I open a ticket with AT&T?", "all clear at the Reno office", "thanks all!",
    "phones are working fine today", "nothing is down, just checking in",
    "we're not seeing any call problems", "Las líneas no tienen tono", "Telefon geht nicht",
    "what's the AOTS number for yesterday's issue?",
])
def test_text_that_names_no_trouble_gets_no_severity(text: str) -> None:
    result = read_report(text)
    assert (result.severity, result.symptoms, result.scope) == (None, [], None), result.reasons
    assert result.reasons[0].startswith("No trouble named")


@pytest.mark.parametrize(("text", "severity"), [
    ("my softphone won't launch", Severity.MEDIUM),  # trouble, though no AT&T symptom
    ("everything works except the fax", Severity.MEDIUM),
    ("is it normal that caller ID shows UNKNOWN?", Severity.MEDIUM),
    ("we were down for an hour, back up now", Severity.MEDIUM),
    ("nobody can dial out", Severity.HIGH),
])
def test_text_that_names_trouble_keeps_a_severity(text: str, severity: Severity) -> None:
    assert read_report(text).severity is severity


def test_extract_and_read_report_are_reexported_from_the_severity_module() -> None:
    from bot import severity, severity_text

    assert severity.extract("fax down") == severity_text.extract("fax down")
    assert severity.read_report("fax down") == severity_text.read_report("fax down")
