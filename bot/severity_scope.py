"""Reading who is affected: the scope cues a report says, people and extensions it names,
exceptions, and the one scope chosen from them."""

from __future__ import annotations

import re

from bot.severity import Scope
from bot.severity_clauses import drop_carve_outs
from bot.severity_scope_words import (
    COUNT,
    CUES,
    LIMITED,
    NOT_A_COUNT,
    SINGULAR,
    Cue,
)
from bot.severity_spelling import (
    FIRST_NAMES,
    HEADLINE_PLACE,
    NAME_PAIR,
    NOT_NAMES,
    PLACE_NAME,
    normalise,
)
from bot.severity_symptom_words import DEAD
from bot.severity_symptoms import Reading, read_finds
from bot.severity_words import (
    GROUPS,
    ONE,
    ROLE_GROUPS,
    SEVERAL,
    SITE,
    SITES,
    TROUBLE,
    _any,
)

# "Lake Charles", "Port Arthur", "Fort Scott": a first name that ends a place's name
PLACE_WORD = re.compile(r"\b(?:lake|port|fort|ft|mount|mt|st|saint|glen|cape|point|grand|bay|camp"
                        r"|north|south|east|west|new|san|santa|el|la|los|las|royal|palm) $")


# Telling someone of the trouble: the one told is not who has it
_TOLD = re.compile(r"\b(?:text\w*|tell\w*|told|e ?mail\w*|messag\w*|ping\w*|warn\w*|notif\w*"
                   r"|complain\w* to|report\w* (?:it )?to|let|letting|ask\w*) $")


def _said_fine(after: str) -> bool:
    """Whether what follows a name says its owner is fine ("Kim's and Ray's ring fine"): who
    is fine is not who is affected."""
    said = re.split(r"[.;!?\n]", after)[0]
    return bool(re.match(r"(?:'s)?(?: (?:and|&) [a-z]+(?:'s)?)?(?: \w+){0,2} (?:fine|ok|okay|good"
                         r"|normal|work\w*)\b", said)) and not TROUBLE.search(said)


def _cue_scope(cue: Cue, text: str, match: re.Match[str]) -> Scope | None:
    said = match[0]
    if cue.scope is not None:
        return cue.scope
    if re.match(r"(?:all|none) of us\b", said) and not re.search(
            r"\b" + SITES + r"\b", text[match.end():match.end() + 40].split("|")[0]):
        return SEVERAL  # "for all of us": we, several users
    if re.match(r"(?:everyone|all|nobody|anyone)$", said) and re.match(
            r" (?:on|using|with) (?:the |their |our )?(?:\w+ )?(?:phones|softphones|handsets"
            r"|cordless|lines|headsets)\b", text[match.end():]):
        return SEVERAL  # "everybody on desk phones": those who use them, not the whole site
    count = re.match(COUNT, said)
    if count and NOT_A_COUNT.search(text[:match.start()]):
        return None  # "store #231 phones" names a store, not 231 users
    lead = text[:match.start()].split("|")[-1]
    if re.match(r"all (?:of )?(?:its|their)\b", said) and re.search(rf"\b{GROUPS}\b", lead):
        return SEVERAL  # "the second building lost all its phones": the building's, not all
    if re.match(r"all (?!one\b)" + COUNT + r" of (?:our|the|my|their|us|them)\b", said):
        return SEVERAL  # "all 4 of our estimators": a counted group, not the whole site
    if count and not re.match(r"(?:all|every)\b", said):
        return ONE if count[0] in SINGULAR else SEVERAL
    window = said + " " + " ".join(text[match.end():match.end() + 60].split("|")[0].split()[:7])
    group = re.search(r"\b" + GROUPS + r"\b", window)
    site = re.search(r"\b" + SITES + r"\b", window)
    near = " ".join([said, *text[match.end():].split("|")[0].split()[:2]])
    if ROLE_GROUPS.search(near) or (group and (not site or group.start() < site.start()
                                               or re.search(rf"\b{SITES} {GROUPS}\b", window))):
        return SEVERAL  # "everyone on the sales floor", "all agents"
    if not group and not site:  # "dev floor: ... for anyone": anyone of the group named before
        before = [m.lastgroup for m in re.finditer(
            rf"\b(?:(?P<group>{GROUPS})|(?P<site>{SITES}))\b(?! (?:is |are )?(?:report\w*|says?"
            r"|said|call\w*|tells?|told)\b)", text[:match.start()])]  # not who tells of it
        if before and before[-1] == "group":
            return SEVERAL
    return SITE  # "nobody at the Tampa branch", "the whole office", "everyone"


def _others_affected(text: str, match: re.Match[str]) -> bool:
    """Whether "everyone else", "the rest" or "nobody else" names others who have the trouble:
    "everyone else gets fast busy", "nobody else can get a dial tone" (read "cant get")."""
    clause = text[match.end():].split("|")[0]
    if re.search(r"\b(?:no|not|nor)\s*$", text[:match.start()]):  # "no other rooms have it"
        return False
    if re.match(r"(?:nobody|none|no one) else", match[0]):
        return bool(re.match(r"(?:'s)?(?: \w+){0,4}? (?:cant|not|no) (?:\w+ )?(?:make|receive"
                             r"|dial|call|get|take|hear|reach|ring|answer|place|dialtone"
                             r"|service)", clause))
    return bool(re.match(r"(?:everyone|all|the rest|others?) else|other |the rest\b|the others\b",
                         match[0])
                and (TROUBLE.search(clause) or any(read_finds(clause, False)[:2])))


def _troubled(after: str) -> bool:
    """Whether the rest of a sentence (after an exception) tells of trouble."""
    rest = re.split(r"[.;!?\n]", after)[0]
    return bool(DEAD.search(rest) or any(read_finds(rest, False)[:2]))


def read_scope(text: str, original: str, reading: Reading) -> None:
    """Note every scope the live clauses (`text`) and the whole report (`original`) name."""
    people: set[str] = set()
    cued: list[str] = []  # each named cue: "the front desk and the pharmacy" are several
    for cue in CUES:
        for match in cue.pattern.finditer(text):
            said = match[0].strip()
            scope = None if cue.unaffected else _cue_scope(cue, text, match)
            if scope is ONE and _TOLD.search(text[:match.start()]):
                scope = None  # "customers keep texting our manager that ...": who is told
                text = text[:match.start()] + " " * len(match[0]) + text[match.end():]
            if cue.unaffected and _others_affected(text, match):  # beats "only Mike can call"
                reading.named.append((SEVERAL, said, True, True))
            if scope is not None and cue.named:
                cued.append(said)
                only = LIMITED.search(text[:match.start()]) or re.match(r"(?:only|just)\b", said)
                reading.named.append((scope, said, bool(only), cue.counted))
                if cue.person:
                    people.add(said)
            elif scope is not None:
                reading.implied.append((scope, said))
            if cue.unaffected or scope is not None:  # each word is read by one cue only
                text = text[:match.start()] + " " * len(match[0]) + text[match.end():]
    names = {m[1] for m in re.finditer(r"(?<!\bat )(?<!\bin )(?<!\bfrom )\b([a-z]+)\b(?! "
                                       + SITES + r"\b)", original.lower())
             if m[1] in FIRST_NAMES and not PLACE_WORD.search(original.lower()[:m.start()])
             and not _said_fine(original.lower()[m.end():])}
    if names and not people:  # "kathy can't hear callers", "for Tim only"
        too = re.search(r"\b(?:i|my|me|mine)\b", original.lower()) and re.search(
            r"\b(?:either|too|as well|also|same)\b", original.lower())  # "mine, and Dee's too"
        reading.named.append((SEVERAL if len(names) > 1 or too else ONE,
                              " and ".join(sorted(names)), False, True))
    if len(people) > 1:  # "Mary in accounting and Tom in sales"
        reading.named.append((SEVERAL, " and ".join(sorted(people)), False, True))
    said_whole = normalise(original)
    whole = drop_carve_outs(said_whole)
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
    for first, second in zip(cued, cued[1:], strict=False):
        second = re.sub(r"^(?:the|our|my) ", "", second)
        joined = rf"\b{re.escape(first)} (?:and|&|plus) (?:the |our |my )?{re.escape(second)}\b"
        if re.search(joined, whole):
            reading.named.append((SEVERAL, f"{first} and {second}", False, True))
    with_me = re.search(r"\b(?:me|myself) (?:and|or|plus|as well as) (?:also |for |to )?"
                        r"(?!nobody|none|no\b|not\b|only\b|just\b|(?:my|our|the) (?:\w+ )?(?:phone"
                        r"|line|desk|softphone|extension|cell|headset|calls?|computer|laptop)s?\b)"
                        r"(?:my |our |the )?[a-z]{3,}", whole)
    if with_me:  # "calls drop for me and for Kevin"; "just me and my manager"
        only = bool(LIMITED.search(whole[:with_me.start()]))
        reading.named.append((SEVERAL, with_me[0], only, True))
    both = re.search(r"\b(?!(?:inbound|outbound|incoming|outgoing|in|out)\b)\w+ and (?:the |our "
                     r"|my )?(?!(?:inbound|outbound|incoming|outgoing|in|out)\b)[\w']+(?: \w+)?"
                     r"(?: are| were)? both\b", whole)
    if both and not re.search(r"\bmy\b|\b(?:phones?|internet|network|calls?|lines?|voicemail"
                              r"|fax\w*|audio|inbound|outbound|circuits?)\b", both[0]):
        reading.named.append((SEVERAL, both[0], False, True))
    pair = re.search(r"\b(?:phone|line|extension|handset|desk) (?:and|plus) (?:the |our |my )?"
                     r"(?:[\w']+ ){1,3}(?:phone|line|extension|handset|desk)\b", whole)
    if pair:  # "the front desk phone and the nurse station phone": two phones
        reading.named.append((SEVERAL, pair[0], False, True))
    excepted = re.search(r"\b(?:except|(?<=everyone )but|(?<=everything )but) (?:for )?"
                         r"(?:the |my |our )?((?:[\w']+ ?){1,3})", whole)
    said = re.split(r"[.;!?\n]", whole[:excepted.start()])[-1] if excepted else ""
    rest = re.search(r"\b(?:the )?rest of (?:the |our |my )?(?:[\w']+ ){0,2}?(?:desk|team|office"
                     r"|floor|staff|department|dept|clinic|group|crew|agents|reps|people|us"
                     r"|them|nurses|tellers|lab|shop|store|branch|wing)\b", said_whole)
    if rest and _troubled(rest.string[rest.end():]) and not re.match(
            r"(?: \w+){0,2} (?:is|are|seems?|looks?) (?:fine|ok|okay|good|normal|working)\b",
            rest.string[rest.end():]):  # "only Marcus can call, the rest gets fast busy"
        reading.named.append((SEVERAL, rest[0], True, True))
    nobody = re.search(r"\b(?:nobody|no ?one|none of)\b", said)  # "nobody can X except Y"
    able = r"\b(?:can|could|able to)\b(?! ?not)"
    if excepted and nobody and (re.search(able, said[nobody.end():]) or re.match(
            r"[^.;!?\n]{0,30}" + able, whole[excepted.end():])):  # "nobody can dial out except
        # the conf room", "nobody but Bob can call": all but those excepted cannot
        reading.named.append((SEVERAL, said[nobody.start():] + excepted[0], True, True))
    elif excepted and re.search(r"\b(?:everyone|everybody|all|every \w+|all (?:the |our )?\w+)"
                                r"(?: (?:in|at|on|from|of) [^.;!?\n]{0,60}?)? $",
                                said) and _troubled(whole[excepted.start():]):
        # "everyone except me at the winery can't make outbound calls": all but those excepted
        reading.named.append((SEVERAL, said + excepted[0], True, True))
    elif excepted and not (nobody and re.search(able, said)) and not DEAD.search(said) and not any(
            read_finds(said, False)[:2]):
        group = re.match(GROUPS, excepted[1])  # "all fine except Tom": only Tom is affected
        if group or not re.match(r"\w+s\b|(?:everything|all|\w+ else)\b", excepted[1]):
            many = group or re.search(r"\b(?:and|both|two|three|\d+ \w+s)\b", excepted[1])
            reading.named.append((SEVERAL if many else ONE, excepted[0], True, True))
    headline = HEADLINE_PLACE.search(original)
    if headline and headline[1].split()[0] not in NOT_NAMES:
        reading.implied.append((SITE, headline[1]))
    for pair in NAME_PAIR.finditer(original):
        if _said_fine(original[pair.end():].lower()):
            continue
        if not {pair[1], pair[2]} & NOT_NAMES and not re.search(_any(SITES, GROUPS),
                                                                pair[0].lower()):
            reading.named.append((SEVERAL, pair[0], False, True))
    for place in PLACE_NAME.finditer(original):
        if place[1] not in NOT_NAMES:
            reading.implied.append((SITE, place[0]))


def resolve_scope(reading: Reading) -> Scope | None:
    """Choose the one scope the report says, noting where it was read; None if it names none."""
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

