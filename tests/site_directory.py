"""A small site directory for tests of the Slack side: a weekday office and a 24/7 centre."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.sites import Site, build_site
from tests.flows import new_card
from tests.harness import START, AppUnderTest

BOSTON: dict[str, Any] = {
    "name": "Boston office", "business": "Acme Dental Group",
    "address": "100 Federal St, Boston, MA 02110", "timezone": "America/New_York",
    "business_hours": "Mon-Fri 08:00-17:00", "holidays": "US-MA",
    "callback_phone": "(617) 555-0142", "channel": "CBOSTON1",
    "aliases": ["Boston", "Federal Street"],
}
PHOENIX: dict[str, Any] = {
    "name": "Phoenix call center", "business": "Acme Dental Group",
    "address": "2 N Central Ave, Phoenix, AZ 85004", "timezone": "America/Phoenix",
    "business_hours": "Mon-Sun 00:00-24:00", "holidays": "none",
    "callback_phone": "602-555-0199", "aliases": ["Phoenix"],
}
REPORT_ANSWERS: dict[str, Any] = {
    "AOTS ticket": "ABC12345",
    "Symptoms": ["Entire site down"],
    "Users affected": "The entire site",
}


def add_sites(app: AppUnderTest, *sites: dict[str, Any]) -> list[Site]:
    """Put sites in the directory (as `bvoip sites import` does)."""
    built = [build_site(raw) for raw in sites]
    app.store.sites.upsert_all(built, "U999", START)
    return built


def labels(view: dict) -> list[str]:
    """The labels of a modal's inputs, top to bottom."""
    return [b["label"]["text"] for b in view["blocks"] if b.get("type") == "input"]


def initial(view: dict, label: str) -> Any:
    """What an input shows before anyone types: its text, option text or conversation."""
    block = next(b for b in view["blocks"]
                 if b.get("type") == "input" and b["label"]["text"] == label)
    element = block["element"]
    if element.get("initial_option"):
        return element["initial_option"]["text"]["text"]
    return element.get("initial_value") or element.get("initial_conversation")


async def report_at_site(app: AppUnderTest, channel: str, reported: dt.datetime,
                         text: str = "no calls in or out") -> dict:
    """/bvoip report in a channel (its site chosen already), reported to AT&T at `reported`;
    returns the card."""
    view = await app.open_report(text, channel_id=channel)
    posted = len(app.fake.messages.get(channel, []))
    reply = await app.submit(view, {**REPORT_ANSWERS,
                                    "When it was reported to AT&T": int(reported.timestamp())})
    assert reply.text == "", reply.text
    return await new_card(app, channel, posted)
