"""The outage record and the scorecard through the real app against the fake Slack: the
resolve form, the record in the card's thread (summary, PNG, PDF, CSV), an upload that
fails, `/bvoip stats` with each period form and a site, Post in channel, and App Home."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdf
from PIL import Image

from bot.records import build_record
from tests.fakeslack.payloads import block_actions, submit_modal
from tests.flows import card_now, eventually, press, report_outage, text_of, thread
from tests.harness import START


async def _resolve(app, clock, card, answers, after=dt.timedelta(hours=2, minutes=30)):
    clock.set(START + after)
    await press(app, card_now(app, card), "Resolve", answers)


async def test_a_resolved_outage_gets_its_record_and_three_readable_files(app, clock):
    card = await report_outage(app)
    restored = START + dt.timedelta(hours=2, minutes=10)
    # Levels 1 and 2 opened before the resolve: their posts are recorded first, so the
    # timeline ends with the resolve (a post still in flight would be recorded after it).
    clock.set(START + dt.timedelta(hours=2, minutes=30))
    await eventually(lambda: [r.state for r in app.store.levels.for_incident(1)][:2]
                     == ["posted", "posted"], timeout=10)
    await _resolve(app, clock, card, {"When service was restored": int(restored.timestamp()),
                                      "What fixed it": "AT&T replaced the <edge> port"})
    files = await eventually(lambda: app.fake.shared_files(channel="C123",
                                                           thread_ts=card["ts"]))
    png, pdf, table = files
    summary = next(m for m in thread(app, card) if "Outage record" in text_of(m))
    shown = text_of(summary)
    assert "ABC12345" in shown and "*Highest level reached:* Level 2" in shown
    assert "*Duration:* 2 h 10 min" in shown
    assert "*What fixed it:* AT&amp;T replaced the &lt;edge&gt; port" in shown
    image = Image.open(io.BytesIO(png["content"]))
    image.load()
    assert image.format == "PNG"
    text = pypdf.PdfReader(io.BytesIO(pdf["content"])).pages[0].extract_text()
    assert "ABC12345" in text and "AT&T replaced the <edge> port" in text
    rows = list(csv.DictReader(io.StringIO(table["content"].decode())))
    assert rows[0]["kind"] == "reported" and rows[-1]["kind"] == "resolved"
    stored = app.store.incidents.get(1)
    assert stored.restored_at == restored and stored.fix == "AT&T replaced the <edge> port"
    app.fake.assert_nothing_rejected()


async def test_resolve_form_refuses_a_restoration_in_the_future_or_before_the_outage(app, clock):
    card = await report_outage(app)  # affected since: not given; reported to AT&T at START
    for when, said in ((START + dt.timedelta(hours=3), "in the future"),
                       (START - dt.timedelta(hours=1), "before the outage began")):
        reply = await _submit_resolve(app, clock, card, {
            "When service was restored": int(when.timestamp())})
        assert said in reply.json["errors"]["restored_at"]
    assert app.store.incidents.get(1).is_open
    assert not app.fake.shared_files()


async def _submit_resolve(app, clock, card, answers):
    clock.set(START + dt.timedelta(hours=1))
    message = card_now(app, card)
    button = next(el for b in message["blocks"] if b["type"] == "actions"
                  for el in b["elements"] if el["text"]["text"] == "Resolve")
    opened = len(app.fake.calls_to("views.open"))
    await app.interact(block_actions(button["action_id"], message=message))
    await app.fake.wait_for_form(opened + 1)
    return await app.interact(submit_modal(app.fake.latest_view(), answers))


async def test_an_upload_that_fails_still_resolves_and_posts_the_summary(app, clock):
    card = await report_outage(app)
    app.fake.fail("files.getUploadURLExternal", "missing_scope")
    await _resolve(app, clock, card, {"What fixed it": "SBC reset"}, dt.timedelta(minutes=30))
    warning = await eventually(lambda: next(
        (m for m in thread(app, card) if "could not be uploaded" in text_of(m)), None))
    assert "missing_scope" in text_of(warning)
    assert any("Outage record" in text_of(m) for m in thread(app, card))
    assert not app.fake.shared_files()
    assert not app.store.incidents.get(1).is_open
    kinds = [e.kind for e in app.store.timeline.for_incident(1)]
    assert kinds[-2:] == ["resolved", "record_failed"]
    status = await app.command("status INC-1")
    shown = text_of(status.json).replace("\u2060", "")  # word joiners keep _ from styling
    assert "could not be uploaded (missing_scope)" in shown


async def test_the_record_reads_calls_and_severity_changes_from_their_typed_details(app, clock):
    card = await report_outage(app)
    clock.set(START + dt.timedelta(hours=1))
    level = await eventually(lambda: next(
        (m for m in thread(app, card) if "is open" in text_of(m)), None))
    # Words that parsing the line "spoke with …; promised: …" could not tell apart
    await press(app, level, "I called Level 1",
                {"Name of the AT&T contact": "Pat; promised: nothing",
                 "What they promised": "a tech; next update expected never",
                 "Next update expected": int((START + dt.timedelta(hours=2)).timestamp())})
    await eventually(lambda: any("Called Level 1" in text_of(m) for m in thread(app, card)))
    await press(app, card_now(app, card), "Change severity",
                {"New severity": "Severity 2 (Medium)", "Why": "from Severity 1 to 2, one line"})
    await eventually(lambda: app.store.incidents.get(1).severity == 2)
    await _resolve(app, clock, card, {"What fixed it": "port reset"},
                   dt.timedelta(hours=1, minutes=20))
    await eventually(lambda: app.fake.shared_files(thread_ts=card["ts"]))
    summary = text_of(next(m for m in thread(app, card) if "Outage record" in text_of(m)))
    assert ("spoke with Pat; promised: nothing; promised: a tech; next update expected never; "
            "next update expected Tue Nov 24 12:00 CST") in summary
    assert "Severity 1 (High) → Severity 2 (Medium) by <@U123>" in summary
    history = app.store.records.one(1)
    call, = build_record(history.incident, history.timeline, history.levels).calls
    assert (call.spoke_with, call.promised, call.next_update) == (
        "Pat; promised: nothing", "a tech; next update expected never", "Tue Nov 24 12:00 CST")
