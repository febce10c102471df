"""chat.* methods of FakeSlack."""

from __future__ import annotations

import copy
from typing import Any

from .common import error, fill_ids, truthy
from .validate import validate_message


def _listing(messages: list[dict], args: dict) -> dict:
    """A conversations.* answer: a page of up to `limit` copies from the `cursor` on,
    metadata only when asked for."""
    start = int(args.get("cursor") or 0)
    end = start + int(args.get("limit") or 100)
    found = [copy.deepcopy(m) for m in messages[start:end]]
    if not truthy(args.get("include_all_metadata")):
        for message in found:
            message.pop("metadata", None)
    more = end < len(messages)
    return {"ok": True, "messages": found, "has_more": more,
            "response_metadata": {"next_cursor": str(end) if more else ""}}


class ChatMixin:
    def chat_handlers(self) -> dict:
        return {
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.getPermalink": self._chat_get_permalink,
            "conversations.replies": self._conversations_replies,
            "conversations.history": self._conversations_history,
        }

    # ------------------------------------------------------------------ helpers
    def _postable_channel(self, ref: Any) -> tuple[str | None, dict | None]:
        """(channel id, None) or (None, error answer) for posting into `ref`."""
        cid = self._find_channel(ref)
        if cid is None:
            return None, error("channel_not_found")
        channel = self.channels[cid]
        if channel.get("is_archived"):
            return None, error("is_archived")
        if not channel.get("is_member"):
            return None, error("not_in_channel")
        return cid, None

    def _refused_message(self, method: str, args: dict) -> dict | None:
        result = validate_message(args)
        if result is None:
            return None
        code, messages = result
        self.reject(method, f"{code}: " + "; ".join(messages))
        extra: dict[str, Any] = {
            "response_metadata": {"messages": [f"[ERROR] {m}" for m in messages]}
        }
        if code == "invalid_blocks":
            extra["errors"] = messages
        return error(code, **extra)

    def _find_message(self, cid: str, ts: Any) -> dict | None:
        for message in self.messages.get(cid, []):
            if message["ts"] == ts:
                return message
        return None

    def _new_message(self, args: dict, ts: str) -> dict:
        message: dict[str, Any] = {
            "type": "message", "user": self.bot_user_id, "bot_id": self.bot_id,
            "app_id": self.app_id, "team": self.team_id, "ts": ts, "text": args.get("text") or "",
        }
        if args.get("blocks"):
            message["blocks"] = fill_ids(args["blocks"])
        for key in ("attachments", "metadata", "username", "icon_emoji", "icon_url"):
            if args.get(key):
                message[key] = copy.deepcopy(args[key])
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
            message["parent_user_id"] = self.bot_user_id
            if truthy(args.get("reply_broadcast")):
                message["subtype"] = "thread_broadcast"
                message["reply_broadcast"] = True
        message["bot_profile"] = {"id": self.bot_id, "app_id": self.app_id, "name": "bvoip",
                                  "team_id": self.team_id, "deleted": False}
        return message

    # ------------------------------------------------------------------ methods
    def _chat_post_message(self, args: dict) -> dict:
        cid, refusal = self._postable_channel(args.get("channel"))
        if refusal is not None:
            return refusal
        refusal = self._refused_message("chat.postMessage", args)
        if refusal is not None:
            return refusal
        message = self._new_message(args, self._next_ts())
        parent = self._find_message(cid, message.get("thread_ts"))
        if parent is not None:
            parent["thread_ts"] = parent["ts"]
            parent["reply_count"] = parent.get("reply_count", 0) + 1
            parent["latest_reply"] = message["ts"]
            parent["reply_users"] = [self.bot_user_id]
        self.messages.setdefault(cid, []).append(message)
        return {"ok": True, "channel": cid, "ts": message["ts"], "message": copy.deepcopy(message)}

    def _conversations_replies(self, args: dict) -> dict:
        """The thread of `ts`: the parent first, then replies; metadata only when asked."""
        cid = self._find_channel(args.get("channel"))
        if cid is None:
            return error("channel_not_found")
        ts = str(args.get("ts") or "")
        if self._find_message(cid, ts) is None:
            return error("thread_not_found")
        return _listing([m for m in self.messages.get(cid, [])
                         if m["ts"] == ts or m.get("thread_ts") == ts], args)

    def _conversations_history(self, args: dict) -> dict:
        """A channel's top-level messages, newest first; metadata only when asked."""
        cid = self._find_channel(args.get("channel"))
        if cid is None:
            return error("channel_not_found")
        return _listing([m for m in reversed(self.messages.get(cid, []))
                         if not m.get("thread_ts") or m.get("thread_ts") == m["ts"]
                         or m.get("reply_broadcast")], args)

    def _chat_update(self, args: dict) -> dict:
        cid = self._find_channel(args.get("channel"))
        if cid is None:
            return error("channel_not_found")
        message = self._find_message(cid, args.get("ts"))
        if message is None:
            return error("message_not_found")
        refusal = self._refused_message("chat.update", args)
        if refusal is not None:
            return refusal
        if "text" in args:
            message["text"] = args["text"] or ""
        if "blocks" in args:
            message["blocks"] = fill_ids(args["blocks"] or [])
        if "attachments" in args:
            message["attachments"] = copy.deepcopy(args["attachments"] or [])
        if args.get("metadata"):
            message["metadata"] = copy.deepcopy(args["metadata"])
        message["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        return {"ok": True, "channel": cid, "ts": message["ts"], "text": message["text"],
                "message": copy.deepcopy(message)}

    def _chat_post_ephemeral(self, args: dict) -> dict:
        cid, refusal = self._postable_channel(args.get("channel"))
        if refusal is not None:
            return refusal
        if not self._known_user(args.get("user")):
            return error("user_not_in_channel")
        refusal = self._refused_message("chat.postEphemeral", args)
        if refusal is not None:
            return refusal
        ts = self._next_ts()
        self.ephemeral.append({
            "channel": cid, "user": args["user"], "message_ts": ts, "text": args.get("text") or "",
            "blocks": fill_ids(args.get("blocks") or []), "thread_ts": args.get("thread_ts"),
        })
        return {"ok": True, "message_ts": ts}

    def _chat_get_permalink(self, args: dict) -> dict:
        cid = self._find_channel(args.get("channel"))
        if cid is None:
            return error("channel_not_found")
        message = self._find_message(cid, args.get("message_ts"))
        if message is None:
            return error("message_not_found")
        digits = message["ts"].replace(".", "")
        link = f"https://{self.team_domain}.slack.com/archives/{cid}/p{digits}"
        if message.get("thread_ts") and message["thread_ts"] != message["ts"]:
            link += f"?thread_ts={message['thread_ts']}&cid={cid}"
        return {"ok": True, "channel": cid, "permalink": link}
