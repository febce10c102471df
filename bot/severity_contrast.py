"""Scope said by contrast or coordination, in any of its wordings.

- "X is the only / last / sole one (here) that can / still / with / whose phone ...": nobody
  else (here) can. One construction covers "my phone is the only one at La Pine that can make
  calls", "Fran's phone is the only one still getting calls", "I'm the last person here with
  a working line" and "I'm the only one on the 2nd floor whose phone can still call out".
- Two or more people or phones joined as the subject of failing calls ("Jo and the office
  manager can't", "neither Pat nor I", "both the estimator and the foreman", "Jo's extension
  and mine") are several users, whatever each would be alone.
"""

from __future__ import annotations

import re

from bot.severity import Scope, Symptom
from bot.severity_symptoms import Reading, read_clause

_ONE = (r"(?:one|ones|persons?|people|guy|user|phones?|lines?|extensions?|desks?|handsets?|sets?"
        r"|softphones?)")
# what the only one has or does: "can still call out", "still getting calls", "with a dial tone"
_ONLY = re.compile(
    r"(?:\b(?:is|am|are|be)|'m|'s|'re|\bseems? to be|\bseem to be) the (?:only|last|sole|one)"
    rf" {_ONE}\b(?P<where>(?: (?!(?:that|who|which|whose|with|still|can|could)\b)[\w']+){{0,4}})"
    r"(?: (?:that|who|which)| whose (?:\w+ )?(?:phone|line|extension|desk|handset|set)s?)?"
    r"(?: (?:has|have|is|are))?(?: still)? (?P<what>(?:(?:can|could)(?: still)? (?!not\b)"
    r"|(?:getting|taking|receiving|making|placing|dialing|dialling|calling|ringing|answering"
    r"|gets|takes|receives|makes|places|dials) "
    r"|(?:with|that has|who has|has) (?:a |an |any )?(?=(?:dial ?tone|service|working (?:phone"
    r"|line)|phone service)\b))(?:[\w']+ ?){1,5})", re.I)
_GERUND = {"getting": "get", "taking": "take", "receiving": "receive", "making": "make",
           "placing": "place", "dialing": "dial", "dialling": "dial", "calling": "call",
           "ringing": "ring", "hearing": "hear", "answering": "answer", "gets": "get",
           "takes": "take", "receives": "receive", "makes": "make", "places": "place",
           "dials": "dial"}


def _nobody_else(match: re.Match[str]) -> str:
    where, what = match["where"], re.sub(r" still\b", "", match["what"].strip())
    first, _, rest = what.partition(" ")
    if re.search(r"\bworking (?:phone|line)\b", what, re.I):  # "with a working line"
        said = "can make or take calls"
    elif first.lower() in ("with", "that", "who", "has"):  # "with a dial tone"
        said = "has " + re.sub(r"^(?:with|that has|who has|has) ", "", what, flags=re.I)
    elif first.lower() in _GERUND:
        said = f"can {_GERUND[first.lower()]} {rest}".strip()
    else:
        said = what
    return f", but nobody else{where} {said}"


_NEITHER = re.compile(r"\bneither (?P<a>(?:[\w']+ ){0,3}?[\w']+) nor (?P<b>(?:[\w']+ ){0,3}?[\w']+)"
                      r" (?:can|could|will|is able to|are able to|am able to)\b", re.I)
# "everyone can call except Jo and Pat": those excepted from an ability lack it
_ALL_CAN_BUT = re.compile(r"\b(?:everyone|everybody|all of us|we all|the rest of us) (?:can|could)"
                          r"(?: still)? (?P<verb>(?:[\w']+ ){0,3}?[\w']+),? (?:except(?: for)?"
                          r"|but|other than|apart from|besides) (?!(?:to|from|on|for|when|during|if"
                          r"|in|at|via|with)\b)(?P<who>(?:[\w']+ ){0,3}?[\w']+)(?=\s*(?:[.;,!?\n]"
                          r"|$))", re.I)


# "all but one phone shows Registration failed": all the others (not "all" and then "but")
_ALL_BUT = re.compile(r"\ball but (?P<n>one|1|two|2|three|3|a couple|a few) (?:of (?:the|our) )?"
                      r"(?P<what>[a-z]+)\b", re.I)


def contrasts(text: str) -> str:
    """The text with its contrasts of scope said plainly: "X is the only one (here) that can
    ..." as "nobody else (here) can ...", "neither Pat nor I can" as "Pat and I cant",
    "everyone can call except Jo and Pat" as "Jo and Pat cant call"."""
    text = _ALL_BUT.sub(lambda m: f"all the {m['what']}{'' if m['what'].endswith('s') else 's'}"
                        f" except {m['n']}", text)
    text = _NEITHER.sub(r"\g<a> and \g<b> cant", text)
    text = _ALL_CAN_BUT.sub(r"\g<who> cant \g<verb>", text)
    return _ONLY.sub(_nobody_else, text)


# "exam 4's phone is the only one with no dial tone", "I'm the only one who can't call out":
# the one named alone has the trouble, whoever else is named
_ONLY_TROUBLED = re.compile(
    r"(?:\b(?:is|am|are|be)|'s|'m|\bseems? to be) the (?:only|sole|one) " + _ONE
    + r"\b(?P<where>(?: (?!(?:that|who|which|whose|with|having)\b)[\w']+){0,4})"
    r"(?: (?:that|who|which)(?: (?:is|are|am|has|have|keeps?|still))?"
    r"| whose (?:\w+ )?(?:phone|line|extension|desk)s?"
    r"(?: (?:is|are|has))?)? (?:with (?:no|a bad|bad|an? (?:issue|problem)|issues|problems|static"
    r"|echo|trouble)|having|getting (?:a |an |the )?(?:busy|fast busy|errors?|static|echo)"
    r"|cant|wont|dont|doesnt|not|never|no|down|dead|broken|affected|impacted|dropping)\b")


def only_troubled(text: str) -> list[tuple[Scope, str]]:
    """Who a normalised report says is the only one with trouble, alone: one user, or several
    for "the two receptionists are the only ones who can't get inbound calls"."""
    return [(Scope.SEVERAL_USERS if re.search(r"(?:ones|people|persons|s)$", m[0][:m.start(
        "where") - m.start()]) else Scope.ONE_USER, " ".join([*re.split(
            r"[.;:,!?\n]", text[:m.start()])[-1].split()[-3:], "alone"]))
            for m in _ONLY_TROUBLED.finditer(text)]  # "exam 4's phone alone"


# A part of a subject that names no person or phone: calls, directions, services
_NOT_WHO = re.compile(r"^(?:the |our |my |all |both |either |neither )*(?:inbound|outbound|incoming"
                      r"|outgoing|in|out|calls?|internet|network|data|voice|audio|texts?|fax\w*"
                      r"|voicemail|email|wifi|video|local|long distance|international"
                      r"|domestic|calling|dialing|receiving|ringing|sound|video)\b")
# Words no person or phone named as a subject holds: verbs, trouble, who else
_NOT_A_NAME = re.compile(r"\b(?:cant|wont|dont|not|no|is|are|was|were|has|have|had|hear|hears"
                         r"|can|could|calls?|now|then|they|we|it|nobody|anybody|anyone|everyone"
                         r"|everybody|nothing|echo|static|choppy|bad|down|dead|alone|only|just"
                         r"|but|when|while|if|then|after|before|because|he|she|rings?|answers?"
                         r"|picks?)\b")  # "dr patel's phone rings and she answers but the caller"
_JOINED = re.compile(r"^(?:(?:both|neither) )?(?P<a>(?:[\w']+ ){0,3}?[\w']+) (?:and|nor|plus"
                     r"|as well as) (?P<b>(?:[\w']+ ){0,5}?[\w']+)(?: (?:are|were))?(?: both)?"
                     r" (?=(?:cant|wont|dont|not|never|are unable|unable|cannot|have no|has no"
                     r"|lost|get|gets|are getting|hear|keep getting|dead|down|out|broken)\b)")


# "..., same at the desk next to me": the trouble is had elsewhere too
_SAME_AT = re.compile(r"\b(?:same|ditto)(?: thing| issue| problem)?(?: here)? (?:at|for|with|on"
                      r"|over at|in) (?:the |my |our )?(?:[\w']+ ){0,3}?(?:desk|phone|station"
                      r"|extension|cube|cubicle|one|office|room|side)s?\b")


# "front desk, housekeeping and maintenance (phones) ...": three or more named as one subject
_LISTED = re.compile(r"(?:^|[.;:!?\n] ?)((?:[\w']+ ){0,2}[\w']+(?:, (?:[\w']+ ){0,2}[\w']+)+,?"
                     r" (?:and|&|plus) (?:[\w']+ ){0,2}[\w']+)(?= (?:\w+ )?(?:all |both )?(?:cant"
                     r"|wont|dont|not|never|are|have|has|dead|down|lost|get|gets|getting|no)\b)")


def joined_subjects(text: str) -> list[str]:
    """The people or phones a normalised report joins as the subject of calls that fail
    ("jo and the office manager cant call out"), each as said."""
    found = [same[0] for same in _SAME_AT.finditer(text)]
    for listed in _LISTED.finditer(text):  # "front desk, housekeeping and maintenance phones"
        alone = Reading()
        read_clause(text[listed.start(1):].split(".")[0].replace(",", ""), alone)
        if alone.symptoms or alone.phones_down:  # any trouble: "jo, al and me all get echo"
            found.append(listed[1])
    for piece in re.split(r"[.;!?\n,:()]| -+ ", text):
        piece = re.sub(r"^\s*(?:(?:but|and|so|now|today|also|then) )*", "", piece)
        joined = _JOINED.match(piece)
        parts = (joined["a"], joined["b"]) if joined else ()
        if not joined or any(_NOT_WHO.match(p) or _NOT_A_NAME.search(p) for p in parts) or all(
                re.match(r"(?:me|i|my|mine|myself)\b", p) for p in parts):
            continue  # "my desk phone and my softphone": one user's two phones
        alone = Reading()
        read_clause(piece, alone)
        if alone.symptoms & {Symptom.NO_OUTBOUND, Symptom.NO_INBOUND, Symptom.ONE_WAY_AUDIO,
                             Symptom.SITE_DOWN} or alone.phones_down:
            found.append(joined[0].strip())
    return found


def generic_ones(named: list[tuple[Scope, str, bool, bool]], text: str) -> list[
        tuple[Scope, str, bool, bool]]:
    """The people named, less "the agent" when the report also says "agents": "agents can hear
    the customer, customer can't hear the agent" speaks of any agent, not one."""
    words = set(re.findall(r"[a-z]+", text.lower()))

    def generic(scope: Scope, said: str) -> bool:
        one = re.fullmatch(r"(?:the|a|an) (?!(?:phone|line|extension|handset|desk|set|softphone"
                           r"|headset|cordless|speakerphone|polycom|yealink)\b)([a-z]+)", said)
        return scope is Scope.ONE_USER and bool(one) and bool({one[1] + "s", one[1] + "es"}
                                                              & words)
    return [cue for cue in named if not generic(cue[0], cue[1])]
