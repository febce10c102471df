"""Cutting a normalised report into the clauses it strings together, and telling the clauses
that say something works from those that report trouble."""

from __future__ import annotations

import re

from bot.severity_words import TROUBLE, WORKING, _rx

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


def is_working(clause: str) -> bool:
    """Whether a clause says something works ("inbound ok") and names no trouble."""
    return bool(WORKING.search(clause)) and not TROUBLE.search(WORKING.sub(" ", clause))
