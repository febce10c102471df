"""Slack listeners, one module per kind, wired by one register() call."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from bot.deps import Deps
from bot.ids import Action, Callback
from handlers.commands import CommandListeners
from handlers.events import EventListeners
from handlers.report_modal import ReportModalListeners


def register(app: AsyncApp, deps: Deps) -> None:
    """Attach every listener to `app`."""
    commands = CommandListeners(deps)
    app.command(re.compile(r"^/bvoip"))(commands.bvoip)

    report = ReportModalListeners(deps)
    app.action(Action.SYMPTOMS.value)(report.symptoms_changed)
    app.action(Action.SCOPE.value)(report.symptoms_changed)
    app.view(Callback.REPORT.value)(report.submitted)

    events = EventListeners(deps)
    app.event("member_joined_channel")(events.member_joined)
