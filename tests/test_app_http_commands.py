"""`/bvoip help | matrix | list | status` over HTTP: each answered privately in the command's
response (Bolt's ack), with what a person needs to read."""

from __future__ import annotations

import json
import re

import pytest

from tests.fakeslack import slash_command, validate_ack
from tests.harness import START, shown_text

SEV1_TEXT = "nobody at the Tampa branch can dial out"
SEV2_TEXT = "choppy audio for everyone at the Tampa branch"
EPOCH = int(START.timestamp())


async def private_answer(app, text: str, **kw) -> tuple[str, str]:
    """(notification text, everything shown) of an ephemeral answer to `/bvoip <text>`."""
    reply = await app.command(text, **kw)
    assert reply.status == 200, reply
    # Bolt answers ack(text=...) alone as a plain-text body, which Slack shows privately too.
    body = reply.json if reply.text.startswith("{") else {"text": reply.text}
    assert body.get("response_type", "ephemeral") == "ephemeral", body
    assert validate_ack(slash_command(text), body) == [], "Slack would refuse this answer"
    return body["text"], shown_text(body.get("blocks") or [])


def dates(text: str) -> list[int]:
    return [int(e) for e in re.findall(r"<!date\^(\d+)\^", text)]


@pytest.mark.parametrize("words", ["", "help", "HELP"])
async def test_help_says_what_the_app_does_and_lists_subcommands(app, fake_slack, words):
    text, shown = await private_answer(app, words)
    assert "unknown subcommand" not in text + shown
    assert "escalates AT&T Business Voice over IP outages" in shown
    for sub in ("/bvoip report", "/bvoip list", "/bvoip status INC-N", "/bvoip matrix",
                "/bvoip help"):
        assert sub in shown, sub
    assert fake_slack.calls_to("views.open") == []


async def test_an_unknown_subcommand_gets_the_help_naming_it(app):
    text, shown = await private_answer(app, "frobnicate now")
    assert text.startswith("unknown subcommand 'frobnicate'")
    assert "unknown subcommand 'frobnicate'" in shown
    assert "/bvoip report" in shown


async def test_an_unknown_subcommand_is_echoed_escaped(app):
    text, shown = await private_answer(app, "<!channel>")
    assert "unknown subcommand '&lt;!channel&gt;'" in shown
    assert "<!channel>" not in text + shown


async def test_matrix_shows_the_ladder_and_whom_to_call(app):
    text, shown = await private_answer(app, "matrix")
    assert "escalation matrix" in text
    assert "Severity 1 (High)" in shown and "Severity 2 (Medium)" in shown
    for level in ("First Level", "Second Level", "Third Level", "Fourth Level"):
        assert level in shown, level
    assert "(877) 288-8362" in shown
    assert "Sev 1: 1 h" in shown and "Sev 2: 2 h" in shown


async def test_list_without_outages(app):
    _, shown = await private_answer(app, "list")
    assert "No open outages in this channel" in shown


async def test_list_shows_this_channels_open_outages_only(app, fake_slack, clock):
    fake_slack.add_channel("C456", "other-site")
    reported = await app.report_incident(SEV1_TEXT, {"AOTS ticket number(s)": "12345678"})
    waiting = await app.report_incident(SEV2_TEXT)
    elsewhere = await app.report_incident(SEV1_TEXT, channel_id="C456")
    assert elsewhere["channel_id"] == "C456"

    _, shown = await private_answer(app, "list")
    assert "Open outages in this channel (2)" in shown
    assert f"INC-{elsewhere['id']}" not in shown
    first, second = shown.split("\n*INC-")[1:]
    assert first.startswith(f"{reported['id']}* · Severity 1 (High) · Tampa branch")
    assert "12345678" in first
    assert "no escalation level open yet" in first
    assert f"First Level opens <!date^{EPOCH + 3600}^" in first
    assert second.startswith(f"{waiting['id']}* · Severity 2 (Medium)")
    assert "no AOTS ticket yet" in second and "not reported to AT&T yet" in second

    clock.advance(minutes=90)  # Level 1 (1 h) is open, Level 2 (2 h) next
    _, shown = await private_answer(app, "list")
    first = shown.split("\n*INC-")[1]
    assert f"*First Level* open since <!date^{EPOCH + 3600}^" in first
    assert f"Second Level opens <!date^{EPOCH + 7200}^" in first


async def test_list_in_another_workspace_shows_nothing(app):
    await app.report_incident(SEV1_TEXT)
    _, shown = await private_answer(app, "list", team_id="T9999")
    assert "No open outages in this channel" in shown


async def test_status_shows_the_card_and_the_timeline(app, fake_slack):
    row = await app.report_incident(SEV1_TEXT, {"AOTS ticket number(s)": "12345678"})
    number = f"INC-{row['id']}"
    for ref in (number, number.lower(), str(row["id"]), f"#{row['id']}"):
        text, shown = await private_answer(app, f"status {ref}")
        assert text == f"{number}: Severity 1 (High)"
        assert f"{number} · Severity 1 (High) · Tampa branch" in shown
        assert "*Escalation ladder*" in shown and "*Escalation script*" in shown
        assert dates(shown.split("*Escalation ladder*")[1])[:4] == [
            EPOCH + 3600 * h for h in (1, 2, 3, 4)]
        assert "*Timeline*" in shown
        timeline = shown.split("*Timeline*")[1]
        assert "<@U123> — Reported: Severity 1 (High) at Tampa branch" in timeline
        assert "Card posted in the channel" in timeline
    reply = await app.command(f"status {number}")
    assert all(b["type"] != "actions" for b in reply.json["blocks"])  # buttons live on the card


@pytest.mark.parametrize("ref, words", [
    ("INC-999", "There is no incident INC-999."),
    ("garbage", "Which incident? Use `/bvoip status INC-12`"),
    ("", "Which incident?"),
    ("INC-1; DROP TABLE incidents", "Which incident?"),
])
async def test_status_of_something_that_is_not_an_incident(app, ref, words):
    text, _ = await private_answer(app, f"status {ref}".strip())
    assert words in text


async def test_status_of_another_workspaces_incident_is_not_shown(app):
    row = await app.report_incident(SEV1_TEXT)
    text, shown = await private_answer(app, f"status INC-{row['id']}", team_id="T9999")
    assert text.startswith(f"There is no incident INC-{row['id']}")
    assert SEV1_TEXT not in shown


async def test_commands_answer_in_the_response_and_send_nothing_else(app, fake_slack):
    for words in ("help", "matrix", "list", "status INC-1", "nope"):
        await private_answer(app, words)
    await app.settle(0.1)
    assert [c.method for c in fake_slack.calls if c.method != "auth.test"] == []
    assert json.dumps(fake_slack.ephemeral) == "[]"
