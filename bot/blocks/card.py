"""The incident card posted in the channel, and the pieces it shares with other messages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.blocks.kit import Json, actions, button, context, divider, header, section
from bot.blocks.text import escape, how_to_reach, slack_date, truncate
from bot.ids import Action, IncidentRef
from bot.incident import Incident
from bot.matrix import Matrix
from bot.schedule import LevelOpening, next_opening, open_levels
from bot.script import escalation_script, humanize_duration

SECTION_LIMIT = 3000


def _md(text: str) -> str:
    return truncate(text, SECTION_LIMIT)


def card_title(incident: Incident) -> str:
    """'INC-7 · Severity 1 (High) · Tampa branch' (the directory's site name when one was
    chosen; plain text: never parsed for mentions)."""
    return truncate(f"{incident.number} · {incident.severity.label} · {incident.place}", 150)


def status_line(incident: Incident, openings: list[LevelOpening], now: dt.datetime) -> str:
    """Status, the level now open and when the next one opens."""
    if not incident.is_open:
        assert incident.resolved_at is not None
        took = humanize_duration(
            incident.resolved_at
            - (incident.affected_since or incident.reported_at or incident.created_at)
        )
        return f":white_check_mark: *Resolved* {slack_date(incident.resolved_at)} after {took}"
    if incident.reported_at is None:
        return (
            ":red_circle: *Open* · not reported to AT&T yet: the escalation clock has not started"
        )
    opened = open_levels(openings, now)
    upcoming = next_opening(openings, now)
    parts = [":red_circle: *Open*"]
    parts.append(
        f"*{opened[-1].name}* open since {slack_date(opened[-1].opens_at)}"
        if opened
        else "reported to AT&T · no escalation level open yet"
    )
    if upcoming:
        parts.append(f"{upcoming.name} opens {slack_date(upcoming.opens_at)}")
    return " · ".join(parts)


def report_now_line(matrix: Matrix) -> str:
    """The prominent call to report when no ticket exists."""
    return (
        f":warning: *Report to {matrix.carrier} now: {how_to_reach(matrix.first_contact)}.* "
        "Then press *Add ticket number*: the escalation clock starts when AT&T has the "
        "ticket."
    )


def ladder_lines(openings: list[LevelOpening], now: dt.datetime, matrix: Matrix) -> str:
    """Each level with when it opens and whom to call then."""
    lines = ["*Escalation ladder* — escalate only when there is no forward progress:"]
    for o in openings:
        mark = ":large_orange_circle:" if o.opens_at <= now else ":white_circle:"
        hours = f"{o.interval.total_seconds() / 3600:g} h"
        when = f"{'opened' if o.opens_at <= now else 'opens'} {slack_date(o.opens_at)} ({hours})"
        after = " _(after hours at the site)_" if o.after_hours else ""
        lines.append(
            f"{mark} *{o.name}* · {o.owner} · {when}{after}\n      {how_to_reach(o.contact)}"
        )
    return "\n".join(lines)


def unreported_ladder(incident: Incident, matrix: Matrix) -> str:
    """The ladder before the clock starts: hours after the report."""
    lines = ["*Escalation ladder* — each level opens this long after you report to AT&T:"]
    for level in matrix.levels:
        hours = f"{level.interval_hours[incident.severity]:g} h"
        lines.append(
            f":white_circle: *{level.name}* · {level.owner} · after {hours} — "
            f"{how_to_reach(level.contact)}"
        )
    return "\n".join(lines)


def script_text(incident: Incident, at: dt.datetime) -> str:
    """The escalation script as a numbered list, user text escaped."""
    lines = ["*Escalation script* — have this ready on the call:"]
    for n, line in enumerate(escalation_script(incident.script_facts(), at), 1):
        lines.append(f"{n}. *{line.asks_for}:* {escape(line.answer)}")
    return "\n".join(lines)


def severity_why(incident: Incident) -> str:
    """Why this severity, in the seed's words, and any override."""
    lines = [f"*Why {incident.severity.label}:*"]
    if incident.severity_override_by:
        lines.append(
            f"Set by <@{incident.severity_override_by}> "
            f"(AT&T's rules give {incident.classified_severity.label})."
        )
    lines += [f"• {escape(reason)}" for reason in incident.severity_reasons]
    return "\n".join(lines)


def incident_buttons(incident: Incident) -> Json:
    """Resolve, Progress update, Change severity, Add ticket number."""
    value = IncidentRef(incident=incident.id).dump()
    return actions(f"incident_actions_{incident.id}", [
        button("Resolve", Action.RESOLVE, value, style="primary"),
        button("Progress update", Action.PROGRESS, value),
        button("Change severity", Action.CHANGE_SEVERITY, value),
        button("Add ticket number", Action.ADD_TICKET, value),
    ])


def card_blocks(
    incident: Incident,
    openings: list[LevelOpening],
    matrix: Matrix,
    now: dt.datetime,
    last_update: str | None = None,
) -> list[dict]:
    """The incident card: what, how bad and why, who to call when, and the script."""
    zone = ZoneInfo(incident.timezone)
    tickets = ", ".join(escape(t) for t in incident.tickets) or "_none yet_"
    fields = [
        f"*Business:*\n{escape(incident.business_name)}",
        *([f"*Site:*\n{escape(incident.site)}", f"*Location:*\n{escape(incident.location)}"]
          if incident.site else [f"*Site:*\n{escape(incident.location)}"]),
        f"*Reporter:*\n{escape(incident.reporter_name)} (<@{incident.reporter_id}>)",
        f"*Callback phone:*\n{escape(incident.callback_phone_display)}",
        f"*AOTS ticket(s):*\n{tickets}",
        "*Reported to AT&T:*\n"
        + (slack_date(incident.reported_at, zone) if incident.reported_at else "_not yet_"),
        "*Symptoms:*\n" + ", ".join(s.label for s in incident.symptoms),
        f"*Users affected:*\n{incident.scope.label}",
    ]
    blocks = [
        header(card_title(incident)),
        section(_md(status_line(incident, openings, now))),
    ]
    if incident.is_open and not incident.tickets:
        blocks.append(section(_md(report_now_line(matrix))))
    blocks += [
        section(fields=[_md(f) for f in fields]),
        section(
            _md(
                f"*Trouble:* {escape(incident.description)}\n"
                f"*Action requested:* {escape(incident.action_requested)}"
            )
        ),
        section(_md(severity_why(incident))),
        divider(),
    ]
    if incident.is_open:
        ladder = (
            ladder_lines(openings, now, matrix)
            if incident.reported_at
            else unreported_ladder(incident, matrix)
        )
        blocks += [section(_md(ladder)), section(_md(script_text(incident, now)))]
    elif incident.resolution:
        blocks.append(section(_md(f"*Resolution:* {escape(incident.resolution)}")))
    footer = f"{incident.number} · times show in your own time zone · site zone {zone.key}"
    if last_update:
        footer += f" · last update: {escape(last_update)}"
    blocks.append(context(_md(truncate(footer, 2000))))
    if incident.is_open:
        blocks.append(incident_buttons(incident))
    return blocks


def card_text(incident: Incident) -> str:
    """Notification text for the card (shown where blocks cannot be)."""
    return escape(truncate(f"{card_title(incident)}: {incident.description}", 600))
