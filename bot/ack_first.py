"""Acknowledgements first: work that follows an ack() waits, briefly, while other requests
are still waiting for theirs. Slack gives each request three seconds; a modal's trigger lives
as long, so a short wait costs the follow-up nothing and keeps every ack fast under load."""

from __future__ import annotations

import asyncio

MAX_WAIT_SECONDS = 0.25


class AckFirst:
    """Counts HTTP requests not yet answered; `after_acks()` waits for them (up to a limit)."""

    def __init__(self, max_wait: float = MAX_WAIT_SECONDS) -> None:
        self.max_wait = max_wait
        self.waiting = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def started(self) -> None:
        self.waiting += 1
        self._idle.clear()

    def answered(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.waiting = 0
            self._idle.set()

    async def after_acks(self) -> None:
        """Let requests still waiting for their ack go first (never longer than max_wait)."""
        if self.waiting:
            try:
                await asyncio.wait_for(self._idle.wait(), timeout=self.max_wait)
            except TimeoutError:
                pass
