"""The databases tests run on: a SQLite file, and (when BVOIP_TEST_PG names a server, as
`.ci/run` does) a fresh schema of a throwaway PostgreSQL for each test.

`rows` and `execute` read and write a database with their own connection, as another process
would, whichever engine holds it; SQL is written once, with `?` parameters.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from storage.engine import is_postgres as _is_postgres


def is_postgres(location: str | Path) -> bool:
    return _is_postgres(str(location))


PG_URL = os.environ.get("BVOIP_TEST_PG", "")
ENGINES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema; dropped afterwards."""
    import psycopg
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in PG_URL else "?"
    try:
        # Its connections carry the schema as their name, for tests that end them.
        yield (f"{PG_URL}{joiner}options={quote(f'-csearch_path={schema}')}"
               f"&application_name={schema}")
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def database(engine: str, folder: Path, name: str = "bvoip.db") -> Iterator[str]:
    """A new database of `engine`: a file in `folder`, or a fresh PostgreSQL schema."""
    if engine == "sqlite":
        yield str(folder / name)
        return
    with fresh_postgres() as url:
        yield url


def rows(location: str | Path, sql: str, params: list[Any] | tuple = ()) -> list[dict]:
    """The rows of a query, read with a connection of its own."""
    if is_postgres(location):
        import psycopg
        from psycopg.rows import dict_row

        from storage.postgres import to_psycopg
        with psycopg.connect(str(location), autocommit=True, row_factory=dict_row) as conn:
            return conn.execute(to_psycopg(sql), params).fetchall()
    conn = sqlite3.connect(str(location))
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def execute(location: str | Path, sql: str, params: list[Any] | tuple = ()) -> int:
    """Run one statement with a connection of its own, committed; rows changed."""
    if is_postgres(location):
        import psycopg

        from storage.postgres import to_psycopg
        with psycopg.connect(str(location), autocommit=True) as conn:
            return conn.execute(to_psycopg(sql), params).rowcount
    with sqlite3.connect(str(location)) as conn:
        return conn.execute(sql, params).rowcount
