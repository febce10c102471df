"""Where the word-family reader and the learnt model (severity_model) disagree about a report.

The reader's reading stands unless the model is at least `SURE` of another severity *and*
that severity can be reached by changing only what the reader is least sure of: who is
affected, or whether the text reports trouble at all. The symptoms the reader found are
never invented: a report the reader found no call failure or one-way audio in cannot be
made Severity 1. Every change is said in the notes, so the reporter sees why.
"""

from __future__ import annotations

from bot.severity import NEEDS_MULTIPLE_USERS, Extraction, Scope, Severity, Symptom, classify
from bot.severity_model import likelihoods
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
NO_SEVERITY_NOTES = (NO_TROUBLE_NOTE, NOT_A_REPORT_NOTE)


def names_none(found: Extraction) -> bool:
    """Whether a reading says the text names no trouble (so gives no severity)."""
    return not found.symptoms and bool(found.notes) and found.notes[0] in NO_SEVERITY_NOTES


def _severity(found: Extraction) -> Severity | None:
    if names_none(found):
        return None
    return classify(found.symptoms, found.scope or Scope.SEVERAL_USERS).severity


def second_opinion(text: str, found: Extraction) -> Extraction:
    """The reader's extraction, changed where the model is sure of a reachable severity."""
    odds = likelihoods(text)
    likeliest = max(odds, key=odds.__getitem__)
    if odds[likeliest] < SURE or likeliest == _severity(found):
        return found
    if likeliest is None:
        return Extraction(symptoms=[], scope=None, notes=[NOT_A_REPORT_NOTE])
    if names_none(found):  # only Severity 2 is reachable without naming a symptom
        if likeliest is Severity.HIGH:
            return found
        return Extraction(symptoms=[], scope=None, notes=[UNNAMED_TROUBLE_NOTE])
    needing = [s for s in found.symptoms if s in NEEDS_MULTIPLE_USERS]
    if likeliest is Severity.HIGH:
        if not needing:
            return found
        return Extraction(symptoms=found.symptoms, scope=Scope.SEVERAL_USERS,
                          notes=[*found.notes, SEVERAL_NOTE])
    # Severity 2: the calls fail for one person, or the site is not in fact down
    symptoms = [s for s in found.symptoms if s is not Symptom.SITE_DOWN]
    scope = Scope.ONE_USER if needing else found.scope
    return Extraction(symptoms=symptoms, scope=scope,
                      notes=[*found.notes, *([ONE_NOTE] if needing else [])])
