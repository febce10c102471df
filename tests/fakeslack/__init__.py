"""Loopback fake of the Slack Web API and Socket Mode for end-to-end tests.

    async with FakeSlack() as fake:
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)
        ...
        fake.assert_nothing_rejected()
"""

from .core import Call, FakeSlack
from .validate import validate_ack, validate_blocks, validate_message, validate_view

__all__ = [
    "Call",
    "FakeSlack",
    "validate_ack",
    "validate_blocks",
    "validate_message",
    "validate_view",
]
