"""Database work that arrives together is done together: while one batch is on the store's
thread, the work asked for meanwhile waits, then all of it goes in one transaction (one trip
to the thread, one commit) instead of queueing piece by piece. Each caller hears back only
once its work is committed. A piece that fails in a batch fails the batch, which is then
done again one piece per transaction, so one bad write never costs the others theirs and
nothing is ever half-stored. (A burst of reports, or of level posts in many channels.)

Work that an ack waits for (a report kept before it is confirmed) goes in the next batch
whatever else waits; work that follows an ack (building incidents, recording posts) goes at
most `LATER_PER_BATCH` pieces a batch, so what an ack waits for never queues behind a whole
burst's worth of it, and that work still moves on in every batch.

The store's thread hands each batch's outcome straight back to the event loop, where every
caller's future is settled and the next batch starts: no task sits in between, because under
a burst every extra step on a busy loop is one more turn of it before an ack goes out.

Work of one kind for many keys (`together`: the check before a level post, its record after)
is done for all the keys in the batch in one call, whose queries each cover every key: under
a burst, a round trip to PostgreSQL per level post, not one per piece, is what the thread
spends its time on. Such a piece joins its kind in the batch at no cost to the limit above."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, Generic, NamedTuple, TypeVar

from storage import Store

T = TypeVar("T")
K = TypeVar("K")
Outcome = tuple[bool, Any]  # (True, result) or (False, the exception)
# What an ack may wait behind: 8 pieces of work after acks (about 6 ms of building
# incidents), and up to 100 keys of each kind done together (the checks before 100 level
# posts, in two queries: about 5 ms).
LATER_PER_BATCH = 8
KEYS_PER_BATCH = 100


class Keyed(NamedTuple, Generic[K, T]):
    """A piece of work for one key, done with the others of its kind: `many(keys)` returns
    one result per key, in order."""

    many: Callable[[list[K]], Sequence[T]]
    key: K


Piece = Callable[[], Any] | Keyed[Any, Any]
Batch = list[tuple[Piece, asyncio.Future[Any]]]


class StoreBatches:
    """Runs database work (functions for the store's thread) in batches of what arrives together."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._first: Batch = []  # what an ack waits for
        self._waiting: Batch = []
        self._busy = False

    def submit(self, work: Callable[[], T], before_ack: bool = False) -> asyncio.Future[T]:
        """Queue `work` for a transaction on the store's thread, with the work that arrives
        while the batch before is being done (`before_ack`: ahead of all other work); the
        future is settled once it is committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        (self._first if before_ack else self._waiting).append((work, future))
        if not self._busy:
            self._start(loop)
        return future

    async def run(self, work: Callable[[], T]) -> T:
        """`submit`, awaited."""
        return await self.submit(work)

    def together(self, many: Callable[[list[K]], Sequence[T]], key: K) -> asyncio.Future[T]:
        """`submit` for `many([key])[0]`, done in one call with the other keys of the same
        `many` in the batch (compared by equality: the same function, or bound method)."""
        return self.submit(Keyed(many, key))  # type: ignore[arg-type]

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._first = self._first, []  # plain work (`together` is never before_ack)
        groups: dict[Callable[[list[Any]], Sequence[Any]], int] = {}  # keys of each kind
        later = taken = 0
        # The waiting work is taken in order, up to the first piece that must wait: nothing
        # is done ahead of work asked for before it (a check before a level post never
        # reads ahead of a resolve asked for earlier).
        for piece, _ in self._waiting:
            if isinstance(piece, Keyed) and piece.many in groups:
                if groups[piece.many] >= KEYS_PER_BATCH:  # its kind is full
                    break
                groups[piece.many] += 1  # joins its kind: no cost to the limit
            elif later < LATER_PER_BATCH:
                later += 1
                if isinstance(piece, Keyed):  # starts its kind in this batch
                    groups[piece.many] = 1
            else:
                break
            taken += 1
        batch.extend(self._waiting[:taken])
        del self._waiting[:taken]
        self._busy = bool(batch)
        if not batch:
            return
        try:
            trip = self.store.submit(self._write, [work for work, _ in batch])
        except Exception as exc:  # the store is closed (the app is stopping)
            self._settle(loop, batch, exc)
            return

        def back(done: Future[list[Outcome]]) -> None:  # on the store's thread
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                loop.call_soon_threadsafe(self._finished, loop, batch, done)
        trip.add_done_callback(back)

    def _finished(self, loop: asyncio.AbstractEventLoop, batch: Batch,
                  done: Future[list[Outcome]]) -> None:
        self._settle(loop, batch, done.exception() or done.result())

    def _settle(self, loop: asyncio.AbstractEventLoop, batch: Batch,
                outcomes: list[Outcome] | BaseException) -> None:
        """Tell each caller, then start the batch that gathered meanwhile."""
        if isinstance(outcomes, BaseException):
            outcomes = [(False, outcomes)] * len(batch)
        for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
            if future.done():  # its caller stopped waiting
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._start(loop)

    def _write(self, pieces: list[Piece]) -> list[Outcome]:
        """(On the store's thread.) All in one transaction; if that fails, one by one."""
        if len(pieces) > 1:
            try:
                with self.store.atomically():
                    return [(True, result) for result in _do_all(pieces)]
            except Exception:  # rolled back as a whole: each on its own below
                pass
        outcomes: list[Outcome] = []
        for piece in pieces:
            try:
                with self.store.atomically():
                    outcomes.append((True, _do_all([piece])[0]))
            except Exception as exc:
                outcomes.append((False, exc))
        return outcomes


def _do_all(pieces: list[Piece]) -> list[Any]:
    """Each piece's result, in order. The keyed pieces of one kind are done in one call, made
    when the next plain piece is reached (or at the end): never across a plain piece, which
    may change what they read. Kinds are independent of one another's order."""
    results: list[Any] = [None] * len(pieces)
    groups: dict[Callable[[list[Any]], Sequence[Any]], list[int]] = {}

    def call_groups() -> None:
        for many, members in groups.items():
            answers = many([pieces[i].key for i in members])  # type: ignore[union-attr]
            if len(answers) != len(members):
                raise ValueError(f"{many!r} gave {len(answers)} results for "
                                 f"{len(members)} keys")
            for i, answer in zip(members, answers, strict=True):
                results[i] = answer
        groups.clear()

    for index, piece in enumerate(pieces):
        if isinstance(piece, Keyed):
            groups.setdefault(piece.many, []).append(index)
        else:
            call_groups()
            results[index] = piece()
    call_groups()
    return results
