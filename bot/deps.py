"""What every listener and the reminder loop share: settings, store, matrix and clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.incident import Incident
from bot.matrix import Matrix
from bot.schedule import LevelOpening, timeline
from bot.settings import BusinessHours, Settings
from storage import Store


@dataclass
class Deps:
    settings: Settings
    store: Store
    matrix: Matrix
    clock: Clock

    @property
    def hours(self) -> BusinessHours:
        return self.settings.hours

    def openings(self, incident: Incident) -> list[LevelOpening]:
        """The incident's ladder: empty until it has been reported to AT&T."""
        if incident.reported_at is None:
            return []
        return timeline(self.matrix, incident.severity, incident.reported_at,
                        ZoneInfo(incident.timezone), self.hours)

    def now(self) -> dt.datetime:
        return self.clock.now()
