"""Loopback fake of the Slack Web API and Socket Mode for end-to-end tests.

    async with FakeSlack() as fake:
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)
        ...
        fake.assert_nothing_rejected()
"""

from .core import Call, FakeSlack
from .modal import element_value, fill_modal
from .payloads import (
    block_actions,
    event_callback,
    form_body,
    interactive_body,
    new_trigger_id,
    signed_headers,
    slash_command,
    submit_modal,
    view_closed,
    view_submission,
)
from .validate import validate_ack, validate_blocks, validate_message, validate_view

__all__ = [
    "Call",
    "FakeSlack",
    "block_actions",
    "element_value",
    "event_callback",
    "fill_modal",
    "form_body",
    "interactive_body",
    "new_trigger_id",
    "signed_headers",
    "slash_command",
    "submit_modal",
    "view_closed",
    "view_submission",
    "validate_ack",
    "validate_blocks",
    "validate_message",
    "validate_view",
]
