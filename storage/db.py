"""The SQLite file: connection settings, schema and its migrations."""

from __future__ import annotations

import sqlite3
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
    return schema_version(db)


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the SQLite file in WAL mode with its schema current."""
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    db = Database(conn)
    migrate(db)
    return db


def is_reachable(db: Database) -> bool:
    """Whether a trivial query answers (for /healthz)."""
    try:
        return db.execute("SELECT 1").fetchone() == (1,)
    except sqlite3.Error:
        return False
