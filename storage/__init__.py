"""Everything the app keeps in SQLite; no SQL lives outside this package."""

from __future__ import annotations

from pathlib import Path

from storage.db import is_reachable, open_database
from storage.incidents import IncidentRepo
from storage.levels import LevelRepo
from storage.sites import SiteRepo
from storage.timeline import TimelineRepo


class Store:
    """The app's SQLite file and the repositories over it."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.db = open_database(path)
        self.incidents = IncidentRepo(self.db)
        self.timeline = TimelineRepo(self.db)
        self.levels = LevelRepo(self.db)
        self.sites = SiteRepo(self.db)

    def is_reachable(self) -> bool:
        """Whether the database answers."""
        return is_reachable(self.db)

    def close(self) -> None:
        self.db.close()


__all__ = ["Store"]
