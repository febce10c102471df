"""Tests of the loopback Slack fake, driven by the real slack_sdk / slack_bolt clients."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakeslack import (
    FakeSlack,
)


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
