"""Every refusal of the report modal over HTTP: `response_action: errors` on the right block,
in plain words, and nothing stored or posted."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.fakeslack import fill_modal
from tests.harness import REPORT_ANSWERS, START

TEXT = "nobody at the Tampa branch can dial out"
HOUR = dt.timedelta(hours=1)

CASES = [
    pytest.param({"Callback phone": "call me maybe"}, "callback_phone",
                 "'call me maybe' is not a phone number we can dial: give the area code",
                 id="unparseable phone"),
    pytest.param({"Callback phone": "555-0142"}, "callback_phone", "give the area code",
                 id="phone without area code"),
    pytest.param({"AOTS ticket number(s)": "1234"}, "tickets",
                 "1234 is not a ticket number: use 5–30 letters, digits or dashes",
                 id="ticket too short"),
    pytest.param({"AOTS ticket number(s)": "12345678, AB#12345"}, "tickets",
                 "AB#12345 is not a ticket number", id="ticket with bad characters"),
    pytest.param({"AOTS ticket number(s)": "12345678",
                  "When it was reported to AT&T": START + HOUR}, "reported_at",
                 "That time is in the future", id="reported in the future"),
    pytest.param({"AOTS ticket number(s)": "12345678",
                  "When it was reported to AT&T": START - dt.timedelta(days=31)}, "reported_at",
                 "more than 30 days ago", id="reported over 30 days back"),
    pytest.param({"AOTS ticket number(s)": "12345678",
                  "When it was reported to AT&T": START - 2 * HOUR,
                  "When service was first affected": START - HOUR}, "affected_since",
                 "Service was affected after it was reported to AT&T?",
                 id="affected after reported"),
    pytest.param({"Business name": "   "}, "business_name", "Please enter the business name.",
                 id="blank business"),
    pytest.param({"Site / location": " \n "}, "site", "Please enter the site or location.",
                 id="blank site"),
    pytest.param({"Your name": "  "}, "reporter_name", "Please enter your name.",
                 id="blank name"),
    pytest.param({"Trouble description": "     "}, "description",
                 "Please enter a short description of the trouble.", id="blank description"),
    pytest.param({"Action or resolution requested": " "}, "action_requested",
                 "Please enter the action or resolution you want from AT&T.", id="blank action"),
]


async def assert_refused(app, fake_slack, reply, block: str, words: str) -> None:
    assert reply.json["response_action"] == "errors"
    assert list(reply.json["errors"]) == [block]
    assert words in reply.json["errors"][block]
    await app.settle(0.1)
    assert app.incident_rows() == []
    assert fake_slack.calls_to("chat.postMessage") == []
    fake_slack.assert_nothing_rejected()


@pytest.mark.parametrize("answers, block, words", CASES)
async def test_each_refusal_names_its_block_and_stores_nothing(app, fake_slack, answers, block,
                                                               words):
    view = await app.open_report(TEXT)
    reply = await app.submit(view, answers)
    await assert_refused(app, fake_slack, reply, block, words)


@pytest.mark.parametrize("block, limit", [
    ("business_name", 150), ("site", 150), ("reporter_name", 100),
    ("description", 2000), ("action_requested", 500),
])
async def test_text_over_its_limit_is_refused(app, fake_slack, block, limit):
    # Slack's client enforces max_length; a crafted request must still be refused.
    view = await app.open_report(TEXT)
    values = fill_modal(view, REPORT_ANSWERS | {"Trouble description": TEXT})
    values[block]["value"]["value"] = "x" * (limit + 1)
    reply = await app.submit(view, values=values)
    await assert_refused(app, fake_slack, reply, block,
                         f"Too long: {limit + 1} characters, at most {limit}.")


async def test_several_errors_come_back_together(app, fake_slack):
    view = await app.open_report(TEXT)
    reply = await app.submit(view, {"Business name": " ", "Callback phone": "12",
                                    "AOTS ticket number(s)": "x"})
    assert reply.json["response_action"] == "errors"
    assert set(reply.json["errors"]) == {"business_name", "callback_phone", "tickets"}
    assert app.incident_rows() == []


async def test_a_dm_report_without_a_channel_is_refused(app, fake_slack):
    view = await app.open_report(TEXT, channel_id="D0123ABCD")
    reply = await app.submit(view, require_all=False)
    await assert_refused(app, fake_slack, reply, "channel",
                         "Choose the channel to post updates in.")


async def test_a_form_whose_metadata_was_tampered_with_is_refused(app, fake_slack):
    view = copy.deepcopy(await app.open_report(TEXT))
    view["private_metadata"] = '{"not": "ours"}'
    reply = await app.submit(view)
    await assert_refused(app, fake_slack, reply, "description", "out of date")


async def test_several_valid_tickets_are_accepted(app, fake_slack):
    view = await app.open_report(TEXT)
    reply = await app.submit(view, {"AOTS ticket number(s)": "12345678, ABC-99999 xyz12"})
    assert reply.text == ""
    await fake_slack.wait_for("chat.postMessage")
    assert app.incident_rows()[0]["tickets"] == '["12345678", "ABC-99999", "xyz12"]'


async def test_a_corrected_form_goes_through_once(app, fake_slack):
    view = await app.open_report(TEXT)
    refused = await app.submit(view, {"Callback phone": "nope"})
    assert refused.json["response_action"] == "errors"
    accepted = await app.submit(view, {"Callback phone": "+1 (312) 555-0100"})
    assert accepted.text == ""
    await fake_slack.wait_for("chat.postMessage")
    [row] = app.incident_rows()
    assert row["callback_phone"] == "+13125550100"


async def test_a_lone_surrogate_in_a_text_is_stored_as_a_question_mark(app, fake_slack):
    # JSON can carry "\ud800" (Bolt's reader keeps it), no text column or Slack post can: the
    # report was confirmed, then its incident could never be built.
    view = await app.open_report(TEXT)
    reply = await app.submit(view, {"Trouble description": "phones dead \ud800 at HQ"})
    assert reply.text == ""
    await fake_slack.wait_for("chat.postMessage")
    [row] = app.incident_rows()
    assert row["description"] == "phones dead ? at HQ"
