"""The Web API's JSON bodies: encoded by orjson, and as the standard library does for what
orjson will not encode."""

from __future__ import annotations

import json

from bot.slack import _json


def test_a_body_reads_back_as_sent_whatever_it_holds() -> None:
    body = {"channel": "C1", "text": "Café — ☎ \"quoted\" <@U1>", "blocks": [{"n": 1.5}],
            "nested": {"none": None, "yes": True}}
    assert json.loads(_json(body)) == body


def test_what_orjson_refuses_is_encoded_by_the_standard_library() -> None:
    huge = {"n": 2**70, 3: "a key that is not a string"}
    assert _json(huge) == json.dumps(huge)
