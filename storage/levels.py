"""Each incident's levels as rows: when each opens, claimed atomically, marked posted once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

PENDING, POSTED, CANCELLED, FAILED = "pending", "posted", "cancelled", "failed"


def _epoch(moment: dt.datetime) -> float:
    return moment.timestamp()


def _moment(epoch: float | None) -> dt.datetime | None:
    return None if epoch is None else dt.datetime.fromtimestamp(epoch, dt.UTC)


@dataclass(frozen=True)
class DueLevel:
    """A level row as the reminder loop sees it."""

    incident_id: int
    level: int
    opens_at: dt.datetime
    scheduled_at: dt.datetime
    state: str
    attempts: int
    message_ts: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DueLevel:
        return cls(incident_id=row["incident_id"], level=row["level"],
                   opens_at=_moment(row["opens_at"]),  # type: ignore[arg-type]
                   scheduled_at=_moment(row["scheduled_at"]),  # type: ignore[arg-type]
                   state=row["state"], attempts=row["attempts"], message_ts=row["message_ts"])


class LevelRepo:
    """The levels table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def schedule(self, incident_id: int, opens: dict[int, dt.datetime], at: dt.datetime) -> None:
        """Set when each level opens; levels already posted or cancelled keep their state."""
        conn = self._db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for level, moment in opens.items():
                conn.execute(
                    "INSERT INTO levels (incident_id, level, opens_at, scheduled_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (incident_id, level) DO UPDATE SET "
                    "opens_at = excluded.opens_at, scheduled_at = excluded.scheduled_at, "
                    "claimed_by = NULL, claim_expires = NULL WHERE state = 'pending'",
                    [incident_id, level, _epoch(moment), _epoch(at)],
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def claim_due(self, now: dt.datetime, owner: str, lease: dt.timedelta,
                  limit: int = 500) -> list[DueLevel]:
        """Atomically take the due, unclaimed (or expired-claim) levels for `owner`."""
        rows = self._db.execute(
            "UPDATE levels SET claimed_by = ?, claim_expires = ?, attempts = attempts + 1 "
            "WHERE rowid IN (SELECT rowid FROM levels WHERE state = 'pending' AND opens_at <= ? "
            "AND (claim_expires IS NULL OR claim_expires <= ?) ORDER BY opens_at LIMIT ?) "
            "RETURNING incident_id, level, opens_at, scheduled_at, state, attempts, message_ts",
            [owner, _epoch(now + lease), _epoch(now), _epoch(now), limit],
        ).fetchall()
        names = ("incident_id", "level", "opens_at", "scheduled_at", "state", "attempts",
                 "message_ts")
        return sorted((DueLevel.from_row(dict(zip(names, r, strict=True))) for r in rows),
                      key=lambda d: (d.opens_at, d.incident_id, d.level))

    def claimants(self) -> list[str]:
        """Everyone holding a claim on a pending level."""
        rows = self._db.execute("SELECT DISTINCT claimed_by FROM levels INDEXED BY "
                                "levels_by_claimant WHERE claimed_by IS NOT NULL "
                                "AND state = 'pending'").fetchall()
        return [r[0] for r in rows]

    def release_all(self, owner: str) -> int:
        """Drop every claim of a process known to be dead, so its levels go out now."""
        cursor = self._db.execute("UPDATE levels SET claimed_by = NULL, claim_expires = NULL "
                                  "WHERE claimed_by = ? AND state = 'pending'", [owner])
        return cursor.rowcount

    def renew(self, owner: str, now: dt.datetime, lease: dt.timedelta) -> None:
        """Keep this process's claims alive while it is still working on them."""
        self._db.execute("UPDATE levels SET claim_expires = ? WHERE claimed_by = ? AND "
                         "state = 'pending'", [_epoch(now + lease), owner])

    def release(self, incident_id: int, levels: list[int], owner: str,
                retry_at: dt.datetime) -> None:
        """Give up a claim after a transient failure; the level is tried again at `retry_at`."""
        marks = ",".join("?" * len(levels))
        self._db.execute(
            f"UPDATE levels SET claimed_by = NULL, claim_expires = ? WHERE incident_id = ? "
            f"AND level IN ({marks}) AND claimed_by = ? AND state = 'pending'",
            [_epoch(retry_at), incident_id, *levels, owner])

    def mark(self, incident_id: int, levels: list[int], owner: str, state: str,
             at: dt.datetime, message_ts: str | None = None, error: str | None = None) -> int:
        """Record the outcome of claimed levels (posted / failed); returns rows changed."""
        marks = ",".join("?" * len(levels))
        cursor = self._db.execute(
            f"UPDATE levels SET state = ?, posted_at = ?, message_ts = ?, error = ?, "
            f"claimed_by = NULL, claim_expires = NULL WHERE incident_id = ? AND level IN "
            f"({marks}) AND claimed_by = ? AND state = 'pending'",
            [state, _epoch(at), message_ts, error, incident_id, *levels, owner])
        return cursor.rowcount

    def cancel_pending(self, incident_id: int) -> int:
        """Stop every level still to open (the outage is resolved)."""
        cursor = self._db.execute("UPDATE levels SET state = 'cancelled', claimed_by = NULL "
                                  "WHERE incident_id = ? AND state = 'pending'", [incident_id])
        return cursor.rowcount

    def for_incident(self, incident_id: int) -> list[DueLevel]:
        """All of an incident's level rows, by level."""
        return [DueLevel.from_row(r) for r in self._db.query(
            "SELECT * FROM levels WHERE incident_id = ? ORDER BY level", [incident_id])]

    def highest_posted(self, incident_id: int) -> int | None:
        """The highest level announced so far."""
        row = self._db.execute("SELECT MAX(level) FROM levels WHERE incident_id = ? AND "
                               "state = 'posted'", [incident_id]).fetchone()
        return row[0] if row else None

    def next_wake(self) -> dt.datetime | None:
        """When the loop next has something to do: the earliest pending level, or the
        earliest retry of a claimed one. Both searches use an index."""
        free = self._db.execute(
            "SELECT opens_at FROM levels WHERE state = 'pending' AND claim_expires IS NULL "
            "ORDER BY opens_at LIMIT 1").fetchone()
        held = self._db.execute(
            "SELECT MIN(MAX(opens_at, claim_expires)) FROM levels INDEXED BY levels_claimed "
            "WHERE claim_expires IS NOT NULL AND state = 'pending'").fetchone()
        moments = [row[0] for row in (free, held) if row and row[0] is not None]
        return _moment(min(moments)) if moments else None

    def wake_query_plans(self) -> list[str]:
        """EXPLAIN QUERY PLAN of next_wake's two searches."""
        plans = []
        for sql in ("SELECT opens_at FROM levels WHERE state = 'pending' AND claim_expires "
                    "IS NULL ORDER BY opens_at LIMIT 1",
                    "SELECT MIN(MAX(opens_at, claim_expires)) FROM levels INDEXED BY "
                    "levels_claimed WHERE claim_expires IS NOT NULL AND state = 'pending'"):
            plans += [r[-1] for r in self._db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        return plans

    def due_query_plan(self, now: dt.datetime) -> list[str]:
        """EXPLAIN QUERY PLAN of the due-level search (it must use the index)."""
        rows = self._db.execute(
            "EXPLAIN QUERY PLAN SELECT rowid FROM levels WHERE state = 'pending' AND "
            "opens_at <= ? AND (claim_expires IS NULL OR claim_expires <= ?) ORDER BY opens_at "
            "LIMIT 500", [_epoch(now), _epoch(now)]).fetchall()
        return [r[-1] for r in rows]
