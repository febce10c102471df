"""The outage record: what happened to one outage, from report to restoration, read from its
incident, timeline and level rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.clock import from_epoch
from bot.incident import Incident, TimelineEntry
from bot.severity import Severity
from storage.levels import DueLevel

# The `called` entry's text, read only for entries written before they carried typed details.
# A contact or promise that itself contains "; promised: " or "; next update expected "
# cannot be told apart from the markers there: the first marker wins.
_CALLED = re.compile(
    r"^Called Level (?P<level>\d+): spoke with (?P<contact>.*?); promised: (?P<promise>.*?)"
    r"(?:; next update expected (?P<next>.*))?$",
    re.DOTALL,
)
_SEVERITY = re.compile(r"Severity ([12])\b")


class CallLogged(BaseModel):
    """A call to AT&T someone logged: the level, whom they reached and what was promised."""

    model_config = ConfigDict(frozen=True)

    at: dt.datetime
    level: int | None
    by: str | None
    spoke_with: str
    promised: str
    next_update: str | None = None


class LevelReached(BaseModel):
    """A level of the ladder that opened before service came back."""

    model_config = ConfigDict(frozen=True)

    level: int
    opened_at: dt.datetime
    posted: bool  # announced in the thread


class SeverityChange(BaseModel):
    """The severity moved: at the report (the reporter overrode the rules) or later."""

    model_config = ConfigDict(frozen=True)

    at: dt.datetime
    before: Severity
    after: Severity
    by: str | None
    note: str


class OutageRecord(BaseModel):
    """One outage, start to finish, as the record and the export show it."""

    model_config = ConfigDict(frozen=True)

    number: str
    site: str
    business: str
    channel_id: str
    card_ts: str | None
    timezone: str
    description: str
    severity: Severity
    severity_changes: list[SeverityChange]
    tickets: list[str]
    reported_in_slack: dt.datetime
    affected_since: dt.datetime | None
    reported_at: dt.datetime | None
    restored_at: dt.datetime | None
    fix: str | None
    is_open: bool
    levels: list[LevelReached]
    calls: list[CallLogged]
    timeline: list[TimelineEntry]

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone, in which the record shows its times."""
        return ZoneInfo(self.timezone)

    @property
    def highest_level(self) -> int:
        """The highest level of the ladder that opened (0: none did)."""
        return max((lv.level for lv in self.levels), default=0)

    @property
    def started_at(self) -> dt.datetime:
        """When service was affected, or failing that when AT&T or Slack was told."""
        return self.affected_since or self.reported_at or self.reported_in_slack

    @property
    def duration(self) -> dt.timedelta | None:
        """How long service was down (affected → restored); None while open."""
        if self.restored_at is None:
            return None
        return max(dt.timedelta(0), self.restored_at - self.started_at)

    @property
    def minutes_to_restore(self) -> float | None:
        """Minutes from the report to AT&T until restored; None while open or never reported."""
        if self.restored_at is None or self.reported_at is None:
            return None
        return round(max(0.0, (self.restored_at - self.reported_at).total_seconds()) / 60, 1)


def _local(epoch: object, zone: ZoneInfo) -> str | None:
    """An epoch from a typed entry as the site reads it, e.g. 'Tue Nov 24 12:00 CST'."""
    moment = from_epoch(epoch) if isinstance(epoch, int | float) else None
    return moment.astimezone(zone).strftime("%a %b %d %H:%M %Z") if moment else None


def parse_call(entry: TimelineEntry, zone: ZoneInfo | None = None) -> CallLogged:
    """A `called` timeline entry as whom, what was promised and the next update: from its
    typed details, or (written before entries had them) from its text."""
    d = entry.details
    if {"level", "contact", "promise"} <= d.keys():
        return CallLogged(at=entry.at, level=int(d["level"]), by=entry.actor,
                          spoke_with=str(d["contact"]), promised=str(d["promise"]),
                          next_update=_local(d.get("next_update"), zone or ZoneInfo("UTC")))
    found = _CALLED.match(entry.text.strip())
    if found is None:  # written by another version: keep the words rather than lose the call
        return CallLogged(at=entry.at, level=None, by=entry.actor, spoke_with="",
                          promised=entry.text)
    return CallLogged(at=entry.at, level=int(found["level"]), by=entry.actor,
                      spoke_with=found["contact"].strip(), promised=found["promise"].strip(),
                      next_update=(found["next"] or "").strip() or None)


def _severity_change(entry: TimelineEntry) -> SeverityChange | None:
    """A severity change from an entry's typed details, or None when it has none."""
    d = entry.details
    if entry.kind == "severity_override" and {"severity", "classified"} <= d.keys():
        before, after = d["classified"], d["severity"]
    elif entry.kind == "severity_changed" and {"from", "to"} <= d.keys():
        before, after = d["from"], d["to"]
    else:
        return None
    return SeverityChange(at=entry.at, before=Severity(int(before)), after=Severity(int(after)),
                          by=entry.actor, note=entry.text)


def _severity_changes(incident: Incident, timeline: Sequence[TimelineEntry]
                      ) -> list[SeverityChange]:
    changes = []
    for entry in timeline:
        if typed := _severity_change(entry):
            changes.append(typed)
            continue
        named = [Severity(int(n)) for n in _SEVERITY.findall(entry.text)]
        if entry.kind == "severity_override" and incident.classified_severity is not None:
            # "Severity set to <chosen> by the reporter (the rules give <classified>)"
            after = named[0] if named else incident.severity
            changes.append(SeverityChange(at=entry.at, before=incident.classified_severity,
                                          after=after, by=entry.actor, note=entry.text))
        elif entry.kind == "severity_changed" and len(named) >= 2:
            # "Severity changed from <before> to <after>[: why]"
            changes.append(SeverityChange(at=entry.at, before=named[0], after=named[1],
                                          by=entry.actor, note=entry.text))
    return changes


def _levels_reached(levels: Sequence[DueLevel], restored_at: dt.datetime | None
                    ) -> list[LevelReached]:
    """Resolved: the levels whose time came before restoration (posted or not). Open: the
    levels the loop has opened so far (posted, or failed to post)."""
    reached = []
    for row in levels:
        opened = (row.opens_at <= restored_at if restored_at is not None
                  else row.state in ("posted", "failed"))
        if opened:
            reached.append(LevelReached(level=row.level, opened_at=row.opens_at,
                                        posted=row.state == "posted"))
    return sorted(reached, key=lambda lv: lv.level)


def build_record(incident: Incident, timeline: Sequence[TimelineEntry],
                 levels: Sequence[DueLevel], restored_at: dt.datetime | None = None,
                 fix: str | None = None) -> OutageRecord:
    """The record of one outage; `restored_at` and `fix` override what is stored."""
    restored = restored_at or incident.restored_at
    if restored is None and not incident.is_open:
        restored = incident.resolved_at  # resolved before restoration times were asked for
    return OutageRecord(
        number=incident.number,
        site=incident.location,
        business=incident.business_name,
        channel_id=incident.channel_id,
        card_ts=incident.card_ts,
        timezone=incident.timezone,
        description=incident.description,
        severity=incident.severity,
        severity_changes=_severity_changes(incident, timeline),
        tickets=list(incident.tickets),
        reported_in_slack=incident.created_at,
        affected_since=incident.affected_since,
        reported_at=incident.reported_at,
        restored_at=restored,
        fix=fix if fix is not None else (incident.fix or incident.resolution or None),
        is_open=incident.is_open and restored_at is None,
        levels=_levels_reached(levels, restored),
        calls=[parse_call(e, ZoneInfo(incident.timezone)) for e in timeline
               if e.kind == "called"],
        timeline=list(timeline),
    )
