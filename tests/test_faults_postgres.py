"""PostgreSQL under faults: /healthz sees a database it cannot write (a lock held elsewhere,
a pool closed under it) and recovers; connections the server drops are replaced; a bad
BVOIP_DB stops `bvoip run` with one line naming it."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from tests.databases import PG_URL
from tests.flows import report_outage

pytestmark = pytest.mark.skipif(not PG_URL, reason="BVOIP_TEST_PG names no PostgreSQL server")


@pytest.fixture
def db():  # these tests are about PostgreSQL only
    from tests.databases import fresh_postgres
    with fresh_postgres() as url:
        yield url


async def test_healthz_reports_a_lock_held_by_another_session_then_recovers(app):
    assert (await app.get("/healthz")).status == 200
    with psycopg.connect(app.db_path) as other:
        other.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE")
        reply = await app.get("/healthz")
        other.rollback()
    assert reply.status == 503 and "cannot be written" in reply.json["database"]
    assert "lock" in reply.json["database"]
    assert (await app.get("/healthz")).status == 200


async def test_healthz_reports_a_closed_pool(app):
    app.runtime.store.db.pool.close()
    reply = await app.get("/healthz")
    assert reply.status == 503 and "cannot be written" in reply.json["database"]


async def test_connections_the_server_drops_are_replaced(app):
    await report_outage(app)
    with psycopg.connect(app.db_path, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = current_setting('application_name') "
            "AND pid <> pg_backend_pid()) AS t").fetchone()[0]
    assert ended >= 1
    assert (await app.get("/healthz")).status == 200
    await report_outage(app, "nobody at the Tampa branch can dial out")
    stored = app.incident_rows()
    assert [row["id"] for row in stored] == [1, 2] and all(row["card_ts"] for row in stored)


def _run_with(db_url: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
           "SLACK_SIGNING_SECRET": "s", "BVOIP_DB": db_url, "SLACK_API_URL": "http://127.0.0.1:9/"}
    return subprocess.run([sys.executable, "-m", "bot.cli", "run", "--http", "--port", "39999"],
                          env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("url, says", [
    ("postgresql://postgres@127.0.0.1:1/bvoip", "cannot connect"),
    ("postgresql://postgres@127.0.0.1:5432/bvoip?sslmode=sometimes", "invalid sslmode"),
    ("postgresql://postgres@127.0.0.1:5432/bvoip?no_such_option=1", "not a PostgreSQL URL"),
    ("postgresql://nobody:secret@{host}/no_such_database", "cannot connect"),
    ("mysql://root@127.0.0.1/bvoip", "not a database bvoip can use"),
])
def test_a_bad_database_url_stops_the_start_with_one_line(url, says):
    host = PG_URL.split("@", 1)[1].split("/", 1)[0]
    done = _run_with(url.format(host=host))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "BVOIP_DB" in lines[0] and says in lines[0], done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr
