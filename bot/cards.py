"""Posting and refreshing incident cards, and telling the reporter when Slack refuses."""

from __future__ import annotations

import datetime as dt
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import tags
from bot.blocks import card_blocks, card_text
from bot.deps import Deps
from bot.incident import Incident
from bot.tags import posted_already

log = logging.getLogger(__name__)

# How to fix each refusal, in words the reporter can act on.
FIXES: dict[str, str] = {
    "not_in_channel": "invite @bvoip to <#{channel}> (type `/invite @bvoip` in that channel)",
    "channel_not_found": (
        "I cannot see <#{channel}>: if it is private, type `/invite @bvoip` there, "
        "or report again and choose another channel"
    ),
    "is_archived": "<#{channel}> is archived: unarchive it, or report again in another channel",
    "invalid_auth": "my Slack token was refused: ask your Slack admin to reinstall bvoip",
    "account_inactive": "my Slack token is inactive: ask your Slack admin to reinstall bvoip",
    "token_revoked": "my Slack token was revoked: ask your Slack admin to reinstall bvoip",
    "missing_scope": "I lack a permission to post: ask your Slack admin to reinstall bvoip",
}


def slack_error(exc: SlackApiError) -> str:
    """The `error` code of a refused call."""
    return str(exc.response.get("error") or "unknown_error")


def fix_for(error: str, channel: str) -> str:
    """What the reporter should do about a refusal."""
    return FIXES.get(error, "try again in a minute; if it keeps failing, tell your Slack admin")\
        .format(channel=channel)


async def tell_user(client: AsyncWebClient, user_id: str, text: str) -> bool:
    """A direct message from the app to one person; False if Slack refused it."""
    try:
        opened = await client.conversations_open(users=user_id)
        await client.chat_postMessage(channel=opened["channel"]["id"], text=text)
        return True
    except SlackApiError as exc:
        log.warning("could not DM %s: %s", user_id, slack_error(exc))
        return False


CARD_LEASE = dt.timedelta(seconds=60)



async def post_card(deps: Deps, client: AsyncWebClient, incident: Incident) -> bool:
    """Post the incident's card in its channel once; on refusal record it and tell the
    reporter. False when it is not posted (refused, or another poster holds it)."""
    now = deps.now()
    if not deps.store.incidents.claim_card(incident.id, deps.owner, now, CARD_LEASE):
        return False
    if deps.store.incidents.card_attempts(incident.id) > 1 and not incident.card_error and (
            ts := await posted_already(
                lambda: client.conversations_history(channel=incident.channel_id, limit=200,
                                                     include_all_metadata=True),
                tags.CARD, incident=incident.id)):
        # An earlier attempt reached Slack but its process died before recording it.
        deps.store.incidents.set_card(incident.id, ts)
        return True
    try:
        response = await client.chat_postMessage(
            channel=incident.channel_id,
            text=card_text(incident),
            blocks=card_blocks(incident, deps.openings(incident), deps.matrix, now),
            metadata=tags.tag(tags.CARD, incident=incident.id),
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as exc:
        if exc.response.status_code >= 500 or exc.response.status_code == 429:
            deps.store.incidents.release_card(incident.id)  # Slack briefly away: try later
            return False
        error = slack_error(exc)
        first_failure = incident.card_error != error
        deps.store.incidents.set_card_error(incident.id, error)
        deps.store.incidents.release_card(incident.id)
        if first_failure:
            fix = fix_for(error, incident.channel_id)
            deps.store.timeline.add(incident.id, now, "card_failed",
                                    f"Card could not be posted ({error})")
            await tell_user(client, incident.reporter_id,
                            f":warning: {incident.number} is saved, but I could not post its card "
                            f"in <#{incident.channel_id}> ({error}). To fix it: {fix}. "
                            "I will post it as soon as I can.")
        return False
    except BaseException:
        deps.store.incidents.release_card(incident.id)
        raise
    ts = response.get("ts")
    if not response.get("ok") or not ts:
        deps.store.incidents.release_card(incident.id)
        return False
    deps.store.incidents.set_card(incident.id, ts)
    deps.store.timeline.add(incident.id, now, "card_posted", "Card posted in the channel")
    return True


async def refresh_card(deps: Deps, client: AsyncWebClient, incident: Incident,
                       last_update: str | None = None) -> bool:
    """Bring the posted card up to date (chat.update); False if it could not be."""
    if incident.card_ts is None:
        return False
    try:
        await client.chat_update(
            channel=incident.channel_id,
            ts=incident.card_ts,
            text=card_text(incident),
            blocks=card_blocks(incident, deps.openings(incident), deps.matrix, deps.now(),
                               last_update),
        )
        return True
    except SlackApiError as exc:
        log.warning("could not update the card of %s: %s", incident.number, slack_error(exc))
        return False


async def post_waiting_cards(deps: Deps, client: AsyncWebClient,
                             channel_id: str | None = None) -> int:
    """Post every card still waiting (in one channel, or all); returns how many went out."""
    waiting = (deps.store.incidents.without_card_in(channel_id) if channel_id
               else deps.store.incidents.without_card())
    posted = 0
    for incident in waiting:
        posted += await post_card(deps, client, incident)
    return posted
