"""A clock that tests move by hand: the reminder loop sleeps on it instead of on real time."""

from __future__ import annotations

import asyncio
import datetime as dt


class FakeClock:
    """now() returns the time set; advance() moves it and wakes anything sleeping on it."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = start
        self._moved = asyncio.Event()

    def now(self) -> dt.datetime:
        return self._now

    def set(self, moment: dt.datetime) -> None:
        self._now = moment
        self._moved.set()
        self._moved = asyncio.Event()

    def advance(self, **delta: float) -> dt.datetime:
        """Move forward by timedelta keywords (hours=1, minutes=5…)."""
        self.set(self._now + dt.timedelta(**delta))
        return self._now

    async def sleep_until(self, moment: dt.datetime, wake: asyncio.Event) -> None:
        while self._now < moment and not wake.is_set():
            moved = asyncio.ensure_future(self._moved.wait())
            woken = asyncio.ensure_future(wake.wait())
            try:
                await asyncio.wait({moved, woken}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                moved.cancel()
                woken.cancel()
