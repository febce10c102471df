"""Every callback, block and action id the app uses, and what buttons and modals carry."""

from __future__ import annotations

import hashlib
import hmac
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, ValidationError


class Callback(StrEnum):
    REPORT = "report_outage"
    RESOLVE = "resolve_incident"
    PROGRESS = "progress_update"
    SEVERITY = "change_severity"
    TICKET = "add_ticket"
    CALLED = "called_level"
    SITE_FORM = "site_form"  # the Add/Edit site modal


class Block(StrEnum):
    """Input block ids of the report modal (error keys in response_action=errors)."""

    BUSINESS = "business_name"
    SITE = "site"
    REPORTER = "reporter_name"
    PHONE = "callback_phone"
    TICKETS = "tickets"
    REPORTED_AT = "reported_at"
    AFFECTED_SINCE = "affected_since"
    SYMPTOMS = "symptoms"
    SCOPE = "scope"
    SEVERITY_SHOWN = "severity_shown"
    OVERRIDE = "severity_override"
    DESCRIPTION = "description"
    ACTION = "action_requested"
    CHANNEL = "channel"
    TIMEZONE = "timezone"
    # follow-up modals
    NOTES = "notes"
    NEW_SEVERITY = "new_severity"
    CONTACT = "att_contact"
    PROMISE = "promise"
    NEXT_UPDATE = "next_update"
    # the report form's Site select
    SITE_CHOICE = "site_choice"
    # the Add/Edit site modal, one per field of a site
    SITE_NAME = "site_name"
    SITE_BUSINESS = "site_business"
    SITE_ADDRESS = "site_address"
    SITE_TIMEZONE = "site_timezone"
    SITE_HOURS = "site_business_hours"
    SITE_HOLIDAYS = "site_holidays"
    SITE_ACCOUNT = "site_att_account"
    SITE_PHONE = "site_callback_phone"
    SITE_CHANNEL = "site_channel"
    SITE_ALIASES = "site_aliases"


class Action(StrEnum):
    """Action ids of interactive elements."""

    VALUE = "value"  # the single element of an input block
    SYMPTOMS = "symptoms_changed"
    SCOPE = "scope_changed"
    RESOLVE = "resolve"
    PROGRESS = "progress"
    CHANGE_SEVERITY = "change_severity"
    ADD_TICKET = "add_ticket"
    CALLED = "called_level"
    NEW_REPORT = "new_report"
    SITE_CHOICE = "site_chosen"  # the report form's Site select (and its options load)
    ADD_SITE = "add_site"
    EDIT_SITE = "edit_site"


class Carried(BaseModel):
    """Base of what travels in a button value or a modal's private_metadata."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def dump(self) -> str:
        """JSON with a MAC, so a view or value this app did not make is recognised."""
        text = self.model_dump_json(exclude_none=True)
        return f"{text}|{_mac(text)}"

    @classmethod
    def load(cls, raw: str | None) -> Self | None:
        """Parse, check the MAC and validate; None when the text is not ours."""
        text, _, mac = (raw or "").rpartition("|")
        if not text or not hmac.compare_digest(mac.encode(), _mac(text).encode()):
            return None
        try:
            return cls.model_validate_json(text)
        except ValidationError:
            return None


_key = {"secret": b"bvoip"}


def set_signing_key(secret: str) -> None:
    """Key the MACs on what this app sends (the signing secret or a token: never shown)."""
    _key["secret"] = hashlib.sha256(b"bvoip-carried:" + secret.encode()).digest()


def _mac(text: str) -> str:
    return hmac.new(_key["secret"], text.encode(), hashlib.sha256).hexdigest()[:32]


class ReportMeta(Carried):
    """What the report modal remembers of where it was opened."""

    channel_id: str
    team_id: str
    from_dm: bool = False


class IncidentRef(Carried):
    """Which incident (and, for a level button, which level) an action is about."""

    incident: int
    level: int | None = None


class SiteRef(Carried):
    """Which site an App Home "Edit" button is about."""

    name: str


class SiteFormMeta(Carried):
    """What the Add/Edit site modal remembers: the name of the site being edited, if any."""

    editing: str | None = None
