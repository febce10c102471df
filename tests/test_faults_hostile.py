"""Issue 8, point 8: requests Slack never sends, unsigned or signed, are answered 2xx or 4xx,
never 5xx, and change nothing."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import pytest

from tests.databases import rows as database_rows
from tests.fakeslack.payloads import block_actions, interactive_body, signed_headers
from tests.flows import report_outage
from tests.harness import SIGNING_SECRET


def rows(db_path) -> tuple:
    return tuple(database_rows(db_path, f"SELECT * FROM {table} ORDER BY 1, 2")
                 for table in ("incidents", "levels", "timeline"))


async def raw_post(app, body: bytes, headers: dict[str, str]):
    async with app._session.post(f"{app.url}/slack/events", data=body,
                                 headers=headers) as response:
        return response.status, await response.text()


def signed(body: bytes) -> dict[str, str]:
    """Slack's signature over raw bytes (the helper signs text)."""
    import hashlib
    import hmac
    ts = str(int(time.time()))
    base = b"v0:" + ts.encode() + b":" + body
    digest = hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


FORM = "application/x-www-form-urlencoded"
UNSIGNED = [
    ("not utf-8", b"payload=\xff\xfe\xfa", {"Content-Type": FORM}),
    ("timestamp not a number", b"command=%2Fbvoip",
     {"Content-Type": FORM, "X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=ab"}),
    ("timestamp hundreds of digits", b"command=%2Fbvoip",
     {"Content-Type": FORM, "X-Slack-Request-Timestamp": "9" * 400,
      "X-Slack-Signature": "v0=ab"}),
    ("signature not ascii", b"command=%2Fbvoip",
     {"Content-Type": FORM, "X-Slack-Request-Timestamp": str(int(time.time())),
      "X-Slack-Signature": "v0=\u00e9\u00e9"}),
    ("unknown charset", b"command=%2Fbvoip", {"Content-Type": FORM + "; charset=klingon"}),
    ("utf-16 charset", "command=/bvoip".encode("utf-16"),
     {"Content-Type": FORM + "; charset=utf-16"}),
]


@pytest.mark.parametrize("what, body, headers", UNSIGNED, ids=[u[0] for u in UNSIGNED])
async def test_unsigned_oddities_get_a_4xx_and_change_nothing(app, what, body, headers):
    await report_outage(app)
    before = rows(app.db_path)
    status, _ = await raw_post(app, body, {k: v.encode("utf-8").decode("latin-1")
                                           for k, v in headers.items()})
    assert 400 <= status < 500, (what, status)
    assert rows(app.db_path) == before


def deep(n: int) -> str:
    return "[" * n + "]" * n


async def test_signed_shapes_slack_never_sends_are_answered_and_change_nothing(app):
    card = await report_outage(app)
    before = rows(app.db_path)
    button = block_actions("resolve", '{"incident": 1}', message=card)
    no_action_id = json.loads(json.dumps(button))
    del no_action_id["actions"][0]["action_id"]
    view_without_type = {"type": "view_submission", "team": {"id": "T0001"},
                         "user": {"id": "U123", "team_id": "T0001"},
                         "view": {"id": "V1", "callback_id": "progress_update",
                                  "private_metadata": '{"incident": 1}',
                                  "state": {"values": {}}}}
    payloads = [
        {**button, "actions": []},
        no_action_id,
        view_without_type,
        {"type": "view_submission", "team": {"id": "T0001"}, "user": {"id": "U123"}},
    ]
    bodies = [(interactive_body(p), FORM) for p in payloads]
    nested = deep(5000)
    bodies.append(("payload=" + quote('{"type": "block_actions", "actions": ' + nested + "}"),
                   FORM))
    bodies.append(('{"type": "event_callback", "event": ' + nested + "}",
                   "application/json"))
    bodies.append((nested, "application/json"))
    for body, kind in bodies:
        data = body.encode()
        status, text = await raw_post(app, data, {"Content-Type": kind, **signed(data)})
        assert status < 500, (status, text[:200], body[:200])
    await app.settle(0.3)
    assert rows(app.db_path) == before
    assert (await app.get("/healthz")).status == 200
    app.fake.assert_nothing_rejected()


async def test_signed_bodies_that_are_not_utf8_get_a_4xx(app):
    for body, kind in ((b"payload=%7B%22a%22%3A1%7D\xff", FORM), (b'{"a": "\xc3\x28"}',
                                                                   "application/json")):
        status, _ = await raw_post(app, body, {"Content-Type": kind, **signed(body)})
        assert status < 500
    assert signed_headers  # the text helper signs the same way (used elsewhere)
