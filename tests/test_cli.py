"""The `bvoip` command line: timeline, matrix, classify and every error path."""

import json
import subprocess
import sys

import pytest

from bot.cli import main

SEV1_ARGS = ["timeline", "--severity", "1", "--reported-at", "2026-11-24T10:00",
             "--tz", "America/Chicago"]


def test_timeline_table_shows_the_ladder_in_central_time(capsys):
    assert main(SEV1_ARGS) == 0
    out = capsys.readouterr().out
    for level, clock in [("First", "11:00"), ("Second", "12:00"), ("Third", "13:00"),
                         ("Fourth", "14:00")]:
        line = next(ln for ln in out.splitlines() if ln.startswith(f"{level} Level"))
        assert f"2026-11-24 {clock} CST" in line
        assert "business hours" in line
        assert "(877) 288-8362, Prompt 1" in line
    assert "ask to speak with the Team Lead" in out


def test_timeline_json_shape(capsys):
    assert main([*SEV1_ARGS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["severity"] == 1
    assert data["reported_at"] == "2026-11-24T10:00:00-06:00"
    assert data["timezone"] == "America/Chicago"
    assert [lv["opens_at"] for lv in data["levels"]] == [
        f"2026-11-24T{h}:00:00-06:00" for h in (11, 12, 13, 14)]
    assert data["levels"][0] == {
        "level": 1, "name": "First Level", "opens_at": "2026-11-24T11:00:00-06:00",
        "after_hours": False, "holiday": None, "phone": "+18772888362", "prompt": "1",
        "ask_for": None,
        "contact": "Electronically through Business Direct, or (877) 288-8362 Prompt 1"}


def test_timeline_severity_2_and_after_hours_level_3(capsys):
    assert main(["timeline", "--severity", "2", "--reported-at", "2026-11-28T12:30-06:00",
                 "--tz", "America/Chicago", "--json"]) == 0
    levels = json.loads(capsys.readouterr().out)["levels"]
    assert [lv["opens_at"][11:16] for lv in levels] == ["14:30", "16:30", "18:30", "20:30"]
    assert levels[2]["after_hours"] and levels[2]["ask_for"] == "Escalation Manager"


def test_timeline_now_is_the_default(capsys):
    assert main(["timeline", "--severity", "1", "--tz", "UTC", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["timezone"] == "UTC"


def test_matrix_text_and_json(capsys):
    assert main(["matrix"]) == 0
    out = capsys.readouterr().out
    assert "Customer Service Managers" in out and "Escalation Manager" in out
    assert main(["matrix", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["levels"][3]["owner"] == "Director"


def test_custom_matrix_from_env_and_bad_one(capsys, monkeypatch, tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("carrier: X\n", encoding="utf-8")
    monkeypatch.setenv("BVOIP_MATRIX", str(bad))
    assert main(["matrix"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"bvoip: error: BVOIP_MATRIX: {bad}: ")
    assert "product: Field required" in err


def test_classify_json(capsys):
    assert main(["classify", "--json", "the", "Reno", "office", "is", "hard", "down"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["severity"] == 1 and "site_down" in data["symptoms"]
    assert data["scope"] == "entire_site" and data["reasons"]


def test_classify_text(capsys):
    assert main(["classify", "fax line dead"]) == 0
    assert capsys.readouterr().out.startswith("Severity 2 (Medium)")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timeline", "--severity", "3"], "unknown severity '3'"),
        (["timeline", "--severity", "high"], "unknown severity 'high'"),
        (["timeline", "--severity", "1", "--tz", "Mars/Olympus"], "unknown time zone"),
        (["timeline", "--severity", "1", "--reported-at", "tuesday"], "cannot read time"),
        (["timeline"], "required: --severity"),
        (["classify"], "classify needs the trouble description"),
        (["classify", "   "], "classify needs the trouble description"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_errors_are_one_line_and_exit_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("bvoip: error: ") and message in err


def test_bad_setting_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("BVOIP_TIMEZONE", "Nowhere/Land")
    assert main(["matrix"]) == 2
    assert capsys.readouterr().err.startswith("bvoip: error: BVOIP_TIMEZONE: unknown time zone")


def test_console_script_runs_without_traceback():
    done = subprocess.run([sys.executable, "-m", "bot.cli", "timeline", "--severity", "9"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "unknown severity" in done.stderr
