"""Reading outage history for records and the scorecard: incidents with their timelines and
level rows, three queries however many incidents match."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.clock import to_epoch
from bot.incident import Incident, TimelineEntry
from storage.engine import Engine
from storage.incidents import incident_from_row
from storage.levels import DueLevel
from storage.timeline import entry_from_row

# An outage belongs to the period in which it was reported to AT&T (or, never reported,
# reported in Slack).
_WHEN = "COALESCE(reported_at, created_at)"


@dataclass(frozen=True)
class IncidentHistory:
    """One incident with everything written about it."""

    incident: Incident
    timeline: list[TimelineEntry]
    levels: list[DueLevel]


class RecordRepo:
    """Read-only queries over incidents, timeline and levels."""

    def __init__(self, db: Engine) -> None:
        self._db = db

    def history(self, since: dt.datetime | None = None, until: dt.datetime | None = None,
                site: str | None = None, team_id: str | None = None,
                channels: Sequence[str] | None = None) -> list[IncidentHistory]:
        """Incidents reported in [since, until) (at `site`, of `team_id`, in `channels` when
        given), oldest first."""
        where, params = self._among(team_id, channels)
        if since is not None:
            where.append(f"{_WHEN} >= ?")
            params.append(to_epoch(since))
        if until is not None:
            where.append(f"{_WHEN} < ?")
            params.append(to_epoch(until))
        if site is not None:
            where.append("lower(location) = lower(?)")
            params.append(site)
        chosen = f"SELECT id FROM incidents WHERE {' AND '.join(where)}"
        return self._gather(chosen, params)

    def one(self, incident_id: int) -> IncidentHistory | None:
        """One incident's history, or None."""
        found = self._gather("SELECT id FROM incidents WHERE id = ?", [incident_id])
        return found[0] if found else None

    def sites(self, team_id: str | None = None, channels: Sequence[str] | None = None
              ) -> list[str]:
        """Every site that has had an outage (of `team_id`, in `channels` when given),
        alphabetically."""
        where, params = self._among(team_id, channels)
        rows = self._db.execute(f"SELECT DISTINCT location FROM incidents WHERE "
                                f"{' AND '.join(where)}", params).fetchall()
        return sorted((r[0] for r in rows), key=lambda name: (name.lower(), name))

    def channels(self, team_id: str) -> list[str]:
        """The channels a team's outages were reported in."""
        rows = self._db.execute("SELECT DISTINCT channel_id FROM incidents WHERE team_id = ? "
                                "ORDER BY channel_id", [team_id]).fetchall()
        return [r[0] for r in rows]

    @staticmethod
    def _among(team_id: str | None, channels: Sequence[str] | None
               ) -> tuple[list[str], list[Any]]:
        where: list[str] = ["TRUE"]
        params: list[Any] = []
        if team_id is not None:
            where.append("team_id = ?")
            params.append(team_id)
        if channels is not None:
            where.append(f"channel_id IN ({', '.join('?' * len(channels)) or 'NULL'})")
            params.extend(channels)
        return where, params

    def _gather(self, chosen: str, params: list[Any]) -> list[IncidentHistory]:
        incidents = [incident_from_row(r) for r in self._db.query(
            f"SELECT * FROM incidents WHERE id IN ({chosen}) ORDER BY id", params)]
        if not incidents:
            return []
        timeline: dict[int, list[TimelineEntry]] = defaultdict(list)
        for row in self._db.query(
                "SELECT incident_id, at, kind, actor, text, details FROM timeline "
                f"WHERE incident_id IN ({chosen}) ORDER BY incident_id, id", params):
            timeline[row["incident_id"]].append(entry_from_row(row))
        levels: dict[int, list[DueLevel]] = defaultdict(list)
        for row in self._db.query(
                f"SELECT * FROM levels WHERE incident_id IN ({chosen}) "
                "ORDER BY incident_id, level", params):
            levels[row["incident_id"]].append(DueLevel.from_row(row))
        return [IncidentHistory(i, timeline[i.id], levels[i.id]) for i in incidents]
