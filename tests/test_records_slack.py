"""The outage record and the scorecard through the real app against the fake Slack: the
resolve form, the record in the card's thread (summary, PNG, PDF, CSV), an upload that
fails, `/bvoip stats` with each period form and a site, Post in channel, and App Home."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdf
from PIL import Image

from tests.flows import card_now, eventually, press, report_outage, text_of, thread
from tests.harness import START


async def _resolve(app, clock, card, answers):
    clock.set(START + dt.timedelta(hours=2, minutes=30))
    await press(app, card_now(app, card), "Resolve", answers)


async def test_a_resolved_outage_gets_its_record_and_three_readable_files(app, clock):
    card = await report_outage(app)
    restored = START + dt.timedelta(hours=2, minutes=10)
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
