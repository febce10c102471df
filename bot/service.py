"""The incident service: the one place that changes an incident, and that writes about it
in Slack. Handlers and the reminder loop call it; it stores (off the event loop), writes the
timeline, schedules levels, posts and refreshes the card and tells the reporter."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from bot import blocks, records_slack
from bot.acks import AckGate
from bot.audience import Audience
from bot.batches import StoreBatches
from bot.blocks.reminder import level_open_blocks, level_open_text, resolved_text
from bot.blocks.timeline import entry_text, last_update, thread_message
from bot.clock import Clock, to_epoch
from bot.incident import Incident, TimelineEntry, TimelineKind
from bot.intake import Intake
from bot.matrix import Matrix
from bot.metrics import Metrics
from bot.pacing import backoff
from bot.schedule import LevelOpening, incident_ladder, next_opening, open_levels
from bot.settings import Settings
from bot.severity import Severity
from bot.site_directory import SiteDirectory
from bot.slack import CARD, LEVEL_OPENED, Slack, SlackFailure, SlackRefused, fix_for
from storage import Store
from storage.levels import CANCELLED, DueLevel

log = logging.getLogger(__name__)
LATE_AFTER = dt.timedelta(seconds=60)


class IncidentService:
    """Every change to an incident, and every Slack write about one."""

    def __init__(self, settings: Settings, store: Store, matrix: Matrix, clock: Clock,
                 slack: Slack, owner: str, metrics: Metrics) -> None:
        self.settings = settings
        self.store = store
        self.matrix = matrix
        self.clock = clock
        self.slack = slack
        self.owner = owner  # this process, on the claims it takes
        self.metrics = metrics
        self.changed = asyncio.Event()  # wakes the reminder loop
        self.audience = Audience(slack, clock)
        self.sites = SiteDirectory(store, clock)
        self.batches = StoreBatches(store)
        self.intake = Intake(self)  # reports kept, then built into incidents
        self.acks: AckGate | None = None  # the app's, once handlers.register() shares it
        self.loop_wakes_at: dt.datetime | None = None  # set by the sleeping reminder loop

    def now(self) -> dt.datetime:
        return self.clock.now()

    # ------------------------------------------------------------------ the ladder
    def openings(self, incident: Incident) -> list[LevelOpening]:
        """The incident's ladder, from its own snapshot: empty until reported to AT&T."""
        return incident_ladder(incident, self.matrix, self.settings.hours)

    def schedule(self, incident: Incident) -> dt.datetime | None:
        """(On the store's thread.) Store when each level opens; returns the first."""
        if openings := self.openings(incident):
            self.store.levels.schedule(incident.id, {o.level: o.opens_at for o in openings},
                                       self.now())
        return min((o.opens_at for o in openings), default=None)

    # ------------------------------------------------------------------ timeline
    def entry(self, incident: Incident, kind: TimelineKind, actor: str | None = None,
               **details: Any) -> TimelineEntry:
        text = entry_text(kind, details, ZoneInfo(incident.timezone))
        return TimelineEntry(incident_id=incident.id, at=self.now(), kind=kind, actor=actor,
                             text=text, details=details)

    async def _tell_thread(self, incident: Incident, entry: TimelineEntry) -> None:
        """Refresh the card with the entry as its last update and say it in the thread."""
        await self.refresh_card(incident, last_update(entry))
        if message := thread_message(entry):
            await self._say(incident, message)

    async def _say(self, incident: Incident, message: str, broadcast: bool = False) -> None:
        """A message in the card's thread (best effort: the timeline has it anyway)."""
        if incident.card_ts is None:
            return
        try:
            await self.slack.post(incident.channel_id, message, thread_ts=incident.card_ts,
                                  broadcast=broadcast)
        except SlackFailure as exc:
            log.warning("could not post in the thread of %s: %s", incident.number, exc)

    def wake_loop(self, at: dt.datetime) -> None:
        """Wake the reminder loop if something is due before it would wake anyway."""
        if self.loop_wakes_at is None or at < self.loop_wakes_at:
            self.changed.set()

    # ------------------------------------------------------------------ the card
    async def post_card(self, incident: Incident, claimed: bool = False,
                        attempts: int | None = None) -> bool:
        """Post the card once (`attempts`: of the claim held, if known); on failure keep it
        waiting with a retry time (telling the reporter what to fix). False if not posted."""
        now = self.now()
        if not claimed and not await self.store.run(
                self.store.incidents.claim_card, incident.id, self.owner, now, self.settings.lease):
            return False
        if attempts is None:
            attempts = await self.store.run(self.store.incidents.card_attempts, incident.id)
        try:
            ts = await self.slack.post_once(
                incident.channel_id, blocks.card_text(incident),
                blocks.card_blocks(incident, self.openings(incident), self.matrix, now),
                CARD, {"incident": incident.id}, look_first=attempts > 1)
        except SlackFailure as exc:
            await self._card_failed(incident, exc, attempts)
            return False
        except BaseException:
            await self.store.run(self.store.incidents.release_card, incident.id, None)
            raise

        def record() -> None:
            self.store.incidents.set_card(incident.id, ts)
            self.store.timeline.add(self.entry(incident, TimelineKind.CARD_POSTED))
        await self.batches.run(record)
        return True

    async def _card_failed(self, incident: Incident, exc: SlackFailure, attempts: int) -> None:
        retry_at = self.now() + backoff(attempts)
        refused = isinstance(exc, SlackRefused) and incident.card_error != exc.error

        def record() -> None:
            self.store.incidents.release_card(incident.id, retry_at)
            if refused:
                self.store.incidents.set_card_error(incident.id, exc.error)
                self.store.timeline.add(self.entry(incident, TimelineKind.CARD_FAILED,
                                                    error=exc.error))
        await self.batches.run(record)
        self.changed.set()
        if refused:
            await self.slack.dm(incident.reporter_id, (
                f":warning: {incident.number} is saved, but I could not post its card in "
                f"<#{incident.channel_id}> ({exc.error}). To fix it: "
                f"{fix_for(exc.error, incident.channel_id)}. I will post it as soon as I can, "
                "and keep trying until I do."))

    async def refresh_card(self, incident: Incident, update: str | None = None) -> bool:
        """Bring the posted card up to date (chat.update); False if it could not be."""
        fresh = await self.batches.together(self._read_many, incident.id) or incident
        if fresh.card_ts is None:
            return False
        try:
            await self.slack.update(fresh.channel_id, fresh.card_ts, blocks.card_text(fresh),
                                    blocks.card_blocks(fresh, self.openings(fresh), self.matrix,
                                                       self.now(), update))
            return True
        except SlackFailure as exc:
            log.warning("could not update the card of %s: %s", fresh.number, exc)
            return False

    async def post_due_cards(self, channel_id: str | None = None) -> int:
        """Post every waiting card whose retry is due (in one channel, or all)."""
        waiting = await self.store.run(self.store.incidents.claim_due_cards, self.owner,
                                       self.now(), self.settings.lease, channel_id)
        return sum([await self.post_card(incident, claimed=True) for incident in waiting])

    async def channel_fixed(self, channel_id: str) -> None:
        """What waits for the channel goes out now (a read first: no write lock when none)."""
        def retry_now() -> bool:
            if not self.store.incidents.anything_waiting(channel_id):
                return False
            self.store.incidents.release_cards_now(channel_id)
            self.store.levels.retry_now(channel_id)
            return True
        if await self.store.run(retry_now):
            self.changed.set()
            await self.post_due_cards(channel_id)

    # ------------------------------------------------------------------ who sees what
    async def visible_open(self, team_id: str | None, user_id: str) -> list[Incident]:
        """The open incidents of channels the person belongs to."""
        found = await self.store.run(self.store.incidents.all_open)
        return await self.audience.visible(found, team_id, user_id)

    async def form_opened(self, incident: Incident, view_id: str) -> None:
        """Remember a follow-up form opened about the incident (only its submission counts)."""
        await self.store.run(self.store.incidents.form_opened, view_id, incident.id, self.now())

    async def form_submitted(self, incident: Incident, view_id: str) -> bool:
        """Whether this is the first submission of a form the app opened about the incident."""
        return await self.store.run(self.store.incidents.form_submitted, view_id, incident.id,
                                    self.now())

    # ------------------------------------------------------------------ changes
    async def get(self, incident_id: int) -> Incident | None:
        return await self.store.run(self.store.incidents.get, incident_id)

    async def resolve(self, incident: Incident, by: str, notes: str,
                      restored_at: dt.datetime | None = None) -> bool:
        """Close the outage as restored at `restored_at` (default now): stop every pending
        level, update the card, post the closing line and the record. False if already done."""
        restored = restored_at or self.now()
        highest = max((o.level for o in open_levels(self.openings(incident), restored)),
                      default=None)

        def store() -> bool:
            if not self.store.incidents.resolve(incident.id, self.now(), notes.strip()):
                return False
            self.store.incidents.set_restoration(incident.id, restored, notes)
            self.store.levels.cancel_pending(incident.id)
            self.store.timeline.add(self.entry(incident, TimelineKind.RESOLVED, by,
                                                notes=notes.strip(), highest_level=highest))
            return True
        if not await self.batches.run(store):
            return False
        self.changed.set()
        resolved = await self.get(incident.id) or incident
        await self.refresh_card(resolved, "resolved")
        await self._say(resolved, resolved_text(resolved, highest, by), broadcast=True)
        await records_slack.post_record(self, resolved)
        return True

    async def change_severity(self, incident: Incident, by: str, severity: Severity,
                              why: str) -> bool:
        """Set the severity; pending levels are recounted from the original report time (on
        the incident's own ladder) and levels already open are announced by the loop."""
        if severity == incident.severity:
            return False
        entry = self.entry(incident, TimelineKind.SEVERITY_CHANGED, by, why=why.strip(),
                            **{"from": int(incident.severity), "to": int(severity)})

        def store() -> Incident:
            self.store.incidents.set_severity(incident.id, severity, by,
                                              incident.severity_reasons)
            changed = self.store.incidents.get(incident.id) or incident
            self.store.timeline.add(entry)
            self.schedule(changed)
            return changed
        changed = await self.batches.run(store)
        self.changed.set()
        await self._tell_thread(changed, entry)
        return True

    async def add_tickets(self, incident: Incident, by: str, tickets: list[str],
                          reported_at: dt.datetime | None) -> None:
        """Add AOTS ticket numbers; the first one starts the escalation clock."""
        merged = list(dict.fromkeys([*incident.tickets, *tickets]))
        starts = incident.reported_at is None
        clock_start = (reported_at or self.now()) if starts else incident.reported_at
        entry = self.entry(incident, TimelineKind.TICKET_ADDED, by, tickets=tickets,
                            clock_started=to_epoch(clock_start) if starts else None)

        def store() -> Incident:
            self.store.incidents.set_tickets(incident.id, merged, clock_start)
            updated = self.store.incidents.get(incident.id) or incident
            if starts:
                self.schedule(updated)
            self.store.timeline.add(entry)
            return updated
        updated = await self.batches.run(store)
        self.changed.set()
        await self._tell_thread(updated, entry)

    async def progress(self, incident: Incident, by: str, notes: str) -> None:
        """A progress update: timeline, thread and the card's last update."""
        await self._note(incident, self.entry(incident, TimelineKind.PROGRESS, by,
                                               notes=notes.strip()))

    async def called(self, incident: Incident, by: str, level: int, contact: str, promise: str,
                     next_update: dt.datetime | None) -> None:
        """A call to AT&T at a level: who was reached, what they promised, the next update."""
        await self._note(incident, self.entry(
            incident, TimelineKind.CALLED, by, level=level, contact=contact.strip(),
            promise=promise.strip(), next_update=to_epoch(next_update)))

    async def _note(self, incident: Incident, entry: TimelineEntry) -> None:
        """Write an entry that changes nothing else, then tell the card and the thread."""
        await self.store.run(self.store.timeline.add, entry)
        await self._tell_thread(incident, entry)

    # ------------------------------------------------------------------ levels
    async def announce_levels(self, incident: Incident | None, rows: list[DueLevel],
                              pace: Callable[[str], Awaitable[None]]) -> str | None:
        """Post one message for the highest of `rows` (due, claimed by this process, for one
        incident as read with the claim; read again when the channel's pace allows). Returns
        the card's new "last update" when the card should follow."""
        incident_id = rows[0].incident_id
        if incident is None or not incident.is_open or incident.reported_at is None:
            await self._mark(incident_id, rows, CANCELLED)
            return None
        if incident.card_ts is None:
            await self.post_card(incident)
            incident = await self.get(incident_id) or incident
            if incident.card_ts is None:  # it keeps trying; so do the levels, a little later
                await self._retry(incident, rows, incident.card_error)
                return None
        now = self.now()
        await pace(incident.channel_id)
        # Read with the other channels' posts of the moment, in one query for all of them.
        if (incident := await self.batches.together(
                self._still_ours, (incident_id, tuple(r.level for r in rows)))
                ) is None:  # resolved (or taken over) while waiting for the channel's pace
            self.changed.set()  # what it let go of is claimed afresh
            return None
        highest = max(rows, key=lambda r: r.level)
        ladder = self.openings(incident)  # the incident's own snapshot of the ladder
        if not (openings := [o for o in ladder if o.level in {r.level for r in rows}]):
            await self._mark(incident_id, rows, CANCELLED)
            return None
        top = openings[-1]
        due = max(highest.opens_at, highest.scheduled_at)
        late_by = now - due if now - due > LATE_AFTER else None
        message = level_open_blocks(incident, top, openings, now, late_by,
                                    highest.scheduled_at > highest.opens_at,
                                    next_opening(ladder, now))
        try:
            ts = await self.slack.post_once(
                incident.channel_id, level_open_text(incident, top), message, LEVEL_OPENED,
                {"incident": incident.id, "level": top.level}, thread_ts=incident.card_ts,
                look_first=highest.attempts > 1)
        except SlackFailure as exc:
            await self._retry(incident, rows, exc.error if isinstance(exc, SlackRefused)
                              else None)
            return None
        entry = self.entry(incident, TimelineKind.LEVEL_OPENED, level=top.level, name=top.name,
                            late_minutes=late_by.total_seconds() / 60 if late_by else None)
        # What went out is recorded (even if the lease ran out meanwhile), with the other
        # channels' posts of the moment.
        await self.batches.together(self._record_posts,
                                    (incident_id, [r.level for r in rows], ts, entry))
        self.metrics.level_posted(now - due, late=late_by is not None)
        return last_update(entry)

    def _still_ours(self, wanted: list[tuple[int, tuple[int, ...]]]) -> list[Incident | None]:
        """For each (incident, levels about to be posted): the incident, while it is open and
        this process holds every one of those levels. Holding only some (another replica
        took the others over), it lets go of them: the levels still pending are then claimed
        afresh, together, instead of waiting out the lease. Two queries for them all."""
        ids = sorted({incident_id for incident_id, _ in wanted})
        incidents = self.store.incidents.many(ids)
        held = self.store.levels.held_many(self.owner, ids)
        found: list[Incident | None] = []
        for incident_id, levels in wanted:
            if not set(levels) <= held.get(incident_id, set()):
                self.store.levels.release(incident_id, list(levels), self.owner, None)
                found.append(None)
                continue
            incident = incidents.get(incident_id)
            found.append(incident if incident is not None and incident.is_open else None)
        return found

    def _record_posts(self, posts: list[tuple[int, list[int], str, TimelineEntry]]
                      ) -> list[None]:
        """Mark level posts that went out as posted, and write their timeline entries."""
        self.store.levels.mark_posted_many([(i, levels, ts) for i, levels, ts, _ in posts],
                                           self.now())
        self.store.timeline.add_many([entry for *_, entry in posts])
        return [None] * len(posts)

    def _read_many(self, incident_ids: list[int]) -> list[Incident | None]:
        """Incidents by number, in one query, in the order asked."""
        found = self.store.incidents.many(sorted(set(incident_ids)))
        return [found.get(incident_id) for incident_id in incident_ids]

    async def _mark(self, incident_id: int, rows: list[DueLevel], state: str) -> None:
        await self.store.run(self.store.levels.mark, incident_id, [r.level for r in rows],
                             self.owner, state, self.now())

    async def _retry(self, incident: Incident, rows: list[DueLevel], refusal: str | None) -> None:
        """Try again after a backoff; tell the reporter once per new refusal what to fix."""
        attempts = max(r.attempts for r in rows)
        levels, top = [r.level for r in rows], max(r.level for r in rows)
        known = await self.store.run(self.store.levels.errors_of, incident.id, levels)

        def record() -> None:
            self.store.levels.release(incident.id, levels, self.owner,
                                      self.now() + backoff(attempts))
            if refusal is not None and refusal not in known:
                self.store.levels.note_error(incident.id, levels, refusal)
                self.store.timeline.add(self.entry(incident, TimelineKind.LEVEL_FAILED,
                                                    level=top, error=refusal))
        await self.batches.run(record)
        self.changed.set()
        if refusal is not None and refusal not in known and refusal != incident.card_error:
            await self.slack.dm(incident.reporter_id, (
                f":warning: Level {top} of {incident.number} is open, but I could not post it "
                f"in <#{incident.channel_id}> ({refusal}). To fix it: "
                f"{fix_for(refusal, incident.channel_id)}. I will post it as soon as that is "
                "fixed, and keep trying until I do."))
