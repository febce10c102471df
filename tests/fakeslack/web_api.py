"""Web API state and the non-chat, non-views methods of FakeSlack."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
import string
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from .common import error, truthy
from .web_chat import ChatMixin
from .web_files import FilesMixin
from .web_views import ViewsMixin

Handler = Callable[[dict], dict]
_ALNUM = string.ascii_uppercase + string.digits


class WebApiMixin(ChatMixin, ViewsMixin, FilesMixin):
    users: dict[str, dict]
    channels: dict[str, dict]
    messages: dict[str, list[dict]]
    views: dict[str, dict]

    def _init_state(self) -> None:
        self.users = {}
        self.channels = {}
        self.messages = {}
        self.ephemeral: list[dict] = []
        self.views = {}
        self._dms: dict[tuple[str, ...], str] = {}
        self._ids = itertools.count(1)
        self._ts_us = 1_700_000_000_000_000
        self._init_views()
        self._init_files()

    # ------------------------------------------------------------------ seeding
    def add_user(
        self,
        user_id: str,
        real_name: str = "Test User",
        phone: str = "",
        tz: str = "America/Chicago",
        *,
        email: str = "",
        display_name: str = "",
        name: str | None = None,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> dict:
        """Register a user; returns the users.info ``user`` object (mutable, kept in users)."""
        now = dt.datetime.now(ZoneInfo(tz))
        first, _, last = real_name.partition(" ")
        handle = name or real_name.lower().replace(" ", ".")
        user = {
            "id": user_id, "team_id": self.team_id, "name": handle, "deleted": deleted,
            "color": "9f69e7", "real_name": real_name, "tz": tz, "tz_label": now.tzname(),
            "tz_offset": int(now.utcoffset().total_seconds()),
            "profile": {
                "real_name": real_name, "real_name_normalized": real_name,
                "display_name": display_name, "display_name_normalized": display_name,
                "first_name": first, "last_name": last, "title": "", "phone": phone,
                "email": email, "skype": "", "status_text": "", "status_emoji": "",
                "image_48": f"https://avatars.example/{user_id}_48.png", "team": self.team_id,
            },
            "is_admin": False, "is_owner": False, "is_primary_owner": False,
            "is_restricted": False, "is_ultra_restricted": False, "is_bot": is_bot,
            "is_app_user": False, "updated": 1_700_000_000,
        }
        self.users[user_id] = user
        return user

    def add_channel(
        self,
        channel_id: str,
        name: str,
        is_member: bool = True,
        is_archived: bool = False,
        *,
        is_private: bool = False,
        members: list[str] | None = None,
    ) -> dict:
        """A channel; `members` None means every registered user is in it."""
        channel = {"name": name, "is_member": is_member, "is_archived": is_archived,
                   "is_private": is_private, "members": members}
        self.channels[channel_id] = channel
        return channel

    def _known_user(self, user_id: Any) -> bool:
        """Registered users only, once any is registered; any U…/W… id before that."""
        if not isinstance(user_id, str) or not user_id:
            return False
        return user_id in self.users if self.users else user_id[0] in "UW"

    # ------------------------------------------------------------------ ids
    def _new_id(self, prefix: str) -> str:
        n = next(self._ids)
        return prefix + f"{n:04d}" + "".join(secrets.choice(_ALNUM) for _ in range(4))

    def _next_ts(self) -> str:
        """Unique, increasing message timestamps: 1700000000.000100, 1700000000.000200, ..."""
        self._ts_us += 100
        return f"{self._ts_us // 1_000_000}.{self._ts_us % 1_000_000:06d}"

    # ------------------------------------------------------------------ channels
    def _find_channel(self, ref: Any) -> str | None:
        """Channel id for an id, a "#name"/"name", or a user id (→ the bot's DM with them)."""
        if not isinstance(ref, str) or not ref:
            return None
        if ref in self.channels:
            return ref
        name = ref.removeprefix("#")
        for cid, ch in self.channels.items():
            if ch.get("name") == name:
                return cid
        if ref[0] in "UW" and self._known_user(ref):
            return self._open_dm((ref,))[0]
        return None

    def _open_dm(self, user_ids: tuple[str, ...]) -> tuple[str, bool]:
        key = tuple(sorted(user_ids))
        if key in self._dms:
            return self._dms[key], True
        is_im = len(key) == 1
        cid = self._new_id("D" if is_im else "G")
        self._dms[key] = cid
        self.channels[cid] = {
            "name": cid if is_im else "mpdm-" + "--".join(key) + "-1",
            "is_member": True, "is_archived": False, "is_private": True,
            "is_im": is_im, "is_mpim": not is_im, "user": key[0] if is_im else None,
        }
        return cid, False

    def _channel_object(self, cid: str) -> dict:
        ch = self.channels[cid]
        is_im, is_mpim = ch.get("is_im", False), ch.get("is_mpim", False)
        private = ch.get("is_private", False)
        obj = {
            "id": cid, "name": ch.get("name", cid), "name_normalized": ch.get("name", cid),
            "is_channel": not (private or is_im or is_mpim), "is_group": private and not is_im,
            "is_im": is_im, "is_mpim": is_mpim, "is_private": private or is_im,
            "is_archived": ch.get("is_archived", False), "is_general": False,
            "is_member": ch.get("is_member", False), "is_shared": False, "is_ext_shared": False,
            "created": 1_700_000_000, "creator": "U0000000", "context_team_id": self.team_id,
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
        }
        if is_im:
            obj["user"] = ch.get("user")
        return obj

    # ------------------------------------------------------------------ dispatch
    def api_handlers(self) -> dict[str, Handler]:
        return {
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "conversations.members": self._conversations_members,
            "apps.connections.open": self._apps_connections_open,
            **self.chat_handlers(),
            **self.views_handlers(),
            **self.files_handlers(),
        }

    def _auth_test(self, args: dict) -> dict:
        return {
            "ok": True, "url": f"https://{self.team_domain}.slack.com/", "team": "Fake Workspace",
            "user": "bvoip", "team_id": self.team_id, "user_id": self.bot_user_id,
            "bot_id": self.bot_id, "is_enterprise_install": False,
        }

    def _users_info(self, args: dict) -> dict:
        user = self.users.get(args.get("user", ""))
        if user is None:
            return error("user_not_found")
        user = dict(user)
        if truthy(args.get("include_locale")):
            user["locale"] = "en-US"
        return {"ok": True, "user": user}

    def _conversations_open(self, args: dict) -> dict:
        if args.get("channel"):
            cid = args["channel"]
            if cid not in self.channels:
                return error("channel_not_found")
            return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": cid}}
        users = args.get("users") or ""
        ids = [u.strip() for u in (users.split(",") if isinstance(users, str) else users)]
        ids = [u for u in ids if u and u != self.bot_user_id]
        if not ids:
            return error("users_list_not_supplied")
        if len(ids) > 8:
            return error("too_many_users")
        for uid in ids:
            if not self._known_user(uid):
                return error("user_not_found")
        cid, existed = self._open_dm(tuple(ids))
        channel = self._channel_object(cid) if truthy(args.get("return_im")) else {"id": cid}
        answer: dict[str, Any] = {"ok": True, "channel": channel}
        if existed:
            answer.update(no_op=True, already_open=True)
        return answer

    def _conversations_members(self, args: dict) -> dict:
        cid = args.get("channel")
        if cid not in self.channels:
            return error("channel_not_found")
        channel = self.channels[cid]
        if channel.get("is_private") and not channel.get("is_member"):
            return error("channel_not_found")
        members = channel.get("members")
        found = list(self.users) if members is None else list(members)
        return {"ok": True, "members": found, "response_metadata": {"next_cursor": ""}}

    def _conversations_info(self, args: dict) -> dict:
        cid = args.get("channel")
        if cid not in self.channels:
            return error("channel_not_found")
        return {"ok": True, "channel": self._channel_object(cid)}
