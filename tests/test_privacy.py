"""Issue 8, point 9: an outage is shown in its own channel or to that channel's members only;
App Home lists a person's channels' outages only; a payload with no team or another team is
shown nothing and changes nothing."""

from __future__ import annotations

import pytest

from tests.databases import rows as database_rows
from tests.fakeslack.payloads import block_actions, form_body, slash_command
from tests.flows import eventually, report_outage, text_of

PRIVATE = "C900"


@pytest.fixture
async def private_incident(app):
    """INC-1, reported in a private channel only Dana (U123) belongs to."""
    app.fake.add_user("U777", real_name="Eve Outsider")
    app.fake.add_channel(PRIVATE, "voip-exec", is_private=True, members=["U123", "UBOT"])
    card = await report_outage(app, channel=PRIVATE, **{"Post updates in": PRIVATE})
    return card


def rows(db_path) -> tuple:
    return tuple(database_rows(db_path, f"SELECT * FROM {table} ORDER BY 1, 2")
                 for table in ("incidents", "levels", "timeline"))


async def status(app, **kw) -> str:
    reply = await app.command("status INC-1", **kw)
    assert reply.status == 200, reply
    return reply.text


async def home_for(app, user: str) -> str:
    published = len(app.fake.calls_to("views.publish"))
    await app.event({"type": "app_home_opened", "user": user, "tab": "home",
                     "channel": "D1", "event_ts": "1.0"})
    await app.fake.wait_for("views.publish", published + 1)
    view = app.fake.calls_to("views.publish")[-1]["view"]
    return "\n".join(text_of({"blocks": [b]}) for b in view["blocks"])


async def test_status_from_another_channel_by_a_non_member_shows_nothing(app,
                                                                         private_incident):
    shown = await status(app, user_id="U777", channel_id="C123")
    assert "There is no incident INC-1" in shown
    assert "Tampa" not in shown and "Acme" not in shown and "Severity" not in shown
    # The same question by a member, or asked in the incident's own channel, is answered.
    assert "Tampa branch" in await status(app, user_id="U123", channel_id="C123")
    assert "Tampa branch" in await status(app, user_id="U777", channel_id=PRIVATE)


@pytest.mark.parametrize("team", ["T9999", ""])
async def test_status_with_another_or_no_team_shows_nothing(app, private_incident, team):
    shown = await status(app, user_id="U123", channel_id=PRIVATE, team_id=team)
    assert "Tampa" not in shown and "Severity" not in shown


async def test_a_command_without_a_team_field_shows_nothing(app, private_incident):
    fields = slash_command("status INC-1", channel_id=PRIVATE)
    del fields["team_id"]
    reply = await app.post(form_body(fields))
    assert reply.status < 500
    assert "Tampa" not in reply.text and "Severity" not in reply.text


async def test_app_home_lists_only_the_viewers_channels(app, private_incident):
    assert "INC-1" not in await home_for(app, "U777")
    assert "INC-1" in await home_for(app, "U123")


async def test_another_teams_click_changes_nothing_and_is_told_why(app, private_incident):
    before = rows(app.db_path)
    card = private_incident
    button = next(el for b in card["blocks"] if b["type"] == "actions" for el in b["elements"]
                  if el["text"]["text"] == "Resolve")
    reply = await app.interact(block_actions(button["action_id"], message=card,
                                             channel_id=PRIVATE, team_id="T9999"))
    assert reply.status == 200
    told = await eventually(lambda: app.fake.calls_to("chat.postEphemeral"))
    assert "cannot find for you" in told[0]["text"]
    assert app.fake.calls_to("views.open")[-1]["view"].get("callback_id") == "report_outage"
    assert rows(app.db_path) == before
    # A non-member pressing it from the channel (as a stale share would) is told why too.
    opened = len(app.fake.calls_to("views.open"))
    reply = await app.interact(block_actions(button["action_id"], message=card,
                                             channel_id="C123", user_id="U777"))
    assert reply.status == 200
    told = await eventually(lambda: app.fake.calls_to("chat.postEphemeral")[1:])
    assert "cannot find for you" in told[0]["text"] and told[0]["user"] == "U777"
    assert len(app.fake.calls_to("views.open")) == opened
    assert rows(app.db_path) == before
