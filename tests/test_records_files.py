"""The outage record of a resolved outage read back from SQLite: its summary, its three files
(PNG, PDF, CSV) shared into the card's thread of the fake Slack, and the scorecard answer."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdf
import pytest
from PIL import Image
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.records import home_records_blocks, outage_summary_blocks, stats_blocks
from bot.blocks.text import escape
from bot.ids import Action, StatsRef
from bot.incident import NewIncident
from bot.records import (
    build_record,
    export_row,
    parse_call,
    record_files,
    scorecard,
    scorecard_chart_png,
)
from bot.records.example import example_record
from bot.severity import Scope, Severity, Symptom
from storage import Store
from tests.fakeslack import FakeSlack, validate_blocks
from tests.records_history import add_entry, seed_history

T0 = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
HOSTILE_SITE = "<!channel> *Tampa* & <https://evil.example|click>"


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def seed_resolved(store: Store) -> int:
    """A Severity 2 outage raised to 1, Level 2 reached, a call logged, restored at +150."""
    incident, _ = store.incidents.create(NewIncident(
        team_id="T1", channel_id="C123", reporter_id="U123", submission_key="V1",
        business_name="Acme & Sons", location=HOSTILE_SITE, reporter_name="Dana",
        callback_phone="+18135550142", tickets=[], reported_at=None, affected_since=at(-30),
        symptoms=[Symptom.LATENCY], scope=Scope.SEVERAL_USERS,
        classified_severity=Severity.MEDIUM, severity=Severity.MEDIUM,
        severity_reasons=["r"], description="calls choppy", action_requested="Fix",
        timezone="America/Chicago", created_at=at(-10)))
    n = incident.id
    add_entry(store, n, at(-10), "reported", "Reported: Severity 2 (Medium)", actor="U123")
    store.incidents.set_tickets(n, ["AOTS 000777123"], T0)
    add_entry(store, n, T0, "ticket_added", "AOTS ticket AOTS 000777123 added", actor="U123")
    store.incidents.set_severity(n, Severity.HIGH, "U9", ["r"])
    add_entry(store, n, at(20), "severity_changed", "Severity changed from Severity 2 "
                       "(Medium) to Severity 1 (High): whole site now", actor="U9")
    store.levels.schedule(n, {lv: at(60 * lv) for lv in (1, 2, 3, 4)}, at(20))
    add_entry(store, n, at(70), "called", "Called Level 1: spoke with Maria <@U0BOSS>; "
                       "promised: tech by *noon*; next update expected Tue Nov 24 12:00 CST",
                       actor="U123")
    add_entry(store, n, at(90), "progress", "tech on site", actor="U123")
    store.incidents.resolve(n, at(155), "router port")
    store.levels.cancel_pending(n)
    store.incidents.set_restoration(n, at(150), "AT&T swapped the router port")
    return n


@pytest.fixture
def record(db):
    store = Store(db)
    n = seed_resolved(store)
    history = store.records.one(n)
    store.close()
    assert history is not None
    return build_record(history.incident, history.timeline, history.levels)


def test_the_record_reads_the_outage_back(record):
    assert (record.number, record.site, record.severity) == ("INC-1", HOSTILE_SITE, 1)
    assert [(c.before, c.after, c.by) for c in record.severity_changes] == [(2, 1, "U9")]
    assert [(lv.level, lv.opened_at) for lv in record.levels] == [(1, at(60)), (2, at(120))]
    assert record.restored_at == at(150) and record.fix == "AT&T swapped the router port"
    assert record.duration == dt.timedelta(minutes=180) and record.minutes_to_restore == 150
    call = record.calls[0]
    assert (call.level, call.spoke_with, call.promised, call.next_update) == (
        1, "Maria <@U0BOSS>", "tech by *noon*", "Tue Nov 24 12:00 CST")
    row = export_row(record)
    assert (row.highest_level, row.levels_opened, row.calls_logged, row.status) == (
        2, 2, 1, "resolved")
    assert row.restored_at == "2026-11-24T11:30:00-06:00"


def test_a_call_entry_that_does_not_follow_the_format_is_kept_whole(record):
    odd = record.timeline[0].model_copy(update={"kind": "called", "text": "rang AT&T"})
    assert parse_call(odd).promised == "rang AT&T" and parse_call(odd).level is None


def test_summary_blocks_are_valid_and_show_typed_text_as_typed(record):
    blocks = outage_summary_blocks(record)
    assert validate_blocks(blocks, surface="message") == []
    shown = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert escape("<!channel> *Tampa* & <https://evil.example|click>") in shown
    assert "<!channel>" not in shown and "<https://evil" not in shown
    assert "Maria &lt;@U0BOSS&gt;" in shown and "<@U0BOSS>" not in shown
    assert "AOTS 000777123" in shown and "*Highest level reached:* Level 2" in shown
    assert "Severity 2 (Medium) → Severity 1 (High) by <@U9>" in shown
    assert "*What fixed it:* AT&amp;T swapped the router port" in shown


async def test_three_files_land_in_the_cards_thread_and_are_readable(record):
    async with FakeSlack() as fake:
        fake.add_channel("C123", "voip")
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)
        card = await client.chat_postMessage(channel="C123", text="INC-1 card")
        await client.files_upload_v2(file_uploads=record_files(record), channel="C123",
                                     thread_ts=card["ts"])
        png, pdf, table = fake.shared_files(channel="C123", thread_ts=card["ts"])
        fake.assert_nothing_rejected()
    image = Image.open(io.BytesIO(png["content"]))
    image.load()
    assert image.format == "PNG" and image.width > 600
    reader = pypdf.PdfReader(io.BytesIO(pdf["content"]))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "AOTS 000777123" in text and "Outage record INC-1" in text
    assert "Level 2 opened" in text and "Maria <@U0BOSS>" in text
    rows = list(csv.DictReader(io.StringIO(table["content"].decode())))
    assert [r["kind"] for r in rows] == ["reported", "ticket_added", "severity_changed",
                                         "called", "progress"]
    assert rows[3]["at"] == "2026-11-24T10:10:00-06:00" and rows[3]["by"] == "U123"
    assert [f["filename"] for f in (png, pdf, table)] == [
        "inc-1-chart.png", "inc-1-record.pdf", "inc-1-timeline.csv"]


def test_a_long_timeline_still_makes_one_page(record):
    entry = record.timeline[-1]
    long = record.model_copy(update={"timeline": [entry] * 200})
    pdf = next(f for f in record_files(long) if f["filename"].endswith(".pdf"))["content"]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "more entries: see the timeline CSV" in reader.pages[0].extract_text()


def test_the_example_record_draws(tmp_path):
    record = example_record()
    assert record.highest_level == 3 and len(record.calls) == 2
    png = record_files(record)[0]["content"]
    assert Image.open(io.BytesIO(png)).format == "PNG"


def test_scorecard_answer_chart_and_home(db):
    store = Store(db)
    plans = seed_history(store, count=60, open_count=5)
    rows = [export_row(build_record(h.incident, h.timeline, h.levels))
            for h in store.records.history()]
    store.close()
    card = scorecard(rows)
    ref = StatsRef(since=0, until=1.8e9, label="last 90 days", site=None)
    blocks = stats_blocks(card, ref)
    assert validate_blocks(blocks, surface="message") == []
    button = blocks[-1]["elements"][0]
    assert button["action_id"] == Action.POST_STATS and StatsRef.load(button["value"]) == ref
    shown = blocks[0]["text"]["text"] + blocks[1]["text"]["text"]
    assert f"*Outages:* {len(plans)} " in shown and "*still open:* 5" in shown
    assert "Dallas &lt;warehouse&gt; &amp; Co" in shown
    assert all(b["type"] != "actions" for b in stats_blocks(card, ref, shareable=False))
    assert validate_blocks(home_records_blocks(card), surface="home") == []
    chart = Image.open(io.BytesIO(scorecard_chart_png(rows, "last 90 days")))
    assert chart.format == "PNG" and chart.height > chart.width / 2
