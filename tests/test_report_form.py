"""The report form's rules (bot/forms.py): what passes, and each refusal in plain words."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.forms import split_tickets
from bot.ids import Block
from bot.report_form import ReportForm
from bot.severity import Scope, Severity, Symptom

NOW = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)
EPOCH = int(NOW.timestamp())
HOUR = 3600
DAY = 24 * HOUR


def draft(**changes) -> dict:
    base = dict(
        business_name="Acme Dental", site="Tampa branch", reporter_name="Dana Ruiz",
        callback_phone="(813) 555-0142", tickets="", reported_at=EPOCH,
        symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
        description="No calls in or out", action_requested="Restore service",
        channel_id="C123", timezone="America/Chicago",
    )
    base.update(changes)
    return base


def validate(fields: dict, now: dt.datetime, from_dm: bool) -> ReportForm | dict[str, str]:
    """The form checked as a submission is: fields as the modal's blocks hold them."""
    view = {"state": {"values": {Block(_BLOCKS.get(k, k)).value: {"value": _element(v)}
                                 for k, v in fields.items()}}}
    return ReportForm.check(view, now, from_dm=from_dm)


_BLOCKS = {"business_name": "business_name", "site": "site", "reporter_name": "reporter_name",
           "callback_phone": "callback_phone", "tickets": "tickets", "reported_at": "reported_at",
           "affected_since": "affected_since", "symptoms": "symptoms", "scope": "scope",
           "description": "description", "action_requested": "action_requested",
           "channel_id": "channel", "timezone": "timezone"}


def _element(value) -> dict:
    """The element state Slack sends for a value of that kind."""
    if isinstance(value, list):
        return {"type": "checkboxes", "selected_options": [{"value": str(v)} for v in value]}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"type": "datetimepicker", "selected_date_time": value}
    if isinstance(value, Scope):
        return {"type": "radio_buttons", "selected_option": {"value": value.value}}
    return {"type": "plain_text_input", "value": value}


def errors_of(d: dict, from_dm: bool = False) -> dict[str, str]:
    result = validate(d, NOW, from_dm)
    assert isinstance(result, dict), f"expected errors, got a valid report: {result!r}"
    return result


def valid(d: dict, from_dm: bool = False) -> ReportForm:
    result = validate(d, NOW, from_dm)
    assert isinstance(result, ReportForm), f"expected a valid report, got errors {result!r}"
    return result


# ---------------------------------------------------------------------- what passes
def test_a_complete_report_is_normalised_for_storage():
    report = valid(draft(tickets="ABC-12345", reported_at=EPOCH - HOUR))
    assert report.callback_phone == "+18135550142"
    assert report.tickets == ["ABC-12345"]
    assert report.reported_at == NOW - dt.timedelta(hours=1)
    assert report.affected_since is None
    assert report.channel_id == "C123"


def test_without_a_ticket_the_escalation_clock_has_not_started():
    assert valid(draft(tickets="")).reported_at is None


def test_a_ticket_without_a_report_time_starts_the_clock_now():
    assert valid(draft(tickets="12345678", reported_at=None)).reported_at == NOW


@pytest.mark.parametrize("raw, expected", [
    ("12345678, ABC-99999 xyz12", ["12345678", "ABC-99999", "xyz12"]),
    ("12345678;12345678 ,  99999", ["12345678", "99999"]),
    ("  A1B2C3-D4E5F6-G7H8I9-J0K1L2M3  ", ["A1B2C3-D4E5F6-G7H8I9-J0K1L2M3"]),
])
def test_several_tickets_separated_by_commas_or_spaces_are_accepted(raw, expected):
    assert split_tickets(raw) == expected
    assert valid(draft(tickets=raw)).tickets == expected


@pytest.mark.parametrize("phone, e164", [
    ("(813) 555-0142", "+18135550142"),
    ("813.555.0142", "+18135550142"),
    ("+44 20 7946 0958", "+442079460958"),
])
def test_phone_numbers_are_stored_as_e164(phone, e164):
    assert valid(draft(callback_phone=phone)).callback_phone == e164


def test_a_report_time_within_the_clock_skew_is_accepted():
    assert valid(draft(tickets="12345", reported_at=EPOCH + 60)).reported_at is not None


def test_service_affected_before_the_report_is_accepted():
    report = valid(draft(tickets="12345", reported_at=EPOCH - HOUR,
                         affected_since=EPOCH - 2 * HOUR))
    assert report.affected_since == NOW - dt.timedelta(hours=2)


# ---------------------------------------------------------------------- refusals
@pytest.mark.parametrize("phone", ["555", "call me", "(555) 555-5555", "+1 813 555"])
def test_a_phone_number_that_cannot_be_dialled(phone):
    errors = errors_of(draft(callback_phone=phone))
    assert list(errors) == [Block.PHONE]
    assert "not a phone number" in errors[Block.PHONE]
    assert "area code" in errors[Block.PHONE]


@pytest.mark.parametrize("tickets, shown", [
    ("1234", "1234"),
    ("AB#12345", "AB#12345"),
    ("12345678, tick_et9", "tick_et9"),
    ("A" * 31, "A" * 31),
])
def test_bad_ticket_numbers_are_named(tickets, shown):
    errors = errors_of(draft(tickets=tickets))
    assert list(errors) == [Block.TICKETS]
    assert errors[Block.TICKETS].startswith(f"{shown} is not a ticket number")
    assert "5–30 letters, digits or dashes" in errors[Block.TICKETS]


def test_a_report_time_in_the_future():
    errors = errors_of(draft(tickets="12345", reported_at=EPOCH + HOUR))
    assert errors == {Block.REPORTED_AT: "That time is in the future: when did you tell AT&T?"}


def test_a_report_time_beyond_any_calendar_is_in_the_future_not_a_crash():
    errors = errors_of(draft(tickets="12345", reported_at=10**20))
    assert list(errors) == [Block.REPORTED_AT]


def test_a_report_time_more_than_30_days_back():
    errors = errors_of(draft(tickets="12345", reported_at=EPOCH - 31 * DAY))
    assert errors == {Block.REPORTED_AT: "That is more than 30 days ago: check the date."}
    assert valid(draft(tickets="12345", reported_at=EPOCH - 29 * DAY))


def test_service_affected_after_it_was_reported():
    errors = errors_of(draft(tickets="12345", reported_at=EPOCH - 2 * HOUR,
                             affected_since=EPOCH - HOUR))
    assert list(errors) == [Block.AFFECTED_SINCE]
    assert "affected after it was reported" in errors[Block.AFFECTED_SINCE]


def test_service_affected_in_the_future_or_long_ago():
    assert list(errors_of(draft(affected_since=EPOCH + HOUR))) == [Block.AFFECTED_SINCE]
    assert list(errors_of(draft(affected_since=EPOCH - 40 * DAY))) == [Block.AFFECTED_SINCE]


@pytest.mark.parametrize("field, block, words", [
    ("business_name", Block.BUSINESS, "the business name"),
    ("site", Block.SITE, "the site or location"),
    ("reporter_name", Block.REPORTER, "your name"),
    ("callback_phone", Block.PHONE, "a callback phone number"),
    ("description", Block.DESCRIPTION, "a short description of the trouble"),
    ("action_requested", Block.ACTION, "the action or resolution you want from AT&T"),
])
def test_blank_required_text_even_if_only_spaces(field, block, words):
    errors = errors_of(draft(**{field: "   \n "}))
    assert errors == {block: f"Please enter {words}."}


@pytest.mark.parametrize("field, block, limit", [
    ("business_name", Block.BUSINESS, 150),
    ("site", Block.SITE, 150),
    ("reporter_name", Block.REPORTER, 100),
    ("description", Block.DESCRIPTION, 2000),
    ("action_requested", Block.ACTION, 500),
])
def test_text_over_its_limit(field, block, limit):
    assert valid(draft(**{field: "x" * limit}))
    errors = errors_of(draft(**{field: "x" * (limit + 1)}))
    assert errors == {block: f"Too long: {limit + 1} characters, at most {limit}."}


def test_tickets_over_their_limit():
    errors = errors_of(draft(tickets=", ".join(["1234567890"] * 30)))
    assert errors[Block.TICKETS].startswith("Too long")


def test_a_report_from_a_dm_needs_a_channel():
    errors = errors_of(draft(channel_id=None), from_dm=True)
    assert errors == {Block.CHANNEL: "Choose the channel to post updates in."}


def test_symptoms_scope_and_zone_must_be_chosen():
    errors = errors_of(draft(symptoms=[], scope=None, timezone="Mars/Olympus"))
    assert set(errors) == {Block.SYMPTOMS, Block.SCOPE, Block.TIMEZONE}


def test_every_error_is_reported_at_once():
    errors = errors_of(draft(business_name="", callback_phone="12", tickets="1"))
    assert set(errors) == {Block.BUSINESS, Block.PHONE, Block.TICKETS}


# ---------------------------------------------------------------------- reading the modal
def _state(**entries) -> dict:
    return {block: {"value": entry} for block, entry in entries.items()}


def test_draft_from_state_reads_every_field():
    state = _state(
        business_name={"type": "plain_text_input", "value": "Acme"},
        tickets={"type": "plain_text_input", "value": "12345"},
        reported_at={"type": "datetimepicker", "selected_date_time": EPOCH},
        symptoms={"type": "checkboxes", "selected_options": [
            {"value": "no_outbound"}, {"value": "not_a_symptom"}]},
        scope={"type": "radio_buttons", "selected_option": {"value": "several_users"}},
        severity_override={"type": "static_select", "selected_option": {"value": "1"}},
        channel={"type": "conversations_select", "selected_conversation": "C999"},
        timezone={"type": "static_select", "selected_option": {"value": "America/Denver"}},
    )
    d = ReportForm.read({"state": {"values": state}})
    assert (d.business_name, d.tickets, d.reported_at) == ("Acme", ["12345"], NOW)
    assert d.symptoms == [Symptom.NO_OUTBOUND]
    assert d.scope is Scope.SEVERAL_USERS
    assert d.override is Severity.HIGH and d.severity is Severity.HIGH
    assert (d.channel_id, d.timezone) == ("C999", "America/Denver")


def test_draft_from_state_is_lenient_with_junk():
    d = ReportForm.read({"state": {"values": _state(
        reported_at={"type": "datetimepicker", "selected_date_time": True},
        scope={"type": "radio_buttons", "selected_option": {"value": "everyone"}},
        severity_override={"type": "static_select", "selected_option": {"value": "keep"}},
        symptoms={"type": "checkboxes", "selected_options": "site_down"},
    )}})
    assert d.reported_at is None and d.scope is None and d.override is None
    assert d.symptoms == []


def test_the_override_is_the_severity_in_effect():
    d = ReportForm(symptoms=[Symptom.LATENCY], scope=Scope.ONE_USER)
    assert d.severity is Severity.MEDIUM
    assert d.model_copy(update={"override": Severity.HIGH}).severity is Severity.HIGH
