"""The word families the report reader matches: spellings made one, symptom phrasings,
and the words that say who is affected. Data for bot/severity_text, kept apart from the
reading logic so each stays one idea."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.severity import Scope, Symptom

OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND
ONE, SEVERAL, SITE = Scope.ONE_USER, Scope.SEVERAL_USERS, Scope.ENTIRE_SITE
NO_SCOPE_NOTE = ("No scope named: read as the business's service, several users; choose "
                 '"one user" if only one person is affected')


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# --- Word families ----------------------------------------------------------------------------
NEG = r"(?:cant|wont|dont|not|never)"
FAILED = _any(NEG, r"fail\w*", "down", "dead", "broken", "blocked", "busted", "kaput", "gone",
              r"errors?", "busy", "fast busy", "stopped", "no good", "hosed", "toast", "borked",
              "fubar", "tanked", "offline", "unavailable", "out of service",
              r"rings? (?:forever|out|endlessly|nonstop|with no answer|no answer)",
              "ringing (?:forever|out|endlessly|nonstop)", r"returning (?:a |an )?\w+",
              r"(?:sip )?(?:40\d|48\d|50\d)(?: errors?)?", r"(?:going |goes |go )?nowhere")
CALLERS = _any(r"callers?", r"customers?", r"clients?", r"patients?", "people calling",
               "anyone calling", r"vendors?", r"outside callers?", "public", r"guests?",
               r"parents?", r"members calling")
USER_NOUNS = _any(
    r"users?", "people", r"persons?", r"agents?", r"reps?", r"representatives?", r"employees?",
    "staff", "folks", "guys", r"colleagues?", r"co ?workers?", r"workers?", r"nurses?",
    r"doctors?", r"techs?", r"technicians?", r"cashiers?", r"tellers?", r"associates?",
    r"members?", r"operators?", r"dispatchers?", r"drivers?", r"clerks?", r"managers?",
    r"teachers?", r"physicians?", r"pharmacists?", "salespeople", r"hygienists?", r"dentists?",
    r"therapists?", r"assistants?", r"receptionists?", r"secretar(?:y|ies)", r"accountants?",
    r"attorneys?", r"lawyers?", r"paralegals?", r"adjusters?", r"underwriters?", r"brokers?",
    r"bankers?", r"guards?", r"officers?", r"medics?", r"paramedics?", r"advisors?",
    r"counselors?", r"coordinators?", r"schedulers?", r"specialists?", r"analysts?",
    r"developers?", r"engineers?", r"volunteers?", r"(?:desk |soft|cell )?phones?",
    r"handsets?", r"extensions?", r"exts?", r"lines?", r"desks?", r"seats?", r"stations?",
    r"devices?", r"polycoms?", r"yealinks?", r"sets?")
GROUPS = _any(
    "sales floor", "call ?cent(?:er|re)", "contact cent(?:er|re)", "help ?desk", "service desk",
    r"teams?", r"departments?", r"depts?", "accounting", "billing", "finance", "hr",
    "human resources", "dispatch", r"nurses? station", "nursing", "pharmacy", "lab", "wing",
    r"pods?", "front office", "back office", "customer service", "collections", "claims",
    "admissions", "shop floor", r"floors?", "upstairs", "downstairs", "sales", "marketing",
    "legal", "engineering", "management", "crew", "shift", "agents", "reps", "nurses", "doctors",
    "cashiers", "tellers", "drivers", "techs", "operators", "dispatchers", "guys", "teachers",
    "hygienists", "dentists", "therapists", "assistants", "attorneys", "paralegals", "guards",
    r"(?:east|west|north|south|back|front) (?:side|end|wing|half|hall)", r"sections?",
    r"hallways?", "annex")
ROLE_GROUPS = _rx(r"\b(?:agents?|reps?|nurses?|doctors?|cashiers?|tellers?|drivers?|techs?"
                  r"|receptionists?|clerks?|associates?|paralegals?|attorneys?|schedulers?"
                  r"|operators?|dispatchers?|teachers?|hygienists?|assistants?|guards?)\b")
SITES = _any(
    r"offices?", r"branch(?:es)?", r"sites?", "building", r"locations?", r"stores?", "clinic",
    "campus", "plant", "facility", "warehouse", "hospital", "school", "restaurant", "shop", "hq",
    "headquarters", "dealership", "factory", "yard", "depot", r"cent(?:er|re)", "practice",
    "studio", "hotel", "bank", "library", "church", "agency", "firm", "company",
    "(?<=the )place|(?<=our )place|(?<=whole )place|(?<=entire )place")
INFRA = _any(
    "router", "switch", r"circuits?", "modem", "firewall", "gateway", "cpe", "adtran", "t1",
    "pri", "sip trunk", r"trunks?", "ethernet", "fiber", "link", "bandwidth", "interface", "port",
    "poe", "ups", "internet", "network", "wan", "mpls", "avpn", "connection", "isp", "wifi",
    "vpn", "cabling", "hardware", "equipment", "server", "pbx", "phone system", "voip",
    "(?<!customer )service")
# A feature, or one kind of call, whose failure is "certain aspects ... negatively impacted".
FEATURES = _rx(r"\b" + _any(
    "voicemail", r"fax\w*", r"e ?fax", r"call ?park\w*", r"park\w* calls?", r"hunt ?groups?",
    r"ring ?groups?", "auto attendant", "ivr", "phone tree", "call tree", "menu", "greeting",
    r"call forward\w*", r"forward\w*", r"transfer\w*", r"conferenc\w*(?! (?:room|phone))",
    "bridge", "callerid", "long ?distance", "international", "intl", "overseas", "e?911",
    "emergency", "paging", "page", "overhead", "intercom", "music on hold", "hold music", "moh",
    "call recording", r"speed ?dials?", "directory", "dial by name", "presence", "blf",
    "busy lamp", r"call queues?", r"queues?", "call pickup", "pickup", "do not disturb", "dnd",
    "call waiting", "three way calling", "call return", "find me follow me", "twinning",
    "mwi", "message waiting", r"mailbox(?:es)?", "extension dialing",
    r"(?:\d|three|four|five) digit(?: \w+)?",
    r"other (?:branch|office|site|location|store|clinic)(?:es|s)?", r"short ?dial\w*",
    r"(?:sees?|shows?|showing|displays?|displaying|appears? as) (?:\w+ ){0,3}?instead of",
    r"internal\w*", r"ext(?:ension)? to ext\w*",
    r"(?:dial|call|reach)\w* (?:other |internal )?extensions", r"speaker ?phone", "texting",
    "sms", "mobile app", "call history", r"call logs?", "display name", "company name",
    r"misrout\w*", r"(?:go|goes|going|went|sent|rout\w*|ring\w*|transferr?\w*|roll\w*|land\w*"
    r"|forward\w*|end\w* up|hit\w*) (?:up )?(?:to|at|in|on) (?:the )?wrong",
    r"(?:cell|mobile|certain|specific|some|particular) (?:phones?|numbers?)",
    r"(?:one|a) (?:specific |particular )?number (?:in|to|at)|one \w+'s number",
    r"area codes?", "mexico",
    r"(?:shows?|showing|displays?|displaying|presents?) (?:the |a |an )?(?:wrong|incorrect|old"
    r"|bad|weird|random)", "canada", "uk", "india", "philippines", "china", "germany", "europe",
    "puerto rico",
    r"on hold", r"(?:to|dial\w*|call\w*) (?:(?!our\b|my\b)\w+ ){0,2}(?:tollfree|8[0-8]{2})"
    r" ?(?:numbers?)?") + r"\b")
FEATURE_TROUBLE = _rx(r"\b" + _any(
    NEG, "no", r"fail\w*", "broken", "broke", "down", "dead", "wrong", "missing", "stuck",
    r"errors?", r"issues?", r"problems?", "busy", "stopped", "unavailable", "disabled", "lost",
    "bad", "incorrect", "blank", "unknown", "old", "only", "kaput", "acting up", "weird", "flaky",
    r"disconnect\w*", r"drop\w*", "garbled", r"glitch\w*", "quit", "blocked", "busted", "toast",
    "playing", "plays", "instead", "offline", "full", "nowhere", "nothing", "silence", "silent",
    "random", "generic", "strange", "odd", "invalid",
    "dead end") + r"\b")
WORKING = _rx(r"\b" + _any(
    "fine", "ok", "okay", "good", r"normal(?:ly)?", "unaffected", "not affected",
    r"no (?:issues?|problems?|trouble)", r"works?", "working", "clear", "great", "perfect",
    r"(?:is|are|back|came|come|coming|still|all) up",
    "alright", "all right", "functional", "going through", "go through", "goes through",
    "connect fine", "connects fine") + r"\b")
TROUBLE = _rx(r"\b" + _any(
    NEG, "no", "nobody", "none", r"fail\w*", "dead", "down", "broken", r"issues?", r"problems?",
    r"errors?", r"drop\w*", "choppy", r"echo\w*", "static", r"lag\w*", r"delay\w*", "oneway",
    "busy", "missing", "wrong", "bad", "poor", "only", "stopped", "quit", "silent", "silence",
    "nothing",
    "hum", r"garbl\w*", r"robot\w*") + r"\b")
OTHER_CALLS_WORK = _rx(r"\b(?:domestic|local|in ?state|other numbers?|most (?:calls|numbers)"
                       r"|external(?: calls?)?|outside calls?"
                       r"|other calls|other destinations|everything else|us callers"
                       r"|rest of the calls)\b")
INTERMITTENT = _rx(
    r"\b(?:intermittent\w*|sometimes|some calls|certain calls|a few calls|occasional\w*"
    r"|sporadic\w*|every (?:other|few|couple)|random\w*|hit or miss|spotty"
    r"|half (?:of )?(?:the |our )?calls|\d+ ?percent|some of (?:the|our) calls"
    r"|not all (?:the |our )?calls|at times|here and there|(?:every|1|one) (?:in|out of) \d+"
    r"|redial\w*|retry|for a (?:few|couple) (?:of )?(?:seconds|secs|minutes|mins)|at a time"
    r"|briefly|momentar\w*|keeps? going (?:offline|down|out)|every so often|once in a while)\b"
    r"|\d+ ?%")
NEGATED = _rx(r"\b(?:no|not|without|never|dont|zero)\b(?: \w+){0,2} ?$")


# --- Symptom families -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Find:
    """One pattern of a symptom family."""

    symptoms: tuple[Symptom, ...]
    pattern: re.Pattern[str]
    calls: bool = False  # a call failure: partial when it names a feature or happens sometimes
    needs_trouble: bool = False  # counts only in a clause that says something failed
    callers_mean_inbound: bool = False  # "callers get a fast busy" is about calls coming in
    inbound_said_means_inbound: bool = False  # "inbound calls not reaching us", "... fail"
    despite_feature: bool = False  # people get no calls: not one feature, whatever routes them


def _find(*symptoms: Symptom, **flags: bool) -> Callable[[str], _Find]:
    calls = bool({OUT, IN} & set(symptoms))
    return lambda pattern: _Find(symptoms, _rx(pattern), calls, **flags)


_out, _in, _both = _find(OUT), _find(IN), _find(OUT, IN)
FINDS: tuple[_Find, ...] = (
    _both(rf"\b{NEG} (?:\w+ ){{0,2}}?(?:make|place|send|dial|call)\w*(?: out| outbound| calls)?"
          r" (?:or|and|nor) (?:receive|take|get|accept|answer)\w*"),
    _find(OUT, IN, needs_trouble=True)(
        r"\b(?:in (?:or|and|nor) out|out (?:or|and|nor) in|both ways|both directions|either way"
        r"|inbound (?:or|and|nor) outbound|outbound (?:or|and|nor) inbound"
        r"|incoming (?:or|and|nor) outgoing|outgoing (?:or|and|nor) incoming)\b"),
    _both(r"\bno (?:\w+ )?(?:calls|calling) (?:in (?:or|and) out|at all|whatsoever)\b"
          r"|\bno (?:phone )?calls? (?:possible|can be made|going through|working)\b"),
    _both(rf"\b{NEG} (?:\w+ ){{0,2}}?(?:use|using) (?:the |their |his |her |my |our |any )?"
          r"(?:phones?|them\b)"),
    _both(r"\bcalls? (?:are |is )?(?:\w+ )?(?:not working|dont work\w*|dead|kaput)\b"
          rf"|\b(?:phones?|handsets?|devices?|softphones?) (?:\w+ ){{0,2}}?{NEG}"
          r" (?:connect|register)"),
    _in(r"\blost (?:all |our |the )?(?:inbound|incoming)\b"),
    _out(r"\bnothing (?:is |can |will )?(?:goes|going|gets|getting|get|go|went) (?:through|out)\b"
         r"|\bnothing (?:is )?connect\w*"
         r"|\blost (?:all |our |the )?(?:outbound|outgoing|dialtone|dial out)\b"
         r"|\bno (?:\w+ )?calls? (?:are )?(?:going|getting|go|get) out\b"
         r"|\bno (?:\w+ )?calls? (?:are )?(?:going|go) through\b"),
    _find(OUT, inbound_said_means_inbound=True)(
         rf"\b{NEG} (?:(?!gets?\b|getting\b|receiv|tak|answer|hear)\w+ ){{0,3}}?(?:make|making"
         r"|place|placing|dial|dialing|dialling|call|calling|phone|reach|reaching)\b"
         r"(?! (?:in|into|us|our|me|back)\b)"),
    _out(rf"\b{NEG} (?:\w+ )?(?:get|getting) (?:a |an |any )?(?:dialtone|outside line|line out"
         r"|out|through)\b(?! to (?:us|our|me)\b)"),
    _out(r"\b(?:outbound|outgoing|outside calls?|external calls?|dial ?outs?|dialing out"
         r"|calling out|calls out|out calls)\b(?: \w+){0,7}? " + FAILED + r"\b"),
    _out(r"\b(?:(?:sip )?(?:40\d|48\d|50\d)s?|fast busy|reorder|failures?|errors?) (?:\w+ ){0,2}?"
         r"(?:on|for|with|when) (?:all |every |our |the |any )?(?:outbound|outgoing|dial\w* out)"),
    _in(rf"\bnobody {NEG} (?:\w+ )?(?:reach|get through to|get ahold of|call|contact) (?:us|our"
        r"|me)\b|\bno rings?\b"),
    _in(r"\b(?:send\w*|sent|rout\w*|direct\w*|dump\w*) (?:all |the |our |incoming |inbound )*calls?"
        r" (?:straight |directly |right )?to (?:a |an |the )?(?:\w+ ){0,4}?(?:recording|message"
        r"|error|busy|fast busy|announcement|deadair|nowhere|notinservice)\b"
        r"|\bnothing (?:is |has )?(?:ring\w*|rang|rung)\b"),
    # people who cannot take calls: inbound fails for them, whichever queue sends the calls
    _find(IN, despite_feature=True)(
        r"\b(?:we|us|agents|reps|users|staff|people|employees|nurses|operators|dispatchers"
        rf"|receptionists|team|everyone|nobody)(?: \w+){{0,6}}? {NEG}"
        r" (?:(?!transfer|forward|park|conferenc|internal|international|long)\w+ ){0,2}?"
        r"(?:get|getting|take|taking|answer|answering|pick up|picking up|receive|receiving"
        r"|accept\w*)"
        r" (?:(?!transfer|forward|park|conferenc|internal|international|long|e?911)\w+ ){0,2}?"
        r"(?:calls?|inbound|incoming)\b(?! (?:transferr|forward|park|record"
        r"|conferenc|to (?:voicemail|the (?:right|correct))))"),
    _in(r"\b(?:(?:sip )?(?:40\d|48\d|50\d)s?|fast busy|failures?|errors?) (?:\w+ ){0,2}?"
        r"(?:on|for|with) (?:all |every |our |the |any )?(?:inbound|incoming)"
        r"|\bringdrop\b|\banswerdialtone\b"),
    _out(r"\bno (?:outbound|outgoing|dial ?outs?|outside lines?|dialtone|calling out|calls out"
         rf"|line out)\b|\b(?:without|lost|missing|{NEG}) (?:\w+ )?(?:a |any |the )?dialtone\b"
         r"|\bdialtone (?:is |just |has )?(?:gone|missing|dead|stopped|died|went away"
         r"|disappeared)\b"),
    _find(OUT, inbound_said_means_inbound=True)(
         rf"\bcalls? (?:\w+ ){{0,2}}?{NEG} (?:go|going|get|getting|goes|went) (?:out|through"
         r"|anywhere)\b|\bcalls? (?:are |keep )?(?:go|goes|going) nowhere\b"
         r"|(?<!incoming )(?<!inbound )\bcalls? (?:\w+ ){0,8}?(?:fail\w*|not connecting"
         rf"|{NEG} (?:connect\w*|complet\w*|go through|going through|goes through))\b"),
    _find(OUT, callers_mean_inbound=True)(
        r"\bring\w* (?:forever|endlessly|nonstop)\b|\brings? (?:forever|endlessly|nonstop)\b"
        r"|\b(?:fast|rapid|quick) busy\b|\ball (?:circuits|trunks|lines) (?:are )?busy\b"
        r"|\btrunks busy\b|\breorder(?: tone)?\b|\bbusy (?:signal|tone)\b"
        r"|\bcall cant be completed\b|\bnot in service message\b|\bnotinservice\b"),
    _find(OUT, callers_mean_inbound=True)(
        r"\b(?:dial\w*|calling|calls?)(?: out| anyone| any number| numbers?| outbound)?"
        r"(?: \w+){0,2}? (?:gives?|gets?|getting|goes? to|returns?|plays?|hits?)"
        r" (?:a |an |the )?(?:recording|error|busy|fast busy|message|intercept|nothing)\b"),
    _in(rf"\b{NEG} (?:\w+ ){{0,2}}?receiv\w*|\b{NEG} (?:\w+ ){{0,3}}?(?:gets?|getting|take"
        r"|taking|answer|answering|accept\w*) (?:\w+ ){0,2}?(?:calls?|inbound|incoming)\b"
        rf"|\b{NEG} (?:be )?(?:reached|called)\b|\b{NEG} (?:\w+ )?(?:call|dial|reach|calling)"
        r" (?:in|into|us|me)\b"
        rf"|\b{NEG} (?:\w+ )?(?:get|getting) through to (?:us|our|me)\b"),
    _in(r"\b(?:inbound|incoming|calls? in|calls? coming in)\b(?: \w+){0,5}? " + FAILED + r"\b"),
    _find(IN, despite_feature=True)(
        rf"\bcalls? (?:\w+ ){{0,3}}?(?:{NEG}|stopped) (?:\w+ )?(?:deliver\w*|reach\w*|rout\w*"
        r"|go\w*|get\w*|ring\w*|com\w*|present\w*|distribut\w*|land\w*|hit\w*)(?: \w+)?"
        r" (?:to|at|through to|on) (?:the |our |any |my |their )?(?:\w+ )?" + _any(
            r"agents?", r"reps?", "users", "staff", "people", "anyone", "anybody", "nurses",
            "phones", "desks", "extensions", "seats") + r"\b"
        rf"|\b(?:{NEG}|stopped) (?:deliver|rout|send|sent|ring|present|pass|distribut|offer)\w*"
        r" (?:any |the |inbound |incoming )*calls? (?:to|through to) (?:the |our |any )?(?:\w+ )?"
        r"(?:agents?|reps?|users|staff|people|anyone|anybody|nurses|phones|desks)\b"
        r"|\b(?:agents|reps|staff|people|users|nurses|phones|desks)(?: \w+){0,3}? (?:sitting idle"
        r"|idle|(?:not|never|dont) (?:getting|get|receiving|ringing|ring) (?:any |a )?(?:calls?"
        r"|anything)|getting (?:no|zero) calls)\b"),
    _in(r"\bno (?:inbound|incoming|calls? (?:coming )?in\b|calls? (?:are )?(?:coming|getting)"
        r" (?:in|through))|\bnothing (?:is )?(?:coming|comes|came|getting|gets) (?:in|through)\b"
        r"|\bno (?:\w+ )?calls? (?:\w+ )?(?:reaching"
        r"|ringing|getting through|coming through)\b"),
    _in(rf"\bcalls? (?:\w+ ){{0,2}}?{NEG} (?:come|coming|comes|ring|ringing|get|getting|reach"
        r"|reaching) ?(?:in|through|to us|us)?\b"),
    _in(rf"\b(?:phones?|lines?|extensions?|it|they|nothing) (?:\w+ ){{0,2}}?(?:{NEG}|stopped)"
        r" (?:ring\w*|rang)\b|\bphones? never (?:ring\w*|rang)|\bnot ringing\b|\bstraighttovm\b"),
    _in(rf"\b{CALLERS} (?:\w+ ){{0,3}}?{NEG} (?:reach|call|get through|get in|dial in|connect"
        r"|get ahold|phone)\b|\b" + CALLERS + r"(?: \w+){0,5}? (?:get|gets|getting|hear|hears"
        r"|hearing|go|goes|going|reach|land|lands)(?: \w+){0,2}? (?:fast busy|busy|all circuits"
        r"|recording|error|not in service|ringing forever|rings? forever|endless\w*"
        r"|message|disconnect\w*)\b|\b" + CALLERS + r"(?: \w+){0,5}? (?:just |only )?(?:keeps?"
        r" ringing|rings? and rings|rings? forever|ringing and ringing)"),
    _in(r"\b(?:main (?:number|line)|our number|tollfree(?: number)?|800 number|dids?"
        r"|published number|business line)(?: \w+){0,3}? (?:down|dead|not working|not ringing"
        r"|not routing|not coming in|(?:just|keeps?) ringing|(?:goes|go|going) to (?:a |an |the )?"
        r"(?:\w+ ){0,3}?(?:recording|busy|fast busy|error|message|notinservice|deadair|silence"
        r"|nothing|nowhere)"
        r"|busy|fail\w*|broken|unreachable|fast busy|rings? (?:forever|out|endlessly"
        r"|with no answer|no answer))\b"),
    _find(Symptom.ONE_WAY_AUDIO)(
        rf"\boneway\b|\b{NEG} (?:\w+ )?hear(?! (?:\w+ )?(?:well|clearly|properly|very|great"
        r"|good|much|dialtone|ring\w*|music|greeting|beep\w*)\b)"
        r"|\b(?:no|zero) (?:audio|voice|sound)\b(?! (?:issues?|problems?|quality))|\bdeadair\b"
        r"|\b(?:hear|hears|hearing|get|getting) (?:only |just |complete |total )?(?:silence"
        r"|nothing)\b|(?<!to )\b(?:silence|silent)\b|\bonly one side\b"),
    _find(Symptom.LATENCY)(
        r"\b(?:latency|lag\w*|delay\w*|talk\w* over each other|slow to (?:connect|ring|answer"
        r"|dial)|long pauses?|pauses?|post dial|\d+ ?ms|tak\w* (?:\d+|a while|forever|long"
        r"|ages|a long time)(?: \w+){0,3} to (?:start )?(?:connect\w*|ring\w*|go through"
        r"|answer)|seconds? behind|slow dialtone|dialtone (?:is )?(?:slow|delayed)"
        r"|delayed dialtone"
        r"|satellite"
        r"|walkie talkie)\b"),
    _find(Symptom.POOR_QUALITY)(
        r"\b(?:robot\w*|chopp\w*|chop|echo\w*|static|garbl\w*|crackl\w*|muffl\w*|distort\w*"
        r"|disturbance|interference|cross ?talk|background noise"
        r"|(?:poor|bad|terrible|awful|horrible|degraded|garbage) (?:call |voice |audio |sound )?"
        r"(?:quality|audio|sound)|(?:call|voice|audio|sound) quality"
        r"|quality (?:is |has been |was |are )?(?:still |really |very |so |pretty |super |kinda )?"
        r"(?:bad|poor|terrible|awful|degraded|horrible|rough)|hard to hear|barely hear"
        r"|cant hear (?:\w+ )?(?:well|clearly|very|properly)|fuzz\w*|buzz\w*|humming|hiss\w*"
        r"|clipp\w*|jitter\w*|packetloss|under ?water|tinny|faint|low volume|too quiet|warbl\w*"
        r"|hum"
        r"|stutter\w*|skipping|metallic|scratchy|noisy|noise|squeal\w*"
        r"|sounds? like (?:a |an )?(?:bad|poor|terrible|broken|cheap|weak)"
        r"|bad (?:cell |phone )?connection|sounds? (?:bad|terrible"
        r"|awful|weird|funny|like robots?)|in a tunnel|tin can|in a bucket|chipmunks?|hollow"
        r"|far away|distant|cuts? out|cutting out|hear (?:themselves|myself"
        r"|ourselves)|audio (?:issues?|problems?))\b"),
    _find(Symptom.DROPPED_CALLS)(
        r"\b(?:drop\w*|disconnect\w*|cut off|cuts off|cutting off|(?:get|gets|got|getting) cut"
        r"|hang\w* up|hung up|(?:kicked|booted|bumped|thrown) (?:off|out)"
        r"|calls? (?:die|dies|dying|ends?|ending|terminat\w*))\b"),
    _find(Symptom.EQUIPMENT_DEGRADED)(
        r"\b" + INFRA + r"\b(?: \w+){0,6}? (?:flap\w*|bounc\w*|errors?|crc|degraded|slow\w*"
        r"|unstable|intermittent\w*|reboot\w*|restart\w*|overheat\w*|alarm\w*|red light|amber"
        r"|blinking|saturat\w*|maxed|congest\w*|utiliz\w*|packetloss|taking hits|spotty|flaky"
        r"|acting up|issues?|problems?|hiccup\w*|glitch\w*|fail\w* over|failover|backup"
        r"|unreliable|sluggish)\b|\blost one of (?:the |our )?(?:\w+ )?\w+s\b|\b(?:reduced capacity"
        r"|capacity (?:is )?(?:reduced|down))\b|\b(?:jitter\w*|packetloss|errors|crc\w*|drops)"
        r"(?: \w+){0,3}? (?:on|across|over) (?:the |our |a |\w+ )?" + INFRA
        + r"\b|\b(?:phones?|handsets?|polycoms?|yealinks?|headsets?)"
        r"(?: \w+){0,5}? (?:reboot\w*|restart\w*|power cycl\w*|freez\w*|frozen|lock\w* up"
        r"|(?:drop\w*|fall\w*|fell|kick\w*) off (?:of )?(?:the )?(?:network|wifi|vpn|system)"
        r"|crash\w*|flaky|acting up)\b|\b(?:running|failed over) (?:on|to) (?:the )?backup\b"
        r"|\bheadsets?\b"),
)
# "X is down": what X is decides between a site down, phones down and equipment trouble.
DEAD = _rx(r"\b(?:down|dead|offline|off line|out of service|oos|no (?:phone |voice |dial )?service"
           r"|not working|stopped working|quit working|not functioning|unreachable|unregistered"
           r"|not registered|not registering|wont register|cant register|registration failed"
           r"|cant stay (?:registered|connected|online|up)|not work"
           r"|(?:wont|never|not) (?:come|came|coming) back(?: up| online| on)?"
           r"|no registration|not connected(?: to anything)?"
           r"|lost registration|kaput|inoperable|unusable|outage|blackout|dark|crashed"
           r"|no (?:phones?|internet|network|connectivity|power)|wont boot|not booting"
           r"|wont (?:power|turn) (?:on|up)|lost power|lost (?:all )?(?:phone |voice )?service"
           r"|lost (?:all )?(?:connectivity|connection|network|internet|power|lines)"
           r"|lost (?:all )?phones|nothing works|nothing(?: is)? working|dont work|wont work"
           r"|broken|busted|fried|toast|hosed|borked|fubar|tanked|bricked|dead in the water"
           r"|flatlined|(?:is|are|went|been|all|both) out(?! of)|unavailable|boot ?loop"
           r"|reboot loop"
           r"|(?:showing|stuck|says|keeps?|still|stuck on) registering)\b")
THING_BROKEN = _rx(r"not working|stopped working|quit working|not functioning|dont work"
                   r"|wont work|broken|busted|fried|toast|bricked|crashed|wont boot|not booting"
                   r"|wont (?:power|turn)")
NOT_A_SITE_DOWN = _rx(r"\b(?:partial|minor|small|brief|no|not|quality|performance|speed|audio"
                      r"|inbound|incoming|outbound|outgoing|dial ?out|calls? in|calls? out)\b"
                      r"(?: \w+){0,2} ?$")
SPARE = _rx(r"\b(?:primary|backup|secondary|redundant|failover|one of (?:the|our) (?:two|2) \w+)\b")
ONE_PERSON = _rx(r"\b(?:user|person|guy|lady|gentleman|agent|rep|employee|teleworker|telecommuter"
                 r"|worker|nurse|doctor|teller|cashier|associate|receptionist)\b(?: \w+){0,3} ?$")
RESTORED = _rx(r"\bback (?:up|online|on ?line|to normal|working|in service)\b|\brestored\b"
               r"|\bresolved\b|\bcleared\b")
ONE_DEVICE = _rx(r"\b(?:phone|handset|line|extension|ext|softphone|set|polycom|yealink"
                 r"|deskphone)\b")
DEVICES = _rx(r"\b(?:phones|handsets|lines|extensions|sets|devices|polycoms|yealinks|desks"
              r"|seats|stations|users|people|agents|employees|staff)\b"
              r"|\b(?:every|any|each|no|all) (?:\w+ )?(?:phone|handset|line|extension)\b")


# --- Scope cues -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cue:
    """Words naming who is affected."""

    pattern: re.Pattern[str]
    scope: Scope | None  # None: a count, or a quantifier read with the words after it
    named: bool = True  # False: only implied ("we", "our office", plural "phones")
    unaffected: bool = False  # names who is *not* affected: "everyone else", "not just me"
    counted: bool = True  # False: says where or what kind ("sales floor", "agents"), not how many
    person: bool = False  # names one other person: two of these are several users


def _cue(pattern: str, scope: Scope | None, named: bool = True, unaffected: bool = False,
         counted: bool = True, person: bool = False) -> _Cue:
    return _Cue(_rx(pattern), scope, named, unaffected, counted, person)


COUNT = _any(r"\d+", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "a couple",
             "couple", "a few", "few", "several", "multiple", "many", "numerous", "various",
             "some", "most", "half", "a handful", "handful", "a bunch", "bunch", "a lot", "lots",
             "a number", "a dozen", r"dozens?", "both", "a group", "one", "a single", "single")
SINGULAR = {"one", "1", "01", "a single", "single"}
NOT_A_COUNT = _rx(r"(?:#|\bno|\bnumber|\bticket|\baots|\bbldg|\bunit|\b" + SITES + r") ?$")
OTHERS = _any("coworkers", "co workers", "colleagues", "users", "agents", "people", "staff",
              "team", "reps", "others", "everyone", "anyone", "the rest")
CUES: tuple[_Cue, ...] = (
    _cue(r"\b(?:everyone|all|the rest|others?|nobody|anyone) else(?:'s)?\b|\bnot (?:all|everyone"
         r"|the (?:whole|entire))\b(?: \w+){0,3}|\bother (?:users|people|phones|agents|lines"
         r"|extensions|staff)\b|\bnot (?:just|only) (?:me|my \w+|\w+)\b"
         r"|\bnobody (?:cant |not )?(?:hears?|call|reach|get through to) (?=me|us|him|her|them"
         r"|my|our)", None, unaffected=True),
    _cue(r"\bone of (?:the |our |my |their )?(?:\d+ )?(?:\w+ )?\w+s\b", ONE),
    # "me and my coworkers", "for me or anyone else in billing": the reporter and others
    _cue(r"\b(?:me|i|my (?:\w+ ){0,2}?\w+) (?:and|or|plus) (?:\w+ ){0,2}?" + OTHERS
         + r"(?: else)?\b|\b(?:my|our) " + OTHERS + r"\b", SEVERAL),
    _cue(r"\b(?:a|one|1|single|a single|only one|just one)(?: \w+){0,2}? (?:user|person|guy"
         r"|lady|agent|rep|employee|phone|handset|extension|ext|line|desk|deskphone|softphone"
         r"|seat|station|device|nurse|doctor|teller|cashier|tech|associate|worker|member)\b", ONE),
    # "our WFH guy", "the remote user": one person, whatever "our" says elsewhere
    _cue(r"\b(?:our|the|their|this|that)(?: (?!other\b|far\b)\w+){0,2} (?:user|person|guy|lady"
         r"|gentleman|agent|rep|employee|teleworker|telecommuter|remote (?:worker|user|employee"
         r"|agent)|worker|nurse"
         r"|doctor|teller|cashier|associate|staffer|team member|salesperson)\b(?!s)", ONE),
    _cue(r"\b(?:my|his|her)(?: own)?(?: \w+){0,2}? (?:phone|handset|extension|ext|line|softphone"
         r"|set|polycom|yealink|headset|calls?|voicemail|desk|voice|mic|cabin|cube|app)\b"
         r"|\bmine\b|\bextension \d+\b"
         r"|\b(?:on|for) (?!(?:user|agent|call|rep|other|it)s\b)[a-z]{3,}s"
         r" (?:phone|ext|extension|line|desk|softphone|handset|cell)\b", ONE),
    _cue(r"\b(?!(?:everyone|nobody|anyone|someone|company|office|site|branch|building|team"
         r"|store|location|clinic)'s)[a-z]+'s (?:\w+ )?(?:phone|extension|ext|line|desk"
         r"|softphone|handset|set|cell|headset|calls|voicemail)\b", ONE, person=True),
    _cue(r"\b(?:receptionist|front desk|lobby phone|new hire|kiosk|ceo|cfo|boss|intern)\b"
         r"(?!\w| (?:\w+ )?(?:phones|lines|sets|desks|extensions))|\b(?:dr|mr|mrs|ms) [a-z]+\b"
         r"|(?:^|\| )(?!every|each|no|any|all)(?:\w+ )?(?:user|guy|lady|person|employee|agent"
         r"|rep|nurse|doctor)\b(?!s)"
         r"|\b(?:the|our|my|a) (?:receptionist|recepionist|ceo|cfo|coo|cto|president|owner"
         r"|manager|director|boss|front desk|reception(?: desk| phone)?|operator|new hire"
         r"|intern|lobby phone|conference (?:room )?phone|boardroom phone|kiosk"
         r"|break room phone)\b(?! (?:phones|lines|desks|extensions|sets|handsets))"
         r"|\b(?:desk|cube|cubicle|room|station) ?#?\d+\b", ONE,
         person=True),
    _cue(r"(?<!answer )(?<!answers )(?<!on )(?<!answered )(?<!pick up )(?<!picks up )"
         r"(?<!picked up )"
         r"\bthe (?:[\w']+ ){0,3}(?:phone|handset|deskphone|softphone|speakerphone|yealink"
         r"|polycom)\b"
         r"(?! (?:system|service|number|line|tree|bill))", ONE),
    _cue(r"\bexts? \d+ \d+\b|\bextensions \d+\b", SEVERAL),
    _cue(r"\b(?:affected|impacted)(?: \|)? (?:all|everyone|everybody|entire site|whole site)\b",
         SITE),  # "users affected: all"
    # "my colleague has the same problem", "neither can anyone around me": the reporter and more
    _cue(r"\b(?:has|have|had|having|getting|gets|with|sees?|seeing|reports?) (?:the )?same"
         r" (?:problem|issue|thing|trouble)\b|\bsame (?:for|with) (?!me\b)\w+|\b(?:neither|nor)"
         r" (?:can|does|do|is|are|could) (?!i\b)\w+|\bso (?:does|do|cant) (?:my |the )?\w+",
         SEVERAL),
    _cue(r"\bext \d+\b|\bthe one (?:in|at|by|on|next to|near)\b", ONE),
    _cue(r"\bhalf (?:of )?(?:the |our )?(?:office|building|site|floor|staff|company|team)\b",
         SEVERAL),
    _cue(r"\b(?:all of (?:us|them|our \w+|the \w+|\w+)|all (?:the |our |of the |of our |my )?"
         r"(?:\d+ )?(?:\w+ )?" + USER_NOUNS + r"|everyone|nobody|none of (?:us|them)"
         r"|none of (?:the |our |their |my |these |those )?(?:\d+ )?(?:\w+ )?" + USER_NOUNS
         + r"|none of (?:the|our)"
         r"|for anyone|anyone here|(?:when |whenever |if )anyone|anyone (?:who )?(?:tries|trying"
         r"|attempts)|anyone (?:at|in|on) (?:the |our )?(?:\w+ ){0,2}"
         + _any(SITES, GROUPS) + r"|(?:from|on|at|for|ringing) any (?:\w+ )?(?:phone|handset"
         r"|extension|line|desk)|any of (?:the|our) phones|every(?: single)? (?:\w+ )?"
         r"(?:user|person|phone|handset|extension|line|desk|employee|agent|seat|station|device)"
         r"|no (?:\w+ )?(?:phones?|lines?|extensions?) (?!service|system|number)"
         r"|(?:site|office|building|company|campus"
         r"|org) ?wide|everywhere|across the (?:board|site|office|building|company|location"
         r"|branch))\b|\b(?:all over|whole|entire)\b(?! (?:the )?(?:day|morning|afternoon|week"
         r"|weekend|night|time|call|calls|conversation|hour|shift|thing|while)\b)", None),
    _cue(r"\b" + COUNT + r"(?: of)?(?: the| our| my| their| these| those)?(?: \d+)?(?: \w+)?"
         r"(?: \w+)? " + USER_NOUNS + r"\b", None),
    _cue(r"\ball (?:(?:the|our) )?(?:(?:inbound|outbound|incoming|outgoing) )?calls\b|\bevery"
         r" single one\b|\bnothing (?:\w+ ){0,2}?(?:goes|going|gets|getting|get|go"
         r"|went|comes|coming|connects?|connecting|rings|ringing)\b", SITE, named=False),
    # "bob in accounting": one person named with the group they sit in
    _cue(r"(?:^|\| |\b(?:for|only|just|and) )(?!(?:everyone|nobody|anyone|people|users|staff"
         r"|folks|all|some|most|the|our|my|we|they|it|and|calls|phones|lines|issues)\b)"
         r"[a-z]{2,12}(?<!s) (?:in|from|on) (?:the )?" + GROUPS + r"\b", ONE, person=True),
    _cue(r"\b" + GROUPS + r"\b", SEVERAL, counted=False),
    _cue(r"\bsoftphone\b(?!s)", ONE, counted=False),
    _cue(r"\b(?:users|people|employees|staff|folks|colleagues|coworkers|workers|salespeople)\b"
         r"(?! (?:on the other end|call|calls|calling|who call|trying|dial\w*))", SEVERAL,
         counted=False),
    _cue(r"(?<!call )(?<!calls to )(?<!calling )(?<!dial )(?<!reach )(?:\bthe |\bour |\b)"
         r"(?:\w+ )?\b" + SITES + r"\b", SITE, named=False),
    _cue(r"\b(?:we|us|our|ours|main number|main line|tollfree|dids)\b", SEVERAL, named=False),
    _cue(r"\b(?:phones|lines|handsets|extensions|desk phones)\b", SEVERAL, named=False),
    _cue(r"\b(?:for|to|just|only) me\b", ONE),
    _cue(r"\bi (?:am |m )?(?:cant|wont|dont|not|have|has|get|keep|hear|lost|getting|having"
         r"|hearing)\b", ONE, counted=False),
    _cue(r"\b(?:i|me|myself)\b", ONE, named=False),
)
LIMITED = _rx(r"\b(?:only|just|solely)(?: \w+)? ?$")
