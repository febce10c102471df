"""Reports received: each one stored, as the checked form's JSON, before Slack hears that it
is saved, and removed in the transaction that builds its incident. What is left here after a
crash or a failed build is built by the reminder loop from `build_at` (bot/intake.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import from_epoch, to_epoch
from storage.engine import Engine


@dataclass(frozen=True)
class Received:
    view_id: str
    received_at: dt.datetime
    report: str  # JSON (bot/intake.py)


class ReceivedRepo:
    """The received_reports table."""

    def __init__(self, db: Engine) -> None:
        self._db = db

    def add(self, view_id: str, at: dt.datetime, build_at: dt.datetime, report: str) -> bool:
        """Keep a report; False when that submission is already kept (a repeat)."""
        return self._db.execute(
            "INSERT INTO received_reports (view_id, received_at, build_at, report) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (view_id) DO NOTHING",
            [view_id, to_epoch(at), to_epoch(build_at), report]).rowcount == 1

    def remove(self, view_id: str) -> None:
        """Its incident is built (or was before)."""
        self._db.execute("DELETE FROM received_reports WHERE view_id = ?", [view_id])

    def postpone(self, view_id: str, until: dt.datetime) -> None:
        """Its build failed: the loop tries again then."""
        self._db.execute("UPDATE received_reports SET build_at = ? WHERE view_id = ?",
                         [to_epoch(until), view_id])

    def due(self, now: dt.datetime | None, limit: int = 50) -> list[Received]:
        """Reports due to be built at `now` (None: every one kept), oldest first."""
        due = "" if now is None else "WHERE build_at <= ? "
        rows = self._db.execute(
            f"SELECT view_id, received_at, report FROM received_reports {due}"
            f"ORDER BY received_at LIMIT {int(limit)}", [] if now is None else [to_epoch(now)]
        ).fetchall()
        return [Received(view_id, from_epoch(at) or dt.datetime.now(dt.UTC), report)
                for view_id, at, report in rows]

    def next_build(self) -> dt.datetime | None:
        """When the next report kept and not built is due to be built."""
        row = self._db.execute("SELECT MIN(build_at) FROM received_reports").fetchone()
        return from_epoch(row[0]) if row and row[0] is not None else None
