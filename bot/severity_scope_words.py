"""The words that say who is affected: counts, quantifiers, people, groups and places, each
with the scope it names. Data for bot/severity_scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.severity import Scope
from bot.severity_words import (
    GROUPS,
    ONE,
    SEVERAL,
    SITE,
    SITES,
    USER_NOUNS,
    _any,
    _rx,
)


@dataclass(frozen=True)
class Cue:
    """Words naming who is affected."""

    pattern: re.Pattern[str]
    scope: Scope | None  # None: a count, or a quantifier read with the words after it
    named: bool = True  # False: only implied ("we", "our office", plural "phones")
    unaffected: bool = False  # names who is *not* affected: "everyone else", "not just me"
    counted: bool = True  # False: says where or what kind ("sales floor", "agents"), not how many
    person: bool = False  # names one other person: two of these are several users


def _cue(pattern: str, scope: Scope | None, named: bool = True, unaffected: bool = False,
         counted: bool = True, person: bool = False) -> Cue:
    return Cue(_rx(pattern), scope, named, unaffected, counted, person)


COUNT = _any(r"\d+", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "a couple",
             "couple", "a few", "few", "several", "multiple", "many", "numerous", "various",
             "some", "most", "half", "a handful", "handful", "a bunch", "bunch", "a lot", "lots",
             "a number", "a dozen", r"dozens?", "both", "a group", "one", "a single", "single")
SINGULAR = {"one", "1", "01", "a single", "single"}
NOT_A_COUNT = _rx(r"(?:#|\bno|\bnumber|\bticket|\baots|\bbldg|\bunit|\b" + SITES + r") ?$")
OTHERS = _any("coworkers", "co workers", "colleagues", "users", "agents", "people", "staff",
              "team", "reps", "others", "everyone", "anyone", "the rest")
CUES: tuple[Cue, ...] = (
    _cue(r"\b(?:everyone|all|the rest|others?|nobody|anyone) else(?:'s)?\b"
         r"|\bthe rest of (?:the |my |our |their )?(?:us|them|\w+)\b|\bthe others\b"
         r"|\bnot (?:all|everyone"
         r"|the (?:whole|entire))\b(?: \w+){0,3}|\bother (?:users|people|phones|agents|lines"
         r"|extensions|staff|desks|seats|rooms|stations)\b|\bnot (?:just|only) (?:me|my \w+|\w+)\b"
         r"|\bnobody (?:cant |not )?(?:hears?|call|reach|get through to|ring through to)"
         r" (?=me|us|him|her|them|[a-z]+'s|dr |mr |ms |mrs "
         r"|my|our)", None, unaffected=True),
    _cue(r"\bone of (?:the |our |my |their )?(?:\d+ )?(?:\w+ )?\w+s\b", ONE),
    # "me and my coworkers", "for me or anyone else in billing": the reporter and others
    _cue(r"\b(?:me|i|my (?:\w+ ){0,2}?\w+) (?:and|or|plus) (?:\w+ ){0,2}?" + OTHERS
         + r"(?: else)?\b|\b(?:my|our) " + OTHERS
         + r"\b(?!'s| \w+'s| (?:lead|leader|manager|supervisor)\b)", SEVERAL),
    _cue(r"\b(?<!every )(?<!like )(?:a|one|1|single|a single|only one|just one)(?: \w+){0,2}?"
         r" (?:user|person|guy|lady|agent|rep|employee|phone|handset|extension|ext|line|desk"
         r"|deskphone|softphone|seat|station|device|nurse|doctor|teller|cashier|tech|associate"
         r"|worker|member)\b", ONE),
    # "our WFH guy", "the remote user": one person, whatever "our" says elsewhere
    _cue(r"\b(?:our|the|their|this|that)(?: (?!other\b|far\b)\w+){0,2} (?:user|person|guy|lady"
         r"|gentleman|agent|rep|employee|teleworker|telecommuter|remote (?:worker|user|employee"
         r"|agent)|worker|nurse"
         r"|doctor|teller|cashier|associate|staffer|team member|salesperson)\b"
         r"(?!s| (?:lines|phones|desks|stations|extensions|windows)\b)", ONE),
    _cue(r"\b(?:my|his|her)(?: own)?(?: \w+){0,2}? (?:phone|handset|extension|ext|line|softphone"
         r"|set|polycom|yealink|headset|calls?|voicemail|desk|voice|mic|cabin|cube|app)\b"
         r"|\b(?:mine|hers)\b|\bextension \d+\b"
         r"|\b(?:on|for) (?!(?:user|agent|call|rep|other|it)s\b)[a-z]{3,}s"
         r" (?:phone|ext|extension|line|desk|softphone|handset|cell)\b", ONE),
    _cue(r"(?<!every )(?<!each )(?<!all )"
         r"\b(?!(?:everyone|nobody|anyone|someone|company|office|site|branch|building|team"
         r"|store|location|clinic|he|she|it|that|what|there|who|here|where|how|let)'s)"
         r"[a-z]+'s (?:\w+ ){0,2}?(?:phone|extension|ext|line|desk"
         r"|softphone|handset|set|cell|headset|calls|voicemail|mailbox|lamp)\b", ONE, person=True),
    _cue(r"\b(?:girls|ladies|gals|guys|women|men|folks|people|staff|receptionists|nurses|agents"
         r"|reps|clerks) (?:at|on|in|behind|working) (?:the |our )?(?:front desk"
         r"|reception(?: desk)?|lobby|front|counter|desk)\b", SEVERAL),
    _cue(r"\b(?:receptionist|front desk|lobby phone|new hire|kiosk|ceo|cfo|boss|intern)\b"
         r"(?!\w| (?:\w+ )?(?:phones|lines|sets|desks|extensions|staff|people|team|groups?|girls"
         r"|ladies"
         r"|folks|crew|agents|clerks|employees))"
         r"|\b(?:dr|mr|mrs|ms) (?!(?:phones?|lines?|offices?|sites?|branch|stores?|clinic|team"
         r"|users?|calls?|staff)\b)[a-z]+\b"
         r"|(?:^|\| )(?!every|each|no|any|all)(?:\w+ )?(?:user|guy|lady|person|employee|agent"
         r"|rep|nurse|doctor)\b(?!s)"
         r"|\b(?:the|our|my|a) (?:receptionist|recepionist|ceo|cfo|coo|cto|president|owner"
         r"|manager|director|boss|front desk|reception(?: desk| phone)?|operator|new hire"
         r"|intern|lobby phone|conference (?:room )?phone|boardroom phone|kiosk|concierge"
         r"|bookkeeper|office manager|supervisor|foreman|security desk"
         r"|break room phone)\b(?! (?:phones|lines|desks|extensions|sets|handsets|staff|people"
         r"|team|groups?|girls|ladies|folks|crew|agents|clerks|employees))"
         r"|\b(?:desk|cube|cubicle|room|station|exam|bay|register|bed|lane|booth) ?#?\d+\b", ONE,
         person=True),
    _cue(r"(?<!answer )(?<!answers )(?<!on )(?<!answered )(?<!pick up )(?<!picks up )"
         r"(?<!over )(?<!via )(?<!through )(?<!using )"
         r"(?<!picked up )(?<!of )"
         r"\bthe (?:(?!any\b|every\b|all\b|each\b|no\b|not\b)[\w']+ ){0,3}(?:phone|handset"
         r"|deskphone|cordless"
         r"|softphone|speakerphone|yealink"
         r"|polycom)\b"
         r"(?! (?:system|service|number|line|tree|bill|phones|handsets|sets|lines|units|banks?))",
         ONE),
    _cue(r"\bexts? \d+ \d+\b|\bextensions \d+\b", SEVERAL),
    _cue(r"\b" + COUNT + r" (?:\w+ )?rooms\b", SEVERAL),  # "five exam rooms plus the front desk"
    # "from the scale office or the loading dock desk": places joined, several users
    _cue(r"(?<!whole )(?<!entire )\b(?:desk|counter|booth|shop|podium|stand|diner|bay|case"
         r"|office)(?: phones?)?,? (?:and|or|plus) (?:the |our )?(?!whole\b|entire\b)"
         r"(?:[\w']+ ){0,2}(?:desk|counter|booth|shop|podium|stand|diner|bay|case|office)\b",
         SEVERAL),
    # "back office phone is one way": one phone named by its place, as the subject
    _cue(r"(?:^|(?<=\| ))(?:the |our |my )?(?:(?!(?:every|each|any|all|no|nobody|none|single|some"
         r"|anyone|everyone|one|a|the)\b)[a-z]+ ){1,2}(?:phone|handset|deskphone|cordless"
         r"|extension)\b(?! (?:lines?|system|service|number|calls?|bill|company|tree|closet|phones"
         r"|handsets|sets|units|banks?)\b)",
         ONE),
    # "crackle on calls ..., only on that phone": the one phone spoken of
    _cue(r"\b(?:that|this) (?:one )?(?:phone|handset|deskphone|cordless|softphone|extension)\b"
         r"(?!s| (?:system|service|number|line|bill))", ONE),
    # "the conference room polycom", "breakroom phone": the one phone in that room
    _cue(r"\b[a-z]+ ?room (?:\w+ )?(?:phone|handset|deskphone|speakerphone|polycom|yealink"
         r"|extension|poly|trio|cordless|speaker)\b(?!s)", ONE, person=True),
    _cue(r"\b(?:affected|impacted)(?: \|)? (?:all|everyone|everybody|entire site|whole site)\b",
         SITE),  # "users affected: all"
    _cue(r"\banywhere(?: else)? (?:in|at|on) (?:the |our |this )?(?:\w+ )?" + SITES + r"\b", SITE),
    # "my colleague has the same problem", "neither can anyone around me": the reporter and more
    _cue(r"\b(?:has|have|had|having|getting|gets|with|sees?|seeing|reports?) (?:the )?same"
         r" (?:problem|issue|thing|trouble)\b|\bsame (?:for|with) (?!me\b)\w+|\b(?:neither|nor)"
         r" (?:can|does|do|is|are|could|will|would)"
         r" (?!i\b)\w+|\bso (?:does|do|cant) (?:my |the )?\w+",
         SEVERAL),
    _cue(r"\bext \d+\b|\bthe one (?:in|at|by|on|next to|near)\b", ONE),
    _cue(r"\bhalf (?:of )?(?:the |our )?(?:office|building|site|floor|staff|company|team)\b",
         SEVERAL),
    _cue(r"\b(?:all of (?:us|them|our \w+|the \w+|\w+)|all (?:the |our |of the |of our |my )?"
         r"(?:\d+ )?(?:\w+ )?" + USER_NOUNS + r"|everyone"
         r"|nobody(?! there\b| on the (?:far|other) end\b|(?: is|s)? (?:really |much |even"
         r" |actually )?(?:uses?|used"
         r"|needs?|cares?|notices?|noticed|minds?|assigned|sits?|works? (?:there|at it)"
         r"|answers? it)\b)|none of (?:us|them)"
         r"|none of (?:the |our |their |my |these |those )?(?:\d+ )?(?:\w+ )?" + USER_NOUNS
         + r"|none of (?:the|our)"
         r"|for anyone|anyone here|(?:when |whenever |if )anyone|anyone (?:who )?(?:tries|trying"
         r"|attempts)|anyone (?:at|in|on) (?:the |our )?(?:\w+ ){0,2}"
         + _any(SITES, GROUPS) + r"|(?:from|on|at|for|ringing) any (?:\w+ )?(?:phone|handset"
         r"|extension|line|desk)|any of (?:the|our) (?:\w+ )?(?:phones|lines|extensions|desks)"
         r"|every(?: single)? (?!other\b)(?:\w+ )?"
         r"(?:user|person|phone|handset|extension|line|desk|employee|agent|seat|station|device)"
         r"|no (?:\w+ )?(?:phones?|lines?|extensions?) (?!service|system|number|available"
         r"|found|detected|registration|registered)"
         r"|(?:site|office|building|company|campus"
         r"|org) ?wide|everywhere|across the (?:board|site|office|building|company|location"
         r"|branch))\b|\b(?:all over|whole|entire)\b(?! (?:the )?(?:day|morning|afternoon|week"
         r"|weekend|night|time|call|calls|conversation|hour|shift|thing|while)\b)", None),
    _cue(r"\b" + COUNT + r" of (?:them|us|those)\b", None),
    # "all 5 of our closers": a count of a group, whatever the people are called
    _cue(r"\b(?:all )?" + COUNT + r" of (?:our|the|my|their) (?!calls\b)[a-z]{3,}s\b", None),
    _cue(r"\b(?:for|to|with) (?:any|each|either|every one) of (?:them|us|those)\b"
         r"|\b(?:any|each|either) of us\b", SEVERAL),
    _cue(r"\b" + COUNT + r"(?: of)?(?: the| our| my| their| these| those)?(?: \d+)?(?: \w+)?"
         r"(?: \w+)? " + USER_NOUNS + r"\b", None),
    _cue(r"\ball (?:(?:the|our) )?(?:(?:inbound|outbound|incoming|outgoing) )?calls\b|\bevery"
         r" single one\b|\bnothing (?:\w+ ){0,2}?(?:goes|going|gets|getting|get|go"
         r"|went|comes|coming|connects?|connecting|rings|ringing)\b", SITE, named=False),
    # "bob in accounting": one person named with the group they sit in
    _cue(r"(?:^|\| |\b(?:for|only|just|and) )(?!(?:everyone|nobody|anyone|people|users|staff"
         r"|folks|all|some|most|the|our|my|we|they|it|and|calls|phones|lines|issues)\b)"
         r"[a-z]{2,12}(?<!s) (?:in|from|on) (?:the )?" + GROUPS + r"\b", ONE, person=True),
    # "the lab phone" is one phone in the lab, not the lab's people
    _cue(r"\b" + GROUPS + r"\b(?! (?:phone|handset|deskphone|softphone|cordless|extension|line)\b)",
         SEVERAL, counted=False),
    _cue(r"\bsoftphone\b(?!s)", ONE, counted=False),
    # "warehouse pickers say ...": people named by what they do, doing or saying something
    _cue(r"\b(?!(?:speak|head|charg|comput|print|serv|rout|adapt|monit|oth|call|custom|numb|memb"
         r"|patient|client|vendor|guest|parent|us|ord|transf|conferenc|bord|mod|tim|lay|play)\w*s\b)"
         r"[a-z]{3,}(?:ors|ers|ists|ians)\b(?= (?:say|says|said|report\w*|are|were|have|can|cant"
         r"|get|hear|keep)\b)", SEVERAL, counted=False),
    # "the estimators", "the machinists": people named by what they do
    _cue(r"\bthe (?!(?:speak|head|charg|comput|print|serv|rout|adapt|monit|oth|call|custom|numb"
         r"|memb|patient|client|vendor|guest|parent|us|ord|transf|conferenc|bord|mod)\w*s\b)"
         r"[a-z]{3,}(?:ors|ers|ists|ians)\b", SEVERAL, counted=False),
    _cue(r"\b(?:users|people|employees|staff|folks|colleagues|coworkers|workers|salespeople)\b"
         r"(?! (?:on the other end|call|calls|calling|who call|trying|dial\w*))", SEVERAL,
         counted=False),
    _cue(r"(?<!call )(?<!calls to )(?<!calling )(?<!dial )(?<!reach )(?:\bthe |\bour |\b)"
         r"(?:\w+ )?\b" + SITES + r"\b(?! (?:phone|handset|deskphone|cordless|extension)\b)", SITE,
         named=False),  # not "the back office phone"
    _cue(r"\b(?:we|us|our|ours|main number|main line|tollfree|dids)\b", SEVERAL, named=False),
    _cue(r"\b(?:phones|lines|handsets|extensions|desk phones)\b", SEVERAL, named=False),
    _cue(r"\b(?:for|to|just|only) me\b", ONE),
    _cue(r"\bi (?:am |m )?(?:cant|wont|dont|not|have|has|get|keep|hear|lost|getting|having"
         r"|hearing)\b", ONE, counted=False),
    _cue(r"\b(?:i|me|myself)\b", ONE, named=False),
)
LIMITED = _rx(r"\b(?:only|just|solely)(?: \w+)? ?$")
