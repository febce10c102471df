"""Drill: 1,000 generated malformed or hostile requests, each properly signed. Every one gets
a 4xx or a handled answer — never a 5xx, never a crash — and no stored row changes."""

import json
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    with sqlite3.connect(db_path) as conn:
        return tuple(conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
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
