"""The schema, one version at a time, for both engines.

Each migration moves the schema up one version; never edit one that has shipped. A migration
is written once per engine. PostgreSQL support arrived at version 10, so its first nine steps
are empty and its tenth creates the whole schema of that version; every later migration is
written for both engines together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.engine import Engine


@dataclass(frozen=True)
class Migration:
    """One schema version: its SQLite script and its PostgreSQL script (None: nothing to do)."""

    sqlite: str
    postgres: str | None = None


_SQLITE: list[str] = [
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


# PostgreSQL at version 10: the same tables, columns, keys and indexes as SQLite's ten steps.
# Epoch seconds are DOUBLE PRECISION (PostgreSQL's REAL is single precision); a site's name is
# unique in any case through an index on lower(name).
_POSTGRES_BASELINE = """
    CREATE TABLE incidents (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        submission_key TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        business_name TEXT NOT NULL,
        location TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        callback_phone TEXT NOT NULL,
        tickets TEXT NOT NULL DEFAULT '[]',
        reported_at DOUBLE PRECISION,
        affected_since DOUBLE PRECISION,
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
        created_at DOUBLE PRECISION NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',
        resolved_at DOUBLE PRECISION,
        resolution TEXT,
        card_ts TEXT,
        card_error TEXT,
        card_claimed_by TEXT,
        card_claim_expires DOUBLE PRECISION,
        card_attempts INTEGER NOT NULL DEFAULT 0,
        restored_at DOUBLE PRECISION,
        fix TEXT,
        site TEXT
    );
    CREATE INDEX incidents_open_by_channel ON incidents (status, channel_id);
    CREATE INDEX incidents_by_card_claimant ON incidents (card_claimed_by)
        WHERE card_claimed_by IS NOT NULL;
    CREATE INDEX incidents_waiting_cards ON incidents (card_claim_expires)
        WHERE card_ts IS NULL AND status = 'open';
    CREATE TABLE timeline (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        incident_id BIGINT NOT NULL REFERENCES incidents (id),
        at DOUBLE PRECISION NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT,
        text TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX timeline_by_incident ON timeline (incident_id, id);
    CREATE TABLE levels (
        incident_id BIGINT NOT NULL REFERENCES incidents (id),
        level INTEGER NOT NULL,
        opens_at DOUBLE PRECISION NOT NULL,
        scheduled_at DOUBLE PRECISION NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        claimed_by TEXT,
        claim_expires DOUBLE PRECISION,
        attempts INTEGER NOT NULL DEFAULT 0,
        posted_at DOUBLE PRECISION,
        message_ts TEXT,
        error TEXT,
        PRIMARY KEY (incident_id, level)
    );
    CREATE INDEX levels_due ON levels (state, opens_at);
    CREATE INDEX levels_claimed ON levels (claim_expires) WHERE claim_expires IS NOT NULL;
    CREATE INDEX levels_by_claimant ON levels (claimed_by) WHERE claimed_by IS NOT NULL;
    CREATE TABLE followups (
        view_id TEXT PRIMARY KEY,
        incident_id BIGINT NOT NULL REFERENCES incidents (id),
        opened_at DOUBLE PRECISION NOT NULL,
        submitted_at DOUBLE PRECISION
    );
    CREATE TABLE sites (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL,
        business TEXT NOT NULL,
        address TEXT NOT NULL,
        timezone TEXT NOT NULL,
        business_hours TEXT NOT NULL,
        holidays TEXT NOT NULL,
        att_account TEXT,
        callback_phone TEXT,
        channel TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        updated_at DOUBLE PRECISION NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE UNIQUE INDEX sites_name_any_case ON sites (lower(name));
    CREATE INDEX sites_by_channel ON sites (channel) WHERE channel IS NOT NULL;
    CREATE TABLE site_changes (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        site_id BIGINT NOT NULL REFERENCES sites (id),
        at DOUBLE PRECISION NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        changes TEXT NOT NULL
    );
    CREATE INDEX site_changes_by_site ON site_changes (site_id, id);
"""

# 11: reports received (stored before their ack) and not yet built into an incident; a row
# goes in the same transaction as its incident is created, and `build_at` is when the
# reminder loop builds it if that has not happened (bot/intake.py).
_RECEIVED = """
    CREATE TABLE received_reports (
        view_id TEXT PRIMARY KEY,
        received_at {real} NOT NULL,
        build_at {real} NOT NULL,
        report TEXT NOT NULL
    );
    CREATE INDEX received_reports_by_build ON received_reports (build_at);
"""

MIGRATIONS: list[Migration] = [Migration(script) for script in _SQLITE[:9]] + [
    Migration(_SQLITE[9], _POSTGRES_BASELINE),
    Migration(_RECEIVED.format(real="REAL"), _RECEIVED.format(real="DOUBLE PRECISION")),
]


def statements(script: str) -> list[str]:
    """A script's statements (no migration has a semicolon inside a string)."""
    return [s for s in (part.strip() for part in script.split(";")) if s]


def schema_version(engine: Engine) -> int:
    """The schema version the database records (0 before the first migration)."""
    if "schema_version" not in engine.table_names():
        return 0
    row = engine.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0
