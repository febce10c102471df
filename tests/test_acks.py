"""Work after an ack waits for a quiet moment (bot/acks.py), then goes a piece at a time while
it stays quiet, and never waits past its bound."""

from __future__ import annotations

import asyncio
import time

from bot.acks import QUIET_SECONDS, AckGate


async def test_nothing_waits_when_no_request_awaits_its_ack():
    gate = AckGate()
    started = time.monotonic()
    await gate.after_acks()
    assert time.monotonic() - started < 0.05


async def test_work_waits_for_a_quiet_moment_then_goes_one_piece_per_turn():
    gate = AckGate(max_wait=5.0)
    gate.arrived()
    order: list[str] = []

    async def work(name: str) -> None:
        await gate.after_acks()
        order.append(name)

    pieces = [asyncio.ensure_future(work(n)) for n in ("first", "second", "third")]
    await asyncio.sleep(QUIET_SECONDS * 4)
    assert order == []  # a request still awaits its ack
    gate.answered()
    await asyncio.sleep(QUIET_SECONDS * 2)  # quiet: they go, oldest first
    await asyncio.gather(*pieces)
    assert order == ["first", "second", "third"]


async def test_a_request_arriving_stops_the_release_until_it_is_quiet_again():
    gate = AckGate(max_wait=5.0)
    gate.arrived()
    released: list[str] = []

    async def work(name: str) -> None:
        await gate.after_acks()
        released.append(name)
        if name == "first":  # a request arrives while the first piece runs
            gate.arrived()

    pieces = [asyncio.ensure_future(work(n)) for n in ("first", "second", "third")]
    await asyncio.sleep(0)
    gate.answered()
    await asyncio.sleep(QUIET_SECONDS * 4)
    assert released[0] == "first" and len(released) <= 2  # at most the piece already let go
    before = list(released)
    gate.answered()
    await asyncio.wait_for(asyncio.gather(*pieces), 1.0)
    assert released[:len(before)] == before and set(released) == {"first", "second", "third"}


async def test_work_never_waits_past_its_bound():
    gate = AckGate(max_wait=0.1)
    gate.arrived()  # never answered: a burst that does not end
    started = time.monotonic()
    await gate.after_acks()
    assert 0.08 < time.monotonic() - started < 1.0


async def test_work_reaching_its_bound_in_a_long_burst_goes_one_piece_per_loop_turn():
    gate = AckGate(max_wait=0.05)
    gate.arrived()  # the burst never ends
    turns = 0
    resumed: list[int] = []

    async def ticker() -> None:  # counts turns of the event loop
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    async def work() -> None:
        await gate.after_acks()
        resumed.append(turns)

    ticking = asyncio.ensure_future(ticker())
    try:
        await asyncio.wait_for(asyncio.gather(*(work() for _ in range(20))), 2.0)
    finally:
        ticking.cancel()
    assert len(resumed) == 20
    assert len(set(resumed)) == 20, resumed  # never two pieces in the same turn
