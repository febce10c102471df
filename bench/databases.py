"""The database a benchmark runs on: a SQLite file, or its own schema of a PostgreSQL
database (created for the run and dropped after it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from storage import Store


@contextmanager
def own_schema(url: str) -> Iterator[str]:
    """A new schema of the PostgreSQL database at `url`, dropped afterwards; its URL."""
    import psycopg
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        joiner = "&" if "?" in url else "?"
        yield f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def database_mb(store: Store, work: Path) -> float:
    """The database's size on disk."""
    if store.db.dialect.name == "postgresql":
        return float(store.db.execute(
            "SELECT COALESCE(SUM(pg_total_relation_size(CAST(table_name AS regclass))), 0) "
            "FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchone()[0]) / 2**20
    return sum(p.stat().st_size for p in work.glob("bvoip.db*")) / 2**20
