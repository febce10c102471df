"""Loopback fake of the Slack Web API and Socket Mode for end-to-end tests.

Web API::

    async with FakeSlack() as fake:            # or: await fake.start() ... await fake.stop()
        fake.add_channel("C123", "general")     # unknown channels -> channel_not_found
        fake.add_user("U1", real_name="Ann Lee", phone="+13125550100")
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)
        ...                                     # run the app against `client`
        await fake.wait_for("chat.postMessage")
        assert fake.calls_to("chat.postMessage")[0]["channel"] == "C123"
        fake.assert_nothing_rejected()          # nothing Slack would have refused

Socket Mode (Bolt)::

    app = AsyncApp(client=client)
    handler = AsyncSocketModeHandler(app, fake.app_token, web_client=client)
    await handler.connect_async()
    ack = await fake.send_envelope("slash_commands", slash_command("status"))
    ...
    await handler.close_async()                 # before fake.stop(), or the SDK reconnects

Modals: ``view = fake.latest_view("callback_id")`` then
``await fake.send_envelope("interactive", submit_modal(view, {"phone": "+1..."}))``.
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
