"""Time, injected: the app asks a clock, so tests move time instead of sleeping."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    async def sleep_until(self, moment: dt.datetime, wake: asyncio.Event) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    async def sleep_until(self, moment: dt.datetime, wake: asyncio.Event) -> None:
        """Sleep until `moment` or until `wake` is set, whichever comes first."""
        delay = max(0.0, (moment - self.now()).total_seconds())
        try:
            await asyncio.wait_for(wake.wait(), timeout=delay)
        except TimeoutError:
            pass


def from_epoch(seconds: float | None) -> dt.datetime | None:
    """Epoch seconds (as stored, or as a Slack datetimepicker gives them) as an aware UTC
    moment; None for None or a number no calendar holds."""
    if seconds is None or isinstance(seconds, bool):
        return None
    try:
        return dt.datetime.fromtimestamp(float(seconds), dt.UTC)
    except (OverflowError, OSError, ValueError, TypeError):
        return None


def to_epoch(moment: dt.datetime | None) -> float | None:
    """An aware moment as epoch seconds, the one way every table stores time."""
    return None if moment is None else moment.timestamp()
