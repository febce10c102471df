"""Realistic request payloads from Slack, for Socket Mode envelopes and signed HTTP requests.

Socket Mode: ``fake.send_envelope("slash_commands", slash_command("status"))``,
``fake.send_envelope("interactive", submit_modal(view, {...}))``,
``fake.send_envelope("events_api", event_callback({...}), accepts_response_payload=False)``.
HTTP: ``body = form_body(slash_command(...))`` or ``interactive_body(payload)``, sent with
``signed_headers(secret, body)``.
"""

from __future__ import annotations

import copy
import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from .modal import UNSET, _stateful, element_value, fill_modal

VERIFICATION_TOKEN = "fake-verification-token"  # the deprecated `token` field Slack still sends
TEAM_DOMAIN = "fake-workspace"
APP_ID = "A0001"


def new_trigger_id() -> str:
    """Same shape as Slack's: "<13 digits>.<10 digits>.<32 hex>"."""
    return (f"{secrets.randbelow(10**13):013d}.{secrets.randbelow(10**10):010d}."
            f"{secrets.token_hex(16)}")


def _user(user_id: str, team_id: str, user_name: str | None) -> dict:
    name = user_name or user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def _team(team_id: str) -> dict:
    return {"id": team_id, "domain": TEAM_DOMAIN}


def slash_command(
    text: str = "",
    user_id: str = "U123",
    channel_id: str = "C123",
    team_id: str = "T0001",
    command: str = "/bvoip",
    trigger_id: str | None = None,
    *,
    user_name: str | None = None,
    channel_name: str = "general",
    response_url: str | None = None,
) -> dict:
    """The form fields Slack sends for a slash command (all strings).

    Pass ``response_url=fake.response_url()`` if the app calls respond(): the default points
    at hooks.slack.com, i.e. the real internet.
    """
    return {
        "token": VERIFICATION_TOKEN, "team_id": team_id, "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id, "channel_name": channel_name, "user_id": user_id,
        "user_name": user_name or user_id.lower(), "command": command, "text": text,
        "api_app_id": APP_ID, "is_enterprise_install": "false",
        "response_url": response_url
        or f"https://hooks.slack.com/commands/{team_id}/1/{secrets.token_hex(12)}",
        "trigger_id": trigger_id or new_trigger_id(),
    }


def view_submission(
    view: dict,
    values: dict,
    user_id: str = "U123",
    team_id: str = "T0001",
    *,
    trigger_id: str | None = None,
    user_name: str | None = None,
) -> dict:
    """A view_submission payload for `view` (as Slack stored it) with ``state.values``."""
    submitted = copy.deepcopy(view)
    submitted["state"] = {"values": copy.deepcopy(values)}
    return {
        "type": "view_submission", "team": _team(team_id),
        "user": _user(user_id, team_id, user_name), "api_app_id": view.get("app_id", APP_ID),
        "token": VERIFICATION_TOKEN, "trigger_id": trigger_id or new_trigger_id(),
        "view": submitted, "response_urls": [], "is_enterprise_install": False,
        "enterprise": None,
    }


def submit_modal(view: dict, answers: dict[str, Any], user_id: str = "U123", **kw: Any) -> dict:
    """view_submission(view, fill_modal(view, answers)): answer by label text and submit."""
    return view_submission(view, fill_modal(view, answers), user_id, **kw)


def view_closed(view: dict, user_id: str = "U123", team_id: str = "T0001") -> dict:
    """Sent when the user closes a modal opened with notify_on_close."""
    return {
        "type": "view_closed", "team": _team(team_id), "user": _user(user_id, team_id, None),
        "api_app_id": view.get("app_id", APP_ID), "token": VERIFICATION_TOKEN,
        "view": copy.deepcopy(view), "is_cleared": False, "is_enterprise_install": False,
        "enterprise": None,
    }


def _find_element(blocks: list[dict], action_id: str, block_id: str | None) -> tuple[dict, dict]:
    for block in blocks:
        elements = [block.get("element"), block.get("accessory")]
        if block.get("type") == "actions":
            elements += block.get("elements") or []
        for el in elements:
            if isinstance(el, dict) and el.get("action_id") == action_id:
                if block_id is None or block.get("block_id") == block_id:
                    return block, el
    raise KeyError(f"no element with action_id {action_id!r} in the given blocks")


def block_actions(
    action_id: str,
    value: Any = UNSET,
    *,
    message: dict | None = None,
    view: dict | None = None,
    block_id: str | None = None,
    channel_id: str = "C123",
    user_id: str = "U123",
    team_id: str = "T0001",
    trigger_id: str | None = None,
    response_url: str | None = None,
) -> dict:
    """A block_actions payload for a click/selection on `action_id`.

    With `message` (as stored in ``fake.messages[channel]``) or `view` (``fake.views[id]``) the
    element is looked up to build the right action shape: button -> its value; selects,
    overflow, checkboxes, pickers -> selected_* from `value` (option text or value).
    """
    action: dict[str, Any]
    blocks = (message or view or {}).get("blocks")
    if blocks is None:
        action = {"type": "button", "block_id": block_id or "actions",
                  "text": {"type": "plain_text", "text": action_id},
                  "value": None if value is UNSET else value}
    else:
        block, el = _find_element(blocks, action_id, block_id)
        block_id = block.get("block_id")
        if el["type"] in ("button", "workflow_button"):
            action = {"type": el["type"], "block_id": block_id, "text": el.get("text")}
            action["value"] = el.get("value") if value is UNSET else value
            if el.get("style"):
                action["style"] = el["style"]
        elif el["type"] == "overflow":
            action = {"type": "overflow", "block_id": block_id,
                      "selected_option": element_value({**el, "type": "static_select"},
                                                       value)["selected_option"]}
        else:
            action = {**element_value(el, value), "block_id": block_id}
    action["action_id"] = action_id
    action["action_ts"] = f"{time.time():.6f}"
    payload: dict[str, Any] = {
        "type": "block_actions", "user": _user(user_id, team_id, None), "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN, "trigger_id": trigger_id or new_trigger_id(),
        "team": _team(team_id), "enterprise": None, "is_enterprise_install": False,
        "state": {"values": {}}, "actions": [action],
    }
    if view is not None:
        current = copy.deepcopy(view)
        current["state"] = {"values": fill_modal(view, {}, require_all=False)}
        payload.update(container={"type": "view", "view_id": view.get("id")}, view=current)
    else:
        payload["container"] = {"type": "message", "channel_id": channel_id,
                                "is_ephemeral": False}
        payload["channel"] = {"id": channel_id, "name": "general"}
        payload["response_url"] = response_url or (
            f"https://hooks.slack.com/actions/{team_id}/1/{secrets.token_hex(12)}")
        if message is not None:
            payload["container"]["message_ts"] = message.get("ts")
            payload["message"] = copy.deepcopy(message)
            payload["state"] = {"values": _message_state(message)}
    return payload


def _message_state(message: dict) -> dict:
    values: dict[str, dict] = {}
    for block, el in _stateful(message):
        if block.get("block_id") and el.get("action_id"):
            values.setdefault(block["block_id"], {})[el["action_id"]] = element_value(el)
    return values


def event_callback(event: dict, team_id: str = "T0001", bot_user_id: str = "UBOT") -> dict:
    """An Events API ``event_callback`` body (Socket Mode: the events_api envelope payload)."""
    return {
        "token": VERIFICATION_TOKEN, "team_id": team_id, "api_app_id": APP_ID,
        "event": event, "type": "event_callback",
        "event_id": "Ev" + secrets.token_hex(5).upper(), "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": team_id, "user_id": bot_user_id,
                            "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": "4-" + secrets.token_hex(16),
    }


# ---------------------------------------------------------------------- HTTP mode encodings
def form_body(fields: dict) -> str:
    """application/x-www-form-urlencoded body, e.g. of slash_command(...)."""
    return urlencode({k: "" if v is None else v for k, v in fields.items()})


def interactive_body(payload: dict) -> str:
    """Interactivity requests are form-encoded with one field: payload=<JSON>."""
    return urlencode({"payload": json.dumps(payload)})


def signed_headers(signing_secret: str, body: str, timestamp: int | None = None) -> dict:
    """Headers Slack sends with `body`, signed exactly as Slack signs (v0 HMAC-SHA256)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(signing_secret).generate_signature(timestamp=ts, body=body)
    content_type = ("application/json" if body.lstrip().startswith("{")
                    else "application/x-www-form-urlencoded")
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature,
            "Content-Type": content_type}


def block_suggestion(view: dict, action_id: str, value: str, user_id: str = "U123",
                     team_id: str = "T0001") -> dict:
    """What Slack sends to the options load URL while someone types in an external_select."""
    block, _ = _find_element(view.get("blocks") or [], action_id, None)
    current = copy.deepcopy(view)
    current["state"] = {"values": fill_modal(view, {}, require_all=False)}
    return {
        "type": "block_suggestion", "user": _user(user_id, team_id, None),
        "container": {"type": "view", "view_id": view.get("id")},
        "api_app_id": APP_ID, "token": VERIFICATION_TOKEN, "action_id": action_id,
        "block_id": block.get("block_id"), "value": value, "team": _team(team_id),
        "enterprise": None, "is_enterprise_install": False, "view": current,
    }
