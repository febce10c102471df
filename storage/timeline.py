"""An incident's timeline: every step written down, in order, with its typed details."""

from __future__ import annotations

import json

from bot.clock import from_epoch, to_epoch
from bot.incident import TimelineEntry
from storage.engine import Engine


class TimelineRepo:
    """The timeline table."""

    def __init__(self, db: Engine) -> None:
        self._db = db

    def add(self, entry: TimelineEntry) -> TimelineEntry:
        """Write one entry."""
        self._db.execute(_INSERT, _row(entry))
        return entry

    def add_many(self, entries: list[TimelineEntry]) -> None:
        """Write several entries, in order."""
        self._db.execute_many(_INSERT, [_row(entry) for entry in entries])

    def for_incident(self, incident_id: int) -> list[TimelineEntry]:
        """The incident's entries, oldest first."""
        rows = self._db.query("SELECT incident_id, at, kind, actor, text, details FROM timeline "
                              "WHERE incident_id = ? ORDER BY id", [incident_id])
        return [entry_from_row(row) for row in rows]


_INSERT = ("INSERT INTO timeline (incident_id, at, kind, actor, text, details) "
           "VALUES (?, ?, ?, ?, ?, ?)")


def _row(entry: TimelineEntry) -> list:
    return [entry.incident_id, to_epoch(entry.at), entry.kind.value, entry.actor, entry.text,
            json.dumps(entry.details, default=str)]


def entry_from_row(row: dict) -> TimelineEntry:
    """A timeline row as an entry."""
    return TimelineEntry.model_validate({**row, "at": from_epoch(row["at"]),
                                         "details": json.loads(row.get("details") or "{}")})
