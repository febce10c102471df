"""Buttons and live form changes: each action id has its own small listener."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot import blocks, records_slack
from bot.blocks import followups
from bot.blocks.sites import site_modal
from bot.blocks.text import escape
from bot.ids import Action, IncidentRef, ReportMeta, SiteRef, StatsRef
from bot.incident import Incident
from bot.records import PeriodError
from bot.report_form import ReportForm
from bot.service import IncidentService
from bot.slack import SlackFailure, fix_for
from handlers.events import publish_home
from handlers.middleware import after_acks
from handlers.report import open_report

log = logging.getLogger(__name__)
REDRAWS_REMEMBERED = 1000  # open report modals whose newest change is remembered
_newest_change: OrderedDict[str, float] = OrderedDict()  # view id -> action_ts
Listener = Callable[..., Awaitable[None]]


def _action_ts(body: dict) -> float:
    try:
        return float((body.get("actions") or [{}])[0].get("action_ts") or 0)
    except (TypeError, ValueError, AttributeError):
        return 0.0


def _acted_on(body: dict) -> str:
    return str((body.get("actions") or [{}])[0].get("action_id") or "")


def _is_newest(view_id: str, action_ts: float) -> bool:
    """Whether no later change of this modal has been seen (changes arrive out of order)."""
    return action_ts >= _newest_change.get(view_id, 0.0)


async def report_changed(ack: AsyncAck, body: dict, context: AsyncBoltContext,
                         client: AsyncWebClient) -> None:
    """Symptoms, scope or site changed: redraw the modal so its severity follows them (and a
    chosen site fills in its business, location, zone and callback)."""
    await ack()
    await after_acks(context)
    service: IncidentService = context["service"]
    view = body.get("view") or {}
    meta = ReportMeta.load(view.get("private_metadata"))
    view_id, action_ts = view.get("id"), _action_ts(body)
    if meta is None or not isinstance(view_id, str) or not _is_newest(view_id, action_ts):
        return
    _newest_change[view_id] = action_ts
    _newest_change.move_to_end(view_id)
    while len(_newest_change) > REDRAWS_REMEMBERED:
        _newest_change.popitem(last=False)
    draft = ReportForm.read(view)
    sites = await service.sites.all()
    if _acted_on(body) == Action.SITE_CHOICE:
        draft = draft.with_site(next((s for s in sites if s.name == draft.chosen_site), None))
    modal = blocks.report_modal(draft, meta, sites)
    try:
        await service.slack.call("views.update", lambda: client.views_update(
            view_id=view_id, hash=view.get("hash"), view=modal))
    except SlackFailure as exc:
        # hash_conflict: an earlier change was redrawn after the client sent this one. This
        # payload's state holds every change so far, so it wins unless a later one came.
        if exc.error != "hash_conflict" or not _is_newest(view_id, action_ts):
            log.info("views.update skipped: %s", exc.error)
            return
        try:
            await service.slack.call("views.update", lambda: client.views_update(
                view_id=view_id, view=modal))
        except SlackFailure as again:
            log.info("views.update skipped: %s", again.error)


async def new_report(ack: AsyncAck, body: dict, context: AsyncBoltContext,
                     client: AsyncWebClient) -> None:
    """'Report an outage' on the Home tab: the same form as /bvoip report."""
    await ack()
    await after_acks(context)
    await open_report(context["service"], client, body.get("trigger_id") or "",
                      context.user_id or "", context.team_id or "", "")


async def _open_for(ack: AsyncAck, body: dict, action: dict, context: AsyncBoltContext,
                    client: AsyncWebClient, modal: Callable[[Incident, IncidentRef], dict],
                    needs_level: bool = False) -> None:
    """Open the small modal behind an incident button, or tell the clicker why not."""
    await ack()
    await after_acks(context)
    service: IncidentService = context["service"]
    channel = (body.get("channel") or {}).get("id") or ""
    user = context.user_id or ""
    ref = IncidentRef.load(action.get("value"))
    incident = await service.get(ref.incident) if ref else None
    why = None
    if ref is None or incident is None or (needs_level and not ref.level) or not await \
            service.audience.can_see(incident, context.team_id, user, channel):
        why = "This button belongs to an outage I cannot find for you."
    elif not incident.is_open:
        why = f"{incident.number} is already resolved."
    if why is not None or incident is None or ref is None:
        if channel:
            await service.slack.ephemeral(channel, user, why or "")
        return
    try:
        opened = await service.slack.call("views.open", lambda: client.views_open(
            trigger_id=body.get("trigger_id") or "", view=modal(incident, ref)))
        await service.form_opened(incident, (opened.get("view") or {}).get("id") or "")
    except SlackFailure as exc:
        log.warning("views.open failed: %s", exc.error)
        if channel:
            await service.slack.ephemeral(channel, user, "The form did not open "
                                          f"({exc.error}); press the button again.")


def opens(form: Callable[[Incident, IncidentRef, AsyncBoltContext], dict],
          needs_level: bool = False) -> Listener:
    """The listener of one incident button: it opens that button's small form."""

    async def listener(ack: AsyncAck, body: dict, action: dict, context: AsyncBoltContext,
                       client: AsyncWebClient) -> None:
        await _open_for(ack, body, action, context, client,
                        lambda incident, ref: form(incident, ref, context), needs_level)

    return listener


resolve = opens(lambda incident, _, context: followups.resolve_modal(
    incident, context["service"].now()))
progress = opens(lambda incident, _, __: followups.progress_modal(incident))
change_severity = opens(lambda incident, _, __: followups.severity_modal(incident))
add_ticket = opens(lambda incident, _, context: followups.ticket_modal(
    incident, context["service"].now()))
called = opens(lambda incident, ref, _: followups.called_modal(incident, ref.level or 0),
               needs_level=True)  # which level was called comes from the level's own post


async def post_stats(ack: AsyncAck, body: dict, action: dict, context: AsyncBoltContext) -> None:
    """Post in channel: share a `/bvoip stats` answer with the channel it was asked in,
    counting only that channel's own outages (see bot/records_slack)."""
    await ack()
    await after_acks(context)
    service: IncidentService = context["service"]
    channel = (body.get("channel") or {}).get("id") or ""
    user, team = context.user_id or "", context.team_id or ""
    ref = StatsRef.load(action.get("value"))
    if ref is None or not channel or not team:
        if channel:
            await service.slack.ephemeral(channel, user, "This button is out of date: run "
                                          "`/bvoip stats` again.")
        return
    try:
        await records_slack.share_stats(service, team, channel, ref)
    except PeriodError as exc:
        await service.slack.ephemeral(channel, user, f"Nothing posted: {escape(str(exc))}.")
    except SlackFailure as exc:
        log.warning("stats not shared in %s: %s", channel, exc.error)
        await service.slack.ephemeral(channel, user, "The scorecard could not be posted here "
                                      f"({exc.error}): {fix_for(exc.error, channel)}.")


async def add_site(ack: AsyncAck, body: dict, context: AsyncBoltContext,
                   client: AsyncWebClient) -> None:
    """Add site on the Home tab: the empty site modal."""
    await ack()
    await after_acks(context)
    service: IncidentService = context["service"]
    await _open_site_modal(service, client, body,
                           site_modal(None, default_timezone=service.settings.timezone))


async def edit_site(ack: AsyncAck, body: dict, action: dict, context: AsyncBoltContext,
                    client: AsyncWebClient) -> None:
    """Edit beside a site on the Home tab: the site modal filled with what the directory holds."""
    await ack()
    await after_acks(context)
    service: IncidentService = context["service"]
    ref = SiteRef.load(action.get("value"))
    site = await service.sites.get(ref.name) if ref else None
    if site is None:  # renamed or gone since the tab was drawn: show the directory as it is
        await publish_home(service, client, context.team_id, context.user_id or "")
        return
    await _open_site_modal(service, client, body, site_modal(site))


async def _open_site_modal(service: IncidentService, client: AsyncWebClient, body: dict,
                           modal: dict) -> None:
    try:
        await service.slack.call("views.open", lambda: client.views_open(
            trigger_id=body.get("trigger_id") or "", view=modal))
    except SlackFailure as exc:
        log.warning("views.open failed: %s", exc.error)
