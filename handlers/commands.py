"""`/bvoip`: report opens the form at once; help, matrix, list, status, stats and sites
privately."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import blocks, records_slack
from bot.blocks.sites import sites_blocks, sites_text
from bot.blocks.text import escape, unescape
from bot.records import PeriodError, parse_period
from bot.service import IncidentService
from bot.slack import SlackFailure
from handlers.middleware import after_acks
from handlers.report import open_report

log = logging.getLogger(__name__)
INCIDENT_RE = re.compile(r"^(?:inc)?[-#\s]*(\d{1,9})$", re.IGNORECASE)
# An answer that needs the database waits at most this long before the ack; past it the
# ack says so and the answer follows through the response URL (Slack allows 3 s).
ANSWER_BUDGET_SECONDS = 1.5
Answer = dict[str, Any]


async def bvoip(ack: AsyncAck, command: dict, context: AsyncBoltContext,
                client: AsyncWebClient, respond: AsyncRespond) -> None:
    """Route `/bvoip <subcommand>`; `report` opens its modal within the trigger's life."""
    service: IncidentService = context["service"]
    # Slack sends the words as typed but with &, < and > encoded: the form shows them as typed.
    text = unescape(command.get("text") or "").strip()
    word, _, rest = text.partition(" ")
    sub = word.lower()
    channel = command.get("channel_id") or ""
    if sub == "report":
        await ack()
        await after_acks(context)
        error = await open_report(service, client, command.get("trigger_id") or "",
                                  context.user_id or "", context.team_id or "", channel,
                                  rest.strip())
        if error is not None:  # otherwise the reporter would see nothing at all
            await respond(text=f":warning: The report form did not open ({error}). "
                               "Run `/bvoip report` again.")
        return
    answer = ANSWERS.get(sub, lambda *_: _help(word))(service, context, channel, rest.strip())
    pending = asyncio.ensure_future(answer)
    done, _ = await asyncio.wait({pending}, timeout=ANSWER_BUDGET_SECONDS)
    if done:
        await ack(**pending.result())
    else:
        await ack(text=":hourglass_flowing_sand: Looking that up: the answer follows here.")
        await respond(**await pending)
    # A command in a channel is a good moment to post what was waiting for it there.
    await after_acks(context)
    try:
        await service.channel_fixed(channel)
    except SlackFailure as exc:
        log.info("waiting cards not posted: %s", exc)


async def _help(word: str = "") -> Answer:
    return {"text": blocks.help_text(word or None), "blocks": blocks.help_blocks(word or None)}


async def _matrix(service: IncidentService, *_: Any) -> Answer:
    return {"text": "AT&T escalation matrix", "blocks": blocks.matrix_blocks(service.matrix)}


async def _list(service: IncidentService, context: AsyncBoltContext, channel: str,
                _: str) -> Answer:
    found = await service.store.run(service.store.incidents.open_in_channel, channel)
    rows = [(i, service.openings(i)) for i in found if i.team_id == context.team_id]
    return {"text": "Open outages in this channel",
            "blocks": blocks.list_blocks(rows, service.now())}


async def _status(service: IncidentService, context: AsyncBoltContext, channel: str,
                  ref: str) -> Answer:
    match = INCIDENT_RE.match(ref)
    if not match:
        return {"text": "Which incident? Use `/bvoip status INC-12` (the number on its card)."}
    incident = await service.get(int(match[1]))
    if incident is None or not await service.audience.can_see(incident, context.team_id,
                                                     context.user_id, channel):
        # The same answer whether it does not exist or is not for this person to see.
        return {"text": f"There is no incident INC-{int(match[1])}. `/bvoip list` shows the "
                        "open ones in this channel."}
    entries = await service.store.run(service.store.timeline.for_incident, incident.id)
    return {"text": f"{incident.number}: {incident.severity.label}",
            "blocks": blocks.status_blocks(incident, service.openings(incident),
                                           service.matrix, service.now(), entries)}


async def _stats(service: IncidentService, context: AsyncBoltContext, channel: str,
                 words: str) -> Answer:
    """The carrier scorecard for the asker: the outages of channels they may see."""
    team, user = context.team_id or "", context.user_id or ""
    try:
        query = parse_period(words, service.now(), service.settings.site_zone)
        scope = await records_slack.person_scope(service, team, user, channel)
        query = query.model_copy(update={
            "site": await records_slack.resolve_site(service, scope, query.site)})
    except PeriodError as exc:
        return {"text": f":warning: {escape(str(exc))}."}
    answer = await records_slack.stats_answer(service, scope, query)
    ref = records_slack.stats_ref(query)
    shareable = bool(channel) and not channel.startswith("D")  # a DM has no one to share with
    here = None
    if shareable and scope.channels != {channel}:
        here = len(await records_slack.scope_rows(
            service, records_slack.channel_scope(team, channel), query))
    link = await records_slack.chart_to_dm(service, user, answer.chart,
                                           blocks.stats_text(answer.card, ref))
    return {"text": blocks.stats_text(answer.card, ref),
            "blocks": blocks.stats_answer_blocks(answer.card, ref, link, here, shareable)}


async def _sites(service: IncidentService, *_: Any) -> Answer:
    sites = await service.sites.all()
    return {"text": sites_text(sites), "blocks": sites_blocks(sites)}


ANSWERS: dict[str, Callable[[IncidentService, AsyncBoltContext, str, str], Awaitable[Answer]]] = {
    "": lambda *_: _help(),
    "help": lambda *_: _help(),
    "matrix": _matrix,
    "list": _list,
    "status": _status,
    "stats": _stats,
    "sites": _sites,
}
