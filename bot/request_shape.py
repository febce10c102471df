"""Requests whose JSON is the wrong shape for Slack's wire format get a 400 before Bolt's
own middleware reads them (it assumes, for example, that `event` is an object)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

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
    if actions is not None and not (isinstance(actions, list)
                                    and all(isinstance(a, dict) for a in actions)):
        return "`actions` must be a list of objects"
    view = body.get("view")
    if isinstance(view, dict) and not isinstance(view.get("state", {}), dict):
        return "`view.state` must be an object"
    return None


class RejectMalformed(AsyncMiddleware):
    """Bolt middleware run after signature verification and before authorization."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse,
                            next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        fault = shape_fault(req.body)
        if fault is not None:
            return BoltResponse(status=400, body=f"malformed request: {fault}")
        return await next()
