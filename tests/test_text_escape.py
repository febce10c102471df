"""User text shows as typed: no mention, link, bold, italic, strike, code or quote in mrkdwn."""

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocks.text import WORD_JOINER, escape, truncate, unescape

_BOUNDARY = re.escape(string.punctuation)


def _formatting(text: str, joiner_is_space: bool = False) -> list[str]:
    """Spans Slack would style: a marker opens after a boundary (start, space, punctuation)
    before a non-space, and closes after a non-space before a boundary. With
    `joiner_is_space`, the word joiner is read as a space, the other way a renderer could."""
    if joiner_is_space:
        text = text.replace(WORD_JOINER, " ")
    found = []
    for marker in "*_~`":
        m = re.escape(marker)
        opens = rf"(?:^|(?<=[\s{_BOUNDARY}])){m}(?=[^\s{m}])"
        closes = rf"(?<=[^\s{m}]){m}(?=$|[\s{_BOUNDARY}])"
        span = rf"{opens}(.+?){closes}"
        found += [f"{marker}{hit}{marker}" for hit in re.findall(span, text, re.MULTILINE)]
    found += re.findall(r"```.+?```", text, re.DOTALL)  # a code block
    found += re.findall(r"^(?:>|&gt;).*$", text, re.MULTILINE)  # a quoted line
    return found


def _as_read(text: str) -> str:
    """What a person sees: Slack shows the entities as characters; the joiner is invisible."""
    return unescape(text.replace(WORD_JOINER, ""))


STYLED = {
    "bold": "the *whole* office is down",
    "italic": "calls _drop_ after ten seconds",
    "strike": "ticket ~ABC-1~ is closed",
    "code": "error `503` on every phone",
    "code block": "```\nSIP 503\n```",
    "quote": "> Level 4 was called already",
    "quote after a line": "one\n> two\n  >three",
    "multi-line quote": ">>> everything below is quoted",
    "nested": "*_~`all four`~_*",
}


@pytest.mark.parametrize("typed", STYLED.values(), ids=STYLED.keys())
def test_every_marker_is_inert_and_the_text_reads_as_typed(typed):
    assert _formatting(typed), "the example must style raw text, or it proves nothing"
    shown = escape(typed)
    assert _formatting(shown) == []
    assert _formatting(shown, joiner_is_space=True) == []
    assert _as_read(shown) == typed


def test_a_line_that_starts_with_a_quote_mark_starts_with_a_joiner_instead():
    shown = escape("> one\n  > two\nthree > four")
    assert shown.split("\n") == [f"{WORD_JOINER}&gt; one", f"  {WORD_JOINER}&gt; two",
                                  "three &gt; four"]


def test_mentions_and_links_stay_escaped():
    shown = escape("<!channel> <@U1> <https://evil.example|bank> & co")
    assert "<" not in shown and ">" not in shown
    assert shown.startswith("&lt;!channel&gt;") and shown.endswith("&amp; co")


def test_plain_text_is_unchanged_and_snake_case_reads_the_same():
    assert escape("Tampa office, 3 phones") == "Tampa office, 3 phones"
    assert _as_read(escape("user_id a*b 2~3")) == "user_id a*b 2~3"


@given(st.text(alphabet=st.sampled_from(list("ab *_~`>&<\n\t!@"))))
def test_any_text_is_inert_and_reads_as_typed(typed):
    shown = escape(typed)
    assert _formatting(shown) == []
    assert _formatting(shown, joiner_is_space=True) == []
    assert "<" not in shown and ">" not in shown
    assert _as_read(shown) == typed


@given(st.text(alphabet=st.sampled_from(list("ab *_~`>&<"))), st.integers(2, 40))
def test_a_cut_never_splits_an_escape(typed, limit):
    cut = truncate(escape(typed), limit)
    assert len(cut) <= limit
    body = cut.removesuffix("…")
    assert not re.search(r"&[a-z]*$", body)  # no half entity
    # every marker keeps a joiner on both sides
    assert all(body[i - 1:i] == WORD_JOINER == body[i + 1:i + 2]
               for i, ch in enumerate(body) if ch in "*_~`")
