"""Drill: 200 concurrent `/bvoip report` commands and 200 concurrent modal submissions — all
acknowledged, none lost, and no `database is locked`."""

import asyncio
import copy
import logging

from tests.fakeslack.payloads import submit_modal
from tests.flows import SEV1_ANSWERS, eventually

N = 200


async def test_200_concurrent_commands_and_200_concurrent_submissions(app, caplog):
    caplog.set_level(logging.WARNING)
    replies = await asyncio.gather(*(app.command(f"report site {n} is hard down")
                                     for n in range(N)))
    assert [r.status for r in replies] == [200] * N
    await app.fake.wait_for("views.open", N, timeout=20)
    await app.fake.wait_for("views.update", N, timeout=20)  # each filled in from the profile

    template = app.fake.latest_view("report_outage")
    payloads = []
    for n in range(N):
        view = copy.deepcopy(template)
        view["id"] = f"VLOAD{n:04d}"  # each submission is its own modal
        payloads.append(submit_modal(view, {**SEV1_ANSWERS, "Site / location": f"Site {n}"}))
    replies = await asyncio.gather(*(app.interact(p) for p in payloads))
    assert [r.status for r in replies] == [200] * N
    assert all("errors" not in r.text for r in replies)

    await eventually(lambda: len(app.store.incidents.all_open()) == N
                     and all(i.card_ts for i in app.store.incidents.all_open()), timeout=30)
    sites = sorted(i.location for i in app.store.incidents.all_open())
    assert sites == sorted(f"Site {n}" for n in range(N))
    cards = [m for m in app.fake.messages["C123"] if not m.get("thread_ts")]
    assert len(cards) == N  # one card each, none twice
    assert "database is locked" not in caplog.text
    app.fake.assert_nothing_rejected()
