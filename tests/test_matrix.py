"""The shipped AT&T matrix says exactly what the seed says; bad files are rejected clearly."""

from pathlib import Path

import pytest
import yaml

from bot.matrix import MatrixError, load_matrix
from bot.severity import Severity

SEED = (Path(__file__).parents[2] / "shared" / "seed" / "att-bvoip-escalation.txt")
SHIPPED = Path(__file__).parents[1] / "bot" / "data" / "att_bvoip.yaml"


def test_intervals_are_the_seeds():
    matrix = load_matrix()
    hours = {lvl.level: (lvl.interval_hours[Severity.HIGH], lvl.interval_hours[Severity.MEDIUM])
             for lvl in matrix.levels}
    assert hours == {1: (1, 2), 2: (2, 4), 3: (3, 6), 4: (4, 8)}


def test_owners_contacts_and_asks_are_the_seeds():
    matrix = load_matrix()
    assert [lvl.owner for lvl in matrix.levels] == [
        "Tier 1 agents", "Team Manager", "Customer Service Managers", "Director"]
    assert {lvl.contact.phone for lvl in matrix.levels} == {"+18772888362"}
    assert [lvl.contact.prompt for lvl in matrix.levels] == ["1", "1", "1", "1"]
    assert [lvl.contact.ask_for for lvl in matrix.levels] == [
        None, "Team Lead", "Area Manager", "Area Manager"]
    after = matrix.level(3).after_hours_contact
    assert after is not None
    assert (after.phone, after.prompt) == ("+18772888362", None)
    assert after.ask_for == "Escalation Manager"
    assert all(matrix.level(n).after_hours_contact is None for n in (1, 2, 4))
    assert matrix.level(2).contact.how_to_call == (
        "(877) 288-8362, Prompt 1, ask to speak with the Team Lead")
    assert matrix.last_updated.isoformat() == "2013-04-02"
    assert len(matrix.escalation_information) == 6


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not beside the clone")
def test_every_quoted_text_appears_in_the_source():
    """Responsibilities and contact texts are the source's words (modulo spacing)."""
    source = " ".join(SEED.read_text(encoding="utf-8").split()).replace("’", "'")
    squashed = source.replace(" ", "")
    matrix = load_matrix()
    for lvl in matrix.levels:
        for duty in lvl.responsibilities:
            assert duty.rstrip(".").replace(" ", "") in squashed, duty
        for contact in (lvl.contact, lvl.after_hours_contact):
            if contact is None:
                continue
            for piece in contact.text.replace("Electronically through Business Direct, or ", "")\
                    .split(" – "):
                assert piece.rstrip(".").replace(" ", "") in squashed, piece


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "custom.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_custom_matrix_loads(tmp_path):
    def rename(d):
        d["carrier"] = "Other Telco"
    matrix = load_matrix(_write(tmp_path, rename))
    assert matrix.carrier == "Other Telco"


@pytest.mark.parametrize(
    ("mutate", "field", "fault"),
    [
        (lambda d: d["levels"][1]["interval_hours"].update({1: 0.5}),
         "(top level)", "must rise with the level"),
        (lambda d: d["levels"][2]["contact"].update(phone="555-0100"),
         "levels.2.contact.phone", "not a valid phone number"),
        (lambda d: d["levels"][2]["contact"].update(phone="call us"),
         "levels.2.contact.phone", "is not a phone number"),
        (lambda d: d["levels"][3]["interval_hours"].pop(2),
         "(top level)", "level 4 has no interval for severity 2"),
        (lambda d: d["levels"][0].pop("owner"), "levels.0.owner", "Field required"),
        (lambda d: d["levels"][0]["interval_hours"].update({1: -1}),
         "levels.0.interval_hours", "must be above 0"),
        (lambda d: d["levels"][0]["interval_hours"].update({1: "soon"}),
         "levels.0.interval_hours.1", "valid number"),
        (lambda d: d["levels"][0]["interval_hours"].update({1: float("nan")}),
         "levels.0.interval_hours", "got nan"),
        (lambda d: d["levels"][0]["interval_hours"].update({2: float("inf")}),
         "levels.0.interval_hours", "at most 168 (a week); got inf"),
        (lambda d: d["levels"][0]["interval_hours"].update({1: float("-inf")}),
         "levels.0.interval_hours", "got -inf"),
        (lambda d: d["levels"][0]["interval_hours"].update({1: 0}),
         "levels.0.interval_hours", "must be above 0 hours"),
        (lambda d: d["levels"][3]["interval_hours"].update({2: 169}),
         "levels.3.interval_hours", "at most 168 (a week); got 169.0"),
        (lambda d: d["levels"][3]["interval_hours"].update({2: 1e300}),
         "levels.3.interval_hours", "got 1e+300"),
        (lambda d: d["levels"].reverse(), "(top level)", "numbered 1, 2, 3"),
    ],
)
def test_bad_matrix_names_file_field_and_fault(tmp_path, mutate, field, fault):
    path = _write(tmp_path, mutate)
    with pytest.raises(MatrixError) as caught:
        load_matrix(path)
    message = str(caught.value)
    assert message.startswith(f"BVOIP_MATRIX: {path}: ")
    assert field in message
    assert fault in message


def test_unreadable_and_non_yaml_files(tmp_path):
    with pytest.raises(MatrixError, match="^BVOIP_MATRIX: .*: cannot read the matrix file"):
        load_matrix(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("levels: [unclosed", encoding="utf-8")
    with pytest.raises(MatrixError, match="bad.yaml: not valid YAML"):
        load_matrix(bad)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes(SHIPPED.read_bytes().replace(b"carrier:", "carri\u00e9r:".encode("latin-1")))
    with pytest.raises(MatrixError, match=r"^BVOIP_MATRIX: .*latin1.yaml: not UTF-8 text "
                                          r"\(byte 0xe9 at offset \d+\): save the file as UTF-8"):
        load_matrix(latin1)
    with pytest.raises(MatrixError, match="larger than 1,000,000 bytes"):
        load_matrix("/dev/zero")
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("just words", encoding="utf-8")
    with pytest.raises(MatrixError, match="expected a mapping"):
        load_matrix(scalar)
