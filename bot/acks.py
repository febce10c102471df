"""Acknowledgements first. Slack gives each request three seconds; on one event loop, work
that follows an ack (opening a modal, storing, posting a card) competes with requests still
waiting for theirs. That work waits — woken by an event, not by polling — until no request
is waiting, and never longer than a short bound, well inside a trigger's life."""

from __future__ import annotations

import asyncio

MAX_WAIT_SECONDS = 0.5


class AckGate:
    """Counts requests not yet acknowledged; `after_acks()` waits until there are none."""

    def __init__(self, max_wait: float = MAX_WAIT_SECONDS) -> None:
        self.max_wait = max_wait
        self.waiting = 0
        self._quiet = asyncio.Event()
        self._quiet.set()

    def arrived(self) -> None:
        self.waiting += 1
        self._quiet.clear()

    def answered(self) -> None:
        self.waiting = max(0, self.waiting - 1)
        if self.waiting == 0:
            self._quiet.set()

    async def after_acks(self) -> None:
        """Let requests awaiting their ack go first (at most `max_wait`)."""
        if self._quiet.is_set():
            return
        try:
            await asyncio.wait_for(self._quiet.wait(), self.max_wait)
        except TimeoutError:
            pass
