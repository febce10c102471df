"""Text pieces shared by every rendering: escaping, Slack dates, plain-words labels."""

from __future__ import annotations

import datetime as dt

from bot.matrix import Contact


def escape(text: str) -> str:
    """Escape user text for mrkdwn so it can never ping, link or format as a command."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's encoding of `&`, `<`, `>` in text it sends (a slash command's words)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def slack_date(moment: dt.datetime, fallback_zone: dt.tzinfo | None = None) -> str:
    """A moment that every reader sees in their own time zone (Slack's <!date> format)."""
    zone = fallback_zone or moment.tzinfo or dt.UTC
    fallback = moment.astimezone(zone).strftime("%a %b %d %H:%M %Z")
    epoch = int(moment.timestamp())
    return f"<!date^{epoch}^{{date_short_pretty}} at {{time}}|{fallback}>"


def local_time(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """A moment in the site's zone, e.g. 'Tue Nov 24 18:30 CST'."""
    return moment.astimezone(zone).strftime("%a %b %d %H:%M %Z")


def how_to_reach(contact: Contact) -> str:
    """'Business Direct or (877) 288-8362, Prompt 1, ask to speak with the Team Lead'."""
    call = contact.how_to_call
    return f"{contact.portal} or {call}" if contact.portal else call


def truncate(text: str, limit: int) -> str:
    """Cut text to Slack's limit, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
