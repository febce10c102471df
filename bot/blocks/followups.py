"""The small modals behind the incident buttons, and the App Home tab."""

from __future__ import annotations

import datetime as dt

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DateTimePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.blocks.card import status_line
from bot.blocks.sites import home_sites_blocks, outage_groups
from bot.blocks.text import escape, truncate
from bot.ids import Action, Block, Callback, IncidentRef
from bot.incident import Incident
from bot.schedule import LevelOpening
from bot.severity import Severity
from bot.sites import Site

NOTE_LIMIT = 1500


def _modal(callback: Callback, title: str, submit: str, ref: IncidentRef,
           blocks: list) -> dict:
    return View(type="modal", callback_id=callback, title=title, submit=submit, close="Cancel",
                private_metadata=ref.dump(), blocks=blocks).to_dict()


def _about(incident: Incident) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(
        f"*{incident.number}* · {incident.severity.label} · {escape(incident.location)}", 3000)))


def _text(block: Block, label: str, *, multiline: bool = False, optional: bool = False,
          hint: str | None = None, limit: int = NOTE_LIMIT) -> InputBlock:
    return InputBlock(block_id=block, label=label, optional=optional, hint=hint,
                      element=PlainTextInputElement(action_id=Action.VALUE, multiline=multiline,
                                                    max_length=limit))


def resolve_modal(incident: Incident, now: dt.datetime) -> dict:
    """Resolve: when service came back (default now) and what fixed it."""
    return _modal(Callback.RESOLVE, "Resolve outage", "Resolve", IncidentRef(incident=incident.id),
                  [_about(incident),
                   InputBlock(block_id=Block.RESTORED_AT, label="When service was restored",
                              hint="Leave as is if the phones just came back.",
                              element=DateTimePickerElement(
                                  action_id=Action.VALUE, initial_date_time=int(now.timestamp()))),
                   _text(Block.NOTES, "What fixed it", multiline=True, optional=True,
                         hint="AT&T's explanation if they gave one. It goes on the outage "
                              "record.")])


def progress_modal(incident: Incident) -> dict:
    return _modal(Callback.PROGRESS, "Progress update", "Post update",
                  IncidentRef(incident=incident.id),
                  [_about(incident),
                   _text(Block.NOTES, "What has changed", multiline=True,
                         hint="Posted in the incident's thread and shown on its card.")])


def severity_modal(incident: Incident) -> dict:
    options = [Option(text=s.label, value=str(int(s))) for s in Severity]
    current = next(o for o in options if o.value == str(int(incident.severity)))
    return _modal(Callback.SEVERITY, "Change severity", "Change",
                  IncidentRef(incident=incident.id),
                  [_about(incident),
                   InputBlock(block_id=Block.NEW_SEVERITY, label="New severity",
                              element=StaticSelectElement(action_id=Action.VALUE,
                                                          options=options,
                                                          initial_option=current)),
                   _text(Block.NOTES, "Why", optional=True, limit=500)])


def ticket_modal(incident: Incident, now: dt.datetime) -> dict:
    first = not incident.tickets
    blocks = [_about(incident),
              _text(Block.TICKETS, "AOTS ticket number(s)", limit=300,
                    hint="Separate several with commas or spaces.")]
    if first:
        blocks.append(InputBlock(
            block_id=Block.REPORTED_AT, label="When it was reported to AT&T", optional=True,
            hint="The escalation clock starts here; leave as is if you just called.",
            element=DateTimePickerElement(action_id=Action.VALUE,
                                          initial_date_time=int(now.timestamp()))))
    return _modal(Callback.TICKET, "Add ticket number", "Add",
                  IncidentRef(incident=incident.id), blocks)


def called_modal(incident: Incident, level: int) -> dict:
    return _modal(Callback.CALLED, f"I called Level {level}", "Log the call",
                  IncidentRef(incident=incident.id, level=level),
                  [_about(incident),
                   _text(Block.CONTACT, "Name of the AT&T contact", limit=150),
                   _text(Block.PROMISE, "What they promised", multiline=True),
                   InputBlock(block_id=Block.NEXT_UPDATE, label="Next update expected",
                              optional=True,
                              element=DateTimePickerElement(action_id=Action.VALUE))])


def home_view(rows: list[tuple[Incident, list[LevelOpening]]], now: dt.datetime,
              sites: list[Site] | None = None, records: list[dict] | None = None) -> dict:
    """The App Home tab: open outages by site, a button to report a new one, the Sites
    section (the directory, Add site, Edit), then `records` (the last 90 days' scorecard)."""
    blocks: list = [
        HeaderBlock(text="AT&T phone outages"),
        ActionsBlock(block_id="home_actions", elements=[
            ButtonElement(text="Report an outage", action_id=Action.NEW_REPORT,
                          value="home", style="primary")]),
    ]
    if not rows:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No open outages. :tada:")))
    for heading, group in outage_groups(rows, 50):
        if heading:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(heading, 3000))))
        for incident, openings in group:
            tickets = ", ".join(escape(t) for t in incident.tickets) or "no AOTS ticket yet"
            blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(
                f"*{incident.number}* · {incident.severity.label} · "
                f"{escape(incident.location)} · {tickets} · <#{incident.channel_id}>\n"
                f"{status_line(incident, openings, now)}", 3000))))
    blocks += [DividerBlock(), *home_sites_blocks(sites or []), *(records or [])]
    return View(type="home", blocks=blocks).to_dict()
