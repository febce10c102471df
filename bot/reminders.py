"""The reminder loop: sleeps until the next level opens or a waiting card is due a retry (or
something changes), claims what is due and hands it, channel by channel, to the incident
service, keeping Slack's pace in each channel without holding up the others."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict

from bot.claims import is_dead_here
from bot.incident import Incident
from bot.pacing import ChannelPacer
from bot.service import IncidentService
from storage import StoreClosed
from storage.levels import DueLevel

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=60)
IDLE = dt.timedelta(days=1)
# At most this long between looks at the database, so that work another replica (or process)
# added is seen within a few seconds; a look that finds nothing due costs two index reads.
RECHECK = 2.0
# Levels claimed at a time: the first posts of a burst go out while the rest are claimed.
CLAIM_BATCH = 100
WORKER_FAILURE_PAUSE = 5.0  # seconds before a channel's worker starts again after a crash
# What a channel's worker is handed: an incident's id, its due levels (none: its waiting
# card) and the incident as read when they were claimed.
Due = tuple[int, list[DueLevel], Incident | None]


class Reminders:
    """Posts level openings (and waiting cards) for every open incident, from one or more
    processes sharing the database."""

    def __init__(self, service: IncidentService, owner: str | None = None,
                 lease: dt.timedelta = LEASE, pacer: ChannelPacer | None = None,
                 recheck: float = RECHECK) -> None:
        self.service = service
        self.store = service.store
        self.owner = owner or service.owner
        self.lease = lease
        self.recheck = recheck
        self.pacer = pacer or ChannelPacer()
        self._queues: dict[str, asyncio.Queue[Due]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._heartbeat_task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Loop forever: claim what is due, hand it to its channel, sleep until next."""
        changed = self.service.changed
        try:
            while True:
                if self.service.acks is not None:  # requests awaiting their ack go first
                    await self.service.acks.after_acks()
                # Awake: a change from now on wakes it again; while it sleeps, only a change
                # due before it would wake anyway (a new report opening no level sooner
                # lets it sleep on).
                self.service.loop_wakes_at = None
                changed.clear()
                try:
                    await self.dispatch_due()
                    await self._sleep(changed)
                except StoreClosed:  # the app is stopping
                    return
                except Exception:  # the database failed (restarted, broken): it may be back soon
                    log.exception("the reminder loop could not use the database; trying again "
                                  "in %.0f s", WORKER_FAILURE_PAUSE)
                    await asyncio.sleep(WORKER_FAILURE_PAUSE)
        finally:
            tasks = [*self._workers.values(), *([self._heartbeat_task] if self._heartbeat_task
                                                else [])]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _sleep(self, changed: asyncio.Event) -> None:
        """Until the next level or retry is due, or something changed here; looking again
        every `recheck` seconds for what another replica added."""
        while True:
            wake_at = await self.store.run(self._next_wake) or self.service.now() + IDLE
            if wake_at <= self.service.now():
                return
            self.service.loop_wakes_at = wake_at
            try:  # asyncio.timeout, unlike wait_for on 3.11, never swallows a cancellation
                async with asyncio.timeout(self.recheck):
                    await self.service.clock.sleep_until(wake_at, changed)
                return
            except TimeoutError:
                continue

    def _next_wake(self) -> dt.datetime | None:
        moments = [m for m in (self.store.levels.next_wake(),
                               self.store.incidents.next_card_retry(),
                               self.service.intake.next_build()) if m is not None]
        return min(moments) if moments else None

    def release_dead_claims(self) -> int:
        """Free the claims of processes on this host that died (kill -9, crash) at once,
        instead of waiting for their leases to expire; and, since this start may be the fix
        for what was refused (a new token), make every waiting post due now."""
        levels, incidents = self.store.levels, self.store.incidents
        owners = set(levels.claimants()) | set(incidents.card_claimants())
        released = 0
        # A claim in this replica's own name is from its previous run (a fixed BVOIP_INSTANCE).
        for owner in (o for o in owners if is_dead_here(o) or o == self.owner):
            log.warning("releasing the claims of %s, which is no longer running", owner)
            freed = levels.release_all(owner)
            self.service.metrics.taken_over(freed)
            released += freed + incidents.release_cards_of(owner)
        levels.retry_now()
        incidents.release_cards_now()
        # Reports kept before their ack whose incident the last run did not build.
        self.service.intake.build_waiting(self.service.now(), everything=True)
        return released

    async def dispatch_due(self) -> int:
        """Claim every due level and waiting card, and queue each on its channel."""
        now = self.service.now()

        def claim() -> tuple[list[DueLevel], dict[int, Incident], list[Incident]]:
            # All or nothing: a claim whose incidents cannot be read is not kept (held, it
            # would wait out its lease when the loop tries again).
            self.service.intake.build_waiting(now)  # each in its own transaction
            with self.store.atomically():
                abandoned = self.store.levels.abandoned(now, self.owner, CLAIM_BATCH)
                due = self.store.levels.claim_due(now, self.owner, self.lease, CLAIM_BATCH)
                incidents = self.store.incidents.many(sorted({d.incident_id for d in due}))
                cards = self.store.incidents.claim_due_cards(self.owner, now, self.lease)
            self.service.metrics.taken_over(abandoned)
            return due, incidents, cards

        due, incidents, cards = await self.store.run(claim)
        for incident in cards:
            self._queue(incident.channel_id).put_nowait((incident.id, [], None))
        by_incident: dict[int, list[DueLevel]] = defaultdict(list)
        for row in due:
            by_incident[row.incident_id].append(row)
        for incident_id, rows in by_incident.items():
            incident = incidents.get(incident_id)
            channel = incident.channel_id if incident else "-"
            self._queue(channel).put_nowait((incident_id, rows, incident))
        return len(due)

    def _queue(self, channel: str) -> asyncio.Queue[Due]:
        queue = self._queues.setdefault(channel, asyncio.Queue())
        worker = self._workers.get(channel)
        if worker is None or worker.done():
            if self._heartbeat_task is None or self._heartbeat_task.done():
                self._heartbeat_task = asyncio.create_task(self._heartbeat(),
                                                           name="reminder claims heartbeat")
            self._workers[channel] = asyncio.create_task(self._work(channel, queue),
                                                         name=f"reminders {channel}")
        return queue

    async def _work(self, channel: str, queue: asyncio.Queue[Due]) -> None:
        # The queue is re-checked after the card updates, with no await between that check
        # and the end of the task, so nothing queued meanwhile is left without a worker.
        while not queue.empty():
            cards: dict[int, tuple[Incident, str]] = {}  # cards to bring up to date, and why
            while not queue.empty():
                incident_id, rows, claimed = queue.get_nowait()
                try:
                    if not rows:  # a waiting card, claimed for this process
                        if incident := await self.service.get(incident_id):
                            await self.service.post_card(incident, claimed=True)
                    elif (update := await self.service.announce_levels(
                            claimed, rows, self.pacer.wait)) and claimed is not None:
                        cards[incident_id] = (claimed, update)
                except Exception:  # one broken incident must never stop its channel's others
                    log.exception("posting for INC-%s failed; it will be tried again",
                                  incident_id)
                    await self._release(incident_id, rows)
            # The level posts go out first; the cards follow once this burst is done (each
            # read afresh there).
            for incident, update in cards.values():
                await self.service.refresh_card(incident, update)
        # This channel is quiet: forget it until it has work again.
        if self._queues.get(channel) is queue and queue.empty():
            del self._queues[channel]
            self._workers.pop(channel, None)
            self.pacer.forget(channel)

    async def _release(self, incident_id: int, rows: list[DueLevel]) -> None:
        """Free what a crashed delivery held, to be tried again shortly."""
        retry_at = self.service.now() + dt.timedelta(seconds=WORKER_FAILURE_PAUSE)
        try:
            if rows:
                await self.store.run(self.store.levels.release, incident_id,
                                     [r.level for r in rows], self.owner, retry_at)
            else:
                await self.store.run(self.store.incidents.release_card, incident_id, retry_at)
        except Exception:
            log.exception("could not release the claims of INC-%s: they expire with the lease",
                          incident_id)
        self.service.changed.set()

    async def _heartbeat(self) -> None:
        """Renew this process's claims while deliveries are under way (and only then: an
        idle loop wakes for nothing)."""
        while any(not worker.done() for worker in self._workers.values()):
            await asyncio.sleep(self.lease.total_seconds() / 3)
            await self.store.run(self.store.levels.renew, self.owner, self.service.now(),
                                 self.lease)
        self._heartbeat_task = None
