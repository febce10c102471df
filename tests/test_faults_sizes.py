"""Issue 8, point 3: every post is sized to Slack's limits. Each text field filled to its limit
with characters that grow when escaped, then the card, a level post naming every level,
the follow-ups and /bvoip status: Slack (the fake validates as Slack does) refuses none."""

from __future__ import annotations

import datetime as dt

from tests.fakeslack.payloads import block_actions, submit_modal
from tests.fakeslack.validate import validate_message
from tests.flows import card_now, eventually, text_of, thread
from tests.harness import START, AppUnderTest

GROWS = "&<>*_~`"  # each becomes up to 5 characters (and marker guards) when escaped
VALID = {"Callback phone": "+1 813 555 0142", "AOTS ticket number(s)": "ABC12345",
         "Your email": "dana@example.com"}


def longest(view: dict, keep: dict) -> dict:
    """Every free-text input of a modal at its max_length, of text that grows when escaped."""
    answers = {}
    for block in view["blocks"]:
        element = block.get("element") or {}
        label = (block.get("label") or {}).get("text")
        if block.get("type") != "input" or element.get("type") != "plain_text_input":
            continue
        if label in VALID:
            answers[label] = VALID[label]
        elif label not in keep:
            size = element.get("max_length") or 3000
            answers[label] = (GROWS * size)[:size]
    return {**answers, **keep}


async def test_the_longest_posts_are_within_slacks_limits(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    view = await first.open_report("x")
    answers = longest(view, {"Symptoms": ["Entire site down"], "Users affected":
                             "The entire site",
                             "When it was reported to AT&T": int(START.timestamp())})
    reply = await first.submit(view, answers)
    assert reply.text == "", reply.text
    await eventually(lambda: first.incident_rows() and first.incident_rows()[0]["card_ts"])
    card = fake_slack.messages["C123"][0]
    await first.stop()
    clock.set(START + dt.timedelta(hours=5))  # every level opens in one, late, message
    app = await AppUnderTest(fake_slack, clock, db).start()
    try:
        posts = await eventually(lambda: [m for m in thread(app, card)
                                          if " is open" in (m.get("text") or "")])
        assert "Level 4 (Fourth Level) is open" in text_of(posts[0])
        await press_longest(app, posts[0], "I called Level 4")
        await eventually(lambda: any("Called Level 4" in text_of(m) for m in thread(app, card)))
        await press_longest(app, card_now(app, card), "Progress update")
        await app.settle(0.3)
        status = await app.command("status INC-1")
        assert status.status == 200 and validate_message(status.json) is None
        assert "*Fourth Level* open since" in status.text
        assert "earlier entries not shown" in status.text
        await press_longest(app, card_now(app, card), "Resolve")
        await eventually(lambda: not app.store.incidents.get(1).is_open)
        await app.settle(0.3)
        fake_slack.assert_nothing_rejected()
        for call in fake_slack.calls:
            assert (call.response or {}).get("error") not in ("msg_too_long", "invalid_blocks")
        [stored] = app.incident_rows()
        assert stored["description"] == answers["Trouble description"]  # stored whole
    finally:
        await app.stop()


async def press_longest(app, message: dict, button_text: str, keep: dict | None = None,
                        channel: str = "C123") -> None:
    """Press a button and submit its modal with every free-text input at its limit."""
    button = next(el for block in message.get("blocks") or [] if block["type"] == "actions"
                  for el in block["elements"] if el["text"]["text"] == button_text)
    opens = len(app.fake.calls_to("views.open"))
    await app.interact(block_actions(button["action_id"], message=message, channel_id=channel))
    await app.fake.wait_for("views.open", opens + 1)
    view = app.fake.latest_view()
    reply = await app.interact(submit_modal(view, longest(view, keep or {})))
    assert reply.status == 200 and "errors" not in reply.text, reply.text
