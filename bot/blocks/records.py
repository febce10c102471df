"""Block Kit for the record and the scorecard: the outage summary posted in the card's thread
on resolve, the `/bvoip stats` answer with its "Post in channel" button, and App Home's
last-90-days section."""

from __future__ import annotations

import datetime as dt
import re

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.blocks.text import escape, slack_date, truncate
from bot.ids import Action, StatsRef
from bot.records import OutageRecord, Scorecard
from bot.records.stats import RestoreFigures
from bot.script import humanize_duration

SECTION_LIMIT = 3000
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
MAX_SITES_SHOWN = 15


def _section(text: str) -> dict:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_LIMIT))).to_dict()


def _context(text: str) -> dict:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, 2000))]).to_dict()


def _who(actor: str | None) -> str:
    """A Slack user as a mention; anything else (a typed name) escaped."""
    if not actor:
        return ""
    return f" by <@{actor}>" if _USER_ID.match(actor) else f" by {escape(actor)}"


def _severity(record: OutageRecord) -> str:
    text = record.severity.label
    for change in record.severity_changes:
        text += (f"\n   • {change.before.label} → {change.after.label}{_who(change.by)} "
                 f"{slack_date(change.at, record.zone)}")
    return text


def _highest(record: OutageRecord) -> str:
    if record.highest_level:
        return f"Level {record.highest_level}"
    return "none yet" if record.is_open else "none (resolved before Level 1)"


def outage_summary_text(record: OutageRecord) -> str:
    """The summary's notification text (no user text but the site, escaped)."""
    took = humanize_duration(record.duration) if record.duration is not None else "still open"
    return (f"{record.number} outage record: {escape(record.site)}, {took}, "
            f"highest level {_highest(record)}")


def outage_summary_blocks(record: OutageRecord) -> list[dict]:
    """The outage record's summary for the card's thread."""
    zone = record.zone
    took = humanize_duration(record.duration) if record.duration is not None else "still open"
    facts = [
        f"*Site:* {escape(record.site)} · {escape(record.business)}",
        f"*Severity:* {_severity(record)}",
        f"*AOTS ticket(s):* {escape(', '.join(record.tickets)) or 'none given'}",
        f"*Service affected since:* {slack_date(record.started_at, zone)}",
        "*Reported to AT&T:* " + (slack_date(record.reported_at, zone) if record.reported_at
                                  else "never"),
        "*Restored:* " + (slack_date(record.restored_at, zone) if record.restored_at
                          else "still open"),
        f"*Duration:* {took}",
        f"*Highest level reached:* {_highest(record)}",
    ]
    blocks = [HeaderBlock(text=truncate(f"Outage record · {record.number}", 150)).to_dict(),
              _section("\n".join(facts))]
    if record.levels:
        blocks.append(_section("*Levels opened*\n" + "\n".join(
            f"• Level {lv.level}: {slack_date(lv.opened_at, zone)}"
            + ("" if lv.posted else " (could not be posted)") for lv in record.levels)))
    if record.calls:
        lines = []
        for call in record.calls:
            head = f"Level {call.level}" if call.level else "Call"
            line = (f"• {head}, {slack_date(call.at, zone)}{_who(call.by)}: spoke with "
                    f"{escape(call.spoke_with) or '(not named)'}; promised: "
                    f"{escape(call.promised)}")
            if call.next_update:
                line += f"; next update expected {escape(call.next_update)}"
            lines.append(line)
        blocks.append(_section("*Calls logged*\n" + "\n".join(lines)))
    if record.fix:
        blocks.append(_section(f"*What fixed it:* {escape(record.fix)}"))
    blocks.append(_context("The chart, the PDF record and the timeline (CSV) follow in this "
                           "thread."))
    return blocks


def _minutes(value: float | None) -> str:
    """'1 h 35 min' for 95.0; '–' for no figure."""
    return "–" if value is None else humanize_duration(dt.timedelta(minutes=value))


def _restore(figures: RestoreFigures) -> str:
    return (f"median {_minutes(figures.minutes_to_restore_p50)} · "
            f"90th percentile {_minutes(figures.minutes_to_restore_p90)} · "
            f"longest {_minutes(figures.minutes_to_restore_max)}")


def stats_summary(card: Scorecard, label: str, site: str | None) -> str:
    """The scorecard in a few mrkdwn lines (the site escaped)."""
    where = escape(site) if site else "all sites"
    reached = " · ".join(f"L{lv}: {n}" for lv, n in card.reached_level.items())
    return (f"*AT&T scorecard · {escape(label)} · {where}*\n"
            f"*Outages:* {card.incidents} (Severity 1: {card.by_severity['1']}, "
            f"Severity 2: {card.by_severity['2']}) · *still open:* {card.still_open}\n"
            f"*Time to restore* (report to AT&T → restored): {_restore(card)}\n"
            f"*Escalation reached at least:* {reached} · "
            f"*resolved before Level 1:* {card.resolved_before_level_1}")


def _per_site(card: Scorecard) -> str:
    lines = [f"• {escape(site)}: {f.incidents} outages, median "
             f"{_minutes(f.minutes_to_restore_p50)}, reached L{_top(f.reached_level)}"
             for site, f in list(card.per_site.items())[:MAX_SITES_SHOWN]]
    hidden = len(card.per_site) - MAX_SITES_SHOWN
    if hidden > 0:
        lines.append(f"… and {hidden} more sites (`bvoip stats` lists them all)")
    return "*By site*\n" + "\n".join(lines)


def _top(reached: dict[str, int]) -> str:
    return max((lv for lv, n in reached.items() if n), default="0")


def stats_blocks(card: Scorecard, ref: StatsRef, shareable: bool = True) -> list[dict]:
    """The `/bvoip stats` answer; `shareable` adds the "Post in channel" button."""
    blocks = [_section(stats_summary(card, ref.label, ref.site))]
    if card.per_site and ref.site is None:
        blocks.append(_section(_per_site(card)))
    blocks.append(_context("Open outages are left out of the times to restore. The chart shows "
                           "outages and hours down per month by site."))
    if shareable:
        blocks.append(ActionsBlock(elements=[ButtonElement(
            text="Post in channel", action_id=Action.POST_STATS.value,
            value=ref.dump())]).to_dict())
    return blocks


def stats_answer_blocks(card: Scorecard, ref: StatsRef, chart_link: str | None,
                        channel_outages: int | None, shareable: bool) -> list[dict]:
    """The asker's `/bvoip stats` answer: the scorecard, where its chart went (None: it
    could not be sent; "": sent, no link), and, when posting it here would count fewer
    outages than the asker sees, how many."""
    if chart_link is None:
        chart = "The chart could not be sent to you just now; ask again in a moment."
    elif chart_link:
        chart = f"<{chart_link}|The chart> is in your direct messages with me."
    else:
        chart = "I sent you the chart in your direct messages with me."
    if shareable and channel_outages is not None and channel_outages != card.incidents:
        chart += (f"\n*Post in channel* shares only the {channel_outages} outage(s) reported in "
                  "this channel: other channels' outages stay with their members.")
    blocks = stats_blocks(card, ref, shareable)
    blocks.insert(len(blocks) - 1 if shareable else len(blocks), _context(chart))
    return blocks


def stats_text(card: Scorecard, ref: StatsRef) -> str:
    """The notification text of the stats answer."""
    return (f"AT&T scorecard, {ref.label}: {card.incidents} outages, "
            f"median time to restore {_minutes(card.minutes_to_restore_p50)}")


def home_records_blocks(card: Scorecard) -> list[dict]:
    """App Home's "last 90 days" section."""
    return [HeaderBlock(text="Last 90 days").to_dict(),
            _section(stats_summary(card, "last 90 days", None))]
