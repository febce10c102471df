"""Claims with a lease: one holder at a time across processes and hosts, taken atomically,
renewed while work goes on, and free again when the lease runs out (the holder died) or the
holder lets go. Cards and levels both claim this way, each on its own columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.clock import to_epoch
from storage.engine import Engine


@dataclass(frozen=True)
class LeaseColumns:
    """Where a table keeps its claims: holder, lease end (or retry time) and attempt count."""

    table: str
    holder: str
    expires: str
    attempts: str


class Leases:
    """The claim protocol over one table's lease columns."""

    def __init__(self, db: Engine, columns: LeaseColumns) -> None:
        self._db = db
        self.c = columns

    def free_sql(self) -> str:
        """The condition under which a row may be claimed at :now."""
        return f"({self.c.expires} IS NULL OR {self.c.expires} <= :now)"

    def claim(self, where: str, params: dict[str, Any], owner: str, now: dt.datetime,
              lease: dt.timedelta, returning: str) -> list[tuple]:
        """Claim every free row matching `where` (which may use :now); returns `returning`."""
        c = self.c
        return self._db.execute(
            f"UPDATE {c.table} SET {c.holder} = :owner, {c.expires} = :until, "
            f"{c.attempts} = {c.attempts} + 1 WHERE ({where}) AND {self.free_sql()} "
            f"RETURNING {returning}",
            {**params, "owner": owner, "until": to_epoch(now + lease), "now": to_epoch(now)},
        ).fetchall()

    def renew(self, owner: str, now: dt.datetime, lease: dt.timedelta, where: str = "TRUE") -> int:
        """Extend the lease of every row `owner` still holds."""
        c = self.c
        return self._db.execute(
            f"UPDATE {c.table} SET {c.expires} = ? WHERE {c.holder} = ? AND ({where})",
            [to_epoch(now + lease), owner]).rowcount

    def release(self, where: str, params: dict[str, Any], owner: str | None,
                retry_at: dt.datetime | None) -> int:
        """Let go of rows (held by `owner`, when given); they may be claimed from `retry_at`."""
        c = self.c
        held = f" AND {c.holder} = :owner" if owner is not None else ""
        return self._db.execute(
            f"UPDATE {c.table} SET {c.holder} = NULL, {c.expires} = :retry WHERE ({where}){held}",
            {**params, "owner": owner, "retry": to_epoch(retry_at)}).rowcount

    def holders(self, where: str = "TRUE") -> list[str]:
        """Everyone holding a claim on a matching row."""
        c = self.c
        rows = self._db.execute(f"SELECT DISTINCT {c.holder} FROM {c.table} "
                                f"WHERE {c.holder} IS NOT NULL AND ({where})").fetchall()
        return [r[0] for r in rows]

    def release_holder(self, owner: str, where: str = "TRUE") -> int:
        """Drop every claim of a holder known to be dead, so its work is free at once."""
        return self.release(where, {}, owner, None)
