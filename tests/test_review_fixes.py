"""Found on review: an "I called" click that names no level is refused, not guessed as
Level 1; and a command in a channel with nothing waiting takes no write lock."""

from __future__ import annotations

import sqlite3

import pytest

from tests.fakeslack.payloads import block_actions
from tests.flows import eventually, report_outage


async def test_a_called_click_without_a_level_is_refused_and_says_why(app, fake_slack):
    await report_outage(app)
    opened = len(fake_slack.calls_to("views.open"))
    reply = await app.interact(block_actions("called_level", '{"incident": 1}',
                                             channel_id="C123"))
    assert reply.status == 200
    await eventually(lambda: fake_slack.calls_to("chat.postEphemeral"))
    [told] = fake_slack.calls_to("chat.postEphemeral")
    assert "cannot find" in told["text"] and told["user"] == "U123"
    assert len(fake_slack.calls_to("views.open")) == opened  # no form, no guessed level


@pytest.mark.sqlite_only
async def test_commands_where_nothing_waits_need_no_write_lock(app, fake_slack):
    """Another process holds the write lock: commands in a channel with nothing waiting
    still answer in their ack, because nothing after them queues a write on the store."""
    await report_outage(app)  # its card is posted: nothing waits in C123
    await app.settle(0.2)
    other = sqlite3.connect(str(app.db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        for _ in range(3):
            assert (await app.command("help")).status == 200
            await app.settle(0.05)
        listed = await app.command("list")
        assert listed.status == 200 and "INC-1" in listed.text, listed.text
        assert "Looking that up" not in listed.text
    finally:
        other.execute("ROLLBACK")
        other.close()
