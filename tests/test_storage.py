"""The SQLite store: schema version, WAL, one incident per submission, round-trips."""

import datetime as dt

from bot.incident import NewIncident, Status, TimelineEntry, TimelineKind
from bot.severity import Scope, Severity, Symptom
from storage import Store
from storage.db import MIGRATIONS, schema_version
from storage.levels import DUE_WHERE, NEXT_FREE_SQL, NEXT_HELD_SQL

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


def test_schema_is_recorded_and_wal(tmp_path):
    store = Store(tmp_path / "b.db")
    assert schema_version(store.db) == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = Store(tmp_path / "b.db")  # reopening migrates nothing twice
    assert schema_version(again.db) == len(MIGRATIONS)


def test_create_is_idempotent_per_submission_and_round_trips(tmp_path):
    store = Store(tmp_path / "b.db")
    first, created = store.incidents.create(new_incident())
    again, created_again = store.incidents.create(new_incident(description="other"))
    assert created and not created_again
    assert again.id == first.id and again.description == "<!channel> it's 'down'"
    assert first.number == f"INC-{first.id}"
    assert first.business_name == "Acme; DROP TABLE incidents;--"
    assert first.symptoms == [Symptom.NO_OUTBOUND] and first.status is Status.OPEN


def test_updates(tmp_path):
    store = Store(tmp_path / "b.db")
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


def test_due_level_query_uses_the_index(tmp_path):
    store = Store(tmp_path / "b.db")
    now = NOW.timestamp()
    due = f"SELECT rowid FROM levels WHERE {DUE_WHERE}"
    plan = plan_of(store, due, {"now": now, "limit": 500})
    assert any("USING INDEX levels_due" in step for step in plan), plan
    assert not any(step.startswith("SCAN levels") for step in plan), plan
    wake = plan_of(store, NEXT_FREE_SQL, {}) + plan_of(store, NEXT_HELD_SQL, {})
    assert not any(step.startswith("SCAN levels") for step in wake), wake
    assert any("levels_claimed" in step for step in wake), wake  # only rows being retried


def test_level_claims_are_exclusive_and_expire(tmp_path):
    import datetime as dt

    store = Store(tmp_path / "b.db")
    other = Store(tmp_path / "b.db")  # a second process on the same file
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
