"""Answer Slack the moment a listener acks. Bolt's default runner starts each listener as a
task and then looks for its ack every 10 ms, so every answer waits up to 10 ms more than it
needs, and a few ms of work past a tick costs a whole tick. The app runs Bolt with
`process_before_response=True` (Bolt awaits the listener, then answers) and registers every
listener through `answer_at_ack`: the listener runs as a task, and Bolt's await ends as soon
as it calls `ack()` — woken by that call, not by polling — while the rest of the listener
(opening a modal, posting a card) goes on. A listener that has not acked within Slack's
3 s is answered without its ack, as Bolt's runner does, and goes on. A failure before the
ack is Bolt's to answer (the app's error handler); one after it goes to the same handler
with no response, as with Bolt's own runner. Event listeners, which Bolt acknowledges
itself, are answered at once."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.kwargs_injection.async_args import AsyncArgs
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_bolt.util.utils import get_arg_names_of_callable

Listener = Callable[..., Awaitable[Any]]
ErrorHandler = Callable[[Exception, AsyncBoltRequest, BoltResponse | None],
                        Awaitable[BoltResponse | None]]
log = logging.getLogger(__name__)
ACK_WITHIN_SECONDS = 3.0  # Slack's wait: past it, Bolt answers without the listener's ack
_running: set[asyncio.Task[Any]] = set()  # listeners past their ack, referenced till done


def answer_at_ack(listener: Listener, on_error: ErrorHandler,
                  acks_itself: bool = True) -> Callable[[AsyncArgs], Awaitable[None]]:
    """`listener` for Bolt, answered as soon as it acks (or at once if Bolt acks for it)."""
    names = get_arg_names_of_callable(listener)

    @functools.wraps(listener)
    async def run(args: AsyncArgs) -> None:
        answered: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def answer(_: object = None) -> None:
            if not answered.done():
                answered.set_result(None)

        async def ack(*given: Any, **options: Any) -> Any:
            try:
                return await args.ack(*given, **options)
            finally:
                answer()

        kwargs = {name: ack if name == "ack" else getattr(args, name) for name in names}
        task = asyncio.ensure_future(listener(**kwargs))
        task.add_done_callback(answer)
        if acks_itself:
            # Slack's wait is over at the latest (one timer, cheaper than asyncio.timeout,
            # which every ack would pay for: the listener goes on after it).
            late = answered.get_loop().call_later(ACK_WITHIN_SECONDS, answer)
            try:
                await answered
            except asyncio.CancelledError:  # the request was dropped (the app is stopping):
                _follow(task, on_error, args.request)  # the listener's failures are still told
                raise
            finally:
                late.cancel()
            if not task.done() and args.ack.response is None:
                log.warning("%s did not ack within %s s", listener.__name__, ACK_WITHIN_SECONDS)
        if task.done() and args.ack.response is None:
            task.result()  # failed before its ack: Bolt answers through the error handler
            return
        _follow(task, on_error, args.request)

    del run.__wrapped__  # Bolt reads the arguments of `run` (args), not the listener's
    return run


def _follow(task: asyncio.Task[Any], on_error: ErrorHandler, request: AsyncBoltRequest) -> None:
    """Keep a listener past its ack referenced until it ends, and tell its failure."""
    _running.add(task)
    task.add_done_callback(functools.partial(_finished, on_error, request))


def _finished(on_error: ErrorHandler, request: AsyncBoltRequest, task: asyncio.Task[Any]) -> None:
    """A listener's work after its ack ended: a failure goes to the app's error handler."""
    _running.discard(task)
    if task.cancelled() or task.exception() is None:
        return
    error = task.exception()
    if not isinstance(error, Exception):
        return
    handling = asyncio.ensure_future(on_error(error, request, None))
    _running.add(handling)
    handling.add_done_callback(_running.discard)
