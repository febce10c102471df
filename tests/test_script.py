"""The escalation script reads AT&T's six items, filled in for the moment of the call."""

import datetime as dt

from bot.script import NOT_REPORTED, ScriptFacts, escalation_script, humanize_duration

T0 = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)


def _facts(**changes) -> ScriptFacts:
    base = dict(
        business_name="Acme Dental", location="Tampa branch", reporter_name="Dana Ruiz",
        callback_phone="+1 813-555-0142", tickets=["000123456", "ATT-77"], reported_at=T0,
        affected_since=T0 - dt.timedelta(minutes=20), description="No outbound calls",
        action_requested="Restore service",
    )
    base.update(changes)
    return ScriptFacts(**base)


def test_six_items_in_atts_order_filled_for_the_moment():
    lines = escalation_script(_facts(), T0 + dt.timedelta(hours=2, minutes=5))
    assert [line.answer for line in lines] == [
        "Acme Dental, Tampa branch",
        "Dana Ruiz, +1 813-555-0142",
        "000123456, ATT-77",
        "service affected for 2 h 25 min; ticket open for 2 h 05 min",
        "No outbound calls",
        "Restore service",
    ]
    assert lines[2].asks_for == "AOTS ticket number(s)"


def test_not_reported_yet():
    lines = escalation_script(_facts(tickets=[], reported_at=None, affected_since=None), T0)
    assert lines[2].answer == NOT_REPORTED
    assert lines[3].answer == NOT_REPORTED


def test_humanize_duration():
    assert humanize_duration(dt.timedelta(minutes=45)) == "45 min"
    assert humanize_duration(dt.timedelta(hours=1)) == "1 h 00 min"
    assert humanize_duration(dt.timedelta(days=3, hours=4, minutes=9)) == "3 d 4 h"
    assert humanize_duration(dt.timedelta(seconds=-5)) == "0 min"
