"""Thread messages: a level has opened, and the closing line when the outage is resolved."""

from __future__ import annotations

import datetime as dt

from bot.blocks.card import script_text
from bot.blocks.kit import Json, actions, button, context, section
from bot.blocks.text import escape, how_to_reach, slack_date, truncate
from bot.ids import Action, IncidentRef
from bot.incident import Incident
from bot.schedule import LevelOpening
from bot.script import humanize_duration

NO_PROGRESS = ("AT&T asks for escalation only when there has been *no forward progress* "
               "toward resolution. If there has been none, escalate now:")


def _section(text: str) -> Json:
    return section(truncate(text, 3000))


def level_buttons(incident: Incident, level: int) -> Json:
    """I called Level N, Progress update, Resolve, Change severity."""
    called = IncidentRef(incident=incident.id, level=level).dump()
    value = IncidentRef(incident=incident.id).dump()
    return actions(f"level_actions_{incident.id}_{level}", [
        button(f"I called Level {level}", Action.CALLED, called, style="primary"),
        button("Progress update", Action.PROGRESS, value),
        button("Resolve", Action.RESOLVE, value),
        button("Change severity", Action.CHANGE_SEVERITY, value),
    ])


def level_open_text(incident: Incident, opening: LevelOpening) -> str:
    """Notification text: which level, whom to call."""
    return escape(f"{incident.number}: Level {opening.level} ({opening.name}) is open — "
                  f"call {opening.contact.how_to_call}")


def level_open_blocks(incident: Incident, opening: LevelOpening, opened: list[LevelOpening],
                      now: dt.datetime, late_by: dt.timedelta | None, rescheduled: bool,
                      next_opening: LevelOpening | None) -> list[dict]:
    """A level has opened: since when, whom to call and how, the owner, and the script."""
    after = humanize_duration(opening.interval)
    lines = [f":rotating_light: *{incident.number} · Level {opening.level} ({opening.name}) "
             f"is open* since {slack_date(opening.opens_at)} — {incident.severity.label}, "
             f"{after} after the report to AT&T · "
             + (f"site *{escape(incident.site)}*" if incident.site
                else escape(incident.location))]
    if len(opened) > 1:
        names = ", ".join(f"Level {o.level}" for o in opened)
        lines.append(f"{names} opened together; Level {opening.level} is the highest open now.")
    if late_by is not None:
        lines.append(f":hourglass_flowing_sand: *This reminder is {humanize_duration(late_by)} "
                     "late*: bvoip could not post when the level opened.")
    if rescheduled:
        lines.append(f"Open under the new severity, {incident.severity.label}, counted from the "
                     f"original report {slack_date(incident.reported_at or opening.opens_at)}.")
    contact = opening.contact
    prompt = f", Prompt {contact.prompt}" if contact.prompt else ""
    call = f"*Call {contact.phone_display}{prompt}*"
    if contact.ask_for:
        call += f" — ask to speak with the *{contact.ask_for}*"
    if contact.portal:
        call += f" (or escalate electronically through {contact.portal})"
    if opening.after_hours:
        where = escape(incident.site) if incident.site else "the site"
        call += f"\n_It is after hours at {where}" + (
            f" ({opening.holiday})" if opening.holiday else "") + ": this is the line for now._"
    duties = "; ".join(d.rstrip(".") for d in opening.responsibilities)
    blocks = [
        _section("\n".join(lines)),
        _section(f"{NO_PROGRESS}\n{call}"),
        _section(f"*Level {opening.level} owner:* {opening.owner} — {duties}."),
        _section(script_text(incident, now)),
    ]
    if next_opening is not None:
        blocks.append(context(truncate(
            f"Next: Level {next_opening.level} ({next_opening.name}) opens "
            f"{slack_date(next_opening.opens_at)} — {how_to_reach(next_opening.contact)}",
            2000)))
    blocks.append(level_buttons(incident, opening.level))
    return blocks


def resolved_text(incident: Incident, highest_level: int | None, by: str | None) -> str:
    """The closing line: how long the outage lasted and the highest level reached."""
    assert incident.resolved_at is not None
    start = incident.affected_since or incident.reported_at or incident.created_at
    lasted = humanize_duration((incident.restored_at or incident.resolved_at) - start)
    reached = f"Level {highest_level}" if highest_level else "none (resolved before Level 1)"
    who = f" by <@{by}>" if by else ""
    notes = f"\n*Resolution:* {escape(incident.resolution)}" if incident.resolution else ""
    return (f":white_check_mark: *{incident.number} resolved*{who}. The outage lasted "
            f"{lasted}. Highest escalation level reached: {reached}.{notes}")
