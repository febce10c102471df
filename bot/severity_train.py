"""Training the reader's second opinion (bot/severity_model.py) on the labelled reports.

    pip install -e '.[test]'            # scikit-learn comes with the test extra
    python -m bot.severity_train        # writes bot/data/severity_model.json.gz

The model is a logistic regression over TF-IDF word 1-2-grams and character 3-5-grams,
learnt from `tests/data/labelled_reports.yaml` and from the sentences of the phrasing tests
(`tests/test_severity_*.py`, every `text` parameter of a test not marked xfail, labelled by
its `severity` parameter or else by the reading the test holds the word-family reader to).
A fresh batch is scored by the reader as it stands *before* it is added there and the model
is trained again (README). It learns the severity, and which calls fail in the Severity 1
reports whose symptoms are labelled; the file records the labelled data's SHA-256, and a
test fails when the labels change and the model was not trained again. The same data gives
the same file (lbfgs is deterministic, and the gzip header carries no time).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import yaml

from bot.severity import Scope, classify

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "labelled_reports.yaml"
MODEL = Path(__file__).resolve().parent / "data" / "severity_model.json.gz"
CLASSES = [None, 1, 2]  # no severity, Severity 1, Severity 2
WORDS = {"ngram_range": (1, 2), "min_df": 2}
CHARS = {"ngram_range": (3, 5), "min_df": 3}
C = 30.0  # with classes weighted by their rarity: chosen on batches 64-68 held out (README)
SYMPTOM_C = 10.0
# Which calls fail, for a report sure to be Severity 1 in which the word reader found none
FAILING = ["no_outbound", "no_inbound", "one_way_audio", "site_down"]
PHRASINGS = "tests/test_severity_*.py"


def labelled(paths: list[Path]) -> tuple[list[str], list[int], list[set[str] | None], str]:
    """The texts, their class indexes, their labelled symptoms (None where not labelled) and
    the SHA-256 of the files they came from."""
    digest = hashlib.sha256()
    texts: list[str] = []
    labels: list[int] = []
    symptoms: list[set[str] | None] = []
    for path in paths:
        raw = path.read_bytes()
        digest.update(raw)
        for item in yaml.safe_load(raw):
            texts.append(item["text"])
            labels.append(CLASSES.index(item["severity"]))
            symptoms.append(set(item["symptoms"]) if "symptoms" in item else None)
    return texts, labels, symptoms, digest.hexdigest()


class _Sentences:
    """A pytest plugin that keeps, at collection, each phrasing test's text and severity."""

    def __init__(self) -> None:
        self.found: dict[str, object] = {}

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            params = getattr(getattr(item, "callspec", None), "params", {})
            if item.get_closest_marker("xfail") is None and isinstance(params.get("text"), str):
                self.found.setdefault(params["text"], params.get("severity", "unset"))


def phrasings(labelled_texts: set[str]) -> tuple[list[str], list[int]]:
    """The phrasing tests' sentences that are not labelled reports, with their classes."""
    import pytest

    from bot.severity_opinion import names_none
    from bot.severity_text import read_words

    sentences = _Sentences()
    files = sorted(str(p) for p in ROOT.glob(PHRASINGS))
    code = pytest.main(["--collect-only", "-qq", "-p", "no:randomly", "-p", "no:cacheprovider",
                        f"--rootdir={ROOT}", *files], plugins=[sentences])
    if code != 0:  # a test file that does not import would silently leave its sentences out
        raise SystemExit(f"collecting the phrasing tests failed (pytest exit {code}): "
                         "fix them, then train again")
    texts, labels = [], []
    for text, severity in sorted(sentences.found.items()):
        if text in labelled_texts:
            continue
        if severity == "unset":
            found = read_words(text)
            severity = None if names_none(found) else classify(
                found.symptoms, found.scope or Scope.SEVERAL_USERS).severity
        texts.append(text)
        labels.append(CLASSES.index(None if severity is None else int(severity)))
    return texts, labels


def fit(texts: list[str], labels: list[int], symptoms: list[set[str] | None]):
    """The fitted vectorizers, the severity classifier and one yes/no classifier per failing
    symptom, learnt from the Severity 1 reports whose symptoms are labelled."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(sublinear_tf=True, **WORDS)
    chars = TfidfVectorizer(analyzer="char", sublinear_tf=True, **CHARS)
    features = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    severity = LogisticRegression(C=C, max_iter=10_000, class_weight="balanced").fit(
        features, labels)
    rows = [i for i, (label, named) in enumerate(zip(labels, symptoms, strict=True))
            if label == CLASSES.index(1) and named and named & set(FAILING)]
    heads = [LogisticRegression(C=SYMPTOM_C, max_iter=10_000).fit(
        features[rows], [symptom in symptoms[i] for i in rows]) for symptom in FAILING]
    return words, chars, severity, heads


def export(words, chars, severity, heads, trained_on: str, reports: int,
           sentences: int) -> dict:
    """The model as plain data for bot/severity_model.py: per n-gram its IDF and weights
    (three for the severities, then one per failing symptom)."""
    import numpy as np

    width = len(words.vocabulary_)
    coef = np.vstack([severity.coef_, *(head.coef_ for head in heads)])

    def table(vectorizer, offset: int) -> dict[str, list[float]]:
        return {gram: [round(float(vectorizer.idf_[i]), 6),
                       *(round(float(w), 6) for w in coef[:, offset + i])]
                for gram, i in sorted(vectorizer.vocabulary_.items())}

    return {
        "trained_on": trained_on,
        "reports": reports,
        "sentences": sentences,
        "classes": CLASSES,
        "failing": FAILING,
        "intercept": [round(float(b), 6) for b in severity.intercept_]
        + [round(float(head.intercept_[0]), 6) for head in heads],
        "words": {"ngram_range": list(WORDS["ngram_range"]), "grams": table(words, 0)},
        "chars": {"ngram_range": list(CHARS["ngram_range"]), "grams": table(chars, width)},
    }


def train(paths: list[Path], out: Path = MODEL) -> dict:
    texts, labels, symptoms, digest = labelled(paths)
    more, more_labels = phrasings(set(texts))
    data = export(*fit(texts + more, labels + more_labels, symptoms + [None] * len(more)),
                  trained_on=digest,
                  reports=len(texts), sentences=len(more))
    with gzip.GzipFile(out, "wb", mtime=0) as file:  # mtime 0: the same data, the same bytes
        file.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode())
    return data


def main() -> int:
    data = train([LABELLED])
    print(f"trained on {data['reports']} labelled reports and {data['sentences']} phrasing "
          f"tests' sentences: {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
