"""The Add/Edit site modal as data: its fields' block ids, and reading a submission."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from bot.forms import field_values
from bot.ids import Block
from bot.sites import Site, directory_conflicts, error_fields, same_name

FIELD_BLOCKS: dict[str, Block] = {
    "name": Block.SITE_NAME,
    "business": Block.SITE_BUSINESS,
    "address": Block.SITE_ADDRESS,
    "timezone": Block.SITE_TIMEZONE,
    "business_hours": Block.SITE_HOURS,
    "holidays": Block.SITE_HOLIDAYS,
    "att_account": Block.SITE_ACCOUNT,
    "callback_phone": Block.SITE_PHONE,
    "channel": Block.SITE_CHANNEL,
    "aliases": Block.SITE_ALIASES,
}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def fields_from_state(values: dict[str, Any]) -> dict[str, Any]:
    """The modal's fields as typed, keyed like a site in the YAML file."""
    flat = field_values({"state": {"values": values}})
    raw: dict[str, Any] = {field: _text(flat.get(block)) for field, block in FIELD_BLOCKS.items()
                           if field not in {"channel", "aliases"}}
    raw["channel"] = _text(flat.get(Block.SITE_CHANNEL)) or None
    raw["aliases"] = _text(flat.get(Block.SITE_ALIASES)).split(",")
    return raw


def site_from_state(
    values: dict[str, Any], directory: list[Site], editing: str | None = None
) -> Site | dict[str, str]:
    """A Site from the submitted modal, or {block_id: message} (the import's validation)."""
    raw = fields_from_state(values)
    try:
        site = Site.model_validate(raw)
    except ValidationError as exc:
        found = error_fields(exc)
        return {FIELD_BLOCKS[f]: _sentence(m) for f, m in found.items() if f in FIELD_BLOCKS}
    others = [s for s in directory if editing is None or not same_name(s.name, editing)]
    conflicts = directory_conflicts([*others, site])
    errors = {FIELD_BLOCKS[f]: _sentence(why) for (_, f), why in conflicts.items()}
    return errors or site


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] if message else message
