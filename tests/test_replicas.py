"""Replicas sharing one database, on both engines: a claim carries BVOIP_INSTANCE; a replica
restarted under its name frees its previous run's claims at once; another host's claims are
taken over only when their lease (BVOIP_LEASE) runs out, and counted; and a loop sees work
another replica added within its bounded re-check, not only when its own clock says so."""

import datetime as dt

from bot.incident import NewIncident
from bot.severity import Scope, Severity, Symptom
from storage import Store
from tests.databases import execute, rows
from tests.flows import eventually, report_outage, thread
from tests.harness import START, AppUnderTest


def level_posts(app, card) -> list[dict]:
    return [m for m in thread(app, card) if " is open" in (m.get("text") or "")]


def hold_levels(db: str, owner: str, until: dt.datetime) -> int:
    """What a replica that died mid-post leaves: INC-1's pending levels claimed in its name."""
    return execute(db, "UPDATE levels SET claimed_by = ?, claim_expires = ? "
                       "WHERE incident_id = 1 AND state = 'pending'", [owner, until.timestamp()])


async def taken_over(app) -> float:
    text = (await app.get("/metrics")).text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("bvoip_claims_taken_over_total"))


async def test_claims_carry_the_instance_name(fake_slack, clock, db):
    app = await AppUnderTest(fake_slack, clock, db, instance="voip-a").start()
    try:
        await report_outage(app)
        app.fake.hang("chat.postMessage", seconds=1.0)
        clock.set(START + dt.timedelta(hours=1))
        await eventually(lambda: any(r["claimed_by"] for r in rows(
            db, "SELECT claimed_by FROM levels WHERE incident_id = 1")))
        owners = {r["claimed_by"] for r in rows(db, "SELECT claimed_by FROM levels")} - {None}
        assert owners == {"voip-a"}
    finally:
        await app.stop()


async def test_a_replica_restarted_under_its_name_frees_its_claims_at_once(fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db, instance="voip-a").start()
    card = await report_outage(first)
    await first.stop()
    clock.set(START + dt.timedelta(hours=1))  # Level 1 is due; "voip-a" died holding it
    assert hold_levels(db, "voip-a", clock.now() + dt.timedelta(minutes=30)) == 4
    again = await AppUnderTest(fake_slack, clock, db, instance="voip-a").start()
    try:
        await eventually(lambda: level_posts(again, card))  # now, not 30 min later
        assert "Level 1 (First Level) is open" in level_posts(again, card)[0]["text"]
    finally:
        await again.stop()


async def test_another_hosts_claims_wait_for_their_lease_then_are_taken_over(
        fake_slack, clock, db):
    first = await AppUnderTest(fake_slack, clock, db, instance="voip-b").start()
    card = await report_outage(first)
    await first.stop()
    clock.set(START + dt.timedelta(hours=1))
    hold_levels(db, "voip-b", clock.now() + dt.timedelta(seconds=20))  # lease left: 20 s
    app = await AppUnderTest(fake_slack, clock, db, instance="voip-a", lease_seconds=20).start()
    try:
        await app.settle(0.5)
        assert level_posts(app, card) == []  # "voip-b" may still be alive on its machine
        clock.advance(seconds=21)
        await eventually(lambda: level_posts(app, card))
        await app.settle(0.3)
        assert len(level_posts(app, card)) == 1
        assert await taken_over(app) == 1  # Level 1, claimed from the dead replica
        held = rows(db, "SELECT claimed_by, state FROM levels WHERE incident_id = 1 AND "
                        "level = 1")
        assert held == [{"claimed_by": None, "state": "posted"}]
    finally:
        await app.stop()


async def test_work_another_replica_adds_is_seen_within_the_recheck(fake_slack, clock, db):
    app = await AppUnderTest(fake_slack, clock, db).start()
    try:
        await app.settle(0.3)  # its loop sleeps: nothing is due, nothing changed here
        other = Store(db)  # another replica reports an outage whose Level 1 is already due
        try:
            reported = clock.now() - dt.timedelta(hours=2)
            incident, _ = other.incidents.create(NewIncident(
                team_id="T0001", channel_id="C123", reporter_id="U123", submission_key="V9",
                business_name="Acme", location="Tampa", reporter_name="Dana",
                callback_phone="+18135550142", tickets=["ABC12345"], reported_at=reported,
                symptoms=[Symptom.SITE_DOWN], scope=Scope.ENTIRE_SITE,
                classified_severity=Severity.HIGH, severity=Severity.HIGH,
                severity_reasons=["r"], description="down", action_requested="Restore",
                timezone="America/Chicago", created_at=reported))
            other.levels.schedule(incident.id, {1: reported + dt.timedelta(hours=1)}, reported)
        finally:
            other.close()
        # The card it never posted, then the level: found by the re-check, the clock unmoved.
        await eventually(lambda: len(app.fake.messages.get("C123", [])) >= 1, timeout=6)
        card = app.fake.messages["C123"][0]
        await eventually(lambda: level_posts(app, card), timeout=6)
    finally:
        await app.stop()
