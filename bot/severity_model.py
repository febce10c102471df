"""The reader's second opinion on severity: a linear model learnt from the labelled reports.

The word-family reader (severity_text) says *why*; this model only says how much a text is
like the reports labelled Severity 1, Severity 2 or no trouble, and, for Severity 1, which
calls fail. It is plain data (bot/data/severity_model.json.gz, written by
bot/severity_train.py) applied here without scikit-learn: TF-IDF over word 1-2-grams and
character 3-5-grams, each part L2-normalised as scikit-learn does, then a softmax over the
three classes and a logistic per failing symptom. Loading it takes about 0.3 s and 16 MB,
once, at the first report with text (handlers/report.py reads on a thread).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import re
from array import array
from collections import Counter
from functools import cache
from pathlib import Path

from bot.severity import Severity, Symptom

MODEL = Path(__file__).resolve().parent / "data" / "severity_model.json.gz"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_SPACES = re.compile(r"\s\s+")
_UNUSABLE: set[Path] = set()
log = logging.getLogger(__name__)


@cache
def model(path: Path = MODEL) -> dict:
    """The model, each n-gram's IDF and weights packed in one array (a few MB, not tens)."""
    with gzip.open(path, "rb") as file:
        data = json.loads(file.read())
    for part in (data["words"], data["chars"]):
        grams = part.pop("grams")
        part["index"] = {gram: i for i, gram in enumerate(grams)}
        part["rows"] = array("d", (value for row in grams.values() for value in row))
    return data


def usable(path: Path = MODEL) -> dict | None:
    """The model, or None when its file is missing or unreadable (said once in the log): the
    word-family reader then reads alone, and the report form still opens. A file found
    unusable is not read again (each report would pay for it); a restart reads it anew."""
    if path in _UNUSABLE:
        return None
    try:
        return model(path)
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if path not in _UNUSABLE:
            _UNUSABLE.add(path)
            log.error("the severity reader's learnt model %s is unusable (%r): reading "
                      "without it", path, exc)
        return None


def _word_grams(text: str, low: int, high: int) -> Counter:
    tokens = _TOKEN.findall(text)
    return Counter(" ".join(tokens[i:i + n]) for n in range(low, high + 1)
                   for i in range(len(tokens) - n + 1))


def _char_grams(text: str, low: int, high: int) -> Counter:
    text = _SPACES.sub(" ", text)
    return Counter(text[i:i + n] for n in range(low, min(high, len(text)) + 1)
                   for i in range(len(text) - n + 1))


def _add(scores: list[float], part: dict, counts: Counter) -> None:
    """Add one normalised TF-IDF part's contribution to the class scores."""
    index, rows, width = part["index"], part["rows"], len(scores) + 1  # IDF, then weights
    found = [((1.0 + math.log(count)) * rows[index[gram] * width], index[gram] * width)
             for gram, count in counts.items() if gram in index]
    norm = math.sqrt(sum(value * value for value, _ in found))
    if not norm:
        return
    for value, at in found:
        for k in range(len(scores)):
            scores[k] += value / norm * rows[at + k + 1]


def _scores(text: str, data: dict) -> list[float]:
    lowered = text.lower()
    scores = list(data["intercept"])
    _add(scores, data["words"], _word_grams(lowered, *data["words"]["ngram_range"]))
    _add(scores, data["chars"], _char_grams(lowered, *data["chars"]["ngram_range"]))
    return scores


def likelihoods(text: str, data: dict | None = None) -> dict[Severity | None, float]:
    """How much the text is like each class of labelled report; the values sum to 1."""
    data = data or model()
    scores = _scores(text, data)[:len(data["classes"])]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {None if c is None else Severity(c): e / total
            for c, e in zip(data["classes"], exp, strict=True)}


def failing(text: str, data: dict | None = None) -> dict[Symptom, float]:
    """For a Severity 1 report: how likely each failing symptom is to be among its symptoms."""
    data = data or model()
    scores = _scores(text, data)[len(data["classes"]):]
    return {Symptom(name): 1.0 / (1.0 + math.exp(-score))
            for name, score in zip(data["failing"], scores, strict=True)}
