"""The report modal as one model: parsed from the view's `state.values`, checked by its
validators (errors keyed by block id), and the incident built from it."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from bot.forms import (
    CLOCK_SKEW,
    DEFAULT_ACTION,
    LIMITS,
    MAX_AGE,
    Form,
    checked_tickets,
    checking,
    e164,
    refuse,
    report_time_problem,
)
from bot.ids import Block, ReportMeta
from bot.incident import NewIncident
from bot.matrix import Matrix, display_number
from bot.settings import parse_timezone
from bot.severity import Classification, Scope, Severity, Symptom, classify
from bot.sites import Site

# What the incident takes from the form as it stands (the names are the same on both).
INCIDENT_FIELDS = {"business_name", "location", "reporter_name", "callback_phone", "tickets",
                   "reported_at", "affected_since", "description", "action_requested",
                   "timezone"}


# What a required text field asks for, when it is missing.
_WHAT = {"business_name": "the business name", "location": "the site or location",
         "reporter_name": "your name", "description": "a short description of the trouble",
         "action_requested": "the action or resolution you want from AT&T"}


@functools.cache
def _limit(form: type[Form], name: str) -> int:
    """The length limit of a field's block (looked up once)."""
    return LIMITS[str(form.model_fields[name].validation_alias)]


class ReportForm(Form):
    """The report modal: everything the reporter tells us about an outage."""

    # The directory's site chosen (None: "Not listed"); not `site`, the location's block id.
    chosen_site: str | None = Field(None, validation_alias=Block.SITE_CHOICE)
    business_name: str = Field("", validation_alias=Block.BUSINESS)
    location: str = Field("", validation_alias=Block.SITE)
    reporter_name: str = Field("", validation_alias=Block.REPORTER)
    callback_phone: str = Field("", validation_alias=Block.PHONE)
    tickets: list[str] = Field([], validation_alias=Block.TICKETS)
    reported_at: dt.datetime | None = Field(None, validation_alias=Block.REPORTED_AT)
    affected_since: dt.datetime | None = Field(None, validation_alias=Block.AFFECTED_SINCE)
    symptoms: list[Symptom] = Field([], validation_alias=Block.SYMPTOMS)
    scope: Scope | None = Field(None, validation_alias=Block.SCOPE)
    override: Severity | None = Field(None, validation_alias=Block.OVERRIDE)
    description: str = Field("", validation_alias=Block.DESCRIPTION)
    action_requested: str = Field(DEFAULT_ACTION, validation_alias=Block.ACTION)
    channel_id: str | None = Field(None, validation_alias=Block.CHANNEL)
    timezone: str = Field("", validation_alias=Block.TIMEZONE)

    @field_validator("chosen_site", mode="before")
    @classmethod
    def _site(cls, value: Any) -> str | None:
        # "Not listed" is punctuation only, which no site's name can be.
        return value if isinstance(value, str) and any(c.isalnum() for c in value) else None

    @field_validator("business_name", "location", "reporter_name", "description",
                     "action_requested")
    @classmethod
    def _required_text(cls, value: str, info: ValidationInfo) -> str:
        name = info.field_name or ""
        return cls.required(value, info, _WHAT[name], _limit(cls, name))

    @field_validator("callback_phone")
    @classmethod
    def _phone(cls, value: str, info: ValidationInfo) -> str:
        value = cls.required(value, info, "a callback phone number", LIMITS[Block.PHONE])
        if checking(info) is None:
            return value
        number = e164(value)
        if number is None:
            raise refuse(f"{value!r} is not a phone number we can dial: give the area code, "
                           "e.g. (813) 555-0142 or +44 20 7946 0958.")
        return number

    @field_validator("tickets", mode="before")
    @classmethod
    def _tickets(cls, value: Any, info: ValidationInfo) -> list[str]:
        return checked_tickets(value, info, required=False)

    @field_validator("reported_at")
    @classmethod
    def _reported_at(cls, value: dt.datetime | None, info: ValidationInfo) -> dt.datetime | None:
        now = checking(info)
        if now is None:
            return value
        if not info.data.get("tickets"):
            return None  # not reported to AT&T yet: the clock has not started
        if value is None:
            return now
        if problem := report_time_problem(value, now):
            raise refuse(problem)
        return value

    @field_validator("affected_since")
    @classmethod
    def _affected_since(cls, value: dt.datetime | None,
                        info: ValidationInfo) -> dt.datetime | None:
        now = checking(info)
        if now is None or value is None:
            return value
        reported = info.data.get("reported_at")
        if value > now + CLOCK_SKEW:
            raise refuse("That time is in the future.")
        if reported is not None and value > reported:
            raise refuse("Service was affected after it was reported to AT&T? Check both "
                           "times: service is affected first, then reported.")
        if value < now - MAX_AGE:
            raise refuse("That is more than 30 days ago: check the date.")
        return value

    @field_validator("symptoms", mode="before")
    @classmethod
    def _symptoms(cls, value: Any, info: ValidationInfo) -> list[str]:
        known = [v for v in (value if isinstance(value, list) else [])
                 if v in Symptom._value2member_map_]
        if checking(info) is not None and not known:
            raise refuse("Tick at least one symptom.")
        return known

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, value: Any, info: ValidationInfo) -> str | None:
        known = value if value in Scope._value2member_map_ else None
        if checking(info) is not None and known is None:
            raise refuse("Choose how many users are affected.")
        return known

    @field_validator("override", mode="before")
    @classmethod
    def _override(cls, value: Any) -> int | None:
        return int(value) if value in ("1", "2", 1, 2) else None

    @field_validator("channel_id", mode="before")
    @classmethod
    def _channel(cls, value: Any, info: ValidationInfo) -> str | None:
        channel = value if isinstance(value, str) and value else None
        if checking(info) is not None and channel is None:
            raise refuse("Choose the channel to post updates in."
                           if (info.context or {}).get("from_dm")
                           else "Choose a channel for updates.")
        return channel

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str, info: ValidationInfo) -> str:
        if checking(info) is not None:
            try:
                parse_timezone(value)
            except ValueError:
                raise refuse("Choose the site's time zone.") from None
        return value.strip()

    def classification(self) -> Classification:
        """The severity the chosen symptoms and scope imply."""
        return classify(self.symptoms, self.scope or Scope.ONE_USER)

    @property
    def severity(self) -> Severity:
        """The severity in effect: the override when chosen, else the implied one."""
        return self.override or self.classification().severity


    def with_site(self, site: Site | None) -> ReportForm:
        """The form with a directory site chosen: its business, location, zone and callback
        filled in (still editable); "Not listed" (None) keeps what the fields hold."""
        if site is None:
            return self.model_copy(update={"chosen_site": None})
        return self.model_copy(update={
            "chosen_site": site.name, "business_name": site.business, "location": site.location,
            "timezone": site.timezone,
            "callback_phone": (display_number(site.callback_phone) if site.callback_phone
                               else self.callback_phone),
        })

    def new_incident(self, meta: ReportMeta, reporter_id: str, view_id: str,
                     now: dt.datetime, business_hours: str, holidays: str,
                     ladder: Matrix, site: Site | None = None) -> NewIncident:
        """The incident this checked form reports, with the snapshot it is reported under: a
        chosen site's zone, hours and holidays, else the defaults given."""
        if site is not None:
            business_hours, holidays = site.business_hours, site.holidays
        result = self.classification()
        overridden = self.override is not None and self.override != result.severity
        fields = self.model_dump(include=INCIDENT_FIELDS)
        if site is not None:
            fields["timezone"] = site.timezone
        return NewIncident(
            **fields, site=site.name if site else None, team_id=meta.team_id,
            channel_id=self.channel_id or meta.channel_id, reporter_id=reporter_id,
            submission_key=view_id, symptoms=result.symptoms, scope=result.scope,
            classified_severity=result.severity, severity=self.severity,
            severity_reasons=result.reasons,
            severity_override_by=reporter_id if overridden else None,
            business_hours=business_hours, holidays=holidays, ladder=ladder, created_at=now)
