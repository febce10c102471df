"""End to end over HTTP: /bvoip report opens the form, submitting it stores the incident and
posts its card; requests Slack did not sign are refused and touch nothing."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest

from tests.fakeslack import form_body, interactive_body, slash_command
from tests.harness import (
    START,
    assert_ack_accepted,
    input_block,
    shown_text,
    submission,
    wait_until,
)

EPOCH = int(START.timestamp())
SEV1_TEXT = "nobody at the Tampa branch can dial out"
SEV2_TEXT = "choppy audio for everyone at the Tampa branch"
NASTY = "<!channel> hi <@U123> & <https://evil|bank>"
NASTY_ESCAPED = "&lt;!channel&gt; hi &lt;@U123&gt; &amp; &lt;https://evil|bank&gt;"


def initial_option_values(element: dict) -> list[str]:
    return [o["value"] for o in element.get("initial_options") or []]


def severity_shown(view: dict) -> str:
    return next(b["text"]["text"] for b in view["blocks"] if b["block_id"] == "severity_shown")


async def posted_card(fake_slack, channel: str = "C123") -> dict:
    """The card the app posted (the first chat.postMessage into `channel`)."""
    await fake_slack.wait_for("chat.postMessage")
    cards = [c for c in fake_slack.calls_to("chat.postMessage") if c["channel"] == channel]
    assert cards, fake_slack.calls_to("chat.postMessage")
    return cards[0]


# ---------------------------------------------------------------------- requests Slack never sent
@pytest.mark.parametrize("how", ["forged", "unsigned", "stale"])
async def test_requests_not_signed_by_slack_get_401_and_touch_nothing(app, fake_slack, how):
    payloads = [form_body(slash_command(f"report {SEV1_TEXT}")),
                form_body(slash_command("list")),
                interactive_body({"type": "view_submission", "view": {"id": "V1"}})]
    for body in payloads:
        if how == "forged":
            headers = {"X-Slack-Request-Timestamp": str(int(time.time())),
                       "X-Slack-Signature": "v0=" + "0" * 64}
            reply = await app.post(body, headers, sign=False)
        elif how == "unsigned":
            reply = await app.post(body, sign=False)
        else:
            reply = await app.post(body, timestamp=int(time.time()) - 5 * 60 - 30)
        assert reply.status == 401, reply
    await app.settle(0.1)
    assert fake_slack.calls == []
    assert app.incident_rows() == []


async def test_a_signature_within_five_minutes_is_accepted(app):
    reply = await app.post(form_body(slash_command("help")), timestamp=int(time.time()) - 240)
    assert reply.status == 200


async def test_healthz_answers_json_with_mode_and_database(app):
    reply = await app.get("/healthz")
    assert reply.status == 200
    assert reply.json == {"ok": True, "mode": "http", "database": "reachable"}


# ---------------------------------------------------------------------- the report modal
async def test_report_opens_the_modal_at_once_prefilled(app, fake_slack):
    started = time.monotonic()
    reply = await app.command(f"report {SEV1_TEXT}")
    assert reply.status == 200 and reply.text == ""
    assert time.monotonic() - started < 2
    await fake_slack.wait_for_form()
    fake_slack.assert_nothing_rejected()
    view = fake_slack.latest_view("report_outage")
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels == [
        "Business name", "Site / location", "Your name", "Callback phone",
        "AOTS ticket number(s)", "When it was reported to AT&T", "When service was first affected",
        "Symptoms", "Users affected", "Severity override", "Trouble description",
        "Action or resolution requested", "Post updates in", "Site time zone",
    ]
    assert "initial_value" not in input_block(view, "Business name")["element"]
    assert input_block(view, "Your name")["element"]["initial_value"] == "Dana Ruiz"
    assert input_block(view, "Callback phone")["element"]["initial_value"] == "(813) 555-0142"
    tickets = input_block(view, "AOTS ticket number(s)")
    assert tickets["optional"] and "not reported to AT&T yet" in tickets["hint"]["text"]
    reported = input_block(view, "When it was reported to AT&T")["element"]
    assert reported["type"] == "datetimepicker" and reported["initial_date_time"] == EPOCH
    affected = input_block(view, "When service was first affected")
    assert affected["optional"] and "initial_date_time" not in affected["element"]
    symptoms = input_block(view, "Symptoms")
    assert symptoms["dispatch_action"] and input_block(view, "Users affected")["dispatch_action"]
    assert initial_option_values(symptoms["element"]) == ["no_outbound"]
    scope = input_block(view, "Users affected")["element"]
    assert scope["initial_option"]["value"] == "entire_site"
    assert [o["text"]["text"] for o in scope["options"]] == [
        "One user", "Several users", "The entire site"]
    assert input_block(view, "Trouble description")["element"]["initial_value"] == SEV1_TEXT
    action = input_block(view, "Action or resolution requested")["element"]
    assert action["initial_value"] == "Restore service"
    assert input_block(view, "Post updates in")["element"]["initial_conversation"] == "C123"
    zone = input_block(view, "Site time zone")["element"]["initial_option"]
    assert zone["value"] == "America/Chicago"
    shown = severity_shown(view)
    assert "This looks like Severity 1 (High)" in shown
    assert "any location with multiple users, who are unable to make outbound or inbound" in shown
    assert app.incident_rows() == []


async def test_report_from_a_dm_leaves_the_channel_to_choose(app, fake_slack):
    fake_slack.add_user("U777", real_name="Sam Okafor", phone="", tz="Europe/London")
    view = await app.open_report("fax line dead", user_id="U777", channel_id="D0777ABCD")
    assert "initial_conversation" not in input_block(view, "Post updates in")["element"]
    assert input_block(view, "Your name")["element"]["initial_value"] == "Sam Okafor"
    assert "initial_value" not in input_block(view, "Callback phone")["element"]
    assert input_block(view, "Site time zone")["element"]["initial_option"]["value"] == (
        "Europe/London")
    reply = await app.submit(view, {"Callback phone": "(312) 555-0100"}, require_all=False,
                             user_id="U777")
    assert reply.json == {"response_action": "errors",
                          "errors": {"channel": "Choose the channel to post updates in."}}
    assert app.incident_rows() == []
    reply = await app.submit(view, {"Callback phone": "(312) 555-0100", "Post updates in": "C123"},
                             user_id="U777")
    assert reply.text == ""
    await posted_card(fake_slack)
    assert app.incident_rows()[0]["channel_id"] == "C123"
    fake_slack.assert_nothing_rejected()


async def test_report_without_text_opens_an_empty_form(app, fake_slack):
    view = await app.open_report()
    assert initial_option_values(input_block(view, "Symptoms")["element"]) == []
    assert "initial_option" not in input_block(view, "Users affected")["element"]
    assert "tick the symptoms" in severity_shown(view)
    fake_slack.assert_nothing_rejected()


async def test_changing_symptoms_and_scope_redraws_the_severity(app, fake_slack):
    view = await app.open_report(SEV2_TEXT)
    assert initial_option_values(input_block(view, "Symptoms")["element"]) == ["poor_quality"]
    assert "This looks like Severity 2 (Medium)" in severity_shown(view)
    assert '"degraded performance"' in severity_shown(view)

    filled = len(fake_slack.calls_to("views.update"))  # the profile, filled in after opening
    await app.change(view, "Symptoms", ["poor_quality", "no_outbound"])
    await fake_slack.wait_for("views.update", filled + 1)
    update = fake_slack.calls_to("views.update")[-1]
    assert update["view_id"] == view["id"] and update["hash"] == view["hash"]
    view = fake_slack.latest_view("report_outage")
    assert "This looks like Severity 1 (High)" in severity_shown(view)
    assert '"any location with multiple users, who are unable to make outbound or inbound calls"' \
        in severity_shown(view)
    assert initial_option_values(input_block(view, "Symptoms")["element"]) == [
        "no_outbound", "poor_quality"]

    await app.change(view, "Users affected", "One user")
    await fake_slack.wait_for("views.update", filled + 2)
    view = fake_slack.latest_view("report_outage")
    assert "This looks like Severity 2 (Medium)" in severity_shown(view)
    assert "Severity 1 needs multiple users" in severity_shown(view)
    fake_slack.assert_nothing_rejected()
    assert app.incident_rows() == []


async def test_the_modal_shows_an_override_when_it_redraws(app, fake_slack):
    view = await app.open_report(SEV2_TEXT)
    filled = len(fake_slack.calls_to("views.update"))  # the profile, filled in after opening
    await app.change(view, "Users affected", "Several users",
                     others={"Severity override": "Severity 1 (High)"})
    await fake_slack.wait_for("views.update", filled + 1)
    view = fake_slack.latest_view("report_outage")
    assert "This looks like Severity 2 (Medium)" in severity_shown(view)
    assert "You chose Severity 1 (High) instead" in severity_shown(view)
    override = input_block(view, "Severity override")["element"]
    assert override["initial_option"]["value"] == "1"
    fake_slack.assert_nothing_rejected()


async def test_a_severity_override_is_recorded_with_who_chose_it(app, fake_slack):
    view = await app.open_report(SEV2_TEXT)
    reply = await app.submit(view, {"Severity override": "Severity 1 (High)",
                                    "Symptoms": ["poor_quality"]})
    assert reply.text == ""
    card = await posted_card(fake_slack)
    [row] = app.incident_rows()
    assert (row["severity"], row["classified_severity"]) == (1, 2)
    assert row["severity_override_by"] == "U123"
    shown = shown_text(card["blocks"])
    assert "Severity 1 (High)" in card["blocks"][0]["text"]["text"]
    assert "Set by <@U123> (AT&T's rules give Severity 2 (Medium))" in shown
    kinds = [e.kind for e in app.store.timeline.for_incident(row["id"])]
    assert "severity_override" in kinds
    fake_slack.assert_nothing_rejected()


async def test_choosing_the_severity_the_rules_give_is_no_override(app, fake_slack):
    view = await app.open_report(SEV1_TEXT)
    await app.submit(view, {"Severity override": "Severity 1 (High)"})
    await posted_card(fake_slack)
    assert app.incident_rows()[0]["severity_override_by"] is None


# ---------------------------------------------------------------------- submitting: the card
async def test_submitting_stores_one_incident_and_posts_its_card(app, fake_slack):
    view = await app.open_report(SEV1_TEXT)
    reply = await app.submit(view, {"Symptoms": ["Entire site down"],
                                    "Action or resolution requested": "Restore service & credit"})
    assert reply.status == 200 and reply.text == ""  # the modal closes
    card = await posted_card(fake_slack)
    # The app records where its card went once Slack has answered.
    await wait_until(lambda: app.incident_rows()[0]["card_ts"], what="the card recorded")
    [row] = app.incident_rows()
    assert row["submission_key"] == view["id"]
    assert (row["team_id"], row["channel_id"], row["reporter_id"]) == ("T0001", "C123", "U123")
    assert row["business_name"] == "Acme Dental"
    assert row["location"] == "Tampa branch, 100 Main St"
    assert row["callback_phone"] == "+18135550142"
    assert json.loads(row["tickets"]) == [] and row["reported_at"] is None
    assert json.loads(row["symptoms"]) == ["site_down"] and row["scope"] == "entire_site"
    assert row["severity"] == 1 and row["status"] == "open"
    assert row["card_ts"] == fake_slack.messages["C123"][0]["ts"]
    assert card["unfurl_links"] in (False, "false", "0", 0)

    shown = shown_text(card["blocks"])
    title = card["blocks"][0]["text"]["text"]
    assert title == "INC-1 · Severity 1 (High) · Tampa branch, 100 Main St"
    assert "*Why Severity 1 (High):*" in shown and '"the entire site is down"' in shown
    assert row["description"] == SEV1_TEXT
    assert row["action_requested"] == "Restore service & credit"
    for fact in ("Acme Dental", "Tampa branch, 100 Main St", "Dana Ruiz (<@U123>)",
                 SEV1_TEXT, "Restore service &amp; credit"):
        assert fact in shown, fact
    assert "(813) 555-0142" in shown or "+18135550142" in shown  # as dialled, or E.164
    assert "Report to AT&T now: Business Direct or (877) 288-8362, Prompt 1" in shown
    assert "*Escalation ladder*" in shown and "*Escalation script*" in shown
    assert "1. *Business name & location:* Acme Dental, Tampa branch, 100 Main St" in shown
    buttons = [e["text"]["text"] for b in card["blocks"] if b["type"] == "actions"
               for e in b["elements"]]
    assert buttons[:4] == ["Resolve", "Progress update", "Change severity", "Add ticket number"]
    assert "INC-1" in card["text"]
    fake_slack.assert_nothing_rejected()


async def test_a_reported_severity_1_ladder_opens_each_hour(app, fake_slack):
    view = await app.open_report(SEV1_TEXT)
    await app.submit(view, {"AOTS ticket number(s)": "12345678, ABC-99999"})
    card = await posted_card(fake_slack)
    [row] = app.incident_rows()
    assert json.loads(row["tickets"]) == ["12345678", "ABC-99999"]
    assert row["reported_at"] == START.timestamp()  # every moment is stored as epoch seconds
    shown = shown_text(card["blocks"])
    assert "Report to AT&T now" not in shown
    assert "12345678, ABC-99999" in shown
    ladder = next(b["text"]["text"] for b in card["blocks"]
                  if b["type"] == "section" and "*Escalation ladder*" in b.get("text", {}).get(
                      "text", ""))
    epochs = [int(e) for e in re.findall(r"<!date\^(\d+)\^", ladder)]
    assert epochs == [EPOCH + 3600 * h for h in (1, 2, 3, 4)]
    assert f"First Level opens <!date^{EPOCH + 3600}^" in shown
    fake_slack.assert_nothing_rejected()


async def test_a_repeated_submission_of_the_same_view_opens_one_incident(app, fake_slack):
    view = await app.open_report(SEV1_TEXT)
    payload = submission(view)
    for _ in range(2):
        assert_ack_accepted(payload, await app.interact(payload))
    await posted_card(fake_slack)
    await app.settle(0.2)
    assert len(app.incident_rows()) == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


async def test_two_concurrent_submissions_open_one_incident(app, fake_slack):
    view = await app.open_report(SEV1_TEXT)
    payload = submission(view)
    replies = await asyncio.gather(*(app.interact(payload) for _ in range(2)))
    for reply in replies:
        assert_ack_accepted(payload, reply)
    await posted_card(fake_slack)
    await app.settle(0.2)
    assert len(app.incident_rows()) == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


async def test_typed_text_is_escaped_everywhere_it_is_echoed(app, fake_slack):
    view = await app.open_report(NASTY)
    assert input_block(view, "Trouble description")["element"]["initial_value"] == NASTY
    await app.submit(view, {"Business name": "Bob & <Sons>", "Symptoms": ["site_down"],
                            "Users affected": "The entire site"})
    card = await posted_card(fake_slack)
    [row] = app.incident_rows()
    assert row["description"] == NASTY and row["business_name"] == "Bob & <Sons>"
    posted = json.dumps(card)
    assert NASTY_ESCAPED in shown_text(card["blocks"]) and NASTY_ESCAPED in card["text"]
    assert "Bob &amp; &lt;Sons&gt;" in shown_text(card["blocks"])
    for raw in ("<!channel>", "<@U123> &", "<https://evil|bank>", "<Sons>"):
        assert raw not in posted, raw

    reply = await app.command("status INC-1")
    status = reply.json
    assert NASTY_ESCAPED in shown_text(status["blocks"])
    assert "<!channel>" not in json.dumps(status)
    fake_slack.assert_nothing_rejected()


async def test_the_commands_encoded_words_prefill_the_form_as_typed(app, fake_slack):
    # Slack encodes &, < and > in a slash command's text; the reporter typed the plain ones.
    view = await app.open_report("calls &amp; voicemail down, phones say &lt;no service&gt; "
                                 "(&amp;lt; is literal)")
    description = input_block(view, "Trouble description")["element"]["initial_value"]
    assert description == "calls & voicemail down, phones say <no service> (&lt; is literal)"
    await app.submit(view, {"Symptoms": ["Entire site down"]})
    card = await posted_card(fake_slack)
    assert app.incident_rows()[0]["description"] == description
    assert "calls &amp; voicemail down, phones say &lt;no service&gt;" in shown_text(card["blocks"])
