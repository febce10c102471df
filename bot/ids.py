"""Every callback, block and action id the app uses, and what buttons and modals carry."""

from __future__ import annotations

import re
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
    RESTORED_AT = "restored_at"  # the resolve form: when service came back
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
    POST_STATS = "post_stats"  # share an ephemeral /bvoip stats answer in the channel
    SITE_CHOICE = "site_chosen"  # the report form's Site select (and its options load)
    ADD_SITE = "add_site"
    EDIT_SITE = "edit_site"


VERSION_MARK = "~"


def versioned(block: Block, version: str | None) -> str:
    """The block id of an input whose value the app replaces: Slack keeps what an input
    holds across views.update while its block id stays the same (initial values are then
    ignored), so new values need a new id, one per `version`."""
    return f"{block}{VERSION_MARK}{version}" if version else str(block)


def base_block(block_id: str) -> str:
    """The Block a (possibly versioned) block id stands for."""
    return block_id.partition(VERSION_MARK)[0]


class Carried(BaseModel):
    """Base of what travels in a button value or a modal's private_metadata.

    It carries only which incident or channel a click is about; whether the click may change
    anything is decided by the verified request (team, user, channel) against stored state,
    so rotating the signing secret or switching between HTTP and Socket Mode breaks nothing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    def dump(self) -> str:
        """Compact JSON."""
        return self.model_dump_json(exclude_none=True)

    @classmethod
    def load(cls, raw: str | None) -> Self | None:
        """Parse and validate; None when the text is not ours. Values written by earlier
        versions end in "|" and a MAC, which is no longer needed and is ignored."""
        text = _LEGACY_MAC.sub("", raw or "")
        try:
            return cls.model_validate_json(text)
        except ValidationError:
            return None


_LEGACY_MAC = re.compile(r"\|[0-9a-f]{32}$")


class ReportMeta(Carried):
    """What the report modal remembers of where it was opened."""

    channel_id: str
    team_id: str
    from_dm: bool = False


class IncidentRef(Carried):
    """Which incident (and, for a level button, which level) an action is about."""

    incident: int
    level: int | None = None


class StatsRef(Carried):
    """Which scorecard a "Post in channel" button shares: the period seen and the site."""

    since: float  # UTC epoch seconds
    until: float
    label: str
    site: str | None = None


class SiteRef(Carried):
    """Which site an App Home "Edit" button is about."""

    name: str


class SiteFormMeta(Carried):
    """What the Add/Edit site modal remembers: the name of the site being edited, if any."""

    editing: str | None = None
