"""Database work that arrives together is done together: while one batch is on the store's
thread, the work asked for meanwhile waits, then all of it goes in one transaction (one trip
to the thread, one commit) instead of queueing piece by piece. Each caller hears back only
once its work is committed. A piece that fails in a batch fails the batch, which is then
done again one piece per transaction, so one bad write never costs the others theirs and
nothing is ever half-stored. (A burst of reports, or of level posts in many channels.)

Work that an ack waits for (a report kept before it is confirmed) goes in the next batch
whatever else waits; work that follows an ack (building incidents, recording posts) goes at
most `LATER_PER_BATCH` pieces a batch, so what an ack waits for never queues behind a whole
burst's worth of it, and that work still moves on in every batch.

The store's thread hands each batch's outcome straight back to the event loop, where every
caller's future is settled and the next batch starts: no task sits in between, because under
a burst every extra step on a busy loop is one more turn of it before an ack goes out."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from storage import Store

T = TypeVar("T")
Outcome = tuple[bool, Any]  # (True, result) or (False, the exception)
Batch = list[tuple[Callable[[], Any], asyncio.Future[Any]]]
LATER_PER_BATCH = 8  # about 6 ms of building incidents: the most an ack then waits behind


class StoreBatches:
    """Runs database work (functions for the store's thread) in batches of what arrives together."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._first: Batch = []  # what an ack waits for
        self._waiting: Batch = []
        self._busy = False

    def submit(self, work: Callable[[], T], before_ack: bool = False) -> asyncio.Future[T]:
        """Queue `work` for a transaction on the store's thread, with the work that arrives
        while the batch before is being done (`before_ack`: ahead of all other work); the
        future is settled once it is committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        (self._first if before_ack else self._waiting).append((work, future))
        if not self._busy:
            self._start(loop)
        return future

    async def run(self, work: Callable[[], T]) -> T:
        """`submit`, awaited."""
        return await self.submit(work)

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._first = self._first + self._waiting[:LATER_PER_BATCH], []
        del self._waiting[:LATER_PER_BATCH]
        self._busy = bool(batch)
        if not batch:
            return
        try:
            trip = self.store.submit(self._write, [work for work, _ in batch])
        except Exception as exc:  # the store is closed (the app is stopping)
            self._settle(loop, batch, exc)
            return

        def back(done: Future[list[Outcome]]) -> None:  # on the store's thread
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                loop.call_soon_threadsafe(self._finished, loop, batch, done)
        trip.add_done_callback(back)

    def _finished(self, loop: asyncio.AbstractEventLoop, batch: Batch,
                  done: Future[list[Outcome]]) -> None:
        self._settle(loop, batch, done.exception() or done.result())

    def _settle(self, loop: asyncio.AbstractEventLoop, batch: Batch,
                outcomes: list[Outcome] | BaseException) -> None:
        """Tell each caller, then start the batch that gathered meanwhile."""
        if isinstance(outcomes, BaseException):
            outcomes = [(False, outcomes)] * len(batch)
        for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
            if future.done():  # its caller stopped waiting
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._start(loop)

    def _write(self, works: list[Callable[[], Any]]) -> list[Outcome]:
        """(On the store's thread.) All in one transaction; if that fails, one by one."""
        if len(works) > 1:
            try:
                with self.store.atomically():
                    return [(True, work()) for work in works]
            except Exception:  # rolled back as a whole: each on its own below
                pass
        outcomes: list[Outcome] = []
        for work in works:
            try:
                with self.store.atomically():
                    outcomes.append((True, work()))
            except Exception as exc:
                outcomes.append((False, exc))
        return outcomes
