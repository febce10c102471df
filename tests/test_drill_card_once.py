"""A card that reached Slack just before its process died is found, not posted again."""

import datetime as dt
import socket
import subprocess

from tests.harness import START, AppUnderTest
from tests.test_drill_kill import _seed


def _dead_owner() -> str:
    gone = subprocess.Popen(["true"])
    gone.wait()  # reaped: its pid no longer runs
    return f"{socket.gethostname()}:{gone.pid}:deadbeef"


async def test_card_posted_by_a_process_that_died_is_not_posted_twice(fake_slack, clock, db):
    for channel in ("C100", "C200", "C300"):
        fake_slack.add_channel(channel, channel.lower())
    db_path = db
    _seed(db_path, START - dt.timedelta(minutes=5))  # no level due yet: only cards to post
    from storage import Store

    store = Store(db_path)
    owner = _dead_owner()
    # INC-1's card went out; its process died before writing that down.
    assert store.incidents.claim_card(1, owner, START, dt.timedelta(seconds=60))
    fake_slack.messages.setdefault("C100", []).append({
        "type": "message", "ts": "1699999999.000001", "text": "INC-1 card",
        "metadata": {"event_type": "bvoip_incident_card", "event_payload": {"incident": 1}}})
    store.close()

    app = await AppUnderTest(fake_slack, clock, db_path).start()
    try:
        from tests.flows import eventually

        await eventually(lambda: all(i.card_ts for i in app.store.incidents.all_open()))
        assert app.store.incidents.get(1).card_ts == "1699999999.000001"
        posted = [c for c in fake_slack.calls_to("chat.postMessage") if c["channel"] == "C100"
                  and (c.get("metadata") or {}).get("event_payload") == {"incident": 1}]
        assert posted == []  # found in the channel's history instead
        assert any(c.method == "conversations.history" for c in fake_slack.calls)
    finally:
        await app.stop()
