"""What a person does in Slack, step by step: report an outage, press a button, fill a modal."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.fakeslack.payloads import block_actions, submit_modal
from tests.harness import START, AppUnderTest

SEV1_ANSWERS: dict[str, Any] = {
    "Business name": "Acme Dental",
    "Site / location": "Tampa branch",
    "AOTS ticket": "ABC12345",
    "When it was reported to AT&T": int(START.timestamp()),
    "Symptoms": ["Entire site down"],
    "Users affected": "The entire site",
}


async def eventually(check, timeout: float = 5.0) -> Any:
    """Wait until check() returns something truthy (background work runs after ack)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.02)


async def report_outage(app: AppUnderTest, text: str = "the Tampa office is hard down",
                        channel: str = "C123", **answers: Any) -> dict:
    """/bvoip report, fill the modal by its labels, submit; returns the card message."""
    view = await app.open_report(text, channel_id=channel)
    merged = {**SEV1_ANSWERS, **{k.replace("_", " "): v for k, v in answers.items()}}
    posted = len(app.fake.messages.get(channel, []))
    reply = await app.submit(view, merged)  # checks the ack is one Slack would accept
    assert "errors" not in reply.text, reply.text
    return await new_card(app, channel, posted)


async def new_card(app: AppUnderTest, channel: str, posted: int) -> dict:
    """The first top-level message posted in the channel after its first `posted` messages,
    once the app has recorded it as an incident's card. Thread replies are skipped: a level
    of an earlier outage falling due meanwhile posts in its own card's thread."""
    def top_level() -> dict | None:
        return next((m for m in app.fake.messages.get(channel, [])[posted:]
                     if m.get("thread_ts") in (None, m["ts"])), None)
    card = await eventually(top_level)
    # The app records the card once Slack has answered: wait for that too.
    await eventually(lambda: any(r["card_ts"] == card["ts"] for r in app.incident_rows()))
    return card


def thread(app: AppUnderTest, card: dict, channel: str = "C123") -> list[dict]:
    """Replies in the card's thread, oldest first."""
    return [m for m in app.fake.messages.get(channel, [])
            if m.get("thread_ts") == card["ts"] and m["ts"] != card["ts"]]


def card_now(app: AppUnderTest, card: dict, channel: str = "C123") -> dict:
    """The card as it stands after chat.update."""
    return next(m for m in app.fake.messages[channel] if m["ts"] == card["ts"])


def text_of(message: dict) -> str:
    """Everything a reader sees in a message: its blocks' text, fields and buttons."""
    parts = [message.get("text") or ""]
    for block in message.get("blocks") or []:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                parts.append(block[key].get("text", ""))
        for field in block.get("fields") or []:
            parts.append(field.get("text", ""))
        for element in block.get("elements") or []:
            if isinstance(element.get("text"), dict):
                parts.append(element["text"].get("text", ""))
            elif isinstance(element.get("text"), str):
                parts.append(element["text"])
    return "\n".join(parts)


async def press(app: AppUnderTest, message: dict, button_text: str, answers: dict[str, Any],
                channel: str = "C123") -> None:
    """Press the button with that text on a message, fill its modal by labels, submit."""
    button = next(el for block in message.get("blocks") or [] if block["type"] == "actions"
                  for el in block["elements"] if el["text"]["text"] == button_text)
    opened = len(app.fake.calls_to("views.open"))
    reply = await app.interact(block_actions(button["action_id"], message=message,
                                             block_id=next(
                                                 b["block_id"] for b in message["blocks"]
                                                 if button in b.get("elements", [])),
                                             channel_id=channel))
    assert reply.status == 200
    await app.fake.wait_for_form(opened + 1)
    view = app.fake.latest_view()
    reply = await app.interact(submit_modal(view, answers))
    assert reply.status == 200
    assert "errors" not in reply.text, reply.text
