"""The reader's second opinion: the learnt model read without scikit-learn gives scikit-learn's
answer, it is trained on the labelled reports as they are now, and it changes a reading only
where it is sure and only in what the word-family reader is least sure of."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from bot import severity_train
from bot.severity import Extraction, Scope, Severity, Symptom
from bot.severity_model import MODEL, failing, likelihoods, model
from bot.severity_opinion import (
    FAILING_NOTE,
    NOT_A_REPORT_NOTE,
    ONE_NOTE,
    SEVERAL_NOTE,
    SURE,
    UNNAMED_TROUBLE_NOTE,
    second_opinion,
)
from bot.severity_text import read_report
from bot.severity_trouble import NO_TROUBLE_NOTE

sklearn = pytest.importorskip("sklearn")


def test_read_without_scikit_learn_the_model_gives_scikit_learns_likelihoods(tmp_path) -> None:
    texts, labels, symptoms, digest = severity_train.labelled([severity_train.LABELLED])
    few = slice(None, None, 7)  # a smaller model, quickly trained, read both ways
    words, chars, fitted, heads = severity_train.fit(texts[few], labels[few], symptoms[few])
    data = severity_train.export(words, chars, fitted, heads, trained_on=digest, reports=0,
                                 sentences=0)
    path = tmp_path / "model.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    unseen = texts[3::50] + ["", "?", "ÉCHO  on   line 2!!", "nobody can dail out", "a" * 500]
    from scipy.sparse import hstack

    features = hstack([words.transform(unseen), chars.transform(unseen)])
    expected = fitted.predict_proba(features)
    calls = [head.predict_proba(features)[:, 1] for head in heads]
    for n, (text, row) in enumerate(zip(unseen, expected, strict=True)):
        got = likelihoods(text, model(path))
        assert list(got) == [None, Severity.HIGH, Severity.MEDIUM]
        assert list(got.values()) == pytest.approx(list(row), abs=1e-5), text
        which = failing(text, model(path))
        assert list(which) == [Symptom.NO_OUTBOUND, Symptom.NO_INBOUND, Symptom.ONE_WAY_AUDIO,
                               Symptom.SITE_DOWN]
        assert list(which.values()) == pytest.approx([c[n] for c in calls], abs=1e-5), text


def test_the_shipped_model_is_trained_on_the_labelled_reports_as_they_are() -> None:
    digest = hashlib.sha256(severity_train.LABELLED.read_bytes()).hexdigest()
    assert model()["trained_on"] == digest, (
        "tests/data/labelled_reports.yaml changed: run `python -m bot.severity_train`")
    assert model()["reports"] > 4000 and model()["sentences"] > 400


def _sure(text: str) -> Severity | None:
    odds = likelihoods(text)
    likeliest = max(odds, key=odds.__getitem__)
    assert odds[likeliest] >= SURE, (text, odds)
    return likeliest


def test_a_sure_no_trouble_sets_aside_what_the_words_found() -> None:
    text = "anyone know the number for AT&T billing?"
    assert _sure(text) is None
    found = Extraction(symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE, notes=[])
    assert second_opinion(text, found) == Extraction(symptoms=[], scope=None,
                                                     notes=[NOT_A_REPORT_NOTE])


def test_sure_trouble_with_no_symptom_found_is_severity_two_and_says_to_pick_symptoms() -> None:
    text = "Fargo: our front desk phone keeps rebooting, everyone else's is ok"
    assert _sure(text) is Severity.MEDIUM
    found = Extraction(symptoms=[], scope=None, notes=[NO_TROUBLE_NOTE])
    assert second_opinion(text, found).notes == [UNNAMED_TROUBLE_NOTE]


def test_sure_severity_one_widens_the_scope_of_calls_that_fail() -> None:
    text = "Kent: the 3 cashiers cant get outside calls thru, they get a recording"
    assert _sure(text) is Severity.HIGH
    one = Extraction(symptoms=[Symptom.NO_OUTBOUND], scope=Scope.ONE_USER, notes=["n"])
    assert second_opinion(text, one) == Extraction(
        symptoms=[Symptom.NO_OUTBOUND], scope=Scope.SEVERAL_USERS, notes=["n", SEVERAL_NOTE])


def test_sure_severity_one_with_no_failed_calls_found_says_which_calls_and_to_check() -> None:
    text = "Kent: the 3 cashiers can't dial out, every number they try gets a recording"
    assert _sure(text) is Severity.HIGH
    assert max(failing(text), key=failing(text).__getitem__) is Symptom.NO_OUTBOUND
    crackly = Extraction(symptoms=[Symptom.POOR_QUALITY], scope=Scope.ONE_USER, notes=["n"])
    want = FAILING_NOTE.format(what="calls out failing for several users")
    assert second_opinion(text, crackly) == Extraction(
        symptoms=[Symptom.POOR_QUALITY, Symptom.NO_OUTBOUND], scope=Scope.SEVERAL_USERS,
        notes=["n", want])
    nothing = Extraction(symptoms=[], scope=None, notes=[NO_TROUBLE_NOTE])
    assert second_opinion(text, nothing) == Extraction(
        symptoms=[Symptom.NO_OUTBOUND], scope=Scope.SEVERAL_USERS, notes=[want])
    down = "Toledo warehouse: whole building lost phones and internet at 9am"
    assert _sure(down) is Severity.HIGH
    assert second_opinion(down, nothing) == Extraction(
        symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
        notes=[FAILING_NOTE.format(what="the whole site down")])


def test_sure_severity_two_narrows_the_scope_or_takes_back_a_site_down() -> None:
    text = "Duluth: my desk phone shows No Service, the whole row of desks next to me is fine"
    assert _sure(text) is Severity.MEDIUM
    many = Extraction(symptoms=[Symptom.NO_INBOUND], scope=Scope.SEVERAL_USERS, notes=[])
    assert second_opinion(text, many) == Extraction(
        symptoms=[Symptom.NO_INBOUND], scope=Scope.ONE_USER, notes=[ONE_NOTE])
    down = Extraction(symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE, notes=[])
    assert second_opinion(text, down).symptoms == []


def test_an_unsure_model_leaves_the_reading_alone() -> None:
    text = "Lima: callers say our reps sound like robots and then the call goes silent"
    odds = likelihoods(text)
    assert max(odds.values()) < SURE
    found = Extraction(symptoms=[Symptom.ONE_WAY_AUDIO], scope=Scope.ONE_USER, notes=[])
    assert second_opinion(text, found) == found


def test_a_reading_changed_by_the_model_says_so_to_the_reporter() -> None:
    result = read_report("Vineland: is the AT&T outage map down or just me?")
    assert (result.severity, result.symptoms, result.scope) == (None, [], None)
    assert result.reasons == [NOT_A_REPORT_NOTE]
    assert result.reasons[0].startswith("No trouble named: ")


@pytest.mark.parametrize("broken", [None, b"not gzip at all", gzip.compress(b'{"words": 1}'),
                                    gzip.compress(b'{"words": 1, "chars": 2}')])
def test_without_a_readable_model_the_word_reader_reads_alone(tmp_path, caplog,
                                                              broken) -> None:
    path = tmp_path / "severity_model.json.gz"
    if broken is not None:
        path.write_bytes(broken)
    text = "anyone know the number for AT&T billing?"
    found = Extraction(symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE, notes=["n"])
    assert second_opinion(text, found, path) == found  # the shipped model would set it aside
    assert second_opinion(text, found) != found
    assert "unusable" in caplog.text and "reading without it" in caplog.text


def test_a_model_file_found_unusable_is_not_read_again(tmp_path) -> None:
    path = tmp_path / "severity_model.json.gz"
    path.write_bytes(b"not gzip at all")
    text = "anyone know the number for AT&T billing?"
    found = Extraction(symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE, notes=["n"])
    assert second_opinion(text, found, path) == found
    path.write_bytes(MODEL.read_bytes())  # mended on disk: read again only at the next start
    assert second_opinion(text, found, path) == found
