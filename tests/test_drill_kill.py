"""Drill: `bvoip run` killed with SIGKILL during a burst of level posts, then restarted.
Every level is posted, none twice."""

import asyncio
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from zoneinfo import ZoneInfo

from bot.incident import NewIncident
from bot.matrix import load_matrix
from bot.schedule import timeline
from bot.settings import BusinessHours
from bot.severity import Scope, Severity, Symptom
from storage import Store
from tests.fakeslack import FakeSlack

CHANNELS = ["C100", "C200", "C300"]
INCIDENTS = 24


def _seed(db_path, reported_at: dt.datetime) -> None:
    store = Store(db_path)
    matrix, hours = load_matrix(), BusinessHours.parse("Mon-Fri 08:00-17:00", "US")
    for n in range(INCIDENTS):
        new = NewIncident(
            team_id="T0001", channel_id=CHANNELS[n % len(CHANNELS)], reporter_id="U123",
            submission_key=f"V{n}", business_name="Acme", location=f"Site {n}",
            reporter_name="Dana", callback_phone="+18135550142", tickets=["ABC12345"],
            reported_at=reported_at, symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
            classified_severity=Severity.HIGH, severity=Severity.HIGH, severity_reasons=["r"],
            description="down", action_requested="Restore service", timezone="America/Chicago",
            created_at=reported_at)
        incident, _ = store.incidents.create(new)
        rows = timeline(matrix, Severity.HIGH, reported_at, ZoneInfo("America/Chicago"), hours)
        store.levels.schedule(incident.id, {o.level: o.opens_at for o in rows}, reported_at)
    store.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(fake: FakeSlack, db_path) -> subprocess.Popen:
    env = {**os.environ, "SLACK_BOT_TOKEN": fake.bot_token, "SLACK_SIGNING_SECRET": "drill",
           "SLACK_API_URL": fake.base_url, "BVOIP_DB": str(db_path)}
    env.pop("SLACK_APP_TOKEN", None)
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--http", "--host",
                             "127.0.0.1", "--port", str(_free_port())], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _level_posts(fake: FakeSlack) -> list[tuple[int, int]]:
    found = []
    for channel in CHANNELS:
        for message in fake.messages.get(channel, []):
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if "level" in payload:
                found.append((payload["incident"], payload["level"]))
    return found


async def _until(check, timeout: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


async def test_kill_9_during_a_burst_then_restart_posts_every_level_once(db):
    db_path = db
    # Reported 3 h 30 min ago: Levels 1–3 of each incident are due — a burst of posts.
    _seed(db_path, dt.datetime.now(dt.UTC) - dt.timedelta(hours=3, minutes=30))
    async with FakeSlack() as fake:
        for channel in CHANNELS:
            fake.add_channel(channel, channel.lower())
        first = _start(fake, db_path)
        try:
            await _until(lambda: len(_level_posts(fake)) >= 4, timeout=60)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            first.kill()
        posted_before = len(_level_posts(fake))
        assert posted_before < INCIDENTS  # killed in the middle of the burst
        second = _start(fake, db_path)
        try:
            await _until(lambda: len({i for i, _ in _level_posts(fake)}) >= INCIDENTS,
                         timeout=30)
            await asyncio.sleep(1.0)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=10)
    posts = Counter(_level_posts(fake))
    assert set(posts) == {(n, 3) for n in range(1, INCIDENTS + 1)}  # the highest open level
    assert max(posts.values()) == 1, [k for k, v in posts.items() if v > 1]
    store = Store(db_path)
    states = Counter(r.state for n in range(1, INCIDENTS + 1)
                     for r in store.levels.for_incident(n))
    store.close()
    assert states == {"posted": 3 * INCIDENTS, "pending": INCIDENTS}
