"""Cutting a normalised report into the clauses it strings together, and telling the clauses
that say something works from those that report trouble."""

from __future__ import annotations

import re

from bot.severity_words import TROUBLE, USER_NOUNS, WORKING, _rx

_SPLIT = _rx(r"[.;!?\n()\[\]:,\"]|\s-+\s|\b(?:but|though|although|however|whereas"
             r"|(?<!a )while|except"
             r"|yet|also|(?<!or )so)\b|\band\b(?! (?:receive|make|place|take|answer|out|in|outbound"
             r"|inbound|incoming|outgoing|dial|call|calls|get|send|fail\w*|both|now"
             r"|the (?:one|other)s?(?! (?:have|has|are|is|get|gets|hear|hears|can|cant|could|were"
             r"|was|seem|seems|sound|sounds)\b)"
             r"|my (?!phones?\b|lines?\b)\w+)\b)")
_NOBODY = _rx(r"\b(?:nobody|none of|none|no (?:single )?(?:one|agent|rep|user|nurse|employee|person"
              r"|staff|operator|teller|cashier|doctor)s?)\b")
_NOBODY_VERB = _rx(r"\b(?:has|have|got) (?:a |an |any )?(?:working )?(?=(?:phones?|phone service"
                   r"|service|lines?|dialtone)\b)"
                   r"|\b(?:can|could|(?:is|are|was|were) able to|able to|will)\b"
                   r"|\b(?:is|are|was|were|has|have|got|gets|getting)"
                   r" (?=(?!incoming|outgoing)\w+ing\b|(?:a |any )?"
                   r"dialtone)|\b(?:works?|working)\b|\b(?=(?:rings?|ringing|receives?|receiving"
                   r"|hears?|hearing|makes?|making|gets?|getting|registers?|registering|connects?"
                   r"|connecting|boots?|booting|arrives?|arriving)\b)")


def _deny(verb: re.Match[str]) -> str:
    """Say of everyone what "nobody <verb>" says: "nobody can dial out" is "cant dial out"."""
    if verb[0].startswith("work"):
        return "not working"
    if re.match(r"has|have|got", verb[0]) and not re.match(r"\w+ing\b", verb.string[verb.end():]):
        return "no "  # "nobody has phones" says there are no phones
    return "cant " if re.match(r"can|could|able|is able|are able|was able|were able|will",
                               verb[0]) else "not "


_BUT_WORDS = (r"(?:but|except|other than|apart from|besides|aside from|save for|excluding|minus"
              r"|with the exception of)")
_BUT = (r"(?:but|except(?: for)?|other than|apart from|besides|aside from|save for|excluding"
        r"|minus|with the exception of)")
# Who a carve-out is taken from: "everyone", "all the reps", "every phone in accounting"
_ALL = (r"(?:everyone(?: (?:in|at|on) (?:the )?(?:\w+ ){0,2}?\w+(?=,? " + _BUT_WORDS + r"))?"
        r"|nobody|nothing|no (?:single )?(?:phone|handset|desk|extension|line)s?(?: (?:in|at|on)"
        r" (?:the )?\w+)?|(?:all|none) (?:of )?(?:the |our |my )?(?:\d+ |other )?(?:\w+ )?"
        + USER_NOUNS
        + r"|every (?:single )?(?:\w+ )?(?:phone|user|person|extension|line|agent|rep|employee"
        r"|desk|handset)(?: (?:in|at|on|across) (?:the )?\w+)?|the (?:whole|entire) \w+"
        r"|the (?:\w+ )?(?:team|department|dept|group|office|floor|crew|staff))")

# The verb that ends the excepted words: "everyone except the receptionist| has ..."
_VERB = (r"(?:can|cant|could|has|have|had|is|are|was|were|get|gets|getting|got|lost|loses"
         r"|losing|hear|hears|hearing|wont|dont|does|do|keep|keeps|still|not|seems?|says?"
         r"|reports?|reported|sees?|seeing|sounds?|experienc\w*)")
_CARVED = _rx(rf"\b({_ALL}),? {_BUT} (?:(?!{_VERB}\b)[\w']+ ){{0,4}}?(?!{_VERB}\b)[\w']+,?"
              rf"(?= {_VERB}\b)")
_LEADING = _rx(rf"(^|[.;:!?\n] ?| -+ ){_BUT} (?:[\w']+ ){{0,5}}?[\w']+,? ({_ALL}|we)\b")
# "it's not that we can't call, ...": the clause denies what it says
_DENIED = _rx(r"^(?:it |its |it is |it was |this )?not (?:that|like|as if)\b")
# A clause that only says how often: it belongs to the clause after it
_ONLY_HOW_OFTEN = _rx(r"^(?:\w+ )?(?:intermittent\w*|sometimes|occasionally|randomly|sporadically"
                      r"|at times|once in a while)$")
# A clause that only says which way calls fail ("..., in or out"): it belongs to the one before
_ONLY_WHICH_WAY = _rx(r"^(?:either |both )?(?:in (?:or|and|nor) out|out (?:or|and|nor) in"
                      r"|both ways|either way|both directions|either direction"
                      r"|(?:inbound|incoming) (?:or|and|nor) (?:outbound|outgoing)"
                      r"|(?:outbound|outgoing) (?:or|and|nor) (?:inbound|incoming))$")
# A clause that stops at its verb ("but the rest of the office cant") and the verb it echoes
_ELIDED = _rx(r"\b(?:can|cant|could|will|wont|do|dont|does)$")
_ECHOED = _rx(r"\b(?:can|cant|could|will|wont|do|dont|able to)\b ((?:\w+ ?){1,6})$")
# "my phone can dial out, but nobody else (in the building)": the others cannot do it
_OTHERS_ALONE = _rx(r"^(?:nobody|none of the others|no other \w+)(?: else)?(?: (?:in|at|on|from)"
                    r"(?: \w+){1,4}| here| there)?$")
# "then" and what happened, with no one it happened to: it shares the clause before
_THEN_ALONE = _rx(r"^then (?!(?:i|we|they|it|he|she|you|everyone|nobody|calls|phones?|callers?"
                  r"|customers?)\b)")
# A kind of call alone, cut from the working clause it is joined to by "and"
_KINDS_ALONE = _rx(r"^(?:the |our |all )?(?:local|domestic|long ?distance|international|internal"
                   r"|in ?state|cell|mobile|tollfree|8[0-8]{2}|inbound|outbound|incoming"
                   r"|outgoing)(?: calls?| numbers?)?$")
_ABLE = _rx(r"\b(?:can|could)(?: still| only)? ((?:\w+ ?){1,6})$")
_NOT_WHOM = _rx(r"^not ((?:to )?(?:the |our |any )?(?:outside|external|off ?site|other"
                r"|long distance|local|cell|mobile)\b(?: [\w']+){0,3})$")


def drop_carve_outs(text: str) -> str:
    """Read "everyone except Bob can't call" as everyone but Bob affected: "everyone cant call"."""
    def affects_the_rest(said: str, after: str) -> bool:
        after = re.split(r"[.;!?\n,]", after, maxsplit=1)[0]
        if said.startswith(("nobody", "none", "no ")):  # "nobody but Greg has problems"
            return not TROUBLE.search(after)
        return not is_working(after)

    def the_rest(said: str) -> str:  # "everyone except me": everyone else, not the whole site
        if said in ("everyone", "nobody"):
            return f"{said} else"
        if said.startswith(("none", "no ")):  # "none of our phones but mine": nobody else's
            device = re.search(r"\b(?:phones|lines|extensions|handsets|desks)$", said)
            return f"nobody else's {device[0]}" if device else "nobody else"
        return re.sub(r"^all (?:of )?(?:the |our |my )?(?!\d)", "all other ", said)

    text = _CARVED.sub(lambda m: the_rest(m[1]) if affects_the_rest(m[1], text[m.end():])
                       else m[0], text)
    return _LEADING.sub(lambda m: m[1] + the_rest(m[2]) if affects_the_rest(
        m[2], text[m.end():]) else m[0], text)


def _own(verb: str) -> str:
    """An echoed verb without the place it was done from: "call out (from my desk)" is what
    the others cannot do, not where."""
    return re.sub(r" (?:from|on|at|in|with|using) (?:my|our|his|her|the|this|their) .*$", "", verb)


def clauses(text: str) -> list[str]:
    """Cut a normalised report into the clauses it strings together."""
    found: list[str] = []
    # a short aside in brackets belongs to its clause: "... loan officers (busy signal every time)"
    text = re.sub(r"\(([^()]{1,40})\)", r" \1 ", text)
    for part in _SPLIT.split(drop_carve_outs(text)):
        part = part.strip()
        if found and _THEN_ALONE.match(part):  # "callers get 8 rings, and then a fast busy"
            part = f"{found.pop()} then {part[5:]}"
        hit = _NOBODY.search(part)
        if hit:
            rest = _NOBODY_VERB.sub(_deny, part[hit.end():], count=1)
            part = (part[:hit.end()] + re.sub(r"\s+", " ", rest)).strip()
        if found and re.search(r"\b(?:dont|wont|not)$", part) and re.search(
                r"\bwork(?:s|ing)?\b", found[-1]):  # "fax works, phones don't": don't work
            part = f"{part} work"
        elif found and _OTHERS_ALONE.match(part) and _ABLE.search(found[-1]):
            verb = _own(WORKING.sub(" ", _ABLE.search(found[-1])[1]).strip())
            part = f"{part} cant {verb}" if verb else part
            if verb and not is_working(found[-1]):  # "i can call out (from my desk)": works
                found[-1] = f"{found[-1]} fine"
        elif found and _NOT_WHOM.match(part) and _ABLE.search(found[-1]):
            # "phones can dial each other but not outside numbers": cannot dial those
            verb = _ABLE.search(found[-1])[1].split()[0]
            part = f"cant {verb} {_NOT_WHOM.match(part)[1]}"
        elif found and _ELIDED.search(part):  # "i can place calls but the rest cant": place calls
            echoed = next(filter(None, (_ECHOED.search(c) for c in found[:-3:-1])), None)
            verb = _own(WORKING.sub(" ", echoed[1]).strip()) if echoed else ""
            part = f"{part} {verb}" if verb else part
            if verb and re.match(r"(?:but )?(?:nobody|no ?one|none)\b", part) and _ABLE.search(
                    found[-1]) and not is_working(found[-1]):  # "i can call out from my desk":
                found[-1] = f"{found[-1]} fine"  # works, for the one who says so
        if found and _ONLY_HOW_OFTEN.match(found[-1]):  # "intermittently, calls fail": one clause
            part = f"{found.pop()} {part}"
        if found and _ONLY_WHICH_WAY.match(part):  # "nobody can call anyone, in or out"
            part = f"{found.pop()} {part}"
        if found and _KINDS_ALONE.match(found[-1]) and is_working(part):
            part = f"{found.pop()} and {part}"  # "local and portland numbers go through fine"
        if part and not _DENIED.match(part):
            found.append(part)
    return found


def is_working(clause: str) -> bool:
    """Whether a clause says something works ("inbound ok", "only 911 works") and names no
    trouble."""
    # "only 911 works", "is the only one working": what else fails is in the other clauses
    said = re.sub(r"^(?:only|just) |(?<=the )only (?=(?:one|phone|line|desk|extension)s?"
                  r" (?:working|that works|up)\b)", "", clause)
    if re.match(r"(?:only|just) (?:[\w']+ ){1,3}(?:rings?|ringing|connects?|connecting"
                r"|go(?:es)? through)$|(?:only|just) (?:internal\w*|inside|in house|extensions?"
                r"|ext to ext|each other)(?: calls?| dialing)?(?: works?| ok| fine)?$", clause):
        return True  # "only internal transfers ring": what still works; the rest fails
    return bool(WORKING.search(said)) and not TROUBLE.search(WORKING.sub(" ", said))
