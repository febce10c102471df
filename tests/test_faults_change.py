"""Issue 8, change: an outage keeps the ladder it was reported under when BVOIP_MATRIX changes
(points 10), and its buttons keep working across a signing-secret rotation and a switch from
HTTP to Socket Mode; a click that cannot be honoured is told why (point 11)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import yaml

from bot.matrix import DEFAULT_MATRIX
from tests.fakeslack.payloads import block_actions, signed_headers, submit_modal
from tests.flows import card_now, eventually, press, report_outage, text_of, thread
from tests.harness import START, AppUnderTest, Reply, SocketAppUnderTest

SHIPPED = Path(__file__).parents[1] / "bot" / "data" / DEFAULT_MATRIX


def smaller_matrix(folder: Path) -> Path:
    """Two levels only, other numbers, shorter intervals."""
    text = SHIPPED.read_text(encoding="utf-8").replace("+18772888362", "+18005550199")
    data = yaml.safe_load(text.replace("(877) 288-8362", "(800) 555-0199"))
    data["levels"] = data["levels"][:2]
    data["levels"][0]["interval_hours"] = {1: 0.5, 2: 1}
    data["levels"][1]["interval_hours"] = {1: 1, 2: 2}
    path = folder / "smaller.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def opened(app, card) -> list[str]:
    return [text_of(m) for m in thread(app, card) if " is open" in (m.get("text") or "")]


async def test_an_outage_keeps_its_ladder_when_the_matrix_changes(fake_slack, clock, tmp_path,
                                                                  caplog, db):
    caplog.set_level(logging.WARNING)
    first = await AppUnderTest(fake_slack, clock, db).start()
    old_card = await report_outage(first)  # INC-1 under the shipped matrix
    await first.stop()
    second = await AppUnderTest(fake_slack, clock, db,
                                matrix_path=str(smaller_matrix(tmp_path))).start()
    try:
        new_card = await report_outage(second)  # INC-2 under the new one
        clock.set(START + dt.timedelta(minutes=30))
        await eventually(lambda: opened(second, new_card))
        assert "555-0199" in opened(second, new_card)[0]  # new incidents: the new matrix
        assert opened(second, old_card) == []  # the old one's Level 1 opens at 1 h, as before

        clock.set(START + dt.timedelta(hours=1))
        await eventually(lambda: opened(second, old_card) and len(opened(second, new_card)) == 2)
        assert "Level 1 (First Level) is open" in opened(second, old_card)[0]
        assert "288-8362" in opened(second, old_card)[0]
        assert "555-0199" not in opened(second, old_card)[0]

        # A severity change recounts from the old incident's own snapshot (Sev 2: 2/4/6/8 h).
        await press(second, card_now(second, old_card), "Change severity",
                    {"New severity": "Severity 2 (Medium)", "Why": "some calls work"})
        await eventually(lambda: second.store.incidents.get(1).severity == 2)
        pending = {r.level: r.opens_at - START for r in second.store.levels.for_incident(1)
                   if r.state == "pending"}
        assert pending == {n: dt.timedelta(hours=h) for n, h in ((2, 4), (3, 6), (4, 8))}

        # Its levels 3 and 4 do not exist in the new matrix: still posted, nothing fails.
        clock.set(START + dt.timedelta(hours=8))
        await eventually(lambda: any("Level 4 (Fourth Level) is open" in t
                                     for t in opened(second, old_card)))
        await eventually(lambda: [r.state for r in second.store.levels.for_incident(1)]
                         == ["posted"] * 4)
        assert len(second.store.levels.for_incident(2)) == 2
        assert "posting for INC" not in caplog.text and "Traceback" not in caplog.text
        fake_slack.assert_nothing_rejected()
    finally:
        await second.stop()


class RotatedApp(AppUnderTest):
    """The app restarted with another SLACK_SIGNING_SECRET; requests signed with it."""

    SECRET = "rotated-signing-secret"

    def settings(self, **extra: Any):
        return super().settings(**extra).model_copy(update={"slack_signing_secret":
                                                            self.SECRET})

    async def post(self, body: str, headers: dict[str, str] | None = None,
                   sign: bool = True, timestamp: int | None = None) -> Reply:
        sent = dict(headers or {})
        if sign:
            sent.update(signed_headers(self.SECRET, body, timestamp))
        return await super().post(body, sent, sign=False)


async def test_buttons_survive_a_secret_rotation_and_a_switch_to_socket_mode(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db).start()
    card = await report_outage(first)
    await first.stop()

    rotated = await RotatedApp(fake_slack, clock, db).start()
    try:
        stale = await rotated.post("payload=%7B%7D", sign=True, timestamp=None)
        assert stale.status != 401  # the new secret is the one checked
        unsigned_old = await AppUnderTest.post(rotated, "payload=%7B%7D")  # the old secret
        assert unsigned_old.status == 401
        await press(rotated, card_now(rotated, card), "Progress update",
                    {"What has changed": "tech dispatched"})
        await eventually(lambda: "tech dispatched" in text_of(card_now(rotated, card)))
    finally:
        await rotated.stop()

    socket = await SocketAppUnderTest(fake_slack, clock, db).start()
    try:
        message = card_now(socket, card)
        button = next(el for b in message["blocks"] if b["type"] == "actions"
                      for el in b["elements"] if el["text"]["text"] == "Progress update")
        opens = len(fake_slack.calls_to("views.open"))
        await socket.interact(block_actions(button["action_id"], message=message))
        await fake_slack.wait_for("views.open", opens + 1)
        view = fake_slack.latest_view()
        await socket.interact(submit_modal(view, {"What has changed": "dial tone back"}))
        await eventually(lambda: "dial tone back" in text_of(card_now(socket, card)))
    finally:
        await socket.stop()


async def test_a_click_that_cannot_be_honoured_says_why(app):
    card = await report_outage(app)
    button = next(el for b in card["blocks"] if b["type"] == "actions" for el in b["elements"]
                  if el["text"]["text"] == "Progress update")

    async def click(value: str) -> str:
        told = len(app.fake.calls_to("chat.postEphemeral"))
        reply = await app.interact(block_actions(button["action_id"], value))
        assert reply.status == 200
        found = await eventually(lambda: app.fake.calls_to("chat.postEphemeral")[told:])
        return found[0]["text"]

    assert "cannot find" in await click(json.dumps({"incident": 999}))
    assert "cannot find" in await click("not json at all")
    await press(app, card_now(app, card), "Resolve", {"What fixed it": "all good"})
    await eventually(lambda: not app.store.incidents.get(1).is_open)
    assert "INC-1 is already resolved." in await click(button["value"])
    assert len(app.fake.calls_to("views.open")) == 2  # the report and the resolve form only
