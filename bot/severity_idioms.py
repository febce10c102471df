"""Sayings read as what they tell, on a report already spelled one way (severity_spelling).

Each rewrite turns a way of telling trouble into the words the symptom families read:

- a voice lost after a moment ("their voices cut out right after hello", "we hear the drivers
  for about 10 sec then lose them") is one-way audio;
- a call that ends before anyone can answer it ("show Call Ended before anyone can grab
  them") never arrived;
- "can't see who's calling" is caller ID;
- a carrier's "has calling restrictions" is a call not allowed; "Server Error 500" is a SIP
  code, not a server down;
- people named by their role who call in ("listeners calling the request line") are callers;
- phones that "sit silent" are not ringing, and "nothing but ringing" is only ringing;
- callers who go "hello? hello?" cannot hear us;
- dialling out to silence ("dial out and get silence, no ring") is a call that never leaves,
  and a phone "silent when you pick it up" has no dial tone;
- callers who keep asking "are you there?" or yell "hello hello", who "hear us for a second
  and then nothing", who say the line "is quiet on our side", people who "went mute", who
  are "talking into a void", or from whom "nothing goes back the other way": one-way audio;
- "a lady comes on with" a message is a recording, not one person;
- callers who hear "please hold" or a recording and then get disconnected never arrived;
- a line that "is supposed to ring" somewhere (and did something else) is routing failing.
"""

from __future__ import annotations

import re

from bot.severity_words import CALLERS, USER_NOUNS


def _callers(match: re.Match[str]) -> str:
    """ "advertisers calling sales" as callers, unless they are our own people."""
    ours_or_said = re.fullmatch(USER_NOUNS, match[1]) or re.fullmatch(CALLERS, match[1])
    return match[0] if ours_or_said else "callers calling "


IDIOMS = tuple((re.compile(pattern), to) for pattern, to in (
    (r"\b(?:their|our|my|his|her|the) (?:voices?|audio|sound) (?:cuts?|cutting|drops?|dropping"
     r"|goes|go|going|went) (?:out|silent|dead|away) (?:right |just |shortly )?after (?:hello|hi"
     r"|answering|they answer|we answer|the greeting|a (?:few|couple) (?:seconds|secs))\b",
     " oneway audio after hello "),
    (r"\bhears? ((?:the |our )?\w+|them|us|me|him|her) for (?:about |like |maybe |around |only )?"
     r"(?:\d+|a few|several|ten|five|twenty|a couple(?: of)?) ?(?:sec\w*|s|min\w*),? (?:and )?"
     r"then (?:lose|loses|lost|losing) (?:them|him|her|it|the audio|audio|their voices?)\b",
     r"cant hear \1 after a while"),
    (r"\b(?:call )?(?:ends?|ended|disconnects?|disconnected|drops?|dropped|dies|died|vanish\w*"
     r"|disappear\w*|hangs? up|hung up)\b(?: \w+){0,2}? before (?:anyone|we|i|they|someone"
     r"|somebody|the \w+)(?: \w+)? (?:grab|answer|pick|get to|reach)\w*", " answerdialtone "),
    (r"\b(?:cant|dont|not) (?:see|tell|know) who (?:is )?(?:calling|called|on the line|it is)\b",
     " callerid missing "),
    (r"\b(?:has|have|with) (?:calling|call|dialing|dialling) restrictions\b|\bis restricted\b",
     " is not allowed "),
    (r"\b(?:internal )?server error:? ?(?:code )?([456]\d\d)\b", r" sip \1 "),
    (r"\b([a-z]{4,}(?:ers|ors|ents|ants|ees|ians|ists)) calling (?!(?:out|each|one|it|them|him|her"
     r"|me|back|around|customers|clients|vendors|people|anyone|everyone)\b)",
     _callers),
    (r"\b(phone bank|phones|ringers|switchboard|desks|phone lines)((?: \w+){0,2}) (?:is|are|went"
     r"|have gone|has gone|sits?|sitting|stays?|stayed) (?:dead )?(?:silent|quiet)\b",
     r"\1\2 not ringing"),
    (r"\b(callers?|customers?|they|people|(?:the )?(?:caller|customer|person))"
     r" (?:keep |just )?(?:go|going|goes|say|saying|says) hello,? hello\b"
     r"(?:,? and (?:then )?(?:hang\w*|hung) up)?",
     r"\1 cant hear us"),
    (r"\b(\w+)(?: (?:keep|keeps|kept|just|are|were|is|was|all|still))* (?:ask\w*|yell\w*"
     r"|shout\w*|scream\w*) (?:hello,? hello|are you there|can you hear me|is anyone there)\b",
     r"\1 cant hear us"),
    (r"\bhears? (us|me|him|her|them) for (?:a|one|half a) (?:second|sec|moment|bit)\w*,?"
     r" (?:and )?then (?:nothing|silence|no audio|dead ?air)\b", r"cant hear \1 after a while"),
    (r"\b(?:line|audio|sound|call) (?:is|goes|went|sounds) (?:quiet|silent|dead|mute) on (?:our"
     r"|their|my|the other) (?:side|end)\b|\b(?:went|go|goes|gone|going) mute\b"
     r"|\btalking into (?:a|the) void\b|\bnothing (?:goes|gets|comes|is going|is getting|going)"
     r" (?:back )?(?:through )?(?:the other way|to them|to the other (?:side|end))\b",
     " oneway audio "),
    (r"\b(?:a|some) (?:lady|woman|man|guy|voice|robot)(?: \w+)? (?:comes|came|coming|goes) on"
     r"(?: (?:with|saying|and says?))?", " a recording says "),
    (r"\b(?:hear|hears|get|gets) (?:\w+ ){0,3}?(?:please hold|recording|message|announcement"
     r"|hold music)\b(?: \w+){0,2}? (?:and )?then (?:gets? |are |is )?(?:disconnected|dropped"
     r"|cut off|hung up on)\b", " answerdialtone "),
    (r"\b(?:is|are|was|were) supposed to (?=(?:ring|forward|roll|go|route|transfer|send)\w*\b)",
     " forwarding fails, meant to "),
    (r"\bdial\w*(?: out)?,? (?:and|but) (?:get|gets|hear|hears) (?:only |just )?(?:silence|nothing"
     r"|deadair)(?:,? no ring\w*)?", " get silence after dialing "),
    (r"\b(?:is|are|goes|go|went) (?:silent|dead|quiet) when (?:you|we|they|i|he|she)"
     r" pick (?:it|them) up\b", " has no dialtone "),
    (r"\bnothing but (?=ring\w*|rings|a busy|busy|voicemail|static|a recording|silence)", "only "),
))


def read_idioms(text: str) -> str:
    """The normalised text with its sayings told plainly."""
    for pattern, to in IDIOMS:
        text = pattern.sub(to, text)
    return text
