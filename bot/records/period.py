"""Which outages a scorecard covers: `/bvoip stats [30d|90d|YYYY-QN] [site]`, and the dates
`bvoip export/stats --since/--until` take."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

DEFAULT_DAYS = 30
_DAYS = re.compile(r"^(\d{1,4})d$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-?q([1-4])$", re.IGNORECASE)


class PeriodError(ValueError):
    """A period or date that cannot be read; the message says what to type instead."""


class StatsQuery(BaseModel):
    """Outages reported in [since, until), optionally at one site."""

    model_config = ConfigDict(frozen=True)

    since: dt.datetime
    until: dt.datetime
    label: str  # "last 30 days", "2026-Q3"
    site: str | None = None


def _quarter(year: int, quarter: int, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=zone)
    end = (dt.datetime(year + 1, 1, 1, tzinfo=zone) if quarter == 4
           else dt.datetime(year, 3 * quarter + 1, 1, tzinfo=zone))
    return start, end


def parse_period(words: str, now: dt.datetime, zone: dt.tzinfo) -> StatsQuery:
    """Read `[30d|90d|YYYY-QN] [site]`; no period means the last 30 days, the rest is a site."""
    parts = words.split()
    first = parts[0] if parts else ""
    days, quarter = _DAYS.match(first), _QUARTER.match(first)
    if days:
        count = int(days[1])
        if not 1 <= count <= 3660:
            raise PeriodError(f"cannot count back {count} days: use 1d to 3660d")
        since, until, label = now - dt.timedelta(days=count), now, f"last {count} days"
    elif quarter:
        year, q = int(quarter[1]), int(quarter[2])
        since, until = _quarter(year, q, zone)
        label = f"{year}-Q{q}"
    else:
        if re.fullmatch(r"\d+[a-z]?|\d{4}-\S*", first, re.IGNORECASE):
            raise PeriodError(f"cannot read the period {first!r}: use 30d, 90d or a quarter "
                              "such as 2026-Q3")
        since, until = now - dt.timedelta(days=DEFAULT_DAYS), now
        label, parts = f"last {DEFAULT_DAYS} days", ["", *parts]
    site = " ".join(parts[1:]).strip() or None
    return StatsQuery(since=since, until=until, label=label, site=site)


def parse_day(value: str, zone: dt.tzinfo, option: str) -> dt.datetime:
    """`2026-11-01` (midnight in `zone`) or an ISO-8601 time; the error names the option."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), tzinfo=zone)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"cannot read {option} {value!r}: use a date such as 2026-11-01 "
                          "or an ISO-8601 time such as 2026-11-01T08:00-06:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def match_site(name: str, known: Sequence[str]) -> str:
    """The known site `name` names (case ignored); the error lists the known ones."""
    for site in known:
        if site.casefold() == name.strip().casefold():
            return site
    listed = ", ".join(known[:10]) if known else "none yet"
    if len(known) > 10:
        listed += f" and {len(known) - 10} more (bvoip stats lists them)"
    raise PeriodError(f"unknown site {name!r}: the sites with outages are {listed}")
