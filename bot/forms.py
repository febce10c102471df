"""The modals' forms as pydantic models, parsed straight from a view's `state.values`.

Validated without a context, a form is read leniently (to redraw or pre-fill a modal).
Validated with `context={"now": …}`, its validators check every field, and `form_errors`
turns what they found into Slack's `{block_id: message}`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any, Self

import phonenumbers
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bot.clock import from_epoch
from bot.ids import Block, base_block
from bot.severity import Severity

LIMITS: dict[str, int] = {
    Block.BUSINESS: 150,
    Block.SITE: 150,
    Block.REPORTER: 100,
    Block.PHONE: 40,
    Block.TICKETS: 300,
    Block.DESCRIPTION: 2000,
    Block.ACTION: 500,
}
NOTE_LIMIT = 1500
TICKET_RE = re.compile(r"^[A-Za-z0-9-]{5,30}$")
DEFAULT_ACTION = "Restore service"
MAX_AGE = dt.timedelta(days=30)
MAX_AHEAD = dt.timedelta(days=7)
CLOCK_SKEW = dt.timedelta(minutes=2)


def field_values(view: dict) -> dict[str, Any]:
    """Each input block's one value, by block id: text, chosen option(s), moment or channel."""
    values = (view.get("state") or {}).get("values") if isinstance(view, dict) else None
    flat: dict[str, Any] = {}
    for block_id, actions in (values if isinstance(values, dict) else {}).items():
        element = next(iter(actions.values()), None) if isinstance(actions, dict) else None
        if isinstance(element, dict):
            flat[base_block(block_id)] = _element_value(element)
    return flat


def _element_value(element: dict) -> Any:
    if "selected_options" in element:
        chosen = element["selected_options"]
        return [o.get("value") for o in chosen if isinstance(o, dict)] if isinstance(
            chosen, list) else []
    for key in ("value", "selected_date_time", "selected_conversation", "selected_channel"):
        if key in element:
            return element[key]
    chosen = element.get("selected_option")
    return chosen.get("value") if isinstance(chosen, dict) else None


def _as_shown(view: dict, errors: dict[str, str]) -> dict[str, str]:
    """Errors keyed by the block ids the view really has (some carry a version): those of its
    blocks or, for a submission read without them (bot/form_body.py), of its state, which
    has every input block."""
    blocks = view.get("blocks")
    if isinstance(blocks, list):
        ids = [b.get("block_id") for b in blocks if isinstance(b, dict)]
    else:
        state = view.get("state")
        values = state.get("values") if isinstance(state, dict) else None
        ids = list(values) if isinstance(values, dict) else []
    shown = {base_block(i): i for i in ids if isinstance(i, str)}
    return {shown.get(block, block): message for block, message in errors.items()}


def refuse(message: str) -> PydanticCustomError:
    return PydanticCustomError("form", message)


def checking(info: ValidationInfo) -> dt.datetime | None:
    """The moment validation happens at, when the form is being checked (not just read)."""
    context = info.context or {}
    return context.get("now")


def form_errors(exc: ValidationError, model: type[BaseModel]) -> dict[str, str]:
    """Slack's `errors` for a form that failed its checks: one message per input block."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        info = model.model_fields.get(name)
        block = (info.validation_alias if info and isinstance(info.validation_alias, str)
                 else name) or Block.NOTES
        errors.setdefault(block, error["msg"])
    return errors


def split_tickets(raw: Any) -> list[str]:
    """Ticket numbers separated by commas, semicolons or spaces, duplicates dropped."""
    if isinstance(raw, list):
        raw = " ".join(str(t) for t in raw)
    text = raw if isinstance(raw, str) else ""
    return list(dict.fromkeys(t for t in re.split(r"[\s,;]+", text.strip()) if t))


def ticket_problem(tickets: list[str]) -> str | None:
    """Why these ticket numbers cannot be AOTS tickets, or None."""
    bad = [t for t in tickets if not TICKET_RE.match(t)]
    if not bad:
        return None
    return (f"{', '.join(bad[:3])} is not a ticket number: use 5–30 letters, digits or dashes; "
            "separate several with commas or spaces")


def report_time_problem(reported: dt.datetime, now: dt.datetime) -> str | None:
    """Why a "reported to AT&T" time cannot be right, or None."""
    if reported > now + CLOCK_SKEW:
        return "That time is in the future: when did you tell AT&T?"
    if reported < now - MAX_AGE:
        return "That is more than 30 days ago: check the date."
    return None


def checked_tickets(value: Any, info: ValidationInfo, required: bool) -> list[str]:
    """The ticket numbers typed; when checking, each must look like an AOTS ticket and the
    whole fit the field."""
    tickets = split_tickets(value)
    if checking(info) is None:
        return tickets
    typed = value.strip() if isinstance(value, str) else ", ".join(tickets)
    if required and not tickets:
        raise refuse("Enter the AOTS ticket number.")
    if len(typed) > LIMITS[Block.TICKETS]:
        raise refuse(f"Too long: {len(typed)} characters, at most {LIMITS[Block.TICKETS]}.")
    if problem := ticket_problem(tickets):
        raise refuse(problem)
    return tickets


@functools.lru_cache(maxsize=1024)  # the same callback numbers come back form after form
def e164(raw: str) -> str | None:
    """A phone number as E.164 (US by default), or None when it cannot be dialled."""
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _text(value: Any) -> str:
    """A text as typed; a lone surrogate (which JSON can carry and no text can be stored
    with) becomes "?"."""
    if not isinstance(value, str):
        return ""
    if value.isascii():
        return value
    return value.encode("utf-8", "replace").decode("utf-8")


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_epoch(value) or dt.datetime.max.replace(tzinfo=dt.UTC)
    return None


@functools.cache
def _readers(form: type[BaseModel]) -> tuple[tuple[str, str, Callable[[Any], Any] | None], ...]:
    """Each field of a form: its key in Slack's values, its name, and how a value is coerced
    to its type (worked out once per form, not at every submission)."""
    readers = []
    for name, info in form.model_fields.items():
        key = info.validation_alias if isinstance(info.validation_alias, str) else name
        kind = info.annotation
        read = _text if kind is str else _moment if kind == dt.datetime | None else None
        readers.append((key, name, read))
    return tuple(readers)


class Form(BaseModel):
    """What every form shares: fields named by block id, read leniently from Slack."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore",
                              validate_default=True)

    @classmethod
    def read(cls, view: dict) -> Self:
        """The form as typed, without checks (to redraw or pre-fill)."""
        return cls.model_validate(field_values(view))

    @classmethod
    def check(cls, view: dict, now: dt.datetime, **context: Any) -> Self | dict[str, str]:
        """The checked form, or the errors to show in the modal."""
        try:
            return cls.model_validate(field_values(view), context={"now": now, **context})
        except ValidationError as exc:
            return _as_shown(view, form_errors(exc, cls))

    @model_validator(mode="before")
    @classmethod
    def _lenient(cls, data: Any) -> Any:
        """Coerce what Slack sends into the field types, dropping what cannot be read."""
        if not isinstance(data, dict):
            return {}
        out: dict[str, Any] = {}
        for key, name, read in _readers(cls):
            raw = data.get(key, data.get(name))
            if raw is not None:
                out[key] = read(raw) if read else raw
        return out

    @staticmethod
    def required(value: str, info: ValidationInfo, what: str, limit: int) -> str:
        """A trimmed text that, when checking, must be given and fit its limit."""
        value = value.strip()
        if checking(info) is not None:
            if not value and what:
                raise refuse(f"Please enter {what}.")
            if len(value) > limit:
                raise refuse(f"Too long: {len(value)} characters, at most {limit}.")
        return value


class NotesForm(Form):
    """Resolve: optional notes on what fixed it."""

    notes: str = Field("", validation_alias=Block.NOTES)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str, info: ValidationInfo) -> str:
        return cls.required(value, info, "", NOTE_LIMIT)


class ResolveForm(NotesForm):
    """Resolve: when service was restored (not in the future, not before the outage began)
    and what fixed it (the notes, optional: AT&T does not always say)."""

    restored_at: dt.datetime | None = Field(None, validation_alias=Block.RESTORED_AT)

    @field_validator("restored_at")
    @classmethod
    def _restored(cls, value: dt.datetime | None, info: ValidationInfo) -> dt.datetime | None:
        now = checking(info)
        if now is None:
            return value
        if value is None:
            raise refuse("When was service restored?")
        if value > now + CLOCK_SKEW:
            raise refuse("That time is in the future: when did the phones work again?")
        began = (info.context or {}).get("began")
        if isinstance(began, dt.datetime) and value < began:
            raise refuse("That is before the outage began "
                         f"({began.strftime('%b %d %H:%M %Z')}): check the date.")
        return value


class ProgressForm(NotesForm):
    """A progress update: what has changed (required)."""

    @field_validator("notes")
    @classmethod
    def _said(cls, value: str, info: ValidationInfo) -> str:
        if checking(info) is not None and not value:
            raise refuse("Say what has changed.")
        return value


class SeverityForm(NotesForm):
    """Change severity: the new one, and why."""

    new_severity: Severity | None = Field(None, validation_alias=Block.NEW_SEVERITY)

    @field_validator("new_severity", mode="before")
    @classmethod
    def _chosen(cls, value: Any, info: ValidationInfo) -> int | None:
        if value in ("1", "2", 1, 2):
            return int(value)
        if checking(info) is not None:
            raise refuse("Choose Severity 1 or Severity 2.")
        return None


class TicketForm(Form):
    """Add ticket numbers, and when AT&T was told (it starts the clock if it had not)."""

    tickets: list[str] = Field([], validation_alias=Block.TICKETS)
    reported_at: dt.datetime | None = Field(None, validation_alias=Block.REPORTED_AT)

    @field_validator("tickets", mode="before")
    @classmethod
    def _tickets(cls, value: Any, info: ValidationInfo) -> list[str]:
        return checked_tickets(value, info, required=True)

    @field_validator("reported_at")
    @classmethod
    def _when(cls, value: dt.datetime | None, info: ValidationInfo) -> dt.datetime | None:
        now = checking(info)
        if now is not None and value is not None and (problem := report_time_problem(value,
                                                                                      now)):
            raise refuse(problem)
        return value


class CalledForm(Form):
    """A call to AT&T at a level: whom, what they promised, when the next update is due."""

    contact: str = Field("", validation_alias=Block.CONTACT)
    promise: str = Field("", validation_alias=Block.PROMISE)
    next_update: dt.datetime | None = Field(None, validation_alias=Block.NEXT_UPDATE)

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str, info: ValidationInfo) -> str:
        if checking(info) is not None and not value.strip():
            raise refuse("Whom did you speak with at AT&T?")
        return cls.required(value, info, "", NOTE_LIMIT)

    @field_validator("promise")
    @classmethod
    def _promise(cls, value: str, info: ValidationInfo) -> str:
        if checking(info) is not None and not value.strip():
            raise refuse("What did they promise? (\"nothing yet\" is an answer)")
        return cls.required(value, info, "", NOTE_LIMIT)

    @field_validator("next_update")
    @classmethod
    def _next(cls, value: dt.datetime | None, info: ValidationInfo) -> dt.datetime | None:
        now = checking(info)
        if now is not None and value is not None:
            if value < now - CLOCK_SKEW:
                raise refuse("That time has passed: when do they expect to update you?")
            if value > now + MAX_AHEAD:
                raise refuse("That is more than a week ahead: check the date.")
        return value
