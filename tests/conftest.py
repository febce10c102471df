"""Shared fixtures: the fake Slack, a hand-moved clock and the real app between them."""

from __future__ import annotations

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from storage import Store
from tests.clock import FakeClock
from tests.databases import ENGINES, database
from tests.fakeslack import FakeSlack
from tests.harness import START, AppUnderTest, SocketAppUnderTest


def pytest_report_header() -> str:
    return f"bvoip databases: {', '.join(ENGINES)}" + (
        "" if len(ENGINES) > 1 else " (set BVOIP_TEST_PG to run PostgreSQL too: see README)")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file itself")


def pytest_collection_modifyitems(config, items) -> None:
    """A test about the SQLite file itself does not run on PostgreSQL."""
    kept, dropped = [], []
    for item in items:
        engine = getattr(getattr(item, "callspec", None), "params", {}).get("db")
        sqlite_only = item.get_closest_marker("sqlite_only") is not None
        (dropped if sqlite_only and engine == "postgresql" else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(params=ENGINES)
def db(request, tmp_path):
    """Where the test's database lives: a SQLite file, or a fresh PostgreSQL schema."""
    with database(request.param, tmp_path) as location:
        yield location


@pytest.fixture
def store(db):
    """The store over the test's database, closed afterwards."""
    opened = Store(db)
    yield opened
    opened.close()


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
async def app(fake_slack, clock, db):
    running = await AppUnderTest(fake_slack, clock, db).start()
    yield running
    await running.stop()


@pytest.fixture
async def socket_app(fake_slack, clock, db):
    """The real app in Socket Mode, connected to the fake's WebSocket."""
    running = await SocketAppUnderTest(fake_slack, clock, db).start()
    yield running
    await running.stop()
