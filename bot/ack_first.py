"""Acknowledgements first: work that follows an ack() waits, briefly, while other requests
are still waiting for theirs. Slack gives each request three seconds; a modal's trigger lives
as long, so a short wait costs the follow-up nothing and keeps every ack fast under load."""

from __future__ import annotations

import asyncio
import time

MAX_WAIT_SECONDS = 0.5  # well inside a trigger_id's three seconds
QUIET_SECONDS = 0.005  # no request for this long: the burst is over
POLL_SECONDS = 0.002


class AckFirst:
    """Counts HTTP requests not yet answered; `after_acks()` waits for a quiet moment."""

    def __init__(self, max_wait: float = MAX_WAIT_SECONDS) -> None:
        self.max_wait = max_wait
        self.waiting = 0
        self._last = 0.0

    def started(self) -> None:
        self.waiting += 1
        self._last = time.monotonic()

    def answered(self) -> None:
        self.waiting = max(0, self.waiting - 1)
        self._last = time.monotonic()

    def _busy(self) -> bool:
        return self.waiting > 0 or time.monotonic() - self._last < QUIET_SECONDS

    async def after_acks(self) -> None:
        """Let requests awaiting their ack go first: return once no request has been waiting
        for a few milliseconds, and never later than max_wait."""
        deadline = time.monotonic() + self.max_wait
        while self._busy() and time.monotonic() < deadline:
            await asyncio.sleep(POLL_SECONDS)
