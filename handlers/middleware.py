"""The Slack edge: payload shapes Slack never sends are refused with a 400 before any
listener reads them, every listener finds the incident service in its context, and work
that must come before an ack is bounded by Slack's time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.acks import AckGate
from bot.service import IncidentService

T = TypeVar("T")

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


class WithService(AsyncMiddleware):
    """Global middleware: `context["service"]` and `context["acks"]` for every listener. (A
    class, not a function: Bolt calls a class's `async_process` as it is, where it would
    work out a function's arguments afresh for every request.)"""

    def __init__(self, service: IncidentService, acks: AckGate) -> None:
        self.service = service
        self.acks = acks

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse,
                            next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        req.context["service"] = self.service
        req.context["acks"] = self.acks
        return await next()


# Slack waits 3 s for an answer: work before an ack (storing a report, checking a form)
# gets this much, and the answer says so when it is not done.
BEFORE_ACK_SECONDS = 2.0


async def in_time(work: Awaitable[T]) -> T:
    """Work that must be done before an ack, within Slack's time (TimeoutError past it); it
    goes on to the end even then, so nothing is left half-done. The wait ends two turns of a
    busy loop after the work does (as `asyncio.wait`'s, which costs more to set up; wait_for
    over shield takes three)."""
    running = asyncio.ensure_future(work)
    if not running.done():
        loop = running.get_loop()
        waited: asyncio.Future[None] = loop.create_future()

        def over(_: object = None) -> None:
            if not waited.done():
                waited.set_result(None)

        running.add_done_callback(over)
        timer = loop.call_later(BEFORE_ACK_SECONDS, over)
        try:
            await waited
        finally:
            timer.cancel()
            running.remove_done_callback(over)
    if not running.done():
        raise TimeoutError(f"not done within {BEFORE_ACK_SECONDS} s")
    return running.result()


async def after_acks(context: dict) -> None:
    """Work after an ack lets requests still waiting for theirs go first (bot/acks.py)."""
    gate = context.get("acks")
    if gate is not None:
        await gate.after_acks()
