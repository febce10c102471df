"""Reading the symptoms out of each clause of a report: which calls fail, what is down, how
the audio sounds, and whether only a feature or one kind of call is hit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.severity import Scope, Symptom
from bot.severity_symptom_words import (
    DEAD,
    DEVICES,
    FINDS,
    LOCKED_OUT,
    NOT_A_SITE_DOWN,
    ONE_DEVICE,
    ONE_PERSON,
    SPARE,
    THING_BROKEN,
)
from bot.severity_words import (
    CALLERS,
    FAILED,
    FEATURE_TROUBLE,
    FEATURES,
    GROUPS,
    IN,
    INFRA,
    INTERMITTENT,
    NEGATED,
    ONE,
    OUR_NUMBER,
    OUT,
    SEVERAL,
    SITES,
)


@dataclass
class Reading:
    """What has been read so far from one report."""

    symptoms: set[Symptom] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    named: list[tuple[Scope, str, bool, bool]] = field(default_factory=list)  # "only", counted
    implied: list[tuple[Scope, str]] = field(default_factory=list)
    phones_down: bool = False  # several phones (or a group's) dead: how many decides the symptom
    infrastructure_down: bool = False
    shown_down: bool = False  # a display says there is no service, of phones named elsewhere
    locked_out: bool = False  # people cannot log into their phones: no calls either way
    sound_feature: bool = False  # the clause before spoke of hold music, a greeting or paging


def _calls_dropped(clause: str, match: re.Match[str]) -> bool:
    """Whether "dropped" / "hang up" speaks of calls, not of a router, phones or callers."""
    before, after = clause[:match.start()], clause[match.end():]
    if re.search(r"\b" + INFRA + r"\b(?: \w+){0,3} ?$", before):
        return False  # "the router dropped"
    if re.match(r" (?:to|into|straight to) (?:a |an |the )?(?:\w+ )?(?:busy|fast busy|voicemail"
                r"|straighttovm|recording|error|reorder|message|silence|deadair)\b", after):
        return False  # "drops to a fast busy": where the call lands, not a call cut off
    if re.search(r"\b(?:name|callerid|display\w*|shows?|showing|text|label)\b(?: [\w']+){0,4} ?$",
                 before):
        return False  # "caller name shows VIDALIA BRAN cut off": the text is cut short
    if re.search(r"\b(?:audio|sound|voice|words?)\b(?: (?!calls?\b|and\b)\w+){0,2} ?$", before):
        return False  # "audio drops out for a second": the sound, not the call
    if re.match(r" before (?:they |it )?(?:reach|get|ring|connect|hit)", after):
        return False  # "incoming calls die before they reach our desks": they never arrive
    if re.match(r" (?:off (?:of )?(?:the )?(?:network|wifi|vpn|system|line|bluetooth|base)"
                r"|offline)\b", after):
        return False  # "phones keep dropping off the network"
    if re.search(r"\b(?:phones|handsets|devices|sets|every (?:\w+ )?phone)(?: \w+){0,4} ?$",
                 before) and not re.match(r" (?:\w+ )?(?:calls?|people|callers)\b", after) and not (
            re.match(r"(?:\w+ )?calls? (?:on|from|to|at|with) ", before)):  # "calls on X phones"
        return False  # "every phone in the office dropped": the phones went offline
    if re.search(r"\binstead\b", after) and FEATURES.search(clause):
        return False  # "sending a caller to voicemail hangs up on them instead": the feature
    if re.search(r"\b(?:number|line)s? (?:has|have|had|is|was|were) (?:been )?(?:\w+ (?:or|and) )?"
                 r"$", before):
        return False  # "this number has been changed or disconnected": a recording
    if re.match(r" (?:from (?:the )?(?:server|pbx|network|cloud|host|wifi|vpn)|number|line"
                r"|message|recording|notice|tone)\b",
                after):
        return False  # "disconnected from server", "a disconnected number"
    return not (re.match(r"hang|hung", match[0])  # callers hang up, unless on their own
                and re.search(r"\b" + CALLERS + r"(?: \w+){0,2} ?$", before)
                and not re.match(r" (?:on (?:their|its) own|by (?:themselves|itself))\b", after))


def read_finds(clause: str, feature: bool) -> tuple[set[Symptom], set[Symptom], set[Symptom]]:
    """The call failures, other symptoms and feature-proof call failures a clause phrases."""
    calls: set[Symptom] = set()
    others: set[Symptom] = set()
    firm: set[Symptom] = set()  # call failures a feature named alongside does not make partial
    for find in FINDS:
        for match in find.pattern.finditer(clause):
            if not find.calls and NEGATED.search(clause[:match.start()]):
                continue  # "no echo", "not choppy"
            if feature and find.symptoms == (Symptom.ONE_WAY_AUDIO,) and match[0] != "oneway":
                continue  # "can't hear hold music"
            if find.needs_trouble and not re.search(r"\b" + FAILED + r"\b|\bno(?:thing)?\b",
                                                    clause):
                continue
            if find.symptoms == (Symptom.DROPPED_CALLS,) and not _calls_dropped(clause, match):
                continue
            if find.callers_mean_inbound and re.search(
                    CALLERS + r"|\b(?:inbound|incoming|calling (?:in|us)|calls? (?:coming )?in"
                    r"|main number|" + OUR_NUMBER
                    + r"|main line|call(?:ing|s)? (?:the|our) (?:\w+ ){0,2}?" + SITES
                    + r")\b", clause):
                calls.add(IN)
                continue
            if find.inbound_said_means_inbound and re.search(
                    r"\b(?:inbound|incoming|calls? coming in|calls? from (?:the )?outside"
                    r"|outside callers"
                    r"|calls? to " + OUR_NUMBER + r"|calls? to our (?:\w+ ){0,2}?" + SITES + r")\b",
                    clause) and not re.search(r"\b(?:outbound|outgoing|out)\b", clause):
                calls.add(IN)
                continue
            (calls if find.calls else others).update(find.symptoms)
            if find.despite_feature:
                firm.update(find.symptoms)
    return calls, others, firm


def _read_down(clause: str, reading: Reading) -> set[Symptom]:
    calls: set[Symptom] = set()
    for match in DEAD.finditer(clause):
        subject = clause[:match.start()]
        if NOT_A_SITE_DOWN.search(subject) or NEGATED.search(subject) or re.search(
                r"\b(?:after|since|following|because of|due to|from) (?:the |a |an |last \w+ )?"
                r"(?:\w+ )?$", subject) or re.search(
                r"\b(?:recording|message|announcement|greeting|prompt)\b(?: \w+){0,4} ?$", subject):
            # "after the power outage": a cause told; "a recording that we're unavailable": words
            continue
        if match[0].endswith(" out") and not re.search(
                r"\b(?:phones?|lines?|service|power|internet|network|calls?|dialtone|voice|everything"
                r"|all|we|it|" + INFRA + r"|" + SITES + r")\b", subject):
            continue  # "the boats are out": away, not down
        if re.match(r"(?: \w+){0,4} (?:for|when|whenever|on) (?:every |all |any |each )?(?:outbound"
                    r"|outgoing|dial\w*|calls? out|calling out|(?:we|they|i) dial)\b",
                    clause[match.end():]):
            continue  # "'Service Unavailable' on the softphones for every outbound": a message
        if SPARE.search(subject):  # "backup circuit down": the site still has a path
            if re.search(r"\b" + INFRA + r"\b", subject):
                reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)
            continue
        if not re.search(r"[a-z]{3,}", subject) and re.match(
                r" (?:on|across) (?:every|all|each|the|our) (?:\w+ )?(?:screens?|displays?)\b",
                clause[match.end():]):  # "unregistered on every screen": what the phones show
            reading.shown_down = True
            continue
        if not re.search(r"[a-z]{3,}", subject):  # "dead phones on the sales floor"
            subject = " ".join(clause[match.end():].split()[:3])
        shows = re.search(r"\b(?:shows?|showing|says?|saying|displays?|displaying|reads?)\b",
                          subject)
        told = clause[shows.end():match.start()] if shows else ""
        if shows and re.match(r" ?(?:that )?(?:his|her|my|their|our) \w", told):
            subject = told  # "bill says his phone is dead": who reports is not what is down
        elif shows:  # "my polycom shows network link is down": a phone's message about itself
            subject = subject[:shows.start()]
            if not re.search(r"[a-z]{3,}", subject):  # "..., says network unavailable":
                reading.shown_down = True  # the message of a phone (or phones) named before
                continue
        if INTERMITTENT.search(clause):
            reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)  # "phones keep going offline"
            continue
        if re.search(r"\b(?:phone|voice|telephone)(?: service| system)? ?$", subject) and re.match(
                r"outage|blackout", match[0]):  # "total phone outage": the service, not a phone
            reading.symptoms.add(Symptom.SITE_DOWN)
        elif re.search(r"\bcalls?\b(?: \w+){0,2} ?$", subject):
            calls |= {OUT, IN}
        elif re.search(r"\bmain (?:line|number)|\b" + OUR_NUMBER + r"|\btollfree|\bdids?\b",
                       subject):
            calls.add(IN)  # "our main line is dead": calls to the business
        elif DEVICES.search(subject) and (re.match(r"down (?:hard|completely)\b", clause[
                match.start():]) or re.search(r"\b(?:hard|completely|totally) $", subject)):
            reading.symptoms.add(Symptom.SITE_DOWN)  # "phones down hard": the site, whoever else
        elif DEVICES.search(subject):
            reading.phones_down = True
        elif ONE_PERSON.search(subject):  # "our remote guy in Tampa is down"
            calls |= {OUT, IN}
        elif re.search(r"\b" + INFRA + r"\b", subject):
            reading.infrastructure_down = True
            reading.symptoms.add(Symptom.SITE_DOWN)
        elif ONE_DEVICE.search(subject):
            calls |= {OUT, IN}
            reading.named.append((ONE, ONE_DEVICE.search(subject)[0], False, True))
        elif re.search(r"\b" + GROUPS + r"\b", subject):
            reading.phones_down = True
        elif re.search(r"\b(?:speakers?|headsets?|screens?|displays?|buttons?|cords?|ringers?"
                       r"|lights?|keypads?|chargers?|bases?|batter(?:y|ies))\b(?: \w+){0,2} ?$",
                       subject):
            reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)  # "the headset is dead"
        elif THING_BROKEN.match(match[0]) and re.search(r"[a-z]{3,}", subject) and not re.search(
                r"\b(?:everything|all|it|we|us|our|they|nothing|" + SITES + r")\b", subject):
            reading.symptoms.add(Symptom.EQUIPMENT_DEGRADED)  # "speakerphone not working"
        else:
            reading.symptoms.add(Symptom.SITE_DOWN)  # "Reno is down", "hard down"
    return calls


# Features that are sounds: their distortion or silence is the feature's, not call quality
_SOUND_FEATURE = re.compile(r"\b(?:hold music|music on hold|moh|on hold|greeting\w*|paging"
                            r"|page|overhead|intercom|announcements?|auto attendant|ivr"
                            r"|phone tree|menu)\b")


def read_clause(clause: str, reading: Reading) -> None:
    """Add to the reading the symptoms one clause of a report names."""
    feature = bool(FEATURES.search(clause) and FEATURE_TROUBLE.search(clause))
    calls, others, firm = read_finds(clause, feature)
    sound = bool(FEATURES.search(clause) and _SOUND_FEATURE.search(clause))
    if (sound or reading.sound_feature and len(clause.split()) <= 2) and (
            Symptom.POOR_QUALITY in others):  # "music on hold is loud and distorted"
        others.discard(Symptom.POOR_QUALITY)
        feature = True
    if reading.sound_feature and Symptom.ONE_WAY_AUDIO in others and re.search(
            r"\b(?:silence|silent|nothing|deadair)\b", clause) and not re.search(
            r"\boneway\b|\bcant hear\b|\bno (?:audio|voice|sound)\b", clause):
        others.discard(Symptom.ONE_WAY_AUDIO)  # "hold music cuts out and callers hear silence"
        feature = True
    reading.sound_feature = sound
    if Symptom.ONE_WAY_AUDIO in others and re.search(
            r"\bfor a (?:few|couple)(?: of)? (?:seconds|secs)\b|\bbriefly\b|\bmomentar"
            r"|\bfor a (?:second|sec|moment|bit)\b|\bmid ?(?:sentence|call|conversation)\b"
            r"|\b(?:\d+|one) (?:in|out of) \d+ calls\b|\bonce (?:a|per) (?:day|week)\b"
            r"|\b(?:a|one) call (?:a|per) (?:day|week)\b|\bonce in a while\b|\brarely\b",
            clause):
        others = (others - {Symptom.ONE_WAY_AUDIO}) | {Symptom.POOR_QUALITY}
        reading.notes.append(f'"{clause}" read as audio cutting out for moments: degraded')
    reading.symptoms |= others
    reading.locked_out |= bool(LOCKED_OUT.search(clause))
    if firm and feature and not INTERMITTENT.search(clause):  # "the queue rings no agents"
        feature = False
        calls = firm
    if not feature:
        calls |= _read_down(clause, reading)
    if calls and (feature or INTERMITTENT.search(clause)):
        kind = "a feature or one kind of call" if feature else "calls failing some of the time"
        reading.notes.append(f'"{clause}" read as {kind}, not users unable to call')
        calls = set()
        feature = True
    reading.symptoms |= calls
    if IN in calls and re.search(r"\b" + CALLERS + r"\b", clause):
        # told from the callers' side, an inbound failure is the business's, not one desk's
        reading.implied.append((SEVERAL, "callers cannot reach the business"))
    if feature:
        reading.symptoms.add(Symptom.FEATURE_IMPAIRED)
