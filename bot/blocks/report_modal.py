"""The report modal: the form a reporter fills in, with the severity it implies."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from functools import lru_cache

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DateTimePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.blocks.sites import site_select_block
from bot.blocks.text import truncate
from bot.forms import LIMITS
from bot.ids import Action, Block, Callback, ReportMeta, versioned
from bot.report_form import ReportForm
from bot.severity import Scope, Severity, Symptom
from bot.sites import Site, same_name

SITE_ZONES: dict[str, str] = {
    "America/New_York": "Eastern",
    "America/Chicago": "Central",
    "America/Denver": "Mountain",
    "America/Phoenix": "Arizona",
    "America/Los_Angeles": "Pacific",
    "America/Anchorage": "Alaska",
    "Pacific/Honolulu": "Hawaii",
    "America/Puerto_Rico": "Atlantic (Puerto Rico)",
    "UTC": "UTC",
}
KEEP_SEVERITY = "keep"
OPTION_TEXT_LIMIT = 75  # Slack refuses a longer option text


def _epoch(moment: dt.datetime | None) -> int | None:
    if moment is None or moment.year >= 9999:
        return None
    return int(moment.timestamp())


class _FixedOption(Option):
    """An option that never changes, rendered (and checked by slack_sdk) once: the form is
    drawn for every `/bvoip report` and every change of its symptoms."""

    def to_dict(self, option_type: str = "block") -> dict:  # type: ignore[override]
        rendered = self.__dict__.setdefault("_rendered", {})
        if option_type not in rendered:
            rendered[option_type] = super().to_dict(option_type)
        return copy.deepcopy(rendered[option_type])


@lru_cache(maxsize=512)
def _option(text: str, value: str) -> Option:
    """An option; a label too long for Slack keeps its "(details)" as the description."""
    if len(text) > OPTION_TEXT_LIMIT and " (" in text:
        head, _, details = text.partition(" (")
        return _FixedOption(text=truncate(head, OPTION_TEXT_LIMIT), value=value,
                            description=truncate(details.removesuffix(")"), OPTION_TEXT_LIMIT))
    return _FixedOption(text=truncate(text, OPTION_TEXT_LIMIT), value=value)


def _zone_options(zone: str) -> list[Option]:
    zones = dict(SITE_ZONES)
    if zone and zone not in zones:
        zones = {zone: zone.rsplit("/", 1)[-1].replace("_", " "), **zones}
    return [
        _option(f"{label} ({name})" if label != name else name, name)
        for name, label in zones.items()
    ]


def _text_input(
    block: Block,
    label: str,
    value: str,
    *,
    multiline: bool = False,
    optional: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
    version: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=versioned(block, version),
        label=label,
        optional=optional,
        hint=hint,
        element=PlainTextInputElement(
            action_id=Action.VALUE,
            initial_value=truncate(value, LIMITS[block]) or None,
            multiline=multiline,
            max_length=LIMITS[block],
            placeholder=placeholder,
        ),
    )


def _moment_input(block: Block, label: str, moment: dt.datetime | None,
                  hint: str | None = None) -> InputBlock:
    """An optional date and time, shown in the reader's own zone."""
    return InputBlock(block_id=block, label=label, optional=True, hint=hint,
                      element=DateTimePickerElement(action_id=Action.VALUE,
                                                    initial_date_time=_epoch(moment)))
def _site_version(name: str | None) -> str | None:
    return hashlib.sha1(name.casefold().encode()).hexdigest()[:8] if name else None


def _chosen(sites: list[Site], name: str | None) -> Site | None:
    return next((s for s in sites if name and same_name(s.name, name)), None)


def severity_summary(draft: ReportForm) -> SectionBlock:
    """The severity the form implies, and why, in the seed's words."""
    result = draft.classification()
    lines = [f"*This looks like {result.severity.label}*"]
    if draft.scope is None or not draft.symptoms:
        lines = ["*Severity:* tick the symptoms and choose how many users are affected."]
    else:
        lines += [f"• {reason}" for reason in result.reasons]
    if draft.override and draft.override != result.severity:
        lines.append(f"_You chose {draft.override.label} instead; that choice is recorded._")
    return SectionBlock(
        block_id=Block.SEVERITY_SHOWN,
        text=MarkdownTextObject(text=truncate("\n".join(lines), 3000)),
    )


def report_modal(draft: ReportForm, meta: ReportMeta, sites: list[Site] | None = None) -> dict:
    """The whole report modal for a draft; it starts with Site when the directory has any."""
    symptom_options = [_option(s.label, s.value) for s in Symptom]
    scope_options = [_option(s.label, s.value) for s in Scope]
    zone_options = _zone_options(draft.timezone)
    severity_options = [_option("Use the severity shown above", KEEP_SEVERITY)] + [
        _option(s.label, str(int(s))) for s in Severity
    ]
    chosen_zone = next((o for o in zone_options if o.value == draft.timezone), None)
    # The fields a chosen site fills in get new block ids with each site, so that Slack
    # shows the site's values instead of keeping what the fields held.
    version = _site_version(draft.chosen_site)
    blocks = [
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Tell us what is wrong. We work out AT&T's severity, post the escalation "
                    "ladder in the channel and remind you when each level opens."
                )
            ]
        ),
        *([site_select_block(sites, _chosen(sites, draft.chosen_site))] if sites else []),
        _text_input(Block.BUSINESS, "Business name", draft.business_name, version=version),
        _text_input(
            Block.SITE, "Site / location", draft.location,
            placeholder="e.g. Tampa branch, 100 Main St", version=version,
        ),
        _text_input(Block.REPORTER, "Your name", draft.reporter_name),
        _text_input(
            Block.PHONE, "Callback phone", draft.callback_phone, placeholder="e.g. (813) 555-0142",
            version=version,
        ),
        _text_input(
            Block.TICKETS,
            "AOTS ticket number(s)",
            ", ".join(draft.tickets),
            optional=True,
            hint="Leave empty if not reported to AT&T yet. Separate several with commas or spaces.",
        ),
        _moment_input(Block.REPORTED_AT, "When it was reported to AT&T", draft.reported_at,
                      "The escalation clock starts here (needs a ticket number)."),
        _moment_input(Block.AFFECTED_SINCE, "When service was first affected",
                      draft.affected_since),
        InputBlock(
            block_id=Block.SYMPTOMS,
            label="Symptoms",
            dispatch_action=True,
            element=CheckboxesElement(
                action_id=Action.SYMPTOMS,
                options=symptom_options,
                initial_options=[o for o in symptom_options if o.value in draft.symptoms] or None,
            ),
        ),
        InputBlock(
            block_id=Block.SCOPE,
            label="Users affected",
            dispatch_action=True,
            element=RadioButtonsElement(
                action_id=Action.SCOPE,
                options=scope_options,
                initial_option=next((o for o in scope_options if o.value == draft.scope), None),
            ),
        ),
        severity_summary(draft),
        InputBlock(
            block_id=Block.OVERRIDE,
            label="Severity override",
            optional=True,
            hint="Only if you know better than the rules; your choice is recorded.",
            element=StaticSelectElement(
                action_id=Action.VALUE,
                options=severity_options,
                placeholder="Use the severity shown above",
                initial_option=next(
                    (
                        o
                        for o in severity_options
                        if draft.override and o.value == str(int(draft.override))
                    ),
                    None,
                ),
            ),
        ),
        _text_input(
            Block.DESCRIPTION,
            "Trouble description",
            draft.description,
            multiline=True,
            placeholder="e.g. No outbound calls from any phone since 9:40",
        ),
        _text_input(Block.ACTION, "Action or resolution requested", draft.action_requested),
        InputBlock(
            block_id=Block.CHANNEL,
            label="Post updates in",
            element=ConversationSelectElement(
                action_id=Action.VALUE,
                initial_conversation=draft.channel_id,
                placeholder="Choose a channel",
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
        ),
        InputBlock(
            block_id=versioned(Block.TIMEZONE, version),
            label="Site time zone",
            element=StaticSelectElement(
                action_id=Action.VALUE, options=zone_options, initial_option=chosen_zone
            ),
        ),
    ]
    view = View(
        type="modal",
        callback_id=Callback.REPORT,
        title="Report phone outage",
        submit="Report outage",
        close="Cancel",
        blocks=blocks,
        private_metadata=meta.dump(),
    )
    return view.to_dict()
