"""`bvoip sites`, `timeline --site` and `classify --json` against a real SQLite file."""

import json
from pathlib import Path

import pytest

from bot.cli import main
from storage import Store

EXAMPLE = Path(__file__).parent.parent / "docs" / "sites.example.yaml"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "bvoip.db"
    monkeypatch.setenv("BVOIP_DB", str(path))
    return path


def _names(db: Path) -> list[str]:
    store = Store(db)
    try:
        return [s.name for s in store.sites.all()]
    finally:
        store.close()


def test_import_list_and_export_round_trip(db, tmp_path, capsys):
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == (
        f"Imported 3 sites from {EXAMPLE}: 3 added, 0 changed, 0 unchanged.\n")
    assert main(["sites", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in listed] == ["Boston office", "Phoenix call center", "Tampa branch"]
    assert listed[0] == {
        "name": "Boston office", "business": "Acme Dental Group",
        "address": "100 Federal St, Boston, MA 02110", "timezone": "America/New_York",
        "business_hours": "Mon-Fri 08:00-17:00",
        "holidays": "US-MA; worked Columbus Day; closed 12-24 Christmas Eve",
        "att_account": "123456789", "callback_phone": "+16175550142", "channel": "C0BOSTON1",
        "aliases": ["Boston", "Federal Street", "HQ"]}
    assert listed[1]["att_account"] is None and listed[1]["channel"] is None

    assert main(["sites", "export"]) == 0
    exported = capsys.readouterr().out
    copy = tmp_path / "copy.yaml"
    copy.write_text(exported, encoding="utf-8")
    assert main(["sites", "import", str(copy)]) == 0
    assert "0 added, 0 changed, 3 unchanged" in capsys.readouterr().out
    assert main(["sites", "export"]) == 0
    assert capsys.readouterr().out == exported


def test_list_as_text_and_an_empty_directory(db, capsys):
    assert main(["sites", "list"]) == 0
    assert capsys.readouterr().out == "No sites. Add them with: bvoip sites import FILE.yaml\n"
    assert main(["sites", "export"]) == 0
    assert capsys.readouterr().out == "sites: []\n"
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(["sites", "list"]) == 0
    out = capsys.readouterr().out
    assert "Phoenix call center — Acme Dental Group, 2 N Central Ave, Phoenix, AZ 85004" in out
    assert "America/Phoenix · Mon-Sun 00:00-24:00 · holidays none" in out
    assert "callback (617) 555-0142" in out


def test_a_later_import_updates_by_name_and_keeps_other_sites(db, tmp_path, capsys):
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    update = tmp_path / "update.yaml"
    update.write_text("sites:\n  - name: TAMPA BRANCH\n    business: Acme\n    address: 1 Bay St\n"
                      "    timezone: America/New_York\n", encoding="utf-8")
    assert main(["sites", "import", str(update)]) == 0
    assert "0 added, 1 changed, 0 unchanged" in capsys.readouterr().out
    assert _names(db) == ["Boston office", "Phoenix call center", "TAMPA BRANCH"]


BAD_CASES = [
    ("timezone: America/Phoenix", "timezone: Mountain",
     "site 'Phoenix call center': timezone: unknown time zone 'Mountain'"),
    ("business_hours: Mon-Sun 00:00-24:00", "business_hours: 24/7",
     "site 'Phoenix call center': business_hours: '24/7' is not like"),
    ("callback_phone: 602-555-0199", "callback_phone: 602-555",
     "site 'Phoenix call center': callback_phone: '602-555' is not a phone number"),
    ("name: Tampa branch", "name: boston office",
     "site 'boston office': name: appears twice (also as 'Boston office')"),
    ("aliases: [Tampa]", "aliases: [Tampa, hq]",
     "site 'Tampa branch': aliases: 'hq' already names site 'Boston office'"),
]


@pytest.mark.parametrize(("line", "replacement", "message"), BAD_CASES)
def test_a_bad_file_is_one_line_exit_2_and_nothing_imported(
    db, tmp_path, capsys, line, replacement, message
):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert line in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(line, replacement, 1), encoding="utf-8")
    assert main(["sites", "import", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"bvoip: error: {bad}: {message}")
    assert captured.err.count("\n") == 1 and captured.out == ""
    assert _names(db) == []  # not even the good sites before the bad one


def test_a_bad_file_leaves_the_directory_as_it_was(db, tmp_path, capsys):
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(["sites", "export"]) == 0
    before = capsys.readouterr().out
    clash = tmp_path / "clash.yaml"
    clash.write_text("sites:\n  - name: Tampa branch\n    business: Changed\n    address: y\n"
                     "    timezone: UTC\n"
                     "  - name: Reno\n    business: Acme\n    address: x\n"
                     "    timezone: America/Los_Angeles\n    channel: C0BOSTON1\n",
                     encoding="utf-8")
    assert main(["sites", "import", str(clash)]) == 2
    assert capsys.readouterr().err == (
        f"bvoip: error: {clash}: site 'Reno': channel: C0BOSTON1 is already the channel of "
        "site 'Boston office'\n")
    assert main(["sites", "export"]) == 0
    assert capsys.readouterr().out == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read {path}: No such file or directory"),
        ("sites:\n  - name: [", "{path}: not valid YAML at line 2: expected the node content"),
        ("name: Boston", "{path}: the file must hold 'sites:' followed by a list of sites"),
    ],
)
def test_an_unreadable_file_is_one_line(db, tmp_path, capsys, content, message):
    path = tmp_path / "sites.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["sites", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"bvoip: error: {message.format(path=path)}") and err.count("\n") == 1


def test_timeline_uses_the_sites_zone_hours_and_holidays(db, capsys):
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    saturday = ["timeline", "--severity", "1", "--reported-at", "2026-11-28T12:00", "--json"]
    assert main([*saturday, "--site", "Phoenix call center"]) == 0
    centre = json.loads(capsys.readouterr().out)
    assert centre["site"] == "Phoenix call center" and centre["timezone"] == "America/Phoenix"
    assert [lv["opens_at"] for lv in centre["levels"]][0] == "2026-11-28T13:00:00-07:00"
    assert not any(lv["after_hours"] for lv in centre["levels"])
    assert main([*saturday, "--site", "boston"]) == 0  # an alias, any case
    office = json.loads(capsys.readouterr().out)
    assert office["site"] == "Boston office" and office["levels"][0]["opens_at"].endswith("-05:00")
    assert all(lv["after_hours"] for lv in office["levels"])
    assert office["levels"][2]["ask_for"] == "Escalation Manager"

    assert main(["timeline", "--severity", "1", "--reported-at", "2026-12-24T09:00",
                 "--site", "Boston office"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Boston office (America/New_York, Mon-Fri 08:00-17:00, holidays")
    assert "after hours (Christmas Eve)" in out


def test_timeline_site_errors(db, tmp_path, capsys):
    assert main(["timeline", "--severity", "1", "--site", "Boston office"]) == 2
    assert capsys.readouterr().err == (
        f"bvoip: error: no site directory at BVOIP_DB={db}: import one with "
        "bvoip sites import FILE.yaml\n")
    assert not db.exists()
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(["timeline", "--severity", "1", "--site", "Reno"]) == 2
    assert capsys.readouterr().err == (
        "bvoip: error: unknown site 'Reno': known sites: Boston office, Phoenix call center, "
        "Tampa branch\n")
    assert main(["timeline", "--severity", "1", "--site", "Boston office", "--tz", "UTC"]) == 2
    assert capsys.readouterr().err == (
        "bvoip: error: argument --tz: not allowed with argument --site\n")


def test_classify_json_names_the_site(db, capsys):
    words = ["classify", "--json", "the", "federal", "street", "office", "is", "down"]
    assert main(words) == 0  # no database file: still classifies, and creates none
    assert json.loads(capsys.readouterr().out)["site"] is None
    assert not db.exists()
    assert main(["sites", "import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(words) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["site"] == "Boston office" and data["severity"] == 1
    assert main(["classify", "--json", "phones", "in", "Bostonia", "are", "dead"]) == 0
    assert json.loads(capsys.readouterr().out)["site"] is None
    assert main(["classify", "Tampa", "cannot", "dial", "out"]) == 0
    assert "Site: Tampa branch" in capsys.readouterr().out


def test_a_file_that_is_not_a_database_is_one_line(db, capsys):
    db.write_text("not sqlite", encoding="utf-8")
    assert main(["sites", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"bvoip: error: BVOIP_DB: cannot open '{db}' (") and err.count("\n") == 1
