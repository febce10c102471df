"""Issue 8, the suspected faults, each tried through the real app: a level after Resolve, the
duplicate check in a busy channel, a worker meeting a non-Slack error, replayed follow-ups,
per-channel maps kept for ever, and "Next update expected" in the past or far ahead."""

from __future__ import annotations

import asyncio
import datetime as dt

from tests.databases import execute, rows
from tests.fakeslack.payloads import block_actions, submit_modal
from tests.flows import card_now, eventually, press, report_outage, text_of, thread
from tests.harness import START, AppUnderTest
from tests.harness import level_rows as stored_levels


def level_posts(app, card, channel: str = "C123") -> list[dict]:
    return [m for m in thread(app, card, channel) if " is open" in (m.get("text") or "")]


def level_rows(app, incident_id: int) -> list[dict]:
    return stored_levels(app.db_path, incident_id)


def chatter(fake, channel: str, count: int, thread_ts: str | None = None) -> None:
    """People talking in the channel (or a thread): `count` messages straight into the fake."""
    for n in range(count):
        fake._chat_post_message({"channel": channel, "text": f"chatter {n}",
                                 **({"thread_ts": thread_ts} if thread_ts else {})})


async def test_a_resolve_during_the_pace_wait_gets_no_level_post(app, clock):
    cards = [await report_outage(app) for _ in range(6)]
    clock.set(START + dt.timedelta(hours=1))  # six Level 1s at once: the pacer spaces them
    await eventually(lambda: level_posts(app, cards[4]), timeout=10)
    # INC-6 is claimed and waiting for the channel's pace now: resolve it.
    assert level_rows(app, 6)[0]["claimed_by"] is not None
    await press(app, card_now(app, cards[5]), "Resolve", {"What fixed it": "back up"})
    await app.settle(2.0)
    assert level_posts(app, cards[5]) == []
    assert all(r["state"] == "cancelled" for r in level_rows(app, 6))
    assert all(len(level_posts(app, c)) == 1 for c in cards[:5])


async def test_a_level_another_replica_took_over_during_the_pace_wait_is_not_posted_here(
        app, clock):
    """The check right before posting (done for every post of the moment in one query) sees
    that this process no longer holds the claim, so only the new holder may post."""
    cards = [await report_outage(app) for _ in range(6)]
    clock.set(START + dt.timedelta(hours=1))  # six Level 1s at once: the pacer spaces them
    await eventually(lambda: level_posts(app, cards[4]), timeout=10)
    assert level_rows(app, 6)[0]["claimed_by"] is not None  # waiting for the channel's pace
    execute(app.db_path, "UPDATE levels SET claimed_by = 'another-replica' "
            "WHERE incident_id = 6 AND level = 1")
    await app.settle(2.0)
    assert level_posts(app, cards[5]) == []
    row = level_rows(app, 6)[0]
    assert (row["state"], row["claimed_by"]) == ("pending", "another-replica")  # left to it
    assert all(len(level_posts(app, c)) == 1 for c in cards[:5])
    assert all(level_rows(app, n)[0]["state"] == "posted" for n in range(1, 6))


async def test_the_duplicate_check_pages_back_through_a_busy_channel(fake_slack, clock, db):
    app = await AppUnderTest(fake_slack, clock, db, slack_timeout=0.5).start()
    try:
        fake_slack.hang("chat.postMessage", seconds=1.0, times=1)  # the card's answer is lost
        view = await app.open_report("nobody can dial out")
        await app.submit(view)
        await eventually(lambda: fake_slack.messages.get("C123"), timeout=5)  # Slack has it
        await eventually(lambda: app.incident_rows()[0]["card_claimed_by"] is None)
        assert app.incident_rows()[0]["card_ts"] is None  # the app does not know
        chatter(fake_slack, "C123", 450)  # the card is now 451st newest in the channel
        clock.advance(minutes=1)
        await eventually(lambda: app.incident_rows()[0]["card_ts"], timeout=10)
        cards = [m for m in fake_slack.messages["C123"] if m.get("metadata")]
        assert len(cards) == 1 and app.incident_rows()[0]["card_ts"] == cards[0]["ts"]
        assert len(fake_slack.calls_to("conversations.history")) >= 3  # paged back
    finally:
        await app.stop()


async def test_the_duplicate_check_pages_through_a_busy_thread(fake_slack, clock, db):
    app = await AppUnderTest(fake_slack, clock, db, slack_timeout=0.5).start()
    try:
        card = await report_outage(app)
        chatter(fake_slack, "C123", 250, thread_ts=card["ts"])  # a busy thread before the level
        fake_slack.hang("chat.postMessage", seconds=1.0, times=1)
        clock.set(START + dt.timedelta(hours=1))
        await eventually(lambda: level_posts(app, card), timeout=5)  # Slack has it
        await eventually(lambda: level_rows(app, 1)[0]["claimed_by"] is None
                         and level_rows(app, 1)[0]["attempts"] >= 1)
        await app.settle(0.6)
        clock.advance(minutes=16)
        await eventually(lambda: level_rows(app, 1)[0]["state"] == "posted", timeout=10)
        assert len(level_posts(app, card)) == 1
        assert level_rows(app, 1)[0]["message_ts"] == level_posts(app, card)[0]["ts"]
    finally:
        await app.stop()


async def test_a_worker_meeting_a_non_slack_error_releases_and_carries_on(app, clock):
    broken_card = await report_outage(app)
    good_card = await report_outage(app)
    # INC-1's stored hours no longer parse
    saved = rows(app.db_path, "SELECT business_hours FROM incidents WHERE id = 1")[0]
    execute(app.db_path, "UPDATE incidents SET business_hours = 'whenever' WHERE id = 1")
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: level_posts(app, good_card))  # the channel's other incident
    await eventually(lambda: level_rows(app, 1)[0]["claimed_by"] is None)
    row = level_rows(app, 1)[0]
    assert row["state"] == "pending"
    assert row["claim_expires"] <= (clock.now() + dt.timedelta(seconds=10)).timestamp()
    execute(app.db_path, "UPDATE incidents SET business_hours = ? WHERE id = 1",
            [saved["business_hours"]])
    clock.advance(seconds=10)  # soon, not a whole lease later
    await eventually(lambda: level_posts(app, broken_card))
    await app.settle(0.3)
    assert len(level_posts(app, broken_card)) == 1
    assert fake_slack_calls(app, "conversations.replies")  # looked first: it was tried before


def fake_slack_calls(app, method: str) -> list[dict]:
    return app.fake.calls_to(method)


async def test_a_replayed_follow_up_is_taken_once(app):
    card = await report_outage(app)
    button = next(el for b in card["blocks"] if b["type"] == "actions" for el in b["elements"]
                  if el["text"]["text"] == "Progress update")
    opens = len(app.fake.calls_to("views.open"))
    await app.interact(block_actions(button["action_id"], message=card))
    await app.fake.wait_for("views.open", opens + 1)
    payload = submit_modal(app.fake.latest_view(), {"What has changed": "tech on site"})
    replies = await asyncio.gather(*(app.interact(payload) for _ in range(3)))
    assert [r.status for r in replies] == [200] * 3
    await eventually(lambda: any("tech on site" in text_of(m) for m in thread(app, card)))
    await app.settle(0.3)
    await app.interact(payload)  # replayed later, within the signing window
    await app.settle(0.3)
    assert sum("tech on site" in text_of(m) for m in thread(app, card)) == 1
    kinds = [e.kind for e in app.store.timeline.for_incident(1)]
    assert kinds.count("progress") == 1


async def test_per_channel_maps_are_pruned(app, clock):
    channels = [f"C9{n:02d}" for n in range(6)]
    for channel in channels:
        app.fake.add_channel(channel, f"voip-{channel.lower()}")
    cards = {c: await report_outage(app, channel=c, **{"Post updates in": c})
             for c in channels[:5]}
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: all(level_posts(app, cards[c], c) for c in cards))
    reminders = app.runtime.reminders
    await eventually(lambda: not reminders._workers and not reminders._queues)
    assert reminders.pacer._buckets  # the channels just used are still known
    await asyncio.sleep(1.2)  # their buckets have refilled: nothing left worth keeping
    clock.set(START + dt.timedelta(hours=1, minutes=10))
    last = await report_outage(app, channel=channels[5], **{
        "Post updates in": channels[5],
        "When it was reported to AT&T": int((START + dt.timedelta(minutes=30)).timestamp())})
    clock.set(START + dt.timedelta(hours=1, minutes=30))  # only the last channel has a level
    await eventually(lambda: level_posts(app, last, channels[5]))
    await eventually(lambda: not reminders._workers and not reminders._queues)
    assert set(reminders.pacer._buckets) <= {channels[5]}


async def test_next_update_expected_must_be_ahead_and_within_a_week(app, clock):
    card = await report_outage(app)
    clock.set(START + dt.timedelta(hours=1))
    post = (await eventually(lambda: level_posts(app, card)))[0]
    button = next(el for b in post["blocks"] if b["type"] == "actions" for el in b["elements"]
                  if el["text"]["text"] == "I called Level 1")
    now = int(clock.now().timestamp())
    answers = {"Name of the AT&T contact": "Pat", "What they promised": "a tech by 2pm"}
    for when, error in ((now - 3600, "That time has passed"),
                        (now + 8 * 86400, "more than a week ahead")):
        opens = len(app.fake.calls_to("views.open"))
        await app.interact(block_actions(button["action_id"], message=post))
        await app.fake.wait_for("views.open", opens + 1)
        reply = await app.interact(submit_modal(app.fake.latest_view(), {
            **answers, "Next update expected": when}))
        assert reply.json["response_action"] == "errors"
        assert error in str(reply.json["errors"])
    assert [e.kind for e in app.store.timeline.for_incident(1)].count("called") == 0
    await press(app, post, "I called Level 1", {**answers, "Next update expected": now + 7200})
    await eventually(lambda: any("Called Level 1" in text_of(m) for m in thread(app, card)))
