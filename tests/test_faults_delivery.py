"""Issue 8, delivery: a card or level post that meets Slack away (5xx, hung calls) or a
refusal a person can fix is retried by the app on its own, durably, and never posted twice."""

from __future__ import annotations

import datetime as dt
import time

from tests.flows import eventually, report_outage, text_of, thread
from tests.harness import START, AppUnderTest, level_rows

TEXT = "nobody at the Tampa branch can dial out"


def card_posts(fake, channel: str = "C123") -> list[dict]:
    return [m for m in fake.messages.get(channel, []) if not m.get("thread_ts")]


def post_attempts(fake, channel: str = "C123") -> int:
    return len([c for c in fake.calls if c.method == "chat.postMessage"
                and c.args.get("channel") == channel])


def levels(app, incident_id: int = 1) -> list[dict]:
    """The incident's level rows as SQLite holds them."""
    return level_rows(app.db_path, incident_id)


async def next_retry(app, incident_id: int = 1) -> dt.datetime:
    """When the failed Level 1 is tried again, once the attempt under way has let go of it
    (its retry time counts from the end of the attempt)."""
    await eventually(lambda: levels(app, incident_id)[0]["claimed_by"] is None
                     and levels(app, incident_id)[0]["claim_expires"] is not None)
    return dt.datetime.fromtimestamp(levels(app, incident_id)[0]["claim_expires"], dt.UTC)


def level_posts(app, card) -> list[dict]:
    return [m for m in thread(app, card) if " is open" in (m.get("text") or "")]


async def submit_report(app) -> None:
    """Report an outage with no AOTS ticket (so no level will ever nudge the card)."""
    view = await app.open_report(TEXT)
    reply = await app.submit(view)
    assert reply.text == "", reply.text
    await eventually(lambda: app.incident_rows())


async def test_a_card_slack_keeps_failing_is_retried_on_its_own_then_posted_once(app, clock):
    app.fake.fail_http("chat.postMessage", 500, times=4)  # the SDK's 3 retries, and one more
    await submit_report(app)
    await eventually(lambda: post_attempts(app.fake) >= 4 and app.incident_rows()[0][
        "card_claimed_by"] is None, timeout=15)
    assert card_posts(app.fake) == []
    [row] = app.incident_rows()
    assert row["card_ts"] is None and row["card_error"] is None  # away, not refused
    assert row["card_claim_expires"] <= clock.now().timestamp() + 15 * 60  # a retry time
    assert app.fake.calls_to("conversations.open") == []  # nobody is told of a 5xx

    clock.advance(seconds=6)  # no command, no level: the loop alone tries again
    await eventually(lambda: card_posts(app.fake))
    await eventually(lambda: app.incident_rows()[0]["card_ts"])
    [card] = card_posts(app.fake)
    assert app.incident_rows()[0]["card_ts"] == card["ts"]
    assert text_of(card).startswith("INC-1")
    clock.advance(minutes=20)
    await app.settle(0.2)
    assert len(card_posts(app.fake)) == 1
    app.fake.assert_nothing_rejected()


async def test_a_restart_resumes_a_waiting_card(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    fake_slack.fail_http("chat.postMessage", 503, times=4)
    await submit_report(first)
    await eventually(lambda: post_attempts(fake_slack) >= 4
                     and first.incident_rows()[0]["card_claimed_by"] is None, timeout=15)
    await first.stop()
    assert card_posts(fake_slack) == []

    clock.advance(minutes=1)
    second = await AppUnderTest(fake_slack, clock, db).start()
    try:
        await eventually(lambda: card_posts(fake_slack))
        await eventually(lambda: second.incident_rows()[0]["card_ts"])
        await second.settle(0.2)
        assert len(card_posts(fake_slack)) == 1
    finally:
        await second.stop()


async def test_a_hung_post_gives_up_at_the_timeout_and_is_not_posted_twice(fake_slack, clock, db):
    app = await AppUnderTest(fake_slack, clock, db, slack_timeout=0.5).start()
    try:
        card = await report_outage(app)
        # Slack takes the level post but its answer never comes back in time (each try).
        fake_slack.hang("chat.postMessage", seconds=1.2, times=3)
        clock.set(START + dt.timedelta(hours=1))
        started = time.monotonic()
        await eventually(lambda: fake_slack.calls_to("conversations.replies") == []
                         and len([c for c in fake_slack.calls if c.method == "chat.postMessage"
                                  and c.args.get("thread_ts") == card["ts"]]) >= 1)
        await eventually(lambda: levels(app)[0]["claimed_by"] is None
                         and levels(app)[0]["attempts"] >= 1, timeout=10)
        assert time.monotonic() - started < 6  # gave up at 0.5 s a try, not aiohttp's 300 s
        assert app.store.levels.for_incident(1)[0].state == "pending"
        await app.settle(1.5)  # the hung answers have all come back by now
        # Slack did take a post the app gave up on: only the duplicate check can save us now.
        assert level_posts(app, card) and levels(app)[0]["state"] == "pending"
        clock.advance(minutes=16)  # past any backoff
        await eventually(lambda: app.store.levels.for_incident(1)[0].state == "posted",
                         timeout=10)
        assert fake_slack.calls_to("conversations.replies")  # looked before posting again
        opened = [m for m in level_posts(app, card) if "Level 1 (First Level)" in text_of(m)]
        assert len(opened) == 1  # what reached Slack during the hang was found, not re-posted
    finally:
        await app.stop()


async def test_a_refused_level_is_retried_periodically_until_the_cause_is_fixed(app, clock):
    card = await report_outage(app)
    app.fake.fail("chat.postMessage", "not_in_channel", channel="C123")
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: levels(app)[0]["error"] == "not_in_channel")
    dm = await eventually(lambda: [c for c in app.fake.calls_to("chat.postMessage")
                                   if str(c.get("channel", "")).startswith("D")])
    assert "invite @bvoip to <#C123>" in dm[0]["text"]
    assert "I will post it as soon as that is fixed" in dm[0]["text"]
    # It keeps trying, never more than 15 minutes apart, while the incident is open.
    for _ in range(3):
        before = post_attempts(app.fake)
        retry_at = await next_retry(app)
        assert retry_at - clock.now() <= dt.timedelta(minutes=15)
        clock.set(retry_at)
        await eventually(lambda b=before: post_attempts(app.fake) > b)
    assert app.store.levels.for_incident(1)[0].state == "pending"
    assert len([c for c in app.fake.calls_to("chat.postMessage")
                if str(c.get("channel", "")).startswith("D")]) == 1  # told once
    app.fake.clear_faults()  # someone invited the bot; nobody tells the app
    clock.set(max(await next_retry(app), START + dt.timedelta(hours=2)))
    await eventually(lambda: level_posts(app, card))
    assert "Level 2 (Second Level) is open" in text_of(level_posts(app, card)[0])


async def test_a_refused_level_goes_out_when_the_bot_joins(app, clock):
    card = await report_outage(app)
    app.fake.fail("chat.postMessage", "not_in_channel", channel="C123")
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: levels(app)[0]["error"] == "not_in_channel")
    app.fake.clear_faults()
    reply = await app.event({"type": "member_joined_channel", "user": "UBOT",
                             "channel": "C123", "channel_type": "C", "team": "T0001",
                             "event_ts": "1700000000.000100"})
    assert reply.status == 200
    await eventually(lambda: level_posts(app, card))  # at once: the clock did not move
    assert "Level 1 (First Level) is open" in text_of(level_posts(app, card)[0])


async def test_a_revoked_token_is_fixed_by_a_restart_with_a_good_one(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    card = await report_outage(first)
    fake_slack.fail("chat.postMessage", "token_revoked")
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: levels(first)[0]["error"] == "token_revoked")
    await first.stop()
    fake_slack.clear_faults()
    second = await AppUnderTest(fake_slack, clock, db).start()  # same moment
    try:
        await eventually(lambda: level_posts(second, card))
        # Recorded as posted just after Slack has it.
        await eventually(lambda: second.store.levels.for_incident(1)[0].state == "posted")
    finally:
        await second.stop()


async def test_a_card_refused_for_the_token_goes_out_after_a_restart(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    fake_slack.fail("chat.postMessage", "invalid_auth")
    row = await first.report_incident(TEXT)
    assert row["card_error"] == "invalid_auth" and row["card_ts"] is None
    await first.stop()
    fake_slack.clear_faults()  # a new token was installed
    second = await AppUnderTest(fake_slack, clock, db).start()  # same moment
    try:
        await eventually(lambda: card_posts(fake_slack))
        await eventually(lambda: second.incident_rows()[0]["card_ts"])
    finally:
        await second.stop()
