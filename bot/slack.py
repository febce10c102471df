"""The Slack Web API as the app uses it: one client, its failures narrowed to two classes,
and posts tagged with metadata so a retry finds what already went out instead of posting
it twice."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import orjson
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.metrics import Metrics

log = logging.getLogger(__name__)
T = TypeVar("T")

CARD = "bvoip_incident_card"
LEVEL_OPENED = "bvoip_level_opened"
TEXT_LIMIT = 3000  # a section's text; a message's own `text` is kept well under Slack's 40k
MESSAGE_LIMIT = 39000
HISTORY_PAGES = 20  # 200 messages a page: how far back a retry looks for its earlier post
TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                    "request_timeout", "unknown_error"}
# How to fix each refusal, in words the reporter can act on.
FIXES: dict[str, str] = {
    "not_in_channel": "invite @bvoip to <#{channel}> (type `/invite @bvoip` in that channel)",
    "channel_not_found": ("I cannot see <#{channel}>: if it is private, type `/invite @bvoip` "
                          "there, or report again and choose another channel"),
    "is_archived": "<#{channel}> is archived: unarchive it, or report again in another channel",
    "invalid_auth": "my Slack token was refused: ask your Slack admin to reinstall bvoip",
    "account_inactive": "my Slack token is inactive: ask your Slack admin to reinstall bvoip",
    "token_revoked": "my Slack token was revoked: ask your Slack admin to reinstall bvoip",
    "missing_scope": "I lack a permission to post: ask your Slack admin to reinstall bvoip",
}


class SlackFailure(Exception):
    """A Web API call that did not succeed; `error` is Slack's code (or what went wrong)."""

    def __init__(self, method: str, error: str) -> None:
        super().__init__(f"{method}: {error}")
        self.method = method
        self.error = error


class SlackUnavailable(SlackFailure):
    """Slack was briefly away (5xx, 429, timeout, connection lost): try again later."""


class SlackRefused(SlackFailure):
    """Slack refused the call (not in channel, archived, bad token…): a person can fix it."""


def fix_for(error: str, channel: str) -> str:
    """What the reporter should do about a refusal."""
    return FIXES.get(error, "check that @bvoip is in <#{channel}> and still installed; "
                            "tell your Slack admin if it keeps failing").format(channel=channel)


class _SdkLogger(logging.LoggerAdapter):
    """slack_sdk's logger as slack_sdk asks it: before each call it formats the whole request
    and response for a debug line whenever its logger's own `level` is at most DEBUG, which
    a logger left unset (0) always is, only for the line to be dropped. This one answers
    with the level that applies, so the formatting happens only when the line is logged."""

    @property
    def level(self) -> int:
        return self.logger.getEffectiveLevel()


def build_client(token: str, base_url: str, session: aiohttp.ClientSession) -> AsyncWebClient:
    """The process's one Web API client, with slack_sdk's retry handlers for 429s (honouring
    Retry-After) and 5xx. Its session carries the timeout. No blind retry after a dropped
    connection: the post may have gone out, so the app's own retry looks before posting."""
    logger = _SdkLogger(logging.getLogger("slack_sdk.web.async_base_client"), {})
    client = AsyncWebClient(token=token, base_url=base_url, session=session,
                            logger=logger)  # type: ignore[arg-type]
    client.retry_handlers = [
        AsyncRateLimitErrorRetryHandler(max_retry_count=5),
        AsyncServerErrorRetryHandler(max_retry_count=3),
    ]
    return client


def client_session(timeout_seconds: float) -> aiohttp.ClientSession:
    """The HTTP session every Web API call goes through: each call gives up at the timeout
    (slack_sdk applies its own timeout only to sessions it makes itself)."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_seconds),
                                 json_serialize=_json)


def _json(value: Any) -> str:
    """A request's JSON body, encoded in C (a card is some 8 KB of blocks); anything orjson
    will not encode (an integer past 64 bits, a key that is not a string) as the standard
    library does."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)


def narrow(method: str, exc: BaseException) -> SlackFailure | None:
    """The app's class for a failed call, or None when it is not a Slack failure."""
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        error = str(exc.response.get("error") or f"http_{status}")
        if status >= 500 or status == 429 or error in TRANSIENT_ERRORS:
            return SlackUnavailable(method, error)
        return SlackRefused(method, error)
    if isinstance(exc, aiohttp.ClientError | TimeoutError | ConnectionError):
        return SlackUnavailable(method, type(exc).__name__)
    return None


def tag(event_type: str, **payload: int) -> dict[str, Any]:
    """The `metadata` of a post, so a later attempt can recognise it."""
    return {"event_type": event_type, "event_payload": payload}


def find_tagged(messages: list[dict], event_type: str, payload: dict[str, int]) -> str | None:
    """The ts of the message tagged with this event and payload, if any."""
    for message in messages:
        meta = message.get("metadata") or {}
        if meta.get("event_type") == event_type and meta.get("event_payload") == payload:
            return message.get("ts")
    return None


class Slack:
    """The Web API calls the app makes, each raising SlackUnavailable or SlackRefused."""

    def __init__(self, client: AsyncWebClient, metrics: Metrics | None = None) -> None:
        self.client = client
        self.metrics = metrics  # counts the failures, when given

    async def call(self, method: str, work: Callable[[], Awaitable[T]]) -> T:
        """Make one call, narrowing its failure."""
        try:
            return await work()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            failure = narrow(method, exc)
            if failure is None:
                raise
            if self.metrics is not None:
                self.metrics.slack_error(method, failure.error)
            raise failure from exc

    async def post(self, channel: str, text: str, blocks: list[dict] | None = None, *,
                   thread_ts: str | None = None, broadcast: bool = False,
                   metadata: dict[str, Any] | None = None) -> str:
        """Post a message (in a thread when `thread_ts`); returns its ts."""
        response = await self.call("chat.postMessage", lambda: self.client.chat_postMessage(
            channel=channel, text=text[:MESSAGE_LIMIT], blocks=blocks, thread_ts=thread_ts,
            reply_broadcast=broadcast and thread_ts is not None, metadata=metadata,
            unfurl_links=False, unfurl_media=False))
        ts = response.get("ts")
        if not response.get("ok") or not ts:
            raise SlackUnavailable("chat.postMessage", "no_ts")
        return str(ts)

    async def post_once(self, channel: str, text: str, blocks: list[dict], event_type: str,
                        payload: dict[str, int], *, thread_ts: str | None = None,
                        look_first: bool = False) -> str:
        """Post a tagged message unless an earlier attempt already did (`look_first`: one
        may have reached Slack before its process died or its answer was lost)."""
        if look_first:
            try:
                if ts := await self.find(channel, thread_ts, event_type, payload):
                    return ts
            except SlackRefused as exc:  # we may not read there: posting again beats silence
                log.warning("could not look for an earlier %s: %s", event_type, exc.error)
        return await self.post(channel, text, blocks, thread_ts=thread_ts,
                               broadcast=thread_ts is not None,
                               metadata=tag(event_type, **payload))

    async def find(self, channel: str, thread_ts: str | None, event_type: str,
                   payload: dict[str, int]) -> str | None:
        """The ts of an earlier tagged post in the channel (or thread), paging back far
        enough for a busy channel. Slack away propagates: look again on the next try."""
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            args = {"channel": channel, "limit": 200, "include_all_metadata": True,
                    "cursor": cursor}
            if thread_ts:
                found = await self.call("conversations.replies", lambda a=args: (
                    self.client.conversations_replies(ts=thread_ts, **a)))
            else:
                found = await self.call("conversations.history", lambda a=args: (
                    self.client.conversations_history(**a)))
            if ts := find_tagged(found.get("messages") or [], event_type, payload):
                return ts
            cursor = (found.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    async def update(self, channel: str, ts: str, text: str, blocks: list[dict]) -> None:
        """Replace a posted message."""
        await self.call("chat.update", lambda: self.client.chat_update(
            channel=channel, ts=ts, text=text[:MESSAGE_LIMIT], blocks=blocks))

    async def dm(self, user_id: str, text: str) -> bool:
        """A direct message to one person; False when it could not be sent."""
        try:
            opened = await self.call("conversations.open",
                                     lambda: self.client.conversations_open(users=user_id))
            await self.post(opened["channel"]["id"], text)
            return True
        except SlackFailure as exc:
            log.warning("could not DM %s: %s", user_id, exc.error)
            return False

    async def ephemeral(self, channel: str, user_id: str, text: str) -> None:
        """A message only one person in the channel sees (best effort)."""
        try:
            await self.call("chat.postEphemeral", lambda: self.client.chat_postEphemeral(
                channel=channel, user=user_id, text=text))
        except SlackFailure as exc:
            log.info("ephemeral to %s failed: %s", user_id, exc.error)

    async def members(self, channel: str) -> set[str]:
        """Everyone in a channel."""
        members: set[str] = set()
        cursor: str | None = None
        while True:
            page = await self.call("conversations.members", lambda c=cursor: (
                self.client.conversations_members(channel=channel, limit=1000, cursor=c)))
            members.update(page.get("members") or [])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return members
