"""Drill: user text that tries to ping, link or inject SQL ends up inert in every message and
view the app sends, and intact in the database."""

import datetime as dt
import json
import re

from tests.databases import rows
from tests.flows import card_now, eventually, press, report_outage, thread
from tests.harness import START

HOSTILE = "<!channel> <!here> <@U0EVIL> <https://evil.example|bank> '; DROP TABLE incidents;--"
# What must never reach Slack unescaped: a mention, a special mention or a forged link.
LIVE = re.compile(r"<(?:!channel|!here|@U0EVIL|https://evil)")


def _parsed_texts(node, found: list[str]) -> list[str]:
    """Texts Slack parses for mentions and links: mrkdwn objects and a message's `text`.
    (plain_text objects, such as headers and labels, are never parsed: inert as typed.)"""
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
            found.append(node["text"])
        for value in node.values():
            _parsed_texts(value, found)
    elif isinstance(node, list):
        for value in node:
            _parsed_texts(value, found)
    return found


def _everything_sent(fake) -> list[str]:
    """Every parsed text the app sent to Slack."""
    methods = {"chat.postMessage", "chat.update", "chat.postEphemeral", "views.open",
               "views.update", "views.publish"}
    texts: list[str] = []
    for call in fake.calls:
        if call.method in methods:
            texts += [call.args.get("text") or ""] + _parsed_texts(call.args, [])
    return texts


async def test_hostile_text_is_inert_everywhere_and_stored_intact(app, clock):
    card = await report_outage(app, text=HOSTILE, **{
        "Business name": HOSTILE[:150], "Site / location": HOSTILE[:150],
        "Your name": HOSTILE[:100], "Trouble description": HOSTILE,
        "Action or resolution requested": HOSTILE, "AOTS ticket": "ABC-12345"})
    clock.set(START + dt.timedelta(hours=1))
    posts = await eventually(lambda: thread(app, card))
    await press(app, posts[0], "I called Level 1",
                {"Name of the AT&T contact": HOSTILE[:150], "What they promised": HOSTILE})
    await press(app, card_now(app, card), "Progress update", {"What has changed": HOSTILE})
    await eventually(lambda: len(thread(app, card)) >= 3)
    for command in ("list", "status INC-1", f"status {HOSTILE}", HOSTILE):
        reply = await app.command(command)
        assert reply.status == 200
        shown = [reply.json.get("text") or ""] + _parsed_texts(reply.json, []) if (
            reply.text.startswith("{")) else [reply.text]
        for text in shown:
            assert not LIVE.search(text), (command, text[:500])
    await app.event({"type": "app_home_opened", "user": "U123", "tab": "home",
                     "channel": "D1", "event_ts": "1.0"})
    await app.fake.wait_for("views.publish")
    await press(app, card_now(app, card), "Resolve", {"What fixed it": HOSTILE})
    await eventually(lambda: any("resolved" in (m.get("text") or "") or "resolved" in
                                 json.dumps(m.get("blocks")) for m in thread(app, card)))

    sent = _everything_sent(app.fake)
    assert len(sent) > 10
    for text in sent:
        assert not LIVE.search(text), text[:800]
    assert any("&lt;!channel&gt;" in text for text in sent)  # shown, literally
    app.fake.assert_nothing_rejected()

    row = rows(app.db_path, "SELECT description, business_name, resolution FROM incidents")[0]
    assert tuple(row.values()) == (HOSTILE, HOSTILE[:150], HOSTILE)
    notes = [r["text"] for r in rows(app.db_path, "SELECT text FROM timeline WHERE kind IN "
                                     "('progress', 'called') ORDER BY id")]
    assert HOSTILE in notes[1] and HOSTILE in notes[0]
    assert len(rows(app.db_path, "SELECT id FROM incidents")) == 1
