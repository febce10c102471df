"""Slack's pace for chat.postMessage (about one message a second per channel, short bursts),
and how long a failed post waits before it is tried again."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from dataclasses import dataclass, field


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class ChannelPacer:
    """A token bucket per channel: a burst of `burst`, then `rate` messages a second.

    Each channel waits only for itself, so a busy channel never holds up another.
    """

    rate: float = 1.0
    burst: int = 3
    _buckets: dict[str, _Bucket] = field(default_factory=dict)

    def delay(self, channel: str) -> float:
        """Take a token for `channel`; seconds to wait before sending (0 when free)."""
        now = time.monotonic()
        bucket = self._buckets.setdefault(channel, _Bucket(float(self.burst), now))
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        bucket.tokens -= 1.0
        return 0.0 if bucket.tokens >= 0 else -bucket.tokens / self.rate

    def forget(self, channel: str) -> None:
        """Drop a quiet channel's bucket once it is full again (it would start full anyway),
        and any other full ones, so channels seen once are not kept for ever."""
        now = time.monotonic()
        full = [name for name, b in self._buckets.items()
                if b.tokens + (now - b.updated) * self.rate >= self.burst]
        for name in full:
            del self._buckets[name]

    async def wait(self, channel: str) -> None:
        """Wait for this channel's turn."""
        pause = self.delay(channel)
        if pause > 0:
            await asyncio.sleep(pause)


MAX_RETRY_WAIT = dt.timedelta(minutes=15)


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait before trying a post again: 5 s, doubling, at most 15 minutes."""
    return min(MAX_RETRY_WAIT, dt.timedelta(seconds=5 * 2 ** min(12, max(0, attempts - 1))))
