"""A report's way in: kept as received before its ack, built into an incident after it.

The reporter must hear that a report is saved only once it is, within Slack's 3 s. Building
its incident (the ladder snapshot, the timeline, the levels, the card's claim) is most of the
work a report costs, and on one interpreter that work holds up every other request waiting
for its ack. So a checked submission is first kept as one row, the form as JSON: that row is
what the ack confirms. The incident is built from it after the ack, in one transaction that
also removes the row.

A report whose build failed (the database broke in between) or whose process stopped or died
first is built by the reminder loop once it has waited `BUILD_AFTER`, and at every start.
Its card then goes out as any waiting card does. A report is kept with what it was received
under (the ladder, the default business hours and holidays), so a build after a restart
with another `BVOIP_MATRIX` still gives it the ladder it was reported under. Built twice
(two replicas, or the loop and a slow first build), it is still one incident: incidents
are unique by submission.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from bot.clock import to_epoch
from bot.ids import ReportMeta
from bot.incident import Incident, TimelineKind
from bot.matrix import Matrix
from bot.report_form import ReportForm
from storage.received import Received

if TYPE_CHECKING:
    from bot.service import IncidentService

log = logging.getLogger(__name__)
BUILD_AFTER = dt.timedelta(seconds=30)  # the live build is normally done in milliseconds
RETRY_BUILD = dt.timedelta(minutes=5)
_TIMES = ("reported_at", "affected_since")


@dataclass(frozen=True)
class Under:
    """What a report is received under, and its incident keeps (issue 8, point 10): the
    ladder, and the default business hours and holidays (a listed site's own win)."""

    ladder: Matrix
    hours: str
    holidays: str

    def as_json(self) -> dict[str, Any]:
        return {"ladder": self.ladder.model_dump(mode="json"), "hours": self.hours,
                "holidays": self.holidays}


def report_json(form: ReportForm, meta: ReportMeta, reporter_id: str, under: str) -> str:
    """A checked report as kept: the form's fields (times as epoch seconds, as the form reads
    them), where it was opened, who sent it and what it was received under (`under`: that
    object's JSON, the same for every report, so encoded once, not before every ack)."""
    fields = form.model_dump(mode="json")
    for name in _TIMES:
        fields[name] = to_epoch(getattr(form, name))
    report = orjson.dumps({"form": fields, "meta": meta.model_dump(mode="json"),
                           "reporter": reporter_id}).decode()
    return f'{report[:-1]},"under":{under}}}'  # the object, with one key more


def read_report(text: str) -> tuple[ReportForm, ReportMeta, str, Under]:
    """A kept report, read back as it was checked (reading does not check again: the times
    it was checked against have passed)."""
    data: dict[str, Any] = json.loads(text)
    under = data["under"]
    return (ReportForm.model_validate(data["form"]), ReportMeta.model_validate(data["meta"]),
            str(data["reporter"]), Under(Matrix.model_validate(under["ladder"]),
                                         str(under["hours"]), str(under["holidays"])))


class Intake:
    """Receives reports and builds their incidents, for one incident service."""

    def __init__(self, service: IncidentService) -> None:
        self.service = service
        self.store = service.store
        self._under: str | None = None  # the current ladder and hours, as kept (JSON)

    def under(self) -> str:
        """What a report received now is received under, as JSON (encoded once: it does not
        change while the app runs)."""
        if self._under is None:
            settings = self.service.settings
            self._under = json.dumps(Under(self.service.matrix, settings.business_hours,
                                           settings.holidays).as_json())
        return self._under

    def receive(self, form: ReportForm, meta: ReportMeta, reporter_id: str,
                view_id: str) -> asyncio.Future[bool]:
        """Keep a checked report; settled once committed (False: a repeat already kept)."""
        text = report_json(form, meta, reporter_id, self.under())
        now = self.service.now()
        return self.service.batches.submit(
            lambda: self.store.received.add(view_id, now, now + BUILD_AFTER, text),
            before_ack=True)

    def build(self, form: ReportForm, meta: ReportMeta, reporter_id: str,
              view_id: str) -> asyncio.Future[tuple[Incident, bool]]:
        """Build a received report's incident, all or nothing: (incident, True) once committed
        with its card claimed by this process, or a repeat's (first incident, False)."""
        first: list[dt.datetime] = []  # its first level, if it wakes the loop sooner

        def store() -> tuple[Incident, bool]:
            incident, created, at = self._create(form, meta, reporter_id, view_id, claim=True)
            first.extend([at] if at else [])
            return incident, created

        built = self.service.batches.submit(store)
        built.add_done_callback(lambda _: first and self.service.wake_loop(first[0]))
        return built

    def build_waiting(self, now: dt.datetime, everything: bool = False) -> int:
        """(On the store's thread.) Build the kept reports due (at a start: all of them), each
        in its own transaction; their cards are left for the loop to claim. One that fails is
        tried again later, and never holds up the others. Returns how many were created."""
        created = 0
        for received in self.store.received.due(None if everything else now):
            try:
                created += self._rebuild(received)
            except Exception:
                log.exception("could not build the report kept from %s (view %s); trying "
                              "again in %s", received.received_at.isoformat(),
                              received.view_id, RETRY_BUILD)
                with contextlib.suppress(Exception):
                    self.store.received.postpone(received.view_id, now + RETRY_BUILD)
        return created

    def next_build(self) -> dt.datetime | None:
        """(On the store's thread.) When a kept report is next due to be built."""
        return self.store.received.next_build()

    def _rebuild(self, received: Received) -> int:
        form, meta, reporter_id, under = read_report(received.report)
        _, created, _ = self._create(form, meta, reporter_id, received.view_id, claim=False,
                                     received_at=received.received_at, under=under)
        log.warning("built the report kept from %s (view %s): its first build did not finish",
                    received.received_at.isoformat(), received.view_id)
        return int(created)

    def _create(self, form: ReportForm, meta: ReportMeta, reporter_id: str, view_id: str,
                claim: bool, received_at: dt.datetime | None = None,
                under: Under | None = None) -> tuple[Incident, bool, dt.datetime | None]:
        """(On the store's thread.) The incident (with its ladder, and its listed site's zone,
        hours and holidays), entries and levels, and the received row removed, in one
        transaction: (incident, created, its first level's opening when created)."""
        service, store = self.service, self.store
        site = store.sites.get(form.chosen_site) if form.chosen_site else None
        under = under or Under(service.matrix, service.settings.business_hours,
                               service.settings.holidays)
        new = form.new_incident(meta, reporter_id, view_id, received_at or service.now(),
                                under.hours, under.holidays, under.ladder, site)
        first = None
        with store.atomically():
            incident, created = store.incidents.create(new)
            if created:
                store.timeline.add(service.entry(
                    incident, TimelineKind.REPORTED, incident.reporter_id,
                    severity=int(incident.severity), location=incident.location))
                if incident.severity_override_by:
                    store.timeline.add(service.entry(
                        incident, TimelineKind.SEVERITY_OVERRIDE, incident.reporter_id,
                        severity=int(incident.severity),
                        classified=int(incident.classified_severity)))
                if claim:
                    store.incidents.claim_card(incident.id, service.owner, service.now(),
                                               service.settings.lease)
                first = service.schedule(incident)
            store.received.remove(view_id)
        return incident, created, first
