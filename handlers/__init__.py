"""Slack listeners, one module per kind, each a small function, wired by one register()."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.acks import AckGate, settle_collector
from bot.ids import Action, Callback
from bot.service import IncidentService
from handlers import actions, commands, events, options, views
from handlers.answering import Listener, answer_at_ack
from handlers.middleware import WithService
from storage import StoreClosed

log = logging.getLogger(__name__)
SORRY = ("Something went wrong on bvoip's side and this was not done. Nothing you entered "
         "before was lost; please try again.")


def register(app: AsyncApp, service: IncidentService) -> None:
    """Attach every listener, the service they share, and the one error handler. The app
    must run with `process_before_response=True`: each listener is answered when it acks
    (handlers/answering.py)."""
    service.acks = getattr(app, "acks", None) or AckGate()  # the reminder loop's too
    app.use(WithService(service, service.acks))
    # Bolt tries each listener in turn until one matches, and each try costs about as much
    # as building a listener's arguments, so the requests that must be answered soonest come
    # first: the report (stored before its ack), the command, the other form submissions,
    # then button clicks and the rest.
    listen(app.view(Callback.REPORT.value), views.report)
    listen(app.command(re.compile(r"^/bvoip")), commands.bvoip)

    listen(app.view(Callback.RESOLVE.value), views.resolve)
    listen(app.view(Callback.PROGRESS.value), views.progress)
    listen(app.view(Callback.SEVERITY.value), views.change_severity)
    listen(app.view(Callback.TICKET.value), views.add_ticket)
    listen(app.view(Callback.CALLED.value), views.called)
    listen(app.view(Callback.SITE_FORM.value), views.site_form)

    listen(app.action(Action.SYMPTOMS.value), actions.report_changed)
    listen(app.action(Action.SCOPE.value), actions.report_changed)
    listen(app.action(Action.NEW_REPORT.value), actions.new_report)
    listen(app.action(Action.RESOLVE.value), actions.resolve)
    listen(app.action(Action.PROGRESS.value), actions.progress)
    listen(app.action(Action.CHANGE_SEVERITY.value), actions.change_severity)
    listen(app.action(Action.ADD_TICKET.value), actions.add_ticket)
    listen(app.action(Action.CALLED.value), actions.called)
    listen(app.action(Action.POST_STATS.value), actions.post_stats)
    listen(app.action(Action.SITE_CHOICE.value), actions.report_changed)
    listen(app.action(Action.ADD_SITE.value), actions.add_site)
    listen(app.action(Action.EDIT_SITE.value), actions.edit_site)
    listen(app.options(Action.SITE_CHOICE.value), options.sites)

    listen(app.event("member_joined_channel"), events.member_joined, acks_itself=False)
    listen(app.event("app_home_opened"), events.home_opened, acks_itself=False)
    app.error(on_error)
    settle_collector()  # the app is built: what it holds now lives as long as the process


def listen(route: Callable[..., Any], listener: Listener, acks_itself: bool = True) -> None:
    """Register `listener` on a Bolt route (app.action(...), app.view(...), …)."""
    route(answer_at_ack(listener, on_error, acks_itself))


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
