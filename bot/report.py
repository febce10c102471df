"""The report form as data: read from a modal's state, validated into a new incident."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import phonenumbers
from pydantic import BaseModel, ConfigDict

from bot import modal_state as state
from bot.ids import Block
from bot.settings import parse_timezone
from bot.severity import Classification, Scope, Severity, Symptom, classify

LIMITS: dict[Block, int] = {
    Block.BUSINESS: 150,
    Block.SITE: 150,
    Block.REPORTER: 100,
    Block.PHONE: 40,
    Block.TICKETS: 300,
    Block.DESCRIPTION: 2000,
    Block.ACTION: 500,
}
REQUIRED_TEXT: dict[Block, str] = {
    Block.BUSINESS: "the business name",
    Block.SITE: "the site or location",
    Block.REPORTER: "your name",
    Block.PHONE: "a callback phone number",
    Block.DESCRIPTION: "a short description of the trouble",
    Block.ACTION: "the action or resolution you want from AT&T",
}
TICKET_RE = re.compile(r"^[A-Za-z0-9-]{5,30}$")
DEFAULT_ACTION = "Restore service"
MAX_AGE = dt.timedelta(days=30)
CLOCK_SKEW = dt.timedelta(minutes=2)


class ReportDraft(BaseModel):
    """What the form holds, as typed: used to render the modal and to validate it."""

    model_config = ConfigDict(frozen=True)

    business_name: str = ""
    site: str = ""
    reporter_name: str = ""
    callback_phone: str = ""
    tickets: str = ""
    reported_at: int | None = None  # epoch seconds
    affected_since: int | None = None
    symptoms: list[Symptom] = []
    scope: Scope | None = None
    override: Severity | None = None
    description: str = ""
    action_requested: str = DEFAULT_ACTION
    channel_id: str | None = None
    timezone: str = "America/New_York"

    def classification(self) -> Classification:
        """The severity the chosen symptoms and scope imply."""
        return classify(self.symptoms, self.scope or Scope.ONE_USER)

    @property
    def severity(self) -> Severity:
        """The severity in effect: the override when chosen, else the implied one."""
        return self.override or self.classification().severity


class ValidReport(BaseModel):
    """A report that passed every check, normalised for storage."""

    model_config = ConfigDict(frozen=True)

    draft: ReportDraft
    callback_phone: str  # E.164
    tickets: list[str]
    reported_at: dt.datetime | None  # None while not reported to AT&T
    affected_since: dt.datetime | None
    channel_id: str


def _option_values(options: Any) -> list[str]:
    if not isinstance(options, list):
        return []
    return [o.get("value", "") for o in options if isinstance(o, dict)]


def draft_from_state(values: dict[str, Any]) -> ReportDraft:
    """Read a report modal's `state.values` leniently (unknown options are dropped)."""
    symptoms = [
        Symptom(v)
        for v in _option_values(state.element(values, Block.SYMPTOMS).get("selected_options"))
        if v in Symptom._value2member_map_
    ]
    scope = state.selected(values, Block.SCOPE)
    override = state.selected(values, Block.OVERRIDE)
    element = state.element(values, Block.CHANNEL)
    channel = element.get("selected_conversation") or element.get("selected_channel")
    return ReportDraft(
        business_name=state.text(values, Block.BUSINESS),
        site=state.text(values, Block.SITE),
        reporter_name=state.text(values, Block.REPORTER),
        callback_phone=state.text(values, Block.PHONE),
        tickets=state.text(values, Block.TICKETS),
        reported_at=state.epoch(values, Block.REPORTED_AT),
        affected_since=state.epoch(values, Block.AFFECTED_SINCE),
        symptoms=symptoms,
        scope=Scope(scope) if scope in Scope._value2member_map_ else None,
        override=Severity(int(override)) if override in ("1", "2") else None,
        description=state.text(values, Block.DESCRIPTION),
        action_requested=state.text(values, Block.ACTION),
        channel_id=channel if isinstance(channel, str) and channel else None,
        timezone=state.selected(values, Block.TIMEZONE) or "",
    )


def _phone(raw: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def split_tickets(raw: str) -> list[str]:
    """Ticket numbers separated by commas, semicolons or spaces, duplicates dropped."""
    return list(dict.fromkeys(t for t in re.split(r"[\s,;]+", raw.strip()) if t))


def ticket_error(tickets: list[str]) -> str | None:
    """Why these ticket numbers cannot be AOTS tickets, or None."""
    bad = [t for t in tickets if not TICKET_RE.match(t)]
    if not bad:
        return None
    shown = ", ".join(bad[:3])
    return (
        f"{shown} is not a ticket number: use 5–30 letters, digits or dashes; "
        "separate several with commas or spaces"
    )


def report_time_error(reported: dt.datetime, now: dt.datetime) -> str | None:
    """Why a "reported to AT&T" time cannot be right, or None."""
    if reported > now + CLOCK_SKEW:
        return "That time is in the future: when did you tell AT&T?"
    if reported < now - MAX_AGE:
        return "That is more than 30 days ago: check the date."
    return None


def validate(draft: ReportDraft, now: dt.datetime, from_dm: bool) -> ValidReport | dict[str, str]:
    """A valid report, or errors keyed by input block id in plain words."""
    errors: dict[str, str] = {}
    texts = draft.model_dump()
    fields = {
        Block.BUSINESS: "business_name",
        Block.SITE: "site",
        Block.REPORTER: "reporter_name",
        Block.PHONE: "callback_phone",
        Block.TICKETS: "tickets",
        Block.DESCRIPTION: "description",
        Block.ACTION: "action_requested",
    }
    for block, field in fields.items():
        value = texts[field].strip()
        if block in REQUIRED_TEXT and not value:
            errors[block] = f"Please enter {REQUIRED_TEXT[block]}."
        elif len(value) > LIMITS[block]:
            errors[block] = f"Too long: {len(value)} characters, at most {LIMITS[block]}."
    phone = _phone(draft.callback_phone) if draft.callback_phone.strip() else None
    if Block.PHONE not in errors and phone is None:
        errors[Block.PHONE] = (
            f"{draft.callback_phone.strip()!r} is not a phone number we can "
            "dial: give the area code, e.g. (813) 555-0142 or +44 20 7946 0958."
        )
    tickets = split_tickets(draft.tickets)
    if Block.TICKETS not in errors and (problem := ticket_error(tickets)):
        errors[Block.TICKETS] = problem
    reported = _moment(draft.reported_at) if tickets else None
    affected = _moment(draft.affected_since)
    if reported is not None:
        if problem := report_time_error(reported, now):
            errors[Block.REPORTED_AT] = problem
    elif tickets:
        reported = now
    if affected is not None:
        if affected > now + CLOCK_SKEW:
            errors[Block.AFFECTED_SINCE] = "That time is in the future."
        elif reported is not None and affected > reported:
            errors[Block.AFFECTED_SINCE] = (
                "Service was affected after it was reported to AT&T? "
                "Check both times: service is affected first, then reported."
            )
        elif affected < now - MAX_AGE:
            errors[Block.AFFECTED_SINCE] = "That is more than 30 days ago: check the date."
    if not draft.symptoms:
        errors[Block.SYMPTOMS] = "Tick at least one symptom."
    if draft.scope is None:
        errors[Block.SCOPE] = "Choose how many users are affected."
    if not draft.channel_id:
        errors[Block.CHANNEL] = (
            "Choose the channel to post updates in." if from_dm else "Choose a channel for updates."
        )
    try:
        parse_timezone(draft.timezone)
    except ValueError:
        errors[Block.TIMEZONE] = "Choose the site's time zone."
    if errors:
        return errors
    assert phone is not None and draft.channel_id is not None
    return ValidReport(
        draft=draft,
        callback_phone=phone,
        tickets=tickets,
        reported_at=reported,
        affected_since=affected,
        channel_id=draft.channel_id,
    )


def _moment(epoch: int | None) -> dt.datetime | None:
    if epoch is None:
        return None
    try:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return dt.datetime.max.replace(tzinfo=dt.UTC)
