"""Spelling a hurried report one way: rewrites (typos, contractions, shorthands), the
vocabulary that typo correction aims at, `normalise` which applies them, and the words that
name a person or a place."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


REWRITES = tuple((_rx(pattern), to) for pattern, to in (
    (r"\bsip ?/ ?2\.0\b", "sip"),
    (r"[\u2018\u2019`\u00b4]", "'"), (r"[\u2010-\u2015\u2212]", "-"), (r"\b(?:i\.e|e\.g)\.", " "),
    # a message quoted is one saying: "'We're sorry, your call did not go through'"
    (r"(?<!\w)'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){2,120}?(?<=[\w.!?])'(?!\w)|\"[^\"\n]{2,120}\"",
     lambda m: re.sub(r"[,.;:!?]", " ", m[0])),
    (r"(?<!\w)'|'(?!\w)", " "),  # quotes around a message, not apostrophes
    (r"~ ?(?=\d)", ""), (r"\b(?:o/b|outbnd)\b", "outbound"), (r"\b(?:i/b|inbnd)\b", "inbound"),
    (r"\b(dr|mr|mrs|ms)\. ", r"\1 "), (r"\bprof(?:essor|\.)? (?=[a-z])", "dr "),
    (r"\bis it (?:just|only) me,? or\b", " "),  # a hedge, not who is affected
    (r"\bw/o\b", " without "), (r"\bw/", " with "), (r"(?<=\w)-(?=\w)", " "),
    (r"\bat ?& ?t\b", "att"), (r"\boff[ -]?site\b", "offsite"),
    # words that only look like a state of the phones: working from home, a busy day, a number
    # seen to come up, the phone closet (a place), halfway down the pier (a direction)
    (r"\b(?:working|work|works) (?:from|at) home\b|\bworking remotely\b", "wfh"),
    (r"\b((?:channel|thread|chat|slack|day|morning|week|we|i|they|everyone|staff|store|shop"
     r"|lobby|office)(?: is| are| am| was| were| s| m| has been| have been| been)?"
     r" (?:(?:very|really|super|so|pretty|crazy|extra) )?)busy\b(?! (?:signal|tone|here)\b)"
     r"|\bbusy(?= (?:day|morning|afternoon|week|season|time)\b)", r"\1swamped"),
    (r"\b(sees?|seeing|saw)((?: [\w']+){0,3} (?:\d[\d -]*\d|numbers?|names?)) (?:come|comes|coming"
     r"|came|pop|pops|popping|popped|show|shows|showing|showed) up\b", r"\1\2 appear"),
    (r"\bphone (?=(?:closet|cabinet|rack|bill|vendor|provider|company|contract)s?\b)", "telco "),
    (r"\b(?:halfway|all the way|way|walk\w*|further|farther|up and) down (?=the \w+)", " along "),
    (r"\bdown (?=(?:that|this|your|our) way\b|the (?:road|street|hall(?:way)?|highway|block"
     r"|interstate|coast|valley)\b|i \d+\b)", " along "),  # "down that way", "down I-35"
    (r"\bfax (?:tone|screech\w*|noise|sound|squeal\w*)s?\b", "error tone"),  # heard, not a fax
    # "can't take calls or transfer them": the calls fail; the transfers are a feature beside
    (r"\b(calls?) (or|and|nor) (transfer|forward|park|conference)", r"\1, \2 \3"),
    # "callers get the mailbox-full message instead of ringing any of our phones"
    (r",? instead of (?:ever )?ringing (?:any of )?(?:our|the|my) (?:phones|desks|lines"
     r"|extensions)\b", ". our phones never ring"),
    (r"(?<=\d)\+", " "),  # "10+ seconds", "20+ users": a count, not two things
    (r"\s*[/&+]\s*", " and "),
    (r"\b(?:sip ?/?2\.0 |sip )?(40\d|48\d|50\d) (?:service unavailable|not found|forbidden"
     r"|unauthori[sz]ed|request timeout|server internal error|temporarily unavailable|busy here)\b",
     r"sip \1"),  # a SIP reason phrase is not a site's service being unavailable
    (r"\b(\w+(?:one|body))'s\b", r"\1"), (r"\b(every|no|any|some)(one|body)s\b", r"\1\2"),
    (r"\b(it|that|there|what|who|\w+thing|inbound|outbound|incoming|outgoing|dialtone|service"
     r"|internet|network|voicemail|audio)'s\b", r"\1 is"),
    (r"\b(?:stopped|quit|ceased) (?=receiv|getting|taking|ringing|making|dialing|accepting"
     r"|answering|placing|connecting|registering)", "not "),
    (r"\b(?:lost|lose|losing) (?:the |their |our |my )?ability to\b", " cant "),
    (r"'re\b", " are"), (r"\bi'm\b", "i am"), (r"'ve\b", " have"), (r"'ll\b", " will"),
    (r"\bext's\b", "exts"),
    (r"\b(?:one|1|uni|single)\s*(?:way|sided|direction(?:al)?)\b", " oneway "),
    (r"\b(?:no|zero) (?:outgoing|incoming|inbound|outbound) (?:audio|voice|sound)\b"
     r"|\b(?:mics?|microphones?)\b(?: \w+){0,2} (?:dead|not working|broken|muted|out)\b",
     " oneway audio "),
    (r"\bdial\s*to(?:ne|me|en|nw)s?\b", "dialtone"),
    # field style "Down: the fax. Up: everything else." names what is down after the label
    (r"\b(down|up|working|not working|broken|out|dead)\s*:\s*([^.;\n|]+)", r"\2 \1"),
    (r"\b(?:phone|voice) ?wise\b", "on the phones"),
    (r"\b(?:re)?boot(?:s|ed|ing)? (?:up )?(?:repeatedly|over and over|constantly|nonstop"
     r"|in a loop|continuously|endlessly)|\bstuck (?:re)?booting\b"
     r"|\b(?:frozen|froze|stuck|hung|hanging|sitting) (?:on|at) (?:the |a )?(?:boot|start ?up"
     r"|loading|splash|welcome|polycom|yealink|poly)(?: up)?(?: screen| logo| page)?\b",
     "boot loop"),
    (r"\bwring", "ring"),
    (r"\bzero (?=(?:phone |voice )?(?:dialtone|calls?|audio|service|inbound|outbound|sound|voice"
     r"|incoming|outgoing|phones?|handsets?|lines?)\b)", "no "),
    # an answered call that gives a dial tone never arrived
    (r"\b(?:pick(?:s|ed)? up|answer(?:s|ed)?)(?: (?:it|the phone|the call))?,? (?:there is |it is "
     r"|we get |we hear |i get |i hear |just |all we hear is |only |get |hear )?(?:a )?dialtone\b",
     " answerdialtone "),
    (r"\b(?:pick(?:s|ed)? (?:it |the phone |the call )?up|answer(?:s|ed)? (?:it|the phone|the call)"
     r"|answer(?:s|ed)?),? (?:it is|its|it s|the line is|the call is) (?:just )?dead\b",
     " answerdialtone "),  # a line dead on answering: the call never arrived ("silent": no audio)
    (r"\b(?:the moment|as soon as|soon as|when|whenever|once) (?:we|i|they|you|anyone|someone)"
     r" (?:pick(?:s|ed)? up|answer(?:s|ed)?)(?: (?:it|the phone|the call))?,? (?:the call |it "
     r"|the line )?(?:disconnects|drops|hangs up|cuts off|goes dead|dies|ends)\b",
     " answerdialtone "),  # "the moment we pick up the call disconnects": it never arrived
    # voice-to-text writes "no" as "know" or "now" before what is missing
    (r"\b(?:know|now) (?=(?:dialtone|service|audio|sound|calls?|inbound|outbound|incoming"
     r"|outgoing|phones?|ring\w*)\b)", "no "),
    (r"\b(?:caller\s*i\.?d|cid|cnam|caller name)\b", "callerid"),
    (r"\b(?:voice\s*mails?|vm|vmail|v m)\b", "voicemail"), (r"\baa\b", "auto attendant"),
    (r"\b(?:(?:go|goes|going|went|roll\w*|sent|forward\w*) )?(?:straight|directly|right) to"
     r" (?:his |her |my |their |our |the )?voicemail\b|\b(?:go|goes|going|went|roll\w*) to"
     r" voicemail\b", " straighttovm "),
    (r"\b(?:\d+|a few|few|a couple(?: of)?|couple(?: of)?) ?(?:sec\w*|s) of (?:dead |total |pure )?"
     r"(?:dead air|silence|nothing)\b|\b(?:dead air|silence) (?:at|in) the (?:start|beginning)\b",
     "delay"),
    (r"\b(?:silence|nothing|dead air) (?:for )?(?:~|about |around |like )?(?:\d+|a few|several) ?"
     r"(?:sec\w*|s) before\b", " delay before "),
    (r"\b(?:dead )?(?:quiet|silence|nothing|dead air) for (?:~|about |around |like |maybe )?(?:\d+"
     r"|a few|several|five|ten|fifteen|twenty) ?(?:sec\w*|s)\b(?=[^.;]*\bthen (?:it )?rings?\b)",
     " delay "),  # "we sit in dead quiet for ten seconds whenever we dial, then it rings"
    # "every call in drops the moment someone picks it up": it never arrived
    (r"\b(?:drops?|disconnects?|dies|hangs up|cuts? off) (?:the moment|as soon as|when|once)"
     r" (?:we|i|they|you|anyone|someone|somebody) (?:picks?|picked) (?:it |the call |the phone )?"
     r"up\b",
     " answerdialtone "),
    (r"\bdead air\b", "deadair"),
    # lifting the handset to nothing is no dial tone: said with the dial tone or the handset
    (r"\b(?:pick(?:s|ed|ing)? up|lift(?:s|ed|ing)?)(?: the (?:handset|phone|receiver))?,?(?: and)?"
     r"(?: (?:we|they|i|you))?(?: just)? (?:get|gets|got|hear|hears|heard|to) (?:total |dead )?"
     r"(?:nothing|silence|deadair)\b|\b(?:get|gets|got|hear|hears|heard) (?:total |dead )?"
     r"(?:nothing|silence|deadair) when (?:we|they|i|you|he|she) (?:pick|lift)s? up"
     r"(?: the (?:handset|phone|receiver))?\b",
     lambda m: " have no dialtone " if _lifted_to_nothing(m) else m[0]),
    # "callers hear us say hello and then nothing": our voice stops reaching them
    (r"\bhears? (us|me|him|her|them) (?:say )?(?:hello|hi)(?:,| and| then)* (?:nothing"
     r"|silence)\b", r"hear nothing from \1 after hello"),
    (r"\b(?:please )?hang up and try (?:your call )?again\b", " intercept recording "),
    # "we get a lady saying the call cannot go through": a recorded voice, not a person
    (r"\b(?:a|some|this) (?:lady|woman|man|guy|girl|voice|robot|robotic voice)(?: \w+)?"
     r" (?=saying|says|telling|that says|who says)", " a recording "),
    # "the person on the other end is inaudible", "to them we're mute": one side hears nothing
    (r"\b(?:the )?(person|caller|party|customer|callers|customers)(?: on the (?:other|far) end)?"
     r" (?:is|are) (?:inaudible|muted|silent)\b", "cant hear the far end"),
    (r"\b(?:we are|we re|we're|i am|i'm|everyone is|(?:they|callers) say we(?: are|'re)?)"
     r" (?:on )?mute[ds]?\b", " they cant hear us "),
    (r"\blines? (?:are |is |got |get )?crossed\b|\bcrossed lines?\b|\bhear (?:some(?:one|body)"
     r" else'?s|other people'?s) (?:calls?|conversations?)\b", " crosstalk "),
    (r"\b(?:chopped|clipped) off\b", "cut off"),
    # "a delayed repeat of your own voice" is an echo, not a delay
    (r"\b(?:(?:faint|slight|delayed|quiet|loud|bad|annoying) )*(?:echo|repeat|playback|replay)"
     r" of (?:your|my|our|their|his|her|the|one's) (?:own )?voices?\b|\bdelayed echo\b", " echo "),
    (r"\bvoicemail (?:is |keeps? )?(?:picking up|picks up|answering|answers|grabbing|grabs|taking"
     r"|takes) (?:every |all |the |our )*(?:inbound |incoming )?calls?\b", " straighttovm "),
    (r"\bring(?:ing)? in\b(?! (?:the|our|my|his|her|their|a|an)\b)", "calling in"),
    # a carrier's recording: "the subscriber you have called is unavailable"
    (r"\bthe (?:subscriber|party|person|customer|number|mobile customer|wireless customer) you"
     r" (?:have )?(?:called|dialed|dialled|reached|are (?:calling|trying to reach))(?: \w+){0,3}?"
     r" (?:is |are |has been |have been |was )?(?:unavailable|not available|not reachable"
     r"|unreachable|not in service|no longer in service|disconnected|changed"
     r"|(?:cannot|can not|can'?t|could not|couldn'?t) be completed(?: as dialed)?)\b",
     " notinservice "),
    (r"\b(?:number|line)s? (?:is |are )?(?:disconnected|not in service|no longer in service)\b"
     r"|\b(?:number|dialed|dialled|called|reached)(?: \w+){0,3}? (?:is |are )?(?:not|no longer)"
     r" (?:in service|available|reachable)\b|\bnot in service (?=message|recording|announcement)",
     " notinservice "),
    # audio that starts late is a delay, not one-way audio
    (r"\b(?:can'?t hear|cannot hear|no audio|one way audio|silence|dead ?air)(?: \w+){0,3}?"
     r" (?:for|during|in) the first (?:\d+|few|couple(?: of)?) (?:sec\w*|s)\b", " delay "),
    (r"\b(?:rings?|ringing) (?:once|one time|twice|a (?:couple|few) times?),?(?: and)?,?"
     r"(?: then)? (?:drop(?:s|ping)?|disconnect(?:s|ing)?|dies|dying|goes dead|hangs? up"
     r"|hanging up|stop(?:s|ping)?|cuts? off|cutting off|ends?|ending|(?:a |to )?dialtone"
     r"|(?:to |goes )?silen\w*)\b", " ringdrop "),
    (r"\b(?:hears?|hearing|gets?|getting) (?:one|a single|a) ring,? (?:and )?(?:then )?(?:the"
     r" (?:line|call) )?(?:goes dead|drops|disconnects|hangs up|dies|cuts off|goes silent)\b",
     " ringdrop "),
    # "local or long distance calls": every kind of outside call, not one kind
    (r"\b(?:local|domestic)(?: calls)? (?:or|and|nor|&|\+|/) (?:long ?distance|international)\b"
     r"|\b(?:long ?distance|international)(?: calls)? (?:or|and|nor|&|\+|/) (?:local|domestic)\b",
     " "),
    (r"\bno voice(?:,| or| and| &| \+)? (?:no )?(?:data|internet)\b", " no service "),
    (r"\bstatic ips?\b", "staticip"),
    (r"\b(?:packet (?:loss|drops?)|dropp\w* packets)\b", "packetloss"),
    (r"\b(?:drop\w* words|words (?:missing|dropping|cut out))\b", "garbled"),
    (r"\b(?:total |complete |full )?loss of (?:all )?\b", " lost "),
    (r"\b(?:lack|absence) of\b", " no "),
    (r"\bwithout (?:any )?(?=(?:phone |voice )?(?:service|phones|dialtone|lines?)\b)", " no "),
    (r"\b(?:not (?:a single|one single|one|a)|no|zero) (?:working|functioning|live)"
     r" (phones?|handsets?|lines?)\b", r" no \1"),
    (r"\b(?:hasnt|hasn't|haven't|havent|has not|have not) (?:had|gotten|received|seen)"
     r" (?:a |an |any |one )?(?:single )?(?:inbound |incoming )?calls?\b", " no incoming calls "),
    (r"\b(?:have|has|had|with|there is|there's|theres) no way to\b|\b(?:it is |it's |its )?"
     r"impossible to\b", " cant "),
    # "can only call internal extensions": no call to or from outside
    (r"\b(?:can|could) only (?:call|dial|reach|talk to) (?:each other|one another|(?:internal"
     r" |other |our own )?extensions|internal(?:ly)?|in ?house)\b",
     " cant make or receive outside calls "),
    (r"\b(?:unreachable|not reachable|cant be reached) (?:by|via|over) (?:the )?(?:phones?"
     r"|telephone)\b", " cant be reached "),
    # "not one phone can call", "not a single agent gets calls": none of them
    (r"\bnot (?:a single|one single|one|a) (?:person|soul|human|user|employee)\b", "nobody"),
    (r"\bnot (?:a single|one single|one|a) (?=(?:\w+ )?(?:phones?|handsets?|lines?|extensions?"
     r"|desks?|persons?|users?|agents?|reps?|employees?|staff)\b(?! (?:outage|issue|problem"
     r"|system|service)s?\b))", "none of the "),
    (r"\bnot (?:a single|one single|one) (?=(?:\w+ )?calls?\b)", "no "),
    (r"\bup and down\b", "flapping"), (r"\bover and over\b", "repeatedly"),
    (r"\brings? and rings?\b", "rings forever"),
    (r"\b(?:on and off|off and on|(?:every )?now and then|from time to time)\b", "intermittently"),
    (r"\b(?:cutting|cuts|cut|going|goes|breaking|breaks|fading|fades|coming|comes) in and out\b"
     r"|\b(?:breaking up|broken up|breaks up)\b", "choppy"),
    (r"\b(?:haven'?t|hasn'?t|have not|has not|havent|hasnt) been able to\b", " cant "),
    (r"\b(?:can ?not|can'?t|can;t|cnat|can t|unable(?: to)?|not able to|no longer able to"
     r"|couldn'?t|could not|fail(?:s|ed|ing)? to|incapable of|(?:an |the )?inability to"
     r"|(?:isn'?t|aren'?t|is not|are not|wasn'?t|weren'?t) able to)\b", " cant "),
    (r"\b(?:won'?t|will not|wouldn'?t|would not)\b", " wont "),
    (r"\b(?:why|how come)\s+(cant|wont)\s+((?:\w+\s+){1,5}?)(?=(?:dial|make|call|receive|get|hear"
     r"|place|take|reach|answer)\b)", r"\2\1 "),  # "why can't anyone at Reno dial out"
    (r"\b(?:don'?t|do not|doesn'?t|does not|didn'?t|did not|dont|doesnt|didnt)\b", " dont "),
    (r"\b(?:isn'?t|is not|aren'?t|are not|ain'?t|wasn'?t|was not|weren'?t|were not|haven'?t"
     r"|hasn'?t|have not|has not|no longer|isnt|arent|wasnt|werent|havent|hasnt)\b", " not "),
    (r"\bppl\b", "people"), (r"\br\b", "are"), (r"\brn\b", "right now"), (r"\bsvc\b", "service"),
    (r"\bext\.?\s*#?(?=\d)", "ext "), (r"\bx(\d{3,6})\b", r"ext \1"),
    (r"\b(?:no ?one|no body|no1)\b", "nobody"),
    (r"\b(can|could) nobody((?: \w+){0,4}?) (?=dial|call|make|receive|get|hear|reach|place|take"
     r"|answer)", r"nobody\2 \1 "),
    (r"\bevery (?:single )?one of\b", "all of"),
    # "nobody here has had a call since 9": no call has come in
    (r"\b(nobody(?: \w+){0,3}?) (?:has|have) (?:had|gotten|got|received|taken)"
     r" (?:a |an |any |one )?(?:single )?(?:inbound |incoming )?calls?\b", r"\1 no incoming calls"),
    (r"\bneither of (?=(?:us|them|those|these|the \w+|our \w+) (?:can|could|will|is|are|has"
     r"|have|do|does|gets?|hears?)\b)", "none of "),
    # "at first I thought it was just me": it is not just me
    (r"\b(?:at first |initially )?i (?:thought|assumed|figured|guessed)(?: that)? (?:it was|it is"
     r"|it s|this was) (?:just|only) (?:me|mine|my \w+)\b", " not just me "),
    (r"\b(?:every ?one|every1|everybody)\b", "everyone"),
    (r"\b(?:anybody|ne1)\b", "anyone"), (r"\btoll free\b", "tollfree"), (r"\s+", " "),
))
# Short words the patterns lean on: a four-letter word typed with two letters swapped is read
# as one of these ("dail" is "dial"), since close matching is too loose for words this short.
SHORT_WORDS = frozenset("dial down dead call busy ring line hear fail echo the out cant dont wont"
                        " calls rings lines dials".split())
SHORTHANDS = {"ded": "dead", "dile": "dial", "evry": "every", "sez": "says", "phn": "phone",
              "phns": "phones", "thru": "through", "rcv": "receive", "recv": "receive",
              "dwn": "down", "flr": "floor", "bldg": "building",
              "ofc": "office",
               "loc": "location", "locs": "locations", "xt": "ext",
               "cust": "customer", "mgr": "manager", "n": "and", "b4": "before"}
# Words the patterns lean on: a hurried misspelling of one ("recieve", "outbund", "evryone") is
# read as the word. Only tokens of five letters or more, only to a word with the same first
# letter, and never a word the patterns already know (or its plural or past tense).
VOCABULARY = frozenset("""
receive receiving received dialing dialled dialtone outbound inbound incoming outgoing everyone
nobody audio voicemail choppy static robotic garbled latency delayed dropping dropped disconnect
disconnected disconnecting disconnects extension extensions office building branch location
phones phone calls callers circuit router internet transfer forwarding conference hearing
cannot unable working outage service registered unregistered reception receptionist agents users
people whole entire several multiple couple echoing crackling muffled distorted lagging signal
ringing answer connect connecting through failing failed international distance customer
customers calling coming anyone someone nothing affected offline department warehouse busy
clinic hospital""".split())
# Everyday words close to a vocabulary word ("though" to "through", "whose" to "whole"): never
# "corrected".
COMMON_WORDS = frozenset("""
though although thought those these there their where whose while other would could should
storm route routed ongoing affects affect effect thanks think thing things still since about
after again already always being below between bring brought check clear close doing early
every first front going great happen having hours later least maybe might never often order
people please quick right seems should since small sound start stuck their today under until
using would wrote years cutover cutovers firmware migration reminder onsite drill
""".split())
# Common first names: a report that names one person ("kathy can't hear callers", "for Tim
# only") speaks of that person. Names that are also words (will, mark, bill, joy) are left out.
FIRST_NAMES = frozenset("""
aaron adam alan alex alice alicia amanda amber amy andrea andrew angela anna anthony ashley
barbara ben beth betty bob bobby brad brandon brenda brian brittany carl carla carlos carol
caroline carrie cathy charles cheryl chris christina christine cindy claire craig crystal cynthia
dan dana daniel danielle dave david debbie deborah denise dennis derek diana diane donna doug
ed eddie elena elizabeth emily emma eric erica erin frank gary george greg hannah heather helen
ian jack jackie jake james jamie jane janet jason jeff jen jenna jennifer jenny jeremy jerry
jessica jim jimmy joe joel john jon jonathan jose joseph josh julie justin karen kate katie
kathy kelly ken kevin kim kyle laura lauren linda lisa luis maria marie marissa martha matt
megan melissa michael michelle mike nancy nathan nicole omar pam patrick paul peter priya
rachel raj ray rebecca richard rick robert ron ryan sam samantha sandra sara sarah scott sean
sharon shawn stephanie steve steven susan tammy teresa tiffany tim tina todd tom tony tracy
travis tyler vanessa victor vicky wendy zach nina terry dee gina rosa ana joe jill kris
liz luke marco mia nate noah olivia pedro rita rob sue tara ted tess tina val wes
""".split())
# Capitalised words that are not a person's or a place's name.
NOT_NAMES = {"I", "The", "AT", "All", "Our", "We", "My", "Voip", "Slack", "Polycom", "Yealink",
             "Urgent", "Help", "Update", "Fyi", "Hi", "Hey", "Issue", "Problem", "Outage",
             "Ticket", "Note", "Status", "Sev", "Priority", "Re", "Aots", "Incident", "Alert",
             "Important", "Please", "Question", "Quick", "Reminder", "Heads", "Team"}
NAME_PAIR = _rx(r"\b([A-Z][a-z]+)(?:, [A-Z][a-z]+)*,? (?:and|&) ([A-Z][a-z]+)\b")
PLACE_NAME = _rx(r"\b(?:at|in|from) (?:the )?([A-Z][a-z]{2,}|(?:[Ss]t|[Ss]aint|[Ff]t|[Ff]ort"
                r"|[Mm]t|[Ss]an|[Ss]anta|[Ll]os|[Ll]as)\.? [a-z]{3,})\b")  # "at st louis"
HEADLINE_PLACE = _rx(r"^\W*([A-Z][a-z]{2,}(?: [A-Z][a-z]+)?) ?(?::|-|\u2013)")


# A capitalised word that does not start a sentence: a name ("Dripping Springs"), not a typo
_NAME = _rx(r"(?<![.!?:\n-]\s)(?<![.!?:\n-])(?<!^)(?<=\s)[A-Z][a-z]{4,}\b")
# ... and so is one that heads a report: "Dalton: hold music cuts out", "Dalton's phones"
_HEADLINE_NAME = _rx(r"(?:^|\n)\W*([A-Z][a-z]{4,})(?=(?:'s)?(?: [A-Z][\w.]*)*\s*(?::|-|\u2013"
                     r"|\u2014|,|'s\b))")


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    from bot.severity_scope_words import CUES
    from bot.severity_symptom_words import DEAD, FINDS, THING_BROKEN
    from bot.severity_words import (
        FEATURE_TROUBLE,
        FEATURES,
        INTERMITTENT,
        OTHER_CALLS_WORK,
        TROUBLE,
        WORKING,
    )

    sources = [f.pattern.pattern for f in FINDS] + [c.pattern.pattern for c in CUES] + [
        p.pattern for p in (DEAD, FEATURES, FEATURE_TROUBLE, WORKING, TROUBLE, INTERMITTENT,
                            OTHER_CALLS_WORK, THING_BROKEN)]
    return frozenset(re.findall(r"[a-z]{4,}", " ".join(sources))) | VOCABULARY


@lru_cache(maxsize=4096)
def _spelled(word: str) -> str:
    known = _known_words()
    endings = ("s", "es", "ed", "d", "ing", "er", "ers")
    if word in known or word in COMMON_WORDS or any(
            word + e in known or (word.endswith(e) and word[:-len(e)] in known) for e in endings):
        return word
    close = difflib.get_close_matches(word, [v for v in VOCABULARY if v[0] == word[0]], 1, 0.8)
    if close and word.endswith("s") and not close[0].endswith("s"):
        return close[0] + "s"  # a plural stays plural: "recepcionistas" are receptionists
    return close[0] if close else word


def _swapped(word: str) -> str:
    """A short word typed with two letters swapped ("dail", "dwon", "teh") or with no vowel
    ("bsy"), spelled right."""
    if word in SHORT_WORDS:
        return word
    swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1))
    found = next((w for w in swaps if w in SHORT_WORDS), None)
    if found or re.search(r"[aeiou]", word):
        return found or word
    # a word typed without its vowel ("bsy", "rng", "dwn") is the short word with one
    added = (word[:i] + v + word[i:] for i in range(1, len(word) + 1) for v in "aeiou")
    return next((w for w in added if w in SHORT_WORDS), word)


# A town named with its state ("Echo UT", "Salem NH") is one name, never symptom words; codes
# that are also everyday words (OK, IN, OR, HI, OH) are left out
_TOWN_STATE = _rx(r"\b((?:[A-Z][a-z]+ )+)(?:A[LKZR]|C[AOT]|DE|FL|GA|I[DLA]|K[SY]|LA|M[EDAINSOT]"
                  r"|N[EVHJMYCD]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|DC)\b")


def _lifted_to_nothing(match: re.Match[str]) -> bool:
    """Whether picking up to nothing is a phone with no dial tone: said beside "no dial tone",
    or of the handset in a report of no call ringing ("it rings, we pick up the handset and
    hear nothing", "agents hear nothing when they pick up" are calls answered to silence)."""
    text = match.string
    if re.search(r"\bdialtone|\bno tone\b", text):
        return True
    return bool(re.search(r"\b(?:handset|receiver)\b", match[0])) and not re.search(
        r"\b(?:ring\w*|rang|call\w*|answer\w*|customers?)\b", text)


def normalise(text: str) -> str:
    """Lower-case a report and spell its typos, contractions, synonyms and shorthands one way."""
    text = _TOWN_STATE.sub("placename", text)
    text = re.sub(r"\b[Ii]-(\d{1,3})\b", r"interstate \1", text)  # "I-10" is a road, not "I"
    names = {m.start() for m in _NAME.finditer(text)} | {
        m.start(1) for m in _HEADLINE_NAME.finditer(text)}
    text = re.sub(r"\b(cant|can'?t|cannot|cnat|dont|don'?t|to|can) here\b", r"\1 hear",
                  text.lower())
    text = re.sub(r"[a-z]{5,}", lambda m: m[0] if m.start() in names else _spelled(m[0]), text)
    text = re.sub(r"\b[a-z]{3,4}\b", lambda m: _swapped(m[0]), text)
    text = re.sub(r"\b(?:" + "|".join(SHORTHANDS) + r")\b", lambda m: SHORTHANDS[m[0]], text)
    for pattern, to in REWRITES:
        text = pattern.sub(to, text)
    from bot.severity_idioms import read_idioms  # built on the words this module spells

    return read_idioms(text).strip()

