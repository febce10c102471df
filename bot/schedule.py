"""When each level of the ladder opens for an incident, and which contact applies then."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.matrix import Contact, Matrix
from bot.settings import BusinessHours
from bot.severity import Severity


class LevelOpening(BaseModel):
    """One level of the ladder for one incident: when it opens and whom to call then."""

    model_config = ConfigDict(frozen=True)

    level: int
    name: str
    owner: str
    responsibilities: list[str]
    interval: dt.timedelta
    opens_at: dt.datetime  # aware, in the site's zone
    after_hours: bool
    holiday: str | None = None
    contact: Contact


def ensure_aware(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """Read a naive datetime as local time in `tz`; leave an aware one as it is."""
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def opening(
    matrix: Matrix,
    level_number: int,
    severity: Severity,
    reported_at: dt.datetime,
    tz: ZoneInfo,
    hours: BusinessHours,
) -> LevelOpening:
    """One level's opening: elapsed hours after the report, shown in the site's zone."""
    level = matrix.level(level_number)
    interval = level.interval(severity)
    # Add in UTC so the interval is elapsed time even across a daylight-saving change.
    utc_moment = ensure_aware(reported_at, tz).astimezone(dt.UTC) + interval
    local = utc_moment.astimezone(tz)
    after_hours = not hours.is_open(local, tz)
    return LevelOpening(
        level=level.level,
        name=level.name,
        owner=level.owner,
        responsibilities=level.responsibilities,
        interval=interval,
        opens_at=local,
        after_hours=after_hours,
        holiday=hours.holiday_name(local.date()),
        contact=level.contact_for(after_hours),
    )


def timeline(
    matrix: Matrix,
    severity: Severity,
    reported_at: dt.datetime,
    tz: ZoneInfo,
    hours: BusinessHours,
) -> list[LevelOpening]:
    """Every level's opening for an incident of `severity` reported to AT&T at `reported_at`."""
    return [opening(matrix, lvl.level, severity, reported_at, tz, hours) for lvl in matrix.levels]


def open_levels(openings: list[LevelOpening], now: dt.datetime) -> list[LevelOpening]:
    """The levels already open at `now`."""
    return [o for o in openings if o.opens_at <= now]


def next_opening(openings: list[LevelOpening], now: dt.datetime) -> LevelOpening | None:
    """The first level still to open after `now`, if any."""
    return next((o for o in openings if o.opens_at > now), None)
