"""Reading symptoms and scope out of a trouble report typed into Slack in a hurry.

The reader works on word families, not on example sentences: the text is first spelled one
way (severity_spelling), cut into clauses (severity_clauses), and clauses that say something
works ("domestic fine", "inbound ok") or that the trouble has ended ("back up now") are set
aside. Each remaining clause is matched against the symptom families (severity_symptoms);
the scope comes from the words that name who is affected (severity_scope). A report that
names no trouble at all gets no severity, and says so (severity_trouble).
"""

from __future__ import annotations

import re

from bot.severity import Extraction, ReportReading, Scope, Symptom, classify
from bot.severity_clauses import clauses, is_working
from bot.severity_contrast import contrasts, generic_ones, joined_subjects, only_troubled
from bot.severity_fallback import direction, fallback, screens_down
from bot.severity_opinion import names_none, second_opinion
from bot.severity_other import (
    FAULT_WORDS,
    NOT_THE_PHONES,
    NOTHING_WRONG,
    NOTICE_NOTE,
    OTHER_FAULT_NOTE,
    TAKEN_BACK_NOTE,
    THANKS,
    WORK_DONE_NOTE,
    announced,
    other_thing,
    set_aside,
    taken_back,
    without_portal,
    work_done,
)
from bot.severity_scope import read_scope, resolve_scope
from bot.severity_spelling import normalise
from bot.severity_symptom_words import DEVICES, ONE_DEVICE
from bot.severity_symptoms import Reading, read_clause
from bot.severity_trouble import (
    NO_TROUBLE_NOTE,
    PLANNED,
    SHARED,
    ended,
    names_trouble,
    without_asking,
)
from bot.severity_words import (
    CALLERS,
    CARRIERS,
    FEATURES,
    IN,
    NO_SCOPE_NOTE,
    ONE,
    OTHER_CALLS_WORK,
    OTHERS_FINE,
    OUT,
    SEVERAL,
    SITE,
    WORKING,
)

__all__ = ["clauses", "extract", "normalise", "read_report"]


_EXCEPTED_FEATURE = re.compile(
    r"\b(?:works?|working|fine|ok|okay|good)\b[^.;!?\n]*?\b(?:except|other than|apart from"
    r"|besides)(?: for)? (?:the |our |my )?([\w ]{2,30}?)(?:[.;!?,\n]|$)"
    r"|\b(?:except(?: for)?|other than|apart from|besides|aside from) (?:the |our |my )?"
    r"([\w ]{2,30}?),? (?:everything|all|every \w+|the rest)(?: else)? (?:is |are )?(?:fine|ok"
    r"|okay|good|working|works|normal)\b")


def extract(text: str) -> Extraction:
    """Read the symptoms and, if named, the scope from a hurried free-text report; where
    the learnt model is sure of another severity, it has a say (severity_opinion)."""
    return second_opinion(text, read_words(text))


def read_words(text: str) -> Extraction:
    """The word-family reader alone."""
    reading = Reading()
    original = text = without_portal(text)  # AT&T's portal and its logins: not the phones
    others: list[str] = []  # faults in things that are not phones
    live: list[str] = []
    working: list[str] = []
    # "my phone is the only one (here) that can dial out": nobody else (here) can
    text = contrasts(text)
    # "is anyone else getting a fast busy?" reports the trouble; who else has it is unsaid
    text = re.sub(r"\b(?:is|are|does|do|has|have|did|can) (?:anyone|anybody) else (?=unable"
                  r"|not able|having|getting|seeing|cant|can't|losing|hearing|experiencing|with)",
                  "", text, flags=re.I)
    # a question answered "no" ("site down? no, just one phone") is set aside with its answer
    text = re.sub(r"[^.?!\n]{0,60}\?\s*(?:no|nope|negative)\b", " ", text, flags=re.I)
    # a yes/no question ("is the Tulsa site down?") asks; it does not report
    # ... unless it asks whether others share the trouble: "is it just me or is nobody able to"
    asked = re.sub(r"(^|[.!?\n:]\s*)(?:is|are|was|were|did|does|do)\b[^.?!\n]{0,60}\?",
                   lambda m: m[0] if SHARED.search(m[0]) else f"{m[1]} ", without_asking(text),
                   flags=re.I)
    after_end = False
    stated_live: list[str] = []  # live clauses not asked; none if the trouble has ended
    over = False
    stated = set(clauses(normalise(re.sub(r"[^.?!\n]*\?", " ", asked))))  # not asked
    notice = announced(normalise(asked))  # "reminder: ... Sat 7am, expect no phones"
    thanks = bool(THANKS.match(normalise(asked)))  # "thanks for the tip on the BLF keys"
    fixed_elsewhere = False
    for clause in clauses(normalise(asked)):
        if live and re.match(r"(?:gets?|getting|keeps?|just|only) ", clause) and FEATURES.search(
                live[-1]):  # "fax line won't send, gets a busy signal": the fax's busy signal
            clause = f"{live.pop()} {clause}"
        thing = other_thing(clause)  # a thing that is not a phone, and nothing about phones
        if thing and ended(clause):  # "coffee machine is finally fixed"
            working.append(clause)
            fixed_elsewhere = True
            continue
        if after_end and re.match(r"(?:it|that|this) (?:was|turned out)\b", clause):
            working.append(clause)  # "never mind, it was a bad headset": the cause, not trouble
        elif ended(clause) or _works_again(clause, live):  # "... but it's back up now"
            if reading.symptoms or reading.phones_down or reading.infrastructure_down:
                reading.notes.append(f'"{clause}": the trouble named before is over, not read'
                                     " as current")
            reading.symptoms.clear()
            reading.phones_down = reading.infrastructure_down = reading.shown_down = False
            working.append(clause)
            over = True  # what follows an end is its cause or cure: "AT&T bounced the port"
            after_end = True
            continue
        elif thing and FAULT_WORDS.search(clause):  # "it's the badge reader that's offline"
            others.append(clause)
        elif thing:  # "the coffee machine is fixed": not the phones either way
            working.append(clause)
        elif is_working(clause) or PLANNED.search(clause) or NOT_THE_PHONES.search(clause) or (
                NOTHING_WRONG.search(clause)) or (
                (notice or thanks) and set_aside(clause)):
            working.append(clause)
        else:
            told = _callers_before(clause, live)  # "..., every call rolls to a fast busy"
            live.append(clause)
            stated_live.extend([clause] if clause in stated else [])
            read_clause(told, reading)
        after_end = False
    read_scope(" | ".join(live), text, reading)
    for said in joined_subjects(normalise(asked)):  # "jo and the office manager cant call out"
        reading.named.append((SEVERAL, said, False, True))
    reading.named = generic_ones(reading.named, normalise(asked))
    reading.named += [(who, said, True, True) for who, said in only_troubled(normalise(asked))]
    # "outbound works for everyone except the fax": what is excepted from working is the trouble
    if any(FEATURES.search(m[1] or m[2]) for m in _EXCEPTED_FEATURE.finditer(normalise(asked))):
        reading.symptoms.add(Symptom.FEATURE_IMPAIRED)
    # "..., but only for long distance", "one way audio on transfers only"
    only_some = any(re.search(r"^(?:just|only) |\bonly$", c) and FEATURES.search(c)
                    and not WORKING.search(c) and not re.search(r"\b(?:can|could)\b", c)
                    for c in live)  # "only 911 works", "can call internally only": the rest fails
    if {OUT, IN, Symptom.ONE_WAY_AUDIO} & reading.symptoms and only_some:
        reading.symptoms = (reading.symptoms - {OUT, IN, Symptom.ONE_WAY_AUDIO}) | {
            Symptom.FEATURE_IMPAIRED}
        reading.notes.append("Only one kind of call fails: read as a feature impaired")
    _ended_unanswered(live, reading)  # "callers get dead silence, then it disconnects"
    if reading.symptoms <= {Symptom.EQUIPMENT_DEGRADED} and not over and screens_down(stated_live):
        reading.phones_down = True  # "phones all showing Phone Not Provisioned since the reboot"
    other_calls = [m[0] for c in working for m in OTHER_CALLS_WORK.finditer(c)]
    _other_calls_work(reading, other_calls, live)
    _one_kind(reading, other_calls, live)
    if reading.infrastructure_down and (
            any(re.search(r"\b(?:phones?|calls?|voice)\b", c) for c in working)
            or any(re.search(r"\bfail\w* ?over|\brunning on (?:the )?(?:backup|lte|4g|5g|cell)",
                             c) for c in live)):
        reading.symptoms = (reading.symptoms - {Symptom.SITE_DOWN}) | {Symptom.EQUIPMENT_DEGRADED}
        reading.notes.append("Phones still work: the equipment down is read as degraded")
    if reading.shown_down and not reading.symptoms & {OUT, IN, Symptom.SITE_DOWN} and any(
            DEVICES.search(c) or ONE_DEVICE.search(c) for c in live):
        reading.phones_down = True
    if reading.locked_out and not reading.symptoms & {OUT, IN, Symptom.SITE_DOWN}:
        reading.symptoms |= {OUT, IN}  # unless the report says which calls they cannot take
        reading.notes.append("People cannot log into their phones: no calls in or out")
    guessed = None
    if not reading.symptoms and not reading.phones_down and not over:  # no symptom word matched
        found, reading.phones_down, guessed = fallback(stated_live)
        reading.symptoms |= found
        reading.notes.extend([guessed] if guessed else [])
        _other_calls_work(reading, other_calls, live)  # "everything we dial to guam fails"
        _one_kind(reading, other_calls, live)  # "our 800 number isn't routing, the local rings"
    scope = resolve_scope(reading)
    order = list(Scope)
    others_fine = any(OTHERS_FINE.search(c) for c in working) or any(
        OTHERS_GET_CALLS.search(c) for c in live) or any(
        re.search(r"\b(?:nobody|none) else (?:not |no )?(?:has|have|is|are|does|do|reports?"
                  r"|reporting|sees?|seeing|having|affected|complain\w*)\b", c) for c in live)
    if scope is not ONE and not any(s is not ONE for s, *_ in reading.named) and others_fine:
        # "breakroom phone is dead, all others ok"
        scope = ONE
        reading.notes.append("Everyone else is said to be fine: one user")
    if not reading.named and re.search(r"\b(?:them|their)\b", " | ".join(live)):
        # "the sales reps can place calls fine, but customers calling them get voicemail"
        told = Reading()
        read_scope(" | ".join(working), " | ".join(working), told)
        if any(who is SEVERAL for who, *_ in told.named):
            scope = SEVERAL
            reading.notes.append("Those the trouble is told of ('them') are the people named"
                                 " before: several users")
    narrower = _failing_scope(live, reading)
    if narrower is not None and scope is not None and order.index(narrower) < order.index(scope):
        scope = narrower
        reading.notes.append(f"Calls fail only for whom the clause where they fail names: "
                             f"{scope.label.lower()}")
    if reading.phones_down:
        many = scope is None or scope is SITE or not reading.named
        reading.symptoms |= {Symptom.SITE_DOWN} if many else {OUT, IN}
    if Symptom.SITE_DOWN in reading.symptoms and scope is ONE and others_fine:
        reading.symptoms = (reading.symptoms - {Symptom.SITE_DOWN}) | {OUT, IN}
        reading.notes.append("One phone is down and everyone else is fine: its calls fail, the"
                             " site is not down")  # "the server room phone shows No Service"
    if Symptom.SITE_DOWN in reading.symptoms and scope is not SITE:
        scope = SITE
        reading.notes.append("The site is down, so the scope is the entire site")
    if Symptom.SITE_DOWN in reading.symptoms and len(reading.symptoms) > 1:
        reading.symptoms = {Symptom.SITE_DOWN}  # no calls, no fax, a dead circuit: all one outage
        reading.notes.append("The site is down: the calls, features and equipment named with it"
                             " are part of that outage")
    symptoms = sorted(reading.symptoms, key=list(Symptom).index)
    if not symptoms and not reading.phones_down and others:
        return Extraction(symptoms=[], scope=scope, notes=[*reading.notes, OTHER_FAULT_NOTE])
    if (not symptoms or guessed) and not others and taken_back(original):
        return Extraction(symptoms=[], scope=None, notes=[TAKEN_BACK_NOTE])
    if not symptoms and not others and not over and (thanks or fixed_elsewhere):
        return Extraction(symptoms=[], scope=None, notes=[NO_TROUBLE_NOTE])
    if not symptoms and not others and notice:  # "heads up: ... Tue 6pm, expect no phones"
        return Extraction(symptoms=[], scope=None, notes=[NOTICE_NOTE])
    if (not symptoms or guessed) and not others and work_done(normalise(original)):
        return Extraction(symptoms=[], scope=None, notes=[WORK_DONE_NOTE])
    if not symptoms and not guessed and not names_trouble(original):
        return Extraction(symptoms=[], scope=None, notes=[NO_TROUBLE_NOTE])
    return Extraction(symptoms=symptoms, scope=scope, notes=reading.notes)


# "everybody else in payroll gets calls": the others' calls work
OTHERS_GET_CALLS = re.compile(
    r"\b(?:everyone|everybody|all the others|the others|the rest)(?: else)?(?: (?:in|at|on)"
    r" (?:the )?\w+)? (?:gets?|getting|receives?|receiving|takes?|taking|makes?|making|places?"
    r"|placing) (?:their |all |the )?(?:inbound |outbound |incoming |outgoing |outside )?calls"
    r"(?: (?:fine|ok|normally))?$")


def _one_kind(reading: Reading, other_calls: list[str], live: list[str]) -> None:
    """Calls in (or their audio) fail for one kind of call while other calls work: "our 800
    number isn't working ... the local one is"."""
    kind = re.search(r"\bcalls? (?:to|from|between) (?:our |the |a |one )?(?!us\b|me\b)\w+"
                     r"|\bon (?:the |our )?(?:\w+ ){1,2}calls\b"  # "calls to X"
                     r"|\b(?:tollfree|8[0-8]{2}|fax|second|other|new|old) (?:number|line)s?\b"
                     r"|\b(?:" + CARRIERS + r") (?:cell |mobile )?(?:callers?|customers?|users?)\b",
                     " ".join(live))
    if reading.symptoms & {IN, Symptom.ONE_WAY_AUDIO} and other_calls and kind:
        reading.symptoms = (reading.symptoms - {IN, Symptom.ONE_WAY_AUDIO}) | {
            Symptom.FEATURE_IMPAIRED}
        reading.notes.append("Other calls work: what fails is one kind of call")


def _callers_before(clause: str, live: list[str]) -> str:
    """A clause that says a call fails with no caller and no dialling of its own, read with the
    callers of the clause before it: "parents can't get through to the main office, every call
    rolls to a fast busy" speaks of the parents' calls."""
    if live and re.search(r"\b(?:" + CALLERS + r")\b", live[-1]) and not re.search(
            r"\b(?:" + CALLERS + r"|we|i|us|our|me|my|they|dial\w*|outbound|outgoing|out)\b",
            clause):
        return f"callers: {clause}"
    return clause


def _other_calls_work(reading: Reading, other_calls: list[str], live: list[str]) -> None:
    """Read outbound calls that fail while other calls are said to work ("local and in-state
    numbers connect fine") as one kind of call failing."""
    if OUT in reading.symptoms and any(  # "everything else" when calls *to* somewhere fail
            said != "everything else" or any(re.search(r"\bto\b", c) for c in live)
            for said in other_calls):
        reading.symptoms = (reading.symptoms - {OUT}) | {Symptom.FEATURE_IMPAIRED}
        reading.notes.append("Other calls work: the outbound failure is one kind of call failing")


def _works_again(clause: str, live: list[str]) -> bool:
    """Whether a clause saying "it works" follows trouble told in the past tense ("inbound was
    dead for a bit earlier but ... it's working"): the trouble is over."""
    return bool(re.match(r"(?:and |but |now )?(?:it|that|this|everything|all|things|calls"
                         r"|inbound|outbound|phones) (?:is |are |s |seems )?(?:all )?(?:working"
                         r"|fine|ok|okay|good|up)$", clause)) and any(
        re.search(r"\b(?:was|were|had been)\b", said) for said in live[-2:])


_ENDS_UNANSWERED = re.compile(r"\b(?P<ring>rings? (?:once|one time|twice|forever|(?:\d+|a few"
                              r"|several|many) times)|one ring"
                              r"|a ring or two)?"
                              r"(?(ring)|(?:silence|silent|deadair|nothing))\b(?: [\w']+){0,6}?"
                              r" (?:disconnect\w*|drops?|dropped|hangs? up|hung up|cuts? off"
                              r"|cut off|goes dead|dies)\b")


def _ended_unanswered(live: list[str], reading: Reading) -> None:
    """Read a call told to end in silence, or after a ring, as the call that fails: "callers
    get dead silence and then it disconnects" with calls failing said elsewhere, "outbound
    calls ring once on the other side and cut off"; not as one-way audio or a drop."""
    told, rest = set(), set()
    said = {i for i in range(len(live)) for joined in [" ".join(live[i:i + 2])]
            if _ENDS_UNANSWERED.search(joined)}  # the clause, or it and the next together
    rang = any(_ENDS_UNANSWERED.search(" ".join(live[i:i + 2]))["ring"] for i in said)
    if not (reading.symptoms & {OUT, IN} or rang):
        return
    for i, clause in enumerate(live):
        alone = Reading()
        read_clause(clause, alone)
        (told if i in said or i - 1 in said else rest).update(alone.symptoms)
    gone = (told - rest) & {Symptom.ONE_WAY_AUDIO, Symptom.DROPPED_CALLS}
    if gone:
        reading.symptoms -= gone
        if not reading.symptoms & {OUT, IN}:  # "ring once on the other side and cut off"
            reading.symptoms |= direction(" ".join(live[i] for i in sorted(said)))
        reading.notes.append("Silence and then the call ending tell the failed call, not one-way"
                             " audio or a dropped call")


def _failing_scope(live: list[str], reading: Reading) -> Scope | None:
    """Who is named in the one clause where calls fail, when the wider scope is named only in
    clauses of other trouble: "choppy audio for everyone and the reception phone can't receive
    calls" (one user), "the whole office is choppy and the sales team can't call out"."""
    calls = {OUT, IN, Symptom.ONE_WAY_AUDIO}
    if not reading.symptoms & calls:
        return None
    failing, other = [], []
    for clause in live:
        alone = Reading()
        read_clause(clause, alone)
        (failing if alone.symptoms & calls else other if alone.symptoms else []).append(clause)
    if len(failing) != 1 or not other or re.search(r"\b(?:either|too|as well|also)$", failing[0]):
        return None  # "..., and Dee can't make calls either": others fail too
    if re.match(r"(?:and |also )?(?:cant|cannot|wont|dont|not|unable|never|no longer)\b",
                failing[0]):
        return None  # "the 2 techs cant get calls forwarded | cant dial out": the same techs
    named, wide = Reading(), Reading()
    read_scope(failing[0], failing[0], named)
    read_scope(" | ".join(other), " | ".join(other), wide)
    return resolve_scope(named) if named.named and wide.named else None


def read_report(text: str) -> ReportReading:
    """Classify a free-text report, saying in the reasons how its scope was read; a report
    that names no trouble gets no severity, and says so."""
    found = extract(text)
    if names_none(found):
        return ReportReading(severity=None, symptoms=[], scope=None, reasons=found.notes)
    notes = found.notes if found.scope is not None else [*found.notes, NO_SCOPE_NOTE]
    result = classify(found.symptoms, found.scope or SEVERAL)
    return ReportReading(severity=result.severity, symptoms=result.symptoms, scope=result.scope,
                         reasons=result.reasons + notes)
