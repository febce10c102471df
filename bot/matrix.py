"""A carrier's escalation ladder as data: pydantic models, loaded and validated from YAML."""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

import phonenumbers
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.severity import Severity

DEFAULT_MATRIX = "att_bvoip.yaml"
ENV_NAME = "BVOIP_MATRIX"  # every fault in a custom matrix names the variable that chose it
MAX_INTERVAL_HOURS = 168.0  # a week: a longer wait before escalating is a typo, not a ladder
MAX_FILE_BYTES = 1_000_000  # far above any ladder; stops a device file or a huge file early


class MatrixError(ValueError):
    """A matrix file that cannot be used, with a message naming the file, field and fault."""


@lru_cache(maxsize=4096)
def display_number(number: str) -> str:
    """A stored number as people read and dial it: (877) 288-8362 at home, +44 20 … abroad."""
    try:
        parsed = phonenumbers.parse(number, "US")
    except phonenumbers.NumberParseException:
        return number
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 1
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(parsed, style)


@lru_cache(maxsize=4096)
def e164(value: str) -> str:
    """A phone number in E.164 (ValueError when it is none). Remembered: every incident read
    from the database checks its ladder's numbers again."""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"{value!r} is not a phone number ({exc})") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"{value!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Contact(BaseModel):
    """How to reach a level: portal, phone (E.164), menu prompt, whom to ask for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    portal: str | None = None
    phone: str | None = None
    prompt: str | None = None
    ask_for: str | None = None
    text: str

    @field_validator("phone")
    @classmethod
    def _phone_is_e164(cls, value: str | None) -> str | None:
        return None if value is None else e164(value)

    @property
    def phone_display(self) -> str | None:
        """The phone number as a person dials it, e.g. (877) 288-8362."""
        return None if self.phone is None else display_number(self.phone)

    @property
    def how_to_call(self) -> str:
        """One line: number, prompt and whom to ask for."""
        parts = [self.phone_display or ""]
        if self.prompt:
            parts.append(f"Prompt {self.prompt}")
        if self.ask_for:
            parts.append(f"ask to speak with the {self.ask_for}")
        return ", ".join(p for p in parts if p)


class SeverityDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity
    name: str
    definition: str


class Level(BaseModel):
    """One rung of the ladder: when it opens per severity, who owns it and how to reach it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: int = Field(ge=1)
    name: str
    owner: str
    interval_hours: dict[Severity, float]
    responsibilities: list[str] = Field(min_length=1)
    contact: Contact
    after_hours_contact: Contact | None = None

    @field_validator("interval_hours")
    @classmethod
    def _positive_finite_at_most_a_week(
        cls, value: dict[Severity, float]
    ) -> dict[Severity, float]:
        for severity, hours in value.items():
            if not (math.isfinite(hours) and 0 < hours <= MAX_INTERVAL_HOURS):
                raise ValueError(
                    f"severity {int(severity)} interval must be above 0 hours and at most "
                    f"{MAX_INTERVAL_HOURS:g} (a week); got {hours!r}"
                )
        return value

    def interval(self, severity: Severity) -> dt.timedelta:
        """Elapsed time from the report to AT&T after which this level opens."""
        return dt.timedelta(hours=self.interval_hours[severity])

    def contact_for(self, after_hours: bool) -> Contact:
        """The contact that applies in or out of business hours."""
        if after_hours and self.after_hours_contact is not None:
            return self.after_hours_contact
        return self.contact


class Matrix(BaseModel):
    """A carrier's escalation ladder for one product."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    carrier: str
    product: str
    source: str
    last_updated: dt.date
    guidance: str
    severities: list[SeverityDefinition] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    escalation_information: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _ladder_is_consistent(self) -> Matrix:
        numbers = [lvl.level for lvl in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"levels must be numbered 1, 2, 3… in order; got {numbers}")
        wanted = {s.severity for s in self.severities}
        for lvl in self.levels:
            missing = wanted - set(lvl.interval_hours)
            if missing:
                names = ", ".join(str(int(s)) for s in sorted(missing))
                raise ValueError(f"level {lvl.level} has no interval for severity {names}")
        for severity in sorted(wanted):
            hours = [lvl.interval_hours[severity] for lvl in self.levels]
            if any(b <= a for a, b in zip(hours, hours[1:], strict=False)):
                raise ValueError(
                    f"severity {int(severity)} intervals must rise with the level; got {hours}"
                )
        return self

    def level(self, number: int) -> Level:
        """The level with that number."""
        return self.levels[number - 1]

    @property
    def first_contact(self) -> Contact:
        """Where trouble is reported in the first place (the First Level contact)."""
        return self.levels[0].contact


def _describe(exc: ValidationError) -> str:
    faults = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        faults.append(f"{where}: {message}")
    return "; ".join(faults)


def parse_matrix(text: str, source: str) -> Matrix:
    """Parse and validate matrix YAML; `source` names the file in error messages."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MatrixError(f"{source}: not valid YAML ({exc})".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise MatrixError(f"{source}: expected a mapping at the top level")
    try:
        return Matrix.model_validate(data)
    except ValidationError as exc:
        raise MatrixError(f"{source}: {_describe(exc)}") from None


def load_matrix(path: str | Path | None = None) -> Matrix:
    """Load the matrix at `path` (BVOIP_MATRIX), or the shipped AT&T BVoIP one when None."""
    if path is None:
        return _shipped_matrix()
    file = Path(path)
    source = f"{ENV_NAME}: {file}"
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise MatrixError(f"{source}: cannot read the matrix file ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise MatrixError(f"{source}: larger than {MAX_FILE_BYTES:,} bytes; is it the matrix?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MatrixError(
            f"{source}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
            "save the file as UTF-8"
        ) from None
    return parse_matrix(text, source)


@lru_cache(maxsize=1)
def _shipped_matrix() -> Matrix:
    text = resources.files("bot.data").joinpath(DEFAULT_MATRIX).read_text(encoding="utf-8")
    return parse_matrix(text, DEFAULT_MATRIX)
