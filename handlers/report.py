"""Opening the report form, from `/bvoip report` and from App Home: the modal opens at once
(a trigger lives about three seconds), then the reporter's Slack profile fills it in."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot import blocks
from bot.ids import ReportMeta
from bot.report_form import ReportForm
from bot.service import IncidentService
from bot.severity import Extraction, extract
from bot.slack import SlackFailure, SlackRefused, narrow

log = logging.getLogger(__name__)
PROFILE_BUDGET_SECONDS = 5.0


def first_draft(service: IncidentService, text: str, channel_id: str,
                found: Extraction | None) -> ReportForm:
    """The form before the profile is known: the reporter's words (as read) and the channel."""
    return ReportForm(
        reported_at=service.now(),
        symptoms=found.symptoms if found else [],
        scope=found.scope if found else None,
        description=text,
        channel_id=None if not channel_id or channel_id.startswith("D") else channel_id,
        timezone=service.settings.timezone,
    )


async def open_report(service: IncidentService, client: AsyncWebClient, trigger_id: str,
                      user_id: str, team_id: str, channel_id: str, text: str = "") -> str | None:
    """Open the report modal, then pre-fill it from the reporter's profile; returns Slack's
    error when the modal would not open."""
    sites, site = await service.sites.for_report(channel_id, text)
    # Read on a thread: the reader's first use loads its learnt model (about 0.3 s of CPU),
    # and the event loop, answering other requests' acks, must not wait for it.
    found = await asyncio.to_thread(extract, text) if text else None
    draft = first_draft(service, text, channel_id, found)
    draft = draft.with_site(site) if site else draft
    meta = ReportMeta(channel_id=channel_id, team_id=team_id,
                      from_dm=not channel_id or channel_id.startswith("D"))
    try:
        opened = await service.slack.call("views.open", lambda: client.views_open(
            trigger_id=trigger_id, view=blocks.report_modal(draft, meta, sites)))
    except SlackFailure as exc:
        log.warning("views.open failed: %s", exc.error)
        return exc.error
    view = opened.get("view") or {}
    if service.acks is not None:  # the profile can wait for requests awaiting their ack
        await service.acks.after_acks()
    try:
        found = await asyncio.wait_for(client.users_info(user=user_id), PROFILE_BUDGET_SECONDS)
        user = found.get("user") or {}
    except Exception as exc:  # the form stays open without the profile
        failure = narrow("users.info", exc)
        if failure is None and not isinstance(exc, TimeoutError):
            raise
        log.warning("users.info failed: %s", failure.error if failure else "timed out")
        return None
    profile = user.get("profile") or {}
    filled = draft.model_copy(update={
        "reporter_name": profile.get("real_name") or user.get("real_name") or "",
        # A chosen site knows its zone and callback better than the reporter's profile.
        "callback_phone": (draft.callback_phone if site and site.callback_phone
                           else profile.get("phone") or ""),
        "timezone": draft.timezone if site else user.get("tz") or draft.timezone,
    })
    try:
        await service.slack.call("views.update", lambda: client.views_update(
            view_id=view.get("id"), hash=view.get("hash"),
            view=blocks.report_modal(filled, meta, sites)))
    except SlackRefused as exc:  # hash_conflict: the reporter already changed the form
        log.info("profile not filled in: %s", exc.error)
    except SlackFailure as exc:
        log.warning("profile not filled in: %s", exc.error)
    return None
