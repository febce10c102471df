"""Small helpers shared by the FakeSlack modules."""

from __future__ import annotations

import copy
import secrets
import string
from typing import Any

_ID_CHARS = string.ascii_letters + string.digits


def error(code: str, **extra: Any) -> dict:
    """A Slack Web API error answer (sent with HTTP 200)."""
    return {"ok": False, "error": code, **extra}


def truthy(value: Any) -> bool:
    """Booleans arrive as JSON booleans, or as "1"/"0"/"true" in forms and query strings."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def random_id(length: int = 5) -> str:
    return "".join(secrets.choice(_ID_CHARS) for _ in range(length))


def fill_ids(blocks: Any) -> Any:
    """Slack assigns a block_id to every block (and an action_id to every element) lacking one."""
    if not isinstance(blocks, list):
        return blocks
    blocks = copy.deepcopy(blocks)
    for block in blocks:
        if not isinstance(block, dict):
            continue
        block.setdefault("block_id", random_id())
        elements = [block.get("element"), block.get("accessory")]
        if block.get("type") == "actions":
            elements += block.get("elements") or []
        for el in elements:
            if isinstance(el, dict) and el.get("type") not in (None, "image"):
                el.setdefault("action_id", random_id())
    return blocks
