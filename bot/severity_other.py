"""Reports about something other than the phones' trouble now.

* A fault in a thing that is not a phone ("phones are fine, it's the badge reader that's
  offline", "the label printer quit") is trouble, but no phone symptom: Severity 2 with
  nothing ticked, never "the site is down".
* AT&T's portal (Business Direct) and its logins are an account matter, not the phones: a
  clause about them is set aside ("is Business Direct down for anyone else?").
* A report taken back as never having happened ("never mind, the phones were fine, I
  misread the alert") names no trouble. A false alarm whose cause was found ("it was a muted
  headset") stays a report of trouble that has ended (Severity 2), as the labels have it.
"""

from __future__ import annotations

import re

from bot.severity_symptoms import read_finds
from bot.severity_trouble import FAULT
from bot.severity_words import DOWN, _rx

# Things at a site that are not phones, their lines or the network they ride on
NOT_PHONES = _rx(
    r"\b(?:(?:badge|card|credit card|square|barcode|bar code|key ?card|rfid|chip) ?readers?"
    r"|badge (?:system|scanners?)|door (?:access|controllers?|system)|(?:label |receipt |barcode "
    r"|bar code )?printers?|copiers?|tablets?|ipads?|laptops?|computers?|pcs|desktops?"
    r"|pos(?: system| terminals?)?|cash registers?|card (?:terminals?|machines?)|pin ?pads?"
    r"|credit card (?:terminals?|machines?)|alarm (?:panels?|systems?)|security (?:system|cameras?)"
    r"|cameras?|cctv|dvr|elevators?|tvs?|televisions?|e ?mail|outlook|guest (?:wi ?fi|network)"
    r"|wi ?fi|x ?ray(?: software| machines?)?|software|ehr|emr|crm|website|online order\w*"
    r"|kiosks?|time ?clocks?|thermostats?|hvac|gate (?:arm|opener)s?|scales?|jukebox"
    r"|coffee (?:machine|maker)s?|microwaves?|fridges?|refrigerators?|ice machines?"
    r"|vending machines?|dishwashers?)\b")
# Thanks, said first: "thanks for the quick help setting up the greetings"
THANKS = _rx(r"^(?:\w+:? )?(?:thanks|thank you|thx|ty|tysm|much appreciated|kudos|shout ?out"
             r"|big thanks|many thanks)\b")
PHONE_WORDS = _rx(
    r"\b(?:phones?|calls?|calling|called|lines?|dial\w*|ring\w*|voicemail|vm|fax\w*|audio"
    r"|hear\w*|extensions?|exts?|handsets?|softphones?|headsets?|polycoms?|yealinks?|voice"
    r"|trunks?|sip|dids?|numbers?|hunt|paging|intercom|dect|cordless\w*|tones?|busy|callers?)\b")
FAULT_WORDS = _rx(
    r"\b(?:" + DOWN + r"|dead|offline|off line|quit|died|dying|crash\w*|froze|frozen|freez\w*"
    r"|broke\w*"
    r"|not working|stopped|wont|cant|isnt|arent|doesnt|dont|failing|failed|fails|error\w*"
    r"|beep\w*|alarm\w*|glitch\w*|(?:is|are|went|been) out|lost|unreachable|keeps? \w+ing|acting up"
    r"|jammed|stuck)\b")
# AT&T's portal and its logins: an account matter, not the phones
PORTAL = _rx(r"\bbusiness direct\b|\b(?:at ?& ?t|att)(?:'?s)? (?:customer |online |web )?portal\b"
             r"|\bcustomer portal\b|\bpassword\b"
             r"|\blog ?(?:in|on) (?:to )?(?:check|see|view|open|submit|look at|pull)\b"
             r"(?: \w+){0,3} (?:tickets?|bills?|invoices?|reports?|records?)\b")
# Taken back as never having happened
MISTAKEN = _rx(r"\bmis ?read\b|\bby (?:accident|mistake)\b|\bmy (?:mistake|bad)\b"
               r"|\b(?:wrong|another|the other) (?:site|office|circuit|alert|branch|location"
               r"|store|dashboard)\b|\bnever (?:actually |really )?(?:went |were |was |been )?"
               r"(?:down|out|dead|broken)\b|\b(?:fine|ok|okay|working|up|normal)"
               r" (?:the whole time|all (?:day|along|morning|night))\b|\bscratch that\b")
OTHER_FAULT_NOTE = ("The fault named is not in the phones (nothing that makes or takes calls):"
                    " Severity 2 with no phone symptom; tick one if calls are affected")
TAKEN_BACK_NOTE = ("No trouble named: the report is taken back (the trouble never happened),"
                   " so no severity is given")


# "it's not the phones", "not a phone problem": a denial, said of the phones
NOT_THE_PHONES = _rx(r"^(?:it is |its |this is |thats |that is )?not (?:the |a |an |our )?"
                     r"(?:phones?|att)(?: (?:problem|issue|thing|fault))?$")


# What the portal may show of the phones' own equipment: "router alarms in Business Direct"
EQUIPMENT_SHOWN = re.compile(r"\b(?:router|circuit|switch|edge|firewall|gateway|trunk|phones?"
                             r"|calls?|lines?|alarms?|device|equipment|sbc)\b", re.I)


def other_thing(clause: str) -> bool:
    """Whether a clause speaks of a thing that is not a phone, and of nothing about phones."""
    return bool(NOT_PHONES.search(clause) and not PHONE_WORDS.search(clause)
                and not any(read_finds(clause, False)))


def without_portal(text: str) -> str:
    """The text without its sentences and clauses about AT&T's portal or its logins (those
    telling what the portal shows of the equipment stay)."""
    def drop(clause: re.Match[str]) -> str:
        return clause[0] if EQUIPMENT_SHOWN.search(clause[0]) else " "
    return re.sub(r"[^.?!\n;,]*(?:" + PORTAL.pattern + r")[^.?!\n;,]*[.?!;,]?", drop, text,
                  flags=re.I)


# Work announced ahead ("reminder: AT&T swapping the router Sat 7am, expect ~20 min with no
# phones"): a notice with a day or time to come; its clauses tell of no trouble now unless
# they say so in the present ("the Reno office is down")
ANNOUNCED = _rx(r"^(?:\w+ )?(?:reminder|heads(?: up)?|fyi|psa|notice|planned|scheduled|upcoming"
                r"|just a heads up)\b(?=.*\b(?:tonight"
                r"|tomorrow|this weekend|next week|(?:mon|tues?|wed|thu|thur|thurs|fri|sat|sun)"
                r"(?:day|nesday|rsday|urday)?|\d ?(?:am|pm))\b)(?=.*\b(?:will|may|might|expect"
                r"|swap\w*|replac\w*|upgrad\w*|install\w*|onsite|on site|maintenance|cutover"
                r"|migrat\w*|scheduled|planned)\b)")
# What a notice says of work to come: "phones will be down during the window"
AHEAD = _rx(r"\b(?:will|may|might|could|expect\w*|going to|gonna|during|scheduled|planned"
            r"|tonight|tomorrow|this weekend|next week)\b")
# ... or trouble now that lasts until a fix: "the branch will be down until the tech comes"
NOW_TROUBLE = _rx(r"\b(?:is|are|isnt|arent|cant|wont|keeps?|since|currently|right now|still"
                  r"|has been|have been|until|till|again)\b")
# "nothing actually went down", "no call impact": said of trouble, it denies it
NOTHING_WRONG = _rx(r"^(?:but |and |so )?nothing (?:actually |really |ever |else )?(?:(?:went|was"
                    r"|is|were|got|has gone|has been) (?:down|out|broken|wrong|affected)|wrong)\b")
# Planned work reported done, with nothing wrong: an all clear
WORK_DONE = _rx(r"\b(?:cutover|migration|firmware(?: push| update| upgrade)?|upgrade|maintenance"
                r"|swap|move|install\w*|replacement)\b(?: [\w:]+){0,8}"
                r" (?:is |was |went |got )?(?:done|finished|complete|completed|went (?:fine"
                r"|smoothly|well)|succeeded|wrapped up)\b")


NOTICE_NOTE = ("No trouble named: the text is a notice of work to come, not a report of trouble"
               " now, so no severity is given")
WORK_DONE_NOTE = ("No trouble named: planned work is reported done with nothing wrong (an all"
                  " clear), so no severity is given")


def work_done(said: str) -> bool:
    """Planned work reported done, naming no fault and no trouble brought back."""
    return bool(WORK_DONE.search(said)) and not FAULT.search(said) and (
        not re.search(r"\b(?:back|restored|resolved|fixed|outage|down)\b", said)
        or bool(re.search(r"\b(?:as planned|as scheduled|planned|scheduled)\b", said)))


def set_aside(clause: str) -> bool:
    """In a notice or a thank-you, whether a clause tells of no trouble now: it names none,
    or what it names is ahead ("phones will be down during the window"); never one that says
    so in the present ("the Reno office is down", "phones dead again")."""
    return not NOW_TROUBLE.search(clause) and (not FAULT.search(clause) or bool(
        AHEAD.search(clause)))


def announced(text: str) -> bool:
    return bool(ANNOUNCED.search(text))


def taken_back(text: str) -> bool:
    return bool(MISTAKEN.search(text))
