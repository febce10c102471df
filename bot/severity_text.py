"""Reading symptoms and scope out of a trouble report typed into Slack in a hurry.

The reader works on word families, not on example sentences: the text is first spelled one
way (typos, contractions, shorthands), cut into clauses, and clauses that say something
works ("domestic fine", "inbound ok") are set aside. Each remaining clause is matched against
the symptom families below; the scope comes from the words that name who is affected.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.severity import Classification, Extraction, Scope, Symptom, classify
from bot.severity_spelling import (
    FIRST_NAMES,
    HEADLINE_PLACE,
    NAME_PAIR,
    NOT_NAMES,
    PLACE_NAME,
    REWRITES,
    SHORTHANDS,
    VOCABULARY,
)
from bot.severity_words import (
    CALLERS,
    COUNT,
    CUES,
    DEAD,
    DEVICES,
    FAILED,
    FEATURE_TROUBLE,
    FEATURES,
    FINDS,
    GROUPS,
    IN,
    INFRA,
    INTERMITTENT,
    LIMITED,
    NEGATED,
    NO_SCOPE_NOTE,
    NOT_A_COUNT,
    NOT_A_SITE_DOWN,
    ONE,
    ONE_DEVICE,
    ONE_PERSON,
    OTHER_CALLS_WORK,
    OUT,
    RESTORED,
    ROLE_GROUPS,
    SEVERAL,
    SINGULAR,
    SITE,
    SITES,
    SPARE,
    THING_BROKEN,
    TROUBLE,
    WORKING,
    _any,
    _Cue,
    _rx,
)


# --- Reading ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    sources = [f.pattern.pattern for f in FINDS] + [c.pattern.pattern for c in CUES] + [
        p.pattern for p in (DEAD, FEATURES, FEATURE_TROUBLE, WORKING, TROUBLE, INTERMITTENT,
                            OTHER_CALLS_WORK, THING_BROKEN)]
    return frozenset(re.findall(r"[a-z]{4,}", " ".join(sources))) | VOCABULARY


@lru_cache(maxsize=4096)
def _spelled(word: str) -> str:
    known = _known_words()
    endings = ("s", "es", "ed", "d", "ing", "er", "ers")
    if word in known or any(word + e in known or (word.endswith(e) and word[:-len(e)] in known)
                            for e in endings):
        return word
    close = difflib.get_close_matches(word, [v for v in VOCABULARY if v[0] == word[0]], 1, 0.8)
    return close[0] if close else word


def normalise(text: str) -> str:
    """Lower-case a report and spell its typos, contractions, synonyms and shorthands one way."""
    text = re.sub(r"\b(cant|can'?t|cannot|cnat|dont|don'?t|to|can) here\b", r"\1 hear",
                  text.lower())
    text = re.sub(r"[a-z]{5,}", lambda m: _spelled(m[0]), text)
    text = re.sub(r"\b(?:" + "|".join(SHORTHANDS) + r")\b", lambda m: SHORTHANDS[m[0]], text)
    for pattern, to in REWRITES:
        text = pattern.sub(to, text)
    return text.strip()


_SPLIT = _rx(r"[.;!?\n()\[\]:,\"]|\s-+\s|\b(?:but|though|although|however|whereas|while|except"
             r"|yet|also|so)\b|\band\b(?! (?:receive|make|place|take|answer|out|in|outbound"
             r"|inbound|incoming|outgoing|dial|call|calls|get|send|fail\w*|both|the (?:one|other)s?"
             r"|my (?!phones?\b|lines?\b)\w+)\b)")
_NOBODY = _rx(r"\b(?:nobody|none of|none|no (?:single )?(?:one|agent|rep|user|nurse|employee|person"
              r"|staff|operator|teller|cashier|doctor)s?)\b")
_NOBODY_VERB = _rx(r"\b(?:has|have|got) (?:a |an |any |working )?(?=(?:phones?|phone service"
                   r"|service|lines?|dialtone)\b)"
                   r"|\b(?:can|could|(?:is|are|was|were) able to|able to|will)\b"
                   r"|\b(?:is|are|was|were|has|have|got|gets|getting) (?=\w+ing\b|(?:a |any )?"
                   r"dialtone)|\b(?:works?|working)\b|\b(?=(?:rings?|ringing|receives?|receiving"
                   r"|hears?|hearing|makes?|making|gets?|getting)\b)")


def _deny(verb: re.Match[str]) -> str:
    """Say of everyone what "nobody <verb>" says: "nobody can dial out" is "cant dial out"."""
    if verb[0].startswith("work"):
        return "not working"
    if re.match(r"has|have|got", verb[0]) and not re.match(r"\w+ing\b", verb.string[verb.end():]):
        return "no "  # "nobody has phones" says there are no phones
    return "cant " if re.match(r"can|could|able|is able|are able|was able|were able|will",
                               verb[0]) else "not "


def clauses(text: str) -> list[str]:
    """Cut a normalised report into the clauses it strings together."""
    found = []
    for part in _SPLIT.split(text):
        part = part.strip()
        hit = _NOBODY.search(part)
        if hit:
            rest = _NOBODY_VERB.sub(_deny, part[hit.end():], count=1)
            part = part[:hit.end()] + re.sub(r"\s+", " ", rest)
        if part:
            found.append(part)
    return found


def _is_working(clause: str) -> bool:
    return bool(WORKING.search(clause)) and not TROUBLE.search(WORKING.sub(" ", clause))


@dataclass
class _Reading:
    """What has been read so far from one report."""

    symptoms: set[Symptom] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    named: list[tuple[Scope, str, bool, bool]] = field(default_factory=list)  # "only", counted
    implied: list[tuple[Scope, str]] = field(default_factory=list)
    phones_down: bool = False  # several phones (or a group's) dead: how many decides the symptom
    infrastructure_down: bool = False
    shown_down: bool = False  # a display says there is no service, of phones named elsewhere


def _calls_dropped(clause: str, match: re.Match[str]) -> bool:
    """Whether "dropped" / "hang up" speaks of calls, not of a router, phones or callers."""
    before, after = clause[:match.start()], clause[match.end():]
    if re.search(r"\b" + INFRA + r"\b(?: \w+){0,3} ?$", before):
        return False  # "the router dropped"
    if re.match(r" (?:off (?:of )?(?:the )?(?:network|wifi|vpn|system|line)|offline)\b", after):
        return False  # "phones keep dropping off the network"
    if re.search(r"\b(?:phones|handsets|devices|sets|every (?:\w+ )?phone)(?: \w+){0,4} ?$",
                 before) and not re.match(r" (?:\w+ )?(?:calls?|people|callers)\b", after):
        return False  # "every phone in the office dropped": the phones went offline
    return not (re.match(r"hang|hung", match[0])
                and re.search(r"\b" + CALLERS + r"(?: \w+){0,2} ?$", before))  # callers hang up


def _read_finds(clause: str, feature: bool) -> tuple[set[Symptom], set[Symptom], set[Symptom]]:
    calls: set[Symptom] = set()
    others: set[Symptom] = set()
    firm: set[Symptom] = set()  # call failures a feature named alongside does not make partial
    for find in FINDS:
        for match in find.pattern.finditer(clause):
            if not find.calls and NEGATED.search(clause[:match.start()]):
                continue  # "no echo", "not choppy"
            if feature and find.symptoms == (Symptom.ONE_WAY_AUDIO,) and match[0] != "oneway":
                continue  # "can't hear hold music"
            if find.needs_trouble and not re.search(r"\b" + FAILED + r"\b|\bno\b", clause):
                continue
            if find.symptoms == (Symptom.DROPPED_CALLS,) and not _calls_dropped(clause, match):
                continue
            if find.callers_mean_inbound and re.search(
                    CALLERS + r"|\b(?:inbound|incoming|calling (?:in|us)|main number|our number"
                    r"|main line|our line|call(?:ing|s)? (?:the|our) (?:\w+ ){0,2}?" + SITES
                    + r")\b", clause):
                calls.add(IN)
                continue
            if find.inbound_said_means_inbound and re.search(
                    r"\b(?:inbound|incoming|calls? from (?:the )?outside|outside callers)\b",
                    clause) and not re.search(r"\b(?:outbound|outgoing|out)\b", clause):
                calls.add(IN)
                continue
            (calls if find.calls else others).update(find.symptoms)
            if find.despite_feature:
                firm.update(find.symptoms)
    return calls, others, firm


def _read_down(clause: str, reading: _Reading) -> set[Symptom]:
    calls: set[Symptom] = set()
    for match in DEAD.finditer(clause):
        subject = clause[:match.start()]
        if NOT_A_SITE_DOWN.search(subject) or NEGATED.search(subject) or re.search(
                r"\b(?:after|since|following|because of|due to|from) (?:the |a |an |last \w+ )?"
                r"(?:\w+ )?$", subject):  # "after the power outage": a cause told, not a symptom
            continue
        if SPARE.search(subject):  # "backup circuit down": the site still has a path
            if re.search(r"\b" + INFRA + r"\b", subject):
                reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)
            continue
        if not re.search(r"[a-z]{3,}", subject):  # "dead phones on the sales floor"
            subject = " ".join(clause[match.end():].split()[:3])
        shows = re.search(r"\b(?:shows?|showing|says?|saying|displays?|displaying|reads)\b",
                          subject)
        told = clause[shows.end():match.start()] if shows else ""
        if shows and re.match(r" ?(?:that )?(?:his|her|my|their|our) \w", told):
            subject = told  # "bill says his phone is dead": who reports is not what is down
        elif shows:  # "my polycom shows network link is down": a phone's message about itself
            subject = subject[:shows.start()]
            if not re.search(r"[a-z]{3,}", subject):  # "..., says network unavailable":
                reading.shown_down = True  # the message of a phone (or phones) named before
                continue
        if INTERMITTENT.search(clause):
            reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)  # "phones keep going offline"
            continue
        if re.search(r"\bcalls?\b(?: \w+){0,2} ?$", subject):
            calls |= {OUT, IN}
        elif re.search(r"\bmain (?:line|number)|\bour (?:number|line)\b|\btollfree|\bdids?\b",
                       subject):
            calls.add(IN)  # "our main line is dead": calls to the business
        elif DEVICES.search(subject):
            reading.phones_down = True
        elif ONE_PERSON.search(subject):  # "our remote guy in Tampa is down"
            calls |= {OUT, IN}
        elif re.search(r"\b" + INFRA + r"\b", subject):
            reading.infrastructure_down = True
            reading.symptoms.add(Symptom.SITE_DOWN)
        elif ONE_DEVICE.search(subject):
            calls |= {OUT, IN}
            reading.named.append((ONE, ONE_DEVICE.search(subject)[0], False, True))
        elif re.search(r"\b" + GROUPS + r"\b", subject):
            reading.phones_down = True
        elif re.search(r"\b(?:speakers?|headsets?|screens?|displays?|buttons?|cords?|ringers?"
                       r"|lights?|keypads?|chargers?|bases?|batter(?:y|ies))\b(?: \w+){0,2} ?$",
                       subject):
            reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)  # "the headset is dead"
        elif THING_BROKEN.match(match[0]) and re.search(r"[a-z]{3,}", subject) and not re.search(
                r"\b(?:everything|all|it|we|us|our|they|nothing|" + SITES + r")\b", subject):
            reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)  # "speakerphone not working"
        else:
            reading.symptoms.add(Symptom.SITE_DOWN)  # "Reno is down", "hard down"
    return calls


def _read_clause(clause: str, reading: _Reading) -> None:
    feature = bool(FEATURES.search(clause) and FEATURE_TROUBLE.search(clause))
    calls, others, firm = _read_finds(clause, feature)
    if Symptom.ONE_WAY_AUDIO in others and re.search(
            r"\bfor a (?:few|couple)(?: of)? (?:seconds|secs)\b|\bbriefly\b|\bmomentar", clause):
        others = (others - {Symptom.ONE_WAY_AUDIO}) | {Symptom.POOR_QUALITY}
        reading.notes.append(f'"{clause}" read as audio cutting out for moments: degraded')
    reading.symptoms |= others
    if firm and feature and not INTERMITTENT.search(clause):  # "the queue rings no agents"
        feature = False
        calls = firm
    if not feature:
        calls |= _read_down(clause, reading)
    if calls and (feature or INTERMITTENT.search(clause)):
        kind = "a feature or one kind of call" if feature else "calls failing some of the time"
        reading.notes.append(f'"{clause}" read as {kind}, not users unable to call')
        calls = set()
        feature = True
    reading.symptoms |= calls
    if IN in calls and re.search(r"\b" + CALLERS + r"\b", clause):
        # told from the callers' side, an inbound failure is the business's, not one desk's
        reading.implied.append((SEVERAL, "callers cannot reach the business"))
    if feature:
        reading.symptoms.add(Symptom.FEATURE_IMPAIRED)


def _cue_scope(cue: _Cue, text: str, match: re.Match[str]) -> Scope | None:
    said = match[0]
    if cue.scope is not None:
        return cue.scope
    count = re.match(COUNT, said)
    if count and NOT_A_COUNT.search(text[:match.start()]):
        return None  # "store #231 phones" names a store, not 231 users
    if count and not re.match(r"(?:all|every)\b", said):
        return ONE if count[0] in SINGULAR else SEVERAL
    window = said + " " + " ".join(text[match.end():match.end() + 60].split("|")[0].split()[:7])
    group = re.search(r"\b" + GROUPS + r"\b", window)
    site = re.search(r"\b" + SITES + r"\b", window)
    near = " ".join([said, *text[match.end():].split("|")[0].split()[:2]])
    if ROLE_GROUPS.search(near) or (group and (not site or group.start() < site.start())):
        return SEVERAL  # "everyone on the sales floor", "all agents"
    return SITE  # "nobody at the Tampa branch", "the whole office", "everyone"


def _read_scope(text: str, original: str, reading: _Reading) -> None:
    people: set[str] = set()
    for cue in CUES:
        for match in cue.pattern.finditer(text):
            said = match[0].strip()
            scope = None if cue.unaffected else _cue_scope(cue, text, match)
            if scope is not None and cue.named:
                only = LIMITED.search(text[:match.start()]) or re.match(r"(?:only|just)\b", said)
                reading.named.append((scope, said, bool(only), cue.counted))
                if cue.person:
                    people.add(said)
            elif scope is not None:
                reading.implied.append((scope, said))
            if cue.unaffected or scope is not None:  # each word is read by one cue only
                text = text[:match.start()] + " " * len(match[0]) + text[match.end():]
    names = {m[1] for m in re.finditer(r"(?<!\bat )(?<!\bin )(?<!\bfrom )\b([a-z]+)\b(?! "
                                       + SITES + r"\b)", original.lower()) if m[1] in FIRST_NAMES}
    if names and not people:  # "kathy can't hear callers", "for Tim only"
        reading.named.append((SEVERAL if len(names) > 1 else ONE, " and ".join(sorted(names)),
                              False, True))
    if len(people) > 1:  # "Mary in accounting and Tom in sales"
        reading.named.append((SEVERAL, " and ".join(sorted(people)), False, True))
    whole = normalise(original)
    extensions = set()
    for listed in re.finditer(r"\bext(?:s|ensions?)? #?(\d{2,6}(?:(?: ?,| and| or| through"
                              r"| thru| to|) (?:ext )?#?\d{2,6})*)", whole):
        extensions |= set(re.findall(r"\d+", listed[1]))
    if len(extensions) > 1:
        reading.named.append((SEVERAL, f"{len(extensions)} extensions", False, True))
    mine_and = re.search(r"\bmy (?:\w+ )?(?:phone|line|extension|ext|desk|softphone|set"
                         r"|handset)s? (?:and|plus|as well as) (?:also )?(?:[a-z]+'s|his|hers"
                         r"|theirs|the (?:one|phone|desk|line|set|extension) (?:next to|beside"
                         r"|near|behind|across from|by))\b", whole)
    if mine_and:  # "on my phone and Jen's"
        reading.named.append((SEVERAL, mine_and[0], False, True))
    with_me = re.search(r"\b(?:me|myself) (?:and|or|plus|as well as) (?:also |for |to )?"
                        r"(?!nobody|none|no\b|not\b|only\b|just\b|(?:my|our|the) (?:\w+ )?(?:phone"
                        r"|line|desk|softphone|extension|cell|headset|calls?|computer|laptop)s?\b)"
                        r"(?:my |our |the )?[a-z]{3,}", whole)
    if with_me:  # "calls drop for me and for Kevin"; "just me and my manager"
        only = bool(LIMITED.search(whole[:with_me.start()]))
        reading.named.append((SEVERAL, with_me[0], only, True))
    both = re.search(r"\b(?!(?:inbound|outbound|incoming|outgoing|in|out)\b)\w+ and (?:the |our "
                     r"|my )?(?!(?:inbound|outbound|incoming|outgoing|in|out)\b)[\w']+(?: \w+)?"
                     r" both\b", whole)
    if both and not re.search(r"\bmy\b|\b(?:phones?|internet|network|calls?|lines?|voicemail"
                              r"|fax\w*|audio|inbound|outbound|circuits?)\b", both[0]):
        reading.named.append((SEVERAL, both[0], False, True))
    excepted = re.search(r"\bexcept (?:for )?(?:the |my |our )?((?:[\w']+ ?){1,3})", whole)
    said = re.split(r"[.;!?\n]", whole[:excepted.start()])[-1] if excepted else ""
    if excepted and not DEAD.search(said) and not any(_read_finds(said, False)[:2]):
        group = re.match(GROUPS, excepted[1])  # "all fine except Tom": only Tom is affected
        if group or not re.match(r"\w+s\b|(?:everything|all|\w+ else)\b", excepted[1]):
            reading.named.append((SEVERAL if group else ONE, excepted[0], True, True))
    headline = HEADLINE_PLACE.search(original)
    if headline and headline[1].split()[0] not in NOT_NAMES:
        reading.implied.append((SITE, headline[1]))
    for pair in NAME_PAIR.finditer(original):
        if not {pair[1], pair[2]} & NOT_NAMES and not re.search(_any(SITES, GROUPS),
                                                                pair[0].lower()):
            reading.named.append((SEVERAL, pair[0], False, True))
    for place in PLACE_NAME.finditer(original):
        if place[1] not in NOT_NAMES:
            reading.implied.append((SITE, place[0]))


def _resolve_scope(reading: _Reading) -> Scope | None:
    limited = [(scope, said) for scope, said, only, _ in reading.named if only]
    counted = [(scope, said) for scope, said, _, counted in reading.named if counted]
    chosen = (limited or counted or [(scope, said) for scope, said, _, _ in reading.named]
              or reading.implied)
    if not chosen:
        return None
    scope, said = max(chosen, key=lambda cue: list(Scope).index(cue[0]))
    implied = "" if reading.named else "; change it if that is not who is affected"
    reading.notes.append(f'Scope read from "{said}": {scope.label.lower()}{implied}')
    return scope


def extract(text: str) -> Extraction:
    """Read the symptoms and, if named, the scope from a hurried free-text report."""
    reading = _Reading()
    live: list[str] = []
    working: list[str] = []
    # "is anyone else unable to dial out?" says the reporter cannot
    text = re.sub(r"\b(?:is|are|does|do|has|have|did|can) (?:anyone|anybody) else (?=unable"
                  r"|not able|having|getting|seeing|cant|can't|losing|hearing|experiencing|with)",
                  "i am ", text, flags=re.I)
    # a question answered "no" ("site down? no, just one phone") is set aside with its answer
    text = re.sub(r"[^.?!\n]{0,60}\?\s*(?:no|nope|negative)\b", " ", text, flags=re.I)
    # a yes/no question ("is the Tulsa site down?") asks; it does not report
    asked = re.sub(r"(^|[.!?\n]\s*)(?:is|are|was|were|did|does|do)\b[^.?!\n]{0,60}\?", r"\1 ",
                   text, flags=re.I)
    for clause in clauses(normalise(asked)):
        (working if _is_working(clause) else live).append(clause)
    for clause in live:
        _read_clause(clause, reading)
    _read_scope(" | ".join(live), text, reading)
    # "..., but only for long distance", "one way audio on transfers only"
    only_some = any(re.search(r"^(?:just|only) |\bonly$", c) and FEATURES.search(c) for c in live)
    if {OUT, IN, Symptom.ONE_WAY_AUDIO} & reading.symptoms and only_some:
        reading.symptoms = (reading.symptoms - {OUT, IN, Symptom.ONE_WAY_AUDIO}) | {
            Symptom.FEATURE_IMPAIRED}
        reading.notes.append("Only one kind of call fails: read as a feature impaired")
    if OUT in reading.symptoms and any(OTHER_CALLS_WORK.search(c) for c in working):
        reading.symptoms = (reading.symptoms - {OUT}) | {Symptom.FEATURE_IMPAIRED}
        reading.notes.append("Other calls work: the outbound failure is one kind of call failing")
    if reading.infrastructure_down and (
            any(re.search(r"\b(?:phones?|calls?|voice)\b", c) for c in working)
            or any(re.search(r"\bfail\w* ?over|\brunning on (?:the )?(?:backup|lte|4g|5g|cell)",
                             c) for c in live)):
        reading.symptoms = (reading.symptoms - {Symptom.SITE_DOWN}) | {Symptom.EQUIPMENT_DEGRADED}
        reading.notes.append("Phones still work: the equipment down is read as degraded")
    if reading.shown_down and not reading.symptoms & {OUT, IN, Symptom.SITE_DOWN} and any(
            DEVICES.search(c) or ONE_DEVICE.search(c) for c in live):
        reading.phones_down = True
    last = clauses(normalise(asked))[-1:] if live else []
    if last and last[0] in working and RESTORED.search(last[0]):
        reading.symptoms -= {OUT, IN, Symptom.SITE_DOWN}  # "... but everything's back up now"
        reading.phones_down = False
        reading.notes.append("The report ends with service restored: no outage is open")
    scope = _resolve_scope(reading)
    if reading.phones_down:
        many = scope is None or scope is SITE or not reading.named
        reading.symptoms |= {Symptom.SITE_DOWN} if many else {OUT, IN}
    if Symptom.SITE_DOWN in reading.symptoms and scope is not SITE:
        scope = SITE
        reading.notes.append("The site is down, so the scope is the entire site")
    symptoms = sorted(reading.symptoms, key=list(Symptom).index)
    return Extraction(symptoms=symptoms, scope=scope, notes=reading.notes)


def read_report(text: str) -> Classification:
    """Classify a free-text report, saying in the reasons how its scope was read."""
    found = extract(text)
    notes = found.notes if found.scope is not None else [*found.notes, NO_SCOPE_NOTE]
    result = classify(found.symptoms, found.scope or SEVERAL)
    return result.model_copy(update={"reasons": result.reasons + notes})
