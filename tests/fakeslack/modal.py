"""Build view ``state.values`` the way Slack's client does, from answers keyed by label text."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

UNSET: Any = object()

_TEXT_INPUTS = {"plain_text_input", "email_text_input", "url_text_input", "number_input"}
_ONE_OPTION = {"static_select", "external_select", "radio_buttons"}
_MANY_OPTIONS = {"multi_static_select", "multi_external_select", "checkboxes"}
# element type -> (state key, initial key) for id pickers
_PICKERS = {
    "users_select": ("selected_user", "initial_user"),
    "multi_users_select": ("selected_users", "initial_users"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "multi_conversations_select": ("selected_conversations", "initial_conversations"),
    "channels_select": ("selected_channel", "initial_channel"),
    "multi_channels_select": ("selected_channels", "initial_channels"),
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
    "datetimepicker": ("selected_date_time", "initial_date_time"),
}
STATEFUL = _TEXT_INPUTS | _ONE_OPTION | _MANY_OPTIONS | set(_PICKERS) | {
    "rich_text_input", "file_input"}


def _options(el: dict) -> list[dict]:
    found = list(el.get("options") or [])
    for group in el.get("option_groups") or []:
        found += group.get("options") or []
    return found


def find_option(el: dict, answer: Any) -> dict:
    """The option of `el` whose text (case-insensitive) or value is `answer`."""
    if isinstance(answer, dict):
        return copy.deepcopy(answer)
    options = _options(el)
    wanted = str(answer)
    if not options:  # external_select: Slack echoes what the options endpoint offered
        return {"text": {"type": "plain_text", "text": wanted}, "value": wanted}
    texts = [((o.get("text") or {}).get("text") or "") for o in options]
    for rule in (
        lambda o, t: t.lower() == wanted.lower(),
        lambda o, t: o.get("value") == wanted,
        lambda o, t: wanted.lower() in t.lower(),
    ):
        hits = [o for o, t in zip(options, texts, strict=True) if rule(o, t)]
        if len(hits) == 1:
            return copy.deepcopy(hits[0])
        if len(hits) > 1:
            raise ValueError(f"{wanted!r} matches several options of {el.get('action_id')!r}")
    raise ValueError(f"no option {wanted!r} in {el.get('action_id')!r}; options: {texts}")


def _picker_value(kind: str, answer: Any) -> Any:
    if kind == "datetimepicker" and isinstance(answer, dt.datetime):
        return int(answer.timestamp())
    if kind == "datepicker" and isinstance(answer, dt.date):
        return answer.isoformat()
    if kind == "timepicker" and isinstance(answer, dt.time):
        return answer.strftime("%H:%M")
    if kind == "datetimepicker" and answer is not None:
        return int(answer)
    if kind.startswith("multi_") and isinstance(answer, str):
        return [answer]
    return answer


def _check_text(el: dict, value: str | None) -> None:
    if value is None:
        return
    if el.get("max_length") is not None and len(value) > el["max_length"]:
        raise ValueError(f"{el.get('action_id')!r}: Slack's client caps it at {el['max_length']}")
    if el.get("min_length") is not None and 0 < len(value) < el["min_length"]:
        raise ValueError(f"{el.get('action_id')!r}: Slack refuses fewer than {el['min_length']}")
    if el["type"] == "number_input":
        number = float(value)
        if not el.get("is_decimal_allowed") and not number.is_integer():
            raise ValueError(f"{el.get('action_id')!r}: decimals are not allowed")
        for bound, ok in (("min_value", number >= float(el.get("min_value", number))),
                          ("max_value", number <= float(el.get("max_value", number)))):
            if not ok:
                raise ValueError(f"{el.get('action_id')!r}: violates {bound}={el[bound]}")


def element_value(el: dict, answer: Any = UNSET) -> dict:
    """The ``state.values[block_id][action_id]`` entry for `el`, answered or left at its initial."""
    kind = el.get("type")
    entry: dict[str, Any] = {"type": kind}
    if kind in _TEXT_INPUTS:
        value = el.get("initial_value") if answer is UNSET else answer
        value = None if value is None else str(value)
        _check_text(el, value)
        entry["value"] = value
    elif kind in _ONE_OPTION:
        chosen = el.get("initial_option") if answer is UNSET else answer
        entry["selected_option"] = None if chosen is None else find_option(el, chosen)
    elif kind in _MANY_OPTIONS:
        chosen = (el.get("initial_options") or []) if answer is UNSET else answer
        chosen = chosen if isinstance(chosen, list | tuple) else [chosen]
        if el.get("max_selected_items") and len(chosen) > el["max_selected_items"]:
            raise ValueError(f"{el.get('action_id')!r}: at most {el['max_selected_items']} items")
        entry["selected_options"] = [find_option(el, c) for c in chosen]
    elif kind in _PICKERS:
        key, initial = _PICKERS[kind]
        default = [] if kind.startswith("multi_") else None
        value = el.get(initial, default) if answer is UNSET else _picker_value(kind, answer)
        entry[key] = value
        if kind == "timepicker" and el.get("timezone"):
            entry["timezone"] = el["timezone"]
    elif kind == "rich_text_input":
        value = el.get("initial_value") if answer is UNSET else answer
        if isinstance(value, str):
            section = {"type": "rich_text_section", "elements": [{"type": "text", "text": value}]}
            value = {"type": "rich_text", "elements": [section]}
        entry["rich_text_value"] = value
    elif kind == "file_input":
        entry["files"] = [] if answer is UNSET else list(answer)
    else:
        raise ValueError(f"element type {kind!r} carries no state")
    return entry


def _is_empty(entry: dict) -> bool:
    return all(v in (None, [], "") for k, v in entry.items() if k not in ("type", "timezone"))


def _label(block: dict) -> str:
    return ((block.get("label") or {}).get("text") or "").strip()


def _stateful(view: dict) -> list[tuple[dict, dict]]:
    """(block, element) for every element of the view that Slack reports in state.values."""
    found = []
    for block in view.get("blocks") or []:
        elements = [block.get("element"), block.get("accessory")]
        if block.get("type") == "actions":
            elements += block.get("elements") or []
        found += [(block, el) for el in elements
                  if isinstance(el, dict) and el.get("type") in STATEFUL]
    return found


def _match(key: str, pairs: list[tuple[dict, dict]]) -> tuple[dict, dict]:
    inputs = [(b, e) for b, e in pairs if b.get("type") == "input"]
    wanted = key.strip().lower()
    for rule in (
        lambda b, e: _label(b).lower() == wanted,
        lambda b, e: wanted in _label(b).lower(),
    ):
        hits = [(b, e) for b, e in inputs if rule(b, e)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ValueError(f"{key!r} matches several labels: {[_label(b) for b, _ in hits]}")
    hits = [(b, e) for b, e in pairs if key in (b.get("block_id"), e.get("action_id"))]
    if len(hits) == 1:
        return hits[0]
    raise KeyError(f"no input labelled {key!r}; labels: {[_label(b) for b, _ in inputs]}")


def fill_modal(view: dict, answers: dict[str, Any], *, require_all: bool = True) -> dict:
    """``state.values`` for submitting `view` with `answers` ({label substring: answer}).

    Unanswered fields keep their initial values, as in Slack's client. With `require_all`, a
    required (non-optional) input left empty raises, since Slack's client would not submit.
    Use the view Slack answered with (``fake.views[...]``): it has Slack's block/action ids.
    """
    pairs = _stateful(view)
    answered = {}
    for key, answer in answers.items():
        block, el = _match(key, pairs)
        answered[id(el)] = answer
    values: dict[str, dict[str, dict]] = {}
    missing = []
    for block, el in pairs:
        if not block.get("block_id") or not el.get("action_id"):
            raise ValueError(f"block {block!r} has no block_id/action_id: pass the view the fake "
                             "stored (fake.views / fake.latest_view()), which has Slack's ids")
        entry = element_value(el, answered.get(id(el), UNSET))
        values.setdefault(block["block_id"], {})[el["action_id"]] = entry
        if block.get("type") == "input" and not block.get("optional") and _is_empty(entry):
            missing.append(_label(block))
    if require_all and missing:
        raise ValueError(f"required fields left empty (Slack would not submit): {missing}")
    return values
