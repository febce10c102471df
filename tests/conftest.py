"""Shared fixtures: the fake Slack, a hand-moved clock and the real app between them."""

from __future__ import annotations

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from tests.clock import FakeClock
from tests.fakeslack import FakeSlack
from tests.harness import START, AppUnderTest, SocketAppUnderTest


@pytest.fixture
async def fake():
    """A bare FakeSlack with one channel (tests of the fake itself)."""
    fake = FakeSlack()
    await fake.start()
    fake.add_channel("C123", "general")
    yield fake
    await fake.stop()


@pytest.fixture
def client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def fake_slack():
    async with FakeSlack() as fake:
        fake.add_channel("C123", "voip")
        fake.add_user("U123", real_name="Dana Ruiz", phone="(813) 555-0142",
                      tz="America/Chicago")
        yield fake


@pytest.fixture
async def app(fake_slack, clock, tmp_path):
    running = await AppUnderTest(fake_slack, clock, tmp_path / "bvoip.db").start()
    yield running
    await running.stop()


@pytest.fixture
async def socket_app(fake_slack, clock, tmp_path):
    """The real app in Socket Mode, connected to the fake's WebSocket."""
    running = await SocketAppUnderTest(fake_slack, clock, tmp_path / "bvoip.db").start()
    yield running
    await running.stop()
