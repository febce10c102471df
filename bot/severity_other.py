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
    r"|kiosks?|time ?clocks?|thermostats?|hvac|gate (?:arm|opener)s?|scales?|jukebox)\b")
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


def other_fault(clause: str) -> bool:
    """Whether a clause tells of a fault in something that is not a phone, and of nothing
    about the phones or calls."""
    return bool(NOT_PHONES.search(clause) and FAULT_WORDS.search(clause)
                and not PHONE_WORDS.search(clause) and not any(read_finds(clause, False)))


def without_portal(text: str) -> str:
    """The text without its sentences and clauses about AT&T's portal or its logins."""
    return re.sub(r"[^.?!\n;,]*(?:" + PORTAL.pattern + r")[^.?!\n;,]*[.?!;,]?", " ", text,
                  flags=re.I)


def taken_back(text: str) -> bool:
    return bool(MISTAKEN.search(text))
