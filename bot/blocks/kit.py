"""Block Kit as plain dicts, for the renderings drawn on every request or level post (the
report modal, the card, a level's message). They give what `slack_sdk.models` gives for the
same arguments, without building and re-validating a tree of model objects each time: the
callers keep every text within Slack's limits themselves (`truncate`), and the tests check
each rendering against Slack's rules (tests/fakeslack/validate.py)."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


def _put(target: Json, **fields: Any) -> Json:
    """`target` with every field that is not None (slack_sdk leaves those out)."""
    target.update((key, value) for key, value in fields.items() if value is not None)
    return target


def plain(text: str) -> Json:
    return {"type": "plain_text", "text": text, "emoji": True}


def plain_or_none(text: str | None) -> Json | None:
    return None if text is None else plain(text)


def mrkdwn(text: str) -> Json:
    return {"type": "mrkdwn", "text": text}


def section(text: str | None = None, *, fields: list[str] | None = None,
            block_id: str | None = None) -> Json:
    """A section of mrkdwn text, or of mrkdwn fields."""
    return _put({"type": "section"}, block_id=block_id,
                text=None if text is None else mrkdwn(text),
                fields=None if fields is None else [mrkdwn(f) for f in fields])


def context(*texts: str) -> Json:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts]}


def header(text: str) -> Json:
    return {"type": "header", "text": plain(text)}


def divider() -> Json:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Json:
    return _put({"type": "button", "text": plain(text), "action_id": action_id},
                value=value, style=style)


def actions(block_id: str, elements: list[Json]) -> Json:
    return {"type": "actions", "block_id": block_id, "elements": elements}


def option(text: str, value: str, description: str | None = None) -> Json:
    return _put({"text": plain(text), "value": value}, description=plain_or_none(description))


def input_block(block_id: str, label: str, element: Json, *, optional: bool | None = None,
                hint: str | None = None, dispatch_action: bool | None = None) -> Json:
    return _put({"type": "input", "block_id": block_id, "label": plain(label),
                 "element": element}, optional=optional, hint=plain_or_none(hint),
                dispatch_action=dispatch_action)


def modal(callback_id: str, title: str, submit: str, close: str, blocks: list[Json],
          private_metadata: str | None = None) -> Json:
    return _put({"type": "modal", "callback_id": callback_id, "title": plain(title),
                 "submit": plain(submit), "close": plain(close), "blocks": blocks},
                private_metadata=private_metadata)
