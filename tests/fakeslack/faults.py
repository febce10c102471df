"""Fault injection rules for FakeSlack (ok:false answers, HTTP errors, slow answers)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Fault:
    method: str  # Web API method name, or "*" for every method
    kind: str  # "error" (HTTP 200 + ok:false), "http" (status code), "hang" (delay)
    times: int | None  # remaining uses; None = until clear_faults()
    error: str = ""
    channel: str | None = None
    status: int = 500
    retry_after: int | None = None
    seconds: float = 0.0

    def matches(self, method: str, args: dict) -> bool:
        if self.method not in ("*", method):
            return False
        if self.times is not None and self.times <= 0:
            return False
        return self.channel is None or args.get("channel") == self.channel

    def consume(self) -> None:
        if self.times is not None:
            self.times -= 1


class FaultBook:
    """Holds the injected faults and hands out the one that applies to a call."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        if fault.times is not None and fault.times < 1:
            raise ValueError("times must be >= 1 or None")
        self.faults.append(fault)

    def take(self, kind: str, method: str, args: dict) -> Fault | None:
        """First matching fault of that kind, with one use consumed."""
        for fault in self.faults:
            if fault.kind == kind and fault.matches(method, args):
                fault.consume()
                return fault
        return None

    def clear(self) -> None:
        self.faults.clear()
