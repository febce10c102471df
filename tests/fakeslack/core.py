"""FakeSlack: a loopback Slack Web API + Socket Mode server for end-to-end tests."""

from __future__ import annotations

import asyncio
import copy
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .faults import Fault, FaultBook
from .response_urls import ResponseUrlMixin
from .socket_mode import SocketModeMixin
from .validate import decode_json_field
from .web_api import WebApiMixin

# Form-encoded calls carry these as JSON strings; decode them so calls_to() is structured.
JSON_FIELDS = ("blocks", "attachments", "view", "metadata", "user_auth_blocks", "unfurls",
               "files")


@dataclass
class Call:
    method: str
    args: dict
    token: str | None
    at: float  # time.monotonic() when the request arrived
    status: int = 200  # HTTP status answered
    response: dict | None = field(default=None, repr=False)  # body answered (a copy)


class FakeSlack(WebApiMixin, SocketModeMixin, ResponseUrlMixin):
    """Serves ``/api/<method>`` and the Socket Mode WebSocket on 127.0.0.1.

    Point ``AsyncWebClient(token=fake.bot_token, base_url=fake.base_url)`` at it.
    """

    def __init__(
        self,
        bot_token: str = "xoxb-test-token",
        app_token: str = "xapp-1-test",
        team_id: str = "T0001",
        bot_user_id: str = "UBOT",
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = "B0001"
        self.app_id = "A0001"
        self.team_domain = "fake-workspace"
        self.calls: list[Call] = []
        self.rejected: list[tuple[str, str]] = []
        self.faults = FaultBook()
        self.port: int | None = None
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        WebApiMixin._init_state(self)
        SocketModeMixin._init_socket(self)
        ResponseUrlMixin._init_response_urls(self)

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_get("/socket-mode/link/", self._handle_socket)
        app.router.add_post("/response-url/{team}/{key}", self._handle_response_url)
        app.router.add_post("/upload/v1/{file_id}", self._handle_upload)
        self._stopping.clear()
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self._stopping.set()
        await self._close_sockets()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeSlack:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("FakeSlack.start() has not been awaited")
        return f"http://127.0.0.1:{self.port}/api/"

    # ------------------------------------------------------------------ recorded calls
    def calls_to(self, method: str) -> list[dict]:
        return [c.args for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                seen = "\n".join(f"  {c.method} {c.args!r}" for c in self.calls) or "  (none)"
                raise AssertionError(
                    f"expected {count} call(s) to {method} within {timeout}s, got {len(found)};"
                    f" calls so far:\n{seen}"
                )
            await asyncio.sleep(0.01)

    async def wait_for_form(self, count: int = 1, timeout: float = 5.0) -> None:
        """The `count`th modal opened and, when it is the report form, filled in from the
        reporter's profile as the app does next (users.info, then views.update)."""
        await self.wait_for("views.open", count, timeout)
        index = [i for i, c in enumerate(self.calls) if c.method == "views.open"][count - 1]
        opening = self.calls[index]
        if (opening.args.get("view") or {}).get("callback_id") != "report_outage":
            return
        deadline = time.monotonic() + timeout

        def after(method: str) -> list[Call]:
            return [c for c in self.calls[index + 1:] if c.method == method]

        while not after("users.info") and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        asked = after("users.info")
        if asked and self.users.get(asked[0].args.get("user", "")) is not None:
            settle = time.monotonic() + 1.0
            while not after("views.update") and time.monotonic() < settle:
                await asyncio.sleep(0.005)

    def reject(self, method: str, reason: str) -> None:
        """Note something Slack would have refused (see assert_nothing_rejected)."""
        self.rejected.append((method, reason))

    def assert_nothing_rejected(self) -> None:
        if self.rejected:
            lines = "\n".join(f"  {m}: {r}" for m, r in self.rejected)
            raise AssertionError(f"Slack would have refused {len(self.rejected)} call(s):\n{lines}")

    # ------------------------------------------------------------------ fault injection
    def fail(
        self, method: str, error: str, times: int | None = None, channel: str | None = None
    ) -> None:
        """Answer HTTP 200 {"ok": false, "error": error}; times=None means until cleared."""
        self.faults.add(Fault(method, "error", times, error=error, channel=channel))

    def fail_http(
        self, method: str, status: int = 500, times: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer with an HTTP error status (429 gets Retry-After and error=ratelimited)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        self.faults.add(Fault(method, "http", times, status=status, retry_after=retry_after))

    def hang(self, method: str, seconds: float, times: int = 1) -> None:
        """Sleep `seconds` before answering (to trigger client timeouts)."""
        self.faults.add(Fault(method, "hang", times, seconds=seconds))

    def clear_faults(self) -> None:
        self.faults.clear()

    # ------------------------------------------------------------------ HTTP plumbing
    async def _read_args(self, request: web.Request) -> tuple[dict, str | None]:
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    args.update(body)
            else:
                form = await request.post()
                for key in set(form.keys()):
                    values = [_form_value(v) for v in form.getall(key)]
                    args[key] = values[0] if len(values) == 1 else values
        for key in JSON_FIELDS:
            if key in args:
                args[key] = decode_json_field(args[key])
        token = args.pop("token", None)
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth[len("Bearer "):].strip()
        return args, token

    def _auth_error(self, method: str, token: str | None) -> str | None:
        if not token:
            return "not_authed"
        wanted = self.app_token if method == "apps.connections.open" else self.bot_token
        if token == wanted:
            return None
        if token in (self.app_token, self.bot_token):
            return "not_allowed_token_type"
        return "invalid_auth"

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = Call(method, {}, None, time.monotonic())
        try:
            call.args, call.token = await self._read_args(request)
        except ValueError:
            self.calls.append(call)
            return self._answer(call, {"ok": False, "error": "invalid_json"})
        self.calls.append(call)
        hang = self.faults.take("hang", method, call.args)
        if hang is not None:
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=hang.seconds)
            except TimeoutError:
                pass
        http = self.faults.take("http", method, call.args)
        if http is not None:
            return self._http_fault(call, http)
        fault = self.faults.take("error", method, call.args)
        if fault is not None:
            return self._answer(call, {"ok": False, "error": fault.error})
        auth_error = self._auth_error(method, call.token)
        if auth_error is not None:
            return self._answer(call, {"ok": False, "error": auth_error})
        handler = self.api_handlers().get(method)
        if handler is None:
            return self._answer(call, {"ok": False, "error": "unknown_method"})
        return self._answer(call, handler(call.args))

    def _answer(self, call: Call, body: dict, status: int = 200, **headers: str) -> web.Response:
        call.status, call.response = status, copy.deepcopy(body)
        return web.json_response(body, status=status, headers=headers or None)

    def _http_fault(self, call: Call, fault: Fault) -> web.Response:
        if fault.status == 429:
            return self._answer(
                call, {"ok": False, "error": "ratelimited"}, 429,
                **{"Retry-After": str(fault.retry_after)},
            )
        # Slack's edge answers 5xx with an HTML page, not JSON: AsyncWebClient gets data == {}.
        call.status, call.response = fault.status, None
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else None
        return web.Response(
            status=fault.status,
            text=f"<html><body><h1>{fault.status}</h1>Fake Slack error</body></html>",
            content_type="text/html",
            headers=headers,
        )


def _form_value(value: Any) -> Any:
    if isinstance(value, web.FileField):
        return {
            "filename": value.filename,
            "content_type": value.content_type,
            "content": value.file.read(),
        }
    return value
