"""Check Block Kit payloads the way Slack would, using slack_sdk.models' own validators.

Every function returns a list of error strings shaped like Slack's
``response_metadata.messages`` entries ("<what> [json-pointer:/blocks/0/text]");
an empty list means Slack would accept the payload.
"""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.blocks.basic_components import Option, TextObject
from slack_sdk.models.views import View

MESSAGE_MAX_BLOCKS = 50
VIEW_MAX_BLOCKS = 100
MESSAGE_MAX_TEXT = 40_000
# View keys Slack accepts (or returns and tolerates when a view object is sent back).
_VIEW_KEYS = set(View.attributes) | {"app_installed_team_id", "submit_disabled"}
# Element types whose option texts must be plain_text (checkboxes/radio_buttons allow mrkdwn).
_PLAIN_OPTIONS = {"static_select", "multi_static_select", "overflow"}


def _err(message: str, pointer: str) -> str:
    return f"{message} [json-pointer:{pointer}]"


def _dropped_keys(original: Any, normalized: Any, pointer: str) -> list[str]:
    """Keys present in what the app sent that slack_sdk's model did not keep.

    slack_sdk models drop constructor arguments they do not know, so a key that vanishes
    in ``Block.parse(raw).to_dict()`` is a property Slack's schema does not allow either.
    """
    out: list[str] = []
    if isinstance(original, dict) and isinstance(normalized, dict):
        for key, value in original.items():
            if value is None or value == "" or value == [] or value == {}:
                continue
            if key not in normalized:
                out.append(f"{pointer}/{key}")
            else:
                out.extend(_dropped_keys(value, normalized[key], f"{pointer}/{key}"))
    elif isinstance(original, list) and isinstance(normalized, list):
        if len(original) == len(normalized):
            for i, (a, b) in enumerate(zip(original, normalized, strict=True)):
                out.extend(_dropped_keys(a, b, f"{pointer}/{i}"))
    return out


def _plain_text(value: Any, pointer: str, *, required: bool = False) -> list[str]:
    if value is None:
        return [_err("must provide an object", pointer)] if required else []
    if not isinstance(value, dict):
        return [_err("must be a text object, not a string", pointer)]
    if value.get("type") != "plain_text":
        return [_err("must be a plain_text object", pointer)]
    if not isinstance(value.get("text"), str) or not value["text"]:
        return [_err("must be more than 0 characters", f"{pointer}/text")]
    return []


def _check_options(el: dict, pointer: str, *, plain_only: bool) -> list[str]:
    """slack_sdk keeps static_select/radio_buttons/overflow options as raw dicts: check them."""
    errors: list[str] = []
    listed: list[tuple[str, Any]] = [
        (f"{pointer}/options/{i}", o) for i, o in enumerate(el.get("options") or [])
    ]
    for g, group in enumerate(el.get("option_groups") or []):
        if isinstance(group, dict):
            listed += [(f"{pointer}/option_groups/{g}/options/{i}", o)
                       for i, o in enumerate(group.get("options") or [])]
    initial = [(f"{pointer}/initial_options/{i}", o)
               for i, o in enumerate(el.get("initial_options") or [])]
    if el.get("initial_option") is not None:
        initial.append((f"{pointer}/initial_option", el["initial_option"]))
    for where, opt in listed + initial:
        if not isinstance(opt, dict):
            errors.append(_err("must be an object", where))
            continue
        try:
            Option(**opt).to_dict()
        except Exception as exc:  # noqa: BLE001
            errors.append(_err(f"{type(exc).__name__}: {exc}", where))
        if plain_only:
            errors += _plain_text(opt.get("text"), f"{where}/text", required=True)
    if listed:
        known = [(o.get("value"), (o.get("text") or {}).get("text"))
                 for _, o in listed if isinstance(o, dict)]
        for where, opt in initial:
            if isinstance(opt, dict) and (
                (opt.get("value"), (opt.get("text") or {}).get("text")) not in known
            ):
                errors.append(_err("initial option must match one of the options", where))
    return errors


def _empty_texts(node: Any, pointer: str) -> list[str]:
    """Text objects anywhere in a block must carry at least one character."""
    out: list[str] = []
    if isinstance(node, dict):
        if node.get("type") in ("plain_text", "mrkdwn") and "text" in node:
            if not isinstance(node["text"], str) or not node["text"]:
                out.append(_err("must be more than 0 characters", f"{pointer}/text"))
        for key, value in node.items():
            out += _empty_texts(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _empty_texts(value, f"{pointer}/{i}")
    return out


def _check_element(el: Any, pointer: str) -> list[str]:
    if not isinstance(el, dict):
        return [_err("must be an object", pointer)]
    errors: list[str] = []
    kind = el.get("type")
    if kind == "button":
        errors += _plain_text(el.get("text"), f"{pointer}/text", required=True)
    if "placeholder" in el:
        errors += _plain_text(el["placeholder"], f"{pointer}/placeholder")
    errors += _check_options(el, pointer, plain_only=kind in _PLAIN_OPTIONS)
    if kind == "plain_text_input" and isinstance(el.get("max_length"), int):
        if el["max_length"] > 3000:
            errors.append(_err("must be less than 3001", f"{pointer}/max_length"))
        if len(el.get("initial_value") or "") > el["max_length"]:
            errors.append(_err("longer than max_length", f"{pointer}/initial_value"))
    return errors


def _interactive_elements(block: dict) -> list[tuple[str, Any]]:
    """(json-pointer suffix, element) for the elements of a block that can carry an action_id."""
    found: list[tuple[str, Any]] = []
    if "element" in block:
        found.append(("/element", block["element"]))
    if "accessory" in block:
        found.append(("/accessory", block["accessory"]))
    if block.get("type") == "actions":
        found += [(f"/elements/{i}", e) for i, e in enumerate(block.get("elements") or [])]
    return found


def validate_blocks(blocks: Any, *, surface: str) -> list[str]:
    """Validate a message's ("message") or a view's ("modal" / "home") blocks."""
    if not isinstance(blocks, list):
        return [_err("must be an array", "/blocks")]
    limit = MESSAGE_MAX_BLOCKS if surface == "message" else VIEW_MAX_BLOCKS
    errors: list[str] = []
    if len(blocks) > limit:
        errors.append(_err(f"no more than {limit} items allowed", "/blocks"))
    block_ids: set[str] = set()
    for i, raw in enumerate(blocks):
        where = f"/blocks/{i}"
        if not isinstance(raw, dict):
            errors.append(_err("must be an object", where))
            continue
        try:
            block = Block.parse(raw)
            if block is None:
                errors.append(_err(f"unknown block type {raw.get('type')!r}", f"{where}/type"))
                continue
            normalized = block.to_dict()
        except Exception as exc:  # noqa: BLE001 - any model failure is a refusal
            errors.append(_err(f"{type(exc).__name__}: {exc}", where))
            continue
        errors += [_err("unknown property", p) for p in _dropped_keys(raw, normalized, where)]
        errors += _empty_texts(raw, where)
        block_id = raw.get("block_id")
        if block_id is not None:
            if block_id in block_ids:
                errors.append(_err(f"duplicate block_id {block_id!r}", f"{where}/block_id"))
            block_ids.add(block_id)
        kind = raw.get("type")
        if kind == "input":
            if surface != "modal":
                errors.append(_err(f"input blocks are not allowed in a {surface}", where))
            errors += _plain_text(raw.get("label"), f"{where}/label", required=True)
            errors += _plain_text(raw.get("hint"), f"{where}/hint")
        if kind == "header":
            errors += _plain_text(raw.get("text"), f"{where}/text", required=True)
        action_ids: set[str] = set()
        for suffix, el in _interactive_elements(raw):
            errors += _check_element(el, where + suffix)
            action_id = el.get("action_id") if isinstance(el, dict) else None
            if action_id is not None:
                if action_id in action_ids:
                    errors.append(
                        _err(f"duplicate action_id {action_id!r}", f"{where}{suffix}/action_id")
                    )
                action_ids.add(action_id)
    return errors


def decode_json_field(value: Any) -> Any:
    """Form-encoded calls carry blocks/view/attachments as JSON strings."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def validate_view(view: Any, *, expected_type: str | None = None) -> list[str]:
    """Validate a view for views.open/push/update ("modal") or views.publish ("home")."""
    if not isinstance(view, dict):
        return [_err("must be an object", "/view")]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [_err("type must be 'modal' or 'home'", "/view/type")]
    errors: list[str] = []
    if expected_type and kind != expected_type:
        errors.append(_err(f"this method needs a {expected_type} view", "/view/type"))
    errors += [_err("unknown property", f"/view/{k}") for k in view if k not in _VIEW_KEYS]
    for key in ("title", "submit", "close"):
        if key in view:
            errors += _plain_text(view[key], f"/view/{key}", required=True)
    if kind == "modal" and "title" not in view:
        errors.append(_err("modal views must have a title", "/view/title"))
    blocks = view.get("blocks")
    if blocks is None:
        errors.append(_err("must provide blocks", "/view/blocks"))
        return errors
    if not isinstance(blocks, list):
        errors.append(_err("must be an array", "/view/blocks"))
        return errors
    if kind == "modal" and view.get("submit") is None:
        if any(isinstance(b, dict) and b.get("type") == "input" for b in blocks):
            errors.append(_err("a modal with input blocks must have a submit button", "/view"))
    try:
        model = View(**{k: v for k, v in view.items() if k not in ("blocks", "state")})
        model.blocks = [None] if blocks else []  # emptiness only; validate_blocks does the rest
        model.validate_json()
        for key in ("title", "submit", "close"):
            text = getattr(model, key)
            if isinstance(text, TextObject):
                text.to_dict()
    except Exception as exc:  # noqa: BLE001
        errors.append(_err(f"{type(exc).__name__}: {exc}", "/view"))
    errors += [e.replace("[json-pointer:", "[json-pointer:/view") for e in
               validate_blocks(blocks, surface=kind)]
    return errors


def validate_message(args: dict) -> tuple[str, list[str]] | None:
    """(error code, messages) Slack would answer for chat.postMessage/update/postEphemeral."""
    text, blocks, attachments = args.get("text"), args.get("blocks"), args.get("attachments")
    if isinstance(blocks, str):
        return "invalid_blocks_format", [_err("blocks must be a JSON array", "/blocks")]
    if not text and not blocks and not attachments:
        return "no_text", ["a message needs text, blocks or attachments"]
    if isinstance(text, str) and len(text) > MESSAGE_MAX_TEXT:
        return "msg_too_long", [_err(f"text exceeds {MESSAGE_MAX_TEXT} characters", "/text")]
    if blocks:
        errors = validate_blocks(blocks, surface="message")
        if errors:
            return "invalid_blocks", errors
    return None


def validate_ack(request_payload: dict, ack_payload: Any) -> list[str]:
    """Validate what an app acknowledged with (Socket Mode ack payload / HTTP response body)."""
    if not isinstance(ack_payload, dict) or not ack_payload:
        return []
    action = ack_payload.get("response_action")
    if request_payload.get("type") == "view_submission" and action is not None:
        if action in ("update", "push"):
            return validate_view(ack_payload.get("view"), expected_type="modal")
        if action == "errors":
            errors = ack_payload.get("errors")
            view = request_payload.get("view") or {}
            blocks = view.get("blocks") or []
            inputs = {b.get("block_id") for b in blocks if b.get("type") == "input"}
            if not isinstance(errors, dict) or not errors:
                return [_err("errors must be a non-empty object", "/errors")]
            return [_err(f"{k!r} is not the block_id of an input block", f"/errors/{k}")
                    for k in errors if k not in inputs]
        if action == "clear":
            return []
        return [_err(f"unknown response_action {action!r}", "/response_action")]
    if "blocks" in ack_payload or "text" in ack_payload:
        result = validate_message(ack_payload)
        return result[1] if result else []
    return []
