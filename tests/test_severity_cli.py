"""`bvoip classify`: what the command prints for a report, and for text that names no trouble."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.cli import main


def test_json_for_text_naming_no_trouble_has_a_null_severity_and_the_reason(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--json", "how", "do", "I", "escalate", "to", "level", "2?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"severity", "symptoms", "scope", "reasons", "site"}  # as DESIGN.md
    assert (data["severity"], data["symptoms"], data["scope"]) == (None, [], None)
    assert data["reasons"][0].startswith("No trouble named: ")


def test_plain_output_says_no_trouble_was_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "all clear, thanks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["No trouble named: no severity", "Symptoms: none named",
                         "Scope: none named"]
    assert lines[3].startswith("- No trouble named: ")


def test_plain_output_for_an_outage_names_severity_symptoms_and_scope(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "everyone", "except", "me", "can't", "make", "calls"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Severity 1 (High)", "Symptoms: Cannot make outbound calls"]
    assert lines[2].startswith("Scope: ") and lines[2] != "Scope: One user"


def test_the_installed_command_prints_null_without_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "bot.cli", "classify", "--json", "Buenos días"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["severity"] is None
