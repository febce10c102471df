"""How people phrase each symptom: the patterns of every symptom family, and the words that
decide what "X is down" means. Data for bot/severity_symptoms."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.severity import Symptom
from bot.severity_words import (
    CALLERS,
    DOWN,
    FAILED,
    IN,
    INFRA,
    LAG,
    NEG,
    OUT,
    OUTAGE,
    _any,
    _rx,
)


@dataclass(frozen=True)
class Find:
    """One pattern of a symptom family."""

    symptoms: tuple[Symptom, ...]
    pattern: re.Pattern[str]
    calls: bool = False  # a call failure: partial when it names a feature or happens sometimes
    needs_trouble: bool = False  # counts only in a clause that says something failed
    callers_mean_inbound: bool = False  # "callers get a fast busy" is about calls coming in
    inbound_said_means_inbound: bool = False  # "inbound calls not reaching us", "... fail"
    despite_feature: bool = False  # people get no calls: not one feature, whatever routes them


def _find(*symptoms: Symptom, **flags: bool) -> Callable[[str], Find]:
    calls = bool({OUT, IN} & set(symptoms))
    return lambda pattern: Find(symptoms, _rx(pattern), calls, **flags)


_out, _in, _both = _find(OUT), _find(IN), _find(OUT, IN)
FINDS: tuple[Find, ...] = (
    _both(rf"\b{NEG} (?:\w+ ){{0,2}}?(?:receive|take|get|accept|answer)\w*(?: calls| inbound)?"
          r" (?:or|and|nor) (?:make|place|send|dial)\w*"),
    _both(rf"\b{NEG} (?:\w+ ){{0,2}}?(?:make|place|send|dial|call)\w*(?: out| outbound| calls)?"
          r" (?:or|and|nor) (?:receive|take|get|accept|answer|be called|be reached)\w*"),
    _find(OUT, IN, needs_trouble=True)(
        r"\b(?:in (?:or|and|nor) out|out (?:or|and|nor) in|both ways|both directions|either way"
        r"|(?<!audio )(?<!sound )(?<!voice )(?:in )?either direction"
        r"|inbound (?:or|and|nor) outbound|outbound (?:or|and|nor) inbound"
        r"|incoming (?:or|and|nor) outgoing|outgoing (?:or|and|nor) incoming)\b"),
    _both(r"\bno (?!in|out|incoming|outgoing|inbound|outbound)(?:\w+ )?(?:calls|calling)"
          r" (?:in (?:or|and) out|at all|whatsoever)\b"
          r"|\bno (?:phone )?calls? (?:possible|can be made|going through|working)\b"),
    _both(rf"\b{NEG} (?:\w+ ){{0,2}}?(?:use|using) (?:the |their |his |her |my |our |any )?"
          r"(?:phones?|them\b)"),
    _both(r"\bcalls? (?:are |is )?(?:\w+ )?(?:not working|dont work\w*|dead|kaput)\b"
          rf"|\b(?:phones?|handsets?|devices?|softphones?) (?:\w+ ){{0,4}}?{NEG}"
          r" (?:connect|register)"),
    _in(r"\blost (?:all |our |the )?(?:inbound|incoming)\b"
        rf"|\b{NEG} (?:see|get|notice) (?:it|them|the calls?|any(?: calls?)?|anything)"
        r" (?:come|coming|ring\w*|arrive\w*)(?: in| through)?\b"
        rf"|\b(?:we|i|they|agents|staff|reps) {NEG} (?:even )?(?:see|notice)"
        r" (?:the |any |those |their )(?:\w+ )?calls?\b"),  # "... a click, we never see the calls"
    # "... can't take 911 calls or any other inbound": every inbound call, not one kind
    _find(IN, despite_feature=True)(
        rf"\b{NEG} (?:\w+ ){{0,8}}?(?:or|nor|and|let alone) (?:any other|direct|regular|normal"
        r"|outside|external|customer|ordinary|any) (?:inbound |incoming )?(?:calls?|inbound)\b"),
    _out(r"\bnothing (?:\w+ ){0,2}?(?:is |can |will )?(?:goes|going|gets|getting|get|go|went)"
         r" (?:through|out"
         r"|(?:to|into) the (?:outside|external))\b"
         r"|\bnothing (?:is )?connect\w*"
         r"|\blost (?:all |our |the )?(?:outbound|outgoing|dialtone|dial out)\b"
         r"|\bno (?:\w+ )?calls? (?:are )?(?:going|getting|go|get) out\b"
         r"|\bno (?:\w+ )?calls? (?:are )?(?:going|go) through\b"),
    _find(OUT, inbound_said_means_inbound=True)(
         rf"\b{NEG} (?!just\b|only\b)(?:(?!gets?\b|getting\b|receiv|tak|answer|hear)\w+ ){{0,3}}?"
         r"(?:make|making"
         r"|place|placing|dial|dialing|dialling|call|calling|reach|reaching"
         r"|(?<!a )(?<!the )(?<!my )(?<!our )(?<!any )(?<!by )(?<!via )phone)\b"
         r"(?! (?:in|into|us|our|me|back)\b)"),
    _find(OUT, callers_mean_inbound=True)(
        rf"\b{NEG} (?:\w+ )?(?:get|getting) (?:a |an |any )?(?:dialtone|outside line|line out"
         r"|out|through)\b(?! to (?:us|our|me)\b)"),
    _out(r"\b(?:outbound|outgoing|(?:outside|external) calls?(?! coming in| from)|dial ?outs?"
         r"|dialing out"
         r"|calling out|calls out|out calls)\b(?: \w+){0,7}? " + FAILED + r"\b"),
    _find(OUT, callers_mean_inbound=True)(
        r"\b(?:(?:sip )?(?:40\d|48\d|50\d)s?|fast busy|reorder|failures?|errors?|recording"
        r"|unavailable|not available"
        r"|announcement|intercept|invalid number) (?:\w+ ){0,6}?"
         r"(?:on|for|with|when|whenever|if|no matter (?:what|who|which|where|how))"
         r" (?:(?!inbound|incoming)\w+ ){0,3}?(?:outbound|outgoing"
         r"|dial\w*|calls? out|calling out|calls?|calling)\b"),
    _in(rf"\bnobody {NEG} (?:\w+ )?(?:reach|get through to|get ahold of|call|contact) (?:us|our"
        r"|me)\b|\bno rings?\b|\b(?:no|not (?:a|one|a single)) (?:\w+ )?" + CALLERS
        + r" (?:\w+ )?(?:gets?|got|getting|comes?|came|coming|is getting) (?:through|in)\b"),
    _in(r"\b(?:send\w*|sent|rout\w*|direct\w*|dump\w*) (?:all |the |our |incoming |inbound )*calls?"
        r" (?:straight |directly |right )?to (?:a |an |the )?(?:\w+ ){0,4}?(?:recording|message"
        r"|error|busy|fast busy|announcement|deadair|nowhere|notinservice)\b"
        r"|\bnothing (?:is |has )?(?:ring\w*|rang|rung)\b(?! (?:on|at) the (?:far|other) end)"),
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
    # "callers get all circuits busy, and we get the same trying to call out"
    _out(r"\b(?:get|gets|getting|got|hear|hears|see|sees) (?:the )?same(?: thing| message| error"
         r"| recording| tone)? (?:when |whenever |if |trying to |calling )(?:(?:we|i|they) )?"
         r"(?:\w+ )?(?:call\w* out|dial\w*|make (?:a |any )?(?:outbound |outside )?calls?)\b"),
    _out(r"\bno (?:outbound|outgoing|dial ?outs?|outside (?:lines?|calls?(?! (?:\w+ )?(?:reach|com"
         r"|get|ring|arriv|in\b)))|dialtone|calling out"
         r"|calls out"
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
        r"|\bcircuits? busy\b"
        r"|\btrunks busy\b|\breorder(?: tone)?\b|\bbusy (?:signal|tone)s?\b|\bintercept\b"
        r"|\b(?:triple|three) tones?\b|\bsit tones?\b"
        r"|\bcall cant be completed\b|\bnot in service message\b|\bnotinservice\b"
        r"|\bcalls? (?:rejected|declined|refused|denied)\b"
        r"|\b(?:number|call|calls|dialing|dialling) (?:is |are )?(?:not allowed|not permitted"
        r"|barred)\b"),
    _find(OUT, callers_mean_inbound=True)(
        r"\b(?:dial\w*|calling|calls?|outbound|outgoing)(?: out| anyone| any number| numbers?"
        r"| outbound)?"
        r"(?: \w+){0,3}? (?:gives?|gets?|getting|goes? to|returns?|plays?|hits?)"
        r" (?:a |an |the )?(?:recording|error|busy|fast busy|message|intercept|nothing"
        r"|sip (?:40\d|48\d|50\d)"
        r"|announcement)\b"),
    _in(rf"\b{NEG} (?:\w+ ){{0,2}}?receiv\w*|\b{NEG} (?:\w+ ){{0,3}}?(?:gets?|getting|gotten|take"
        r"|taking|answer|answering|accept\w*) (?:\w+ ){0,2}?(?:calls?|inbound|incoming)\b"
        rf"|\b{NEG} (?:be )?(?:reached|called)\b|\b{NEG} (?:\w+ )?(?:call|dial|reach|calling)"
        r" (?:in|into|us|me)\b"
        rf"|\b{NEG} (?:\w+ )?(?:get|getting) through to (?:us|our|me)\b"
        rf"|\b{NEG} (?:\w+ )?(?:answer (?:it|them)|pick (?:it|them) up|pick up (?:it|them))\b"),
    _in(r"\b(?:inbound|incoming|calls? in|calls? coming in)\b(?: \w+){0,5}? " + FAILED + r"\b"),
    # a queue or ring group that rings none of its people: they cannot take calls
    _find(IN, despite_feature=True)(
        rf"\b{NEG} ring\w* (?:any of |any |all |none of )?(?:the |our |its )?(?:\w+ )?(?:agents"
        r"|reps|dispatchers|nurses|techs|users|staff|people)\b"),
    _find(IN, despite_feature=True)(
        rf"\bcalls? (?:\w+ ){{0,3}}?(?:{NEG}|stopped) (?:\w+ )?(?:deliver\w*|reach\w*|rout\w*"
        r"|go\w*|get\w*|ring\w*|com\w*|present\w*|distribut\w*|land\w*|hit\w*)(?: \w+)?"
        r" (?:to|at|through to|on) (?:the |our |any |my |their )?(?:\w+ )?" + _any(
            r"agents?", r"reps?", "users", "staff", "people", "anyone", "anybody", "nurses",
            "phones", "desks", "extensions", "seats") + r"\b"
        rf"|\b(?:{NEG}|stopped) (?:deliver|rout|send|sent|ring|present|pass|distribut|offer)\w*"
        r" (?:any |the |inbound |incoming )*calls? (?:to|through to) (?:the |our |any )?(?:\w+ )?"
        r"(?:agents?|reps?|users|staff|people|anyone|anybody|nurses|phones|desks)\b"
        r"|\b(?:agents|reps|staff|people|users|nurses|phones|desks|everyone else|the rest|others)"
        r"(?: \w+){0,3}? (?:sitting idle"
        r"|idle|(?:not|never|dont) (?:getting|get|receiving|ringing|ring) (?:any |a )?(?:calls?"
        r"|anything)|getting (?:no|zero) calls|gets? nothing|getting nothing)\b"),
    _in(r"\bno (?:inbound|incoming|calls? (?:coming )?in\b|calls? (?:are )?(?:coming|getting)"
        r" (?:in|through))|\bnothing (?:is )?(?:coming|comes|came|getting|gets) (?:in|through)\b"
        r"|\bno (?:\w+ )?calls? (?:\w+ )?(?:reaching|ringing|getting through|coming through"
        r"|(?:has |have )?(?:come|came|gotten|got) (?:through|in))\b"),
    _in(rf"\bcalls? (?:\w+ ){{0,4}}?{NEG} (?:come|coming|comes|ring|ringing|get|getting"
        r"|arrive\w*|reach"
        r"|reaching) ?(?:in|through|to us|us)?\b"),
    _in(r"\b(?:others|phones|lines|rest|everyone else|desks)(?:'s)?(?: \w+){0,2}?"
        r" (?:have |has )?(?:gone"
        r"|went|are|is) (?:dead )?(?:quiet|silent)\b|\b(?:not|dont|never) hears? (?:a |any |the )?"
        r"ring(?:ing)?\b"),
    _in(rf"\b(?:phones?|handsets?|lines?|extensions?|desks|it|they|nothing|ours|mine|theirs)"
        rf" (?:(?!but |and |except )\w+ ){{0,5}}?"  # "the phone in exam room 3 doesnt ring"
        rf"(?:{NEG}|stopped) (?:ring\w*|rang)\b|\bphones? never (?:ring\w*|rang)|\bnot ringing\b"
        r"|\bstraighttovm\b"
        rf"|\b{NEG} hear\w* (?:it|them|(?:the |a |any )?(?:phones?|lines?)) ring\w*\b"
        r"|\b(?:nobody|no) (?:\w+ )?(?:phones?|lines?|extensions?)(?: \w+){0,4}?"
        r" (?:has |have |had )?(?:rung|rang)\b"  # "no phone in the office has rung since 7"
        r"|\b(?:returns?|gives?|plays?|gets?) (?:a |an |the )?(?:\w+ ){0,3}?(?:invalid number"
        r"|notinservice|error|recording|busy|fast busy|message)\b(?: \w+){0,2} when (?:called"
        r"|dialed|dialled|(?:someone|anyone|people|customers|callers) calls?)\b"),
    _in(rf"\b{CALLERS} (?:\w+ ){{0,4}}?{NEG} (?:reach|call|get through|get in|dial in|connect"
        r"|get ahold|phone)\b|\b" + CALLERS + r"(?: \w+){0,5}? (?:get|gets|getting|hear|hears"
        r"|hearing|go|goes|going|reach|land|lands|say|says|report\w*|tell\w*)(?: \w+){0,3}?"
        r" (?:fast busy|busy|all circuits|sip (?:40\d|48\d|50\d)"
        r"|recording|error|not in service|ringing forever|rings? forever|endless\w*"
        r"|message|disconnect\w*|voicemail)\b"
        r"|\b" + CALLERS + r"(?: \w+){0,5}? (?:just |only )?(?:keeps?"
        r" ringing|rings? and rings|rings? forever|ringing and ringing)"),
    _in(r"\b(?:main (?:number|line)|our number|tollfree(?: number)?|800 number|dids?"
        r"|published number|business line)(?: \w+){0,3}? (?:down|dead|not working|not ringing"
        r"|not routing|not coming in|(?:just|keeps?) ringing|(?:goes|go|going) to (?:a |an |the )?"
        r"(?:\w+ ){0,3}?(?:recording|busy|fast busy|error|message|notinservice|deadair|silence"
        r"|nothing|nowhere)"
        r"|(?:plays?|gives?|returns?) (?:a |an )?(?:\w+ )?(?:tone|recording|message)"
        r"|busy|fail\w*|broken|unreachable|fast busy|rings? (?:forever|out|endlessly"
        r"|with no answer|no answer))\b"),
    # calls that land in dead air never connect: "every call to our Boulder site drops to dead air"
    _find(OUT, callers_mean_inbound=True, inbound_said_means_inbound=True)(
        r"\b(?:calls?|" + CALLERS + r") (?:\w+ ){0,6}?(?:go|goes|going|went|drops?|dropping"
        r"|dropped|lands?|landing"
        r"|landed|falls?|fell) (?:straight |right |directly )?(?:in|into|to) (?:a |an )?(?:deadair"
        r"|silence)\b"),
    _find(Symptom.ONE_WAY_AUDIO)(
        rf"\boneway\b|\b{NEG} (?:\w+ )?hear(?:s|d|ing)?\b(?! (?:\w+ )?(?:well|clearly|properly"
        r"|very|great|good|much|dialtone|ring\w*|music|greeting|beep\w*)\b)"
        r"|\b(?:no|zero) (?:audio|voice|sound)\b(?! (?:issues?|problems?|quality|service))"
        r"|(?<!to )(?<!in )\bdeadair\b(?! (?:on|for|with) (?:every |all |each |any )?(?:outbound"
        r"|outgoing|calls? out|dial)| (?:after|when|once|whenever) (?:\w+ ){0,2}?dial)"
        r"|\b(?<!desks )(?<!phones )(?<!lines )(?:hear|hears|hearing|get|getting|gets you|get you)"
        r" (?:only |just |complete |total )?(?:silence"
        r"|nothing)\b(?! (?:after|when|once|whenever) (?:\w+ ){0,2}?dial)"
        r"|(?<!to )\b(?:silence|silent)\b(?! (?:after|when|once|whenever) (?:\w+ ){0,2}?dial)"
        r"|\bonly one side\b"),
    _out(r"\b(?:silence|nothing|deadair) (?:after|when|once|whenever) (?:\w+ ){0,2}?dial\w*"
         r"|\bdeadair (?:on|for|with) (?:every |all |each |any )?(?:outbound|outgoing|calls? out"
         r"|dial\w*)"
         r"|\b(?:other|far|called) (?:side|end|party|person)(?: \w+){0,2}?"
         r" (?:never|not|dont|wont) (?:ring\w*|rang)\b"
         r"|\b(?:never|not|dont|wont) ring\w* (?:on|at) the (?:far|other) end\b"),
    _find(Symptom.LATENCY)(
        r"\b(?:latency|" + LAG + r"|delay\w*|talk\w* over each other"
        r"|(?:step\w*|talk\w*) (?:on|over) (?:each other|one another)"
        r"|(?:reach\w*|arriv\w*|gets? there|heard)(?: \w+){0,3} late"
        r"|(?:connect|ring|answer)\w*"
        r" slowly|slow to (?:connect|ring|answer"
        r"|dial)|long pauses?|pauses?|post dial|\d+ ?ms|tak\w* (?:\d+|a while|forever|long"
        r"|ages|a long time)(?: \w+){0,3} (?:to |before (?:\w+ )?)(?:start )?(?:connect\w*|ring\w*"
        r"|go through"
        r"|answer)|(?:ring\w*|connect\w*) (?:takes?|taking|took) (?:forever|ages|a while"
        r"|so long|too long|\d+ \w+)|seconds? behind|slow dialtone"
        r"|dialtone (?:is )?(?:slow|delayed)|delayed dialtone"
        r"|seconds? gaps?|gaps? (?:after|between|before) (?:everything|each|every|what)"
        r"|satellite|(?:long|big) (?:wait|gap)(?! (?:in|on) (?:the )?(?:queue|hold))"
        r"|walkie talkie)\b"),
    _find(Symptom.POOR_QUALITY)(
        r"\b(?:robot\w*|chopp\w*|chop|echo\w*|static|garbl\w*|crackl\w*|muffl\w*|distort\w*"
        r"|disturbance|interference|cross ?talk|background noise|(?:sound|noise)s? in the"
        r" background|background (?:sound|hum|buzz|tick\w*|click\w*)"
        r"|(?:poor|bad|terrible|awful|horrible|degraded|garbage) (?:call |voice |audio |sound )?"
        r"(?:quality|audio|sound)|(?:call|voice|audio|sound) quality"
        r"|quality (?:is |has been |was |are )?(?:still |really |very |so |pretty |super |kinda )?"
        r"(?:bad|poor|terrible|awful|degraded|horrible|rough)|hard to hear|barely hear"
        r"|cant hear (?:\w+ )?(?:well|clearly|very|properly)|fuzz\w*|buzz\w*|humming|hiss\w*"
        r"|clipp\w*|jitter\w*|packetloss|under ?water|tinny|faint|low volume|too quiet"
        r"|volume (?:is )?(?:too |very |super |really |so )*(?:low|quiet|soft)|warbl\w*"
        r"|hum"
        r"|click(?:s|ing)?(?: every (?:few |couple )?(?:\w+ )?(?:seconds|secs|minutes))?"
        r" (?:on|during|in) (?:the |our |all |every )?(?:\w+ )?(?:calls?|lines?"
        r"|audio)|clicking|popping|pops and clicks|clicks and pops"
        r"|stutter\w*|skipping|metallic|scratch(?:y|ing|es)|noisy|noise|squeal\w*"
        r"|sounds? like (?:a |an )?(?:bad|poor|terrible|broken|cheap|weak)"
        r"|bad (?:cell |phone )?connection|sounds? (?:bad|terrible"
        r"|awful|weird|funny|like robots?)|in a tunnel|tin can|in a bucket|chipmunks?|hollow"
        r"|far away|distant|cuts? out|cutting out|(?:audio|sound|voice)(?: \w+){0,2}? drop\w* out"
        r"|hear (?:themselves|myself"
        r"|ourselves)|audio (?:issues?|problems?))\b"),
    _find(Symptom.DROPPED_CALLS)(
        r"\b(?:drop\w*|disconnect\w*|cut off|cuts off|cutting off|(?:get|gets|got|getting) cut"
        r"|hang\w* up|hung up|(?:kicked|booted|bumped|thrown) (?:off|out)"
        r"|calls? (?:die|dies|dying|ends?|ending|terminat\w*))\b"),
    _find(Symptom.EQUIPMENT_DEGRADED)(
        r"\b(?:issues?|problems?|errors?|trouble) (?:on|with) (?:the |our )?" + INFRA
        + r"\b|\b" + INFRA + r"\b(?: \w+){0,6}? (?:flap\w*|bounc\w*|errors?|crc|slips?|slipping"
        r"|degraded|slow\w*"
        r"|unstable|intermittent\w*|reboot\w*|restart\w*|overheat\w*|alarm\w*|beep\w*"
        r"|running hot|too hot|grind\w*|rattl\w*"
        r"|red light|amber"
        r"|blinking|saturat\w*|maxed|congest\w*|utiliz\w*|packetloss|taking hits|spotty|flaky"
        r"|acting up|issues?|problems?|hiccup\w*|glitch\w*|fail\w* over|failover|backup"
        r"|unreliable|sluggish)\b|\blost one of (?:the |our )?(?:\w+ )?\w+s\b|\b(?:reduced capacity"
        r"|capacity (?:is )?(?:reduced|down))\b|\b(?:jitter\w*|packetloss|errors|crc\w*|drops)"
        r"(?: \w+){0,3}? (?:on|across|over) (?:the |our |a |\w+ )?" + INFRA
        + r"\b|\b(?:phones?|handsets?|polycoms?|yealinks?|headsets?)"
        r"(?: \w+){0,5}? (?:(?:reboot\w*|restart\w*)(?! (?:at|around|about) \d| overnight| last \w+"
        r"| this \w+| earlier| yesterday)|power cycl\w*|freez\w*|frozen|lock\w* up"
        r"|(?:drop\w*|fall\w*|fell|kick\w*) off (?:of )?(?:the )?(?:network|wifi|vpn|system)"
        r"|crash\w*|flaky|acting up)\b|\b(?:running|failed over) (?:on|to) (?:the )?backup\b"
        r"|\b(?:ups|battery backup|backup battery)\b(?: \w+){0,6}? (?:died|dead|failed|failing)\b"
        r"|\b(?:dect base|base station)s?\b(?: \w+){0,4}? (?:alarm\w*|beep\w*|reboot\w*|restart\w*"
        r"|blink\w*|flash\w*|red light|(?:lost|losing|loses) sync|sync lost)\b"),
)
# People who cannot log into their phones cannot use them: "can't log into their phones"
LOCKED_OUT = _rx(rf"\b(?:{NEG}|unable to) (?:\w+ )?(?:log|sign) ?(?:in|on)(?: ?to)?"
                 r" (?:the |their |our |his |her |my |any |its )?(?:\w+ )?(?:phones?|handsets?"
                 r"|softphones?|deskphones?|extensions?|polycoms?|yealinks?)\b|\blocked out of"
                 r" (?:the |their |our |his |her |my )?(?:\w+ )?(?:phones?|handsets?|softphones?"
                 r"|extensions?)\b|\b(?:phones?|softphones?|handsets?|extensions?)\b(?: \w+){0,3}"
                 r" (?:logged|signed|kicked) (?:out|off)\b")
# "X is down": what X is decides between a site down, phones down and equipment trouble.
DEAD = _rx(r"\b(?:" + DOWN + r"|dead(?! silence| quiet| spots?| end"
           r"| (?:\w+ )?(?:door|cover|clip|button|key|pixel)s?\b)"
           r"|offline|off line|out of service|oos"
           r"|no (?:phone |voice |dial )?service"
           r"|no (?:lines?|network|connection) (?:available|found|detected)|no connection"
           r"|not working|stopped working|quit working|not functioning|unreachable|unregistered"
           r"|not registered|not registering|not register|not connect|not boot|wont register"
           r"|cant register|registration failed|reg failed"
           r"|registration (?:expired|timed out|timeout|lost|rejected|denied)"
           r"|cant stay (?:registered|connected|online|up)|not work"
           r"|(?:wont|never|not) (?:come|came|coming) back(?: up| online| on)?"
           r"|no (?:sip |line |server )?registration|not connected(?: to anything)?"
           r"|lost (?:its |their |the |all )?registrations?|kaput|inoperable|unusable|" + OUTAGE
           + r"|blackout|dark|crashed"
           r"|no (?:phones?|handsets?|internet|network|connectivity|power)"  # not "no phone rang"
           r"(?! (?:\w+ ){0,4}?(?:has |have |had )?(?:rung|rang|rings?|ringing)\b)"
           r"|wont boot|not booting"
           r"|wont (?:power|turn) (?:on|up)|lost power|lost (?:all )?(?:phone |voice )?service"
           r"|lost (?:all )?(?:connectivity|connection|network|internet|power|lines)"
           r"|lost (?:all |both |its |their |our |the )*(?:phones|voice|phone lines?)|nothing works"
           r"|nothing(?: is)? working|dont work|wont work"
           r"|broken|busted|fried|toast|hosed|borked|fubar|tanked|bricked|dead in the water"
           r"|flatlined|(?:is|are|went|been|all|both) out(?! of)|unavailable|boot ?loop"
           r"|reboot loop"
           r"|(?:showing|stuck|says|keeps?|still)(?: (?:on|at|in))? (?:registering|initiali[sz]ing)"
           r"|(?:have|has|had|got) no lines?"
           r"|(?:acquiring|searching for|looking for|waiting for) (?:a |the )?(?:network|service"
           r"|server)"
           r"|lost (?:the )?connection to (?:the )?(?:server|pbx|network|cloud)"
           r"|disconnected from (?:the )?(?:server|pbx|network|cloud|host))\b")
THING_BROKEN = _rx(r"not working|stopped working|quit working|not functioning|dont work"
                   r"|wont work|broken|busted|fried|toast|bricked|crashed|wont boot|not booting"
                   r"|wont (?:power|turn)")
NOT_A_SITE_DOWN = _rx(r"\b(?:partial|minor|small|brief|no|not|quality|performance|speed|audio"
                      r"|inbound|incoming|outbound|outgoing|dial ?out|calls? in|calls? out)\b"
                      r"(?: \w+){0,2} ?$|\b(?:inbound|incoming|outbound|outgoing)(?: calls?)? (?:to"
                      r"|for|from) (?:them|us|him|her|the \w+)(?: \w+){0,3} ?$")
SPARE = _rx(r"\b(?:primary|backup|secondary|redundant|failover|one of (?:the|our) (?:two|2) \w+"
            r"|ups|battery backup|backup battery|generator)\b")
ONE_PERSON = _rx(r"\b(?:user|person|guy|lady|gentleman|agent|rep|employee|teleworker|telecommuter"
                 r"|worker|nurse|doctor|teller|cashier|associate|receptionist)\b(?: \w+){0,3} ?$")
ONE_DEVICE = _rx(r"\b(?:phone|handset|line|extension|ext|softphone|set|polycom|yealink"
                 r"|deskphone)\b")
DEVICES = _rx(r"\b(?:phones|handsets|lines|extensions|sets|devices|polycoms|yealinks|desks"
              r"|seats|stations|users|people|agents|employees|staff)\b"
              r"|\b(?:every|any|each|no|all) (?:\w+ )?(?:phone|handset|line|extension)\b")

