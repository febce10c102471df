"""`/bvoip stats` through the real app against the fake Slack: each period form and a site,
the chart sent to the asker's DM, a bad period, Post in channel (that channel's own outages
only) and App Home's last 90 days. The expected figures are worked out here from the seeds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from bot.incident import NewIncident
from bot.severity import Scope, Severity, Symptom
from storage import Store
from tests.fakeslack.payloads import block_actions
from tests.flows import eventually, text_of
from tests.harness import START

PRIVATE = "CPRIV"
# (channel, site, days before START it was reported, minutes to restore or None while open)
SEEDS = [
    ("C123", "Tampa branch", 2, 60),
    ("C123", "Tampa branch", 10, 120),
    ("C123", "Tampa branch", 20, 180),
    ("C123", "Tampa branch", 60, 30),      # 2026-09-25: in 90d and 2026-Q3, not in 30d
    ("C123", "Tampa branch", 1, None),     # still open
    ("C123", "Reno office", 101, 45),      # 2026-08-15: only in 2026-Q3
    (PRIVATE, "Secret lab", 5, 600),       # a private channel U123 is not in
]


def seed(db_path) -> None:
    store = Store(db_path)
    for n, (channel, site, days, minutes) in enumerate(SEEDS):
        reported = START - dt.timedelta(days=days)
        incident, _ = store.incidents.create(NewIncident(
            team_id="T0001", channel_id=channel, reporter_id="U123", submission_key=f"s{n}",
            business_name="Acme", location=site, reporter_name="Dana",
            callback_phone="+18135550142", tickets=[f"AOTS{n:05d}"], reported_at=reported,
            symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
            classified_severity=Severity.HIGH, severity=Severity.HIGH,
            severity_reasons=["seeded"], description="down", action_requested="Restore",
            timezone="America/New_York", created_at=reported))
        if minutes is not None:
            restored = reported + dt.timedelta(minutes=minutes)
            store.incidents.resolve(incident.id, restored, "fixed")
            store.incidents.set_restoration(incident.id, restored, "fixed")
    store.close()


@pytest.fixture
async def seeded(app):
    app.fake.add_channel(PRIVATE, "lab", is_private=True, members=["U999"])
    app.fake.add_user("U999", real_name="Lab Admin")
    seed(app.db_path)
    return app


async def ask(app, text: str, user: str = "U123", channel: str = "C123") -> dict:
    """The private answer to a slash command, from the ack or the response URL."""
    url = app.fake.response_url()
    reply = await app.command(text, user_id=user, channel_id=channel, response_url=url)
    assert reply.status == 200
    answer = reply.json if reply.text.startswith("{") else {"text": reply.text}
    if "Looking that up" in (answer.get("text") or ""):
        answer = (await eventually(lambda: app.fake.responses_to(url)))[-1]
    return answer


@pytest.mark.parametrize(("words", "outages", "median"), [
    ("stats", 4, "2 h 00 min"),                  # the last 30 days by default
    ("stats 30d", 4, "2 h 00 min"),
    ("stats 90d", 5, "1 h 00 min"),
    ("stats 2026-Q4", 4, "2 h 00 min"),
    ("stats 2026-q3", 2, "30 min"),
    ("stats 90d tampa BRANCH", 5, "1 h 00 min"),
    ("stats 2026-Q3 Reno office", 1, "45 min"),
])
async def test_stats_for_each_period_and_a_site(seeded, words, outages, median):
    answer = await ask(seeded, words)
    shown = text_of(answer)
    assert f"*Outages:* {outages} " in shown
    assert f"Time to restore* (report to AT&T → restored): median {median}" in shown
    assert "Secret lab" not in shown  # U123 is not in the private channel
    dm = await eventually(lambda: [f for f in seeded.fake.shared_files()
                                   if f["channel"].startswith("D")])
    chart = Image.open(io.BytesIO(dm[-1]["content"]))
    chart.load()
    assert chart.format == "PNG"
    assert "I sent you the chart in your direct messages" in shown
    seeded.fake.assert_nothing_rejected()


async def test_open_outages_are_counted_apart(seeded):
    shown = text_of(await ask(seeded, "stats 30d"))
    assert "*still open:* 1" in shown and "longest 3 h 00 min" in shown


@pytest.mark.parametrize(("words", "said"), [
    ("stats 12x", "cannot read the period '12x'"),
    ("stats 2026-Q7", "cannot read the period '2026-Q7'"),
    ("stats 0d", "cannot count back 0 days"),
    ("stats 90d Secret lab", "unknown site 'Secret lab'"),
])
async def test_a_bad_period_or_site_gets_one_line(seeded, words, said):
    answer = await ask(seeded, words)
    assert "blocks" not in answer and "\n" not in answer["text"]
    assert said in answer["text"].replace("\u2060", "")
    if "unknown site" in answer["text"]:  # only the sites U123 may see are listed
        assert "the sites with outages are Reno office, Tampa branch" in answer["text"]
    assert not seeded.fake.shared_files()


async def test_post_in_channel_shares_only_that_channels_outages(seeded):
    answer = await ask(seeded, "stats 90d", user="U999")  # U999 is in both channels
    shown = text_of(answer)
    assert "*Outages:* 6 " in shown and "Secret lab" in shown
    assert "shares only the 5 outage(s) reported in this channel" in shown
    button = next(el for b in answer["blocks"] if b["type"] == "actions"
                  for el in b["elements"] if el["text"]["text"] == "Post in channel")
    before = len(seeded.fake.messages.get("C123", []))
    reply = await seeded.interact(block_actions(button["action_id"], message=answer,
                                                user_id="U999", channel_id="C123"))
    assert reply.status == 200
    chart = await eventually(lambda: seeded.fake.shared_files(channel="C123"))
    # The open seeded outage's waiting card goes out after a command in its channel too:
    # the shared answer is the message that reports outages.
    [posted] = [m for m in seeded.fake.messages["C123"][before:] if "*Outages:*" in text_of(m)]
    assert "*Outages:* 5 " in text_of(posted) and "Secret lab" not in text_of(posted)
    assert not any(b["type"] == "actions" for b in posted["blocks"])
    assert Image.open(io.BytesIO(chart[0]["content"])).format == "PNG"
    seeded.fake.assert_nothing_rejected()


async def test_app_home_shows_the_last_90_days(seeded):
    await seeded.event({"type": "app_home_opened", "user": "U123", "tab": "home",
                        "channel": "D123", "event_ts": "1.0"})
    await seeded.fake.wait_for("views.publish")
    home = seeded.fake.calls_to("views.publish")[-1]["view"]
    shown = "\n".join(text_of({"blocks": [b]}) for b in home["blocks"])
    assert "Last 90 days" in shown and "*Outages:* 5 " in shown and "*still open:* 1" in shown
