"""Database work that arrives together is done together (bot/batches.py): each caller gets its
own answer, only once it is committed, and a piece that fails costs no other piece its write
and leaves nothing half-written."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.batches import StoreBatches
from storage import Store, StoreClosed
from tests.test_storage import new_incident


def stored_keys(db_path) -> set[str]:
    """What another connection sees: only what was committed."""
    conn = sqlite3.connect(str(db_path))
    try:
        return {r[0] for r in conn.execute("SELECT submission_key FROM incidents")}
    finally:
        conn.close()


async def test_work_that_arrives_together_is_answered_each_once_committed(tmp_path):
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)
    seen_in_transaction: list[bool] = []

    def create(key: str):
        def work() -> int:
            seen_in_transaction.append(store.db.conn.in_transaction)
            incident, created = store.incidents.create(new_incident(submission_key=key))
            assert created
            return incident.id
        return work

    async def create_and_look(key: str) -> tuple[int, bool]:
        incident_id = await batches.run(create(key))
        return incident_id, key in stored_keys(tmp_path / "b.db")

    answers = await asyncio.gather(*(create_and_look(f"V{n}") for n in range(12)))
    assert sorted(i for i, _ in answers) == list(range(1, 13))  # each its own incident
    assert all(visible for _, visible in answers)  # committed before the caller heard
    assert all(seen_in_transaction)
    store.close()


async def test_a_failing_piece_costs_the_others_nothing_and_leaves_nothing_half_written(
        tmp_path):
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)

    def create(key: str, fail: bool = False):
        def work() -> str:
            store.incidents.create(new_incident(submission_key=key))
            if fail:
                raise ValueError(f"{key} broke after writing")
            return key
        return work

    results = await asyncio.gather(
        *(batches.run(create(f"V{n}", fail=n == 3)) for n in range(6)),
        return_exceptions=True)
    assert [r if isinstance(r, str) else type(r) for r in results] == [
        "V0", "V1", "V2", ValueError, "V4", "V5"]
    assert stored_keys(tmp_path / "b.db") == {"V0", "V1", "V2", "V4", "V5"}
    # Later work goes on as usual.
    assert await batches.run(create("V6")) == "V6"
    store.close()


async def test_work_asked_of_a_closed_store_fails_and_the_next_is_still_answered(tmp_path):
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)
    store.close()
    with pytest.raises(StoreClosed):
        await batches.run(lambda: 1)
    with pytest.raises(StoreClosed):  # not left waiting for a writer that is gone
        await asyncio.wait_for(batches.run(lambda: 2), 2.0)


async def test_work_an_ack_waits_for_never_queues_behind_a_bursts_worth_of_other_work(
        tmp_path):
    """Work after acks (here, 40 pieces) goes a few pieces a batch; work an ack waits for,
    asked after all of it, goes in the very next batch, and the rest still moves on."""
    from bot.batches import LATER_PER_BATCH
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)
    done: list[str] = []

    def piece(name: str):
        def work() -> str:
            done.append(name)
            return name
        return work

    first = batches.submit(lambda: done.append("first"))  # on the store's thread now
    later = [batches.submit(piece(f"later{n}")) for n in range(40)]
    urgent = batches.submit(piece("urgent"), before_ack=True)
    assert await urgent == "urgent"
    assert done.index("urgent") <= 1 + LATER_PER_BATCH  # behind one batch's worth at most
    assert [await f for f in later] == [f"later{n}" for n in range(40)]  # all, in order
    await first
    store.close()


async def test_keyed_work_of_one_kind_is_one_call_for_every_key_in_the_batch(tmp_path):
    """`together`: the pieces of one kind in a batch are one call with all their keys (the
    checks before a burst's level posts: one query, not one each), each caller gets its own
    key's answer, and they ride along at no cost to the limit on other work."""
    from bot.batches import KEYS_PER_BATCH, LATER_PER_BATCH
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)
    log: list[str] = []

    def squares(keys: list[int]) -> list[int]:
        log.append(f"squares of {len(keys)}")
        return [k * k for k in keys]

    def other(name: str):
        return lambda: log.append(name) or name

    blocker = batches.submit(lambda: log.append("blocker"))  # the rest gather meanwhile
    before = [batches.submit(other(f"before{n}")) for n in range(LATER_PER_BATCH)]
    keyed = [batches.together(squares, k) for k in range(KEYS_PER_BATCH + 5)]
    after = [batches.submit(other(f"after{n}")) for n in range(LATER_PER_BATCH)]
    assert await asyncio.gather(*keyed) == [k * k for k in range(KEYS_PER_BATCH + 5)]
    assert [await f for f in before + after] == (
        [f"before{n}" for n in range(LATER_PER_BATCH)] +
        [f"after{n}" for n in range(LATER_PER_BATCH)])
    await blocker
    # Batch 2: the other work's limit. Batch 3: the first key counts as one piece and as
    # many keys as a batch may join it. Batch 4: the last five keys (one piece) and the
    # limit's rest of the other work; batch 5 the last. All in the order asked.
    assert log == (["blocker"] + [f"before{n}" for n in range(LATER_PER_BATCH)] +
                   [f"squares of {KEYS_PER_BATCH}", "squares of 5"] +
                   [f"after{n}" for n in range(LATER_PER_BATCH)])
    store.close()


async def test_a_keyed_call_that_fails_is_made_again_one_key_at_a_time(tmp_path):
    """A kind's call that raises fails its batch, which is then done piece by piece: each
    key alone, in its own transaction, so only the key that breaks it gets the error and
    the other pieces keep what they wrote."""
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)

    def create_many(keys: list[str]) -> list[str]:
        for key in keys:
            store.incidents.create(new_incident(submission_key=key))
        if "V3" in keys:
            raise ValueError("V3 broke after writing")
        return keys

    blocker = batches.submit(lambda: None)
    results = await asyncio.gather(*(batches.together(create_many, f"V{n}") for n in range(6)),
                                   batches.run(lambda: "plain"), return_exceptions=True)
    await blocker
    assert [r if isinstance(r, str) else type(r) for r in results] == [
        "V0", "V1", "V2", ValueError, "V4", "V5", "plain"]
    assert stored_keys(tmp_path / "b.db") == {"V0", "V1", "V2", "V4", "V5"}
    store.close()


async def test_a_keyed_call_giving_the_wrong_number_of_answers_fails_its_callers(tmp_path):
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)
    with pytest.raises(ValueError, match="gave 0 results for 1 keys"):
        await batches.together(lambda keys: [], 1)
    assert await batches.run(lambda: "next") == "next"
    store.close()


async def test_keyed_work_never_reads_ahead_of_work_asked_for_before_it(tmp_path):
    """A check before a level post asked for after a resolve must see the resolve: a kind's
    call is never made across plain work in its batch, and no piece is taken into a batch
    ahead of one asked for earlier that had to wait for the next."""
    from bot.batches import LATER_PER_BATCH
    store = Store(tmp_path / "b.db")
    batches = StoreBatches(store)
    state = {"resolved": False}

    def seen(keys: list[str]) -> list[bool]:
        return [state["resolved"] for _ in keys]

    def resolve() -> None:
        state["resolved"] = True

    blocker = batches.submit(lambda: None)
    # One batch: a check, the resolve, a check asked for after it.
    same_batch = [batches.together(seen, "A"), batches.submit(resolve),
                  batches.together(seen, "B")]
    assert await asyncio.gather(*same_batch) == [False, None, True]
    await blocker
    state["resolved"] = False

    blocker = batches.submit(lambda: None)
    # The resolve is the first piece over the limit; the check asked for after it could
    # join the check already in the batch, but must not go ahead of the resolve.
    first = batches.together(seen, "A")
    fillers = [batches.submit(lambda: None) for _ in range(LATER_PER_BATCH - 1)]
    resolved = batches.submit(resolve)
    after = batches.together(seen, "B")
    assert (await first, await resolved, await after) == (False, None, True)
    await asyncio.gather(blocker, *fillers)
    store.close()
