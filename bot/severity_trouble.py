"""Whether a report names any trouble at all, and whether it says the trouble has ended.

A report that names no trouble (a question, a greeting, "all clear", a denial, or words the
reader does not know, such as another language) gets no severity: the reader says so rather
than guess. Trouble said to have ended ("back up now", "resolved") is named but not current.
"""

from __future__ import annotations

import re

from bot.severity_clauses import clauses
from bot.severity_spelling import normalise
from bot.severity_words import (
    DOWN,
    HUNG,
    LAG,
    NEG,
    OTHERS_FINE,
    OUTAGE,
    SEEN_ON_CALLERID,
    WORKING,
    _any,
    _rx,
)

NO_TROUBLE_NOTE = ("No trouble named: the text names no symptom, fault or outage the reader "
                   "knows (it reads English), so no severity is given; say what is wrong, or "
                   "pick the symptoms on the form")
# Words that say something is wrong, wherever they stand (a question included: "site down?")
FAULT = _rx(r"\b" + _any(
    NEG, r"fail\w*", "dead", DOWN, r"broke\w*", r"errors?",
    r"drop\w*", OUTAGE, "offline",
    "busy", "missing", r"wrong(?! (?:channel|thread|chat|room|link|post|window|tab|dm|convo"
    r"|conversation|place|person|group|workspace))", "bad", "poor",
    "stopped", "quit", "silent", "silence", "stuck",
    r"crash\w*", r"freez\w*", "frozen", "blank", r"flicker\w*", r"beep\w*", "weird", "strange",
    "odd", r"los(?:e|es|ing|t)", "slow", r"complain\w*", "instead", r"garbl\w*", r"robot\w*",
    r"chopp\w*", r"echo\w*", "static", LAG, r"delay\w*", "oneway", "deadair", "hum",
    r"unregister\w*", "registering", r"initiali[sz]\w*", r"reboot\w*", r"glitch\w*", "flaky",
    "acting up", "reorder", "unplugged", r"(?:too|very|super|really|so) quiet", r"crack\w*",
    "damaged", r"no ?(?:one|body) (?:is )?there", r"vanish\w*", r"disappear\w*",
    r"only (?:picks? up|works? (?:when|if|on|for|sometimes)|rings? (?:when|once|sometimes))",
    r"ghost calls?", r"skip(?:s|ped|ping)", "reset",
    r"(?:too|very|super|really|so|is|are) loud", r"(?:as|says?|shows?) (?:an? )?unknown",
    r"(?:nobody|no one) on the (?:line|other end)", r"some(?:one|body) else'?s",
    r"out of (?:disk|space|storage|memory|licen[cs]es?)", r"wait\w* (?:a )?(?:long|forever|too long"
    r"|ages)", r"long (?:hold|wait)s?", r"callerid (?:\w+ )?(?:shows?|showing|displays?|says)",
    r"(?<!extension )(?<!ext )(?<!room )(?<!suite )(?<!desk )(?<!x)(?:sip )?[456]\d\d", "unable",
    "unavailable", "invalid", "dim", "hard to read", "unreadable",
    r"(?:an? |\d+ )(?:hour|minute)s? (?:off|behind|ahead|fast|slow)",
    r"off by (?:an? |\d+ )(?:hour|minute)s?", r"wrong (?:time|date)",
    HUNG, SEEN_ON_CALLERID,
    r"disconnect\w*", "cut off", r"kicked \w+", "urgent", "asap",
    r"no (?:\w+ )?(?:ringback|ring\w*|calls?|service|sound|audio|voice|light|display|power"
    r"|signal|number|tone|answer|response|connection|lines?|dialtone|internet)",
    r"rings? (?:\d+|many|several|a few) times", r"tak\w* (?:\d+|forever|ages|a while)",
    r"(?:is|was) (?:it|this|that) (?:normal|expected|right)", r"why (?:is|are|does|do|would|did"
    r"|cant|wont|dont)") + r"\b")
# Words that name trouble only outside a question: "what's the ticket for yesterday's issue?"
GENERIC_TROUBLE = _rx(r"\b(?:issues?|problems?|trouble|blips?|hiccups?|(?<!for )outages)\b"
                      r"|(?:^|\bneed |\bplease |\burgent )help\b")
# ... and whether trouble elsewhere reaches us: "is the AT&T outage in the news affecting us?"
WH_QUESTION = re.compile(r"(^|[.!?\n:]\s*)(?:\w+,? )?(?:who|what|when|where|which|how(?! come)"
                         r"|(?:can|could|would) (?:someone|somebody|anyone|anybody|you)"
                         r" (?:explain|tell me|confirm|clarify|remind me)\b"
                         r"|(?:is|are|was|will|would|could|might|does|do)\b(?=[^.?!\n]*\b(?:affect"
                         r"\w*|impact\w*|hit(?:ting)? (?:us|our|we)\b)))\b[^.?!\n]*\?", re.I)
# A question asked as a statement: "wondering if it touches our analog fax lines"
WONDERING = re.compile(r"\b(?:i'?m |i am |just |also )?(?:wondering|curious) (?:if|whether|why|how"
                       r"|what|when)\b[^.?!\n]*", re.I)
# A question that reports: "is nobody able to dial out?", "is it just me or ..."
SHARED = re.compile(r"\b(?:nobody|no ?one|just me|only me|anyone else|everyone else)\b", re.I)
# "is it normal that ...?", "why does ...": a question about something that looks wrong
ASKED_ODDITY = _rx(r"\b(?:is|was) (?:it|this|that) (?:normal|expected|right)\b|\bwhy (?:is|are"
                   r"|does|do|would|did|cant|wont|dont)\b")
# "everything works except the fax": what is excepted from "all fine" is the trouble
EXCEPTED = _rx(r"\b(?:except|excluding|other than|apart from|besides|even though"
               r"|(?:everything|everyone|all) but)\b")
# "since the power came back", "won't come back up": not an end of the trouble
NOT_ENDED = _rx(r"\b(?:no|not|without|never|dont|wont|cant|zero|since|after|when|until|till"
                r"|once|before|if)\b(?: \w+){0,3} ?$")
# Closing a thread ("thanks all, closing this out") ends what came before but names no trouble
CLOSING = _rx(r"\bclos(?:e|ing|ed) (?:this|it|the \w+) out\b")
# Work announced ahead ("phones will be down Saturday 2-4am for the upgrade"): no trouble now
PLANNED = _rx(r"\b(?:dont|do not|please dont|no need to) (?:schedule|book|plan)\b"
              r"|\b(?:planned|scheduled)? ?maintenance (?:on|at|for|window)\b(?![^.;|]*\b(?:now"
              r"|since|still|cant|no|down|dead|out)\b)(?=[^.;|]*\b(?:tonight|tomorrow|(?:mon|tue"
              r"|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|\d ?(?:am|pm))\b)"
              r"|\b(?:may|might|could) (?:briefly )?(?:blip|go down|go out|be down|be out"
              r"|be offline|be unavailable|flicker)\b|\bexpect (?:a |an |some )?(?:short |brief "
              r"|small |little |quick )?(?:outage|downtime|interruption|blip)s?\b"
              r"|\b(?:testing|test|swapping|upgrading|replacing|installing)(?: \w+){0,3} (?:tonight"
              r"|tomorrow|this weekend|next week|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
              r"|\b(?:will|going to|gonna) be (?:down|out|offline|unavailable|off)\b(?![^.;|]*"
              r"\buntil\b)(?=[^.;|]*\b(?:saturday|sunday|monday|tuesday|wednesday|thursday|friday"
              r"|tonight|tomorrow|this weekend|next week|for (?:the |an? )?(?:upgrade|maintenance"
              r"|cutover|migration|move|update)|from \d|between|during (?:the |that |this |a )?"
              r"(?:\w+ )?window|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b))")
# "..., all fine": said after trouble, it ends it; said alone, it names no trouble
ALL_FINE = _rx(r"^(?:all|everything(?: is)?|its all|it is all) (?:fine|good|ok|okay|well|normal)$")
# A clause that says the trouble before it (or in it) is over
ENDED = _rx(r"\bback (?:up|online|on ?line|to normal|working|in service|on)\b|\brestored\b"
            r"|\bresolved\b|\brecovered\b|\bcleared(?: up)?\b|\bfixed\b"
            r"|\b(?:is|are|was|seems) over\b"
            r"|\b(?:came|come|coming) back\b|\b(?:taking|making|getting|receiving) calls again\b"
            r"|\b(?:working|up|ringing|going through|registered)"
            r" again\b|\b(?:no|not|nobody|without) (?:\w+ ){0,3}(?:anymore|any more|any longer)\b"
            r"|\b(?:went|gone|go|goes) away\b|\bdisappeared\b|\bnever ?mind\b|\bfalse alarm\b"
            r"|\bturned out to be\b|\bturns out (?:it was|to be)\b"
            r"|(?<!shows )(?<!show )(?<!showing )(?<!says )(?<!display )\b(?:re)?registered\b"
            r"|\b(?:fine|ok|okay|good|normal|working|clear|stable)"
            r" (?:now|again)\b|\b(?:working|fine|ok|okay|good|normal|stable|clear)(?: normally"
            r"| fine| ok| again)?(?: ever)? since(?: \d[\d:]*(?: ?[ap]m)?| then| noon| lunch"
            r"| (?:the|they|we|att|it|a|an|last|yesterday)\b(?: \w+){0,4})?$"  # "since the fix"
            r"|\b(?:ticket|case|incident)\b(?: \w+){0,6} (?:can|could|should|may) be closed\b"
            r"|\bclose (?:the|our|this|my|that) (?:ticket|case|incident)\b"
            r"|\bclosed (?:the |our |my |this |that )?(?:ticket|case|aots)\b|\b(?:ticket|case)"
            r"(?: #?\w+){0,2} (?:is |was |got |been |now )?closed\b"
            r"|\b(?:all|are|is|been|everything|now) stable\b|\bback in business\b"
            r"|\b(?:all |got it |got )?sorted(?: out)?$|\ball sorted\b"
            r"|^it (?:has |finally )?(?:stopped|ended|quit|went away|cleared)\b"
            r"|\b(?:seems?|looks?|is|are|much|bit) better\b"
            r"|" + ALL_FINE.pattern +
            r"|\b(?:was|were) (?:down|out|dead|broken|failing|offline)(?: \w+){0,2} for (?:about "
            r"|around |roughly |maybe |like |only |just )?(?:\d+|a few|a couple(?: of)?|ten|five"
            r"|fifteen|twenty|thirty) (?:min\w*|sec\w*|hours?)\b"
            r"|^(?:none|nothing|no more) (?:today|now|since|this (?:morning"
            r"|afternoon|week))$"
            r"|\b(?:phones?|lines?|calls?|inbound|outbound|service|site|office|desks?)"
            r" (?:are |is )?back (?:up |online )?(?:at |since |as of |by |around )?\d"
            r"|\b(?:is|are|all|everything|everyone|phones) back(?: now)?$|\b(?:dialtone|service"
            r"|phones?|inbound|outbound|calls?|internet|power|site|lines?|network|audio)"
            r" (?:is|are|has|have|all|came|come) (?:all )?back\b"
            r"|" + CLOSING.pattern +
            r"|\b(?:issue|problem|outage|trouble|echo|static|busy|oneway)\b(?: \w+){0,4}"
            r" (?:not|never) (?:come|came) back\b"
            r"|\b(?:oneway|audio|echo|static|busy|problems?|issues?|outage|trouble|drops|noise)"
            r" (?:has |have |finally )?(?:stopped|ended|quit)\b(?! \w+ing)"
            r"|\b(?:echo|static|hum|buzz\w*|crackl\w*|noise|delay|lag|busy|problems?|issues?"
            r"|outage|trouble|drops|oneway)(?: \w+){0,3}? (?:is|are|has|have|seems?)"
            r" (?:all |finally |now |completely )?gone\b")


def without_asking(text: str) -> str:
    """The text without its who/what/when/where/how questions ("who do I page if AT&T doesn't
    call back?"), requests to explain ("can someone explain why ...?") and wonderings ("wondering
    if it touches our fax lines"), which ask rather than report; "why can't we ...?" stays."""
    text = WONDERING.sub(" ", text)
    return WH_QUESTION.sub(lambda m: m[0] if SHARED.search(m[0]) else f"{m[1]} ", text)


def ended(clause: str) -> bool:
    """Whether a clause says the trouble it (or the report before it) names has ended."""
    return any(not NOT_ENDED.search(clause[:m.start()])  # "come back each time": not for good
               and not re.match(r"(?: \w+)? (?:each|every) time\b", clause[m.end():])
               for m in ENDED.finditer(clause))


def names_trouble(text: str) -> bool:
    """Whether a report names any trouble, current or ended, in words the reader knows."""
    said = normalise(text)
    if ASKED_ODDITY.search(said) or EXCEPTED.search(said) or OTHERS_FINE.search(said):
        return True
    statements = re.sub(r"[^.?!\n]*\?", " ", text)
    for source, pattern in ((without_asking(text), FAULT), (statements, GENERIC_TROUBLE)):
        if any(not PLANNED.search(c) and (ended(CLOSING.sub(" ", ALL_FINE.sub(" ", c)))
                                          or pattern.search(WORKING.sub(" ", c)))
               for c in clauses(normalise(source))):
            return True
    return False
