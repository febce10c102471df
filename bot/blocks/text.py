"""Text pieces shared by every rendering: escaping, Slack dates, plain-words labels."""

from __future__ import annotations

import datetime as dt
import re

from bot.matrix import Contact

# U+2060 WORD JOINER: invisible and never a word boundary. Slack opens or closes `*bold*`,
# `_italic_`, `~strike~` and `code` only at a word boundary, so a marker with a joiner on
# each side can do neither, while the text reads (and copies) as typed.
WORD_JOINER = "\u2060"
_MARKER = re.compile(r"[*_~`]")
# A `>` (already `&gt;`) that starts a line would quote it; a joiner before it stops that.
_QUOTE_AT_LINE_START = re.compile(r"^([ \t]*)(?=&gt;)", re.MULTILINE)
# What a cut must not split: an entity, or a marker from the joiner that follows it.
_PARTIAL_ESCAPE = re.compile(r"(?:&[a-z]{0,3}|\u2060[*_~`]|(?<![*_~`])\u2060)$")


def escape(text: str) -> str:
    """Make user text inert in mrkdwn: no mention, link, bold, italic, strike, code or quote."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKER.sub(lambda marker: f"{WORD_JOINER}{marker[0]}{WORD_JOINER}", text)
    return _QUOTE_AT_LINE_START.sub(lambda line: line[1] + WORD_JOINER, text)


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
    """Cut text to Slack's limit, marking the cut, never inside an escape of `escape`."""
    if len(text) <= limit:
        return text
    return _PARTIAL_ESCAPE.sub("", text[: limit - 1]) + "…"
