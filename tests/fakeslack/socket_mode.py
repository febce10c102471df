"""Socket Mode side of FakeSlack: apps.connections.open and the WebSocket envelope protocol."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

from aiohttp import WSMsgType, web

from .validate import validate_ack


class SocketModeMixin:
    def _init_socket(self) -> None:
        self.sockets: list[web.WebSocketResponse] = []  # currently open connections
        self.socket_connections = 0  # connections ever accepted
        self.acks: list[dict] = []  # every message the client sent over the socket
        self.envelopes: list[dict] = []  # every envelope sent to the client
        self._tickets: set[str] = set()
        self._pending: dict[str, asyncio.Future] = {}

    # ------------------------------------------------------------------ Web API side
    def _apps_connections_open(self, args: dict) -> dict:
        ticket = str(uuid.uuid4())
        self._tickets.add(ticket)
        url = f"ws://127.0.0.1:{self.port}/socket-mode/link/?ticket={ticket}&app_id={self.app_id}"
        return {"ok": True, "url": url}

    # ------------------------------------------------------------------ WebSocket side
    async def _handle_socket(self, request: web.Request) -> web.StreamResponse:
        if request.query.get("ticket") not in self._tickets:
            return web.Response(status=401, text="invalid or missing ticket")
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.sockets.append(ws)
        self.socket_connections += 1
        await ws.send_json({
            "type": "hello",
            "num_connections": len(self.sockets),
            "debug_info": {"host": "applink-fake-1", "build_number": 1,
                           "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        })
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self._on_client_message(msg.data)
        finally:
            if ws in self.sockets:
                self.sockets.remove(ws)
        return ws

    def _on_client_message(self, raw: str) -> None:
        try:
            data = json.loads(raw)
        except ValueError:
            self.reject("socket_mode", f"client sent non-JSON text: {raw[:200]!r}")
            return
        if not isinstance(data, dict) or "envelope_id" not in data:
            self.reject("socket_mode", f"client sent a message without envelope_id: {raw[:200]!r}")
            return
        self.acks.append(data)
        eid = data["envelope_id"]
        envelope = next((e for e in self.envelopes if e["envelope_id"] == eid), None)
        if envelope is None:
            self.reject("socket_mode", f"ack for unknown envelope_id {data['envelope_id']!r}")
        elif envelope.get("accepts_response_payload") and "payload" in data:
            messages = validate_ack(envelope["payload"], data["payload"])
            if messages:
                self.reject(f"ack:{envelope['type']}", "; ".join(messages))
        future = self._pending.pop(data["envelope_id"], None)
        if future is not None and not future.done():
            future.set_result(data)

    async def _close_sockets(self) -> None:
        for ws in list(self.sockets):
            await ws.close()
        self.sockets.clear()

    # ------------------------------------------------------------------ test API
    async def wait_for_socket(self, timeout: float = 5.0, *, connections: int = 1) -> None:
        """Wait until a client is connected (and `connections` were ever accepted)."""
        deadline = time.monotonic() + timeout
        while not (self.sockets and self.socket_connections >= connections):
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"no Socket Mode client connected within {timeout}s "
                    f"(connections so far: {self.socket_connections}, "
                    f"apps.connections.open calls: {len(self.calls_to('apps.connections.open'))})"
                )
            await asyncio.sleep(0.01)

    async def send_envelope(
        self,
        type: str,
        payload: dict,
        accepts_response_payload: bool = True,
        timeout: float = 5.0,
        *,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> dict:
        """Send an envelope to the newest connection and return the client's ack message."""
        await self.wait_for_socket(timeout)
        envelope: dict[str, Any] = {
            "envelope_id": str(uuid.uuid4()),
            "type": type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if type == "events_api" or retry_attempt is not None:
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason or ""
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._pending[envelope["envelope_id"]] = future
        self.envelopes.append(envelope)
        await self.sockets[-1].send_json(envelope)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            self._pending.pop(envelope["envelope_id"], None)
            raise AssertionError(
                f"no ack for {type} envelope {envelope['envelope_id']} within {timeout}s "
                f"(Bolt does not ack when no listener matched); acks so far: {self.acks!r}"
            ) from None

    async def disconnect_socket(self, reason: str = "refresh_requested") -> None:
        """Send Slack's disconnect message; the SDK client then reconnects with a new URL."""
        for ws in list(self.sockets):
            await ws.send_json({
                "type": "disconnect",
                "reason": reason,
                "debug_info": {"host": "applink-fake-1"},
            })

    async def drop_sockets(self) -> None:
        """Close every connection from the server side, without a disconnect message."""
        await self._close_sockets()
