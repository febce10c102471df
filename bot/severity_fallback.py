"""What a report means when none of the reader's symptom words match: read by what it is about.

The symptom families (severity_symptoms) know thousands of wordings, yet every fresh batch
brings new ones: a carrier recording, a screen message, slang for "dead". Rather than meet
each by its words, a report in which no symptom was found is read by the thing it speaks of
and whether it says that thing fails:

- a feature (voicemail, caller ID, a greeting, a transfer...) said to do anything at all is
  that feature impaired, Severity 2: "the message waiting lights stay lit";
- network equipment (router, switch, UPS, circuit...) said to do anything is equipment
  degraded, Severity 2, unless all it does is make a noise;
- calls or phones with a word of failure or absence ("never", "nothing", "without", "lost",
  "impossible", a SIP code, a screen status) are calls that fail: inbound when the callers'
  side is told, outbound when dialling is, both when neither or both; several phones with a
  status on their screens are phones down;
- the ring heard while calling (ringback, a ringer), something that happens now and then
  ("keeps", "sometimes") or a phone ringing with nobody there is trouble of Severity 2
  with no symptom named: it is no call that fails.

Clauses that say something works, that the trouble ended, or that speak of plans, tickets or
channels were set aside before, so what is read here is what is wrong now.
"""

from __future__ import annotations

import re

from bot.severity import Symptom
from bot.severity_words import CALLERS, FEATURES, INFRA, INTERMITTENT, OUR_NUMBER, _rx

OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND

# "nothing in, nothing out": calls, though no call is named
NOTHING_IN_OR_OUT = r"|\b(?:nothing|no|none|zero) (?:coming |going )?(?:in|out)\b"
# What the clause speaks of: calls or the phones themselves
PHONE_THINGS = _rx(r"\b(?:phones?|handsets?|softphones?|desk ?phones?|sets|extensions?|exts?"
                   r"|lines?|calls?|calling|caller|callers|dial\w*|ring\w*|rang|dialtone|voice"
                   r"|numbers?|dids?|inbound|outbound|incoming|outgoing|screens?|displays?"
                   r"|headsets?|polycoms?|yealinks?|ciscos?|connects?|connecting|go(?:es)? through"
                   r"|gets? through)\b" + NOTHING_IN_OR_OUT)
# Words of failure or absence that no symptom family claimed
FAILING = _rx(r"\b(?:cant|wont|dont|doesnt|didnt|isnt|arent|not|never|no|none|nothing|nobody"
              r"|without|impossible|unable|lost|loses|losing|nowhere|zero|neither|nor|fail\w*"
              r"|dead|down|toast|gone|stuck|reject\w*|denied|forbidden|unreachable|invalid"
              r"|unavailable|errors?|(?<!extension )(?<!ext )(?<!room )(?<!suite )(?<!desk )(?<!x)"
              r"(?:sip )?[456]\d\d|hasnt|havent|blank|offline|bounc\w*"
              r"|refus\w*|blocked|zilch|nada|squat|nil|out of order|beep\w*|die|dies|died|dying"
              r"|busy|disconnect\w*|cut off|cuts off"
              r"|(?:error|weird|strange|odd|three|triple|rising|reorder|busy) tones?)\b")
# Several phones themselves down: what is said of them when no call is spoken of
DOWN = _rx(r"\b(?:cant|wont|not|never|no|nothing|without|impossible|unable|dead|down|offline"
           r"|stuck|blank|boot loop|lost (?:its |their |our |the |all )?(?:\w+ )?(?:registration"
           r"|service|connection|network|lines?|power)|unregister\w*|registering)\b")
# Trouble, but no call that fails: the ring heard while calling, now and then, nobody there
NO_CALL_FAILS = _rx(r"\b(?:ringback|ring ?tones?|ringtones?|ringers?|keeps?|sometimes"
                    r"|intermittent\w*|occasional\w*|randomly|slow|(?:nobody|no ?one) (?:is )?"
                    r"(?:on the (?:line|other end)|there))\b")
# The callers' side: calls coming in
INWARD = _rx(r"\b(?:" + CALLERS + r"|" + OUR_NUMBER + r"|incoming|inbound|come in|comes in"
             r"|coming in|calls? in\b|into|to us|reach us|reach (?:any of )?us|get through"
             r"|gets through|ring (?:in|through)|rings? (?:our|the) desks?|receiv\w*|recieve\w*"
             r"|take calls?|taking calls?|get calls?|getting calls?|answer\w*|be called"
             r"|(?:someone|anyone|somebody|people|they) (?:dials?|calls?|rings?)"
             r" (?:him|her|me|us|them)|calls? to (?:the |our |my |his |her )?(?:\w+ ){0,2}"
             r"(?:extension|ext|desk|line)"
             r"|(?:nothing|no|none|zero) (?:coming )?in"
             r"|(?:not|never|hasnt|doesnt|didnt|wont|havent) (?:\w+ )?(?:rung|ring|rings"
             r"|ringing))\b")
# Our side dialling: calls going out
OUTWARD = _rx(r"\b(?:(?<!someone )(?<!anyone )(?<!somebody )(?<!people )(?<!they )dial\w*"
              r"|outbound|outgoing|call out|calling out|calls? out|make (?:a |any )?"
              r"calls?|making calls?|place (?:a |any )?calls?|placing calls?|outside (?:numbers?"
              r"|lines?|world)|external|long distance|every call (?:we|i|they) make"
              r"|dialtone|offsite|calls? (?:we|i|they) (?:make|place|dial)|ringback"
              r"|other (?:side|end) never"
              r"|(?:nothing|no|none|zero) (?:going )?out|(?:we|i|anyone|everyone|nobody)"
              r"(?: \w+){0,2} (?:try|trying|tries|tried) (?:to )?(?:call|dial|ring|reach)\w*"
              r"|calling (?:anyone|anybody|customers|clients|vendors))\b")
# Several phones showing a status, or stuck at one: "handsets stuck at Registering"
SCREENS = _rx(r"\b(?:phones|handsets|sets|screens|displays|devices|every (?:\w+ )?(?:phone"
              r"|handset|set|screen|display|desk)"
              r"|all (?:the |our |\d+ )?(?:phones|handsets|sets|screens))\b"
              r"(?: \w+){0,4} (?:show\w*|say\w*|said|display\w*|read\w*|stuck|boot\w*|cycl\w*"
              r"|blink\w*|flash\w*|sits?|sitting)\b")
# Equipment named as serving the phones ("the backup modem for the phones"): the equipment
FOR_PHONES = _rx(r"\b(" + INFRA + r"|modems?|routers?|switch(?:es)?)\b((?: \w+){0,2})"
                 r" (?:for|to|feeding|serving) (?:the |our |all )?(?:phones|phone system"
                 r"|handsets)\b")
NOISE = _rx(r"\b(?:loud|noisy|nois\w*|fans?|beep\w*|hum\w*|buzz\w*|whin\w*)\b")
# Said of plans, tickets, channels and people, not of trouble now
NOT_A_REPORT = _rx(r"\b(?:will|(?:going to|gonna) (?:be|get|have|move|switch|replace|install|swap"
                   r"|upgrade|start|add|change)|next (?:week|month)|tomorrow|tonight|monday"
                   r"|tuesday|wednesday|thursday|friday|saturday|sunday|reminder|fyi|^please"
                   r"|please (?:add|update|remember|set|let|send|make|create|remove|change|note)"
                   r"|ticket|channel|list|rotation|on ?call list|scheduled|attached|pinned"
                   r"|covering|covers|new hires?|welcome|moving|moves|arrive\w*|ships?"
                   r"|getting new|test\w*|ignore|disregard|ooo|out of (?:the )?office|pto"
                   r"|vacation|on leave|on ?call (?:phone|cell|pager))\b")

# Whose a number is ("that's not our number", "the Redmond shop's number, not ours"): no failure
NOT_OURS = _rx(r"\bnot (?:ours|mine|theirs|our (?:number|line|name)s?|(?:the )?(?:right|correct)"
               r" (?:number|line|name))\b")


def fallback(live: list[str]) -> tuple[set[Symptom], bool, str | None]:
    """The symptoms the live clauses of a report name by what they speak of, whether several
    phones are said to be down, and the note saying how it was read (None: nothing read)."""
    found: set[Symptom] = set()
    phones_down = trouble = False
    live = [FOR_PHONES.sub(r"\1\2", c) for c in live]
    for before, clause, after in zip(["", *live], live, [*live[1:], ""], strict=False):
        if FAILING.search(clause) and not (PHONE_THINGS.search(clause) or FEATURES.search(clause)
                                           or re.search(r"\b" + INFRA + r"\b", clause)):
            # "callers get a long beep, | then nothing", "we get three beeps | when we call"
            clause = f"{before} {clause} {after}"
        if NOT_A_REPORT.search(clause) or NOT_OURS.search(clause):
            continue
        if FEATURES.search(clause):
            found.add(Symptom.FEATURE_IMPAIRED)
        elif re.search(r"\b" + INFRA + r"\b", clause) and not PHONE_THINGS.search(clause):
            if NOISE.search(clause):  # "the switch is really loud": trouble, nothing degraded
                trouble = True
            else:
                found.add(Symptom.EQUIPMENT_DEGRADED)
        elif PHONE_THINGS.search(clause) and (NO_CALL_FAILS.search(clause)
                                              or INTERMITTENT.search(clause)):
            trouble = True
        elif PHONE_THINGS.search(clause) and FAILING.search(clause):
            inward, outward = INWARD.search(clause), OUTWARD.search(clause)
            if not (inward or outward):  # "customers try to call | it goes to a recording"
                inward, outward = INWARD.search(before), OUTWARD.search(before)
            if inward or outward:
                found |= ({IN} if inward else set()) | ({OUT} if outward else set())
            elif SCREENS.search(clause) or not re.search(r"\bcalls?\b", clause):
                phones_down = phones_down or bool(SCREENS.search(clause) or DOWN.search(clause))
            else:
                found |= {OUT, IN}
        elif SCREENS.search(clause):
            phones_down = True
    if not (found or phones_down or trouble):
        return set(), False, None
    what = ("several phones down" if phones_down and not found
            else ", ".join(s.label.lower() for s in sorted(found, key=list(Symptom).index))
            or "trouble with no symptom named")
    return found, phones_down, ("No symptom word matched: read by what the report speaks of and"
                                f" whether it says that fails ({what}); check the symptoms")


def screens_down(live: list[str]) -> bool:
    """Whether several phones are said to show a status of failure ("phones are all showing
    Phone Not Provisioned"), whatever else (a reboot) was read with it."""
    return any(SCREENS.search(c) and (FAILING.search(c) or DOWN.search(c))
               for c in (FOR_PHONES.sub(r"\1\2", c) for c in live))


def direction(text: str) -> set[Symptom]:
    """Which calls a text that says they fail speaks of: inbound by the callers' side,
    outbound by dialling, both when it says neither."""
    inward, outward = INWARD.search(text), OUTWARD.search(text)
    return ({IN} if inward else set()) | ({OUT} if outward else set()) or {OUT, IN}
