"""Events: when the app is invited to a channel, post the cards that were waiting for it."""

from __future__ import annotations

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.cards import post_waiting_cards
from bot.deps import Deps


class EventListeners:
    """Workspace events the app subscribes to."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def member_joined(self, event: dict, context: AsyncBoltContext,
                            client: AsyncWebClient) -> None:
        """The bot joined a channel: post its waiting cards there."""
        if event.get("user") and event.get("user") == context.bot_user_id:
            await post_waiting_cards(self.deps, client, event.get("channel"))
