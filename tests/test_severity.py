"""classify: AT&T's severity definitions over every symptom and scope, and the reasons given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.severity import SEED_WORDING, Scope, Severity, Symptom, classify

SEED = Path(__file__).parents[2] / "shared" / "seed" / "att-bvoip-escalation.txt"
# AT&T's two severity sentences as the seed has them, so the quoting tests run in any clone.
SEED_SEVERITIES = (
    "Severity 1 (High): This severity is set when a customer has any location with multiple "
    "users, who are unable to make outbound or inbound calls, are experiencing one way audio or "
    "the entire site is down.Severity 2 (Medium): This severity is set when the operation of "
    "phones, network equipment or circuit is experiencing latency, degraded performance, or "
    "certain aspects of the customer’s business operation are being negatively impacted."
)

S, M = Severity.HIGH, Severity.MEDIUM
ONE, SEVERAL, SITE = Scope.ONE_USER, Scope.SEVERAL_USERS, Scope.ENTIRE_SITE

# Written out by hand from the seed, one row per symptom: (one user, several users, entire site).
TABLE: dict[Symptom, tuple[Severity, Severity, Severity]] = {
    Symptom.SITE_DOWN: (S, S, S),
    Symptom.NO_OUTBOUND: (M, S, S),
    Symptom.NO_INBOUND: (M, S, S),
    Symptom.ONE_WAY_AUDIO: (M, S, S),
    Symptom.LATENCY: (M, M, M),
    Symptom.POOR_QUALITY: (M, M, M),
    Symptom.DROPPED_CALLS: (M, M, M),
    Symptom.EQUIPMENT_DEGRADED: (M, M, M),
    Symptom.FEATURE_IMPAIRED: (M, M, M),
}
CELLS = [(symptom, scope, row[i]) for symptom, row in TABLE.items()
         for i, scope in enumerate((ONE, SEVERAL, SITE))]

CALLS_RULE = ('"any location with multiple users, who are unable to make outbound or inbound '
              'calls"')
ONE_WAY_RULE = '"any location with multiple users" … "are experiencing one way audio"'
SITE_RULE = '"the entire site is down"'
LATENCY_RULE = '"the operation of phones, network equipment or circuit is experiencing latency"'
DEGRADED_RULE = ('"the operation of phones, network equipment or circuit is experiencing" … '
                 '"degraded performance"')
IMPACTED_RULE = ('"certain aspects of the customer’s business operation are being negatively '
                 'impacted"')


def test_the_table_covers_every_symptom_and_scope() -> None:
    assert set(TABLE) == set(Symptom)
    assert len(CELLS) == len(Symptom) * len(Scope) == 27


@pytest.mark.parametrize(("symptom", "scope", "expected"), CELLS,
                         ids=[f"{sym.value}-{sc.value}" for sym, sc, _ in CELLS])
def test_each_symptom_at_each_scope(symptom: Symptom, scope: Scope, expected: Severity) -> None:
    result = classify([symptom], scope)
    assert result.severity is expected
    assert result.symptoms == [symptom]
    assert result.scope is scope
    assert len(result.reasons) == 1
    assert result.reasons[0].startswith(f"Severity {expected.value}: ")


@pytest.mark.parametrize(("symptoms", "scope", "expected"), [
    ([Symptom.NO_OUTBOUND, Symptom.NO_INBOUND], ONE, M),
    ([Symptom.NO_OUTBOUND, Symptom.ONE_WAY_AUDIO, Symptom.LATENCY], ONE, M),
    ([Symptom.LATENCY, Symptom.POOR_QUALITY, Symptom.DROPPED_CALLS,
      Symptom.EQUIPMENT_DEGRADED, Symptom.FEATURE_IMPAIRED], SITE, M),
    ([Symptom.POOR_QUALITY, Symptom.NO_INBOUND], SEVERAL, S),
    ([Symptom.FEATURE_IMPAIRED, Symptom.ONE_WAY_AUDIO], SITE, S),
    ([Symptom.SITE_DOWN, Symptom.LATENCY], ONE, S),
    (list(Symptom), ONE, S),
    ([s for s in Symptom if s is not Symptom.SITE_DOWN], ONE, M),
])
def test_combinations_take_the_highest_severity(symptoms: list[Symptom], scope: Scope,
                                                expected: Severity) -> None:
    assert classify(symptoms, scope).severity is expected


def test_symptoms_come_back_deduplicated_in_enum_order() -> None:
    given = [Symptom.FEATURE_IMPAIRED, Symptom.NO_OUTBOUND, "latency", Symptom.NO_OUTBOUND,
             Symptom.SITE_DOWN]
    assert classify(given, ONE).symptoms == [
        Symptom.SITE_DOWN, Symptom.NO_OUTBOUND, Symptom.LATENCY, Symptom.FEATURE_IMPAIRED]


def test_classify_accepts_any_iterable_once() -> None:
    result = classify(iter([Symptom.ONE_WAY_AUDIO]), SEVERAL)
    assert (result.severity, result.symptoms) == (S, [Symptom.ONE_WAY_AUDIO])


def test_no_symptom_is_severity_two_saying_so() -> None:
    result = classify([], SITE)
    assert result.severity is M
    assert result.symptoms == []
    assert result.scope is SITE
    assert result.reasons == [
        "Severity 2: no symptom was named, and every Severity 1 rule needs one"]


def test_several_users_who_cannot_call_out_quote_the_seed() -> None:
    assert classify([Symptom.NO_OUTBOUND], SEVERAL).reasons == [
        f"Severity 1: {CALLS_RULE} (several users cannot make outbound calls)"]


def test_both_directions_failing_are_one_rule_and_one_reason() -> None:
    assert classify([Symptom.NO_INBOUND, Symptom.NO_OUTBOUND], SITE).reasons == [
        f"Severity 1: {CALLS_RULE} (the entire site cannot make outbound calls and cannot "
        "receive inbound calls)"]


def test_one_way_audio_for_a_site_quotes_its_own_clause() -> None:
    assert classify([Symptom.ONE_WAY_AUDIO], SITE).reasons == [
        f"Severity 1: {ONE_WAY_RULE} (the entire site has one-way audio)"]


def test_site_down_holds_whatever_the_scope() -> None:
    assert classify([Symptom.SITE_DOWN], ONE).reasons == [
        f"Severity 1: {SITE_RULE} (the site is down, whatever the scope)"]


def test_latency_reason_is_the_seeds_sentence() -> None:
    assert classify([Symptom.LATENCY], SITE).reasons == [f"Severity 2: {LATENCY_RULE}"]


def test_degraded_symptoms_share_one_reason() -> None:
    result = classify([Symptom.DROPPED_CALLS, Symptom.POOR_QUALITY, Symptom.EQUIPMENT_DEGRADED],
                      SEVERAL)
    assert result.reasons == [
        f"Severity 2: {DEGRADED_RULE} (poor call quality and dropped calls and network "
        "equipment or circuit degraded for several users)"]


def test_one_user_who_cannot_call_is_a_business_aspect_impacted() -> None:
    result = classify([Symptom.NO_OUTBOUND, Symptom.ONE_WAY_AUDIO], ONE)
    assert result.reasons == [
        f"Severity 2: {IMPACTED_RULE} (one user cannot make outbound calls; one user has "
        "one-way audio; Severity 1 needs multiple users)"]


def test_severity_one_reasons_come_before_severity_two() -> None:
    result = classify([Symptom.FEATURE_IMPAIRED, Symptom.LATENCY, Symptom.POOR_QUALITY,
                       Symptom.ONE_WAY_AUDIO, Symptom.NO_INBOUND, Symptom.SITE_DOWN], SEVERAL)
    assert [r.split(":")[0] for r in result.reasons] == ["Severity 1"] * 3 + ["Severity 2"] * 3
    assert [r.split(" (")[0].split(": ", 1)[1] for r in result.reasons] == [
        CALLS_RULE, ONE_WAY_RULE, SITE_RULE, LATENCY_RULE, DEGRADED_RULE, IMPACTED_RULE]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not beside the clone")
def test_the_copied_sentences_are_the_seeds() -> None:
    assert SEED_SEVERITIES in SEED.read_text(encoding="utf-8")


def test_every_rule_quotes_the_seed_verbatim() -> None:
    for fragments in SEED_WORDING.values():
        for fragment in fragments:
            assert fragment in SEED_SEVERITIES


def test_every_quoted_part_of_every_reason_is_in_the_seed() -> None:
    seed = SEED_SEVERITIES
    for symptom, scope, _ in CELLS:
        for reason in classify([symptom], scope).reasons:
            quoted = re.findall(r'"([^"]+)"', reason)
            assert quoted and all(part in seed for part in quoted), reason
