"""`bvoip export` and `bvoip stats` against a real SQLite file seeded through the storage API:
every row and every figure checked against what the seeding plan says, worked out here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from bot.cli import main
from storage import Store
from tests.records_history import NOW, Planned, seed_history


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[str, list[Planned]]:
    path = str(tmp_path_factory.mktemp("records") / "history.db")
    store = Store(path)
    plans = seed_history(store)
    store.close()
    return path, plans


@pytest.fixture
def db(history, monkeypatch) -> list[Planned]:
    monkeypatch.setenv("BVOIP_DB", history[0])
    monkeypatch.setenv("BVOIP_TIMEZONE", "America/Chicago")
    return history[1]


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def percentile(values: list[int], p: int) -> float | None:
    """Nearest rank, written out: the value at rank ceil(p·n/100), counting from 1."""
    if not values:
        return None
    ordered = sorted(values)
    rank = -(-p * len(ordered) // 100)
    return float(ordered[rank - 1])


def expected_figures(plans: list[Planned]) -> dict:
    def restore(group: list[Planned]) -> dict:
        minutes = [p.minutes for p in group if p.minutes is not None]
        return {"incidents": len(group), "still_open": sum(p.restored_at is None for p in group),
                "minutes_to_restore_p50": percentile(minutes, 50),
                "minutes_to_restore_p90": percentile(minutes, 90),
                "minutes_to_restore_max": float(max(minutes)) if minutes else None}

    return {
        **restore(plans),
        "by_severity": {s: sum(p.severity == int(s) for p in plans) for s in ("1", "2")},
        "per_severity": {s: restore([p for p in plans if p.severity == int(s)])
                         for s in ("1", "2")},
        "reached_level": {lv: sum(p.highest >= int(lv) for p in plans)
                          for lv in ("1", "2", "3", "4")},
        "resolved_before_level_1": sum(p.restored_at is not None and p.highest == 0
                                       for p in plans),
    }


def test_history_is_big_enough_and_varied(db):
    assert len(db) >= 200
    assert {p.highest for p in db} == {0, 1, 2, 3, 4}
    assert any(p.reported_at is None for p in db) and any(p.severity_changes for p in db)
    assert sum(p.restored_at is None for p in db) == 20


def test_export_csv_has_every_outage_as_planned(db, capsys):
    rows = list(csv.DictReader(io.StringIO(run(capsys, "export", "--format", "csv"))))
    assert [r["number"] for r in rows] == [p.number for p in db]
    for row, plan in zip(rows, db, strict=True):
        assert row == {
            "number": plan.number, "site": plan.site, "business": "Acme Dental",
            "severity": str(plan.severity), "severity_changes": str(plan.severity_changes),
            "tickets": " ".join(plan.tickets), "affected_since": plan.iso(plan.affected_since),
            "reported_at": plan.iso(plan.reported_at), "restored_at": plan.iso(plan.restored_at),
            "minutes_to_restore": "" if plan.minutes is None else f"{plan.minutes}.0",
            "highest_level": str(plan.highest), "levels_opened": str(plan.highest),
            "calls_logged": str(plan.calls), "status": plan.status,
        }, plan.number


def test_stats_equal_the_figures_worked_out_from_the_plan(db, capsys):
    stats = json.loads(run(capsys, "stats", "--json"))
    per_site = stats.pop("per_site")
    assert stats == expected_figures(db)
    assert list(per_site) == sorted({p.site for p in db}, key=str.casefold)
    for site, figures in per_site.items():
        assert figures == expected_figures([p for p in db if p.site == site]), site


def test_stats_agree_with_the_exported_rows(db, capsys):
    """What a person checking the export in a spreadsheet would get."""
    rows = json.loads(run(capsys, "export", "--format", "json"))
    stats = json.loads(run(capsys, "stats", "--json"))
    restored = [r["minutes_to_restore"] for r in rows if r["minutes_to_restore"] is not None]
    assert stats["incidents"] == len(rows)
    assert stats["still_open"] == sum(r["status"] == "open" for r in rows)
    assert stats["minutes_to_restore_max"] == max(restored)
    assert stats["minutes_to_restore_p50"] == percentile(restored, 50)
    assert stats["reached_level"]["4"] == sum(r["highest_level"] == 4 for r in rows)


def test_window_and_site_filters(db, capsys):
    since, until = dt.datetime(2026, 3, 1, 6, tzinfo=dt.UTC), dt.datetime(2026, 6, 1, 5,
                                                                          tzinfo=dt.UTC)
    # an outage belongs to the period it was reported to AT&T in (never reported: to Slack)
    inside = [p.number for p in db if since <= (p.reported_at or p.created_at) < until]
    out = run(capsys, "export", "--format", "json", "--since", "2026-03-01",
              "--until", "2026-06-01")  # midnight in Chicago (BVOIP_TIMEZONE)
    assert [r["number"] for r in json.loads(out)] == inside and len(inside) > 20
    iso = json.loads(run(capsys, "stats", "--json", "--since", "2026-03-01T06:00:00+00:00",
                         "--until", "2026-06-01T05:00Z"))
    assert iso["incidents"] == len(inside)
    stats = json.loads(run(capsys, "stats", "--json", "--site", "tampa BRANCH"))
    assert stats["incidents"] == sum(p.site == "Tampa branch" for p in db)
    assert list(stats["per_site"]) == ["Tampa branch"]
    text = run(capsys, "stats", "--site", "Dallas <warehouse> & Co", "--since", "2025-01-01")
    assert "Dallas <warehouse> & Co:" in text and "still open" in text


def test_stats_text_names_the_figures(db, capsys):
    text = run(capsys, "stats")
    expected = expected_figures(db)
    assert f": {len(db)} ({expected['still_open']} still open" in text
    assert f"p50 {expected['minutes_to_restore_p50']:g} " in text
    assert f"Resolved before Level 1 opened: {expected['resolved_before_level_1']}" in text


@pytest.mark.parametrize(("argv", "says"), [
    (["export", "--format", "csv", "--since", "2026-02-30"], "cannot read --since '2026-02-30'"),
    (["stats", "--until", "yesterday"], "cannot read --until 'yesterday'"),
    (["stats", "--since", "2026-11-01", "--until", "2026-10-01"],
     "--until 2026-10-01 is not after --since 2026-11-01"),
    (["export", "--format", "csv", "--site", "Atlantis"], "unknown site 'Atlantis'"),
    (["export", "--format", "xml"], "invalid choice: 'xml'"),
    (["export"], "the following arguments are required: --format"),
])
def test_bad_input_is_one_line_and_exit_2(db, capsys, argv, says):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("bvoip: error: ") and says in lines[0], lines


def test_unknown_site_lists_the_known_ones(db, capsys):
    assert main(["stats", "--site", "Atlantis"]) == 2
    assert "Chicago HQ, Dallas <warehouse> & Co, Denver lab" in capsys.readouterr().err


def test_a_missing_database_is_named(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BVOIP_DB", str(tmp_path / "nothing.db"))
    assert main(["stats"]) == 2
    assert capsys.readouterr().err == f"bvoip: error: no database at {tmp_path}/nothing.db: " \
                                      "set BVOIP_DB\n"
    assert not (tmp_path / "nothing.db").exists()


def test_now_is_after_the_history(db):
    assert all(p.affected_since < NOW for p in db)
