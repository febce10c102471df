"""The reminder loop: sleeps until the next level opens (or something changes), claims the
due levels atomically and posts each opening in the incident's thread, once."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict
from zoneinfo import ZoneInfo

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import tags
from bot.blocks.reminder import level_open_blocks, level_open_text
from bot.cards import fix_for, post_card, refresh_card, slack_error, tell_user
from bot.claims import is_dead_here
from bot.deps import Deps
from bot.incident import Incident
from bot.pacing import ChannelPacer
from bot.schedule import next_opening, opening
from bot.tags import posted_already
from storage.levels import CANCELLED, FAILED, POSTED, DueLevel

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=60)
LATE_AFTER = dt.timedelta(seconds=60)
IDLE = dt.timedelta(days=1)
SOON = dt.timedelta(seconds=2)
TRANSIENT_ERRORS = {
    "ratelimited",
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
    "unknown_error",
}


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait before trying a level again after a transient failure."""
    return dt.timedelta(seconds=min(300, 5 * 2 ** max(0, attempts - 1)))


def is_transient(exc: BaseException) -> bool:
    """Whether Slack was only briefly away (retry later) rather than refusing for good."""
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        return status >= 500 or status == 429 or slack_error(exc) in TRANSIENT_ERRORS
    return isinstance(exc, aiohttp.ClientError | asyncio.TimeoutError | ConnectionError)


class Reminders:
    """Posts level openings for every open incident, from one or more processes."""

    def __init__(
        self,
        deps: Deps,
        client: AsyncWebClient,
        owner: str | None = None,
        lease: dt.timedelta = LEASE,
        pacer: ChannelPacer | None = None,
    ) -> None:
        self.deps = deps
        self.client = client
        self.owner = owner or deps.owner
        self.lease = lease
        self.pacer = pacer or ChannelPacer()
        self._queues: dict[str, asyncio.Queue[tuple[int, list[DueLevel]]]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._heartbeat_task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Loop forever: claim what is due, hand it to its channel, sleep until next."""
        try:
            while True:
                self.deps.changed.clear()
                self.dispatch_due()
                wake_at = self.deps.store.levels.next_wake() or self.deps.now() + IDLE
                await self.deps.clock.sleep_until(wake_at, self.deps.changed)
        finally:
            tasks = [*self._workers.values(), *([self._heartbeat_task] if self._heartbeat_task
                                                else [])]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def release_dead_claims(self) -> int:
        """Free the claims of processes on this host that died (kill -9, crash) at once,
        instead of waiting for their leases to expire."""
        levels, incidents = self.deps.store.levels, self.deps.store.incidents
        owners = set(levels.claimants()) | set(incidents.card_claimants())
        released = 0
        for owner in filter(is_dead_here, owners):
            log.warning("releasing the claims of %s, which is no longer running", owner)
            released += levels.release_all(owner) + incidents.release_cards_of(owner)
        return released

    def dispatch_due(self) -> int:
        """Claim every due level and queue it on its incident's channel; returns how many."""
        due = self.deps.store.levels.claim_due(self.deps.now(), self.owner, self.lease)
        by_incident: dict[int, list[DueLevel]] = defaultdict(list)
        for row in due:
            by_incident[row.incident_id].append(row)
        for incident_id, rows in by_incident.items():
            incident = self.deps.store.incidents.get(incident_id)
            channel = incident.channel_id if incident else "-"
            self._queue(channel).put_nowait((incident_id, rows))
        return len(due)

    def _queue(self, channel: str) -> asyncio.Queue[tuple[int, list[DueLevel]]]:
        queue = self._queues.setdefault(channel, asyncio.Queue())
        worker = self._workers.get(channel)
        if worker is None or worker.done():
            if self._heartbeat_task is None or self._heartbeat_task.done():
                self._heartbeat_task = asyncio.create_task(self._heartbeat(),
                                                           name="reminder claims heartbeat")
            self._workers[channel] = asyncio.create_task(
                self._work(channel, queue), name=f"reminders {channel}"
            )
        return queue

    async def _work(self, channel: str, queue: asyncio.Queue[tuple[int, list[DueLevel]]]) -> None:
        # The queue is re-checked after the card updates, with no await between that check
        # and the end of the task, so nothing queued meanwhile is left without a worker.
        while not queue.empty():
            cards: dict[int, str] = {}  # incidents whose card to bring up to date, and why
            while not queue.empty():
                incident_id, rows = queue.get_nowait()
                try:
                    if update := await self.deliver(incident_id, rows):
                        cards[incident_id] = update
                except Exception:  # one broken incident must never stop its channel's others
                    log.exception("delivering levels of INC-%s failed", incident_id)
                    self._release(incident_id, rows)
            # The level posts go out first; the cards follow once this burst is done.
            for incident_id, update in cards.items():
                if incident := self.deps.store.incidents.get(incident_id):
                    await refresh_card(self.deps, self.client, incident, last_update=update)

    async def _heartbeat(self) -> None:
        """Renew this process's claims while deliveries are under way (and only then: an
        idle loop wakes for nothing)."""
        while any(not worker.done() for worker in self._workers.values()):
            await asyncio.sleep(self.lease.total_seconds() / 3)
            self.deps.store.levels.renew(self.owner, self.deps.now(), self.lease)
        self._heartbeat_task = None

    def _release(self, incident_id: int, rows: list[DueLevel], soon: bool = False) -> None:
        attempts = max(r.attempts for r in rows)
        wait = SOON if soon else backoff(attempts)
        self.deps.store.levels.release(incident_id, [r.level for r in rows], self.owner,
                                       self.deps.now() + wait)
        self.deps.changed.set()

    def _mark(
        self,
        incident_id: int,
        rows: list[DueLevel],
        state: str,
        ts: str | None = None,
        error: str | None = None,
    ) -> None:
        self.deps.store.levels.mark(
            incident_id,
            [r.level for r in rows],
            self.owner,
            state,
            self.deps.now(),
            message_ts=ts,
            error=error,
        )

    async def deliver(self, incident_id: int, rows: list[DueLevel]) -> str | None:
        """Post one message for the highest level among `rows` (all due for one incident);
        returns the card's new "last update" when the card should follow."""
        store, now = self.deps.store, self.deps.now()
        incident = store.incidents.get(incident_id)
        if incident is None or not incident.is_open or incident.reported_at is None:
            self._mark(incident_id, rows, CANCELLED)
            return
        if incident.card_ts is None:
            if not await post_card(self.deps, self.client, incident):
                await self._card_missing(incident_id, rows)
                return
            incident = store.incidents.get(incident_id) or incident
        highest = max(rows, key=lambda r: r.level)
        if highest.attempts > 1 and (ts := await posted_already(
                lambda: self.client.conversations_replies(
                    channel=incident.channel_id, ts=incident.card_ts, include_all_metadata=True,
                    limit=200),
                tags.LEVEL_OPENED, incident=incident.id, level=highest.level)):
            # An earlier attempt reached Slack but died before it was recorded.
            self._mark(incident_id, rows, POSTED, ts=ts)
            return
        zone = ZoneInfo(incident.timezone)
        openings = [opening(self.deps.matrix, r.level, incident.severity, incident.reported_at,
                            zone, self.deps.hours) for r in sorted(rows, key=lambda r: r.level)]
        top = openings[-1]
        due = max(highest.opens_at, highest.scheduled_at)
        late_by = now - due if now - due > LATE_AFTER else None
        rescheduled = highest.scheduled_at > highest.opens_at
        following = next_opening(self.deps.openings(incident), now)
        blocks = level_open_blocks(incident, top, openings, now, late_by, rescheduled, following)
        await self.pacer.wait(incident.channel_id)
        try:
            response = await self.client.chat_postMessage(
                channel=incident.channel_id, thread_ts=incident.card_ts, reply_broadcast=True,
                text=level_open_text(incident, top), blocks=blocks,
                metadata=tags.tag(tags.LEVEL_OPENED, incident=incident.id, level=top.level),
                unfurl_links=False, unfurl_media=False)
        except Exception as exc:
            if is_transient(exc):
                log.warning("Slack unavailable for INC-%s Level %s: %s; will retry",
                            incident_id, top.level, exc)
                self._release(incident_id, rows)
                return
            if isinstance(exc, SlackApiError):
                await self._failed(incident, rows, slack_error(exc))
                return
            raise
        if not response.get("ok") or not response.get("ts"):
            self._release(incident_id, rows)
            return
        self._mark(incident_id, rows, POSTED, ts=response["ts"])
        late = f", {late_by.total_seconds() / 60:.0f} min late" if late_by else ""
        store.timeline.add(incident_id, now, "level_opened",
                           f"Level {top.level} ({top.name}) opened; posted in the thread{late}")
        return f"Level {top.level} open"

    async def _card_missing(self, incident_id: int, rows: list[DueLevel]) -> None:
        """The card is not up: refused for good (fail the levels), or still being posted or
        Slack briefly away (try again shortly)."""
        incident = self.deps.store.incidents.get(incident_id)
        if incident is not None and incident.card_ts is None and incident.card_error:
            # post_card has already told the reporter how to fix the channel.
            await self._failed(incident, rows, incident.card_error, tell_reporter=False)
        else:
            self._release(incident_id, rows, soon=True)

    async def _failed(
        self, incident: Incident, rows: list[DueLevel], error: str, tell_reporter: bool = True
    ) -> None:
        """A permanent refusal: record it on the timeline and tell the reporter once."""
        self._mark(incident.id, rows, FAILED, error=error)
        top = max(r.level for r in rows)
        self.deps.store.timeline.add(
            incident.id,
            self.deps.now(),
            "level_failed",
            f"Level {top} opened but could not be posted ({error})",
        )
        if tell_reporter:
            await tell_user(
                self.client,
                incident.reporter_id,
                f":warning: Level {top} of {incident.number} is open, but I could not post it "
                f"in <#{incident.channel_id}> ({error}). To fix it: "
                f"{fix_for(error, incident.channel_id)}.",
            )
