"""The outage record and the carrier scorecard in Slack: the record posted in the card's
thread on resolve (summary, then chart, PDF and CSV in one `files_upload_v2` call), and the
`/bvoip stats` answer, its "Post in channel" share and App Home's section.

Drawing (matplotlib) and the PDF (fpdf2) are CPU work: they run in a worker thread, never on
the event loop. Database reads go through the store's own thread.

Who sees which outages in a scorecard (an incident is shown only in its channel or to that
channel's members): a person's own answer (`/bvoip stats`, App Home) counts the outages of
the channels they belong to, and of the channel they asked in; a scorecard posted in a
channel counts only the outages reported in that channel, so its members never see figures
drawn from another channel's (possibly private) outages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.blocks.records import (
    home_records_blocks,
    outage_summary_blocks,
    outage_summary_text,
    stats_blocks,
    stats_text,
)
from bot.blocks.timeline import entry_text, thread_message
from bot.ids import StatsRef
from bot.incident import Incident, TimelineEntry, TimelineKind
from bot.records import (
    ExportRow,
    Scorecard,
    StatsQuery,
    build_record,
    export_row,
    match_site,
    record_files,
    scorecard,
    scorecard_chart_png,
)
from bot.slack import Slack, SlackFailure

if TYPE_CHECKING:
    from bot.service import IncidentService

log = logging.getLogger(__name__)
HOME_DAYS = 90


async def upload(slack: Slack, channel: str, files: list[dict], thread_ts: str | None = None,
                 comment: str | None = None) -> dict:
    """Share files in a channel (or a thread of it) with one `files_upload_v2` call."""
    return await slack.call("files.upload_v2", lambda: slack.client.files_upload_v2(
        file_uploads=files, channel=channel, thread_ts=thread_ts, initial_comment=comment))


# ---------------------------------------------------------------------- the outage record
async def post_record(service: IncidentService, incident: Incident) -> bool:
    """Post a resolved outage's record in its card's thread: the summary, then its three
    files. False when the files could not be uploaded (logged and noted on the timeline;
    the summary goes out anyway)."""
    if incident.card_ts is None:
        return False
    history = await service.store.run(service.store.records.one, incident.id)
    if history is None:
        return False
    record = build_record(history.incident, history.timeline, history.levels)
    try:
        await service.slack.post(incident.channel_id, outage_summary_text(record),
                                 outage_summary_blocks(record), thread_ts=incident.card_ts)
    except SlackFailure as exc:
        log.warning("could not post the record summary of %s: %s", incident.number, exc)
    try:
        files = await asyncio.to_thread(record_files, record, service.now())
    except Exception:  # a drawing bug must not cost the summary or the resolve: say so
        log.exception("could not draw the record files of %s", incident.number)
        await _record_failed(service, incident, "drawing_failed")
        return False
    try:
        await upload(service.slack, incident.channel_id, files, thread_ts=incident.card_ts)
        return True
    except SlackFailure as exc:
        log.warning("could not upload the record files of %s: %s", incident.number, exc)
        await _record_failed(service, incident, exc.error)
        return False


async def _record_failed(service: IncidentService, incident: Incident, error: str) -> None:
    """Note on the timeline, and in the thread, that the record's files did not go out."""
    details = {"error": error}
    entry = TimelineEntry(incident_id=incident.id, at=service.now(),
                          kind=TimelineKind.RECORD_FAILED, details=details,
                          text=entry_text(TimelineKind.RECORD_FAILED, details,
                                          ZoneInfo(incident.timezone)))
    await service.store.run(service.store.timeline.add, entry)
    try:
        await service.slack.post(incident.channel_id, thread_message(entry) or entry.text,
                                 thread_ts=incident.card_ts)
    except SlackFailure as exc:
        log.warning("could not say in the thread of %s: %s", incident.number, exc)


# ---------------------------------------------------------------------- the scorecard
@dataclass(frozen=True)
class Scope:
    """Whose outages a scorecard counts: a team, and the channels whose outages it may show."""

    team_id: str
    channels: frozenset[str]


async def person_scope(service: IncidentService, team_id: str, user_id: str,
                       channel_id: str | None) -> Scope:
    """The channels a person may see outages of: those they belong to, and where they ask."""
    found = await service.store.run(service.store.records.channels, team_id)
    allowed = set()
    for channel in found:
        if channel == channel_id or user_id in await service.audience.members_of(channel):
            allowed.add(channel)
    return Scope(team_id, frozenset(allowed))


def channel_scope(team_id: str, channel_id: str) -> Scope:
    """What a scorecard posted in a channel may count: that channel's own outages."""
    return Scope(team_id, frozenset({channel_id}))


async def resolve_site(service: IncidentService, scope: Scope, name: str | None) -> str | None:
    """The site `name` means among the outages the scope may see; PeriodError names the
    known ones (only those: other channels' sites are not listed)."""
    if name is None:
        return None
    known = await service.store.run(service.store.records.sites, scope.team_id,
                                    sorted(scope.channels))
    return match_site(name, known)


async def scope_rows(service: IncidentService, scope: Scope, query: StatsQuery
                     ) -> list[ExportRow]:
    """The export rows of the outages in the query's period (and site) the scope may see."""
    if not scope.channels:
        return []
    history = await service.store.run(service.store.records.history, query.since,
                                      query.until, query.site, scope.team_id,
                                      sorted(scope.channels))

    def rows() -> list[ExportRow]:
        return [export_row(build_record(h.incident, h.timeline, h.levels)) for h in history]
    return await asyncio.to_thread(rows)


def stats_ref(query: StatsQuery) -> StatsRef:
    """What the "Post in channel" button carries of a query."""
    return StatsRef(since=query.since.timestamp(), until=query.until.timestamp(),
                    label=query.label, site=query.site)


def query_of(ref: StatsRef) -> StatsQuery:
    """The query a "Post in channel" button carries."""
    return StatsQuery(since=dt.datetime.fromtimestamp(ref.since, dt.UTC),
                      until=dt.datetime.fromtimestamp(ref.until, dt.UTC), label=ref.label,
                      site=ref.site)


def chart_file(rows: list[ExportRow], query: StatsQuery) -> dict:
    """The scorecard chart as a file to upload."""
    title = f"{query.label} · {query.site or 'all sites'}"
    stem = query.label.replace(" ", "-").lower()
    return {"filename": f"bvoip-scorecard-{stem}.png", "content": scorecard_chart_png(rows, title),
            "title": f"AT&T scorecard, {title}",
            "alt_txt": f"Outages and hours down per month by site, {title}"}


@dataclass(frozen=True)
class StatsAnswer:
    """A scorecard and its chart, ready to show."""

    card: Scorecard
    rows: list[ExportRow]
    chart: dict


async def stats_answer(service: IncidentService, scope: Scope, query: StatsQuery
                       ) -> StatsAnswer:
    """The scorecard of the scope's outages in the query, with its chart drawn off the loop."""
    rows = await scope_rows(service, scope, query)
    chart = await asyncio.to_thread(chart_file, rows, query)
    return StatsAnswer(scorecard(rows), rows, chart)


async def home_scorecard(service: IncidentService, team_id: str, user_id: str) -> list[dict]:
    """App Home's section: the last 90 days of the outages of channels the person is in."""
    now = service.now()
    query = StatsQuery(since=now - dt.timedelta(days=HOME_DAYS), until=now,
                       label=f"last {HOME_DAYS} days")
    rows = await scope_rows(service, await person_scope(service, team_id, user_id, None), query)
    return home_records_blocks(scorecard(rows))


async def share_stats(service: IncidentService, team_id: str, channel_id: str,
                      ref: StatsRef) -> None:
    """Post a scorecard in a channel (its own outages only) with its chart; SlackFailure
    when Slack refuses, PeriodError when the channel had no outage at the asked site."""
    scope = channel_scope(team_id, channel_id)
    # The site was matched among the asker's outages: name it here only if this channel
    # had outages there (otherwise the name alone would tell of another channel's outage).
    query = query_of(ref).model_copy(update={"site": await resolve_site(service, scope,
                                                                         ref.site)})
    answer = await stats_answer(service, scope, query)
    await service.slack.post(channel_id, stats_text(answer.card, ref),
                             stats_blocks(answer.card, ref, shareable=False))
    await upload(service.slack, channel_id, [answer.chart])


async def chart_to_dm(service: IncidentService, user_id: str, chart: dict,
                      comment: str) -> str | None:
    """Send the chart to the person's DM with the bot; its permalink (or "" when Slack gave
    none), or None when it could not be sent."""
    try:
        opened = await service.slack.call("conversations.open", lambda: (
            service.slack.client.conversations_open(users=user_id)))
        sent = await upload(service.slack, opened["channel"]["id"], [chart], comment=comment)
    except SlackFailure as exc:
        log.warning("could not send the scorecard chart to %s: %s", user_id, exc.error)
        return None
    shared = sent.get("files") or [{}]
    return str(shared[0].get("permalink") or "")

