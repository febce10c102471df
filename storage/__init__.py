"""Everything the app keeps; no SQL lives outside this package.

`BVOIP_DB` picks the engine: a SQLite file (the default) or a PostgreSQL URL. Database work
never runs on the event loop: `Store.run` hands it to the store's own worker thread (with a
pooled connection for PostgreSQL), so a locked or slow database delays only database work,
never an ack.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from storage.engine import DatabaseUnavailable, Engine, open_engine
from storage.incidents import IncidentRepo
from storage.levels import LevelRepo
from storage.received import ReceivedRepo
from storage.records import IncidentHistory, RecordRepo
from storage.sites import SiteRepo
from storage.timeline import TimelineRepo

T = TypeVar("T")


class StoreClosed(RuntimeError):
    """Database work asked for after the store was closed (the app is stopping)."""


class Store:
    """The app's database and the repositories over it."""

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self.db: Engine = open_engine(self.location)
        self.incidents = IncidentRepo(self.db)
        self.timeline = TimelineRepo(self.db)
        self.levels = LevelRepo(self.db)
        self.records = RecordRepo(self.db)
        self.sites = SiteRepo(self.db)
        self.received = ReceivedRepo(self.db)
        self._worker = ThreadPoolExecutor(max_workers=self.db.workers,
                                          thread_name_prefix="bvoip-db")
        self._closed = False

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """Run database work on a store thread, off the event loop, holding one connection."""
        if self._closed:
            raise StoreClosed("the database is closed: bvoip is stopping")
        return await asyncio.get_running_loop().run_in_executor(self._worker, self._held,
                                                                work, args)

    def submit(self, work: Callable[..., T], *args: object) -> Future[T]:
        """Start database work on a store thread; its thread-side future (for callers that
        settle their own futures from it: bot/batches.py)."""
        if self._closed:
            raise StoreClosed("the database is closed: bvoip is stopping")
        return self._worker.submit(self._held, work, args)

    def _held(self, work: Callable[..., T], args: tuple) -> T:
        with self.db.session():
            return work(*args)

    @contextmanager
    def atomically(self) -> Iterator[None]:
        """Everything inside is written together or not at all."""
        with self.db.transaction():
            yield

    def health_problem(self) -> str | None:
        """Why the database cannot be written now, or None when it can."""
        return self.db.health_problem()

    def close(self) -> None:
        self._closed = True
        self._worker.shutdown(wait=True)
        self.db.close()


__all__ = ["DatabaseUnavailable", "IncidentHistory", "Store", "StoreClosed"]
