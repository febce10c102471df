"""The fake's modal filling, signed bodies and Socket Mode, driven by real Bolt and SDK."""

from __future__ import annotations

import asyncio
import logging

import pytest
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakeslack import (
    FakeSlack,
    block_actions,
    event_callback,
    fill_modal,
    form_body,
    interactive_body,
    signed_headers,
    slash_command,
    submit_modal,
)
from tests.test_fakeslack import modal, option, text_input


# ---------------------------------------------------------------------- fill_modal
def sample_modal() -> dict:
    return modal(blocks=[
        text_input("Site name", "site", initial_value="HQ"),
        text_input("Callback phone number", "phone", max_length=20),
        {"type": "input", "block_id": "sev", "label": {"type": "plain_text", "text": "Severity"},
         "element": {"type": "static_select", "action_id": "pick",
                     "options": [option("Sev 1 - total outage", "1"), option("Sev 2", "2")]}},
        {"type": "input", "block_id": "flags", "optional": True,
         "label": {"type": "plain_text", "text": "Affected services"},
         "element": {"type": "checkboxes", "action_id": "pick",
                     "options": [option("Inbound", "in"), option("Outbound", "out")],
                     "initial_options": [option("Inbound", "in")]}},
        {"type": "input", "block_id": "chan", "label": {"type": "plain_text", "text": "Channel"},
         "element": {"type": "conversations_select", "action_id": "pick",
                     "initial_conversation": "C123"}},
        {"type": "input", "block_id": "start", "optional": True,
         "label": {"type": "plain_text", "text": "Started at"},
         "element": {"type": "datetimepicker", "action_id": "pick"}},
        {"type": "input", "block_id": "who", "optional": True,
         "label": {"type": "plain_text", "text": "Reporter"},
         "element": {"type": "users_select", "action_id": "pick"}},
        {"type": "input", "block_id": "scope", "optional": True,
         "label": {"type": "plain_text", "text": "Scope"},
         "element": {"type": "radio_buttons", "action_id": "pick",
                     "options": [option("One site", "one"), option("Many sites", "many")]}},
        {"type": "input", "block_id": "at", "optional": True,
         "label": {"type": "plain_text", "text": "Time"},
         "element": {"type": "timepicker", "action_id": "pick", "initial_time": "09:30"}},
    ])


async def test_fill_modal_and_view_submission(fake: FakeSlack, client: AsyncWebClient):
    view = (await client.views_open(trigger_id="t", view=sample_modal()))["view"]
    values = fill_modal(view, {"phone": "+1 312 555 0100", "severity": "sev 1 - total outage",
                               "affected": ["Outbound"], "started": 1_700_000_000,
                               "reporter": "U9", "scope": "many"})
    assert values["site"]["value"] == {"type": "plain_text_input", "value": "HQ"}
    assert values["phone"]["value"]["value"] == "+1 312 555 0100"
    assert values["sev"]["pick"]["selected_option"]["value"] == "1"
    assert [o["value"] for o in values["flags"]["pick"]["selected_options"]] == ["out"]
    assert values["chan"]["pick"] == {"type": "conversations_select",
                                      "selected_conversation": "C123"}
    assert values["start"]["pick"]["selected_date_time"] == 1_700_000_000
    assert values["who"]["pick"]["selected_user"] == "U9"
    assert values["scope"]["pick"]["selected_option"]["value"] == "many"
    assert values["at"]["pick"]["selected_time"] == "09:30"

    unanswered = fill_modal(view, {"phone": "1", "severity": "2"})
    assert [o["value"] for o in unanswered["flags"]["pick"]["selected_options"]] == ["in"]
    assert unanswered["who"]["pick"]["selected_user"] is None

    with pytest.raises(ValueError, match="required fields left empty"):
        fill_modal(view, {"severity": "2"})  # phone is required and has no initial value
    with pytest.raises(ValueError, match="several labels"):
        fill_modal(view, {"s": "x"})
    with pytest.raises(ValueError, match="no option"):
        fill_modal(view, {"phone": "1", "severity": "Sev 9"})
    with pytest.raises(ValueError, match="caps it at 20"):
        fill_modal(view, {"phone": "1" * 21, "severity": "2"})
    with pytest.raises(KeyError):
        fill_modal(view, {"nothing like this": "x"})

    payload = submit_modal(view, {"phone": "5", "severity": "Sev 2"}, user_id="U7")
    assert payload["type"] == "view_submission" and payload["user"]["id"] == "U7"
    assert payload["view"]["id"] == view["id"]
    assert payload["view"]["state"]["values"]["sev"]["pick"]["selected_option"]["value"] == "2"


def test_signed_headers_and_bodies():
    body = form_body(slash_command("status", user_id="U5"))
    headers = signed_headers("s3cret", body, timestamp=1_700_000_000)
    verifier = SignatureVerifier("s3cret", clock=type("C", (), {"now": lambda self: 1.7e9})())
    assert verifier.is_valid_request(body, headers)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert "user_id=U5" in body and "command=%2Fbvoip" in body
    assert interactive_body({"type": "block_actions"}).startswith("payload=%7B")


async def test_bolt_http_mode_accepts_signed_requests(fake: FakeSlack, client: AsyncWebClient):
    app = AsyncApp(client=client, signing_secret="s3cret", process_before_response=True)

    @app.command("/bvoip")
    async def command(ack, respond, command):
        await ack("pong")  # ack("str") answers text/plain
        await respond(text=f"done: {command['text']}", response_type="in_channel")
        await respond(text="bad", blocks=[text_input("Site")])  # no input blocks in messages

    url = fake.response_url()
    body = form_body(slash_command("ping", response_url=url))
    res = await app.async_dispatch(AsyncBoltRequest(body=body, headers=signed_headers("s3cret",
                                                                                      body)))
    assert res.status == 200 and res.body == "pong"
    assert fake.responses_to(url)[0] == {"text": "done: ping", "response_type": "in_channel"}
    assert fake.rejected[0][0] == "response_url"
    bad = await app.async_dispatch(AsyncBoltRequest(body=body, headers=signed_headers("x", body)))
    assert bad.status == 401


# ---------------------------------------------------------------------- Socket Mode
@pytest.fixture
async def bolt(fake: FakeSlack, client: AsyncWebClient):
    app = AsyncApp(client=client, logger=logging.getLogger("fakeslack.bolt"))
    handler = AsyncSocketModeHandler(app, fake.app_token, web_client=client, ping_interval=1)
    yield app, handler
    await handler.close_async()


async def test_socket_mode_slash_command_round_trip(fake: FakeSlack, bolt):
    app, handler = bolt

    @app.command("/bvoip")
    async def command(ack, body, say, client):
        await ack(f"Got it: {body['text']}")
        await say("Opening the report form")
        await client.views_open(trigger_id=body["trigger_id"], view=sample_modal())

    @app.view("report")
    async def submitted(ack, view):
        phone = view["state"]["values"]["phone"]["value"]["value"]
        if not phone.startswith("+"):
            await ack(response_action="errors", errors={"phone": "Use +1 format"})
        else:
            await ack()

    @app.action("ack")
    async def clicked(ack, body, client):
        await ack()
        await client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"],
                                 text="Acknowledged")

    await handler.connect_async()
    await fake.wait_for_socket()
    assert fake.calls_to("apps.connections.open")

    acked = await fake.send_envelope("slash_commands", slash_command("status"))
    assert acked["envelope_id"] == fake.envelopes[-1]["envelope_id"]
    assert acked["payload"]["text"] == "Got it: status"
    posted = await fake.wait_for("chat.postMessage")
    assert posted[0]["channel"] == "C123" and posted[0]["text"] == "Opening the report form"
    await fake.wait_for("views.open")

    view = fake.latest_view("report")
    refused = await fake.send_envelope("interactive", submit_modal(view, {"phone": "555",
                                                                          "severity": "Sev 2"}))
    assert refused["payload"] == {"response_action": "errors", "errors": {"phone": "Use +1 format"}}
    accepted = await fake.send_envelope("interactive", submit_modal(view, {"phone": "+1 555",
                                                                           "severity": "Sev 2"}))
    assert "payload" not in accepted

    fake.messages["C123"][0]["blocks"] = [{"type": "actions", "block_id": "a", "elements": [
        {"type": "button", "action_id": "ack", "text": {"type": "plain_text", "text": "Ack"},
         "value": "inc-1"}]}]
    click = block_actions("ack", message=fake.messages["C123"][0], channel_id="C123")
    await fake.send_envelope("interactive", click, accepts_response_payload=False)
    await fake.wait_for("chat.update")
    assert fake.messages["C123"][0]["text"] == "Acknowledged"
    fake.assert_nothing_rejected()


async def test_socket_mode_bad_ack_and_unhandled(fake: FakeSlack, bolt):
    app, handler = bolt

    @app.view("report")
    async def submitted(ack):
        await ack(response_action="errors", errors={"not_a_block": "bad"})

    @app.command("/bvoip")
    async def command(ack):
        await ack(text="x", blocks=[{"type": "header", "text": {"type": "plain_text",
                                                                 "text": "h" * 151}}])

    await handler.connect_async()
    view = (await AsyncWebClient(token=fake.bot_token, base_url=fake.base_url).views_open(
        trigger_id="t", view=sample_modal()))["view"]
    await fake.send_envelope("interactive", submit_modal(view, {"phone": "1", "severity": "2"}))
    assert fake.rejected[0][0] == "ack:interactive" and "not_a_block" in fake.rejected[0][1]
    await fake.send_envelope("slash_commands", slash_command("status"))
    assert fake.rejected[1][0] == "ack:slash_commands" and "150" in fake.rejected[1][1]
    with pytest.raises(AssertionError, match="no ack"):  # Bolt never acks unhandled requests
        await fake.send_envelope("events_api", event_callback({"type": "reaction_added"}),
                                 accepts_response_payload=False, timeout=0.5)


async def test_socket_mode_disconnect_reconnects(fake: FakeSlack, bolt):
    app, handler = bolt

    @app.command("/bvoip")
    async def command(ack):
        await ack()

    await handler.connect_async()
    await fake.wait_for_socket()
    await fake.disconnect_socket("refresh_requested")
    await fake.wait_for_socket(connections=2)
    assert len(fake.calls_to("apps.connections.open")) == 2
    for _ in range(50):  # the SDK closes the old connection after opening the new one
        if len(fake.sockets) == 1:
            break
        await asyncio.sleep(0.02)
    ack = await fake.send_envelope("slash_commands", slash_command("after reconnect"))
    assert "payload" not in ack
