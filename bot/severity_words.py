"""The word families the report reader matches: how people name callers, users, groups,
sites, network equipment and features, and the words that say something works or fails."""

from __future__ import annotations

import re

from bot.severity import Scope, Symptom

OUT, IN = Symptom.NO_OUTBOUND, Symptom.NO_INBOUND
ONE, SEVERAL, SITE = Scope.ONE_USER, Scope.SEVERAL_USERS, Scope.ENTIRE_SITE
NO_SCOPE_NOTE = ("No scope named: read as the business's service, several users; choose "
                 '"one user" if only one person is affected')


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# "down" as in trouble, not "down the hall" or "moving down the interstate"
DOWN = (r"down(?! (?:the |to the )?(?:interstate|highway|hwy|road|street|hall|hallway|stairs"
        r"|block|coast|river|south|here|there)\b)")


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# --- Word families ----------------------------------------------------------------------------
NEG = r"(?:cant|wont|dont|not|never)"
LAG = r"lag+(?:s|y|ed|ing|giness)?"  # "laggy", "lagggg"; not a place such as LaGrange
FAILED = _any(NEG, r"fail\w*", "down", "dead", "broken", "blocked", "busted", "kaput", "gone",
              r"errors?", "busy", "fast busy", "stopped", "die", "dies", "died", "dying", "no good",
              "hosed", "toast", "borked",
              "fubar", "tanked", "offline", "unavailable", "out of service",
              r"rings? (?:forever|out|endlessly|nonstop|with no answer|no answer)",
              "ringing (?:forever|out|endlessly|nonstop)", r"returning (?:a |an )?\w+",
              r"(?:sip )?(?:40\d|48\d|50\d)(?: errors?)?", r"(?:going |goes |go )?nowhere")
CALLERS = _any(r"callers?", r"customers?", r"clients?", r"patients?", "people calling",
               "anyone calling", r"vendors?", r"outside callers?", "public", r"guests?",
               r"parents?", r"members calling")
# The business's own number, which callers dial: "our 800 number", "the main line"
OUR_NUMBER = (r"(?:(?:our|the main) (?:main |800 |8[0-8]{2} |tollfree |published |business "
              r"|support |sales |service |billing |orders? |reservations? |appointments? |help "
              r"|helpdesk |info |scheduling |customer service )?(?:number|line)s?|our dids?)")
USER_NOUNS = _any(
    r"users?", "people", r"persons?", r"agents?", r"reps?", r"representatives?", r"employees?",
    "staff", "folks", "guys", "girls", "ladies", "gals", r"colleagues?", r"co ?workers?",
    r"workers?", r"nurses?",
    r"doctors?", r"techs?", r"technicians?", r"cashiers?", r"tellers?", r"associates?",
    r"members?", r"operators?", r"dispatchers?", r"drivers?", r"clerks?", r"managers?",
    r"teachers?", r"physicians?", r"pharmacists?", "salespeople", r"hygienists?", r"dentists?",
    r"therapists?", r"assistants?", r"receptionists?", r"secretar(?:y|ies)", r"accountants?",
    r"attorneys?", r"lawyers?", r"paralegals?", r"adjusters?", r"underwriters?", r"brokers?",
    r"bankers?", r"guards?", r"officers?", r"medics?", r"paramedics?", r"advisors?",
    r"counselors?", r"coordinators?", r"schedulers?", r"specialists?", r"analysts?",
    r"developers?", r"engineers?", r"volunteers?", r"csrs?", r"(?:desk |soft|cell )?phones?",
    r"handsets?", r"extensions?", r"exts?", r"lines?", r"desks?", r"seats?", r"stations?",
    r"devices?", r"polycoms?", r"yealinks?", r"sets?")
GROUPS = _any(
    "sales floor", "call ?cent(?:er|re)", "contact cent(?:er|re)", "help ?desk", "service desk",
    r"teams?", r"(?<!hunt )(?<!ring )(?<!call )groups?", r"departments?", r"depts?",
    "accounting", "billing", "finance", "hr",
    "human resources", "dispatch", r"nurses? station", "nursing", "pharmacy", "lab", "wing",
    "scheduling", "intake", "triage", "shipping", "receiving", "recruiting",
    "estimating", "underwriting", "purchasing",
    r"pods?", "front office", "back office", "customer service", "collections", "claims",
    "admissions", "shop floor", r"floors?", "upstairs", "downstairs", "sales", "marketing",
    "legal", "engineering", "management", "crew", "shift", "agents", "reps", "nurses", "doctors",
    "cashiers", "tellers", "drivers", "techs", "operators", "dispatchers", "guys", "girls",
    "ladies", "gals", "teachers",
    "hygienists", "dentists", "therapists", "assistants", "attorneys", "paralegals", "guards",
    r"(?:east|west|north|south|back|front) (?:side|end|wing|half|hall)(?! (?:clinic|office|branch"
    r"|store|campus|site|plant|hospital|school)\b)",
    r"(?:second|2nd|other|back|front|north|south|east|west|far) (?:building|bldg|trailer)",
    r"sections?",
    r"hallways?", "annex")
ROLE_GROUPS = _rx(r"\b(?:agents?|reps?|nurses?|doctors?|cashiers?|tellers?|drivers?|techs?|csrs?"
                  r"|officers?|supervisors?"
                  r"|receptionists?|clerks?|associates?|paralegals?|attorneys?|schedulers?"
                  r"|operators?|dispatchers?|teachers?|hygienists?|assistants?|guards?)\b")
SITES = _any(
    r"offices?", r"branch(?:es)?", r"sites?", "building", r"locations?", r"stores?", "clinic",
    "campus", "plant", "facility", "warehouse", "hospital", "school", "restaurant", "shop", "hq",
    "headquarters", "dealership", "factory", "yard", "depot", r"cent(?:er|re)", "practice",
    "studio", "hotel", "bank", "library", "church", "agency", "firm", "company",
    "(?<=the )place|(?<=our )place|(?<=whole )place|(?<=entire )place")
INFRA = _any(
    "router", "switch", "battery backup", "backup battery", r"circuits?", "modem", "firewall",
    "gateway", "cpe", "adtran", "t1",
    "pri", "sip trunk", r"trunks?", "ethernet", "fiber", "link", "bandwidth", "interface", "port",
    "poe", "ups", "internet", "network", "wan", "mpls", "avpn", "connection", "isp", "wifi",
    "vpn", "cabling", "hardware", "equipment", "server", "pbx", "phone system", "voip",
    "(?<!customer )service", r"edge devices?")
# "the outage channel", "an outage ticket": the word names what a thing is for, not trouble now
OUTAGE = (r"outage(?! (?:channel|ticket|report|bridge|call|list|notes?|page|form|process|procedure"
          r"|plan|template|number|line|contact|email|alert|drill|test|window|policy)s?\b)")
# "blind transfers just hang": nothing happens (not "hang up", "hang on")
HUNG = r"hang(?:s|ing)?(?! up| on| tight| in| out| around)|hung(?! up)"
# "customers see a Florida number on our caller ID", "people we call see 541 555 0102 pop up"
SEEN_ON_CALLERID = (r"(?:sees?|seeing|saw) (?:\w+ ){1,4}(?:on|in) (?:the |our |my |their )?callerid"
                    r"|(?:we|i) (?:call|dial|ring)\w* (?:sees?|see|get|gets) (?:the |our |a |an )?"
                    r"(?:(?:\w+ ){0,2}(?:number|name)\b|(?:\d{3} ){1,2}\d{4}\b)")
# "pharmacy calls are landing at the front desk": calls meant for one place ring at another
MISROUTED = (r"(?!inbound|incoming|outbound|outgoing|all|our|the|my|no|any|some|most|many)[a-z]+"
             r" calls? (?:are |is |keep )?(?:landing|ringing|going|routed|routing|ending up|rolling"
             r"|showing up) (?:at|to|on|in) (?:the |our )?(?!wrong\b|voicemail|straighttovm|busy"
             r"|fast|recording|message|nowhere|silence|deadair|error|a\b|an\b)\w+")
# A feature, or one kind of call, whose failure is "certain aspects ... negatively impacted".
FEATURES = _rx(r"\b" + _any(
    "voicemail", r"fax\w*", r"e ?fax", r"call ?park\w*", r"hunt ?groups?",
    r"ring ?groups?", "auto attendant", "ivr", "phone tree", "call tree", "menu", "greeting",
    r"call forward\w*", r"forward\w*", r"transfer\w*", r"conferenc\w*(?! (?:room|phone))",
    "bridge", "callerid", "long ?distance", "international", "intl", "overseas", "e?911",
    "emergency", "paging", "page", "overhead", "intercom", "music on hold", "hold music", "moh",
    r"call recordings?", r"park\w* (?:a |the |my |that )?calls?", r"speed ?dials?", "directory",
    "dial by name", "presence", "blf",
    "busy lamp", r"call queues?", r"queues?", "call pickup", "pickup", "do not disturb", "dnd",
    "call waiting", "three way calling", r"(?:three|3) way calls?", "call return",
    "find me follow me", "twinning",
    "mwi", "message waiting", r"wall ?boards?",
    r"(?:night|day|holiday|after ?hours|closed) (?:mode|service|schedule|message|greeting"
    r"|recording)",
    r"(?:number|name|callerid) (?:shows?|showing|displays?|comes up as|appears as) (?:a |an |the"
    r" |some )?(?:stranger|random|someone|somebody|other|different|another|wrong|unknown)\w*",
    r"mailbox(?:es)?",
    "extension dialing",
    r"(?:\d|three|four|five) digit(?: \w+)?",
    r"other (?:branch|office|site|location|store|clinic)(?:es|s)?", r"short ?dial\w*",
    r"(?:sees?|shows?|showing|displays?|displaying|appears? as) (?:\w+ ){0,3}?instead of",
    r"internal\w*", r"ext(?:ension)? to ext\w*",
    r"(?:dial|call|reach)\w* (?:other |internal )?extensions",
    r"(?:dial|call|reach|ring)\w* (?:the|one|that) (?:\w+ )?extension",  # "the spa extension"
    r"calls? from (?:the |our )?\w+ to (?:the|one|that) (?:[\w']+ )?extension(?!s)",  # internal
    r"(?:recording|announcement|prompt)s? (?:is |are )?still (?:playing|plays|says|saying)",
    r"speaker ?phone", "texting",
    SEEN_ON_CALLERID, "name display", "caller name", r"after ?hours calls?",
    r"on ?call (?:cell|phone|number)",
    r"(?:old|former|previous|last|wrong)(?: [\w']+){0,3} names? (?:still )?(?:shows?|showing"
    r"|displays?|displaying|appears?)",
    r"names? (?:still )?(?:shows?|showing|displays?|says|reads) (?:our |the |an? )?(?:old|former"
    r"|previous|wrong|outdated)", "sms", "call history", r"call logs?",
    r"cdrs?",
    r"(?:acd|call|queue|usage) (?:reports?|stats|statistics|data)", "display name", "company name",
    r"misrout\w*", r"(?:go|goes|going|went|sent|rout\w*|ring\w*|transferr?\w*|roll\w*|land\w*"
    r"|forward\w*|end\w* up|hit\w*) (?:up )?(?:to|at|in|on) (?:the )?wrong",
    r"(?:cell|mobile|certain|specific|some|particular) (?:phones?|numbers?)",
    r"(?:one|a) (?:specific |particular )?number (?:in|to|at)|one \w+'s number",
    r"(?:from|to) (?:one|a single|a particular|a specific|this|that|one specific)"
    r" (?:customer|client"
    r"|vendor|carrier|company|person|caller|supplier)",
    r"(?:night|after ?hours|overhead|outdoor|external|hallway|auxiliary|extra) (?:bell|ringer)s?",
    r"loud ?ringer", r"wake ?up calls?", r"call recorders?",
    MISROUTED,
    r"area codes?", "mexico",
    # callers on one carrier
    r"(?:customers?|callers?|people|anyone|clients?) (?:on|with|using|from) (?:t ?mobile|verizon"
    r"|sprint|cricket|att|metro ?pcs|us cellular|boost|comcast|spectrum|an? (?:\w+ )?(?:carrier"
    r"|cell|mobile))",
    r"(?:shows?|showing|shown|displays?|displaying|comes? (?:up|through)|show(?:s|ing)? up) as"
    r" (?:an? )?(?:unknown|private|anonymous|blank|restricted|wireless|spam|scam|fraud"
    r"|potential fraud|telemarketer|robocall)",
    r"(?:shows?|showing|displays?|displaying|presents?) (?:the |a |an )?(?:wrong|incorrect|old"
    r"|bad|weird|random)", "canada", "uk", "india", "philippines", "china", "germany", "europe",
    "puerto rico",
    r"on hold",
    r"(?:to|dial\w*|call\w*) (?!(?:the|our|my) (?:tollfree|8[0-8]{2}) (?:number|line))"
    r"(?:(?!our\b|my\b)\w+ ){0,2}(?:tollfree|8[0-8]{2}|9[0-9]{2})"
    r" ?(?:numbers?)?") + r"\b")
FEATURE_TROUBLE = _rx(r"\b" + _any(
    NEG, "no", r"fail\w*", "broken", "broke", "down", "dead", "wrong", "missing", "stuck",
    r"errors?", r"issues?", r"problems?", "busy", "stopped", "unavailable", "disabled", "lost",
    "bad", "incorrect", "blank", "unknown", "old", "only", "kaput", "acting up", "weird", "flaky",
    r"disconnect\w*", r"drop\w*", "garbled", r"glitch\w*", "quit", "blocked", "busted", "toast",
    "playing", "plays", "instead", "offline", "full", "nowhere", "nothing", "silence", "silent",
    "random", "generic", "strange", "odd", "invalid", "spam", "scam", "fraud", "empty",
    r"stranger'?s?", "different", r"another (?:company|business|person)'?s?",
    # "greetings reverted to the default", "the attendant plays twice", "last year's names"
    r"revert\w*", r"(?:reset|back|went back) to (?:the )?default", "twice", "two times",
    r"loop\w*", r"last (?:year|month|week|season)'?s",
    "outdated", "out of date", "stale", "obsolete",
    "out of sync", "supposed to", "late",
    r"tak\w* (?:an? |\d+ )?(?:hours?|while|forever|ages|days?)",
    r"(?:when|after) (?:they |we |i |you |callers )?(?:press|pick|choose|select)\w*",
    r"ring\w* (?:forever|out|endlessly|nonstop)",
    r"during (?:the day|business hours|the daytime|office hours|work hours)",
    r"sends? (?:\w+ )?(?:to|into) (?:the |a )?(?:general|generic|default|main|shared|company"
    r"|wrong)",
    "gone", r"disappear\w*", r"vanish\w*", "wiped", "erased", "jammed", "jam",
    MISROUTED,
    "dead end", "deadair", r"skip\w*", "reset", "loud", r"some(?:one|body) else'?s",
    HUNG, SEEN_ON_CALLERID,
    r"callerid (?:\w+ )?(?:shows?|showing|displays?|displaying|says|reads)") + r"\b")
WORKING = _rx(r"\b" + _any(
    "fine", "ok", "okay", "good",
    r"normal(?:ly)?(?! (?:work ?days?|business|days?|weekdays?|hours|schedule|shift|volume))",
    "unaffected", "not affected",
    r"no (?:call|phone|voice|service|user|customer) impact",
    r"no impact (?:to|on) (?:calls|phones|service|users|customers)",
    r"no (?:actual |real |other |further )?(?:phone |call |voice |line )?(?:issues?|problems?"
    r"|trouble|outages?|complaints?|gremlins|drama|hiccups?|glitch(?:es)?|blips?|fires"
    r"|headaches|incidents?|surprises)",
    r"works?",
    "working", "clear", "great", "perfect",
    r"(?:is|are|back|came|come|coming|still|all) up(?! as\b)",
    "alright", "all right", "functional", "going through", "go through", "goes through",
    r"(?:phones?|lines?|calls?|voice|dialtone) (?:are |is )?up",
    "connect fine", "connects fine",
    # an ability said without trouble: "every desk phone can (receive calls)"
    r"(?:every|all|each|other|others|rest|everyone)(?: \w+){0,3} (?:can|could) (?:still )?(?:make"
    r"|receive|dial|call|take|get|hear|place|answer|reach)",
    # a denial: "nothing is down", "calls are not failing", "not having any call problems"
    r"(?:nothing|nobody|none) (?:(?:is |are |was |seems )?(?:down|broken|dead|affected)"
    r"|(?:is |are |was |seems )out)",  # "nothing in, nothing out" is no denial
    r"not (?:failing|down|dead|broken|dropping|dropped|out|an outage|affected)",
    r"not (?:having|seeing|getting|experiencing|had|seen) (?:any |an? )?(?:\w+ )?(?:problems?"
    r"|issues?|trouble|outages?)") + r"\b")
TROUBLE = _rx(r"\b" + _any(
    NEG, "no", "nobody", "none", r"fail\w*", "dead", "down", "broken", r"issues?", r"problems?",
    r"errors?", r"drop\w*", "choppy", r"echo\w*", "static", LAG, r"delay\w*", "oneway",
    "busy", "missing", "wrong", "bad", "poor", "only", "stopped", "quit", "silent", "silence",
    "nothing", "quiet", "lost", r"los(?:e|es|ing)",
    "hum", r"garbl\w*", r"robot\w*") + r"\b")
CARRIERS = r"verizon|att|tmobile|t mobile|sprint|cricket|landline|cell|mobile"
OTHER_CALLS_WORK = _rx(r"\b(?:domestic|local|in ?state|other numbers?|most (?:calls|numbers)"
                       r"|external(?: calls?)?|outside calls?"
                       r"|other calls|other destinations|everything else"
                       r"|us (?:callers|calls|numbers)"
                       r"|(?:the )?rest of (?:our|the|my) calls"
                       r"|rest of the calls|long ?distance|international|tollfree"
                       r"|(?:call|dial|reach|ring) (?:anyone|anybody|anywhere) else"
                       r"|(?:" + CARRIERS + r")(?: (?:and|or|&) (?:" + CARRIERS + r"))?"
                       r" (?:cell |mobile )?(?:callers|customers|phones|users))\b")
INTERMITTENT = _rx(
    r"\b(?:intermittent\w*|sometimes|some calls|certain calls|a few calls|occasional\w*"
    r"|sporadic\w*|every (?:other|few|couple)(?! (?:extensions?|phones?|lines?|desks?|users?"
    r"|persons?|people|ones?|handsets?|stations?|offices?|rooms?|agents?|reps?|sets?|depts?"
    r"|departments?|teams?|floors?|groups?|wings?|units?|crews?|sites?|branch\w*|stores?)\b)"
    r"|random\w*|hit or miss|spotty"
    r"|half (?:of )?(?:the |our )?calls|\d+ ?percent|some of (?:the|our) calls"
    r"|not all (?:the |our )?calls|at times|here and there|(?:every|1|one) (?:in|out of) \d+"
    r"|redial\w*|retry|for a (?:few|couple) (?:of )?(?:seconds|secs|minutes|mins)|at a time"
    r"|briefly|momentar\w*|keeps? going (?:offline|down|out)|every so often|once in a while"
    r"|once (?:this|today|yesterday|earlier|last|or twice))\b"
    r"|\d+ ?%")
# Said of everyone but who reports the trouble: "all other phones working", "the rest of us ok"
OTHERS_FINE = _rx(r"\b(?:everyone else|everyone (?:around|near|next to|beside) me|everything else"
                  r"|all (?:the )?other \w+|every other \w+|the rest(?: of (?:us"
                  r"|them|the \w+))?|the others|(?:nobody|none) else"
                  r"|(?<!reach )(?<!call )(?<!dial )(?<!ring )other (?:phones|users|people"
                  r"|rooms|extensions|desks|lines|headsets|handsets|cordless(?:es)?)"
                  r"|every (?:\w+ )?(?:phone|desk|extension|line"
                  r"|user|handset))\b")
NEGATED = _rx(r"\b(?:no|not|without|never|dont|zero)\b(?: \w+){0,2} ?$")
