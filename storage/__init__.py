"""Everything the app keeps; no SQL lives outside this package.

Database work never runs on the event loop: `Store.run` hands it to the store's own worker
thread, so a locked or slow database delays only the work that needs it, never an ack.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from storage.db import file_identity, health_problem, open_database, transaction
from storage.incidents import IncidentRepo
from storage.levels import LevelRepo
from storage.records import IncidentHistory, RecordRepo
from storage.sites import SiteRepo
from storage.timeline import TimelineRepo

T = TypeVar("T")


class StoreClosed(RuntimeError):
    """Database work asked for after the store was closed (the app is stopping)."""


class Store:
    """The app's database and the repositories over it."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.db = open_database(path)
        self._identity = file_identity(path)
        self.incidents = IncidentRepo(self.db)
        self.timeline = TimelineRepo(self.db)
        self.levels = LevelRepo(self.db)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bvoip-db")
        self._closed = False
        self.records = RecordRepo(self.db)
        self.sites = SiteRepo(self.db)

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """Run database work on the store's thread, one piece at a time, off the event loop."""
        if self._closed:
            raise StoreClosed("the database is closed: bvoip is stopping")
        return await asyncio.get_running_loop().run_in_executor(self._worker, work, *args)

    @contextmanager
    def atomically(self) -> Iterator[None]:
        """Everything inside is written together or not at all."""
        with transaction(self.db):
            yield

    def health_problem(self) -> str | None:
        """Why the database cannot be written now, or None when it can."""
        return health_problem(self.db, self.path, self._identity)

    def close(self) -> None:
        self._closed = True
        self._worker.shutdown(wait=True)
        self.db.close()


__all__ = ["IncidentHistory", "Store"]
