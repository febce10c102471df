"""When Slack refuses the card (not_in_channel, channel_not_found, is_archived): the incident
is kept, the reporter is told by DM exactly how to fix it, and the card goes out once it can."""

from __future__ import annotations

import pytest

from tests.harness import wait_until

TEXT = "nobody at the Tampa branch can dial out"


def dms(fake_slack) -> list[dict]:
    return [c for c in fake_slack.calls_to("chat.postMessage") if c["channel"].startswith("D")]


def cards_in(fake_slack, channel: str) -> list[dict]:
    return fake_slack.messages.get(channel, [])


async def report_into(app, fake_slack, channel: str) -> dict:
    row = await app.report_incident(TEXT, {"Post updates in": channel})
    await wait_until(lambda: dms(fake_slack), what="the DM to the reporter")
    return row


async def bot_joined(app, channel: str, user: str = "UBOT") -> None:
    reply = await app.event({"type": "member_joined_channel", "user": user, "channel": channel,
                             "channel_type": "C", "team": "T0001", "inviter": "U123",
                             "event_ts": "1700000000.000100"})
    assert reply.status == 200


@pytest.mark.parametrize("channel, setup, error, fix", [
    ("C777", {"is_member": False}, "not_in_channel",
     "To fix it: invite @bvoip to <#C777> (type `/invite @bvoip` in that channel)"),
    ("C404", None, "channel_not_found",
     "To fix it: I cannot see <#C404>: if it is private, type `/invite @bvoip` there"),
    ("C555", {"is_archived": True}, "is_archived",
     "To fix it: <#C555> is archived: unarchive it, or report again in another channel"),
])
async def test_a_refused_card_keeps_the_incident_and_tells_the_reporter(
        app, fake_slack, channel, setup, error, fix):
    if setup is not None:
        fake_slack.add_channel(channel, "voip-ops", **setup)
    row = await report_into(app, fake_slack, channel)
    assert row["card_ts"] is None and row["card_error"] == error
    assert row["channel_id"] == channel and row["status"] == "open"
    [opened] = fake_slack.calls_to("conversations.open")
    assert opened["users"] == "U123"
    [dm] = dms(fake_slack)
    assert f"INC-{row['id']} is saved, but I could not post its card in <#{channel}> ({error})" \
        in dm["text"]
    assert fix in dm["text"]
    assert "I will post it as soon as I can" in dm["text"]
    kinds = [e.kind for e in app.store.timeline.for_incident(row["id"])]
    assert kinds[-1] == "card_failed"
    fake_slack.assert_nothing_rejected()


async def test_the_card_is_posted_when_the_bot_is_invited(app, fake_slack):
    fake_slack.add_channel("C777", "voip-ops", is_member=False)
    row = await report_into(app, fake_slack, "C777")

    await bot_joined(app, "C777", user="U123")  # someone else joining changes nothing
    await app.settle(0.1)
    assert cards_in(fake_slack, "C777") == []

    fake_slack.channels["C777"]["is_member"] = True
    await bot_joined(app, "C777")
    await wait_until(lambda: cards_in(fake_slack, "C777"), what="the card in C777")
    await wait_until(lambda: app.incident_rows()[0]["card_ts"], what="the card recorded")
    [card] = cards_in(fake_slack, "C777")
    assert card["blocks"][0]["text"]["text"].startswith(f"INC-{row['id']} · Severity 1 (High)")
    [stored] = app.incident_rows()
    assert stored["card_ts"] == card["ts"] and stored["card_error"] is None
    kinds = [e.kind for e in app.store.timeline.for_incident(row["id"])]
    assert kinds[-2:] == ["card_failed", "card_posted"]

    await bot_joined(app, "C777")  # invited again: no second card
    await app.settle(0.1)
    assert len(cards_in(fake_slack, "C777")) == 1
    fake_slack.assert_nothing_rejected()


async def test_a_later_command_in_the_channel_posts_the_waiting_card(app, fake_slack):
    row = await report_into(app, fake_slack, "C404")
    fake_slack.add_channel("C404", "private-voip", is_private=True)
    reply = await app.command("list", channel_id="C404")
    assert reply.status == 200 and f"INC-{row['id']}" in reply.text
    await wait_until(lambda: cards_in(fake_slack, "C404"), what="the card in C404")
    await wait_until(lambda: app.incident_rows()[0]["card_ts"], what="the card recorded")
    assert app.incident_rows()[0]["card_ts"] == cards_in(fake_slack, "C404")[0]["ts"]
    fake_slack.assert_nothing_rejected()


async def test_an_unarchived_channel_gets_its_card(app, fake_slack):
    fake_slack.add_channel("C555", "old-voip", is_archived=True)
    await report_into(app, fake_slack, "C555")
    fake_slack.channels["C555"]["is_archived"] = False
    await bot_joined(app, "C555")
    await wait_until(lambda: cards_in(fake_slack, "C555"), what="the card in C555")


async def test_the_reporter_is_told_once_while_the_cause_is_unchanged(app, fake_slack):
    fake_slack.add_channel("C777", "voip-ops", is_member=False)
    await report_into(app, fake_slack, "C777")
    def attempts() -> int:
        return len([c for c in fake_slack.calls_to("chat.postMessage") if c["channel"] == "C777"])

    for n in range(2):  # each command in the channel tries the waiting card again
        reply = await app.command("list", channel_id="C777")
        assert reply.status == 200
        await wait_until(lambda n=n: attempts() >= 2 + n, what="the retry")
    assert len(dms(fake_slack)) == 1
    assert app.incident_rows()[0]["card_error"] == "not_in_channel"


async def test_other_channels_cards_wait_for_their_own_channel(app, fake_slack):
    fake_slack.add_channel("C777", "voip-ops", is_member=False)
    await report_into(app, fake_slack, "C777")
    await app.command("list")  # in C123: nothing of C777's is tried there
    await app.settle(0.1)
    assert [c["channel"] for c in fake_slack.calls_to("chat.postMessage")
            if not c["channel"].startswith("D")] == ["C777"]
