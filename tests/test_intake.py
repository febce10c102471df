"""Issue 8, point 5, as built (bot/intake.py): a report is kept as received before its ack and
its incident built after it. A kept report whose incident cannot be built (the database
refuses incidents for a while) is confirmed, is never lost, and is built — once — when the
database takes it again: by the reminder loop, or at the next start; one that keeps failing
holds up no other outage's levels."""

from __future__ import annotations

import json

from bot.intake import read_report, report_json
from bot.report_form import ReportForm
from tests.databases import execute, is_postgres, rows
from tests.flows import eventually
from tests.harness import AppUnderTest, submission

TEXT = "nobody at the Tampa branch can dial out"


def refuse_incidents(db_path, location: str | None = None) -> None:
    """The database refuses new incidents (at one location, or all) as a broken disk would."""
    if is_postgres(db_path):
        execute(db_path, "CREATE OR REPLACE FUNCTION refuse_incident() RETURNS trigger "
                         "LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'disk trouble'; END $f$")
        when = f"WHEN (NEW.location = '{location}') " if location else ""
        execute(db_path, "CREATE TRIGGER refuse_incident BEFORE INSERT ON incidents FOR EACH "
                         f"ROW {when}EXECUTE FUNCTION refuse_incident()")
    else:
        when = f"WHEN NEW.location = '{location}' " if location else ""
        execute(db_path, f"CREATE TRIGGER refuse_incident BEFORE INSERT ON incidents {when}"
                         "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")


def mend(db_path) -> None:
    on = " ON incidents" if is_postgres(db_path) else ""
    execute(db_path, f"DROP TRIGGER refuse_incident{on}")


def count(db_path, table: str) -> int:
    return rows(db_path, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def cards(app) -> list[str]:
    return [m["text"] for m in app.fake.messages.get("C123", []) if "INC-" in m.get("text", "")]


async def test_a_kept_report_is_built_by_the_loop_once_the_database_takes_incidents(app):
    refuse_incidents(app.db_path)
    view = await app.open_report(TEXT)
    received_at = app.clock.now()
    reply = await app.submit(view, {"Site / location": "Tampa branch, 100 Main St"})
    assert reply.text == ""  # confirmed: it is kept
    await app.settle(0.3)
    assert count(app.db_path, "received_reports") == 1
    assert count(app.db_path, "incidents") == 0 and cards(app) == []

    mend(app.db_path)
    app.clock.advance(seconds=31)  # the loop builds what its first build left
    [card] = await eventually(lambda: cards(app), timeout=10)
    [incident] = app.incident_rows()  # (PostgreSQL spends a number on each refused insert)
    assert f"INC-{incident['id']}" in card and "Tampa branch, 100 Main St" in card
    assert abs(incident["created_at"] - received_at.timestamp()) < 1  # when it came in
    assert count(app.db_path, "received_reports") == 0
    kinds = [e.kind for e in app.store.timeline.for_incident(incident["id"])]
    assert kinds.count("reported") == 1
    await app.settle(0.3)
    assert len(cards(app)) == 1  # posted once
    app.fake.assert_nothing_rejected()


async def test_a_report_kept_when_the_app_stopped_is_built_at_the_next_start(app):
    refuse_incidents(app.db_path)
    view = await app.open_report(TEXT)
    assert (await app.submit(view)).text == ""
    await app.settle(0.3)
    await app.stop()
    assert count(app.db_path, "received_reports") == 1 and cards(app) == []

    mend(app.db_path)
    again = await AppUnderTest(app.fake, app.clock, app.db_path).start()
    try:
        [card] = await eventually(lambda: cards(again), timeout=10)
        [incident] = again.incident_rows()
        assert f"INC-{incident['id']}" in card
        assert count(again.db_path, "received_reports") == 0
    finally:
        await again.stop()


async def test_a_kept_report_that_keeps_failing_holds_up_no_other_outage(app):
    first = await app.report_incident(TEXT, {"Site / location": "Tampa branch",
                                             "AOTS ticket number(s)": "ABC12345"})
    refuse_incidents(app.db_path, location="Orlando branch")
    view = await app.open_report("the Orlando office is hard down")
    assert (await app.submit(view, {"Site / location": "Orlando branch"})).text == ""
    await app.settle(0.3)

    levels_before = count(app.db_path, "levels WHERE state = 'posted'")
    app.clock.advance(hours=3)  # Tampa's levels open; Orlando's build fails again
    await eventually(lambda: count(app.db_path, "levels WHERE state = 'posted'")
                     > levels_before, timeout=10)
    assert [i["location"] for i in app.incident_rows()] == [first["location"]]
    assert count(app.db_path, "received_reports") == 1  # still kept

    mend(app.db_path)
    app.clock.advance(minutes=6)  # its next try
    await eventually(lambda: len(app.incident_rows()) == 2, timeout=10)
    assert app.incident_rows()[1]["location"] == "Orlando branch"
    await eventually(lambda: any("Orlando branch" in c for c in cards(app)), timeout=10)


async def test_a_kept_report_reads_back_as_the_form_that_was_checked(app):
    view = await app.open_report(TEXT)
    payload = submission(view, {"AOTS ticket number(s)": "ABC12345, DEF67890"},
                         require_all=False)
    checked = ReportForm.check(payload["view"], app.clock.now())
    assert isinstance(checked, ReportForm), checked
    from bot.ids import ReportMeta
    meta = ReportMeta(channel_id="C123", team_id="T0001")
    under = app.runtime.service.intake.under()
    form, read_meta, reporter, read_under = read_report(report_json(checked, meta, "U123",
                                                                    under))
    assert form == checked and read_meta == meta and reporter == "U123"
    assert read_under.as_json() == json.loads(under)


async def test_a_report_kept_under_one_ladder_is_built_under_it_after_a_matrix_change(
        app, tmp_path):
    from tests.test_faults_change import smaller_matrix
    refuse_incidents(app.db_path)
    view = await app.open_report(TEXT)
    assert (await app.submit(view, {"AOTS ticket number(s)": "ABC12345"})).text == ""
    await app.settle(0.3)
    await app.stop()
    mend(app.db_path)
    again = await AppUnderTest(app.fake, app.clock, app.db_path,
                               matrix_path=str(smaller_matrix(tmp_path))).start()
    try:
        [card] = await eventually(lambda: cards(again), timeout=10)
        [row] = again.incident_rows()
        incident = again.store.incidents.get(row["id"])
        assert len(incident.ladder.levels) == 4  # the shipped ladder it was received under
        assert "+18772888362" in incident.ladder.model_dump_json()
        assert len(again.store.levels.for_incident(row["id"])) == 4
    finally:
        await again.stop()
