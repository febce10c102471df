"""Tests of the loopback Slack fake, driven by the real slack_sdk / slack_bolt clients."""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
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


@pytest.fixture
async def fake():
    fake = FakeSlack()
    await fake.start()
    fake.add_channel("C123", "general")
    yield fake
    await fake.stop()


@pytest.fixture
def client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)


def modal(title: str = "Report outage", blocks: list | None = None, **extra) -> dict:
    view = {
        "type": "modal", "callback_id": "report",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Submit"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks if blocks is not None else [
            {"type": "section", "text": {"type": "mrkdwn", "text": "Tell us what broke"}}],
    }
    view.update(extra)
    return view


def text_input(label: str, block_id: str | None = None, **element) -> dict:
    block = {"type": "input", "label": {"type": "plain_text", "text": label},
             "element": {"type": "plain_text_input", "action_id": "value", **element}}
    if block_id:
        block["block_id"] = block_id
    return block


def option(text: str, value: str) -> dict:
    return {"text": {"type": "plain_text", "text": text}, "value": value}


# ---------------------------------------------------------------------- Web API
async def test_post_update_thread_and_permalink(fake: FakeSlack, client: AsyncWebClient):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Outage* at HQ"}}]
    first = await client.chat_postMessage(channel="C123", text="Outage", blocks=blocks)
    assert first["ok"] and first["channel"] == "C123"
    assert first["ts"] == "1700000000.000100"
    assert first["message"]["blocks"][0]["block_id"]  # Slack fills in block ids
    reply = await client.chat_postMessage(
        channel="C123", text="update", thread_ts=first["ts"], reply_broadcast=True)
    assert float(reply["ts"]) > float(first["ts"])
    stored = fake.messages["C123"]
    assert [m["text"] for m in stored] == ["Outage", "update"]
    assert stored[1]["thread_ts"] == first["ts"] and stored[1]["reply_broadcast"] is True
    assert stored[0]["reply_count"] == 1

    updated = await client.chat_update(channel="C123", ts=first["ts"], text="Resolved",
                                       blocks=[{"type": "divider"}])
    assert updated["message"]["text"] == "Resolved"
    assert stored[0]["text"] == "Resolved" and stored[0]["blocks"][0]["type"] == "divider"
    assert fake.calls_to("chat.update")[0]["blocks"] == [{"type": "divider"}]

    with pytest.raises(SlackApiError) as err:
        await client.chat_update(channel="C123", ts="1.000000", text="nope")
    assert err.value.response["error"] == "message_not_found"

    link = await client.chat_getPermalink(channel="C123", message_ts=reply["ts"])
    assert link["permalink"].startswith("https://fake-workspace.slack.com/archives/C123/p17")
    assert f"thread_ts={first['ts']}" in link["permalink"]

    eph = await client.chat_postEphemeral(channel="C123", user="U123", text="only you")
    assert fake.ephemeral[0]["message_ts"] == eph["message_ts"]
    fake.assert_nothing_rejected()


@pytest.mark.parametrize(
    ("channel", "setup", "expected"),
    [
        ("C999", None, "channel_not_found"),
        ("C200", {"is_member": False}, "not_in_channel"),
        ("C200", {"is_archived": True}, "is_archived"),
    ],
)
async def test_channel_errors(fake, client, channel, setup, expected):
    if setup is not None:
        fake.add_channel("C200", "ops", **setup)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=channel, text="x")
    assert err.value.response.status_code == 200
    assert err.value.response["error"] == expected


async def test_form_bodies_and_token_in_body(fake: FakeSlack):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "form"}}]
    body = {"token": fake.bot_token, "channel": "C123", "text": "hi", "blocks": json.dumps(blocks)}
    async with aiohttp.ClientSession() as session:
        async with session.post(fake.base_url + "chat.postMessage", data=body) as res:
            assert res.status == 200 and (await res.json())["ok"] is True
        form = aiohttp.FormData({"channel": "C123", "text": "multipart"})
        form.add_field("file", b"abc", filename="a.txt")  # forces multipart/form-data
        headers = {"Authorization": f"Bearer {fake.bot_token}"}
        async with session.post(fake.base_url + "chat.postMessage", data=form,
                                headers=headers) as res:
            assert (await res.json())["ok"] is True
    first, second = fake.calls_to("chat.postMessage")
    assert first["blocks"] == blocks and "token" not in first
    assert fake.calls[0].token == fake.bot_token
    assert second["text"] == "multipart" and second["file"]["content"] == b"abc"


async def test_auth_errors_and_unknown_method(fake: FakeSlack):
    for token, expected in [("xoxb-wrong", "invalid_auth"), (None, "not_authed"),
                            (fake.app_token, "not_allowed_token_type")]:
        with pytest.raises(SlackApiError) as err:
            await AsyncWebClient(token=token, base_url=fake.base_url).auth_test()
        assert err.value.response["error"] == expected
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)
    with pytest.raises(SlackApiError) as err:
        await client.apps_connections_open(app_token=fake.bot_token)
    assert err.value.response["error"] == "not_allowed_token_type"
    opened = await client.apps_connections_open(app_token=fake.app_token)
    assert opened["url"].startswith(f"ws://127.0.0.1:{fake.port}/socket-mode/link/?ticket=")
    assert fake.calls[-1].token == fake.app_token
    with pytest.raises(SlackApiError) as err:
        await client.api_call("chat.nonexistent", json={})
    assert err.value.response["error"] == "unknown_method"


async def test_users_and_conversations(fake: FakeSlack, client: AsyncWebClient):
    fake.add_user("U1", real_name="Ann Lee", phone="+1 312 555 0100")
    user = (await client.users_info(user="U1"))["user"]
    assert user["profile"]["phone"] == "+1 312 555 0100" and user["tz"] == "America/Chicago"
    assert user["tz_offset"] in (-21600, -18000)
    with pytest.raises(SlackApiError) as err:
        await client.users_info(user="U404")
    assert err.value.response["error"] == "user_not_found"
    dm = (await client.conversations_open(users=["U1"]))["channel"]["id"]
    assert dm.startswith("D") and fake.channels[dm]["is_member"] is True
    again = await client.conversations_open(users="U1")
    assert again["channel"]["id"] == dm and again["already_open"] is True
    await client.chat_postMessage(channel=dm, text="page")
    info = (await client.conversations_info(channel=dm))["channel"]
    assert info["is_im"] is True and info["user"] == "U1"
    assert (await client.conversations_info(channel="C123"))["channel"]["name"] == "general"


async def test_views_open_update_push_publish(fake: FakeSlack, client: AsyncWebClient):
    opened = (await client.views_open(trigger_id="123.456.abc", view=modal()))["view"]
    assert opened["id"].startswith("V") and opened["hash"] and opened["state"] == {"values": {}}
    assert fake.views[opened["id"]]["callback_id"] == "report"
    for trigger, expected in [("expired", "expired_trigger_id"),
                              ("123.456.abc", "exchanged_trigger_id")]:
        with pytest.raises(SlackApiError) as err:
            await client.views_open(trigger_id=trigger, view=modal())
        assert err.value.response["error"] == expected

    updated = (await client.views_update(view_id=opened["id"], hash=opened["hash"],
                                         view=modal("Step 2")))["view"]
    assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
    with pytest.raises(SlackApiError) as err:  # the old hash is stale now
        await client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal())
    assert err.value.response["error"] == "hash_conflict"
    with pytest.raises(SlackApiError) as err:
        await client.views_update(view_id="V404", view=modal())
    assert err.value.response["error"] == "not_found"

    ext = (await client.views_push(trigger_id="t2", view=modal(external_id="inc-1")))["view"]
    by_ext = (await client.views_update(external_id="inc-1", view=modal("By ext")))["view"]
    assert by_ext["id"] == ext["id"] and fake.latest_view()["title"]["text"] == "By ext"

    home = {"type": "home", "blocks": [{"type": "section",
                                        "text": {"type": "mrkdwn", "text": "No incidents"}}]}
    published = (await client.views_publish(user_id="U123", view=home))["view"]
    again = (await client.views_publish(user_id="U123", view=home))["view"]
    assert again["id"] == published["id"]
    fake.assert_nothing_rejected()


@pytest.mark.parametrize(
    "view",
    [
        modal(title="A title that is far too long for Slack"),
        modal(blocks=[text_input("Site")], submit=None),  # input blocks need a submit button
        modal(blocks=[text_input("Site", "b"), text_input("Phone", "b")]),  # duplicate block_id
        modal(blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]),
        modal(blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x"},
                       "accessory": {"type": "button", "text": {"type": "plain_text",
                                                                "text": "Go"}, "colour": "red"}}]),
        modal(blocks=[{"type": "divider"}] * 101),
        {"type": "home", "blocks": [text_input("Site")]},  # wrong type for views.open
    ],
)
async def test_view_slack_would_refuse(fake: FakeSlack, client: AsyncWebClient, view):
    with pytest.raises(SlackApiError) as err:
        await client.views_open(trigger_id="t", view=view)
    assert err.value.response["error"] == "invalid_blocks"
    assert err.value.response["errors"]
    assert fake.rejected and fake.rejected[0][0] == "views.open"
    assert fake.views == {}
    with pytest.raises(AssertionError, match="Slack would have refused"):
        fake.assert_nothing_rejected()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"text": "x", "blocks": [text_input("Site")]}, "invalid_blocks"),  # input in message
        ({"text": "x", "blocks": [{"type": "divider"}] * 51}, "invalid_blocks"),
        ({"text": "x", "blocks": [{"type": "header", "text": {"type": "mrkdwn",
                                                              "text": "h"}}]}, "invalid_blocks"),
        ({"text": ""}, "no_text"),
        ({"text": "x" * 40_001}, "msg_too_long"),
    ],
)
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
async def test_message_slack_would_refuse(fake, client, kwargs, expected):
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel="C123", **kwargs)
    assert err.value.response["error"] == expected
    assert fake.rejected[0][0] == "chat.postMessage" and "C123" not in fake.messages


async def test_fail_with_times_and_channel(fake: FakeSlack, client: AsyncWebClient):
    fake.add_channel("C2", "other")
    fake.fail("chat.postMessage", "channel_not_found", times=2, channel="C2")
    assert (await client.chat_postMessage(channel="C123", text="ok"))["ok"]
    for _ in range(2):
        with pytest.raises(SlackApiError) as err:
            await client.chat_postMessage(channel="C2", text="x")
        assert err.value.response["error"] == "channel_not_found"
    assert (await client.chat_postMessage(channel="C2", text="third"))["ok"]
    fake.fail("users.info", "ratelimited")  # times=None: until cleared
    for _ in range(3):
        with pytest.raises(SlackApiError):
            await client.users_info(user="U1")
    fake.clear_faults()
    with pytest.raises(SlackApiError) as err:
        await client.users_info(user="U1")
    assert err.value.response["error"] == "user_not_found"


async def test_fail_http_500_then_recovers(fake: FakeSlack, client: AsyncWebClient):
    fake.fail_http("chat.postMessage", 500)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel="C123", text="x")
    assert err.value.response.status_code == 500
    assert err.value.response.data == {}  # Slack's 5xx pages are HTML, not JSON
    assert (await client.chat_postMessage(channel="C123", text="x"))["ok"]
    assert [c.status for c in fake.calls] == [500, 200]


async def test_ratelimited_429(fake: FakeSlack, client: AsyncWebClient):
    fake.fail_http("chat.postMessage", 429, retry_after=7)
    with pytest.raises(SlackApiError) as err:  # no rate-limit retry handler by default
        await client.chat_postMessage(channel="C123", text="x")
    assert err.value.response.status_code == 429
    assert err.value.response["error"] == "ratelimited"
    assert err.value.response.headers["Retry-After"] == "7"

    retrying = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url,
                              retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)])
    fake.fail_http("chat.postMessage", 429, retry_after=0)
    assert (await retrying.chat_postMessage(channel="C123", text="y"))["ok"]
    assert [c.status for c in fake.calls] == [429, 429, 200]


async def test_hang_triggers_client_timeout(fake: FakeSlack):
    slow = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url, timeout=0.3)
    fake.hang("auth.test", seconds=5)
    with pytest.raises(asyncio.TimeoutError):
        await slow.auth_test()
    assert (await slow.auth_test())["ok"]  # times=1: the next call answers at once


async def test_wait_for(fake: FakeSlack, client: AsyncWebClient):
    async def later():
        await asyncio.sleep(0.05)
        await client.chat_postMessage(channel="C123", text="late")

    task = asyncio.create_task(later())
    assert (await fake.wait_for("chat.postMessage", timeout=2))[0]["text"] == "late"
    await task
    with pytest.raises(AssertionError, match="calls so far:\n  chat.postMessage"):
        await fake.wait_for("chat.postMessage", count=2, timeout=0.05)


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
