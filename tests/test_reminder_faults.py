"""Delivery drills: restarts, Slack away (5xx, timeouts, 429), broken channels, two loops."""

import datetime as dt
import time

from tests.flows import eventually, report_outage, text_of, thread
from tests.harness import START, AppUnderTest, level_rows


def level_posts(app, card) -> list[dict]:
    return [m for m in thread(app, card) if " is open" in (m.get("text") or "")]


async def test_restart_posts_levels_due_meanwhile_once_naming_the_highest_as_late(fake_slack, clock,
                                                                                  db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    card = await report_outage(first)
    await first.stop()  # down from 10:00 until 13:30
    clock.set(START + dt.timedelta(hours=3, minutes=30))
    second = await AppUnderTest(fake_slack, clock, db).start()
    try:
        posts = await eventually(lambda: level_posts(second, card))
        await second.settle(0.3)
        assert len(level_posts(second, card)) == 1
        shown = text_of(posts[0])
        assert "Level 3 (Third Level) is open" in shown
        assert "Level 1, Level 2, Level 3 opened together" in shown
        assert "This reminder is 30 min late" in shown
        assert [r.state for r in second.store.levels.for_incident(1)] == [
            "posted", "posted", "posted", "pending"]
        clock.set(START + dt.timedelta(hours=4))
        await eventually(lambda: len(level_posts(second, card)) == 2)
        assert "reminder is" not in text_of(level_posts(second, card)[1])  # on time now
    finally:
        await second.stop()


async def test_server_errors_for_a_while_then_every_level_delivered_once_in_order(app, clock):
    card = await report_outage(app)
    app.fake.fail_http("chat.postMessage", 500, times=6)  # outlasts the SDK's own 3 retries
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: len(app.fake.calls_to("chat.postMessage")) >= 5, timeout=10)
    assert level_posts(app, card) == []
    entries = [e.kind for e in app.store.timeline.for_incident(1)]
    assert "level_failed" not in entries  # transient: not a failure, just later
    # The failed attempt has let go of Level 1 (its retry counts from the attempt's end).
    await eventually(lambda: level_rows(app.db_path, 1)[0]["claimed_by"] is None)
    clock.set(START + dt.timedelta(hours=2))  # the retry time has passed; Slack is back
    await eventually(lambda: len(level_posts(app, card)) == 1, timeout=10)
    shown = text_of(level_posts(app, card)[0])
    assert "Level 2 (Second Level) is open" in shown and "Level 1, Level 2" in shown
    clock.set(START + dt.timedelta(hours=3))
    await eventually(lambda: len(level_posts(app, card)) == 2)
    levels = [m["text"].split(":")[1].split("(")[0].strip() for m in level_posts(app, card)]
    assert levels == ["Level 2", "Level 3"]


async def test_rate_limited_retry_after_is_honoured(app, clock):
    card = await report_outage(app)
    app.fake.fail_http("chat.postMessage", 429, times=1, retry_after=1)
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: level_posts(app, card), timeout=10)
    posts = [c for c in app.fake.calls if c.method == "chat.postMessage"][-2:]
    assert posts[0].status == 429 and posts[1].status == 200
    assert posts[1].at - posts[0].at >= 0.95  # waited for Retry-After: 1


async def test_timeouts_then_delivered(fake_slack, clock, db):
    app = await AppUnderTest(fake_slack, clock, db,
                             slack_timeout=0.5).start()
    try:
        card = await report_outage(app)
        fake_slack.hang("chat.postMessage", seconds=1.5, times=1)
        clock.set(START + dt.timedelta(hours=1))
        await eventually(lambda: any(c.method == "chat.postMessage" for c in fake_slack.calls[-3:]))
        started = time.monotonic()
        await app.settle(0.8)
        assert [r.state for r in app.store.levels.for_incident(1)][0] == "pending"
        clock.set(START + dt.timedelta(hours=1, minutes=1))  # past the backoff
        await eventually(lambda: app.store.levels.for_incident(1)[0].state == "posted",
                         timeout=10)
        assert time.monotonic() - started < 10
        assert any("Level 1 (First Level) is open" in text_of(m) for m in thread(app, card))
    finally:
        await app.stop()


async def test_a_broken_channel_never_delays_the_others(app, clock):
    app.fake.add_channel("C777", "voip-west")
    good = await report_outage(app)
    broken = await report_outage(app, channel="C777", **{"Post updates in": "C777"})
    app.fake.fail("chat.postMessage", "channel_not_found", channel="C777")
    clock.set(START + dt.timedelta(hours=1))
    await eventually(lambda: level_posts(app, good))
    await eventually(lambda: any(e.kind == "level_failed"
                                 for e in app.store.timeline.for_incident(2)))
    assert [m for m in app.fake.messages.get("C777", []) if " is open" in m.get("text", "")] == []
    assert broken in app.fake.messages["C777"]  # its card did go up before the channel broke
    dm = await eventually(lambda: [c for c in app.fake.calls_to("chat.postMessage")
                                   if str(c.get("channel", "")).startswith("D")])
    assert "Level 1 of INC-2 is open" in dm[-1]["text"] and "channel_not_found" in dm[-1]["text"]
    failed = [e.text for e in app.store.timeline.for_incident(2) if e.kind == "level_failed"]
    assert failed == ["Level 1 opened but could not be posted (channel_not_found)"]


async def test_two_loops_on_one_database_never_post_a_level_twice(fake_slack, clock, db):
    one = await AppUnderTest(fake_slack, clock, db).start()
    two = await AppUnderTest(fake_slack, clock, db).start()
    try:
        cards = [await report_outage(one) for _ in range(3)]
        for hours in (1, 2, 3, 4):
            clock.set(START + dt.timedelta(hours=hours))
            # Three posts and three card updates at Slack's pace in one channel.
            await eventually(lambda h=hours: all(len(level_posts(one, c)) >= h for c in cards),
                             timeout=10)
        await one.settle(0.5)
        for card in cards:
            assert len(level_posts(one, card)) == 4
        owners = {r.message_ts for i in (1, 2, 3) for r in one.store.levels.for_incident(i)}
        assert len(owners) == 12
    finally:
        await one.stop()
        await two.stop()
