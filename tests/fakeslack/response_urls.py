"""response_url endpoints: where Bolt's respond() (AsyncWebhookClient) posts, served locally."""

from __future__ import annotations

import json
import secrets

from aiohttp import web

from .validate import validate_message


class ResponseUrlMixin:
    def _init_response_urls(self) -> None:
        self.responses: list[dict] = []  # {"url": ..., "body": {...}} for every respond() post

    def response_url(self) -> str:
        """A fresh response_url served by the fake: pass it to slash_command()/block_actions()."""
        if self.port is None:
            raise RuntimeError("FakeSlack.start() has not been awaited")
        return f"http://127.0.0.1:{self.port}/response-url/{self.team_id}/{secrets.token_hex(8)}"

    def responses_to(self, url: str) -> list[dict]:
        return [r["body"] for r in self.responses if r["url"] == url]

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
        except ValueError:
            return web.Response(status=400, text="invalid_payload", content_type="text/plain")
        self.responses.append({"url": str(request.url), "body": body})
        if not isinstance(body, dict):
            return web.Response(status=400, text="invalid_payload", content_type="text/plain")
        if body.get("delete_original"):
            return web.Response(text="ok", content_type="text/plain")
        refused = validate_message(body)
        if refused is not None:
            code, messages = refused
            self.reject("response_url", f"{code}: " + "; ".join(messages))
            return web.Response(status=400, text=code, content_type="text/plain")
        return web.Response(text="ok", content_type="text/plain")
