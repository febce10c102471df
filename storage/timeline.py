"""An incident's timeline: every step written down, in order."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from bot.incident import TimelineEntry


class TimelineRepo:
    """The timeline table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self, incident_id: int, at: dt.datetime, kind: str, text: str, actor: str | None = None
    ) -> TimelineEntry:
        """Write one entry."""
        entry = TimelineEntry(incident_id=incident_id, at=at, kind=kind, actor=actor, text=text)
        self._db.execute(
            "INSERT INTO timeline (incident_id, at, kind, actor, text) VALUES (?, ?, ?, ?, ?)",
            [incident_id, at.astimezone(dt.UTC).isoformat(), kind, actor, text],
        )
        return entry

    def for_incident(self, incident_id: int) -> list[TimelineEntry]:
        """The incident's entries, oldest first."""
        rows = self._db.query(
            "SELECT incident_id, at, kind, actor, text FROM timeline "
            "WHERE incident_id = ? ORDER BY id",
            [incident_id],
        )
        return [TimelineEntry.model_validate(row) for row in rows]
