"""Issue 8, point 4: `bvoip run` asks Slack (auth.test) whether the bot token works before
serving; a refused token, or one with whitespace in it, stops the start with one line."""

from __future__ import annotations

import asyncio
import socket
import sys

import pytest

from tests.test_app_run import SIGNING_SECRET, clean_env


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


async def run_once(tmp_path, fake_slack, token: str) -> tuple[int, str, str]:
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                    SLACK_API_URL=fake_slack.base_url, PORT=free_port())
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--http", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
    return process.returncode or 0, out.decode(), err.decode()


async def test_a_wrong_bot_token_stops_the_start_with_one_line(tmp_path, fake_slack):
    code, out, err = await run_once(tmp_path, fake_slack, "xoxb-well-formed-but-wrong-sekrit")
    assert code == 2, out + err
    assert err.splitlines() == [
        "bvoip: error: SLACK_BOT_TOKEN was refused by Slack (invalid_auth): reinstall the app "
        "and copy the Bot User OAuth Token (xoxb-…)"]
    assert fake_slack.calls_to("auth.test")  # Slack was asked, not guessed
    assert "sekrit" not in out + err and "Traceback" not in out + err


@pytest.mark.parametrize("token", ["xoxb-test token", "xoxb-test-token\n", "xoxb-test\ttoken"])
async def test_a_bot_token_with_whitespace_is_refused(tmp_path, fake_slack, token):
    code, out, err = await run_once(tmp_path, fake_slack, token)
    assert code == 2, out + err
    assert err.splitlines() == [
        "bvoip: error: SLACK_BOT_TOKEN must be a bot token starting with xoxb-, with no spaces "
        "or line breaks in it"]
    assert "Traceback" not in out + err
