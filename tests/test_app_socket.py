"""End to end over Socket Mode: the fake's WebSocket delivers envelopes, the app acks them
(the fake checks every ack as Slack would) and acts."""

from __future__ import annotations

from tests.fakeslack import submit_modal
from tests.harness import (
    REPORT_ANSWERS,
    input_block,
    modal_action,
    shown_text,
    submission,
    wait_until,
)

TEXT = "nobody at the Tampa branch can dial out"


async def test_the_app_connects_with_its_app_token(socket_app, fake_slack):
    [call] = [c for c in fake_slack.calls if c.method == "apps.connections.open"]
    assert call.token == fake_slack.app_token
    assert fake_slack.socket_connections == 1


async def test_report_command_then_submission_opens_an_incident(socket_app, fake_slack):
    ack = await socket_app.command(f"report {TEXT}")
    assert "payload" not in ack or not ack["payload"]
    await fake_slack.wait_for_form()
    view = fake_slack.latest_view("report_outage")
    assert input_block(view, "Trouble description")["element"]["initial_value"] == TEXT
    assert input_block(view, "Your name")["element"]["initial_value"] == "Dana Ruiz"

    ack = await socket_app.interact(submission(view, {"AOTS ticket number(s)": "12345678"}))
    assert not ack.get("payload")  # the modal closes
    await fake_slack.wait_for("chat.postMessage")
    # The app records where its card went once Slack has answered.
    await wait_until(lambda: socket_app.incident_rows()[0]["card_ts"], what="the card recorded")
    [row] = socket_app.incident_rows()
    assert row["submission_key"] == view["id"] and row["tickets"] == '["12345678"]'
    [card] = fake_slack.messages["C123"]
    assert row["card_ts"] == card["ts"]
    assert card["blocks"][0]["text"]["text"].startswith("INC-1 · Severity 1 (High)")
    fake_slack.assert_nothing_rejected()


async def test_a_refused_submission_is_answered_in_the_ack(socket_app, fake_slack):
    await socket_app.command(f"report {TEXT}")
    await fake_slack.wait_for_form()
    view = fake_slack.latest_view("report_outage")
    ack = await socket_app.interact(
        submit_modal(view, REPORT_ANSWERS | {"Trouble description": TEXT,
                                             "Callback phone": "not a number"}))
    assert ack["payload"]["response_action"] == "errors"
    assert list(ack["payload"]["errors"]) == ["callback_phone"]
    assert socket_app.incident_rows() == []
    fake_slack.assert_nothing_rejected()  # the fake checked the errors name input blocks


async def test_a_repeated_envelope_opens_one_incident(socket_app, fake_slack):
    await socket_app.command(f"report {TEXT}")
    await fake_slack.wait_for_form()
    payload = submission(fake_slack.latest_view("report_outage"))
    for _ in range(2):
        await socket_app.interact(payload)
    await fake_slack.wait_for("chat.postMessage")
    await wait_until(lambda: socket_app.incident_rows()[0]["card_ts"])
    assert len(socket_app.incident_rows()) == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


async def test_the_severity_redraws_over_socket_mode(socket_app, fake_slack):
    await socket_app.command("report choppy audio for everyone at the Tampa branch")
    await fake_slack.wait_for_form()
    view = fake_slack.latest_view("report_outage")
    filled = len(fake_slack.calls_to("views.update"))  # the profile, filled in after opening
    await socket_app.interact(modal_action(view, "Symptoms", ["poor_quality", "no_inbound"]))
    await fake_slack.wait_for("views.update", filled + 1)
    shown = shown_text(fake_slack.latest_view("report_outage")["blocks"])
    assert "This looks like Severity 1 (High)" in shown
    fake_slack.assert_nothing_rejected()


async def test_help_is_answered_in_the_ack(socket_app, fake_slack):
    ack = await socket_app.command("help")
    assert "/bvoip report" in shown_text(ack["payload"]["blocks"])
    ack = await socket_app.command("what")
    assert ack["payload"]["text"].startswith("unknown subcommand 'what'")
    fake_slack.assert_nothing_rejected()


async def test_a_waiting_card_is_posted_when_the_bot_joins(socket_app, fake_slack):
    fake_slack.add_channel("C777", "voip-ops", is_member=False)
    await socket_app.command(f"report {TEXT}")
    await fake_slack.wait_for_form()
    view = fake_slack.latest_view("report_outage")
    await socket_app.interact(submission(view, {"Post updates in": "C777"}))
    await wait_until(lambda: socket_app.incident_rows()
                     and socket_app.incident_rows()[0]["card_error"] == "not_in_channel")
    fake_slack.channels["C777"]["is_member"] = True
    await socket_app.event({"type": "member_joined_channel", "user": "UBOT", "channel": "C777",
                            "channel_type": "C", "team": "T0001"})
    await wait_until(lambda: fake_slack.messages.get("C777"), what="the card in C777")
    await wait_until(lambda: socket_app.incident_rows()[0]["card_ts"], what="the card recorded")
    assert socket_app.incident_rows()[0]["card_ts"] == fake_slack.messages["C777"][0]["ts"]
