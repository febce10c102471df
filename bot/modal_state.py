"""Reading a submitted modal's `state.values` by input block id, leniently."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.ids import Block


def state_values(view: dict) -> dict[str, Any]:
    """The view's state.values, or {} when absent or malformed."""
    values = (view.get("state") or {}).get("values")
    return values if isinstance(values, dict) else {}


def element(values: dict[str, Any], block: Block) -> dict[str, Any]:
    """The single element state of an input block."""
    actions = values.get(block.value)
    if not isinstance(actions, dict):
        return {}
    first = next(iter(actions.values()), {})
    return first if isinstance(first, dict) else {}


def text(values: dict[str, Any], block: Block) -> str:
    value = element(values, block).get("value")
    return value if isinstance(value, str) else ""


def selected(values: dict[str, Any], block: Block) -> str | None:
    chosen = element(values, block).get("selected_option")
    value = chosen.get("value") if isinstance(chosen, dict) else None
    return value if isinstance(value, str) else None


def epoch(values: dict[str, Any], block: Block) -> int | None:
    moment = element(values, block).get("selected_date_time")
    return moment if isinstance(moment, int) and not isinstance(moment, bool) else None


def moment(values: dict[str, Any], block: Block) -> dt.datetime | None:
    """A datetimepicker's choice as an aware UTC datetime."""
    seconds = epoch(values, block)
    if seconds is None:
        return None
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
