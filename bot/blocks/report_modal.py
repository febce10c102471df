"""The report modal: the form a reporter fills in, with the severity it implies."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

from bot.blocks.kit import Json, context, input_block, modal, option, plain, section
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


@lru_cache(maxsize=512)
def _option_parts(text: str, value: str) -> tuple[str, str, str | None]:
    """An option's text, value and description: a label too long for Slack keeps its
    "(details)" as the description."""
    if len(text) > OPTION_TEXT_LIMIT and " (" in text:
        head, _, details = text.partition(" (")
        return (truncate(head, OPTION_TEXT_LIMIT), value,
                truncate(details.removesuffix(")"), OPTION_TEXT_LIMIT))
    return truncate(text, OPTION_TEXT_LIMIT), value, None


def _option(text: str, value: str) -> Json:
    return option(*_option_parts(text, value))


def _zone_options(zone: str) -> list[Json]:
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
) -> Json:
    element: Json = {"type": "plain_text_input", "action_id": Action.VALUE}
    if initial := truncate(value, LIMITS[block]):
        element["initial_value"] = initial
    element["multiline"] = multiline
    element["max_length"] = LIMITS[block]
    if placeholder is not None:
        element["placeholder"] = plain(placeholder)
    return input_block(versioned(block, version), label, element, optional=optional, hint=hint)


def _moment_input(block: Block, label: str, moment: dt.datetime | None,
                  hint: str | None = None) -> Json:
    """An optional date and time, shown in the reader's own zone."""
    element: Json = {"type": "datetimepicker", "action_id": Action.VALUE}
    if (initial := _epoch(moment)) is not None:
        element["initial_date_time"] = initial
    return input_block(block, label, element, optional=True, hint=hint)


def _site_version(name: str | None) -> str | None:
    return hashlib.sha1(name.casefold().encode()).hexdigest()[:8] if name else None


def _chosen(sites: list[Site], name: str | None) -> Site | None:
    return next((s for s in sites if name and same_name(s.name, name)), None)


def _initial(options: list[Json], value: str | None) -> Json | None:
    """The option of that value (a copy: the initial choice is not one of the options)."""
    found = next((o for o in options if value is not None and o["value"] == value), None)
    return None if found is None else {k: dict(v) if isinstance(v, dict) else v
                                       for k, v in found.items()}


def severity_summary(draft: ReportForm) -> Json:
    """The severity the form implies, and why, in the seed's words."""
    result = draft.classification()
    lines = [f"*This looks like {result.severity.label}*"]
    if draft.scope is None or not draft.symptoms:
        lines = ["*Severity:* tick the symptoms and choose how many users are affected."]
    else:
        lines += [f"• {reason}" for reason in result.reasons]
    if draft.override and draft.override != result.severity:
        lines.append(f"_You chose {draft.override.label} instead; that choice is recorded._")
    return section(truncate("\n".join(lines), 3000), block_id=Block.SEVERITY_SHOWN)


def _choice(action_id: str, kind: str, options: list[Json], initial: Json | None,
            placeholder: str | None = None, **many: list[Json] | None) -> Json:
    """A checkboxes, radio buttons or static select element with its initial choice."""
    element: Json = {"type": kind, "action_id": action_id, "options": options}
    if placeholder is not None:
        element["placeholder"] = plain(placeholder)
    if initial is not None:
        element["initial_option"] = initial
    element.update((key, value) for key, value in many.items() if value)
    return element


def report_modal(draft: ReportForm, meta: ReportMeta, sites: list[Site] | None = None) -> dict:
    """The whole report modal for a draft; it starts with Site when the directory has any."""
    symptom_options = [_option(s.label, s.value) for s in Symptom]
    severity_options = [_option("Use the severity shown above", KEEP_SEVERITY)] + [
        _option(s.label, str(int(s))) for s in Severity
    ]
    zone_options = _zone_options(draft.timezone)
    scope_options = [_option(s.label, s.value) for s in Scope]
    # The fields a chosen site fills in get new block ids with each site, so that Slack
    # shows the site's values instead of keeping what the fields held.
    version = _site_version(draft.chosen_site)
    channel: Json = {"type": "conversations_select", "action_id": Action.VALUE}
    if draft.channel_id is not None:
        channel["initial_conversation"] = draft.channel_id
    channel["placeholder"] = plain("Choose a channel")
    channel["filter"] = {"include": ["public", "private"], "exclude_bot_users": True}
    blocks = [
        context("Tell us what is wrong. We work out AT&T's severity, post the escalation "
                "ladder in the channel and remind you when each level opens."),
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
        input_block(Block.SYMPTOMS, "Symptoms", dispatch_action=True, element=_choice(
            Action.SYMPTOMS, "checkboxes", symptom_options, None, initial_options=[
                o for o in symptom_options if o["value"] in draft.symptoms])),
        input_block(Block.SCOPE, "Users affected", dispatch_action=True, element=_choice(
            Action.SCOPE, "radio_buttons", scope_options, _initial(scope_options, draft.scope))),
        severity_summary(draft),
        input_block(
            Block.OVERRIDE, "Severity override", optional=True,
            hint="Only if you know better than the rules; your choice is recorded.",
            element=_choice(Action.VALUE, "static_select", severity_options, _initial(
                severity_options, str(int(draft.override)) if draft.override else None),
                placeholder="Use the severity shown above"),
        ),
        _text_input(
            Block.DESCRIPTION,
            "Trouble description",
            draft.description,
            multiline=True,
            placeholder="e.g. No outbound calls from any phone since 9:40",
        ),
        _text_input(Block.ACTION, "Action or resolution requested", draft.action_requested),
        input_block(Block.CHANNEL, "Post updates in", channel),
        input_block(versioned(Block.TIMEZONE, version), "Site time zone", _choice(
            Action.VALUE, "static_select", zone_options, _initial(zone_options, draft.timezone))),
    ]
    return modal(Callback.REPORT, "Report phone outage", "Report outage", "Cancel", blocks,
                 meta.dump())
