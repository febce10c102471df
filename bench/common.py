"""What both benchmarks share: the machine they ran on, percentiles, child processes that
cannot outlive the benchmark, /proc readings, and the fake Slack served from its own process.

`python -m bench.common fake` serves a FakeSlack (tests/fakeslack) on an ephemeral loopback
port, prints `READY <port>` and runs until its stdin closes or it gets SIGTERM. It keeps
only recent calls, messages and views, so that hours of load do not slow it down.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import aiohttp

from tests.fakeslack import FakeSlack

REPO = Path(__file__).resolve().parents[1]
SIGNING_SECRET = "bench-signing-secret"
USER_ID, CHANNEL_ID, TEAM_ID = "U123", "C123", "T0001"


# ---------------------------------------------------------------------- the machine
def machine() -> dict[str, Any]:
    """nproc, CPU model, Python and the code measured (commit, and whether it was edited)."""
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    info: dict[str, Any] = {
        "nproc": usable,
        "cpu_model": model or platform.processor() or "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    with contextlib.suppress(OSError):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        mem = [ln for ln in Path("/proc/meminfo").read_text().splitlines()
               if ln.startswith("MemTotal")]
        if mem:
            info["mem_total_mb"] = int(mem[0].split()[1]) // 1024
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                                capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=REPO, capture_output=True, text=True, timeout=10).stdout
        info["commit"] = commit or None
        info["uncommitted_changes"] = bool(dirty.strip())
    return info


def machine_line(info: dict[str, Any]) -> str:
    edited = " (+ uncommitted changes)" if info.get("uncommitted_changes") else ""
    return (f"machine: {info['nproc']} CPUs, {info['cpu_model']}, Python {info['python']}, "
            f"commit {info.get('commit')}{edited}")


def to_stderr(text: str) -> None:
    """Progress, on stderr (stdout ends with the JSON line)."""
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- statistics
def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated between the closest ranks."""
    data = sorted(values)
    if not data:
        return math.nan
    rank = (len(data) - 1) * q / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    return data[low] + (data[high] - data[low]) * (rank - low)


def summary(values: list[float], scale: float = 1.0, digits: int = 3) -> dict[str, Any]:
    """n, p50, p99, max and mean of `values` × `scale` (e.g. 1000 for seconds → ms)."""
    if not values:
        return {"n": 0, "p50": None, "p99": None, "max": None, "mean": None}
    return {
        "n": len(values),
        "p50": round(percentile(values, 50) * scale, digits),
        "p99": round(percentile(values, 99) * scale, digits),
        "max": round(max(values) * scale, digits),
        "mean": round(sum(values) / len(values) * scale, digits),
    }


def median(values: list[float]) -> float:
    return percentile(values, 50)


# ---------------------------------------------------------------------- /proc
def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (/proc/<pid>/stat)."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2:].split()  # fields[0] is the state (field 3)
    ticks = int(fields[11]) + int(fields[12])  # utime (14) + stime (15)
    return ticks / os.sysconf("SC_CLK_TCK")


def status_kb(pid: int, key: str) -> int:
    """One `kB` figure of /proc/<pid>/status, e.g. VmHWM (peak resident) or VmRSS."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


# ---------------------------------------------------------------------- child processes
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:  # runs in the child, between fork and exec
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: SIGTERM when the benchmark dies


class Child:
    """A process the benchmark started: it ends when the benchmark ends, however it ends."""

    def __init__(self, name: str, proc: asyncio.subprocess.Process, log_path: Path) -> None:
        self.name = name
        self.proc = proc
        self.log_path = log_path

    @property
    def pid(self) -> int:
        return self.proc.pid

    @classmethod
    async def start(cls, name: str, args: list[str], log_path: Path,
                    env: dict[str, str] | None = None, ready_line: bool = True) -> Child:
        """Start `args` (stdin a pipe it may watch; stderr to `log_path`). With `ready_line`,
        stdout is a pipe on which the child prints `READY <port>`."""
        with open(log_path, "ab") as log:
            proc = await asyncio.create_subprocess_exec(
                *args, cwd=REPO, env=env or child_env(), stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE if ready_line else log, stderr=log,
                preexec_fn=_die_with_parent)
        return cls(name, proc, log_path)

    async def ready_port(self, timeout: float = 60.0) -> int:
        """The port from the child's `READY <port>` line."""
        assert self.proc.stdout is not None
        try:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        except TimeoutError:
            raise RuntimeError(f"{self.name} did not start within {timeout}s; "
                               f"see {self.log_path}:\n{self.log_tail()}") from None
        words = line.decode().split()
        if len(words) != 2 or words[0] != "READY":
            raise RuntimeError(f"{self.name} failed to start ({line!r}):\n{self.log_tail()}")
        return int(words[1])

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def stop(self, timeout: float = 10.0) -> int | None:
        """Close stdin, SIGTERM, wait; SIGKILL if it will not go. Returns its exit status."""
        if self.proc.returncode is not None:
            return self.proc.returncode
        if self.proc.stdin is not None:
            with contextlib.suppress(Exception):
                self.proc.stdin.close()
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            return await self.proc.wait()


def child_env(**extra: str) -> dict[str, str]:
    """The environment for children: this one, without Slack settings from the shell."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "BVOIP_")) and k != "PORT"}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


async def wait_http_ok(url: str, timeout: float = 60.0, child: Child | None = None) -> float:
    """Poll GET `url` until it answers 200; returns the wall time (time.time()) it did."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while True:
            with contextlib.suppress(aiohttp.ClientError, OSError):
                async with session.get(url) as response:
                    if response.status == 200:
                        return time.time()
            if child is not None and child.proc.returncode is not None:
                raise RuntimeError(f"{child.name} exited ({child.proc.returncode}):\n"
                                   f"{child.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} not answering after {timeout}s")
            await asyncio.sleep(0.02)


class _WatchEOF(asyncio.Protocol):
    def __init__(self, stop: asyncio.Event) -> None:
        self.stop = stop

    def eof_received(self) -> bool:
        self.stop.set()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.stop.set()


async def until_stopped() -> None:
    """In a child: return on SIGTERM / SIGINT or when the parent closes our stdin."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    with contextlib.suppress(OSError, ValueError):  # stdin not a pipe: signals only
        await loop.connect_read_pipe(lambda: _WatchEOF(stop), sys.stdin)
    await stop.wait()


def announce_ready(port: int) -> None:
    print(f"READY {port}", flush=True)


# ---------------------------------------------------------------------- fake Slack
class BenchFakeSlack(FakeSlack):
    """FakeSlack that counts every answer and serves two extra methods for the benchmark:
    `bench.latestView` (the view an app opened, as Slack stored it) and `bench.counts`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.counts: Counter[str] = Counter()

    def api_handlers(self) -> dict:
        return {**super().api_handlers(), "bench.latestView": self._bench_latest_view,
                "bench.counts": self._bench_counts}

    def _answer(self, call: Any, body: dict, status: int = 200, **headers: str) -> Any:
        if not call.method.startswith("bench."):
            outcome = "ok" if body.get("ok") else f"error:{body.get('error')}"
            self.counts[f"{call.method} {outcome}"] += 1
            view = call.args.get("view")
            if call.method == "views.open" and isinstance(view, dict):
                self.counts[f"views.open {outcome} {view.get('callback_id')}"] += 1
        return super()._answer(call, body, status, **headers)

    def _bench_latest_view(self, args: dict) -> dict:
        try:
            return {"ok": True, "view": self.latest_view(args.get("callback_id") or None)}
        except AssertionError:
            return {"ok": False, "error": "not_found"}

    def _bench_counts(self, args: dict) -> dict:
        return {"ok": True, "counts": dict(self.counts), "rejected": self.rejected[-20:]}

    def trim(self, keep_views: int = 50) -> None:
        """Forget what is no longer needed: recorded calls, messages, old views."""
        self.calls.clear()
        self.messages.clear()
        self.responses.clear()
        self.ephemeral.clear()
        old = self._view_order[:-keep_views]
        del self._view_order[:-keep_views]
        for view_id in old:
            self.views.pop(view_id, None)


def seed_workspace(fake: FakeSlack, channels: Iterable[str] = (CHANNEL_ID,)) -> None:
    """The reporter and the channels the apps post in."""
    fake.add_user(USER_ID, real_name="Dana Ruiz", phone="(813) 555-0142", tz="America/Chicago")
    for channel in channels:
        fake.add_channel(channel, channel.lower())


async def serve_fake() -> None:
    fake = BenchFakeSlack()
    await fake.start()
    seed_workspace(fake)

    async def trim_now_and_then() -> None:
        while True:
            await asyncio.sleep(2.0)
            fake.trim()

    trimmer = asyncio.create_task(trim_now_and_then())
    assert fake.port is not None
    announce_ready(fake.port)
    try:
        await until_stopped()
    finally:
        trimmer.cancel()
        await fake.stop()


class FakeClient:
    """The benchmark's side door into a fake Slack running in another process."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession,
                 token: str = "xoxb-test-token") -> None:
        self.base_url = base_url
        self.session = session
        self.token = token

    async def _call(self, method: str, **params: str) -> dict:
        async with self.session.post(f"{self.base_url}{method}",
                                     data={"token": self.token, **params}) as response:
            return json.loads(await response.text())

    async def latest_view(self, callback_id: str, timeout: float = 10.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            answer = await self._call("bench.latestView", callback_id=callback_id)
            if answer.get("ok"):
                return answer["view"]
            if time.monotonic() > deadline:
                raise RuntimeError(f"no view {callback_id!r} was opened")
            await asyncio.sleep(0.02)

    async def counts(self) -> dict:
        return await self._call("bench.counts")


if __name__ == "__main__":
    if sys.argv[1:] != ["fake"]:
        sys.exit("usage: python -m bench.common fake")
    asyncio.run(serve_fake())
