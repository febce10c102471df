"""Message metadata that marks what the app posted, so a retry after a crash or a timeout
can find a message that already went out instead of posting it twice."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

CARD = "bvoip_incident_card"
LEVEL_OPENED = "bvoip_level_opened"


def tag(event_type: str, **payload: int) -> dict[str, Any]:
    """The `metadata` argument of chat.postMessage for what is being posted."""
    return {"event_type": event_type, "event_payload": payload}


def find_tagged(messages: list[dict], event_type: str, **payload: int) -> str | None:
    """The ts of the message tagged with this event and payload, if any."""
    for message in messages:
        meta = message.get("metadata") or {}
        if meta.get("event_type") == event_type and meta.get("event_payload") == payload:
            return message.get("ts")
    return None


async def posted_already(read: Callable[[], Awaitable[Any]], event_type: str,
                         **payload: int) -> str | None:
    """Read a channel or thread (with metadata) and look for the tagged message; None when
    it is not there or cannot be read (posting again beats staying silent)."""
    try:
        found = await read()
    except Exception as exc:  # any failure to look means: we cannot tell
        log.warning("could not look for an earlier %s %s: %s", event_type, payload, exc)
        return None
    return find_tagged(found.get("messages") or [], event_type, **payload)
