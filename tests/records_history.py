"""A seeded outage history, written through the storage API, with what each outage's export
row must say worked out here from the plan (not by the code under test)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.incident import NewIncident, TimelineEntry, TimelineKind
from bot.severity import Scope, Severity, Symptom
from storage import Store

NOW = dt.datetime(2026, 11, 29, 18, 0, tzinfo=dt.UTC)
SITES = {"Tampa branch": "America/New_York", "Reno office": "America/Los_Angeles",
         "Chicago HQ": "America/Chicago", "Dallas <warehouse> & Co": "America/Chicago",
         "Denver lab": "America/Denver"}
HOURS = {1: (1, 2, 3, 4), 2: (2, 4, 6, 8)}


@dataclass
class Planned:
    """One seeded outage and what its export row must show."""

    number: str
    site: str
    zone: str
    severity: int
    severity_changes: int
    tickets: list[str]
    affected_since: dt.datetime
    created_at: dt.datetime  # reported in Slack
    reported_at: dt.datetime | None
    restored_at: dt.datetime | None
    minutes: int | None  # whole minutes from the report to AT&T until restored
    highest: int
    calls: int

    @property
    def status(self) -> str:
        return "open" if self.restored_at is None else "resolved"

    def iso(self, moment: dt.datetime | None) -> str:
        return "" if moment is None else moment.astimezone(ZoneInfo(self.zone)).isoformat()


def add_entry(store: Store, incident_id: int, at: dt.datetime, kind: str, text: str,
              actor: str | None = None, **details: object) -> None:
    """Write a timeline entry as the app does (kind, text and its typed details)."""
    store.timeline.add(TimelineEntry(incident_id=incident_id, at=at, kind=TimelineKind(kind),
                                     actor=actor, text=text, details=details))


def _incident(n: int, site: str, severity: int, affected: dt.datetime,
              created: dt.datetime) -> NewIncident:
    return NewIncident(
        team_id="T1", channel_id="C123", reporter_id="U123", submission_key=f"seed-{n}",
        business_name="Acme Dental", location=site, reporter_name="Dana Ruiz",
        callback_phone="+18135550142", tickets=[], reported_at=None, affected_since=affected,
        symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
        classified_severity=Severity(severity), severity=Severity(severity),
        severity_reasons=["seeded"], description="seeded outage", action_requested="Restore",
        timezone=SITES[site], created_at=created,
    )


def seed_history(store: Store, count: int = 230, open_count: int = 20,
                 seed: int = 11) -> list[Planned]:
    """`count` outages over the year before NOW; the last `open_count` are still open."""
    rng = random.Random(seed)
    plans: list[Planned] = []
    sites = list(SITES)
    for n in range(count):
        is_open = n >= count - open_count
        site = rng.choice(sites)
        first_severity = rng.choice((1, 2))
        severity = first_severity
        ago = rng.randint(60, 11 * 60) if is_open else rng.randint(1, 360 * 24 * 60)
        affected = (NOW - dt.timedelta(minutes=ago)).replace(second=0, microsecond=0)
        created = affected + dt.timedelta(minutes=rng.randint(0, 30))
        new = _incident(n, site, first_severity, affected, created)
        incident, _ = store.incidents.create(new)
        add_entry(store, incident.id, created, "reported", "Reported", actor="U123")
        reported = None if rng.random() < 0.05 else created + dt.timedelta(
            minutes=rng.randint(0, 20))
        tickets = [f"AOTS{100000 + n}"] if reported else []
        changes = 0
        if reported is not None:
            store.incidents.set_tickets(incident.id, tickets, reported)
            if rng.random() < 0.15:
                severity = 3 - first_severity
                changes = 1
                store.incidents.set_severity(incident.id, Severity(severity), "U9", ["moved"])
                add_entry(store, incident.id, reported + dt.timedelta(minutes=5),
                                   "severity_changed",
                                   f"Severity changed from {Severity(first_severity).label} "
                                   f"to {Severity(severity).label}: seeded", actor="U9")
            opens = {lv: reported + dt.timedelta(hours=h)
                     for lv, h in enumerate(HOURS[severity], start=1)}
            store.levels.schedule(incident.id, opens, reported)
        calls = rng.randint(0, 3) if reported else 0
        for c in range(calls):
            tail = "; next update expected Tue Nov 24 12:00 CST" if c % 2 else ""
            add_entry(store, incident.id, (reported or created) + dt.timedelta(minutes=c + 1),
                               "called", f"Called Level {c + 1}: spoke with Agent {c}; "
                               f"promised: a fix, soon{tail}", actor="U123")
        restored = None
        if not is_open:
            restored = created + dt.timedelta(minutes=rng.choice(
                (rng.randint(20, 300), rng.randint(300, 900), rng.randint(25, 59))))
            store.incidents.resolve(incident.id, restored + dt.timedelta(minutes=2), "fixed")
            store.levels.cancel_pending(incident.id)
            store.incidents.set_restoration(incident.id, restored, "AT&T fixed it")
        end = restored or NOW
        highest = 0 if reported is None else sum(
            reported + dt.timedelta(hours=h) <= end for h in HOURS[severity])
        minutes = None
        if restored is not None and reported is not None:
            minutes = max(0, int((restored - reported).total_seconds()) // 60)
        plans.append(Planned(incident.number, site, SITES[site], severity, changes, tickets,
                             affected, created, reported, restored, minutes, highest, calls))
    # the reminder loop has posted every level of the open outages that is due by NOW
    for due in store.levels.claim_due(NOW, "seeder", dt.timedelta(minutes=5)):
        store.levels.mark(due.incident_id, [due.level], "seeder", "posted", NOW, "1.1")
    return plans
