"""Database work that arrives together is done together: while one batch is on the store's
thread, the work asked for meanwhile waits, then all of it goes in one transaction (one trip
to the thread, one commit) instead of queueing piece by piece. Each caller hears back only
once its work is committed. A piece that fails in a batch fails the batch, which is then
done again one piece per transaction, so one bad write never costs the others theirs and
nothing is ever half-stored. (A burst of reports, or of level posts in many channels.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from storage import Store

T = TypeVar("T")
Outcome = tuple[bool, Any]  # (True, result) or (False, the exception)


class StoreBatches:
    """Runs database work (functions for the store's thread) in batches of what arrives together."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._waiting: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, work: Callable[[], T]) -> T:
        """Run `work` in a transaction on the store's thread, with the work that arrives
        while the batch before is being done; returns its result once committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append((work, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain(), name="store batches")
        return await future

    async def _drain(self) -> None:
        batch: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                try:
                    outcomes = await self.store.run(self._write, [work for work, _ in batch])
                except Exception as exc:  # the store is closed (the app is stopping)
                    outcomes = [(False, exc)] * len(batch)
                for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
                    if future.done():
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
        except asyncio.CancelledError:  # the loop is closing: so are the writes' callers
            for _, future in [*batch, *self._waiting]:
                future.cancel()
            self._waiting = []
            raise
        finally:
            self._writer = None

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
