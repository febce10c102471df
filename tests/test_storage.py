"""The store on both engines: schema version, one incident per submission, round-trips,
exclusive claims; and SQLite's WAL and query plans."""

import datetime as dt
import threading

import pytest

from bot.incident import NewIncident, Status, TimelineEntry, TimelineKind
from bot.severity import Scope, Severity, Symptom
from storage import Store
from storage.levels import DUE_WHERE, NEXT_FREE_SQL, NEXT_HELD_SQL
from storage.migrations import MIGRATIONS, schema_version

NOW = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)


def new_incident(**changes) -> NewIncident:
    base = dict(
        team_id="T1", channel_id="C1", reporter_id="U1", submission_key="V1",
        business_name="Acme; DROP TABLE incidents;--", location="Tampa", reporter_name="Dana",
        callback_phone="+18135550142", tickets=[], reported_at=None, symptoms=[Symptom.NO_OUTBOUND],
        scope=Scope.ENTIRE_SITE, classified_severity=Severity.HIGH, severity=Severity.HIGH,
        severity_reasons=["r"], description="<!channel> it's 'down'", action_requested="Restore",
        timezone="America/Chicago", created_at=NOW,
    )
    base.update(changes)
    return NewIncident(**base)


def plan_of(store: Store, sql: str, params: dict) -> list[str]:
    """EXPLAIN QUERY PLAN of one of the loop's searches."""
    return [row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()]


def test_schema_is_recorded(db):
    store = Store(db)
    assert schema_version(store.db) == len(MIGRATIONS)
    assert {"incidents", "levels", "timeline", "followups", "sites"} <= set(store.db.table_names())
    store.close()
    again = Store(db)  # reopening migrates nothing twice
    assert schema_version(again.db) == len(MIGRATIONS)
    assert again.db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 1
    again.close()


def test_replicas_starting_together_apply_each_migration_once(db):
    opened: list[Store] = []
    problems: list[BaseException] = []

    def start() -> None:
        try:
            opened.append(Store(db))
        except BaseException as exc:  # noqa: BLE001 - reported below
            problems.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == [] and len(opened) == 4
    assert {schema_version(store.db) for store in opened} == {len(MIGRATIONS)}
    for store in opened:
        store.close()


@pytest.mark.sqlite_only
def test_sqlite_file_is_in_wal_mode(tmp_path):
    store = Store(tmp_path / "b.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_create_is_idempotent_per_submission_and_round_trips(store):
    first, created = store.incidents.create(new_incident())
    again, created_again = store.incidents.create(new_incident(description="other"))
    assert created and not created_again
    assert again.id == first.id and again.description == "<!channel> it's 'down'"
    assert first.number == f"INC-{first.id}"
    assert first.business_name == "Acme; DROP TABLE incidents;--"
    assert first.symptoms == [Symptom.NO_OUTBOUND] and first.status is Status.OPEN


def test_updates(store):
    incident, _ = store.incidents.create(new_incident())
    assert [i.id for i in store.incidents.without_card_in("C1")] == [incident.id]
    store.incidents.set_card(incident.id, "123.456")
    store.incidents.set_tickets(incident.id, ["ABC12345"], NOW)
    store.incidents.set_severity(incident.id, Severity.MEDIUM, "U9", ["override"])
    got = store.incidents.get(incident.id)
    assert (got.card_ts, got.tickets, got.reported_at) == ("123.456", ["ABC12345"], NOW)
    assert (got.severity, got.severity_override_by) == (Severity.MEDIUM, "U9")
    assert store.incidents.resolve(incident.id, NOW, "fixed")
    assert not store.incidents.resolve(incident.id, NOW, "again")
    assert store.incidents.open_in_channel("C1") == []
    store.timeline.add(TimelineEntry(incident_id=incident.id, at=NOW, kind=TimelineKind.RESOLVED,
                                     actor="U1", text="Resolved: fixed"))
    assert [e.text for e in store.timeline.for_incident(incident.id)] == ["Resolved: fixed"]


@pytest.mark.sqlite_only
def test_due_level_query_uses_the_index(tmp_path):
    store = Store(tmp_path / "b.db")
    now = NOW.timestamp()
    due = f"SELECT level FROM levels WHERE {DUE_WHERE}"
    plan = plan_of(store, due, {"now": now, "limit": 500})
    assert any("USING INDEX levels_due" in step for step in plan), plan
    assert not any(step.startswith("SCAN levels") for step in plan), plan
    wake = plan_of(store, NEXT_FREE_SQL, {}) + plan_of(store, NEXT_HELD_SQL, {})
    assert not any(step.startswith("SCAN levels") for step in wake), wake
    assert any("levels_claimed" in step for step in wake), wake  # only rows being retried


def test_level_claims_are_exclusive_and_expire(db):
    store = Store(db)
    other = Store(db)  # a second process on the same database
    incident, _ = store.incidents.create(new_incident())
    store.levels.schedule(incident.id, {1: NOW, 2: NOW + dt.timedelta(hours=1)}, NOW)
    lease = dt.timedelta(seconds=60)
    mine = store.levels.claim_due(NOW, "one", lease)
    assert [d.level for d in mine] == [1]
    assert other.levels.claim_due(NOW, "two", lease) == []  # already claimed
    later = NOW + dt.timedelta(seconds=61)  # "one" died without marking: its claim expires
    taken = other.levels.claim_due(later, "two", lease)
    assert [(d.level, d.attempts) for d in taken] == [(1, 2)]
    assert store.levels.mark(incident.id, [1], "one", "posted", later) == 0  # not its claim
    assert other.levels.mark(incident.id, [1], "two", "posted", later, message_ts="1.1") == 1
    assert store.levels.next_wake() == NOW + dt.timedelta(hours=1)
    store.close()
    other.close()


def test_claims_racing_from_many_replicas_take_each_level_once(db):
    """Eight claimants on their own connections claim at once: every due level goes to
    exactly one of them (SQLite: the write lock; PostgreSQL: SKIP LOCKED and row locks)."""
    setup = Store(db)
    for n in range(40):
        incident, _ = setup.incidents.create(new_incident(submission_key=f"V{n}"))
        setup.levels.schedule(incident.id, {1: NOW, 2: NOW}, NOW)
    stores = [Store(db) for _ in range(8)]
    taken: dict[str, list[tuple[int, int]]] = {}
    start = threading.Barrier(len(stores))

    def claim(index: int) -> None:
        start.wait()
        got: list[tuple[int, int]] = []
        for _ in range(10):
            got += [(d.incident_id, d.level) for d in stores[index].levels.claim_due(
                NOW, f"replica-{index}", dt.timedelta(seconds=60), limit=7)]
        taken[f"replica-{index}"] = got

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [pair for got in taken.values() for pair in got]
    assert len(every) == len(set(every)) == 80
    for store in [setup, *stores]:
        store.close()
