"""manifest.yml creates the app in one paste: valid against Slack's published schema."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).parents[1]
SCHEMA = ROOT.parent / "shared" / "slack-manifest-schema" / "manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


@pytest.mark.skipif(not SCHEMA.exists(), reason="Slack's schema is not beside the clone")
def test_manifest_is_valid_against_slacks_schema(manifest):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(manifest, schema)


def test_schema_would_catch_a_broken_manifest(manifest):
    if not SCHEMA.exists():
        pytest.skip("Slack's schema is not beside the clone")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(manifest))
    broken["features"]["slash_commands"][0]["command"] = "bvoip"  # no leading slash
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_manifest_has_what_the_app_uses(manifest):
    command = manifest["features"]["slash_commands"][0]
    assert command["command"] == "/bvoip" and "report" in command["usage_hint"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands", "chat:write", "users:read", "im:write", "channels:read", "groups:read",
        "channels:history", "groups:history", "files:write"}
    assert {"member_joined_channel", "app_home_opened"} <= set(
        manifest["settings"]["event_subscriptions"]["bot_events"])
