"""The site directory: upsert by name (unique in any case), look-ups, type-ahead and change
history."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.sites import FIELDS, Site, SiteChange, SiteError, site_diff
from storage.engine import Engine

_COLUMNS = ", ".join(FIELDS)
_NAMED = "lower(name) = lower(?)"  # names are unique in any case


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

    def __init__(self, db: Engine) -> None:
        self._db = db

    def _row(self, name: str) -> tuple[int, Site] | None:
        found = self._db.query(f"SELECT id, {_COLUMNS} FROM sites WHERE {_NAMED}", [name])
        return (found[0]["id"], _from_row(found[0])) if found else None

    def _write(
        self, site: Site, actor: str, at: dt.datetime, previous_name: str | None,
    ) -> SiteChange | None:
        found = self._row(previous_name or site.name)
        if found is None and previous_name is not None:
            found = self._row(site.name)
        changes = site_diff(found[1] if found else None, site)
        if found is not None and not changes:
            return None
        when = at.timestamp()
        row = {**_to_row(site), "updated_at": when, "updated_by": actor}
        try:
            if found is None:
                marks = ", ".join(f":{c}" for c in row)
                site_id = int(self._db.execute(
                    f"INSERT INTO sites ({', '.join(row)}) VALUES ({marks}) RETURNING id", row
                ).fetchone()[0])
            else:
                site_id = found[0]
                sets = ", ".join(f"{c} = :{c}" for c in row)
                self._db.execute(f"UPDATE sites SET {sets} WHERE id = :id",
                                 {**row, "id": site_id})
        except self._db.integrity_error:
            raise SiteError(repr(site.name), "name", "another site already has this name") from None
        kind = "added" if found is None else "changed"
        self._db.execute(
            "INSERT INTO site_changes (site_id, at, actor, kind, changes) VALUES (?, ?, ?, ?, ?)",
            [site_id, when, actor, kind, json.dumps(changes)],
        )
        return SiteChange(site=site.name, at=at, actor=actor, kind=kind, changes=changes)

    def upsert(
        self, site: Site, actor: str, at: dt.datetime, previous_name: str | None = None
    ) -> SiteChange | None:
        """Add or update the site by name (or rename it from `previous_name`); None: no change."""
        with self._db.transaction():
            return self._write(site, actor, at, previous_name)

    def upsert_all(self, sites: list[Site], actor: str, at: dt.datetime) -> list[SiteChange]:
        """Upsert every site in one transaction (all or nothing); the changes made."""
        with self._db.transaction():
            written = [self._write(site, actor, at, None) for site in sites]
        return [change for change in written if change is not None]

    def _sites(
        self, where: str = "", params: list[Any] | dict[str, Any] | None = None
    ) -> list[Site]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM sites {where}", params or [])
        return [_from_row(row) for row in rows]

    def all(self) -> list[Site]:
        """Every site, by name."""
        return self._sites("ORDER BY lower(name), name")

    def get(self, name: str) -> Site | None:
        """The site of that name (any case)."""
        found = self._sites(f"WHERE {_NAMED}", [" ".join(name.split())])
        return found[0] if found else None

    def for_channel(self, channel_id: str) -> Site | None:
        """The site whose reports come from that channel."""
        found = self._sites("WHERE channel = ? ORDER BY lower(name), name LIMIT 1", [channel_id])
        return found[0] if found else None

    def search(self, query: str, limit: int = 100) -> list[Site]:
        """Sites whose name or an alias starts with, then contains, the query (type-ahead)."""
        words = " ".join(query.split())
        prefix, anywhere = _like(words) + "%", "%" + _like(words) + "%"
        like, aliases = self._db.dialect.like, self._db.dialect.json_texts.format("aliases")
        return self._sites(
            f"WHERE name {like} :anywhere ESCAPE '\\' OR EXISTS (SELECT 1 FROM {aliases} "
            f"WHERE value {like} :anywhere ESCAPE '\\') "
            f"ORDER BY name NOT {like} :prefix ESCAPE '\\', NOT EXISTS (SELECT 1 FROM "
            f"{aliases} WHERE value {like} :prefix ESCAPE '\\'), lower(name), name "
            "LIMIT :limit",
            {"prefix": prefix, "anywhere": anywhere, "limit": max(0, limit)},
        )

    def count(self) -> int:
        """How many sites the directory holds."""
        return int(self._db.execute("SELECT COUNT(*) FROM sites").fetchone()[0])

    def history(self, name: str) -> list[SiteChange]:
        """The site's changes, oldest first."""
        rows = self._db.query(
            "SELECT sites.name AS site, site_changes.at, actor, kind, changes FROM site_changes "
            "JOIN sites ON sites.id = site_changes.site_id WHERE lower(sites.name) = lower(?) "
            "ORDER BY site_changes.id",
            [" ".join(name.split())],
        )
        return [
            SiteChange(site=row["site"], at=dt.datetime.fromtimestamp(row["at"], dt.UTC),
                       actor=row["actor"], kind=row["kind"], changes=json.loads(row["changes"]))
            for row in rows
        ]
