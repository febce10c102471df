"""The report form as the reader prefills it, over the real app (signed HTTP in, fake Slack out)."""

from __future__ import annotations

from tests.harness import input_block


def _severity_shown(view: dict) -> str:
    return next(b["text"]["text"] for b in view["blocks"]
                if b.get("block_id") == "severity_shown")


def _initial_symptoms(view: dict) -> list[str]:
    element = input_block(view, "Symptoms")["element"]
    return [o["value"] for o in element.get("initial_options") or []]


async def test_text_naming_no_trouble_preselects_no_symptom_scope_or_severity(app) -> None:
    view = await app.open_report("all clear at the Reno office, thanks everyone")
    assert _initial_symptoms(view) == []
    assert "initial_option" not in input_block(view, "Users affected")["element"]
    assert "initial_option" not in input_block(view, "Severity override")["element"]
    shown = _severity_shown(view)
    assert "tick the symptoms" in shown and "looks like" not in shown


async def test_everyone_but_the_reporter_is_prefilled_as_severity_one(app) -> None:
    view = await app.open_report("everyone except me can't make calls")
    assert _initial_symptoms(view) == ["no_outbound"]
    scope = input_block(view, "Users affected")["element"]["initial_option"]["value"]
    assert scope == "several_users"
    assert _severity_shown(view).startswith("*This looks like Severity 1 (High)*")


async def test_one_phone_with_the_rest_fine_is_prefilled_as_one_user(app) -> None:
    view = await app.open_report("the lobby phone can't dial out, all other phones are fine")
    assert input_block(view, "Users affected")["element"]["initial_option"]["value"] == "one_user"
    assert _severity_shown(view).startswith("*This looks like Severity 2 (Medium)*")
