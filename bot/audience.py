"""Who may see an incident: the people of its channel. An incident is shown in its own
channel, or to members of that channel, and never to another team."""

from __future__ import annotations

import datetime as dt
import logging

from bot.clock import Clock
from bot.incident import Incident
from bot.slack import Slack, SlackFailure

log = logging.getLogger(__name__)
MEMBER_CACHE_TTL = dt.timedelta(seconds=60)
MEMBER_CACHE_SIZE = 1000


class Audience:
    """Channel membership (conversations.members), cached briefly."""

    def __init__(self, slack: Slack, clock: Clock) -> None:
        self.slack = slack
        self.clock = clock
        self._members: dict[str, tuple[dt.datetime, set[str]]] = {}

    async def members_of(self, channel_id: str) -> set[str]:
        """A channel's members (empty when Slack will not say)."""
        cached = self._members.get(channel_id)
        if cached is not None and cached[0] > self.clock.now():
            return cached[1]
        try:
            members = await self.slack.members(channel_id)
        except SlackFailure as exc:
            log.info("members of %s unknown: %s", channel_id, exc.error)
            return set()
        if len(self._members) > MEMBER_CACHE_SIZE:
            self._members.clear()
        self._members[channel_id] = (self.clock.now() + MEMBER_CACHE_TTL, members)
        return members

    async def can_see(self, incident: Incident, team_id: str | None, user_id: str | None,
                      channel_id: str | None) -> bool:
        """Shown in its own channel or to that channel's members; a payload with no team or
        another team sees nothing."""
        if not team_id or incident.team_id != team_id:
            return False
        if channel_id == incident.channel_id:
            return True
        return bool(user_id) and user_id in await self.members_of(incident.channel_id)

    async def visible(self, incidents: list[Incident], team_id: str | None,
                      user_id: str) -> list[Incident]:
        """The incidents of channels the person belongs to."""
        mine = [i for i in incidents if team_id and i.team_id == team_id]
        allowed = {c for c in {i.channel_id for i in mine} if user_id in await self.members_of(c)}
        return [i for i in mine if i.channel_id in allowed]
