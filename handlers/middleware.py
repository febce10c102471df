"""Bolt middleware at the Slack edge: payload shapes Slack never sends are refused with a
400 before any listener reads them, and every listener finds the incident service in its
context."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.service import IncidentService

OBJECTS = ("event", "view", "container", "message", "state")
OBJECTS_OR_NULL = ("team", "enterprise", "channel", "user", "authorizations")
TEXTS = ("type", "callback_id", "trigger_id", "team_id", "user_id", "channel_id", "command",
         "text", "api_app_id")


def shape_fault(body: Any) -> str | None:
    """What is wrong with a parsed request body, or None when Bolt can safely read it."""
    if not isinstance(body, dict):
        return "the request body is not an object"
    for key in OBJECTS:
        if key in body and not isinstance(body[key], dict):
            return f"`{key}` must be an object"
    for key in OBJECTS_OR_NULL:
        if key in body and not isinstance(body[key], dict | str | list | type(None)):
            return f"`{key}` has the wrong type"
    for key in TEXTS:
        if key in body and not isinstance(body[key], str | type(None)):
            return f"`{key}` must be text"
    actions = body.get("actions")
    if actions is not None and not (isinstance(actions, list) and actions and all(
            isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions)):
        return "`actions` must be a list of actions, each with an action_id"
    view = body.get("view")
    if body.get("type") in ("view_submission", "view_closed") and not isinstance(view, dict):
        return "a view submission needs its view"
    if isinstance(view, dict) and not isinstance(view.get("state", {}), dict):
        return "`view.state` must be an object"
    return None


class RejectMalformed(AsyncMiddleware):
    """Run after signature verification and before authorization."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse,
                            next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        fault = shape_fault(req.body)
        if fault is not None:
            return BoltResponse(status=400, body=f"malformed request: {fault}")
        return await next()


def with_service(service: IncidentService) -> Callable[..., Awaitable[Any]]:
    """Global middleware: `context["service"]` for every listener."""

    async def attach(context: dict, next: Callable[[], Awaitable[Any]]) -> Any:
        context["service"] = service
        return await next()

    return attach
