"""The reminder loop end to end: a moved clock, the real app, the fake Slack Web API."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.flows import card_now, eventually, press, report_outage, text_of, thread
from tests.harness import START

CHICAGO = ZoneInfo("America/Chicago")


async def _advance_to(app, clock, card, hours: float, expect_posts: int) -> list[dict]:
    clock.set(START + dt.timedelta(hours=hours))
    return await eventually(lambda: (lambda t: t if len(t) >= expect_posts else None)(
        thread(app, card)))


async def test_severity_1_ladder_posts_each_level_on_time_with_the_seeds_contacts(app, clock):
    card = await report_outage(app)
    assert "Severity 1" in text_of(card)
    clock.set(START + dt.timedelta(minutes=59))
    await app.settle(0.2)
    assert thread(app, card) == []  # nothing before the First Level opens

    posts = await _advance_to(app, clock, card, 1, 1)
    first = posts[0]
    assert first["reply_broadcast"] is True
    body = text_of(first)
    assert "Level 1 (First Level) is open" in body
    assert "Call (877) 288-8362, Prompt 1*" in body
    assert "no forward progress" in body
    assert "Tier 1 agents" in body
    assert "ticket open for 1 h 00 min" in body  # the script, filled in for that moment
    assert {"I called Level 1", "Progress update", "Resolve", "Change severity"} <= {
        el["text"]["text"] for b in first["blocks"] if b["type"] == "actions"
        for el in b["elements"]}

    posts = await _advance_to(app, clock, card, 2, 2)
    assert "ask to speak with the *Team Lead*" in text_of(posts[1])
    assert "Team Manager" in text_of(posts[1])
    posts = await _advance_to(app, clock, card, 3, 3)
    assert "Call (877) 288-8362, Prompt 1* — ask to speak with the *Area Manager*" in text_of(
        posts[2])
    posts = await _advance_to(app, clock, card, 4, 4)
    assert "Level 4 (Fourth Level)" in text_of(posts[3]) and "Director" in text_of(posts[3])
    clock.set(START + dt.timedelta(hours=9))
    await app.settle(0.2)
    assert len(thread(app, card)) == 4  # four levels, each once

    # The card follows: the level now open, and the update.
    shown = text_of(card_now(app, card))
    assert "*Fourth Level* open since" in shown
    app.fake.assert_nothing_rejected()
    entries = [e.text for e in app.store.timeline.for_incident(1)]
    assert sum("opened; posted" in e for e in entries) == 4


@pytest.mark.parametrize(
    ("reported_local", "why"),
    [
        (dt.datetime(2026, 11, 27, 15, 30), "Friday evening"),
        (dt.datetime(2026, 11, 28, 12, 30), "Saturday"),
        (dt.datetime(2026, 11, 26, 12, 30), "Thanksgiving"),
    ],
)
async def test_after_hours_level_3_uses_the_escalation_manager_line(app, clock,
                                                                    reported_local, why):
    reported = reported_local.replace(tzinfo=CHICAGO)
    clock.set(reported.astimezone(dt.UTC) + dt.timedelta(minutes=1))
    card = await report_outage(app, text="everyone at the branch cannot call out",
                               **{"When it was reported to AT&T": int(reported.timestamp())})
    clock.set(reported + dt.timedelta(hours=3))
    posts = await eventually(lambda: (lambda t: t if len(t) >= 1 else None)(thread(app, card)))
    level3 = text_of(posts[-1])
    assert "Level 3 (Third Level) is open" in level3, why
    assert "Call (877) 288-8362* — ask to speak with the *Escalation Manager*" in level3, why
    assert "after hours at the site" in level3
    if why == "Thanksgiving":
        assert "Thanksgiving Day" in level3


async def test_dst_change_between_report_and_level(app, clock):
    # Sat 31 Oct 2026 23:30 CDT, Severity 2: Level 2 after 4 elapsed hours is 02:30 CST.
    reported = dt.datetime(2026, 10, 31, 23, 30, tzinfo=CHICAGO)
    clock.set(reported.astimezone(dt.UTC) + dt.timedelta(minutes=1))
    card = await report_outage(app, text="my desk phone has one-way audio",
                               **{"Symptoms": ["One-way audio"], "Users affected": "One user",
                                  "When it was reported to AT&T": int(reported.timestamp())})
    assert "Severity 2" in text_of(card)
    clock.set(reported.astimezone(dt.UTC) + dt.timedelta(hours=3, minutes=59))
    await eventually(lambda: len(thread(app, card)) == 1)  # Level 1 at 2 h
    await app.settle(0.2)
    assert len(thread(app, card)) == 1
    clock.set(reported.astimezone(dt.UTC) + dt.timedelta(hours=4))
    posts = await eventually(lambda: (lambda t: t if len(t) == 2 else None)(thread(app, card)))
    epoch = int((reported.astimezone(dt.UTC) + dt.timedelta(hours=4)).timestamp())
    assert f"<!date^{epoch}^" in text_of(posts[1])
    assert (reported.astimezone(dt.UTC) + dt.timedelta(hours=4)).astimezone(CHICAGO).strftime(
        "%H:%M %Z") == "02:30 CST"


async def test_resolve_stops_every_pending_level(app, clock):
    card = await report_outage(app)
    await _advance_to(app, clock, card, 1, 1)
    await press(app, card_now(app, card), "Resolve", {"What fixed it": "AT&T reset the SBC"})
    closing = await eventually(lambda: next(
        (m for m in thread(app, card) if "resolved" in text_of(m)), None))
    assert "The outage lasted 1 h 00 min" in text_of(closing)
    assert "Highest escalation level reached: Level 1" in text_of(closing)
    assert "AT&amp;T reset the SBC" in text_of(closing)
    await eventually(lambda: app.fake.shared_files(thread_ts=card["ts"]))  # the record
    clock.set(START + dt.timedelta(hours=10))
    await app.settle(0.3)
    # Level 1, the closing line, the record's summary and its files: nothing after
    assert len(thread(app, card)) == 4
    final = card_now(app, card)
    assert "*Resolved*" in text_of(final)
    assert not any(b["type"] == "actions" for b in final["blocks"])
    assert [r.state for r in app.store.levels.for_incident(1)] == [
        "posted", "cancelled", "cancelled", "cancelled"]


async def test_resolve_before_any_level_from_the_card(app, clock):
    card = await report_outage(app)
    await press(app, card, "Resolve", {})
    await eventually(lambda: app.fake.shared_files(thread_ts=card["ts"]))  # the record
    clock.set(START + dt.timedelta(hours=5))
    await app.settle(0.3)
    assert len(thread(app, card)) == 3  # the closing line, the record and its files
    assert "none (resolved before Level 1)" in text_of(thread(app, card)[0])


async def test_change_of_severity_announces_levels_already_open_in_one_message(app, clock):
    card = await report_outage(app, text="calls sound robotic for a few users",
                               **{"Symptoms": ["Poor call quality (choppy, echo, static, robotic)"],
                                  "Users affected": "Several users"})
    assert "Severity 2" in text_of(card)
    clock.set(START + dt.timedelta(hours=2, minutes=30))
    await eventually(lambda: len(thread(app, card)) == 1)  # Sev 2 Level 1 at 2 h
    await press(app, card_now(app, card), "Change severity",
                {"New severity": "Severity 1 (High)", "Why": "now nobody can call"})
    announced = await eventually(lambda: next(
        (m for m in thread(app, card) if "Level 2 (Second Level) is open" in text_of(m)),
        None))
    assert "Open under the new severity" in text_of(announced)
    assert "reminder is" not in text_of(announced)  # on time: not called late
    await app.settle(0.2)
    level_posts = [m for m in thread(app, card) if "is open" in text_of(m)]
    assert len(level_posts) == 2  # Level 1 (before), Level 2 (at once): one message
    clock.set(START + dt.timedelta(hours=3))
    await eventually(lambda: any("Level 3 (Third Level) is open" in text_of(m)
                                 for m in thread(app, card)))
    incident = app.store.incidents.get(1)
    assert incident.severity == 1 and incident.severity_override_by == "U123"


async def test_first_ticket_starts_the_clock(app, clock):
    card = await report_outage(app, **{"AOTS ticket": ""})
    assert "Report to AT&amp;T now" in text_of(card) or "Report to AT&T now" in text_of(card)
    clock.set(START + dt.timedelta(hours=2))
    await app.settle(0.3)
    assert [m for m in thread(app, card) if "is open" in text_of(m)] == []
    await press(app, card_now(app, card), "Add ticket number", {"AOTS ticket": "ATT-98765"})
    await eventually(lambda: app.store.incidents.get(1).reported_at is not None)
    assert app.store.incidents.get(1).reported_at == START + dt.timedelta(hours=2)
    clock.set(START + dt.timedelta(hours=3))
    post = await eventually(lambda: next(
        (m for m in thread(app, card) if "is open" in text_of(m)), None))
    assert "Level 1 (First Level)" in text_of(post)
    assert "ATT-98765" in text_of(card_now(app, card))


async def test_call_log_and_progress_update_reach_thread_card_and_status(app, clock):
    card = await report_outage(app)
    posts = await _advance_to(app, clock, card, 1, 1)
    await press(app, posts[0], "I called Level 1",
                {"Name of the AT&T contact": "Pat <Tier 1>", "What they promised": "a tech by 2pm"})
    await eventually(lambda: any("Called Level 1" in text_of(m) for m in thread(app, card)))
    await press(app, card_now(app, card), "Progress update", {"What has changed": "dial tone back"})
    await eventually(lambda: "dial tone back" in text_of(card_now(app, card)))
    note = next(m for m in thread(app, card) if "Called Level 1" in text_of(m))
    assert "Pat &lt;Tier 1&gt;" in text_of(note)
    status = await app.command("status INC-1")
    assert "Called Level 1" in status.text and "dial tone back" in status.text


async def test_home_tab_lists_open_incidents_with_a_report_button(app, clock):
    await report_outage(app)
    await app.event({"type": "app_home_opened", "user": "U123", "tab": "home",
                     "channel": "D123", "event_ts": "1.0"})
    await app.fake.wait_for("views.publish")
    home = app.fake.calls_to("views.publish")[-1]["view"]
    shown = "\n".join(text_of({"blocks": [b]}) for b in home["blocks"])
    assert "INC-1" in shown and "Severity 1" in shown and "Tampa branch" in shown
    assert "Report an outage" in shown


async def test_each_report_is_announced_on_time_whether_or_not_it_wakes_the_sleeping_loop(
        app, clock):
    """The loop sleeps until the first level due; a report whose level opens sooner wakes
    it, one whose level opens later leaves it asleep, and both are posted on time."""
    def reported(minutes: int) -> dict:
        return {"When it was reported to AT&T": int(
            (START + dt.timedelta(minutes=minutes)).timestamp())}

    late = await report_outage(app, **reported(0))  # Level 1 at +60 min
    soon = await report_outage(app, "the Miami branch is down", **reported(-50))  # +10 min
    middle = await report_outage(app, "the Orlando site is down", **reported(-20))  # +40 min
    cards = {"late": late, "soon": soon, "middle": middle}

    def posted() -> set[str]:
        return {name for name, card in cards.items() if thread(app, card)}

    for minutes, expected in ((9, set()), (10, {"soon"}), (39, {"soon"}),
                              (40, {"soon", "middle"}), (60, {"soon", "middle", "late"})):
        clock.set(START + dt.timedelta(minutes=minutes))
        if expected != posted():
            await eventually(lambda e=expected: posted() == e)
        await app.settle(0.2)
        assert posted() == expected, minutes
