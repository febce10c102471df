"""The SQLite file: connection settings, schema and its migrations."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

# Each migration moves the schema up one version; never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        submission_key TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        business_name TEXT NOT NULL,
        location TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        callback_phone TEXT NOT NULL,
        tickets TEXT NOT NULL DEFAULT '[]',
        reported_at TEXT,
        affected_since TEXT,
        symptoms TEXT NOT NULL DEFAULT '[]',
        scope TEXT NOT NULL,
        classified_severity INTEGER NOT NULL,
        severity INTEGER NOT NULL,
        severity_reasons TEXT NOT NULL DEFAULT '[]',
        severity_override_by TEXT,
        description TEXT NOT NULL,
        action_requested TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',
        resolved_at TEXT,
        resolution TEXT,
        card_ts TEXT,
        card_error TEXT
    );
    CREATE INDEX incidents_open_by_channel ON incidents (status, channel_id);
    CREATE TABLE timeline (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT,
        text TEXT NOT NULL
    );
    CREATE INDEX timeline_by_incident ON timeline (incident_id, id);
    """,
    """
    CREATE TABLE levels (
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        level INTEGER NOT NULL,
        opens_at REAL NOT NULL,
        scheduled_at REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        claimed_by TEXT,
        claim_expires REAL,
        attempts INTEGER NOT NULL DEFAULT 0,
        posted_at REAL,
        message_ts TEXT,
        error TEXT,
        PRIMARY KEY (incident_id, level)
    );
    CREATE INDEX levels_due ON levels (state, opens_at);
    """,
    """
    ALTER TABLE incidents ADD COLUMN card_claimed_until REAL;
    ALTER TABLE incidents ADD COLUMN card_claimed_by TEXT;
    """,
    """
    CREATE INDEX levels_claimed ON levels (claim_expires) WHERE claim_expires IS NOT NULL;
    """,
    """
    CREATE INDEX levels_by_claimant ON levels (claimed_by) WHERE claimed_by IS NOT NULL;
    CREATE INDEX incidents_by_card_claimant ON incidents (card_claimed_by)
        WHERE card_claimed_by IS NOT NULL;
    """,
    """
    ALTER TABLE incidents ADD COLUMN card_attempts INTEGER NOT NULL DEFAULT 0;
    """,
    # 7: every moment as REAL epoch seconds (UTC); each incident keeps the ladder, business
    # hours and holidays it was reported under; timeline entries carry typed details.
    """
    CREATE TABLE incidents_v7 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        submission_key TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        business_name TEXT NOT NULL,
        location TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        callback_phone TEXT NOT NULL,
        tickets TEXT NOT NULL DEFAULT '[]',
        reported_at REAL,
        affected_since REAL,
        symptoms TEXT NOT NULL DEFAULT '[]',
        scope TEXT NOT NULL,
        classified_severity INTEGER NOT NULL,
        severity INTEGER NOT NULL,
        severity_reasons TEXT NOT NULL DEFAULT '[]',
        severity_override_by TEXT,
        description TEXT NOT NULL,
        action_requested TEXT NOT NULL,
        timezone TEXT NOT NULL,
        business_hours TEXT,
        holidays TEXT,
        ladder TEXT,
        created_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',
        resolved_at REAL,
        resolution TEXT,
        card_ts TEXT,
        card_error TEXT,
        card_claimed_by TEXT,
        card_claim_expires REAL,
        card_attempts INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO incidents_v7 (id, submission_key, team_id, channel_id, reporter_id,
        business_name, location, reporter_name, callback_phone, tickets, reported_at,
        affected_since, symptoms, scope, classified_severity, severity, severity_reasons,
        severity_override_by, description, action_requested, timezone, created_at, status,
        resolved_at, resolution, card_ts, card_error, card_claimed_by, card_claim_expires,
        card_attempts)
    SELECT id, submission_key, team_id, channel_id, reporter_id, business_name, location,
        reporter_name, callback_phone, tickets,
        (julianday(reported_at) - 2440587.5) * 86400.0,
        (julianday(affected_since) - 2440587.5) * 86400.0,
        symptoms, scope, classified_severity, severity, severity_reasons, severity_override_by,
        description, action_requested, timezone,
        (julianday(created_at) - 2440587.5) * 86400.0, status,
        (julianday(resolved_at) - 2440587.5) * 86400.0, resolution, card_ts, card_error,
        card_claimed_by, card_claimed_until, card_attempts
    FROM incidents;
    DROP TABLE incidents;
    ALTER TABLE incidents_v7 RENAME TO incidents;
    CREATE INDEX incidents_open_by_channel ON incidents (status, channel_id);
    CREATE INDEX incidents_by_card_claimant ON incidents (card_claimed_by)
        WHERE card_claimed_by IS NOT NULL;
    CREATE INDEX incidents_waiting_cards ON incidents (card_claim_expires)
        WHERE card_ts IS NULL AND status = 'open';
    CREATE TABLE timeline_v7 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT,
        text TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
    );
    INSERT INTO timeline_v7 (id, incident_id, at, kind, actor, text)
    SELECT id, incident_id, (julianday(at) - 2440587.5) * 86400.0, kind, actor, text
    FROM timeline;
    DROP TABLE timeline;
    ALTER TABLE timeline_v7 RENAME TO timeline;
    CREATE INDEX timeline_by_incident ON timeline (incident_id, id);
    CREATE TABLE followups (
        view_id TEXT PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        opened_at REAL NOT NULL,
        submitted_at REAL
    );
    """,
    # 8: when service was restored and what fixed it (asked for on resolve).
    """
    ALTER TABLE incidents ADD COLUMN restored_at REAL;
    ALTER TABLE incidents ADD COLUMN fix TEXT;
    """,
    # 9: the site directory and who changed it.
    """
    CREATE TABLE sites (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        business TEXT NOT NULL,
        address TEXT NOT NULL,
        timezone TEXT NOT NULL,
        business_hours TEXT NOT NULL,
        holidays TEXT NOT NULL,
        att_account TEXT,
        callback_phone TEXT,
        channel TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        updated_at REAL NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE INDEX sites_by_channel ON sites (channel) WHERE channel IS NOT NULL;
    CREATE TABLE site_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id INTEGER NOT NULL REFERENCES sites (id),
        at REAL NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        changes TEXT NOT NULL
    );
    CREATE INDEX site_changes_by_site ON site_changes (site_id, id);
    """,
    # 10: the directory site an incident was reported for (its name; NULL: "Not listed").
    """
    ALTER TABLE incidents ADD COLUMN site TEXT;
    """,
]


def schema_version(db: Database) -> int:
    """The schema version recorded in the file (0 for a new file)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database) -> int:
    """Bring the schema up to date, one recorded version at a time; returns the version."""
    conn = db.conn
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    # Rebuilding a table (migration 7) drops the one others refer to: foreign keys are
    # checked again once the schema is current.
    conn.execute("PRAGMA foreign_keys=OFF")
    for number, script in enumerate(MIGRATIONS, start=1):
        # BEGIN IMMEDIATE takes the write lock first, so two processes starting together
        # cannot both apply the same migration.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            if schema_version(db) < number:
                for statement in filter(str.strip, script.split(";")):
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", [number])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    conn.execute("PRAGMA foreign_keys=ON")
    return schema_version(db)


# The file holds names and phone numbers: only the app's own user may read it.
FILE_MODE = 0o600
_COMPANION_SUFFIXES = ("-wal", "-shm")


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
    """Open (creating if needed) the SQLite file, mode 0600, in WAL mode with its schema current."""
    _restrict_file_modes(str(path))
    # One worker thread uses the connection (Store.run); tests may also read from the loop's.
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    db = Database(conn)
    migrate(db)
    return db


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
