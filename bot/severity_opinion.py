"""Where the word-family reader and the learnt model (severity_model) disagree about a report.

The reader's reading stands unless the model is at least `SURE` of another severity. Then
the reading changes as little as reaches that severity: who is affected first (calls that
fail for one person or for several), whether the text reports trouble at all, a "site down"
taken back; and only for a report sure to be Severity 1 in which the reader found no failed
calls does the model also say which calls fail (its per-symptom heads). Every change is said
in the notes, so the reporter sees why and can put it right on the form.
"""

from __future__ import annotations

from pathlib import Path

from bot.severity import NEEDS_MULTIPLE_USERS, Extraction, Scope, Severity, Symptom, classify
from bot.severity_model import MODEL, failing, likelihoods, usable
from bot.severity_other import NOTICE_NOTE, TAKEN_BACK_NOTE, WORK_DONE_NOTE
from bot.severity_trouble import NO_TROUBLE_NOTE

SURE = 0.9  # chosen on batches 64-68 held out from the model (README)

NOT_A_REPORT_NOTE = (
    "No trouble named: the text reads like a question, a notice or trouble that is over rather "
    "than a report of trouble now, so no severity is given; say what is wrong now, or pick the "
    "symptoms on the form")
UNNAMED_TROUBLE_NOTE = (
    "Trouble reported but no symptom the reader knows is named: read as Severity 2; pick the "
    "symptoms on the form")
SEVERAL_NOTE = (
    "Scope read as several users: the wording is like reports of trouble for more than one "
    'person; choose "one user" if only one person is affected')
ONE_NOTE = (
    "Scope read as one user: the wording is like reports of one person's or one phone's "
    'trouble; choose "several users" if more than one person is affected')
FAILING_NOTE = (
    "Read as Severity 1: the wording is like reports of {what}, though no words the reader "
    "knows say so; check the symptoms on the form")
_TOLD = {Symptom.NO_OUTBOUND: "calls out failing", Symptom.NO_INBOUND: "calls in failing",
         Symptom.ONE_WAY_AUDIO: "one-way audio", Symptom.SITE_DOWN: "the whole site down"}
NO_SEVERITY_NOTES = (NO_TROUBLE_NOTE, NOT_A_REPORT_NOTE, TAKEN_BACK_NOTE, WORK_DONE_NOTE,
                     NOTICE_NOTE)


def names_none(found: Extraction) -> bool:
    """Whether a reading says the text names no trouble (so gives no severity)."""
    return not found.symptoms and bool(found.notes) and found.notes[0] in NO_SEVERITY_NOTES


def _severity(found: Extraction) -> Severity | None:
    if names_none(found):
        return None
    return classify(found.symptoms, found.scope or Scope.SEVERAL_USERS).severity


def second_opinion(text: str, found: Extraction, model: Path = MODEL) -> Extraction:
    """The reader's extraction, changed where the model is sure of a reachable severity (as
    it is, when the model cannot be read)."""
    data = usable(model)
    if data is None:
        return found
    odds = likelihoods(text, data)
    likeliest = max(odds, key=odds.__getitem__)
    if odds[likeliest] < SURE or likeliest == _severity(found):
        return found
    if likeliest is None:
        return Extraction(symptoms=[], scope=None, notes=[NOT_A_REPORT_NOTE])
    none = names_none(found)
    needing = [s for s in found.symptoms if s in NEEDS_MULTIPLE_USERS]
    if likeliest is Severity.HIGH:
        if needing:
            return Extraction(symptoms=found.symptoms, scope=Scope.SEVERAL_USERS,
                              notes=[*found.notes, SEVERAL_NOTE])
        return _failing_calls(text, data, [] if none else found.symptoms,
                              [] if none else found.notes)
    if none:
        return Extraction(symptoms=[], scope=None, notes=[UNNAMED_TROUBLE_NOTE])
    # Severity 2: the calls fail for one person, or the site is not in fact down
    symptoms = [s for s in found.symptoms if s is not Symptom.SITE_DOWN]
    scope = Scope.ONE_USER if needing else found.scope
    return Extraction(symptoms=symptoms, scope=scope,
                      notes=[*found.notes, *([ONE_NOTE] if needing else [])])


def _failing_calls(text: str, data: dict, symptoms: list[Symptom],
                   notes: list[str]) -> Extraction:
    """A report sure to be Severity 1 in which the reader found no failed calls: the failing
    symptoms the model finds likely (at least the likeliest), for several users."""
    odds = failing(text, data)
    picked = [s for s, p in odds.items() if p >= 0.5] or [max(odds, key=odds.__getitem__)]
    if Symptom.SITE_DOWN in picked:
        picked = [Symptom.SITE_DOWN]
    what = " and ".join(_TOLD[s] for s in picked)
    what += "" if Symptom.SITE_DOWN in picked else " for several users"
    return Extraction(
        symptoms=[*symptoms, *(s for s in picked if s not in symptoms)],
        scope=Scope.ENTIRE_SITE if Symptom.SITE_DOWN in picked else Scope.SEVERAL_USERS,
        notes=[*notes, FAILING_NOTE.format(what=what)])
