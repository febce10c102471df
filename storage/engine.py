"""What both database engines offer the repositories: one way to run SQL, one way to write
atomically, and the few phrases where SQLite and PostgreSQL differ (the dialect).

Repositories write SQL once, with `?` or `:name` parameters; each engine runs it as its
driver needs. `BVOIP_DB` picks the engine: a file path for SQLite (the default), a
`postgresql://` URL for PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

Params = Sequence[Any] | dict[str, Any]


class DatabaseUnavailable(RuntimeError):
    """The database named by BVOIP_DB cannot be opened: the message says why, in one line."""


@dataclass(frozen=True)
class Dialect:
    """The phrases that differ between the engines."""

    name: str
    greatest: str  # the larger of two values in a row
    like: str  # LIKE that ignores case (SQLite's LIKE already does, for ASCII)
    skip_locked: str  # after a claim's row choice: skip rows another replica is claiming
    indexed_by_claimed: str  # steer the retry search to its index (SQLite's planner needs it)
    json_texts: str  # a table of a JSON array column's strings as `value`; {} is the column


SQLITE = Dialect(name="sqlite", greatest="MAX", like="LIKE", skip_locked="",
                 indexed_by_claimed="INDEXED BY levels_claimed", json_texts="json_each({})")
POSTGRES = Dialect(name="postgresql", greatest="GREATEST", like="ILIKE",
                   skip_locked=" FOR UPDATE SKIP LOCKED", indexed_by_claimed="",
                   json_texts="jsonb_array_elements_text(CAST({} AS jsonb)) AS items(value)")


class Rows(Protocol):
    """What `Engine.execute` returns: the rows as tuples, and how many rows changed."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Engine(Protocol):
    """A database the repositories can use, whichever engine holds it."""

    dialect: Dialect
    integrity_error: type[Exception]
    workers: int  # how many pieces of work may run at once (Store.run)

    def execute(self, sql: str, params: Params = ()) -> Rows: ...

    def execute_many(self, sql: str, rows: list[Params]) -> None:
        """One statement for each set of parameters (on PostgreSQL, sent together)."""

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def session(self) -> AbstractContextManager[Any]: ...

    def health_problem(self) -> str | None: ...

    def table_names(self) -> list[str]: ...

    def close(self) -> None: ...


def is_postgres(location: str) -> bool:
    """Whether BVOIP_DB names a PostgreSQL database rather than a SQLite file."""
    return location.split("://", 1)[0].lower() in ("postgresql", "postgres")


def open_engine(location: str) -> Engine:
    """Open the database BVOIP_DB names, bringing its schema up to date."""
    if is_postgres(location):
        from storage.postgres import PostgresEngine
        return PostgresEngine(location)
    if "://" in location:
        scheme = location.split("://", 1)[0]
        raise DatabaseUnavailable(
            f"BVOIP_DB: {scheme}:// is not a database bvoip can use: give a SQLite file path "
            "or a postgresql://user:password@host:5432/database URL")
    from storage.sqlite import SQLiteEngine
    return SQLiteEngine(location)


def int_list(numbers: list[int]) -> str:
    """Numbers for an SQL `IN (...)`, inlined: each is made an int first, so nothing else
    can get in (an empty list gives NULL, which matches nothing)."""
    return ",".join(str(int(n)) for n in numbers) or "NULL"


def rows_as_dicts(columns: list[str], rows: Iterator[tuple] | list[tuple]) -> list[dict]:
    return [dict(zip(columns, row, strict=True)) for row in rows]
