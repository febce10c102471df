"""Incidents in SQLite: create once per submission, read, and record what changes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlite_utils import Database

from bot.incident import Incident, NewIncident, Status
from bot.severity import Severity

_JSON_COLUMNS = ("tickets", "symptoms", "severity_reasons")
_TIME_COLUMNS = ("reported_at", "affected_since", "created_at", "resolved_at")


def _to_row(new: NewIncident) -> dict[str, Any]:
    row = new.model_dump(mode="json")
    for column in _JSON_COLUMNS:
        row[column] = json.dumps(row[column])
    for column in _TIME_COLUMNS:
        value = getattr(new, column, None)
        row[column] = _iso(value) if value is not None else None
    return row


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def _from_row(row: dict[str, Any]) -> Incident:
    data = dict(row)
    for column in _JSON_COLUMNS:
        data[column] = json.loads(data[column])
    return Incident.model_validate(data)


class IncidentRepo:
    """The incidents table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, new: NewIncident) -> tuple[Incident, bool]:
        """Store a new incident; a repeated submission returns the first one and False."""
        row = _to_row(new)
        columns = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        cursor = self._db.execute(
            f"INSERT INTO incidents ({columns}) VALUES ({marks}) "
            "ON CONFLICT (submission_key) DO NOTHING",
            row,
        )
        created = cursor.rowcount == 1
        found = self._one("SELECT * FROM incidents WHERE submission_key = ?", [new.submission_key])
        assert found is not None
        return found, created

    def get(self, incident_id: int) -> Incident | None:
        """One incident by its number, or None."""
        return self._one("SELECT * FROM incidents WHERE id = ?", [incident_id])

    def open_in_channel(self, channel_id: str) -> list[Incident]:
        """Open incidents whose card belongs in that channel, oldest first."""
        return self._many(
            "SELECT * FROM incidents WHERE status = 'open' AND channel_id = ? ORDER BY id",
            [channel_id],
        )

    def all_open(self) -> list[Incident]:
        """Every open incident, oldest first."""
        return self._many("SELECT * FROM incidents WHERE status = 'open' ORDER BY id", [])

    def without_card(self) -> list[Incident]:
        """Open incidents whose card has not been posted yet."""
        return self._many(
            "SELECT * FROM incidents WHERE status = 'open' AND card_ts IS NULL ORDER BY id", []
        )

    def without_card_in(self, channel_id: str) -> list[Incident]:
        """Open incidents waiting to post their card in that channel."""
        return self._many(
            "SELECT * FROM incidents WHERE status = 'open' AND card_ts IS NULL "
            "AND channel_id = ? ORDER BY id",
            [channel_id],
        )

    def claim_card(self, incident_id: int, owner: str, now: dt.datetime,
                   lease: dt.timedelta) -> bool:
        """Take the right to post the card (one poster at a time, across processes)."""
        cursor = self._db.execute(
            "UPDATE incidents SET card_claimed_by = ?, card_claimed_until = ?, "
            "card_attempts = card_attempts + 1 WHERE id = ? "
            "AND card_ts IS NULL AND (card_claimed_until IS NULL OR card_claimed_until <= ?)",
            [owner, (now + lease).timestamp(), incident_id, now.timestamp()],
        )
        return cursor.rowcount == 1

    def card_attempts(self, incident_id: int) -> int:
        """How many times posting the card has been started."""
        row = self._db.execute("SELECT card_attempts FROM incidents WHERE id = ?",
                               [incident_id]).fetchone()
        return int(row[0]) if row else 0

    def release_card(self, incident_id: int) -> None:
        """Give up the right to post the card (the post failed)."""
        self._update(incident_id, card_claimed_by=None, card_claimed_until=None)

    def card_claimants(self) -> list[str]:
        """Everyone holding a claim to post a card."""
        rows = self._db.execute("SELECT DISTINCT card_claimed_by FROM incidents "
                                "WHERE card_claimed_by IS NOT NULL").fetchall()
        return [r[0] for r in rows]

    def release_cards_of(self, owner: str) -> int:
        """Drop every card claim of a process known to be dead."""
        cursor = self._db.execute("UPDATE incidents SET card_claimed_by = NULL, "
                                  "card_claimed_until = NULL WHERE card_claimed_by = ?", [owner])
        return cursor.rowcount

    def set_card(self, incident_id: int, ts: str) -> None:
        """Record where the card was posted."""
        self._update(incident_id, card_ts=ts, card_error=None, card_claimed_by=None,
                     card_claimed_until=None)

    def set_card_error(self, incident_id: int, error: str) -> None:
        """Record why the card could not be posted."""
        self._update(incident_id, card_error=error)

    def set_severity(
        self, incident_id: int, severity: Severity, by: str | None, reasons: list[str]
    ) -> None:
        """Change the effective severity, recording who chose it."""
        self._update(
            incident_id,
            severity=int(severity),
            severity_override_by=by,
            severity_reasons=json.dumps(reasons),
        )

    def set_tickets(
        self, incident_id: int, tickets: list[str], reported_at: dt.datetime | None
    ) -> None:
        """Store the AOTS tickets and when AT&T was told."""
        self._update(
            incident_id,
            tickets=json.dumps(tickets),
            reported_at=_iso(reported_at) if reported_at else None,
        )

    def resolve(self, incident_id: int, at: dt.datetime, resolution: str) -> bool:
        """Mark resolved; False when it already was."""
        cursor = self._db.execute(
            "UPDATE incidents SET status = ?, resolved_at = ?, resolution = ? "
            "WHERE id = ? AND status = 'open'",
            [Status.RESOLVED.value, _iso(at), resolution, incident_id],
        )
        return cursor.rowcount == 1

    def set_restoration(self, incident_id: int, restored_at: dt.datetime, fix: str) -> None:
        """Record when service came back and what fixed it (asked for on resolve)."""
        self._update(incident_id, restored_at=restored_at.timestamp(), fix=fix.strip() or None)

    def _update(self, incident_id: int, **changes: Any) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in changes)
        self._db.execute(
            f"UPDATE incidents SET {assignments} WHERE id = :incident_id",
            {**changes, "incident_id": incident_id},
        )

    def _one(self, sql: str, params: list[Any]) -> Incident | None:
        rows = self._many(sql, params)
        return rows[0] if rows else None

    def _many(self, sql: str, params: list[Any]) -> list[Incident]:
        return [_from_row(row) for row in self._db.query(sql, params)]
