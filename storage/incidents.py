"""Incidents: created once per submission, read, and every change recorded."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from bot.clock import from_epoch, to_epoch
from bot.incident import Incident, NewIncident, Status
from bot.matrix import Matrix
from bot.severity import Severity
from storage.engine import Engine, int_list
from storage.leases import LeaseColumns, Leases

_JSON_COLUMNS = ("tickets", "symptoms", "severity_reasons")
_TIME_COLUMNS = ("reported_at", "affected_since", "created_at", "resolved_at", "restored_at")
CARD_LEASE = LeaseColumns("incidents", "card_claimed_by", "card_claim_expires", "card_attempts")
WAITING_CARD = "card_ts IS NULL AND status = 'open'"
_LEASE_COLUMNS = ("card_claimed_by", "card_claim_expires", "card_attempts")


def _to_row(new: NewIncident) -> dict[str, Any]:
    row = new.model_dump(mode="json", exclude={"ladder"})
    for column in _JSON_COLUMNS:
        row[column] = json.dumps(row[column])
    for column in _TIME_COLUMNS:
        row[column] = to_epoch(getattr(new, column, None))
    row["ladder"] = new.ladder.model_dump_json() if new.ladder is not None else None
    return row


def incident_from_row(row: dict[str, Any]) -> Incident:
    data = {k: v for k, v in row.items() if k not in _LEASE_COLUMNS}
    for column in _JSON_COLUMNS:
        data[column] = json.loads(data[column])
    for column in _TIME_COLUMNS:
        data[column] = from_epoch(data[column])
    data["ladder"] = _ladder(data["ladder"]) if data.get("ladder") else None
    return Incident.model_validate(data)


@lru_cache(maxsize=64)
def _ladder(stored: str) -> Matrix:
    """A ladder snapshot as stored: most incidents share one (the matrix of their day), and a
    Matrix is immutable, so each stored text is read once (it was four-fifths of a load)."""
    return Matrix.model_validate_json(stored)


class IncidentRepo:
    """The incidents table."""

    def __init__(self, db: Engine) -> None:
        self._db = db
        self.card_leases = Leases(db, CARD_LEASE)

    def create(self, new: NewIncident) -> tuple[Incident, bool]:
        """Store a new incident; a repeated submission returns the first one and False."""
        row = _to_row(new)
        cursor = self._db.execute(
            f"INSERT INTO incidents ({', '.join(row)}) VALUES "
            f"({', '.join(':' + name for name in row)}) ON CONFLICT (submission_key) DO NOTHING",
            row)
        found = self._one("SELECT * FROM incidents WHERE submission_key = ?", [new.submission_key])
        assert found is not None
        return found, cursor.rowcount == 1

    def get(self, incident_id: int) -> Incident | None:
        """One incident by its number, or None."""
        return self._one("SELECT * FROM incidents WHERE id = ?", [incident_id])

    def many(self, incident_ids: list[int]) -> dict[int, Incident]:
        """Several incidents by number, in one query."""
        return {i.id: i for i in self._many(
            f"SELECT * FROM incidents WHERE id IN ({int_list(incident_ids)})", [])}

    def open_in_channel(self, channel_id: str) -> list[Incident]:
        """Open incidents whose card belongs in that channel, oldest first."""
        return self._many("SELECT * FROM incidents WHERE status = 'open' AND channel_id = ? "
                          "ORDER BY id", [channel_id])

    def all_open(self) -> list[Incident]:
        """Every open incident, oldest first."""
        return self._many("SELECT * FROM incidents WHERE status = 'open' ORDER BY id", [])

    def open_by_severity(self) -> dict[int, int]:
        """How many incidents are open, by severity."""
        rows = self._db.execute("SELECT severity, COUNT(*) FROM incidents WHERE status = 'open' "
                                "GROUP BY severity").fetchall()
        return {int(severity): count for severity, count in rows}

    def without_card_in(self, channel_id: str) -> list[Incident]:
        """Open incidents waiting to post their card in that channel."""
        return self._many(f"SELECT * FROM incidents WHERE {WAITING_CARD} AND channel_id = ? "
                          "ORDER BY id", [channel_id])

    def claim_card(self, incident_id: int, owner: str, now: dt.datetime,
                   lease: dt.timedelta) -> bool:
        """Take the right to post the card (one poster at a time, across processes)."""
        return bool(self.card_leases.claim(f"id = :id AND {WAITING_CARD}", {"id": incident_id},
                                           owner, now, lease, "id"))

    def claim_due_cards(self, owner: str, now: dt.datetime, lease: dt.timedelta,
                        channel_id: str | None = None, limit: int = 100) -> list[Incident]:
        """Claim every waiting card whose retry is due (in one channel, or all)."""
        where = WAITING_CARD + (" AND channel_id = :channel" if channel_id else "")
        ids = [r[0] for r in self.card_leases.claim(
            f"id IN (SELECT id FROM incidents WHERE {where} ORDER BY id LIMIT {int(limit)}"
            f"{self._db.dialect.skip_locked})",
            {"channel": channel_id}, owner, now, lease, "id")]
        return sorted(self.many(ids).values(), key=lambda i: i.id)

    def card_attempts(self, incident_id: int) -> int:
        """How many times posting the card has been started."""
        row = self._db.execute("SELECT card_attempts FROM incidents WHERE id = ?",
                               [incident_id]).fetchone()
        return int(row[0]) if row else 0

    def release_card(self, incident_id: int, retry_at: dt.datetime | None = None) -> None:
        """Give up the right to post the card; it may be tried again from `retry_at`."""
        self.card_leases.release("id = :id", {"id": incident_id}, None, retry_at)

    def release_cards_now(self, channel_id: str | None = None) -> int:
        """Make the waiting cards of a channel (or all) due at once (the cause may have been
        fixed)."""
        where = WAITING_CARD + " AND card_claimed_by IS NULL"
        if channel_id is not None:
            where += " AND channel_id = :channel"
        return self.card_leases.release(where, {"channel": channel_id}, None, None)

    def anything_waiting(self, channel_id: str) -> bool:
        """Whether a card or a level of the channel waits for a retry (one read, no lock)."""
        row = self._db.execute(
            f"SELECT EXISTS (SELECT 1 FROM incidents WHERE {WAITING_CARD} AND channel_id = ?) "
            "OR EXISTS (SELECT 1 FROM levels WHERE state = 'pending' AND claimed_by IS NULL "
            "AND claim_expires IS NOT NULL AND incident_id IN "
            "(SELECT id FROM incidents WHERE channel_id = ?))", [channel_id, channel_id]).fetchone()
        return bool(row and row[0])

    def next_card_retry(self) -> dt.datetime | None:
        """When the earliest waiting card may be tried again."""
        row = self._db.execute(f"SELECT MIN(COALESCE(card_claim_expires, 0)) FROM incidents "
                               f"WHERE {WAITING_CARD}").fetchone()
        return from_epoch(row[0]) if row and row[0] is not None else None

    def card_claimants(self) -> list[str]:
        """Everyone holding a claim to post a card."""
        return self.card_leases.holders()

    def release_cards_of(self, owner: str) -> int:
        """Drop every card claim of a process known to be dead."""
        return self.card_leases.release_holder(owner)

    def set_card(self, incident_id: int, ts: str) -> None:
        """Record where the card was posted."""
        self._update(incident_id, card_ts=ts, card_error=None, card_claimed_by=None,
                     card_claim_expires=None)

    def set_card_error(self, incident_id: int, error: str | None) -> None:
        """Record why the card could not be posted."""
        self._update(incident_id, card_error=error)

    def set_severity(self, incident_id: int, severity: Severity, by: str | None,
                     reasons: list[str]) -> None:
        """Change the effective severity, recording who chose it."""
        self._update(incident_id, severity=int(severity), severity_override_by=by,
                     severity_reasons=json.dumps(reasons))

    def set_tickets(self, incident_id: int, tickets: list[str],
                    reported_at: dt.datetime | None) -> None:
        """Store the AOTS tickets and when AT&T was told."""
        self._update(incident_id, tickets=json.dumps(tickets), reported_at=to_epoch(reported_at))

    def resolve(self, incident_id: int, at: dt.datetime, resolution: str) -> bool:
        """Mark resolved; False when it already was."""
        cursor = self._db.execute(
            "UPDATE incidents SET status = ?, resolved_at = ?, resolution = ?, "
            "card_claimed_by = NULL, card_claim_expires = NULL WHERE id = ? AND status = 'open'",
            [Status.RESOLVED.value, to_epoch(at), resolution, incident_id])
        return cursor.rowcount == 1

    def form_opened(self, view_id: str, incident_id: int, at: dt.datetime) -> None:
        """Remember a follow-up form the app opened about an incident."""
        self._db.execute("INSERT INTO followups (view_id, incident_id, opened_at) VALUES "
                         "(?, ?, ?) ON CONFLICT (view_id) DO NOTHING",
                         [view_id, incident_id, to_epoch(at)])

    def form_submitted(self, view_id: str, incident_id: int, at: dt.datetime) -> bool:
        """Take a follow-up form's submission: True only the first time, and only for a form
        the app opened about that incident (a replay or a view we never opened is refused)."""
        return self._db.execute("UPDATE followups SET submitted_at = ? WHERE view_id = ? AND "
                                "incident_id = ? AND submitted_at IS NULL",
                                [to_epoch(at), view_id, incident_id]).rowcount == 1

    def set_restoration(self, incident_id: int, restored_at: dt.datetime, fix: str) -> None:
        """Record when service came back and what fixed it (asked for on resolve)."""
        self._update(incident_id, restored_at=restored_at.timestamp(), fix=fix.strip() or None)

    def _update(self, incident_id: int, **changes: Any) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in changes)
        self._db.execute(f"UPDATE incidents SET {assignments} WHERE id = :incident_id",
                         {**changes, "incident_id": incident_id})

    def _one(self, sql: str, params: list[Any]) -> Incident | None:
        rows = self._many(sql, params)
        return rows[0] if rows else None

    def _many(self, sql: str, params: list[Any]) -> list[Incident]:
        return [incident_from_row(row) for row in self._db.query(sql, params)]
