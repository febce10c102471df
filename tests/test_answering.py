"""Listeners are answered the moment they ack (handlers/answering.py), on a real Bolt app run
as bvoip runs it (`process_before_response=True`), with requests as Slack sends them."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from handlers import answering
from handlers.answering import answer_at_ack
from tests.fakeslack import form_body, interactive_body, slash_command

SUBMISSION = {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U1"},
              "view": {"id": "V1", "type": "modal", "callback_id": "form",
                       "state": {"values": {}}}}


async def authorize(**_: object) -> AuthorizeResult:  # a workspace, with no call to Slack
    return AuthorizeResult(enterprise_id=None, team_id="T1", bot_token="xoxb-test",
                           bot_user_id="UBOT", bot_id="BBOT")


def bolt_app(errors: list[tuple[str, bool]]) -> tuple[AsyncApp, Callable]:
    app = AsyncApp(client=AsyncWebClient(), signing_secret="s", authorize=authorize,
                   request_verification_enabled=False, process_before_response=True)

    async def on_error(error, request, response):
        errors.append((str(error), response is None))
        return None

    app.error(on_error)
    return app, on_error


async def dispatch(app: AsyncApp, body: str, json_body: bool = False):
    headers = {"content-type": "application/json" if json_body
               else "application/x-www-form-urlencoded"}
    started = time.perf_counter()
    response = await app.async_dispatch(AsyncBoltRequest(body=body, headers=headers))
    return response, time.perf_counter() - started


async def test_the_answer_goes_when_the_listener_acks_not_when_it_ends():
    errors: list = []
    app, on_error = bolt_app(errors)
    finished = asyncio.Event()

    async def submitted(ack, view, body):  # Bolt's names, injected as for any listener
        assert view["id"] == "V1" and body["type"] == "view_submission"
        await ack(response_action="errors", errors={"block": "Fix this field"})
        await asyncio.sleep(0.5)  # work after the ack (a card post, say)
        finished.set()

    app.view("form")(answer_at_ack(submitted, on_error))
    response, took = await dispatch(app, interactive_body(SUBMISSION))
    assert response.status == 200
    assert json.loads(response.body) == {"response_action": "errors",
                                         "errors": {"block": "Fix this field"}}
    assert took < 0.3 and not finished.is_set()  # answered at the ack, not after the work
    await asyncio.wait_for(finished.wait(), 2)
    assert errors == []


async def test_a_failure_before_the_ack_is_answered_by_the_error_handler():
    errors: list = []
    app, on_error = bolt_app(errors)

    async def command(ack, command):
        raise RuntimeError(f"broken before the ack: {command['text']}")

    app.command("/bvoip")(answer_at_ack(command, on_error))
    response, _ = await dispatch(app, form_body(slash_command("help")))
    assert response.status == 500  # our handler returned nothing: Bolt's default stands
    assert errors == [("broken before the ack: help", False)]


async def test_a_failure_after_the_ack_keeps_the_answer_and_reaches_the_error_handler():
    errors: list = []
    app, on_error = bolt_app(errors)

    async def command(ack):
        await ack("On it.")
        await asyncio.sleep(0)
        raise RuntimeError("broken after the ack")

    app.command("/bvoip")(answer_at_ack(command, on_error))
    response, _ = await dispatch(app, form_body(slash_command("help")))
    assert response.status == 200 and "On it." in response.body
    for _ in range(50):
        if errors:
            break
        await asyncio.sleep(0.01)
    assert errors == [("broken after the ack", True)]  # told, with no response to change


async def test_an_event_is_acknowledged_at_once_while_its_listener_works():
    errors: list = []
    app, on_error = bolt_app(errors)
    done = asyncio.Event()

    async def joined(event):
        await asyncio.sleep(0.5)
        done.set()

    app.event("member_joined_channel")(answer_at_ack(joined, on_error, acks_itself=False))
    event = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
             "event": {"type": "member_joined_channel", "user": "U2", "channel": "C1"}}
    response, took = await dispatch(app, json.dumps(event), json_body=True)
    assert response.status == 200 and took < 0.3 and not done.is_set()
    await asyncio.wait_for(done.wait(), 2)


async def test_a_listener_that_never_acks_is_answered_when_slack_stops_waiting(monkeypatch):
    monkeypatch.setattr(answering, "ACK_WITHIN_SECONDS", 0.2)  # Slack's 3 s, shortened
    errors: list = []
    app, on_error = bolt_app(errors)
    went_on = asyncio.Event()

    async def command(ack):
        await asyncio.sleep(0.6)  # stuck past Slack's wait, then finishes its work
        went_on.set()

    app.command("/bvoip")(answer_at_ack(command, on_error))
    response, took = await dispatch(app, form_body(slash_command("help")))
    assert 0.2 <= took < 0.5 and not went_on.is_set()
    await asyncio.wait_for(went_on.wait(), 2)
    assert errors == []


async def test_a_listener_whose_request_is_dropped_still_has_its_failure_told():
    errors: list = []
    app, on_error = bolt_app(errors)
    started = asyncio.Event()

    async def command(ack):
        started.set()
        await asyncio.sleep(0.1)  # the request is dropped meanwhile (the app stopping)
        raise RuntimeError("broken after the request was dropped")

    app.command("/bvoip")(answer_at_ack(command, on_error))
    dispatching = asyncio.ensure_future(dispatch(app, form_body(slash_command("help"))))
    await asyncio.wait_for(started.wait(), 2)
    dispatching.cancel()
    for _ in range(100):
        if errors:
            break
        await asyncio.sleep(0.01)
    assert errors == [("broken after the request was dropped", True)]
