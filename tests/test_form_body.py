"""The interactive payload is decoded in C (bot/form_body.py) to exactly what Bolt's own parser
gives (a form submission without its view's blocks), or left to Bolt; through the app, Slack's
signature is still checked on the raw body."""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import quote, quote_plus

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_bolt.request.internals import parse_body

from bot.form_body import _WORTH_CUTTING, read_payload
from tests.fakeslack import interactive_body, signed_headers
from tests.harness import SIGNING_SECRET, submission

FORM = "application/x-www-form-urlencoded"
# What people type: any character, with the ones that matter to the encoding made common.
TYPED = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)),
                                   st.sampled_from("%+&= \n\t<>*_~`'\"\\/:;,@?#é€😀")))
NUMBERS = st.integers() | st.floats(allow_nan=False, allow_infinity=False)
JSONS = st.recursive(st.none() | st.booleans() | NUMBERS | TYPED,
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(TYPED, inner, max_size=4), max_leaves=20)
PAYLOADS = st.dictionaries(TYPED, JSONS, min_size=1, max_size=5)
ENCODINGS = [
    lambda text: quote_plus(text, safe=""),  # urlencode's, as Slack sends it
    lambda text: quote_plus(text, safe="/:,@!*'()"),
    lambda text: quote(text, safe=""),  # spaces as %20
    lambda text: re.sub("%[0-9A-F]{2}", lambda m: m[0].lower(), quote(text, safe="")),
]


def as_read(payload: dict) -> dict:
    """What read_payload gives for `payload`: Bolt's reading, but a view submission's view
    without its blocks (when they are worth leaving out)."""
    view = payload.get("view")
    if payload.get("type") != "view_submission" or not isinstance(view, dict) \
            or "blocks" not in view or len(json.dumps(view["blocks"])) < _WORTH_CUTTING:
        return payload
    read = copy.deepcopy(payload)
    del read["view"]["blocks"]
    return read


@settings(max_examples=300, deadline=None)
@given(PAYLOADS, st.booleans(), st.sampled_from(range(len(ENCODINGS))))
def test_an_encoded_payload_reads_as_bolt_reads_it(payload, ascii_only, how):
    text = json.dumps(payload, ensure_ascii=ascii_only)
    body = "payload=" + ENCODINGS[how](text)
    read = read_payload(body)
    if read is None:  # left to Bolt only for a number that may not fit 64 bits
        assert re.search("[0-9]{19}", text), body
        return
    assert read == as_read(parse_body(body, FORM)) == as_read(payload)


# A form's blocks, with what could mislead a search for them in the text: their own key and
# brackets inside strings, escaped quotes, a copy of the same blocks elsewhere.
BLOCKS = st.lists(st.fixed_dictionaries({
    "type": st.sampled_from(["input", "section", "context"]),
    "block_id": TYPED,
    "label": st.fixed_dictionaries({"type": st.just("plain_text"), "text": TYPED | st.sampled_from(
        ['"blocks": [', '\\"blocks\\": []', "]}", '"}]', '[{"type": "input"}]'])}),
    "element": JSONS}), min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(BLOCKS, st.dictionaries(TYPED, JSONS, max_size=3), st.dictionaries(TYPED, JSONS, max_size=3),
       st.integers(0, 3), st.sampled_from(["none", "before", "inside", "after"]),
       st.sampled_from(range(len(ENCODINGS))), st.sampled_from([None, 1, 2]))
def test_a_submission_reads_as_bolt_reads_it_without_its_views_blocks(
        blocks, view_extra, top_extra, at, copy_where, how, indent):
    view_items = [(k, v) for k, v in view_extra.items() if k != "blocks"]
    view_items.insert(min(at, len(view_items)), ("blocks", blocks))
    view = {"id": "V1", "state": {"values": {}}, **dict(view_items)}
    payload = {**{k: v for k, v in top_extra.items() if k not in ("type", "view")},
               "type": "view_submission"}
    if copy_where == "before":  # the very same blocks, earlier in the text
        payload = {"previous": {"blocks": copy.deepcopy(blocks)}, **payload}
    payload["view"] = view
    if copy_where == "inside":
        view["previous_view"] = {"blocks": copy.deepcopy(blocks)}
    if copy_where == "after":
        payload["message"] = {"blocks": copy.deepcopy(blocks)}
    text = json.dumps(payload, indent=indent)
    body = "payload=" + ENCODINGS[how](text)
    read = read_payload(body)
    if read is None:
        assert re.search("[0-9]{19}", text), body  # a number that may not fit 64 bits
        return
    assert read == as_read(parse_body(body, FORM)) == as_read(payload)
    if len(json.dumps(blocks)) >= _WORTH_CUTTING:
        assert "blocks" not in read["view"]
        assert {k: v for k, v in read.items() if k != "view"} == {
            k: v for k, v in payload.items() if k != "view"}


def test_only_a_submission_is_read_without_its_blocks():
    blocks = [{"type": "input", "block_id": f"b{i}", "label": {"type": "plain_text",
                                                               "text": "Site"}} for i in range(5)]
    for kind in ("block_actions", "view_closed", "block_suggestion"):
        payload = {"type": kind, "view": {"id": "V1", "blocks": blocks}}
        assert read_payload("payload=" + quote_plus(json.dumps(payload))) == payload
    payload = {"type": "view_submission", "view": {"id": "V1", "blocks": blocks}}
    assert read_payload("payload=" + quote_plus(json.dumps(payload))) == {
        "type": "view_submission", "view": {"id": "V1"}}
    for odd in ("a view", ["a", "list"], None):  # Bolt's reading, refused later as malformed
        payload = {"type": "view_submission", "view": odd, "blocks": blocks}
        assert read_payload("payload=" + quote_plus(json.dumps(payload))) == payload


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("%+&=;: \t\n0123456789abcdefABCDEFxyz{}[]\"é")))
def test_any_other_body_reads_as_bolt_or_is_left_to_bolt(rest):
    body = "payload=" + rest
    read = read_payload(body)
    if read is None:
        return
    assert read == parse_body(body, FORM)


def test_bodies_outside_the_plain_shape_are_left_to_bolt():
    plain = quote_plus(json.dumps({"type": "block_actions"}), safe="")
    assert read_payload("payload=" + plain) == {"type": "block_actions"}
    for body in ("payload=" + plain + "&other=1",  # a second field
                 "payload=" + plain.replace("%3A", "%3"),  # a broken escape
                 "payload=" + plain + "=",  # a raw `=`
                 "payload=" + quote_plus("[1, 2]"),  # not an object
                 "payload=" + quote_plus("{not json"),
                 "token=x&payload=" + plain,
                 "payload=" + plain.replace("type", "typé")):  # not ASCII
        assert read_payload(body) is None, body


# ---------------------------------------------------------------------- through the app
async def test_a_report_changed_after_signing_is_refused_and_not_stored(app):
    view = await app.open_report("the whole office is down")
    body = interactive_body(submission(view))
    headers = signed_headers(SIGNING_SECRET, body)
    tampered = body.replace("office", "offices", 1)
    assert tampered != body and read_payload(tampered) is not None  # the fast path reads it
    reply = await app.post(tampered, headers, sign=False)
    assert reply.status == 401
    await app.settle(0.1)
    assert app.incident_rows() == []


async def test_a_report_whose_body_bolt_must_read_is_stored_as_any_other(app):
    view = await app.open_report("the whole office is down")
    body = interactive_body(submission(view)) + "&unused=1"  # two fields: Bolt's parser
    assert read_payload(body) is None
    reply = await app.post(body)
    assert reply.status == 200 and reply.text == "", reply
    await app.settle(0.2)
    assert len(app.incident_rows()) == 1


def test_numbers_past_64_bits_and_json_orjson_refuses_read_as_bolt_reads_them():
    """orjson reads a whole number past 64 bits as a float, and refuses NaN, lone
    surrogates and bytes that are not UTF-8, which Python's reader (Bolt's) takes."""
    for text in ('{"n": 18446744073709551616}', '{"n": -9223372036854775809}',
                 '{"n": 123456789012345678901234567890}', '{"n": NaN}', '{"n": -Infinity}',
                 '{"s": "\\ud800"}', '{"n": 1e400}', '{"n": 18446744073709551615}'):
        body = "payload=" + quote_plus(text, safe="")
        read = read_payload(body)
        assert read is None or read == parse_body(body, FORM), text
        assert repr(read_payload(body) or parse_body(body, FORM)) == repr(json.loads(text))
    body = "payload=" + quote_plus('{"s": "', safe="") + "%FF%FE" + quote_plus('"}', safe="")
    assert read_payload(body) is None  # not UTF-8: Bolt's parser replaces the bytes


def test_every_kind_of_broken_escape_is_left_to_bolt():
    """A `%` not followed by two hex digits, wherever it is (end, doubled, half an escape,
    beside a good one), sends the body to Bolt's parser, which reads it its own way."""
    good = quote_plus(json.dumps({"type": "block_actions", "text": "a=b%c"}), safe="")
    for broken in ("%", "%4", "%%41", "%zz", "%4g", "%41%", "%%", "%+1"):
        for body in ("payload=" + broken + good, "payload=" + good + broken):
            assert read_payload(body) is None, body
        for at in range(len(good)):  # anywhere: refused, or read exactly as Bolt reads it
            body = "payload=" + good[:at] + broken + good[at:]
            read = read_payload(body)
            assert read is None or read == parse_body(body, FORM), body
