"""Does the reminder loop post on time under a pile of open incidents, and what does it cost?

    python -m bench.reminders [--quick] [--db postgresql://user:pass@host:5432/db]

With `--db`, the same run uses that PostgreSQL database instead of a SQLite file: it works in
a new schema of its own, dropped at the end, so the database may hold other data.

A database with 10,000 open Severity 1 incidents across 100 channels, each with its card
already posted, is seeded through `storage` (Store, NewIncident, store.levels.schedule).
1,000 of them (10 per channel) have Level 1 opening in the same second; every other level of
every incident opens an hour or more later. `bvoip run --http` runs as a subprocess against
the fake Slack Web API served by this process, with the real clock; the 1,000 levels open
about 5 s after the process answers /healthz (its start-up time is measured first, on the
same database, to place that moment).

Lateness is (when the fake received the level's chat.postMessage) − (when the level opened).
The fake records each call as it arrives and answers chat.postMessage / chat.update without
checking the blocks (it checks them all afterwards), and this process freezes its seeded
objects out of the garbage collector, so the recorded arrival times are not held up here.
Slack's pace (bot/pacing.py: a burst of 3, then 1 message a second per channel) means the
k-th level message in one channel cannot go out before (k − 3) s after the opening; the
lateness beyond that allowance is what the goal is about. Then the process's CPU use over
30 s idle with all 10,000 incidents still pending (/proc/<pid>/stat utime + stime), and its
peak resident memory (VmHWM from /proc/<pid>/status).

The last line printed is one JSON object with every figure, the goals and pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import math
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.common import (
    SIGNING_SECRET,
    USER_ID,
    BenchFakeSlack,
    Child,
    child_env,
    cpu_seconds,
    free_port,
    machine,
    seed_workspace,
    status_kb,
    to_stderr,
    wait_http_ok,
)
from bench.databases import database_mb, own_schema
from bench.reminders_report import lateness_figures, print_table
from bot.incident import NewIncident
from bot.matrix import load_matrix
from bot.pacing import ChannelPacer
from bot.schedule import timeline
from bot.settings import BusinessHours
from bot.severity import Scope, Severity, Symptom
from storage import Store
from tests.fakeslack.validate import validate_message

ZONE = "America/Chicago"
LEVEL = 1  # the level that opens for the due incidents
GOALS = {"lateness_beyond_pace_p99_s": 1.0, "idle_cpu_percent": 1.0, "peak_rss_mb": 120.0}


@dataclass
class RemindersConfig:
    incidents: int = 10_000
    due: int = 1_000  # spread evenly over the channels
    channels: int = 100
    lead: float = 5.0  # seconds from the process answering /healthz to the levels opening
    idle: float = 30.0  # seconds of idle CPU measured
    burst_timeout: float = 180.0  # give up waiting for the posts after this (s)
    measure_startup: bool = True  # start once before, to time the start-up
    startup_guess: float = 5.0  # used when measure_startup is False (s)
    settle: float = 1.0  # after the last card refresh, before measuring idle (s)


# ---------------------------------------------------------------------- seeding
def channel_ids(count: int) -> list[str]:
    return [f"CBENCH{n:04d}" for n in range(count)]


class Seeder:
    """Writes incidents through storage, with their card already posted in the fake."""

    def __init__(self, store: Store, fake: BenchFakeSlack) -> None:
        self.store = store
        self.fake = fake
        self.matrix = load_matrix()
        self.hours = BusinessHours.parse("Mon-Fri 08:00-17:00", "US")  # the app's defaults
        self.zone = ZoneInfo(ZONE)
        self.count = 0

    def incident(self, channel: str, reported_at: dt.datetime) -> tuple[int, dict[int, float]]:
        """One open Severity 1 incident; returns its id and when each level opens (epoch)."""
        self.count += 1
        new = NewIncident(
            team_id="T0001", channel_id=channel, reporter_id=USER_ID,
            submission_key=f"VSEED{self.count:06d}", business_name="Acme Dental",
            location=f"Site {self.count}", reporter_name="Dana Ruiz",
            callback_phone="+18135550142", tickets=[f"ABC{self.count:05d}"],
            reported_at=reported_at, symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
            classified_severity=Severity.HIGH, severity=Severity.HIGH,
            severity_reasons=["The entire site is down."], description="No calls in or out",
            action_requested="Restore service", timezone=ZONE, created_at=reported_at)
        incident, _ = self.store.incidents.create(new)
        openings = timeline(self.matrix, Severity.HIGH, reported_at, self.zone, self.hours)
        self.store.levels.schedule(incident.id, {o.level: o.opens_at for o in openings},
                                   reported_at)
        ts = f"1600000000.{self.count:06d}"
        self.fake.messages.setdefault(channel, []).append({
            "type": "message", "user": self.fake.bot_user_id, "bot_id": self.fake.bot_id,
            "app_id": self.fake.app_id, "team": self.fake.team_id, "ts": ts,
            "text": f"{incident.number}: card"})
        self.store.incidents.set_card(incident.id, ts)
        return incident.id, {o.level: o.opens_at.timestamp() for o in openings}

    def level_interval(self) -> dt.timedelta:
        return self.matrix.level(LEVEL).interval(Severity.HIGH)


class LeanFakeSlack(BenchFakeSlack):
    """The fake Slack for this benchmark: it records each call on arrival, as FakeSlack does,
    but answers chat.postMessage / chat.update without checking the blocks or copying the
    message, so that its own CPU hardly delays the arrival times it records. The messages
    are checked against Slack's rules afterwards (off the clock): see `refused_afterwards`."""

    def _chat_post_message(self, args: dict) -> dict:
        cid, refusal = self._postable_channel(args.get("channel"))
        if refusal is not None:
            return refusal
        ts = self._next_ts()
        self.messages.setdefault(cid, []).append({
            "type": "message", "ts": ts, "text": args.get("text") or "",
            "thread_ts": args.get("thread_ts"), "metadata": args.get("metadata")})
        return {"ok": True, "channel": cid, "ts": ts}

    def _chat_update(self, args: dict) -> dict:
        cid = self._find_channel(args.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": cid, "ts": args.get("ts"), "text": args.get("text") or ""}


def refused_afterwards(fake: BenchFakeSlack) -> list[str]:
    """What Slack would have refused among the messages posted and updated."""
    refused = []
    for call in fake.calls:
        if call.method in ("chat.postMessage", "chat.update"):
            problem = validate_message(call.args)
            if problem is not None:
                refused.append(f"{call.method}: {problem[0]}: {'; '.join(problem[1])[:200]}")
    return refused


# ---------------------------------------------------------------------- the app process
def app_env(fake: BenchFakeSlack, db_path: Path | str) -> dict[str, str]:
    return child_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                     SLACK_API_URL=fake.base_url, BVOIP_DB=str(db_path))


async def start_app(fake: BenchFakeSlack, db_path: Path | str,
                    log_path: Path) -> tuple[Child, float]:
    """`bvoip run --http` on a free port; returns it and the wall time it answered /healthz."""
    port = free_port()
    child = await Child.start("bvoip run", [sys.executable, "-m", "bot.cli", "run", "--http",
                                            "--host", "127.0.0.1", "--port", str(port)],
                              log_path, env=app_env(fake, db_path), ready_line=False)
    try:
        ready = await wait_http_ok(f"http://127.0.0.1:{port}/healthz", child=child)
    except BaseException:
        await child.stop()
        raise
    return child, ready


def level_posts(fake: BenchFakeSlack) -> list[tuple[float, str, int, int]]:
    """(monotonic arrival, channel, incident, level) of every level message the fake got."""
    found = []
    for call in fake.calls:
        if call.method != "chat.postMessage" or not isinstance(call.args.get("metadata"), dict):
            continue
        payload = call.args["metadata"].get("event_payload") or {}
        if "level" in payload:
            found.append((call.at, str(call.args.get("channel")), int(payload["incident"]),
                          int(payload["level"])))
    return found


def count_calls(fake: BenchFakeSlack, method: str) -> int:
    return sum(1 for c in fake.calls if c.method == method)


async def wait_for(check: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(step)
    return True


# ---------------------------------------------------------------------- figures
async def run_reminders(config: RemindersConfig | None = None, workdir: Path | None = None,
                        progress: Callable[[str], None] | None = None,
                        db: str | None = None) -> dict[str, Any]:
    """The whole benchmark; returns the result (what the JSON line holds)."""
    config = config or RemindersConfig()
    host = machine()
    say = progress or (lambda _: None)
    started = time.monotonic()
    channels = channel_ids(config.channels)
    fake = LeanFakeSlack()
    await fake.start()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-reminders-") as tmp:
            work = workdir or Path(tmp)
            if db is None:
                return await _run(config, fake, channels, work / "bvoip.db", work, say, started,
                                  host)
            with own_schema(db) as location:
                return await _run(config, fake, channels, location, work, say, started, host)
    finally:
        await fake.stop()


async def _run(config: RemindersConfig, fake: BenchFakeSlack, channels: list[str],
               db_path: Path | str, work: Path, say: Callable[[str], None],
               started: float, host: dict[str, Any]) -> dict[str, Any]:
    seed_workspace(fake, channels)
    store = Store(db_path)
    seeder = Seeder(store, fake)
    say(f"seeding {config.incidents - config.due} incidents whose levels open in an hour")
    t0 = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    for n in range(config.incidents - config.due):
        seeder.incident(channels[n % len(channels)], now)
    per_incident = (time.monotonic() - t0) / max(1, config.incidents - config.due)
    store.close()

    startup = config.startup_guess
    if config.measure_startup:
        say("timing the start-up on that database")
        t1 = time.time()
        child, ready = await start_app(fake, db_path, work / "app-first.log")
        startup = ready - t1
        await child.stop()

    # The due levels open `lead` s after the process is expected to answer /healthz.
    seed_due = per_incident * config.due * 1.5 + 0.5
    opens_at = math.ceil(time.time() + seed_due + startup * 1.3 + config.lead)
    opens_dt = dt.datetime.fromtimestamp(opens_at, dt.UTC)
    say(f"seeding {config.due} incidents whose Level {LEVEL} opens at {opens_dt:%H:%M:%S} UTC")
    store = Store(db_path)
    seeder.store = store
    due_opens: dict[int, float] = {}
    for n in range(config.due):
        incident_id, levels = seeder.incident(channels[n % len(channels)],
                                              opens_dt - seeder.level_interval())
        assert levels[LEVEL] == opens_at, (levels, opens_at)
        due_opens[incident_id] = levels[LEVEL]
    seed_seconds = time.monotonic() - t0
    db_mb = database_mb(store, work)
    store.close()

    gc.collect()
    gc.freeze()  # no collection pause in this process while it records arrival times
    t2 = time.time()
    child, ready = await start_app(fake, db_path, work / "app.log")
    try:
        lead = opens_at - ready
        say(f"ready after {ready - t2:.1f} s; levels open in {lead:.1f} s")
        cpu_ready, rss_ready_kb = cpu_seconds(child.pid), status_kb(child.pid, "VmRSS")
        await asyncio.sleep(max(0.0, opens_at - time.time()))
        cpu_opening = cpu_seconds(child.pid)
        say("waiting for the level posts")
        all_posted = await wait_for(lambda: len(level_posts(fake)) >= config.due,
                                    config.burst_timeout)
        burst_end = time.time()
        # Each level post is followed by the card's refresh (chat.update): let them finish.
        await wait_for(lambda: count_calls(fake, "chat.update") >= config.due, 15.0)
        await asyncio.sleep(config.settle)
        cpu_burst = cpu_seconds(child.pid) - cpu_opening
        posts = level_posts(fake)
        say(f"idle for {config.idle:.0f} s")
        calls_before, cpu_before = len(fake.calls), cpu_seconds(child.pid)
        idle_started = time.monotonic()
        await asyncio.sleep(config.idle)
        idle_cpu = cpu_seconds(child.pid) - cpu_before
        idle_seconds = time.monotonic() - idle_started
        calls_idle = len(fake.calls) - calls_before
        peak_kb, rss_kb = status_kb(child.pid, "VmHWM"), status_kb(child.pid, "VmRSS")
    finally:
        exit_status = await child.stop()
        gc.unfreeze()
    log_tail = child.log_tail(10)

    mono_to_wall = time.time() - time.monotonic()
    figures = lateness_figures(posts, due_opens, mono_to_wall, ChannelPacer())
    counts = Counter((incident, level) for _, _, incident, level in posts)
    refused = refused_afterwards(fake)
    store = Store(db_path)
    try:
        posted_rows = store.db.execute(
            "SELECT COUNT(*) FROM levels WHERE state = 'posted'").fetchone()[0]
        pending_rows = store.db.execute(
            "SELECT COUNT(*) FROM levels WHERE state = 'pending'").fetchone()[0]
    finally:
        store.close()
    idle_pct = idle_cpu / idle_seconds * 100
    peak_mb = peak_kb / 1024
    beyond_p99 = figures["lateness_beyond_pace_s"]["p99"]
    goals = [
        {"goal": "p99 lateness beyond Slack's per-channel pace (s)",
         "limit": GOALS["lateness_beyond_pace_p99_s"], "value": beyond_p99,
         "pass": all_posted and beyond_p99 is not None
         and beyond_p99 < GOALS["lateness_beyond_pace_p99_s"]},
        {"goal": "idle CPU (% of one core)", "limit": GOALS["idle_cpu_percent"],
         "value": round(idle_pct, 3), "pass": idle_pct < GOALS["idle_cpu_percent"]},
        {"goal": "peak resident memory (MB)", "limit": GOALS["peak_rss_mb"],
         "value": round(peak_mb, 1), "pass": peak_mb < GOALS["peak_rss_mb"]},
    ]
    return {
        "bench": "reminders",
        "command": "python -m bench.reminders",
        "database": "postgresql" if "://" in str(db_path) else "sqlite",
        "machine": host,
        "setup": {**asdict(config), "database_mb": round(db_mb, 1),
                  "seed_seconds": round(seed_seconds, 1),
                  "startup_seconds": round(ready - t2, 2),
                  "lead_seconds": round(lead, 2),
                  "clock": "real; lateness from the fake's arrival time (this process)"},
        "results": {
            **figures,
            "burst": {"posted": len(posts), "expected": config.due,
                      "seconds_from_opening_to_last_post": round(burst_end - opens_at, 2),
                      "cpu_seconds": round(cpu_burst, 2),
                      "cpu_seconds_ready_to_opening": round(cpu_opening - cpu_ready, 3)},
            "idle": {"seconds": round(idle_seconds, 1), "cpu_seconds": round(idle_cpu, 3),
                     "cpu_percent_of_one_core": round(idle_pct, 3),
                     "slack_calls_while_idle": calls_idle},
            "memory": {"peak_rss_mb": round(peak_mb, 1),
                       "rss_mb_when_ready": round(rss_ready_kb / 1024, 1),
                       "rss_mb_at_end": round(rss_kb / 1024, 1)},
        },
        "checks": {
            "every_level_posted": all_posted,
            "posted_twice": sum(1 for n in counts.values() if n > 1),
            "wrong_level": sum(1 for (_, level) in counts if level != LEVEL),
            "levels_marked_posted": posted_rows,
            "levels_still_pending": pending_rows,
            "refused_by_slack_rules": len(refused),
            "first_refusals": refused[:3],
            "exit_status": exit_status,
            "app_log_tail": log_tail if exit_status else "",
        },
        "goals": goals,
        "all_goals_met": all(g["pass"] for g in goals),
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="1,000 incidents, 100 due, 10 s idle")
    parser.add_argument("--workdir", type=Path, help="keep the database and logs there")
    parser.add_argument("--db", metavar="URL",
                        help="a postgresql:// URL to run on instead of a SQLite file")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up as on Ctrl-C
    config = RemindersConfig()
    if args.quick:
        config = RemindersConfig(incidents=1_000, due=100, channels=10, idle=10.0)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    result = asyncio.run(run_reminders(config, workdir=args.workdir, progress=to_stderr,
                                       db=args.db))
    print_table(result)
    print(json.dumps(result))
    return 0 if result["checks"]["every_level_posted"] else 1


if __name__ == "__main__":
    sys.exit(main())
