"""GET /metrics on the real app: each counter moves as a person's actions (and Slack's
failures, and a dead replica's claims) happen, read back with Prometheus's own parser."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import subprocess

import aiohttp

from storage import Store
from tests.fakeslack.payloads import form_body, slash_command
from tests.flows import card_now, eventually, press, report_outage, text_of, thread
from tests.harness import START, AppUnderTest
from tests.scrape import Scrape, scrape


async def counted(app, name: str, **labels: str) -> Scrape:
    """A scrape once `name{labels}` counts something: a level post is counted just after it
    is recorded, which is just after Slack has it."""
    for _ in range(200):
        seen = await scrape(app)
        if seen(name, **labels):
            break
        await asyncio.sleep(0.025)
    return seen


def level_posts(app, card) -> list[dict]:
    return [m for m in thread(app, card) if " is open" in (m.get("text") or "")]


async def test_a_command_is_counted_and_timed_to_its_ack(app):
    before = await scrape(app)
    assert before("bvoip_slack_requests_total", kind="command") == 0
    assert {"bvoip_slack_requests", "bvoip_slack_acks", "bvoip_slack_ack_seconds",
            "bvoip_level_posts", "bvoip_level_lateness_seconds", "bvoip_slack_api_errors",
            "bvoip_open_incidents", "bvoip_claims_taken_over"} <= before.families

    reply = await app.command("help")
    assert reply.status == 200 and "/bvoip report" in reply.text
    after = await scrape(app)
    assert after("bvoip_slack_requests_total", kind="command") == 1
    assert after("bvoip_slack_acks_total", kind="command") == 1
    assert after("bvoip_slack_ack_seconds_count", kind="command") == 1
    assert 0 < after("bvoip_slack_ack_seconds_sum", kind="command") < 3
    assert after("bvoip_slack_ack_seconds_bucket", kind="command", le="3.0") == 1


async def test_a_request_slack_did_not_sign_is_counted_but_not_acknowledged(app):
    reply = await app.post(form_body(slash_command("help")), sign=False)
    assert reply.status == 401
    seen = await scrape(app)
    assert seen("bvoip_slack_requests_total", kind="command") == 1
    assert seen("bvoip_slack_acks_total", kind="command") == 0
    assert seen("bvoip_slack_ack_seconds_count", kind="command") == 0


async def test_a_report_counts_its_requests_and_the_ack_stops_the_clock_before_the_card(app):
    app.fake.hang("chat.postMessage", 1.5)  # the card's post, after the ack, is slow
    card = await report_outage(app)
    assert "Severity 1" in text_of(card)
    seen = await scrape(app)
    assert seen("bvoip_slack_requests_total", kind="command") == 1  # /bvoip report
    assert seen("bvoip_slack_acks_total", kind="view_submission") == 1
    # Timed to Bolt's ack, not to the end of the listener (which waited 1.5 s on the card).
    assert seen("bvoip_slack_ack_seconds_bucket", kind="view_submission", le="1.0") == 1
    assert seen("bvoip_open_incidents", severity=1) == 1
    assert seen("bvoip_open_incidents", severity=2) == 0

    reply = await app.event({"type": "member_joined_channel", "user": "U999",
                             "channel": "C123", "event_ts": "1.0"})
    assert reply.status == 200
    await press(app, card_now(app, card), "Resolve", {"What fixed it": "AT&T replaced a card"})
    await eventually(lambda: any("resolved" in (m.get("text") or "").lower()
                                 for m in thread(app, card)))
    seen = await scrape(app)
    assert seen("bvoip_slack_acks_total", kind="event") == 1
    assert seen("bvoip_slack_acks_total", kind="action") == 1  # the Resolve button
    assert seen("bvoip_slack_acks_total", kind="view_submission") == 2
    assert seen("bvoip_open_incidents", severity=1) == 0


async def test_a_slack_refusal_is_counted_by_method_and_error(app):
    app.fake.fail("chat.postMessage", "not_in_channel", channel="C123")
    view = await app.open_report("the Tampa office is hard down")
    await app.submit(view)
    dm = await eventually(lambda: [m for c, ms in app.fake.messages.items() if c != "C123"
                                   for m in ms if "could not post its card" in m["text"]])
    assert "/invite @bvoip" in dm[0]["text"]  # the reporter is told what to fix
    seen = await scrape(app)
    assert seen("bvoip_slack_api_errors_total", method="chat.postMessage",
                error="not_in_channel") == 1
    assert seen("bvoip_slack_api_errors_total", method="chat.update",
                error="not_in_channel") == 0


async def test_levels_posted_on_time_and_late_with_their_lateness(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    card = await report_outage(first)
    await first.stop()  # down from 10:00 until 13:30: levels 1-3 go out late, together
    clock.set(START + dt.timedelta(hours=3, minutes=30))
    second = await AppUnderTest(fake_slack, clock, db).start()
    try:
        posts = await eventually(lambda: level_posts(second, card))
        assert "This reminder is 30 min late" in text_of(posts[0])
        seen = await counted(second, "bvoip_level_posts_total", timing="late")
        assert seen("bvoip_level_posts_total", timing="late") == 1
        assert seen("bvoip_level_posts_total", timing="on_time") == 0
        assert seen("bvoip_level_lateness_seconds_sum") == 30 * 60
        assert seen("bvoip_level_lateness_seconds_bucket", le="1800.0") == 1
        assert seen("bvoip_level_lateness_seconds_bucket", le="600.0") == 0

        clock.set(START + dt.timedelta(hours=4))
        await eventually(lambda: len(level_posts(second, card)) == 2)
        assert "reminder is" not in text_of(level_posts(second, card)[1])
        seen = await counted(second, "bvoip_level_posts_total", timing="on_time")
        assert seen("bvoip_level_posts_total", timing="on_time") == 1
        assert seen("bvoip_level_lateness_seconds_count") == 2
        assert seen("bvoip_level_lateness_seconds_bucket", le="1.0") == 1
    finally:
        await second.stop()


async def test_a_level_whose_holder_died_on_another_host_is_taken_over_at_lease_end(app, clock):
    card = await report_outage(app)
    ghost = "other-host:4242:0badf00d"  # a replica elsewhere that claimed Level 1, then died
    opens = START + dt.timedelta(hours=1)
    assert [d.level for d in app.store.levels.claim_due(opens, ghost,
                                                        dt.timedelta(seconds=60))] == [1]
    clock.set(opens + dt.timedelta(seconds=30))  # its lease still runs: nobody posts
    await app.settle(0.3)
    assert level_posts(app, card) == []
    assert (await scrape(app))("bvoip_claims_taken_over_total") == 0

    clock.set(opens + dt.timedelta(minutes=3))
    posts = await eventually(lambda: level_posts(app, card))
    assert "Level 1 (First Level) is open" in text_of(posts[0])
    assert "This reminder is 3 min late" in text_of(posts[0])
    seen = await scrape(app)
    assert seen("bvoip_claims_taken_over_total") == 1
    assert seen("bvoip_level_posts_total", timing="late") == 1

    clock.set(START + dt.timedelta(hours=2))  # Level 2 was never claimed by anyone else
    await eventually(lambda: len(level_posts(app, card)) == 2)
    assert (await scrape(app))("bvoip_claims_taken_over_total") == 1


async def test_claims_of_a_dead_process_on_this_host_are_freed_at_start(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    card = await report_outage(first)
    await first.stop()
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = f"{socket.gethostname()}:{gone.pid}:deadbeef"
    seeded = Store(db)
    try:
        seeded.levels.claim_due(START + dt.timedelta(hours=1), dead, dt.timedelta(hours=1))
    finally:
        seeded.close()
    second = await AppUnderTest(fake_slack, clock, db).start()
    try:
        assert (await scrape(second))("bvoip_claims_taken_over_total") == 1
        clock.set(START + dt.timedelta(hours=1))  # not its lease's end: Level 1 goes on time
        posts = await eventually(lambda: level_posts(second, card))
        assert "reminder is" not in text_of(posts[0])
        seen = await counted(second, "bvoip_level_posts_total", timing="on_time")
        assert seen("bvoip_claims_taken_over_total") == 1
        assert seen("bvoip_level_posts_total", timing="on_time") == 1
    finally:
        await second.stop()


async def test_two_apps_in_one_process_keep_their_own_counts(fake_slack, clock, tmp_path):
    one = await AppUnderTest(fake_slack, clock, tmp_path / "a.db").start()
    two = await AppUnderTest(fake_slack, clock, tmp_path / "b.db").start()
    try:
        await one.command("help")
        assert (await scrape(one))("bvoip_slack_acks_total", kind="command") == 1
        assert (await scrape(two))("bvoip_slack_acks_total", kind="command") == 0
    finally:
        await one.stop()
        await two.stop()


async def test_socket_mode_serves_metrics_and_healthz_beside_the_connection(socket_app):
    ack = await socket_app.command("help")
    assert "/bvoip report" in str(ack["payload"])
    seen = await scrape(socket_app)
    assert seen("bvoip_slack_requests_total", kind="command") == 1
    assert seen("bvoip_slack_acks_total", kind="command") == 1
    assert seen("bvoip_slack_ack_seconds_count", kind="command") == 1
    health = await socket_app.get("/healthz")
    assert health.status == 200 and health.json["mode"] == "socket"



async def test_a_scraper_asking_for_openmetrics_gets_it(app):
    await app.command("help")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{app.url}/metrics") as plain:
            assert plain.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        async with session.get(f"{app.url}/metrics", headers={
                "Accept": "application/openmetrics-text; version=1.0.0"}) as open_metrics:
            assert open_metrics.headers["Content-Type"].startswith("application/openmetrics-text")
            body = await open_metrics.text()
    assert 'bvoip_slack_acks_total{kind="command"} 1.0' in body
    assert body.endswith("# EOF\n")
