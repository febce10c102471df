"""What every listener and the reminder loop share: settings, store, matrix and clock."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.ack_first import AckFirst
from bot.claims import claimant
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
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    owner: str = field(default_factory=claimant)  # this process, on the claims it takes
    acks: AckFirst = field(default_factory=AckFirst)  # HTTP requests still awaiting an ack

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

    def schedule_levels(self, incident: Incident) -> None:
        """Store when each level opens for the incident's severity, and wake the loop."""
        openings = self.openings(incident)
        if openings:
            self.store.levels.schedule(incident.id, {o.level: o.opens_at for o in openings},
                                       self.now())
        self.changed.set()
