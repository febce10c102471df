"""Each incident's levels as rows: when each opens, claimed with a lease, marked posted once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.clock import from_epoch, to_epoch
from storage.engine import SQLITE, Dialect, Engine, int_list
from storage.leases import LeaseColumns, Leases

PENDING, POSTED, CANCELLED, FAILED = "pending", "posted", "cancelled", "failed"
LEVEL_LEASE = LeaseColumns("levels", "claimed_by", "claim_expires", "attempts")
_COLUMNS = "incident_id, level, opens_at, scheduled_at, state, attempts, message_ts"


def due_where(dialect: Dialect) -> str:
    """The due levels a claim takes (PostgreSQL skips rows another replica is claiming)."""
    return ("(incident_id, level) IN (SELECT incident_id, level FROM levels WHERE "
            "state = 'pending' AND opens_at <= :now AND (claim_expires IS NULL OR "
            f"claim_expires <= :now) ORDER BY opens_at LIMIT :limit{dialect.skip_locked})")


def next_held_sql(dialect: Dialect) -> str:
    """When the earliest retry of a claimed level is due."""
    return (f"SELECT MIN({dialect.greatest}(opens_at, claim_expires)) FROM levels "
            f"{dialect.indexed_by_claimed} WHERE claim_expires IS NOT NULL AND state = 'pending'")


# The searches the loop runs on every wake; tests check that each uses its index.
DUE_WHERE = due_where(SQLITE)
NEXT_FREE_SQL = ("SELECT opens_at FROM levels WHERE state = 'pending' AND claim_expires IS NULL "
                 "ORDER BY opens_at LIMIT 1")
NEXT_HELD_SQL = next_held_sql(SQLITE)


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
    def from_row(cls, row: tuple | dict[str, Any]) -> DueLevel:
        if not isinstance(row, dict):
            row = dict(zip(_COLUMNS.split(", "), row, strict=True))
        return cls(incident_id=row["incident_id"], level=row["level"],
                   opens_at=from_epoch(row["opens_at"]),  # type: ignore[arg-type]
                   scheduled_at=from_epoch(row["scheduled_at"]),  # type: ignore[arg-type]
                   state=row["state"], attempts=row["attempts"], message_ts=row["message_ts"])


class LevelRepo:
    """The levels table."""

    def __init__(self, db: Engine) -> None:
        self._db = db
        self.leases = Leases(db, LEVEL_LEASE)
        self._due = due_where(db.dialect)
        self._next_held = next_held_sql(db.dialect)

    def schedule(self, incident_id: int, opens: dict[int, dt.datetime], at: dt.datetime) -> None:
        """Set when each level opens; levels already posted or cancelled keep their state."""
        with self._db.transaction():
            for level, moment in opens.items():
                self._db.execute(
                    "INSERT INTO levels (incident_id, level, opens_at, scheduled_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (incident_id, level) DO UPDATE SET "
                    "opens_at = excluded.opens_at, scheduled_at = excluded.scheduled_at, "
                    "claimed_by = NULL, claim_expires = NULL WHERE levels.state = 'pending'",
                    [incident_id, level, to_epoch(moment), to_epoch(at)])

    def claim_due(self, now: dt.datetime, owner: str, lease: dt.timedelta,
                  limit: int = 500) -> list[DueLevel]:
        """Atomically take the due, unclaimed (or expired-claim) levels for `owner`."""
        rows = self.leases.claim(self._due, {"limit": limit}, owner, now, lease, _COLUMNS)
        return sorted((DueLevel.from_row(r) for r in rows),
                      key=lambda d: (d.opens_at, d.incident_id, d.level))

    def abandoned(self, now: dt.datetime, owner: str, limit: int = 500) -> int:
        """How many of the levels claim_due would take now are still held by another
        claimant whose lease ran out (it neither posted them nor let go: it died)."""
        row = self._db.execute(
            f"SELECT COUNT(*) FROM levels WHERE ({self._due}) AND claimed_by IS NOT NULL "
            "AND claimed_by != :owner",
            {"now": to_epoch(now), "limit": limit, "owner": owner}).fetchone()
        return int(row[0]) if row else 0

    def claimants(self) -> list[str]:
        """Everyone holding a claim on a pending level."""
        return self.leases.holders("state = 'pending'")

    def release_all(self, owner: str) -> int:
        """Drop every claim of a process known to be dead, so its levels go out now."""
        return self.leases.release_holder(owner, "state = 'pending'")

    def renew(self, owner: str, now: dt.datetime, lease: dt.timedelta) -> None:
        """Keep this process's claims alive while it is still working on them."""
        self.leases.renew(owner, now, lease, "state = 'pending'")

    def release(self, incident_id: int, levels: list[int], owner: str,
                retry_at: dt.datetime | None) -> int:
        """Give up a claim (after a failure); the level is tried again at `retry_at` (None:
        at once). Returns how many were let go."""
        return self.leases.release(_these(levels) + " AND state = 'pending'",
                            {"incident": incident_id}, owner, retry_at)

    def mark(self, incident_id: int, levels: list[int], owner: str | None, state: str,
             at: dt.datetime, message_ts: str | None = None, error: str | None = None) -> int:
        """Record the outcome of claimed levels (posted / cancelled) held by `owner` (None:
        whoever holds them now); returns rows changed."""
        return self._db.execute(
            _mark_sql(levels, held=owner is not None),
            {"state": state, "at": to_epoch(at), "ts": message_ts, "error": error,
             "incident": incident_id, "owner": owner}).rowcount

    def note_error(self, incident_id: int, levels: list[int], error: str) -> None:
        """Remember why the last attempt failed (the level stays pending)."""
        self._db.execute("UPDATE levels SET error = :error WHERE " + _these(levels),
                         {"error": error, "incident": incident_id})

    def held_many(self, owner: str, incident_ids: list[int]) -> dict[int, set[int]]:
        """For each of these incidents, which of its pending levels `owner` holds."""
        rows = self._db.execute(f"SELECT incident_id, level FROM levels WHERE incident_id IN "
                                f"({int_list(incident_ids)}) AND claimed_by = ? "
                                "AND state = 'pending'", [owner]).fetchall()
        held: dict[int, set[int]] = {}
        for incident_id, level in rows:
            held.setdefault(int(incident_id), set()).add(int(level))
        return held

    def mark_posted_many(self, posts: list[tuple[int, list[int], str]],
                         at: dt.datetime) -> None:
        """Record level posts that went out, whoever holds them now: (incident, its levels,
        the message's ts) for each; a level no longer pending keeps its state."""
        by_levels: dict[tuple[int, ...], list[dict[str, Any]]] = {}
        for incident_id, levels, ts in posts:
            by_levels.setdefault(tuple(sorted(set(levels))), []).append(
                {"incident": incident_id, "ts": ts, "at": to_epoch(at), "state": POSTED,
                 "error": None})
        for levels, rows in by_levels.items():  # one statement's text for each set of levels
            self._db.execute_many(_mark_sql(list(levels), held=False), rows)

    def errors_of(self, incident_id: int, levels: list[int]) -> set[str]:
        """The refusals already recorded for these levels."""
        rows = self._db.execute("SELECT DISTINCT error FROM levels WHERE " + _these(levels) +
                                " AND error IS NOT NULL", {"incident": incident_id}).fetchall()
        return {r[0] for r in rows}

    def retry_now(self, channel_id: str | None = None) -> int:
        """Make every pending level that waits for a retry due now (in one channel, or all):
        the cause may have been fixed."""
        where = "state = 'pending' AND claimed_by IS NULL AND claim_expires IS NOT NULL"
        if channel_id is not None:
            where += " AND incident_id IN (SELECT id FROM incidents WHERE channel_id = :channel)"
        return self.leases.release(where, {"channel": channel_id}, None, None)

    def cancel_pending(self, incident_id: int) -> int:
        """Stop every level still to open (the outage is resolved)."""
        return self._db.execute("UPDATE levels SET state = 'cancelled', claimed_by = NULL, "
                                "claim_expires = NULL WHERE incident_id = ? AND "
                                "state = 'pending'", [incident_id]).rowcount

    def for_incident(self, incident_id: int) -> list[DueLevel]:
        """All of an incident's level rows, by level."""
        return [DueLevel.from_row(r) for r in self._db.query(
            f"SELECT {_COLUMNS} FROM levels WHERE incident_id = ? ORDER BY level",
            [incident_id])]

    def highest_posted(self, incident_id: int) -> int | None:
        """The highest level announced so far."""
        row = self._db.execute("SELECT MAX(level) FROM levels WHERE incident_id = ? AND "
                               "state = 'posted'", [incident_id]).fetchone()
        return row[0] if row else None

    def next_wake(self) -> dt.datetime | None:
        """When the loop next has something to do: the earliest pending level, or the
        earliest retry of a claimed one. Both searches use an index."""
        moments = [row[0] for sql in (NEXT_FREE_SQL, self._next_held)
                   if (row := self._db.execute(sql).fetchone()) and row[0] is not None]
        return from_epoch(min(moments)) if moments else None


def _these(levels: list[int]) -> str:
    """The rows of :incident whose level is one of `levels` (ints only: safe to inline)."""
    return f"incident_id = :incident AND level IN ({int_list(levels)})"


def _mark_sql(levels: list[int], held: bool) -> str:
    """Record the outcome of pending levels of :incident (held by :owner, when `held`)."""
    return ("UPDATE levels SET state = :state, posted_at = :at, message_ts = :ts, "
            "error = :error, claimed_by = NULL, claim_expires = NULL WHERE " + _these(levels) +
            (" AND claimed_by = :owner" if held else "") + " AND state = 'pending'")
