"""Harder cases over HTTP: a slow Slack while a trigger_id ticks, quick successive changes in
the modal, Slack's URL check, an unreachable database, and text at every limit."""

from __future__ import annotations

import json
import os
import sqlite3
import time

import pytest

from tests.harness import input_block, modal_action, shown_text, wait_until

TEXT = "choppy audio for everyone at the Tampa branch"


def mrkdwn_texts(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "mrkdwn" else []
        return own + [t for v in node.values() for t in mrkdwn_texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in mrkdwn_texts(v)]
    return []


def severity_shown(view: dict) -> str:
    return next(b["text"]["text"] for b in view["blocks"] if b["block_id"] == "severity_shown")


async def test_a_slow_profile_lookup_does_not_cost_the_trigger(app, fake_slack):
    # A trigger_id lives about three seconds: the form must open without the profile.
    fake_slack.hang("users.info", 8)
    started = time.monotonic()
    reply = await app.command(f"report {TEXT}")
    assert reply.status == 200
    await fake_slack.wait_for("views.open", timeout=2.9)
    assert time.monotonic() - started < 2.9
    view = fake_slack.latest_view("report_outage")
    assert input_block(view, "Trouble description")["element"]["initial_value"] == TEXT
    assert "initial_value" not in input_block(view, "Your name")["element"]
    fake_slack.assert_nothing_rejected()


async def test_a_rate_limited_profile_lookup_does_not_cost_the_trigger(app, fake_slack):
    fake_slack.fail_http("users.info", 429, times=3, retry_after=2)
    started = time.monotonic()
    await app.command(f"report {TEXT}")
    await fake_slack.wait_for("views.open", timeout=2.9)
    assert time.monotonic() - started < 2.9


async def test_a_refused_profile_lookup_still_opens_the_form(app, fake_slack):
    fake_slack.fail("users.info", "user_not_found", times=1)
    view = await app.open_report(TEXT)
    assert input_block(view, "Site time zone")["element"]["initial_option"]["value"] == (
        "America/New_York")  # BVOIP_TIMEZONE's default stands in for the profile's


async def test_a_form_that_does_not_open_is_explained_to_the_reporter(app, fake_slack):
    url = fake_slack.response_url()
    reply = await app.command(f"report {TEXT}", trigger_id="expired", response_url=url)
    assert reply.status == 200
    await wait_until(lambda: fake_slack.responses_to(url), what="a reply to the response_url")
    [answer] = fake_slack.responses_to(url)
    assert answer["text"] == (":warning: The report form did not open (expired_trigger_id). "
                              "Run `/bvoip report` again.")
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    fake_slack.assert_nothing_rejected()


async def test_quick_successive_changes_show_the_newest_severity(app, fake_slack):
    view = await app.open_report(TEXT)
    assert "Severity 2 (Medium)" in severity_shown(view)
    # Two ticks before Slack's client has the first redraw: both carry the first hash.
    first = modal_action(view, "Symptoms", ["poor_quality", "no_inbound"])
    second = modal_action(view, "Symptoms", ["poor_quality", "no_inbound", "no_outbound"])
    second["view"]["state"]["values"]["scope"]["scope_changed"]["selected_option"] = {
        "text": {"type": "plain_text", "text": "One user"}, "value": "one_user"}
    filled = len(fake_slack.calls_to("views.update"))  # the profile, filled in after opening
    for payload in (first, second):
        reply = await app.interact(payload)
        assert reply.status == 200
        await fake_slack.wait_for("views.update", filled + 1)
    await app.settle(0.2)
    shown = severity_shown(fake_slack.latest_view("report_outage"))
    assert "This looks like Severity 2 (Medium)" in shown, shown  # one user: not Severity 1
    assert "Severity 1 needs multiple users" in shown


async def test_an_older_change_arriving_late_does_not_undo_a_newer_one(app, fake_slack):
    view = await app.open_report(TEXT)
    older = modal_action(view, "Symptoms", ["poor_quality", "no_inbound"])
    newer = modal_action(view, "Users affected", "One user",
                         others={"Symptoms": ["poor_quality", "no_inbound"]})
    assert float(older["actions"][0]["action_ts"]) < float(newer["actions"][0]["action_ts"])
    filled = len(fake_slack.calls_to("views.update"))  # the profile, filled in after opening
    await app.interact(newer)
    await fake_slack.wait_for("views.update", filled + 1)
    await app.interact(older)
    await app.settle(0.2)
    assert len(fake_slack.calls_to("views.update")) == filled + 1
    assert "Severity 2 (Medium)" in severity_shown(fake_slack.latest_view("report_outage"))


async def test_slack_url_verification_is_answered(app, fake_slack):
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFX",
                       "type": "url_verification"})
    reply = await app.post(body, {"Content-Type": "application/json"})
    assert reply.status == 200
    assert reply.json == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFX"}


@pytest.mark.sqlite_only
async def test_healthz_reports_an_unreachable_database(app):
    await app.runtime.store.run(app.runtime.store.db.conn.close)
    reply = await app.get("/healthz")
    assert reply.status == 503
    assert reply.json["ok"] is False and reply.json["mode"] == "http"
    assert "cannot be written" in reply.json["database"]


@pytest.mark.sqlite_only
async def test_healthz_reports_a_database_another_process_keeps_locked(app):
    other = sqlite3.connect(str(app.db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        reply = await app.get("/healthz")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert reply.status == 503 and "locked" in reply.json["database"]
    assert (await app.get("/healthz")).status == 200


@pytest.mark.sqlite_only
@pytest.mark.parametrize("change", ["removed", "replaced"])
async def test_healthz_reports_a_database_file_removed_or_replaced(app, change):
    assert (await app.get("/healthz")).status == 200
    os.remove(app.db_path)
    if change == "replaced":
        sqlite3.connect(str(app.db_path)).close()
    reply = await app.get("/healthz")
    assert reply.status == 503 and "removed or replaced" in reply.json["database"]


async def test_hostile_text_at_every_limit_still_makes_a_card_slack_accepts(app, fake_slack):
    view = await app.open_report()
    hostile = "<!here>&" * 250  # 2000 characters, each one escaped into up to 5
    await app.submit(view, {
        "Business name": "<@U1>&" * 25, "Site / location": "<#C1>&" * 25,
        "Your name": "<!channel>" * 10, "Callback phone": "+1 813 555 0142",
        "AOTS ticket number(s)": "1234567890, ABCDE-12345", "Trouble description": hostile,
        "Action or resolution requested": "&<>" * 166,
    })
    await fake_slack.wait_for("chat.postMessage")
    fake_slack.assert_nothing_rejected()
    card = fake_slack.messages["C123"][0]
    # mrkdwn is where Slack reads mentions and links; plain_text (the header) is shown as is.
    mrkdwn = json.dumps(mrkdwn_texts(card["blocks"])) + card["text"]
    for raw in ("<!here>", "<@U1>", "<#C1>", "<!channel>"):
        assert raw not in mrkdwn, raw
    assert "&lt;!here&gt;&amp;" in shown_text(card["blocks"])
    [row] = app.incident_rows()
    assert row["description"] == hostile


async def test_a_long_command_text_is_cut_to_the_description_limit(app, fake_slack):
    view = await app.open_report("phones down " * 300)
    description = input_block(view, "Trouble description")["element"]
    assert len(description["initial_value"]) == description["max_length"] == 2000
    fake_slack.assert_nothing_rejected()
