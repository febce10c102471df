"""Configuration from the environment (pydantic-settings), with business hours parsed."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import socket
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_TIMEZONE = "America/New_York"
DEFAULT_BUSINESS_HOURS = "Mon-Fri 08:00-17:00"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
# RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
_HOST_NAME_RE = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?",
                           re.IGNORECASE)
_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_HOURS_RE = re.compile(
    r"^\s*(?P<days>[a-z]{3}(?:\s*-\s*[a-z]{3})?(?:\s*,\s*[a-z]{3}(?:\s*-\s*[a-z]{3})?)*)"
    r"\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s*$",
    re.IGNORECASE,
)
_CLOSURE_RE = re.compile(
    r"^(?:(?P<year>\d{4})-)?(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:\s+(?P<name>.+))?$"
)


class SettingsError(ValueError):
    """A setting that is missing or malformed; the message names the variable."""


def parse_timezone(name: str) -> ZoneInfo:
    """An IANA zone by name, or a ValueError that says what to fix."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Pacific" is a folder of zones
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name such as America/Chicago"
        ) from None


class Closure(BaseModel):
    """A day the site is closed beyond its holiday calendar: every year, or in one year."""

    model_config = ConfigDict(frozen=True)

    month: int
    day: int
    year: int | None = None  # None: every year
    name: str = "Closed"

    def falls_on(self, day: dt.date) -> bool:
        """Whether this closure is on `day`."""
        return (day.month, day.day) == (self.month, self.day) and self.year in (None, day.year)


class HolidayRules(BaseModel):
    """A holiday calendar (or none), its holidays worked, and extra closures."""

    model_config = ConfigDict(frozen=True)

    country: str | None = "US"
    subdivision: str | None = None
    worked: frozenset[str] = frozenset()  # lower-case holiday names the site works
    closures: tuple[Closure, ...] = ()


class BusinessHours(BaseModel):
    """Opening days and hours of a site, and whose public holidays count as after hours."""

    model_config = ConfigDict(frozen=True)

    days: frozenset[int]  # 0 = Monday
    start: dt.time
    end: dt.time  # dt.time.max when the spec closes at 24:00
    holiday_country: str | None = "US"
    holiday_subdivision: str | None = None
    through_midnight: bool = False  # "…-24:00": open to the end of the day
    worked_holidays: frozenset[str] = frozenset()
    closures: tuple[Closure, ...] = ()

    @classmethod
    def parse(cls, spec: str, holiday_spec: str = "US") -> BusinessHours:
        """Read "Mon-Fri 08:00-17:00" (or "…-24:00") and a holiday spec (see parse_holidays)."""
        days, start, end, through_midnight = _parse_hours(spec)
        rules = parse_holidays(holiday_spec)
        return cls(
            days=days,
            start=start,
            end=end,
            holiday_country=rules.country,
            holiday_subdivision=rules.subdivision,
            through_midnight=through_midnight,
            worked_holidays=rules.worked,
            closures=rules.closures,
        )

    @cached_property
    def _calendar(self) -> holidays.HolidayBase | None:
        if self.holiday_country is None:
            return None
        return holidays.country_holidays(self.holiday_country, subdiv=self.holiday_subdivision)

    def holiday_name(self, day: dt.date) -> str | None:
        """The public holiday (or extra closure) on that day, if any, minus holidays worked."""
        closure = next((c for c in self.closures if c.falls_on(day)), None)
        if closure is not None:
            return closure.name
        if self._calendar is None:
            return None
        worked = self.worked_holidays
        names = [n for n in self._calendar.get_list(day) if _base_name(n) not in worked]
        return "; ".join(names) or None

    def is_open(self, moment: dt.datetime, tz: ZoneInfo) -> bool:
        """Whether the aware `moment` falls inside business hours at a site in `tz`."""
        local = moment.astimezone(tz)
        if local.weekday() not in self.days or self.holiday_name(local.date()):
            return False
        clock = local.time().replace(tzinfo=None)
        return self.start <= clock and (self.through_midnight or clock < self.end)


def _parse_hours(spec: str) -> tuple[frozenset[int], dt.time, dt.time, bool]:
    match = _HOURS_RE.match(spec)
    if not match:
        raise ValueError(f"{spec!r} is not like 'Mon-Fri 08:00-17:00'")
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", match["days"].lower()):
        ends = [d.strip() for d in part.split("-")]
        if any(d not in _DAYS for d in ends):
            raise ValueError(f"unknown day in {part!r}: use Mon, Tue, Wed, Thu, Fri, Sat, Sun")
        first, last = _DAYS.index(ends[0]), _DAYS.index(ends[-1])
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        days.update(span)
    through_midnight = match["end"].zfill(5) == "24:00"
    try:
        start = dt.time.fromisoformat(match["start"].zfill(5))
        end = dt.time.max if through_midnight else dt.time.fromisoformat(match["end"].zfill(5))
    except ValueError:
        raise ValueError(f"{spec!r} has an hour that is not a time of day") from None
    if end <= start:
        raise ValueError(f"{spec!r}: closing time must be after opening time")
    return frozenset(days), start, end, through_midnight


def _base_name(holiday: str) -> str:
    """'Independence Day (observed)' -> 'independence day': working a day works its observance."""
    return holiday.removesuffix(" (observed)").strip().lower()


def _parse_holidays(spec: str) -> tuple[str | None, str | None]:
    """The calendar part alone: "US", "US-CA" or "none"."""
    spec = spec.strip()
    if spec.lower() in {"", "none", "off"}:
        return None, None
    country, _, subdivision = spec.partition("-")
    try:
        holidays.country_holidays(country.upper(), subdiv=subdivision.upper() or None)
    except NotImplementedError:
        raise ValueError(f"no holiday calendar for {spec!r}: use US, US-CA or none") from None
    return country.upper(), subdivision.upper() or None


def _holiday_names(country: str | None, subdivision: str | None) -> set[str]:
    if country is None:
        return set()
    this_year = dt.date.today().year
    calendar = holidays.country_holidays(
        country, subdiv=subdivision, years=range(this_year - 1, this_year + 3)
    )
    return {_base_name(n) for names in calendar.values() for n in names.split("; ")}


def _parse_closure(item: str) -> Closure:
    match = _CLOSURE_RE.match(item)
    if not match:
        raise ValueError(
            f"closed day {item!r} is not like '12-24 Christmas Eve' or '2026-12-31 Office move'"
        )
    year = int(match["year"]) if match["year"] else None
    month, day = int(match["month"]), int(match["day"])
    try:
        dt.date(year or 2024, month, day)  # 2024: a leap year, so 02-29 is a date
    except ValueError:
        raise ValueError(f"closed day {item!r} is not a date") from None
    return Closure(month=month, day=day, year=year, name=(match["name"] or "Closed").strip())


def parse_holidays(spec: str) -> HolidayRules:
    """Read "US-MA; worked Columbus Day; closed 12-24 Christmas Eve, 2026-12-31 Move".

    The calendar (US, US-XX or none), then optional parts after semicolons: `worked` and
    holiday names as the calendar spells them (their observed days are worked too), `closed`
    and days as MM-DD (every year) or YYYY-MM-DD, each optionally followed by its name.
    """
    base, *adjustments = spec.split(";")
    country, subdivision = _parse_holidays(base)
    worked: set[str] = set()
    closures: list[Closure] = []
    for part in adjustments:
        kind, _, items = part.strip().partition(" ")
        kind = kind.removesuffix(":").lower()
        entries = [i.strip() for i in items.lstrip(":").split(",") if i.strip()]
        if kind not in {"worked", "closed"} or not entries:
            raise ValueError(
                f"{part.strip()!r} is not like 'worked Columbus Day' or 'closed 12-24 Party'"
            )
        if kind == "closed":
            closures.extend(_parse_closure(i) for i in entries)
            continue
        known = _holiday_names(country, subdivision)
        for name in entries:
            if _base_name(name) not in known:
                where = base.strip() or "none"
                raise ValueError(
                    f"{name!r} is not a holiday of {where}: name one as the calendar does, "
                    "e.g. Columbus Day, Veterans Day, Day After Thanksgiving"
                )
            worked.add(_base_name(name))
    return HolidayRules(
        country=country,
        subdivision=subdivision,
        worked=frozenset(worked),
        closures=tuple(closures),
    )


class Settings(BaseSettings):
    """Everything the app reads from the environment (names as in DESIGN.md)."""

    # One rule for every variable: set but empty (`BVOIP_MATRIX=`) is the same as unset.
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True,
                                      env_ignore_empty=True)

    slack_bot_token: str | None = Field(None, validation_alias="SLACK_BOT_TOKEN", repr=False)
    slack_signing_secret: str | None = Field(
        None, validation_alias="SLACK_SIGNING_SECRET", repr=False
    )
    slack_app_token: str | None = Field(None, validation_alias="SLACK_APP_TOKEN", repr=False)
    slack_api_url: str = Field(DEFAULT_SLACK_API_URL, validation_alias="SLACK_API_URL")
    db_path: str = Field("./bvoip.db", validation_alias=AliasChoices("BVOIP_DB"))
    timezone: str = Field(DEFAULT_TIMEZONE, validation_alias="BVOIP_TIMEZONE")
    business_hours: str = Field(DEFAULT_BUSINESS_HOURS, validation_alias="BVOIP_BUSINESS_HOURS")
    holidays: str = Field("US", validation_alias="BVOIP_HOLIDAYS")
    matrix_path: str | None = Field(None, validation_alias="BVOIP_MATRIX")
    slack_timeout: float = Field(10.0, gt=0, le=120, validation_alias="BVOIP_SLACK_TIMEOUT")
    # This replica's name on its claims (unique per running replica); None: host:pid:tag.
    instance: str | None = Field(None, validation_alias="BVOIP_INSTANCE")
    # How long a claim holds before another replica may take it over (seconds).
    lease_seconds: float = Field(60.0, ge=5, le=3600, validation_alias="BVOIP_LEASE")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        parse_timezone(value)
        return value.strip()

    @field_validator("instance")
    @classmethod
    def _instance(cls, value: str | None) -> str | None:
        if value is not None and (len(value) > 100 or not re.fullmatch(r"[\w.:@/-]+", value)):
            raise ValueError("must be a name of up to 100 letters, digits and . : @ / - _, "
                             "with no spaces")
        return value

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.lease_seconds)

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://", value):
            raise ValueError("must start with http:// or https://")
        return value if value.endswith("/") else value + "/"

    @cached_property
    def site_zone(self) -> ZoneInfo:
        return parse_timezone(self.timezone)

    @cached_property
    def hours(self) -> BusinessHours:
        return BusinessHours.parse(self.business_hours, self.holidays)


_ENV_NAMES = {
    "timezone": "BVOIP_TIMEZONE",
    "slack_api_url": "SLACK_API_URL",
    "business_hours": "BVOIP_BUSINESS_HOURS",
    "holidays": "BVOIP_HOLIDAYS",
    "slack_timeout": "BVOIP_SLACK_TIMEOUT",
    "instance": "BVOIP_INSTANCE",
    "lease_seconds": "BVOIP_LEASE",
}


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment; a bad value raises SettingsError naming the variable."""
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        name = _ENV_NAMES.get(field, field)
        raise SettingsError(f"{name}: {error['msg'].removeprefix('Value error, ')}") from None
    try:
        parse_holidays(settings.holidays)
    except ValueError as exc:
        raise SettingsError(f"BVOIP_HOLIDAYS: {exc}") from None
    try:
        settings.hours  # noqa: B018 - parse now so a bad value stops the start
    except ValueError as exc:
        raise SettingsError(f"BVOIP_BUSINESS_HOURS: {exc}") from None
    return settings


def check_host(host: str) -> str:
    """The `--host` to listen on, if it is an IP address or a host name that resolves."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    last_label = host.rstrip(".").rpartition(".")[2]
    # A name whose last label is all digits (999.1.1.1) is a mistyped address, never a name.
    if len(host) > 253 or not _HOST_NAME_RE.fullmatch(host) or last_label.isdigit():
        raise SettingsError(f"--host {host!r} is not an IP address or host name: "
                            "use e.g. 0.0.0.0, 127.0.0.1, :: or localhost")
    try:
        socket.getaddrinfo(host, None, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SettingsError(f"--host {host!r} does not resolve ({reason}): "
                            "use an address of this machine, e.g. 0.0.0.0 or 127.0.0.1") from None
    return host


def http_port(port: int | None) -> int:
    """The port to listen on: `--port`, else `$PORT` (empty is unset), else 3000."""
    if port is not None:
        if not 0 < port < 65536:
            raise SettingsError(f"--port must be a port number (1-65535), not {port}")
        return port
    raw = os.environ.get("PORT") or str(DEFAULT_PORT)
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < 65536:
        raise SettingsError(f"PORT must be a port number (1-65535), not {raw!r}")
    return int(raw)
