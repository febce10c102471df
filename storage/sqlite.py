"""The SQLite file (the default engine): a 0600 file in WAL mode, one connection used by the
store's one worker thread, and its migrations applied under SQLite's write lock."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from storage.engine import SQLITE, DatabaseUnavailable, Params
from storage.migrations import MIGRATIONS, schema_version, statements

# The file holds names and phone numbers: only the app's own user may read it.
FILE_MODE = 0o600
_COMPANION_SUFFIXES = ("-wal", "-shm")


class SQLiteEngine:
    """A SQLite file through sqlite-utils."""

    dialect = SQLITE
    integrity_error = sqlite3.IntegrityError
    error = sqlite3.Error
    workers = 1  # one connection, one writer: the store's thread is the only user

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.sqlite = open_database(self.path)
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(f"BVOIP_DB: cannot open {self.path!r} ({exc}): point it "
                                      "at a file in a folder the app can write") from None
        self.conn = self.sqlite.conn
        self._identity = file_identity(self.path)

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.sqlite.execute(sql, params)

    def execute_many(self, sql: str, rows: list[Params]) -> None:
        self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        return list(self.sqlite.query(sql, params))

    @contextmanager
    def session(self) -> Iterator[sqlite3.Connection]:
        yield self.conn

    def transaction(self) -> Any:
        return transaction(self.sqlite)

    def table_names(self) -> list[str]:
        return self.sqlite.table_names()

    def health_problem(self) -> str | None:
        return health_problem(self.sqlite, self.path, self._identity)

    def close(self) -> None:
        self.sqlite.close()


def migrate(db: Database) -> int:
    """Bring the schema up to date, one recorded version at a time; returns the version."""
    conn = db.conn
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    # Rebuilding a table (migration 7) drops the one others refer to: foreign keys are
    # checked again once the schema is current.
    conn.execute("PRAGMA foreign_keys=OFF")
    for number, migration in enumerate(MIGRATIONS, start=1):
        # BEGIN IMMEDIATE takes the write lock first, so two processes starting together
        # cannot both apply the same migration.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            if conn.execute("SELECT version FROM schema_version").fetchone()[0] < number:
                for statement in statements(migration.sqlite):
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", [number])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    conn.execute("PRAGMA foreign_keys=ON")
    return schema_version(db)


def _restrict_file_modes(path: str) -> None:
    """Create the database file 0600 (whatever the umask) and tighten any existing one.

    SQLite creates `-wal` and `-shm` with the database file's mode, so a 0600 database
    gets 0600 companions; companions left by an older version are tightened here too.
    """
    if path in ("", ":memory:"):
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # os.open's mode is filtered by the umask; this is not
        finally:
            os.close(fd)
        for suffix in _COMPANION_SUFFIXES:
            if os.path.exists(path + suffix):
                os.chmod(path + suffix, FILE_MODE)
    except OSError as exc:
        raise sqlite3.OperationalError(
            f"unable to open database file {path} ({exc.strerror})"
        ) from exc


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the SQLite file, mode 0600, in WAL mode with its schema current.

    Processes opening a new file together can meet "database is locked" where SQLite does not
    wait on its own (switching the file to WAL): opening is tried again for up to 30 s."""
    _restrict_file_modes(str(path))
    deadline = time.monotonic() + 30.0
    while True:
        # One worker thread uses the connection (Store.run); tests may also read from the loop's.
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            db = Database(conn)
            migrate(db)
            return db
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def file_identity(path: str | Path) -> tuple[int, int] | None:
    """The file's device and inode, to notice it being removed or replaced."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def health_problem(db: Database, path: str | Path, identity: tuple[int, int] | None) -> str | None:
    """Why the database cannot be written now (for /healthz), or None when it can: its file
    must still be the one opened, and a write must go through (then be rolled back)."""
    if str(path) != ":memory:" and file_identity(path) != identity:
        return "the database file was removed or replaced: restart bvoip"
    conn = db.conn
    try:
        conn.execute("PRAGMA busy_timeout=1000")
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE schema_version SET version = version")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("PRAGMA busy_timeout=30000")
    except sqlite3.Error as exc:
        return f"the database cannot be written ({exc})"
    return None


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """Write atomically: BEGIN IMMEDIATE (the write lock first), COMMIT, or ROLLBACK on any
    error. Nested use joins the outer transaction."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
