"""views.* methods of FakeSlack."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from .common import error, fill_ids
from .validate import validate_view

_hashes = itertools.count(1)


class ViewsMixin:
    def views_handlers(self) -> dict:
        return {
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
        }

    def latest_view(self, callback_id: str | None = None) -> dict:
        """The view most recently opened/pushed/updated/published (optionally by callback_id)."""
        for view in reversed(list(self._view_order)):
            stored = self.views[view]
            if callback_id is None or stored.get("callback_id") == callback_id:
                return stored
        raise AssertionError(f"no view stored (callback_id={callback_id!r}); views: "
                             f"{[(v['id'], v.get('callback_id')) for v in self.views.values()]}")

    # ------------------------------------------------------------------ helpers
    def _init_views(self) -> None:
        self._used_triggers: set[str] = set()
        self._home_views: dict[str, str] = {}  # user id -> view id
        self._view_order: list[str] = []  # view ids, least recently written first

    def _refused_view(self, method: str, view: Any, expected_type: str | None) -> dict | None:
        messages = validate_view(view, expected_type=expected_type)
        if not messages:
            return None
        self.reject(method, "invalid_blocks: " + "; ".join(messages))
        return error(
            "invalid_blocks",
            errors=messages,
            response_metadata={"messages": [f"[ERROR] {m}" for m in messages]},
        )

    def _trigger_error(self, args: dict) -> dict | None:
        trigger = args.get("trigger_id") or args.get("interactivity_pointer")
        if not trigger:
            return error("invalid_arguments", response_metadata={
                "messages": ["[ERROR] missing required field: trigger_id"]})
        if trigger == "expired":
            return error("expired_trigger_id")
        if trigger in self._used_triggers:
            return error("exchanged_trigger_id")
        return None

    def _stored_view(self, view: dict, view_id: str, previous: dict | None = None) -> dict:
        """The view object Slack answers with (and later sends back in view_* payloads)."""
        stored: dict[str, Any] = {
            "id": view_id, "team_id": self.team_id, "type": view["type"],
            "private_metadata": "", "callback_id": "", "external_id": "",
            "state": {"values": {}}, "hash": f"1700000000.{next(_hashes):08d}",
            "title": None, "close": None, "submit": None,
            "clear_on_close": False, "notify_on_close": False,
            "previous_view_id": None, "root_view_id": view_id,
            "app_id": self.app_id, "app_installed_team_id": self.team_id, "bot_id": self.bot_id,
        }
        if previous is not None:
            for key in ("previous_view_id", "root_view_id", "external_id"):
                stored[key] = previous[key]
        stored.update(copy.deepcopy({k: v for k, v in view.items() if k not in ("id", "hash")}))
        stored["blocks"] = fill_ids(view.get("blocks") or [])
        stored["state"] = {"values": {}}
        self.views[view_id] = stored
        if view_id in self._view_order:
            self._view_order.remove(view_id)
        self._view_order.append(view_id)
        return stored

    def _external_id_taken(self, view: dict, except_id: str | None = None) -> bool:
        ext = view.get("external_id")
        return bool(ext) and any(
            v["external_id"] == ext for vid, v in self.views.items() if vid != except_id
        )

    def _open_or_push(self, method: str, args: dict) -> dict:
        trigger_error = self._trigger_error(args)
        if trigger_error is not None:
            return trigger_error
        view = args.get("view")
        refusal = self._refused_view(method, view, "modal")
        if refusal is not None:
            return refusal
        if self._external_id_taken(view):
            return error("duplicate_external_id")
        # A trigger_id works once, and only a successful open/push uses it up.
        self._used_triggers.add(args.get("trigger_id") or args.get("interactivity_pointer"))
        stored = self._stored_view(view, self._new_id("V"))
        return {"ok": True, "view": copy.deepcopy(stored)}

    # ------------------------------------------------------------------ methods
    def _views_open(self, args: dict) -> dict:
        return self._open_or_push("views.open", args)

    def _views_push(self, args: dict) -> dict:
        return self._open_or_push("views.push", args)

    def _views_update(self, args: dict) -> dict:
        current = None
        if args.get("view_id"):
            current = self.views.get(args["view_id"])
        elif args.get("external_id"):
            current = next(
                (v for v in self.views.values() if v["external_id"] == args["external_id"]), None
            )
        else:
            return error("invalid_arguments", response_metadata={
                "messages": ["[ERROR] either view_id or external_id is required"]})
        if current is None:
            return error("not_found")
        if args.get("hash") and args["hash"] != current["hash"]:
            return error("hash_conflict")
        view = args.get("view")
        refusal = self._refused_view("views.update", view, current["type"])
        if refusal is not None:
            return refusal
        if self._external_id_taken(view, except_id=current["id"]):
            return error("duplicate_external_id")
        stored = self._stored_view(view, current["id"], previous=current)
        return {"ok": True, "view": copy.deepcopy(stored)}

    def _views_publish(self, args: dict) -> dict:
        user_id = args.get("user_id")
        if not user_id:
            return error("invalid_arguments", response_metadata={
                "messages": ["[ERROR] missing required field: user_id"]})
        if not self._known_user(user_id):
            return error("user_not_found")
        view = args.get("view")
        refusal = self._refused_view("views.publish", view, "home")
        if refusal is not None:
            return refusal
        current = self.views.get(self._home_views.get(user_id, ""))
        if current is not None and args.get("hash") and args["hash"] != current["hash"]:
            return error("hash_conflict")
        view_id = current["id"] if current is not None else self._new_id("V")
        self._home_views[user_id] = view_id
        stored = self._stored_view(view, view_id, previous=current)
        return {"ok": True, "view": copy.deepcopy(stored)}
