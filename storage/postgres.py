"""PostgreSQL (BVOIP_DB=postgresql://…): psycopg 3 with psycopg_pool's connection pool, so
several replicas on several machines can share one database.

Repositories' SQL is written once with `?` / `:name` parameters; it is turned into psycopg's
`%s` / `%(name)s` here. Each piece of the store's work holds one pooled connection for its
duration (`session`), so a transaction and the statements in it share a connection.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from storage.engine import POSTGRES, DatabaseUnavailable, Params
from storage.migrations import MIGRATIONS, statements

# Replicas starting together apply each migration once: they queue on this advisory lock.
_MIGRATION_LOCK = 0x62766F6970  # "bvoip"
_PARAMETER = re.compile(r"\?|(?<![:\w]):([A-Za-z_]\w*)|%")
CONNECT_TIMEOUT = 5  # seconds to reach the server before the start is refused


@lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    """`?` → `%s`, `:name` → `%(name)s`, a literal `%` → `%%` (the SQL has no `?` or `:word`
    inside its string literals)."""
    def swap(found: re.Match[str]) -> str:
        text = found.group(0)
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        return f"%({found.group(1)})s"
    return _PARAMETER.sub(swap, sql)


class Result:
    """Rows fetched in full before the connection goes back to the pool."""

    def __init__(self, rows: list[tuple], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> tuple | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[tuple]:
        return list(self._rows)


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _check_url(url: str) -> None:
    """Refuse a URL psycopg cannot read, and reach the server once, in one line each."""
    shown = redacted(url)
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise DatabaseUnavailable(f"BVOIP_DB: {shown} is not a PostgreSQL URL bvoip can read "
                                  f"({_first_line(exc)}): write it as "
                                  "postgresql://user:password@host:5432/database") from None
    try:
        psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT).close()
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"BVOIP_DB: cannot connect to {shown} "
                                  f"({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _configure(conn: psycopg.Connection) -> None:
    """Each new connection waits at most 30 s for a lock, as SQLite's busy timeout does."""
    conn.execute("SET lock_timeout = '30s'")


class PostgresEngine:
    """A PostgreSQL database through a psycopg pool."""

    dialect = POSTGRES
    integrity_error = psycopg.IntegrityError
    error = psycopg.Error
    # Pieces of store work at once. One, as for SQLite: measured with bench.reminders, more
    # threads only contend for the interpreter with the event loop (p99 beyond Slack's pace
    # 0.79 s with one, 0.92 s with two, 1.18 s with four); replicas are the way to scale.
    workers = 1

    def __init__(self, url: str, workers: int | None = None) -> None:
        self.location = redacted(url)
        _check_url(url)
        self.workers = workers or self.workers
        self.pool = ConnectionPool(
            url, min_size=1, max_size=self.workers + 1, open=False, name="bvoip",
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            # A connection the server dropped (a restart, a failover) is replaced, not used.
            check=ConnectionPool.check_connection, configure=_configure)
        self._local = threading.local()
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT * 2)
            self.migrate()
        except (psycopg.Error, PoolTimeout) as exc:
            self.pool.close()
            raise DatabaseUnavailable(f"BVOIP_DB: cannot use {self.location} "
                                      f"({_first_line(exc)})") from None

    @contextmanager
    def session(self) -> Iterator[None]:
        """One piece of work on this thread: the first statement takes a pooled connection,
        the rest use it, and it goes back to the pool when the work ends."""
        if getattr(self._local, "stack", None) is not None:
            yield
            return
        with ExitStack() as stack:
            self._local.stack, self._local.conn = stack, None
            try:
                yield
            finally:
                self._local.stack = self._local.conn = None

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        stack = getattr(self._local, "stack", None)
        if stack is None:  # outside any piece of work: a connection for this statement
            with self.pool.connection() as conn:
                yield conn
            return
        if self._local.conn is None:
            self._local.conn = stack.enter_context(self.pool.connection())
        yield self._local.conn

    def execute(self, sql: str, params: Params = ()) -> Result:
        with self._connection() as conn:
            cursor = conn.execute(to_psycopg(sql), params)
            rows = cursor.fetchall() if cursor.description else []
            return Result(rows, cursor.rowcount)

    def execute_many(self, sql: str, rows: list[Params]) -> None:
        """psycopg sends the statements in one pipeline: one round trip, not one each."""
        if rows:
            with self._connection() as conn, conn.cursor() as cursor:
                cursor.executemany(to_psycopg(sql), rows)

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        with self._connection() as conn, conn.cursor(row_factory=dict_row) as cursor:
            cursor.execute(to_psycopg(sql), params)
            return cursor.fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all (nested: a savepoint)."""
        with self.session(), self._connection() as conn, conn.transaction():
            yield

    def table_names(self) -> list[str]:
        rows = self.execute("SELECT table_name FROM information_schema.tables "
                            "WHERE table_schema = current_schema()").fetchall()
        return [r[0] for r in rows]

    def migrate(self) -> None:
        """Apply the missing migrations in one transaction, under an advisory lock, so
        replicas starting together never apply one twice."""
        with self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [_MIGRATION_LOCK])
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            if row is None:
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            version = row[0] if row else 0
            for number, migration in enumerate(MIGRATIONS, start=1):
                if number <= version:
                    continue
                for statement in statements(migration.postgres or ""):
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = %s", [number])

    def health_problem(self) -> str | None:
        """Why the database cannot be written now (for /healthz): a write must go through
        within a second or two (then be rolled back)."""
        try:
            with self._connection() as conn, conn.transaction(force_rollback=True):
                conn.execute("SET LOCAL lock_timeout = '1s'")
                conn.execute("SET LOCAL statement_timeout = '2s'")
                conn.execute("UPDATE schema_version SET version = version")
        except (psycopg.Error, PoolTimeout) as exc:
            return f"the database cannot be written ({_first_line(exc)})"
        return None

    def close(self) -> None:
        self.pool.close()

