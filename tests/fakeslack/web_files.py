"""files.* of FakeSlack: the three steps of `AsyncWebClient.files_upload_v2`.

1. ``files.getUploadURLExternal`` (filename, length) → an upload URL on this fake's own
   loopback server and a file id;
2. a raw POST of the bytes to that URL;
3. ``files.completeUploadExternal`` (files=[{id, title}], channel_id, thread_ts,
   initial_comment) shares them, as one message in the channel or thread.

Shared files are kept with their bytes: ``fake.shared_files(thread_ts=card_ts)``.
"""

from __future__ import annotations

import copy
from typing import Any

from aiohttp import web

from .common import error


class FilesMixin:
    files: dict[str, dict]

    def _init_files(self) -> None:
        self.files = {}

    def files_handlers(self) -> dict:
        return {
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    def shared_files(self, channel: str | None = None, thread_ts: str | None = None
                     ) -> list[dict]:
        """Files shared by files.completeUploadExternal (with their `content` bytes), in order."""
        return [copy.deepcopy(f) for f in self.files.values() if f["shared"]
                and (channel is None or f["channel"] == channel)
                and (thread_ts is None or f["thread_ts"] == thread_ts)]

    # ------------------------------------------------------------------ step 1
    def _files_get_upload_url(self, args: dict) -> dict:
        filename = args.get("filename")
        try:
            length = int(args.get("length"))
        except (TypeError, ValueError):
            length = 0
        if not filename or length <= 0:
            return error("invalid_arguments")
        file_id = self._new_id("F")
        self.files[file_id] = {
            "id": file_id, "filename": filename, "length": length,
            "alt_txt": args.get("alt_txt"), "content": None, "title": None,
            "channel": None, "thread_ts": None, "initial_comment": None, "shared": False,
        }
        url = f"http://127.0.0.1:{self.port}/upload/v1/{file_id}"
        return {"ok": True, "upload_url": url, "file_id": file_id}

    # ------------------------------------------------------------------ step 2
    async def _handle_upload(self, request: web.Request) -> web.Response:
        found = self.files.get(request.match_info["file_id"])
        if found is None or found["shared"]:
            return web.Response(status=404, text="file not found")
        found["content"] = await request.read()
        return web.Response(text=f"OK - {len(found['content'])}")

    # ------------------------------------------------------------------ step 3
    def _files_complete_upload(self, args: dict) -> dict:
        listed = args.get("files")
        if not isinstance(listed, list) or not listed:
            return error("invalid_arguments")
        chosen: list[tuple[dict, Any]] = []
        for item in listed:
            found = self.files.get(item.get("id")) if isinstance(item, dict) else None
            if found is None or found["content"] is None or found["shared"]:
                return error("file_not_found")
            if len(found["content"]) != found["length"]:
                self.reject("files.completeUploadExternal",
                            f"{found['id']}: {len(found['content'])} bytes uploaded, "
                            f"{found['length']} announced")
                return error("file_upload_size_mismatch")
            chosen.append((found, item.get("title")))
        cid = None
        if args.get("channel_id"):
            cid, refusal = self._postable_channel(args["channel_id"])
            if refusal is not None:
                return refusal
        thread_ts = str(args["thread_ts"]) if args.get("thread_ts") else None
        if thread_ts is not None and (cid is None or self._find_message(cid, thread_ts) is None):
            return error("invalid_thread_ts")
        answered = []
        for found, title in chosen:
            found.update(title=title or found["filename"], channel=cid, thread_ts=thread_ts,
                         initial_comment=args.get("initial_comment"), shared=True)
            answered.append({"id": found["id"], "title": found["title"]})
        if cid is not None:
            self._share_message(cid, thread_ts, args.get("initial_comment") or "",
                                [f for f, _ in chosen])
        return {"ok": True, "files": answered}

    def _share_message(self, cid: str, thread_ts: str | None, text: str,
                       shared: list[dict]) -> None:
        """The message Slack posts for shared files (in the thread when one is named)."""
        args: dict[str, Any] = {"text": text}
        if thread_ts:
            args["thread_ts"] = thread_ts
        message = self._new_message(args, self._next_ts())
        message["upload"] = True
        message["files"] = [{"id": f["id"], "name": f["filename"], "title": f["title"],
                             "size": f["length"]} for f in shared]
        parent = self._find_message(cid, thread_ts) if thread_ts else None
        if parent is not None:
            parent["thread_ts"] = parent["ts"]
            parent["reply_count"] = parent.get("reply_count", 0) + 1
            parent["latest_reply"] = message["ts"]
        self.messages.setdefault(cid, []).append(message)
