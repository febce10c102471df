"""The site directory: each location's zone, hours and details, and reading it from YAML."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

import phonenumbers
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.settings import (
    DEFAULT_BUSINESS_HOURS,
    BusinessHours,
    Settings,
    parse_holidays,
    parse_timezone,
)

FIELDS = (
    "name",
    "business",
    "address",
    "timezone",
    "business_hours",
    "holidays",
    "att_account",
    "callback_phone",
    "channel",
    "aliases",
)
NAME_LIMIT = 75  # a Slack option's text: a site's name is shown in the report form's select
CHANNEL_RE = re.compile(r"^[CG][A-Z0-9]{2,}$")


class SiteError(ValueError):
    """A site that cannot go into the directory; one line naming the site and the field."""

    def __init__(self, site: str, field: str, message: str) -> None:
        self.site, self.field, self.message = site, field, message
        super().__init__(f"site {site}: {field}: {message}")


class Site(BaseModel):
    """One location of the business: who it is, where, its zone, hours and holidays."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=NAME_LIMIT)
    business: str = Field(min_length=1, max_length=150)
    address: str = Field(min_length=1, max_length=300)
    timezone: str
    business_hours: str = DEFAULT_BUSINESS_HOURS
    holidays: str = "US"
    att_account: str | None = Field(None, max_length=60)
    callback_phone: str | None = None  # E.164
    channel: str | None = None  # Slack channel id whose reports default to this site
    aliases: tuple[str, ...] = ()

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not any(ch.isalnum() for ch in value):
            raise ValueError("needs a letter or digit")
        return " ".join(value.split())

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return parse_timezone(value).key

    @field_validator("business_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        BusinessHours.parse(value, "none")
        return " ".join(value.split())

    @field_validator("holidays")
    @classmethod
    def _holidays(cls, value: str) -> str:
        parse_holidays(value)
        return value.strip()

    @field_validator("att_account", "callback_phone", "channel", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # YAML reads an unquoted account or phone number as a number
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("callback_phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else e164(value)

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str | None) -> str | None:
        if value is not None and not CHANNEL_RE.match(value):
            raise ValueError(f"{value!r} is not a Slack channel id such as C0123ABCD")
        return value

    @field_validator("aliases", mode="before")
    @classmethod
    def _alias_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            words = [" ".join(str(v).split()) for v in value if v is not None]
            return tuple(dict.fromkeys(w for w in words if w))
        return value

    # Plain properties over a shared cache: a cached_property would be copied, stale,
    # by model_copy(update=...).
    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone."""
        return parse_timezone(self.timezone)

    @property
    def hours(self) -> BusinessHours:
        """The site's business hours with its holidays."""
        return _business_hours(self.business_hours, self.holidays)

    @property
    def location(self) -> str:
        """What the report's "Site / location" field says for this site."""
        return f"{self.name}, {self.address}"

    @property
    def names(self) -> list[str]:
        """Its name and its aliases: the words that name it in free text."""
        return [self.name, *self.aliases]

    def to_record(self) -> dict[str, Any]:
        """Every field, in the file's order, aliases as a list (JSON and YAML alike)."""
        data = self.model_dump()
        return {f: list(data[f]) if f == "aliases" else data[f] for f in FIELDS}


class SiteChange(BaseModel):
    """One change to the directory: who, when, and each field's value before and after."""

    model_config = ConfigDict(frozen=True)

    site: str
    at: dt.datetime
    actor: str
    kind: Literal["added", "changed"]
    changes: dict[str, tuple[Any, Any]]


def site_diff(before: Site | None, after: Site) -> dict[str, tuple[Any, Any]]:
    """Each field whose value differs, as (before, after); every set field for a new site."""
    old = before.to_record() if before is not None else dict.fromkeys(FIELDS)
    new = after.to_record()
    return {f: (old[f], new[f]) for f in FIELDS if old[f] != new[f] and (before or new[f])}


@lru_cache(maxsize=1024)
def _business_hours(spec: str, holidays: str) -> BusinessHours:
    return BusinessHours.parse(spec, holidays)


def e164(raw: str) -> str:
    """A phone number in E.164 (US numbers may be written nationally), or a ValueError."""
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(f"{raw!r} is not a phone number such as (813) 555-0142")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _label(raw: dict[str, Any], position: int | None) -> str:
    name = raw.get("name")
    if isinstance(name, str) and name.strip():
        return repr(" ".join(name.split()))
    return f"#{position}" if position is not None else "(no name)"


def error_fields(exc: ValidationError) -> dict[str, str]:
    """Each failing field with its first message, in plain words."""
    found: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "site"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field: use " + ", ".join(FIELDS)
        elif error["type"] == "missing" or (
            error["type"] == "string_too_short" and not str(error.get("input", "")).strip()
        ):
            message = "required"
        found.setdefault(field, message)
    return found


def build_site(raw: Any, position: int | None = None) -> Site:
    """A Site from a mapping (a YAML entry or a form), or a SiteError naming site and field."""
    if not isinstance(raw, dict):
        raise SiteError(f"#{position}", "site", "each entry must be a mapping of fields")
    try:
        return Site.model_validate(raw)
    except ValidationError as exc:
        field, message = next(iter(error_fields(exc).items()))
        raise SiteError(_label(raw, position), field, message) from None


def _key(word: str) -> str:
    return " ".join(word.split()).casefold()


def directory_conflicts(sites: Iterable[Site]) -> dict[tuple[str, str], str]:
    """(site, field) -> why, for a name, alias or channel an earlier site already has."""
    owners: dict[str, tuple[int, str]] = {}  # word -> (position, name) of the site it names
    channels: dict[str, tuple[int, str]] = {}
    conflicts: dict[tuple[str, str], str] = {}
    for n, site in enumerate(sites):
        for field, word in [("name", site.name), *(("aliases", a) for a in site.aliases)]:
            at, owner = owners.setdefault(_key(word), (n, site.name))
            if at != n:
                conflicts.setdefault((site.name, field), f"{word!r} already names site {owner!r}")
        if site.channel is not None:
            at, owner = channels.setdefault(site.channel, (n, site.name))
            if at != n:
                conflicts.setdefault((site.name, "channel"),
                                     f"{site.channel} is already the channel of site {owner!r}")
    return conflicts


def merged_directory(existing: Iterable[Site], incoming: list[Site]) -> list[Site]:
    """The directory after upserting `incoming` by name (case-insensitive), or a SiteError."""
    seen: dict[str, Site] = {}
    for site in incoming:
        if _key(site.name) in seen:
            raise SiteError(repr(site.name), "name",
                            f"appears twice (also as {seen[_key(site.name)].name!r})")
        seen[_key(site.name)] = site
    kept = [s for s in existing if _key(s.name) not in seen]
    # Kept sites first, so a clash is blamed on the incoming site that causes it.
    for (name, field), why in directory_conflicts([*kept, *incoming]).items():
        raise SiteError(repr(name), field, why)
    return [*kept, *incoming]


def same_name(a: str, b: str) -> bool:
    """Whether two site names are the same name (case and spacing aside)."""
    return _key(a) == _key(b)


def read_sites_yaml(text: str) -> list[Site]:
    """Every site of a `sites: [...]` file; the first problem raises one SiteError/ValueError."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ValueError(f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sites"), list):
        raise ValueError("the file must hold 'sites:' followed by a list of sites")
    extra = sorted(str(k) for k in data if k != "sites")
    if extra:
        raise ValueError(f"unknown top-level key {extra[0]!r}: the file holds only 'sites:'")
    return [build_site(raw, n) for n, raw in enumerate(data["sites"], start=1)]


def sites_yaml(sites: Iterable[Site]) -> str:
    """The directory as the YAML that read_sites_yaml takes back unchanged."""
    records = [
        {k: v for k, v in site.to_record().items() if v is not None and v != []}
        for site in sites
    ]
    return yaml.safe_dump({"sites": records}, sort_keys=False, allow_unicode=True, width=100)


def site_named_in(text: str, sites: Iterable[Site]) -> Site | None:
    """The site whose name or alias the text names (whole words, any case); longest wins."""
    best: tuple[int, Site] | None = None
    for site in sites:
        for word in site.names:
            words = r"\s+".join(re.escape(w) for w in word.split())
            if best is not None and len(word) <= best[0]:
                continue
            if re.search(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
                best = (len(word), site)
    return best[1] if best else None


def site_for_report(sites: list[Site], channel_id: str | None, text: str) -> Site | None:
    """The site a new report starts with: the one its text names, else its channel's."""
    named = site_named_in(text, sites) if text.strip() else None
    return named or next((s for s in sites if channel_id and s.channel == channel_id), None)


def zone_and_hours(site: Site | None, settings: Settings) -> tuple[ZoneInfo, BusinessHours]:
    """The site's zone and hours, or the environment's defaults without a site."""
    if site is None:
        return settings.site_zone, settings.hours
    return site.zone, site.hours
