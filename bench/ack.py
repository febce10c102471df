"""How fast the app acknowledges Slack (`python -m bench.ack [--quick]`), against a bare
Bolt app doing the least it can. Three child processes, so that the load generator (this
process) and the fake Slack never share a CPU-time slice or an event loop with what is
measured:

* `fake`:  the loopback fake Slack Web API (bench.common, tests/fakeslack);
* `app`:   the real app in HTTP mode: bot.server.App + web_app, SQLite in a temp dir;
* `floor`: a bare Bolt AsyncApp served the same way (aiohttp, to_bolt_request /
  to_aiohttp_response, same signing secret, same fake Slack, same logging) whose `/bvoip`
  acks and then opens a one-field modal, and whose view_submission listener only acks.

Both servers run with the aiohttp access log off and logging configured as `bvoip run` does.
The same signed `/bvoip report <text>` requests (a fresh trigger_id each) go to both, and a
valid report submission to each one's own modal (ours: the modal the app opened, captured
from the fake, each with its own view id, so each one stores an incident and posts a card).

Latency: from sending the request until its whole HTTP response has arrived (keep-alive).
At concurrency 1 the apps are asked in turn, A B A B…, each time after the app's work after
ack() is done (the fake answered its views.open and, ours, the profile's views.update, or
its card's chat.postMessage): every request meets an idle app. At concurrency 20, blocks of
100 requests alternate A B A B… with 20 in flight, so work after ack() competes with later
acks, as in a burst. Each app's CPU time per request (/proc) is reported too. The last line
is one JSON object with every figure, the goals and pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import secrets
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.ack_report import APP, FLOOR, cell_figures, goal_checks, print_table
from bench.ack_servers import (
    FLOOR_CALLBACK,
    REPORT_CALLBACK,
    configure_logging,
    floor_app,
    serve,
    serve_app,
)
from bench.common import (
    CHANNEL_ID,
    SIGNING_SECRET,
    TEAM_ID,
    USER_ID,
    Child,
    FakeClient,
    cpu_seconds,
    machine,
    status_kb,
    to_stderr,
)
from tests.fakeslack.modal import fill_modal
from tests.fakeslack.payloads import (
    form_body,
    interactive_body,
    signed_headers,
    slash_command,
    view_submission,
)

# What people type after `/bvoip report`, cycled through (the app reads it; the floor not).
TEXTS = [
    "the Tampa office is hard down",
    "nobody at the Miami branch can dial out",
    "one way audio on several phones at HQ since 9:40",
    "calls drop after 30 seconds at the Orlando site",
    "front desk phone has no dial tone",
    "inbound calls go straight to voicemail for the whole site",
    "choppy audio for most users at the warehouse",
    "entire site down, no calls in or out",
]


@dataclass
class AckConfig:
    """How much to send; the defaults keep a full run around two minutes on 2 cores."""

    concurrencies: tuple[int, ...] = (1, 20)
    requests: dict[int, int] = field(default_factory=lambda: {1: 1000, 20: 2000})  # per app
    warmup: int = 300  # per app and kind, at the highest concurrency
    block: int = 100  # requests per app per block at concurrency > 1
    settle: float = 0.002  # pause once an app's work after ack() is done (s)
    kinds: tuple[str, ...] = ("command", "submission")


# ---------------------------------------------------------------------- requests
@dataclass
class Target:
    """One app under test, from the load generator's side."""

    name: str
    url: str
    child: Child | None
    callback_id: str = ""  # of the modal its /bvoip opens
    view: dict | None = None  # its report modal as Slack stored it (with Slack's ids)
    values: dict | None = None  # a valid state.values for that modal
    sent: int = 0
    submitted: int = 0
    latencies: dict[str, list[float]] = field(default_factory=dict)


@dataclass
class Outcome:
    seconds: float
    status: int
    text: str


def response_url(fake_url: str) -> str:
    """A response_url served by the fake (respond() must never reach the real Slack)."""
    root = fake_url.removesuffix("/").removesuffix("/api")
    return f"{root}/response-url/{TEAM_ID}/{secrets.token_hex(8)}"


def command_request(fake_url: str, n: int) -> tuple[bytes, dict[str, str]]:
    body = form_body(slash_command(f"report {TEXTS[n % len(TEXTS)]}", user_id=USER_ID,
                                   channel_id=CHANNEL_ID, team_id=TEAM_ID,
                                   response_url=response_url(fake_url)))
    return body.encode(), signed_headers(SIGNING_SECRET, body)


def submission_request(target: Target, n: int) -> tuple[bytes, dict[str, str]]:
    assert target.view is not None and target.values is not None
    view_id = f"VBENCH{target.name.upper()}{n:07d}"
    view = {**target.view, "id": view_id, "root_view_id": view_id}
    body = interactive_body(view_submission(view, target.values, user_id=USER_ID,
                                            team_id=TEAM_ID))
    return body.encode(), signed_headers(SIGNING_SECRET, body)


def report_answers(now: dt.datetime) -> dict[str, Any]:
    """A full, valid Severity 1 report (by label); the rest is pre-filled by the app."""
    return {
        "Business name": "Acme Dental",
        "Your name": "Dana Ruiz",  # the profile fills these in after the modal opens
        "Callback phone": "(813) 555-0142",
        "Site / location": "Tampa branch, 100 Main St",
        "AOTS ticket": "ABC12345",
        "When it was reported to AT&T": int(now.timestamp()) - 600,
        "Symptoms": ["Entire site down"],
        "Users affected": "The entire site",
    }


def acked(kind: str, outcome: Outcome) -> bool:
    """Slack accepts it: 200 and an empty body (the app refusing a valid report is a fault)."""
    return outcome.status == 200 and outcome.text.strip() in ("", "{}")


async def send(session: aiohttp.ClientSession, url: str, body: bytes,
               headers: dict[str, str]) -> Outcome:
    started = time.perf_counter()
    async with session.post(url, data=body, headers=headers) as response:
        text = await response.text()
    return Outcome(time.perf_counter() - started, response.status, text)


# ---------------------------------------------------------------------- the load
def caught_up(target: Target, counts: dict[str, int]) -> bool:
    """Whether the fake has answered all the target's work after ack(): a views.open per
    command (ours: and the profile's views.update) and (ours) a card per submission."""
    def answered(start: str, end: str = "") -> int:
        return sum(n for k, n in counts.items() if k.startswith(start) and k.endswith(end))
    return answered("views.open ", " " + target.callback_id) >= target.sent and (
        target.name != APP or (answered("views.update ") >= target.sent
                               and answered("chat.postMessage ") >= target.submitted))


class Load:
    def __init__(self, session: aiohttp.ClientSession, fake_url: str,
                 config: AckConfig) -> None:
        self.session = session
        self.fake_url = fake_url
        self.fake = FakeClient(fake_url, session)
        self.config = config
        self.failures: list[dict[str, Any]] = []
        self.drain_timeouts = 0

    async def drain(self, target: Target, timeout: float = 15.0) -> None:
        """Wait until the target has finished its work after ack(), then a moment more."""
        deadline = time.monotonic() + timeout
        while not caught_up(target, (await self.fake.counts())["counts"]):
            if time.monotonic() > deadline:
                self.drain_timeouts += 1
                break
            await asyncio.sleep(0.002)
        await asyncio.sleep(self.config.settle)

    def build(self, target: Target, kind: str) -> tuple[bytes, dict[str, str]]:
        if kind == "command":
            target.sent += 1
            return command_request(self.fake_url, target.sent)
        target.submitted += 1
        return submission_request(target, target.submitted)

    async def one(self, target: Target, kind: str, request: tuple[bytes, dict[str, str]],
                  record: list[float] | None) -> None:
        outcome = await send(self.session, f"{target.url}/slack/events", *request)
        if not acked(kind, outcome):
            self.failures.append({"app": target.name, "kind": kind, "status": outcome.status,
                                  "body": outcome.text[:300]})
        elif record is not None:
            record.append(outcome.seconds)

    async def block(self, target: Target, kind: str, count: int, concurrency: int,
                    record: list[float] | None) -> None:
        """`count` requests to one app, `concurrency` of them always in flight."""
        requests = [self.build(target, kind) for _ in range(count)]
        pending = iter(requests)

        async def worker() -> None:
            for request in pending:
                await self.one(target, kind, request, record)

        await asyncio.gather(*(worker() for _ in range(min(concurrency, count))))

    async def cell(self, targets: list[Target], kind: str, concurrency: int,
                   count: int, record: bool = True) -> dict[str, dict[str, Any]]:
        """`count` requests to each target, alternating; latencies and CPU per target."""
        runs = {t.name: [] for t in targets}
        cpu_before = {t.name: _cpu(t) for t in targets}
        if concurrency == 1:
            for _ in range(count):
                for target in targets:
                    request = self.build(target, kind)
                    await self.one(target, kind, request, runs[target.name] if record else None)
                    await self.drain(target)
        else:
            left = count
            while left > 0:
                size = min(self.config.block, left)
                for target in targets:
                    await self.block(target, kind, size, concurrency,
                                     runs[target.name] if record else None)
                    await self.drain(target)
                left -= size
        cpu = {t.name: (_cpu(t) - cpu_before[t.name]) for t in targets}
        return {name: {"latencies": runs[name], "cpu_s": cpu[name]} for name in runs}


def _cpu(target: Target) -> float:
    return cpu_seconds(target.child.pid) if target.child is not None else 0.0


# ---------------------------------------------------------------------- the benchmark
async def start_servers(workdir: Path) -> tuple[Child, str, Target, Target]:
    fake = await Child.start("fake", [sys.executable, "-m", "bench.common", "fake"],
                             workdir / "fake.log")
    fake_url = f"http://127.0.0.1:{await fake.ready_port()}/api/"
    app = await Child.start(APP, [sys.executable, "-m", "bench.ack", "--role", "app",
                                  "--fake-url", fake_url, "--db", str(workdir / "bvoip.db")],
                            workdir / "app.log")
    floor = await Child.start(FLOOR, [sys.executable, "-m", "bench.ack", "--role", "floor",
                                      "--fake-url", fake_url], workdir / "floor.log")
    app_port, floor_port = await asyncio.gather(app.ready_port(), floor.ready_port())
    return (fake, fake_url, Target(APP, f"http://127.0.0.1:{app_port}", app, REPORT_CALLBACK),
            Target(FLOOR, f"http://127.0.0.1:{floor_port}", floor, FLOOR_CALLBACK))


async def capture_modals(load: Load, app: Target, floor: Target) -> None:
    """Open each one's modal once through the fake, and answer it validly."""
    for target in (app, floor):
        await load.one(target, "command", load.build(target, "command"), None)
        target.view = await load.fake.latest_view(target.callback_id)
    assert app.view is not None and floor.view is not None
    app.values = fill_modal(app.view, report_answers(dt.datetime.now(dt.UTC)))
    floor.values = fill_modal(floor.view, {"What is wrong": "the Tampa office is hard down"})


def incidents_stored(db_path: Path) -> int:
    conn = sqlite3.connect(str(db_path))
    try:
        return int(conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0])
    finally:
        conn.close()


async def wait_post_ack_work(fake: FakeClient, expected_cards: int, timeout: float = 30) -> dict:
    """Wait until the app's cards are all posted (the work after ack() has caught up)."""
    deadline = time.monotonic() + timeout
    while True:
        counts = (await fake.counts())["counts"]
        if counts.get("chat.postMessage ok", 0) >= expected_cards or time.monotonic() > deadline:
            return counts
        await asyncio.sleep(0.1)


async def run_ack(config: AckConfig | None = None, workdir: Path | None = None,
                  progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """The whole benchmark; returns the result (what the JSON line holds)."""
    config = config or AckConfig()
    host = machine()
    say = progress or (lambda _: None)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-ack-") as tmp:
        work = workdir or Path(tmp)
        fake_child, fake_url, app, floor = await start_servers(work)
        targets = [app, floor]
        try:
            connector = aiohttp.TCPConnector(limit=0, force_close=False)
            async with aiohttp.ClientSession(connector=connector) as session:
                load = Load(session, fake_url, config)
                await capture_modals(load, app, floor)
                say("warming up")
                top = max(config.concurrencies)
                for kind in config.kinds:
                    await load.cell(targets, kind, top, config.warmup, record=False)
                warm_failures = len(load.failures)
                cells: dict[str, dict[str, Any]] = {}
                for kind in config.kinds:
                    for concurrency in config.concurrencies:
                        count = config.requests[concurrency]
                        say(f"{kind} at concurrency {concurrency}: {count} per app")
                        measured = await load.cell(targets, kind, concurrency, count)
                        cells.setdefault(kind, {})[f"c{concurrency}"] = cell_figures(
                            measured, count)
                say("waiting for the work after ack() to finish")
                counts = await wait_post_ack_work(load.fake, app.submitted)
                rss = {t.name: {"peak_rss_mb": round(status_kb(t.child.pid, "VmHWM") / 1024, 1)}
                       for t in targets if t.child is not None}
        finally:
            stops = await asyncio.gather(*(t.child.stop() for t in targets if t.child),
                                         fake_child.stop())
        stored = incidents_stored(work / "bvoip.db")
        logs = {t.name: t.child.log_tail(5) for t in targets if t.child}
    goals = goal_checks(cells)
    return {
        "bench": "ack",
        "command": "python -m bench.ack",
        "machine": host,
        "setup": {**asdict(config), "requests": {f"c{k}": v for k, v in config.requests.items()},
                  "processes": "fake Slack, app and floor each in its own process; "
                               "load generator in the benchmark's process",
                  "latency": "send → whole HTTP response received, keep-alive connections"},
        "results": cells,
        "checks": {
            "failed_requests": len(load.failures),
            "failed_during_warmup": warm_failures,
            "drain_timeouts": load.drain_timeouts,
            "first_failures": load.failures[:5],
            "app_submissions_sent": app.submitted,
            "app_incidents_stored": stored,
            "views_opened": counts.get("views.open ok", 0),
            "commands_sent": app.sent + floor.sent,
            "cards_posted": counts.get("chat.postMessage ok", 0),
            "fake_slack_errors": {k: v for k, v in counts.items() if " error:" in k},
            "memory": rss,
            "exit_status": {"app": stops[0], "floor": stops[1], "fake": stops[2]},
            "app_log_tail": logs.get(APP, "") if stops[0] else "",
        },
        "goals": goals,
        "all_goals_met": all(g["pass"] for g in goals),
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ack", description=__doc__.split("\n")[0])
    parser.add_argument("--role", choices=("app", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--fake-url", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="a tenth of the requests")
    parser.add_argument("--workdir", type=Path, help="keep the database and logs there")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up as on Ctrl-C
    if args.role == "app":
        configure_logging()
        asyncio.run(serve_app(args.fake_url, args.db))
        return 0
    if args.role == "floor":
        configure_logging()
        asyncio.run(serve(floor_app(args.fake_url)))
        return 0
    config = AckConfig()
    if args.quick:
        config = AckConfig(requests={1: 100, 20: 200}, warmup=60)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    result = asyncio.run(run_ack(config, workdir=args.workdir, progress=to_stderr))
    print_table(result)
    print(json.dumps(result))
    return 0 if result["checks"]["failed_requests"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
