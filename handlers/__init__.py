"""Slack listeners, one module per kind, each a small function, wired by one register()."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.acks import AckGate, settle_collector
from bot.ids import Action, Callback
from bot.service import IncidentService
from handlers import actions, commands, events, options, views
from handlers.middleware import with_service
from storage import StoreClosed

log = logging.getLogger(__name__)
SORRY = ("Something went wrong on bvoip's side and this was not done. Nothing you entered "
         "before was lost; please try again.")


def register(app: AsyncApp, service: IncidentService) -> None:
    """Attach every listener, the service they share, and the one error handler."""
    service.acks = getattr(app, "acks", None) or AckGate()  # the reminder loop's too
    app.use(with_service(service, service.acks))
    app.command(re.compile(r"^/bvoip"))(commands.bvoip)

    app.action(Action.SYMPTOMS.value)(actions.report_changed)
    app.action(Action.SCOPE.value)(actions.report_changed)
    app.action(Action.NEW_REPORT.value)(actions.new_report)
    app.action(Action.RESOLVE.value)(actions.resolve)
    app.action(Action.PROGRESS.value)(actions.progress)
    app.action(Action.CHANGE_SEVERITY.value)(actions.change_severity)
    app.action(Action.ADD_TICKET.value)(actions.add_ticket)
    app.action(Action.CALLED.value)(actions.called)
    app.action(Action.POST_STATS.value)(actions.post_stats)
    app.action(Action.SITE_CHOICE.value)(actions.report_changed)
    app.action(Action.ADD_SITE.value)(actions.add_site)
    app.action(Action.EDIT_SITE.value)(actions.edit_site)
    app.options(Action.SITE_CHOICE.value)(options.sites)

    app.view(Callback.REPORT.value)(views.report)
    app.view(Callback.RESOLVE.value)(views.resolve)
    app.view(Callback.PROGRESS.value)(views.progress)
    app.view(Callback.SEVERITY.value)(views.change_severity)
    app.view(Callback.TICKET.value)(views.add_ticket)
    app.view(Callback.CALLED.value)(views.called)
    app.view(Callback.SITE_FORM.value)(views.site_form)

    app.event("member_joined_channel")(events.member_joined)
    app.event("app_home_opened")(events.home_opened)
    app.error(on_error)
    settle_collector()  # the app is built: what it holds now lives as long as the process


async def on_error(error: Exception, request: AsyncBoltRequest,
                   response: BoltResponse | None) -> BoltResponse | None:
    """Every listener's unhandled failure: logged, and answered with a 4xx (a payload we
    cannot read) or a plain apology (our fault) — never a 5xx, never a traceback."""
    if isinstance(error, StoreClosed):  # stopping: what it left undone is retried at start
        log.info("listener stopped with the app: %s", error)
    else:
        log.error("listener failed: %s", error, exc_info=error)
    if response is None:  # already acknowledged: nothing more can be said in the answer
        return None
    if isinstance(error, KeyError | TypeError | AttributeError | ValueError | IndexError):
        return BoltResponse(status=400, body="malformed request")
    return BoltResponse(status=200, body=SORRY)
