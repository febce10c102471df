"""When each level of the ladder opens for an incident, and which contact applies then."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.matrix import Contact, Matrix
from bot.settings import BusinessHours
from bot.severity import Severity

if TYPE_CHECKING:
    from bot.incident import Incident


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


class LocalTimeError(ValueError):
    """A wall-clock time the zone skips (spring forward) or repeats (fall back)."""


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="minutes" if not moment.second else "seconds")


def resolve_local_time(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A naive wall-clock time as an aware one in `tz`; never shifted, never guessed.

    Raises LocalTimeError when the time does not exist there (the daylight-saving gap) or
    exists twice (the fold), naming the offsets that would make it one moment.
    """
    if moment.tzinfo is not None:
        return moment
    wall = moment.replace(microsecond=0)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return moment.replace(tzinfo=tz)
    choices = f"{_iso(first)} or {_iso(second)}"
    if first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != wall:
        raise LocalTimeError(f"{_iso(wall)} does not exist in {tz.key} (the clocks "
                             f"skip it): give the UTC offset, e.g. {choices}")
    raise LocalTimeError(f"{_iso(wall)} happens twice in {tz.key} (the clocks go "
                         f"back): give the UTC offset, {first:%Z} {_iso(first)} or "
                         f"{second:%Z} {_iso(second)}")


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


@lru_cache(maxsize=256)
def _hours(spec: str, holidays: str) -> BusinessHours:
    return BusinessHours.parse(spec, holidays)


def incident_ladder(incident: Incident, matrix: Matrix, hours: BusinessHours) -> list[LevelOpening]:
    """An incident's ladder from the snapshot it was reported under (the matrix, business
    hours and holidays in force then; `matrix` and `hours` only for incidents stored before
    snapshots were kept). Empty until it has been reported to AT&T."""
    if incident.reported_at is None:
        return []
    # The same incident object asks again within one flow (stored, then its card rendered):
    # what the ladder depends on is compared, and the list is kept on the object.
    key = (incident.severity, incident.reported_at, incident.timezone, incident.business_hours,
           incident.holidays, incident.ladder or matrix, hours)
    kept = incident._ladder_kept
    if kept is not None and all(a is b or a == b for a, b in zip(kept[0], key, strict=True)):
        return list(kept[1])
    if incident.business_hours is not None:
        hours = _hours(incident.business_hours, incident.holidays or "none")
    openings = timeline(incident.ladder or matrix, incident.severity, incident.reported_at,
                        ZoneInfo(incident.timezone), hours)
    incident._ladder_kept = (key, tuple(openings))
    return openings
