"""The site directory in SQLite: upsert by name, look-ups, type-ahead and change history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from bot.sites import FIELDS, Site, SiteChange, SiteError, site_diff

_COLUMNS = ", ".join(FIELDS)


def _from_row(row: dict[str, Any]) -> Site:
    data = {f: row[f] for f in FIELDS}
    data["aliases"] = json.loads(data["aliases"])
    return Site.model_validate(data)


def _to_row(site: Site) -> dict[str, Any]:
    row = site.to_record()
    row["aliases"] = json.dumps(row["aliases"])
    return row


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SiteRepo:
    """The sites table and its change history."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _row(self, conn: sqlite3.Connection, name: str) -> tuple[int, Site] | None:
        cursor = conn.execute(f"SELECT id, {_COLUMNS} FROM sites WHERE name = ?", [name])
        found = cursor.fetchone()
        if found is None:
            return None
        columns = [d[0] for d in cursor.description]
        row = dict(zip(columns, found, strict=True))
        return row["id"], _from_row(row)

    def _write(
        self, conn: sqlite3.Connection, site: Site, actor: str, at: dt.datetime,
        previous_name: str | None,
    ) -> SiteChange | None:
        found = self._row(conn, previous_name or site.name)
        if found is None and previous_name is not None:
            found = self._row(conn, site.name)
        changes = site_diff(found[1] if found else None, site)
        if found is not None and not changes:
            return None
        when = at.timestamp()
        row = {**_to_row(site), "updated_at": when, "updated_by": actor}
        try:
            if found is None:
                marks = ", ".join(f":{c}" for c in row)
                cursor = conn.execute(
                    f"INSERT INTO sites ({', '.join(row)}) VALUES ({marks})", row
                )
                site_id = int(cursor.lastrowid or 0)
            else:
                site_id = found[0]
                sets = ", ".join(f"{c} = :{c}" for c in row)
                conn.execute(f"UPDATE sites SET {sets} WHERE id = :id", {**row, "id": site_id})
        except sqlite3.IntegrityError:
            raise SiteError(repr(site.name), "name", "another site already has this name") from None
        kind = "added" if found is None else "changed"
        conn.execute(
            "INSERT INTO site_changes (site_id, at, actor, kind, changes) VALUES (?, ?, ?, ?, ?)",
            [site_id, when, actor, kind, json.dumps(changes)],
        )
        return SiteChange(site=site.name, at=at, actor=actor, kind=kind, changes=changes)

    def upsert(
        self, site: Site, actor: str, at: dt.datetime, previous_name: str | None = None
    ) -> SiteChange | None:
        """Add or update the site by name (or rename it from `previous_name`); None: no change."""
        with self._transaction() as conn:
            return self._write(conn, site, actor, at, previous_name)

    def upsert_all(self, sites: list[Site], actor: str, at: dt.datetime) -> list[SiteChange]:
        """Upsert every site in one transaction (all or nothing); the changes made."""
        with self._transaction() as conn:
            written = [self._write(conn, site, actor, at, None) for site in sites]
        return [change for change in written if change is not None]

    def _sites(
        self, where: str = "", params: list[Any] | dict[str, Any] | None = None
    ) -> list[Site]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM sites {where}", params or [])
        return [_from_row(row) for row in rows]

    def all(self) -> list[Site]:
        """Every site, by name."""
        return self._sites("ORDER BY name")

    def get(self, name: str) -> Site | None:
        """The site of that name (any case)."""
        found = self._sites("WHERE name = ?", [" ".join(name.split())])
        return found[0] if found else None

    def for_channel(self, channel_id: str) -> Site | None:
        """The site whose reports come from that channel."""
        found = self._sites("WHERE channel = ? ORDER BY name LIMIT 1", [channel_id])
        return found[0] if found else None

    def search(self, query: str, limit: int = 100) -> list[Site]:
        """Sites whose name or an alias starts with, then contains, the query (type-ahead)."""
        words = " ".join(query.split())
        prefix, anywhere = _like(words) + "%", "%" + _like(words) + "%"
        return self._sites(
            "WHERE name LIKE :anywhere ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(aliases) "
            "WHERE value LIKE :anywhere ESCAPE '\\') "
            "ORDER BY name NOT LIKE :prefix ESCAPE '\\', NOT EXISTS (SELECT 1 FROM "
            "json_each(aliases) WHERE value LIKE :prefix ESCAPE '\\'), name LIMIT :limit",
            {"prefix": prefix, "anywhere": anywhere, "limit": max(0, limit)},
        )

    def count(self) -> int:
        """How many sites the directory holds."""
        return int(self._db.execute("SELECT COUNT(*) FROM sites").fetchone()[0])

    def history(self, name: str) -> list[SiteChange]:
        """The site's changes, oldest first."""
        rows = self._db.query(
            "SELECT sites.name AS site, site_changes.at, actor, kind, changes FROM site_changes "
            "JOIN sites ON sites.id = site_changes.site_id WHERE sites.name = ? "
            "ORDER BY site_changes.id",
            [" ".join(name.split())],
        )
        return [
            SiteChange(site=row["site"], at=dt.datetime.fromtimestamp(row["at"], dt.UTC),
                       actor=row["actor"], kind=row["kind"], changes=json.loads(row["changes"]))
            for row in rows
        ]
