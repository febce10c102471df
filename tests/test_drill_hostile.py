"""Drill: 1,000 generated malformed or hostile requests, each properly signed. Every one gets
a 4xx or a handled answer — never a 5xx, never a crash — and no stored row changes."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.databases import rows as database_rows
from tests.fakeslack.payloads import (
    block_actions,
    form_body,
    interactive_body,
    slash_command,
    view_submission,
)

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)
HUGE = st.text(min_size=5_000, max_size=40_000, alphabet=st.characters(codec="utf-8"))
TEXT = st.one_of(st.text(max_size=200), HUGE)
OUR_CALLBACKS = ["report_outage", "resolve_incident", "progress_update", "change_severity",
                 "add_ticket", "called_level"]
OUR_ACTIONS = ["symptoms_changed", "scope_changed", "resolve", "progress", "change_severity",
               "add_ticket", "called_level", "new_report"]


def _commands():
    """Slash commands with odd text, missing or mistyped fields."""
    def build(text, drop, extra):
        fields = slash_command(text)
        for key in drop:
            fields.pop(key, None)
        fields.update(extra)
        return ("form", form_body(fields))
    return st.builds(build, TEXT, st.lists(st.sampled_from(
        ["text", "user_id", "channel_id", "team_id", "trigger_id", "command"]), max_size=3),
        st.dictionaries(st.sampled_from(["text", "channel_id", "user_id", "command"]),
                        st.text(max_size=30), max_size=2))


def _views():
    """View submissions: unknown callbacks, foreign apps, garbage state and metadata."""
    def build(callback, app_id, metadata, values, view_id):
        view = {"id": view_id, "type": "modal", "callback_id": callback, "app_id": app_id,
                "private_metadata": metadata, "blocks": [], "hash": "1.x"}
        return ("interactive", view_submission(view, values))
    return st.builds(build, st.one_of(st.sampled_from(OUR_CALLBACKS), st.text(max_size=20)),
                     st.sampled_from(["A0001", "AOTHERAPP"]),
                     st.one_of(TEXT, st.just('{"incident": 1}'), st.just('{"incident": "x"}'),
                               st.just('{"channel_id": 5}')),
                     st.dictionaries(st.sampled_from(["business_name", "callback_phone",
                                                      "symptoms", "scope", "tickets", "x"]),
                                     st.dictionaries(st.text(max_size=8), JSONISH, max_size=2),
                                     max_size=4),
                     st.one_of(st.just(None), st.text(max_size=12)))


def _actions():
    """Button clicks with unknown action ids and hostile values."""
    def build(action_id, value):
        return ("interactive", block_actions(action_id, value))
    return st.builds(build, st.one_of(st.sampled_from(OUR_ACTIONS), st.text(max_size=20)),
                     st.one_of(TEXT, st.just('{"incident": 999999}'),
                               st.just('{"incident": 1, "level": "x"}'), st.none()))


def _raw():
    """Truncated or mistyped bodies of every kind."""
    payload = json.dumps(block_actions("resolve", '{"incident": 1}'))
    return st.one_of(
        st.builds(lambda n: ("form", "payload=" + payload[:n]), st.integers(0, len(payload))),
        st.builds(lambda v: ("form", interactive_body(v)), JSONISH),
        st.builds(lambda v: ("json", json.dumps(v)), JSONISH),
        st.builds(lambda t: ("json", t), st.text(max_size=300)),
        st.builds(lambda t: ("form", t), st.text(max_size=300)),
        st.builds(lambda e: ("json", json.dumps({"type": "event_callback", "event": e,
                                                 "team_id": "T0001"})), JSONISH),
    )


def _rows(db_path) -> tuple:
    return tuple(database_rows(db_path, f"SELECT * FROM {table} ORDER BY 1, 2")
                 for table in ("incidents", "levels", "timeline"))


async def test_hostile_payloads_are_handled_and_change_nothing(app):
    from tests.flows import report_outage

    await report_outage(app)  # INC-1 exists, so hostile references to it are tried too
    before = _rows(app.db_path)
    requests: list[tuple[str, str]] = []

    # Hypothesis generates the 1,000 requests; the running app then receives each in turn.
    @settings(max_examples=1000, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(_commands(), _views(), _actions(), _raw()))
    def generate(request):
        requests.append(request)

    generate()
    statuses = []
    for kind, body in requests:
        if kind == "interactive":
            kind, body = "form", interactive_body(body)
        headers = {"Content-Type": "application/json"} if kind == "json" else None
        reply = await app.post(body, headers)
        statuses.append(reply.status)
        assert reply.status < 500, (reply.status, reply.text[:300], body[:300])
    await app.settle(0.3)
    assert len(statuses) >= 1000
    assert _rows(app.db_path) == before
    health = await app.get("/healthz")
    assert health.status == 200 and health.json["ok"] is True


# ---------------------------------------------------------------------- keys dropped, bytes
def _paths(node, prefix=()):
    """Every key and list index of a payload, at every depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


def _dropped(payload, path):
    """The payload without what is at `path`."""
    import copy

    trimmed = copy.deepcopy(payload)
    parent = trimmed
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return trimmed


def _signed_bytes(body: bytes) -> dict[str, str]:
    import hashlib
    import hmac
    import time

    from tests.harness import SIGNING_SECRET

    stamp = str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + stamp.encode() + b":" + body,
                      hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


async def test_real_payloads_missing_any_key_or_not_utf8_change_nothing(app):
    """Real payloads (a button on the card, a report and a follow-up already submitted, a
    command, events) with one key dropped at any depth, and signed bodies that are not
    UTF-8: never a 5xx, nothing stored changes."""
    from tests.fakeslack.payloads import event_callback, submit_modal
    from tests.flows import card_now, press, report_outage
    from tests.harness import submission

    card = await report_outage(app)
    report_view = app.fake.latest_view("report_outage")
    report_payload = submission(report_view)  # its view id is stored: a replay adds nothing
    await press(app, card_now(app, card), "Progress update", {"What has changed": "tech out"})
    progress_view = app.fake.latest_view()
    progress_payload = submit_modal(progress_view, {"What has changed": "tech out"})
    button = next(el for b in card_now(app, card)["blocks"] if b["type"] == "actions"
                  for el in b["elements"] if el["text"]["text"] == "Resolve")
    click = block_actions(button["action_id"], message=card_now(app, card))
    event = event_callback({"type": "app_home_opened", "user": "U123", "tab": "home",
                            "channel": "D1", "event_ts": "1.0"})
    await app.settle(0.3)
    before = _rows(app.db_path)

    reals = [("form", p) for p in (report_payload, progress_payload, click)]
    reals += [("json", event), ("command", slash_command("status INC-1"))]
    cases = [(kind, real, path) for kind, real in reals for path in _paths(real)]
    chosen: list = []

    @settings(max_examples=400, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(cases), st.binary(max_size=200), st.integers(0, 200))
    def generate(case, noise, at):
        chosen.append((case, noise, at))

    generate()
    for (kind, real, path), noise, at in chosen:
        trimmed = _dropped(real, path)
        if kind == "form":
            body, content = interactive_body(trimmed), "application/x-www-form-urlencoded"
        elif kind == "command":
            body, content = form_body(trimmed), "application/x-www-form-urlencoded"
        else:
            body, content = json.dumps(trimmed), "application/json"
        reply = await app.post(body, {"Content-Type": content})
        assert reply.status < 500, (reply.status, reply.text[:200], path)
        # The same payload with bytes that are not UTF-8 spliced in, properly signed.
        raw = body.encode()
        raw = raw[:at] + b"\xff\xfe" + noise + raw[at:]
        async with app._session.post(f"{app.url}/slack/events", data=raw, headers={
                "Content-Type": content, **_signed_bytes(raw)}) as response:
            assert response.status < 500, (response.status, path)
    await app.settle(0.5)
    assert len(chosen) >= 400
    assert _rows(app.db_path) == before
    health = await app.get("/healthz")
    assert health.status == 200 and health.json["ok"] is True
