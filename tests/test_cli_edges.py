"""Bad input to the `bvoip` command: one line naming what to fix, exit 2, never a traceback;
and what it prints for good input that is easy to get wrong (DST, holidays, empty settings)."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.settings import DEFAULT_PORT, Settings, SettingsError, check_host, http_port
from tests.test_app_run import BOT_TOKEN, SIGNING_SECRET, bvoip_run

SHIPPED = Path(__file__).parents[1] / "bot" / "data" / "att_bvoip.yaml"


def one_line_error(capsys, argv: list[str]) -> str:
    """Run the CLI, check it failed with exit 2 and a single line, and return that line."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("bvoip: error: ")
    return lines[0]


def timeline_json(capsys, *args: str) -> dict:
    assert main(["timeline", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(autouse=True)
def no_settings_from_the_environment(monkeypatch):
    for name in ("BVOIP_MATRIX", "BVOIP_TIMEZONE", "BVOIP_BUSINESS_HOURS", "BVOIP_HOLIDAYS"):
        monkeypatch.delenv(name, raising=False)


# --- timeline: years, overflow, DST -------------------------------------------------------

@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:00", "9999-12-31T23:00Z",
                                  "1969-12-31T23:59", "2100-01-01T00:00"])
def test_a_year_out_of_range_is_refused(capsys, when):
    line = one_line_error(capsys, ["timeline", "--severity", "1", "--reported-at", when])
    assert f"--reported-at '{when}' is out of range" in line and "1970-2099" in line


def test_the_last_year_with_the_longest_ladder_does_not_overflow(capsys, monkeypatch, tmp_path):
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    for number, level in enumerate(data["levels"], 1):
        level["interval_hours"] = {1: 164 + number, 2: 164 + number}
    custom = tmp_path / "week.yaml"
    custom.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("BVOIP_MATRIX", str(custom))
    levels = timeline_json(capsys, "--severity", "2", "--reported-at",
                           "2099-12-31T23:59-12:00", "--tz", "Pacific/Kiritimati")["levels"]
    assert levels[-1]["opens_at"] == "2100-01-09T01:59:00+14:00"  # 168 h after 11:59 UTC


@pytest.mark.parametrize(("typed", "offsets"), [
    ("2026-03-08T02:30", ("2026-03-08T02:30-05:00", "2026-03-08T02:30-04:00")),
    ("2026-11-01T01:30", ("EDT 2026-11-01T01:30-04:00", "EST 2026-11-01T01:30-05:00")),
])
def test_a_skipped_or_repeated_local_time_asks_for_an_offset(capsys, typed, offsets):
    line = one_line_error(capsys, ["timeline", "--severity", "1", "--reported-at", typed,
                                   "--tz", "America/New_York"])
    assert line.startswith(f"bvoip: error: --reported-at {typed} ")
    assert "give the UTC offset" in line and all(o in line for o in offsets)
    assert ("does not exist" if typed.startswith("2026-03") else "happens twice") in line


@pytest.mark.parametrize(("typed", "reported", "first_level"), [
    ("2026-11-01T01:30-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),
    ("2026-11-01T01:30-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-05:00"),
    ("2026-03-08T02:30-05:00", "2026-03-08T03:30:00-04:00", "2026-03-08T04:30:00-04:00"),
    ("2026-11-01T00:59", "2026-11-01T00:59:00-04:00", "2026-11-01T01:59:00-04:00"),
])
def test_an_explicit_offset_or_an_unambiguous_time_is_taken_as_given(
        capsys, typed, reported, first_level):
    data = timeline_json(capsys, "--severity", "1", "--reported-at", typed,
                         "--tz", "America/New_York")
    assert data["reported_at"] == reported
    assert data["levels"][0]["opens_at"] == first_level


# --- timeline: the table and the holiday --------------------------------------------------

def test_the_table_keeps_its_columns_with_a_long_holiday_name(capsys):
    assert main(["timeline", "--severity", "2", "--reported-at", "2026-01-19T20:00",
                 "--tz", "America/Chicago"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()[1:]
    starts = [header.index(title) for title in ("Opens at", "When", "Call")]
    assert len(rows) == 4
    assert "after hours (Martin Luther King Jr. Day)" in rows[0]
    assert "(Martin" not in rows[1]  # the next levels open on the 20th: no holiday
    for row in rows:
        for start in starts:
            assert row[start - 1] == " " and row[start] != " ", (row, start)
        assert row[starts[1]:].startswith("after hours")
        assert row[starts[2]:].startswith("(877) 288-8362")


def test_json_gives_each_levels_holiday_or_null(capsys):
    levels = timeline_json(capsys, "--severity", "2", "--reported-at", "2026-01-19T20:00",
                           "--tz", "America/Chicago")["levels"]
    assert [lv["holiday"] for lv in levels] == ["Martin Luther King Jr. Day", None, None, None]


# --- the matrix file ----------------------------------------------------------------------

def _matrix(tmp_path: Path, monkeypatch, mutate) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "matrix.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("BVOIP_MATRIX", str(path))
    return path


@pytest.mark.parametrize(("hours", "fault"), [
    (math.nan, "got nan"), (math.inf, "got inf"), (-math.inf, "got -inf"),
    (0, "must be above 0 hours"), (-2, "got -2.0"), (169, "at most 168 (a week); got 169.0"),
    (1e9, "got 1000000000.0"),
])
@pytest.mark.parametrize("command", [["matrix"], ["timeline", "--severity", "1"]])
def test_an_interval_that_is_not_a_sane_number_of_hours_names_bvoip_matrix(
        capsys, monkeypatch, tmp_path, command, hours, fault):
    path = _matrix(tmp_path, monkeypatch,
                   lambda d: d["levels"][1]["interval_hours"].update({1: hours}))
    line = one_line_error(capsys, command)
    assert line.startswith(f"bvoip: error: BVOIP_MATRIX: {path}: levels.1.interval_hours: ")
    assert fault in line


def test_intervals_that_do_not_rise_by_level_name_bvoip_matrix(capsys, monkeypatch, tmp_path):
    _matrix(tmp_path, monkeypatch, lambda d: d["levels"][2]["interval_hours"].update({2: 4}))
    line = one_line_error(capsys, ["matrix"])
    assert line.startswith("bvoip: error: BVOIP_MATRIX: ") and "must rise with the level" in line


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_matrix_that_is_not_utf8_names_bvoip_matrix(capsys, monkeypatch, tmp_path, encoding):
    path = tmp_path / "matrix.yaml"
    text = SHIPPED.read_text(encoding="utf-8").replace("Director", "Directeur général")
    path.write_bytes(text.encode(encoding, errors="replace"))
    monkeypatch.setenv("BVOIP_MATRIX", str(path))
    line = one_line_error(capsys, ["matrix"])
    assert line.startswith(f"bvoip: error: BVOIP_MATRIX: {path}: not UTF-8 text (byte 0x")
    assert line.endswith("save the file as UTF-8")


def test_a_missing_matrix_file_names_bvoip_matrix(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("BVOIP_MATRIX", str(tmp_path / "nowhere.yaml"))
    line = one_line_error(capsys, ["timeline", "--severity", "1"])
    assert line.startswith("bvoip: error: BVOIP_MATRIX: ") and "cannot read the matrix" in line


# --- run --host ---------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["999.1.1.1", "1.2.3", "", "-bad-", "two words", "a..b"])
def test_run_with_a_host_that_is_no_address_stops_with_one_line(tmp_path, host):
    done = bvoip_run(tmp_path, ["--http", f"--host={host}"], SLACK_BOT_TOKEN=BOT_TOKEN,
                     SLACK_SIGNING_SECRET=SIGNING_SECRET)
    assert done.returncode == 2, done
    assert done.stderr == (f"bvoip: error: --host {host!r} is not an IP address or host "
                           "name: use e.g. 0.0.0.0, 127.0.0.1, :: or localhost\n")
    assert done.stdout == "" and not (tmp_path / "bvoip.db").exists()  # nothing started


@pytest.mark.parametrize("host", ["0.0.0.0", "127.0.0.1", "::", "::1", "localhost"])
def test_addresses_and_names_that_resolve_are_accepted(host):
    assert check_host(host) == host


def test_a_name_that_does_not_resolve_is_refused():
    with pytest.raises(SettingsError, match=r"^--host 'no-such-host\.invalid' does not resolve"):
        check_host("no-such-host.invalid")  # .invalid never resolves (RFC 6761)


def test_port_follows_the_empty_is_unset_rule(monkeypatch):
    monkeypatch.setenv("PORT", "")
    assert http_port(None) == DEFAULT_PORT
    monkeypatch.setenv("PORT", "8080")
    assert http_port(None) == 8080 and http_port(9000) == 9000
    for bad in ("eighty", "²", "0", "65536"):
        monkeypatch.setenv("PORT", bad)
        with pytest.raises(SettingsError, match=f"^PORT must be a port number .*{bad!r}"):
            http_port(None)


# --- empty variables: one rule, empty is unset ---------------------------------------------

def _variables() -> list[str]:
    names = []
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names += [alias] if isinstance(alias, str) else list(alias.choices)
    return sorted(names)


def test_every_documented_variable_is_covered():
    assert set(_variables()) >= {
        "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL",
        "BVOIP_DB", "BVOIP_TIMEZONE", "BVOIP_BUSINESS_HOURS", "BVOIP_HOLIDAYS",
        "BVOIP_MATRIX", "BVOIP_SLACK_TIMEOUT"}


@pytest.mark.parametrize("name", _variables())
def test_an_empty_variable_is_the_same_as_an_unset_one(monkeypatch, name):
    for other in _variables():
        monkeypatch.delenv(other, raising=False)
    unset = Settings().model_dump()
    monkeypatch.setenv(name, "")
    assert Settings().model_dump() == unset


def test_empty_matrix_and_zone_fall_back_to_the_defaults_in_the_cli(capsys, monkeypatch):
    monkeypatch.setenv("BVOIP_MATRIX", "")
    monkeypatch.setenv("BVOIP_TIMEZONE", "")
    monkeypatch.setenv("BVOIP_HOLIDAYS", "")
    data = timeline_json(capsys, "--severity", "1", "--reported-at", "2026-11-26T10:00")
    assert data["timezone"] == "America/New_York"
    assert data["levels"][0]["holiday"] == "Thanksgiving Day"  # the US calendar, not none
    assert main(["matrix"]) == 0 and "AT&T" in capsys.readouterr().out


@pytest.mark.parametrize(("env", "message"), [
    ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN is required"),
    # an empty app token does not choose Socket Mode: HTTP needs the signing secret
    ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": ""},
     "SLACK_SIGNING_SECRET is required in HTTP mode"),
])
def test_empty_slack_tokens_are_missing_ones_at_start(tmp_path, env, message):
    done = bvoip_run(tmp_path, [], **env)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert message in done.stderr and "Traceback" not in done.stderr


# --- bare bvoip ---------------------------------------------------------------------------

def test_bare_bvoip_lists_its_commands_and_exits_2(capsys):
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    first, *rest = captured.err.splitlines()
    assert first == "bvoip: error: name a command, e.g. bvoip timeline --severity 1"
    listed = "\n".join(rest)
    for command, purpose in [("classify", "severity of a trouble description"),
                             ("timeline", "when each escalation level opens"),
                             ("matrix", "the escalation matrix in use"),
                             ("run", "run the Slack app")]:
        assert any(ln.split()[:1] == [command] and purpose in ln for ln in rest), listed


def test_bare_bvoip_as_a_program_has_no_traceback():
    done = subprocess.run([sys.executable, "-m", "bot.cli"], capture_output=True, text=True,
                          check=False, timeout=30)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("bvoip: error: name a command") and "timeline" in done.stderr
