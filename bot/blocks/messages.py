"""Ephemeral answers to /bvoip: help, matrix, list and status."""

from __future__ import annotations

import datetime as dt

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.blocks.card import card_blocks, status_line
from bot.blocks.sites import outage_groups
from bot.blocks.text import escape, how_to_reach, slack_date, truncate
from bot.incident import Incident, TimelineEntry
from bot.matrix import Matrix
from bot.schedule import LevelOpening

TIMELINE_HEADING = "*Timeline*"
TIMELINE_LIMIT = 3000  # a section's text
SUBCOMMANDS = [
    (
        "/bvoip report [what is wrong]",
        "report an outage (the form is pre-filled from your words)",
    ),
    ("/bvoip list", "the open outages in this channel"),
    ("/bvoip status INC-N", "one outage's card and timeline"),
    ("/bvoip stats [30d|90d|YYYY-QN] [site]",
     "AT&T's scorecard: outages, time to restore, how far escalations went (default 30d)"),
    ("/bvoip sites", "the site directory: each location's zone, hours and details"),
    ("/bvoip matrix", "AT&T's escalation matrix: who to call, when"),
    ("/bvoip help", "this message"),
]


def _section(text: str) -> dict:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))).to_dict()


def help_blocks(unknown: str | None = None) -> list[dict]:
    """What the app does and its subcommands; names an unknown subcommand first."""
    blocks = []
    if unknown is not None:
        blocks.append(
            _section(
                f":warning: unknown subcommand '{escape(unknown)}'. Here is what /bvoip can do:"
            )
        )
    blocks.append(
        _section(
            "*bvoip* escalates AT&T Business Voice over IP outages. Report an outage and it "
            "works out AT&T's severity, posts the escalation ladder here, and tells you when each "
            "level opens: the number to dial, the prompt, whom to ask for and what to say."
        )
    )
    blocks.append(_section("\n".join(f"`{cmd}` — {what}" for cmd, what in SUBCOMMANDS)))
    return blocks


def help_text(unknown: str | None = None) -> str:
    prefix = f"unknown subcommand '{escape(unknown)}'. " if unknown is not None else ""
    return prefix + "bvoip: " + "; ".join(cmd for cmd, _ in SUBCOMMANDS)


def matrix_blocks(matrix: Matrix) -> list[dict]:
    """The escalation matrix in full."""
    blocks = [HeaderBlock(text=truncate(f"{matrix.carrier} {matrix.product}", 150)).to_dict()]
    for s in matrix.severities:
        blocks.append(_section(f"*Severity {int(s.severity)} ({s.name})* — {s.definition}"))
    for level in matrix.levels:
        waits = " / ".join(f"Sev {int(s)}: {h:g} h" for s, h in level.interval_hours.items())
        text = (
            f"*{level.name}* · {level.owner} · opens after {waits}\n"
            f"Call: {how_to_reach(level.contact)}"
        )
        if level.after_hours_contact:
            text += f"\nAfter hours: {how_to_reach(level.after_hours_contact)}"
        text += "\n" + "\n".join(f"• {duty}" for duty in level.responsibilities)
        blocks.append(_section(text))
    blocks.append(
        _section(
            "*Have ready when escalating:*\n"
            + "\n".join(f"{n}. {item}" for n, item in enumerate(matrix.escalation_information, 1))
        )
    )
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Source: {matrix.source}, last updated {matrix.last_updated:%Y-%m-%d}. "
                    f"{matrix.guidance}"
                )
            ]
        ).to_dict()
    )
    return blocks


def list_blocks(rows: list[tuple[Incident, list[LevelOpening]]], now: dt.datetime) -> list[dict]:
    """Open incidents of a channel: severity, ticket, level now open and the next opening."""
    if not rows:
        return [_section("No open outages in this channel. `/bvoip report` to report one.")]
    blocks = [_section(f"*Open outages in this channel ({len(rows)})*")]
    shown = 0
    for heading, group in outage_groups(rows, 45):
        blocks += [_section(heading)] if heading else []
        shown += len(group)
        for incident, openings in group:
            tickets = ", ".join(escape(t) for t in incident.tickets) or "no AOTS ticket yet"
            blocks.append(
                _section(
                    f"*{incident.number}* · {incident.severity.label} · "
                    f"{escape(incident.location)} · {tickets}\n"
                    f"{status_line(incident, openings, now)}"
                )
            )
    if len(rows) > shown:
        blocks.append(_section(f"…and {len(rows) - shown} more."))
    return blocks


def _timeline_line(entry: TimelineEntry, text_limit: int) -> str:
    who = f" <@{entry.actor}>" if entry.actor else ""
    return f"{slack_date(entry.at)}{who} — {truncate(escape(entry.text), text_limit)}"


def timeline_text(entries: list[TimelineEntry], limit: int = TIMELINE_LIMIT) -> str:
    """An incident's timeline, newest last: the newest entries that fit in `limit`, cut only
    between entries, saying how many earlier ones are hidden."""
    lines = [_timeline_line(entry, limit // 2) for entry in entries]
    room = limit - len(TIMELINE_HEADING) - len(_hidden_note(len(lines))) - 2
    kept: list[str] = []
    for line in reversed(lines):
        if len(line) + 1 > room:
            break
        kept.append(line)
        room -= len(line) + 1
    hidden = len(lines) - len(kept)
    return "\n".join([TIMELINE_HEADING, *([_hidden_note(hidden)] if hidden else []),
                      *reversed(kept)])


def _hidden_note(hidden: int) -> str:
    return f"_{hidden} earlier {'entry' if hidden == 1 else 'entries'} not shown_"


def status_blocks(
    incident: Incident,
    openings: list[LevelOpening],
    matrix: Matrix,
    now: dt.datetime,
    entries: list[TimelineEntry],
) -> list[dict]:
    """One incident's card followed by its timeline."""
    card = [b for b in card_blocks(incident, openings, matrix, now) if b["type"] != "actions"]
    return card + [_section(timeline_text(entries))]
