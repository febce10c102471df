"""`/bvoip stats [30d|90d|YYYY-QN] [site]`, and the storage side of the records."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.records import PeriodError, parse_period
from storage import Store
from storage.migrations import MIGRATIONS, schema_version
from tests.records_history import NOW, seed_history

CHICAGO = ZoneInfo("America/Chicago")


def test_days_default_and_site():
    q = parse_period("90d Tampa branch", NOW, CHICAGO)
    assert (q.since, q.until, q.label, q.site) == (NOW - dt.timedelta(days=90), NOW,
                                                   "last 90 days", "Tampa branch")
    q = parse_period("", NOW, CHICAGO)
    assert (q.since, q.label, q.site) == (NOW - dt.timedelta(days=30), "last 30 days", None)
    assert parse_period("Reno office", NOW, CHICAGO).site == "Reno office"


def test_quarter_in_the_workspace_zone():
    q = parse_period("2026-Q4", NOW, CHICAGO)
    assert q.since == dt.datetime(2026, 10, 1, tzinfo=CHICAGO)
    assert q.until == dt.datetime(2027, 1, 1, tzinfo=CHICAGO) and q.label == "2026-Q4"
    q = parse_period("2026-q1 Chicago HQ", NOW, CHICAGO)
    assert (q.until, q.site) == (dt.datetime(2026, 4, 1, tzinfo=CHICAGO), "Chicago HQ")


@pytest.mark.parametrize("words", ["2026-Q5", "0d", "12x", "2026-13"])
def test_bad_periods_say_what_to_type(words):
    with pytest.raises(PeriodError) as error:
        parse_period(words, NOW, CHICAGO)
    assert "\n" not in str(error.value) and ("30d" in str(error.value) or "3660d" in
                                             str(error.value))


@pytest.mark.sqlite_only
def test_restoration_columns_and_history_in_three_queries(tmp_path):
    store = Store(tmp_path / "b.db")
    assert schema_version(store.db) == len(MIGRATIONS)
    columns = {c.name: c.type for c in store.db.sqlite["incidents"].columns}
    assert (columns["restored_at"], columns["fix"]) == ("REAL", "TEXT")
    plans = seed_history(store, count=40, open_count=4)
    first = store.incidents.get(1)
    assert first.restored_at == plans[0].restored_at and first.fix == "AT&T fixed it"
    stored = store.db.execute("SELECT typeof(restored_at) FROM incidents WHERE id = 1")
    assert stored.fetchone()[0] == "real"
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    history = store.records.history(site="denver LAB")
    store.db.conn.set_trace_callback(None)
    assert len([s for s in statements if s.startswith("SELECT")]) == 3
    assert [h.incident.number for h in history] == [p.number for p in plans
                                                     if p.site == "Denver lab"]
    assert all(h.timeline and h.timeline[0].kind == "reported" for h in history)
    assert store.records.sites()[0] == "Chicago HQ"
