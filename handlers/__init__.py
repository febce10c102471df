"""Slack listeners, one module per kind, wired by one register() call."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from bot.deps import Deps
from bot.ids import Action, Callback
from handlers.actions import ActionListeners
from handlers.commands import CommandListeners
from handlers.events import EventListeners
from handlers.followups import FollowupListeners
from handlers.home import HomeListeners
from handlers.report_modal import ReportModalListeners

INCIDENT_BUTTONS = (Action.RESOLVE, Action.PROGRESS, Action.CHANGE_SEVERITY, Action.ADD_TICKET,
                    Action.CALLED)
FOLLOWUP_MODALS = (Callback.RESOLVE, Callback.PROGRESS, Callback.SEVERITY, Callback.TICKET,
                   Callback.CALLED)


def register(app: AsyncApp, deps: Deps) -> None:
    """Attach every listener to `app`."""
    commands = CommandListeners(deps)
    app.command(re.compile(r"^/bvoip"))(commands.bvoip)

    report = ReportModalListeners(deps)
    app.action(Action.SYMPTOMS.value)(report.symptoms_changed)
    app.action(Action.SCOPE.value)(report.symptoms_changed)
    app.view(Callback.REPORT.value)(report.submitted)

    buttons = ActionListeners(deps)
    for action in INCIDENT_BUTTONS:
        app.action(action.value)(buttons.button)
    followups = FollowupListeners(deps)
    for callback in FOLLOWUP_MODALS:
        app.view(callback.value)(followups.submitted)

    events = EventListeners(deps)
    app.event("member_joined_channel")(events.member_joined)
    home = HomeListeners(deps)
    app.event("app_home_opened")(home.opened)
    app.action(Action.NEW_REPORT.value)(home.new_report)
