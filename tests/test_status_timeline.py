"""Issue 8, point 12: `/bvoip status` on a long timeline shows the NEWEST entries, cuts only
between entries (never inside a `<!date^…>` token) and says how many earlier ones are hidden."""

from __future__ import annotations

import re

from tests.flows import card_now, eventually, press, report_outage, text_of

DATE = re.compile(r"<!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^<>]+>")


async def test_status_of_a_long_timeline_shows_the_newest_entries_whole(app):
    card = await report_outage(app)
    for n in range(1, 26):
        note = f"update {n:02d}: " + "the carrier is still testing the circuit " * 6
        await press(app, card_now(app, card), "Progress update", {"What has changed": note})
        await eventually(lambda n=n: f"update {n:02d}:" in text_of(card_now(app, card)))
    total = len(app.store.timeline.for_incident(1))
    reply = await app.command("status INC-1")
    assert reply.status == 200
    section = reply.json["blocks"][-1]["text"]["text"]
    assert len(section) <= 3000
    heading, note, *lines = section.split("\n")
    assert heading == "*Timeline*"
    hidden = int(re.fullmatch(r"_(\d+) earlier entries not shown_", note)[1])
    assert hidden + len(lines) == total and hidden > 0
    assert "update 25:" in lines[-1]  # the newest is there, last
    shown = [int(m) for m in re.findall(r"update (\d\d):", "\n".join(lines))]
    assert shown == list(range(26 - len(shown), 26))  # newest ones, none skipped
    for line in lines:  # every entry whole: its date token intact, its text not cut
        assert DATE.match(line), line
        assert line.endswith("testing the circuit") or "update" not in line
    app.fake.assert_nothing_rejected()


async def test_status_of_a_short_timeline_hides_nothing(app):
    await report_outage(app)
    reply = await app.command("status INC-1")
    section = reply.json["blocks"][-1]["text"]["text"]
    assert "not shown" not in section
    assert section.count("<!date^") == len(app.store.timeline.for_incident(1))
