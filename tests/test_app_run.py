"""`bvoip run` as a process: a setting it needs stops the start with one line naming the
variable (exit 2, no traceback); a good start serves /healthz; tokens never reach the output."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.fakeslack import slash_command
from tests.scrape import CONTENT_TYPE, Scrape

BOT_TOKEN = "xoxb-1111-2222-sekritbot"
APP_TOKEN = "xapp-1-A0001-3333-sekritapp"
SIGNING_SECRET = "sekrit-signing-secret-4444"
SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, "sekrit")


def clean_env(tmp_path: Path, **env: str) -> dict[str, str]:
    """The test process's environment without any Slack or bvoip setting, plus `env`."""
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("SLACK_", "BVOIP_")) and k != "PORT"}
    # Nowhere to reach: a start that talked to Slack would fail loudly, not reach the internet.
    return {**kept, "BVOIP_DB": str(tmp_path / "bvoip.db"),
            "SLACK_API_URL": "http://127.0.0.1:9/api/", **env}


def bvoip_run(tmp_path: Path, args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", "run", *args], cwd=tmp_path,
                          env=clean_env(tmp_path, **env), capture_output=True, text=True,
                          timeout=30)


@pytest.mark.parametrize("args, env, variable", [
    (["--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET is required in HTTP mode"),
    ([], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET is required in HTTP mode"),
    (["--http"], {"SLACK_SIGNING_SECRET": SIGNING_SECRET}, "SLACK_BOT_TOKEN is required"),
    (["--socket"], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN is required in Socket Mode"),
    (["--http"], {"SLACK_BOT_TOKEN": "xoxp-user-sekrit", "SLACK_SIGNING_SECRET": SIGNING_SECRET},
     "SLACK_BOT_TOKEN must be a bot token starting with xoxb-"),
    (["--socket"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong-sekrit"},
     "SLACK_APP_TOKEN must be an app-level token starting with xapp-"),
    (["--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                  "PORT": "eighty"}, "PORT must be a port number"),
    (["--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                  "BVOIP_TIMEZONE": "Mars/Olympus"}, "BVOIP_TIMEZONE: unknown time zone"),
    (["--http", "--port", "70000"], {"SLACK_BOT_TOKEN": BOT_TOKEN,
                                     "SLACK_SIGNING_SECRET": SIGNING_SECRET},
     "--port must be a port number (1-65535), not 70000"),
    (["--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                  "BVOIP_DB": "/nonexistent-folder/bvoip.db"},
     "BVOIP_DB: cannot open '/nonexistent-folder/bvoip.db'"),
])
def test_a_missing_or_malformed_setting_stops_the_start(tmp_path, args, env, variable):
    done = bvoip_run(tmp_path, args, **env)
    assert done.returncode == 2, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("bvoip: error: ") and variable in lines[0]
    assert "Traceback" not in done.stderr
    for secret in SECRETS:
        assert secret not in done.stderr
    assert not (tmp_path / "bvoip.db").exists()  # nothing was started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_port_in_use_stops_the_start_with_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = bvoip_run(tmp_path, ["--http", "--host", "127.0.0.1", "--port", str(port)],
                         SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET)
    assert done.returncode == 2, done
    assert f"bvoip: error: cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "choose another --port or PORT" in done.stderr
    assert "Traceback" not in done.stderr
    for secret in SECRETS:
        assert secret not in done.stderr + done.stdout


def test_http_mode_serves_healthz_and_never_prints_a_token(tmp_path):
    port = free_port()
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                    PORT=str(port))
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--host", "127.0.0.1"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        health = None
        deadline = time.monotonic() + 20
        while health is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    health = (r.status, r.headers["Content-Type"], json.loads(r.read()))
            except OSError:
                time.sleep(0.1)
        assert health is not None, "bvoip run never answered /healthz"
        assert health[0] == 200 and health[1].startswith("application/json")
        assert health[2] == {"ok": True, "mode": "http", "database": "reachable"}
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=15)
    assert (tmp_path / "bvoip.db").exists()
    for secret in SECRETS:
        assert secret not in output
    assert "Traceback" not in output


async def test_socket_mode_is_chosen_by_the_app_token_and_connects(tmp_path, fake_slack):
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=fake_slack.bot_token,
                    SLACK_APP_TOKEN=fake_slack.app_token, SLACK_API_URL=fake_slack.base_url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await fake_slack.wait_for_socket(timeout=20)
        ack = await fake_slack.send_envelope("slash_commands", slash_command("help"))
        assert "/bvoip report" in json.dumps(ack["payload"])
    finally:
        process.send_signal(signal.SIGTERM)
        output = (await asyncio.wait_for(process.communicate(), 15))[0].decode()
    assert process.returncode == 0, output
    assert "connected over Socket Mode" in output
    for secret in (fake_slack.bot_token, fake_slack.app_token):
        assert secret not in output
    assert "Traceback" not in output


async def test_a_refused_app_token_stops_the_start_with_one_line(tmp_path, fake_slack):
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=fake_slack.bot_token,
                    SLACK_APP_TOKEN="xapp-1-A0001-revoked-sekrit",
                    SLACK_API_URL=fake_slack.base_url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 2, err
    assert err.decode().splitlines() == [
        "bvoip: error: SLACK_APP_TOKEN was refused by Slack (invalid_auth): create an app-level "
        "token (xapp-…) with connections:write on your app's Basic Information page"]
    assert "sekrit" not in out.decode() + err.decode()


async def test_a_signal_stops_socket_mode_even_while_slack_is_unreachable(tmp_path):
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    seen = b""
    try:
        while b"Retrying" not in seen:  # started, failed to reach Slack, retrying
            seen += await asyncio.wait_for(process.stdout.readline(), 15)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        rest, _ = await asyncio.wait_for(process.communicate(), 15)
    finally:
        if process.returncode is None:
            process.kill()
    output = (seen + rest).decode()
    assert process.returncode == 0, output
    assert time.monotonic() - started < 5
    for secret in SECRETS:
        assert secret not in output


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status, response.headers["Content-Type"], response.read().decode()


async def test_socket_mode_serves_healthz_and_metrics_on_its_port(tmp_path, fake_slack):
    port = free_port()
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=fake_slack.bot_token,
                    SLACK_APP_TOKEN=fake_slack.app_token, SLACK_API_URL=fake_slack.base_url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--host", "127.0.0.1", "--port", str(port),
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    loop = asyncio.get_running_loop()
    try:
        await fake_slack.wait_for_socket(timeout=20)
        await fake_slack.send_envelope("slash_commands", slash_command("help"))
        status, kind, body = await loop.run_in_executor(
            None, _get, f"http://127.0.0.1:{port}/healthz")
        assert status == 200 and json.loads(body)["mode"] == "socket"
        status, kind, body = await loop.run_in_executor(
            None, _get, f"http://127.0.0.1:{port}/metrics")
        assert status == 200 and kind == CONTENT_TYPE
        seen = Scrape(body)
        assert seen("bvoip_slack_requests_total", kind="command") == 1
        assert seen("bvoip_slack_acks_total", kind="command") == 1
        assert seen("bvoip_open_incidents", severity=1) == 0
    finally:
        process.send_signal(signal.SIGTERM)
        output = (await asyncio.wait_for(process.communicate(), 15))[0].decode()
    assert process.returncode == 0, output
    assert f"serving GET /healthz and /metrics on 127.0.0.1:{port}" in output
    with socket.socket() as again:  # stopped with the app: nothing listens there any more
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
        again.listen()
    assert "Traceback" not in output


async def test_socket_mode_with_its_port_in_use_stops_with_one_line(tmp_path, fake_slack):
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=fake_slack.bot_token,
                    SLACK_APP_TOKEN=fake_slack.app_token, SLACK_API_URL=fake_slack.base_url)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--host", "127.0.0.1", "--port", str(port),
            cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 2, err
    assert err.decode().splitlines()[-1] == (
        f"bvoip: error: cannot listen on 127.0.0.1:{port} (Address already in use): "
        "choose another --port or PORT")
    assert "Traceback" not in out.decode() + err.decode()
