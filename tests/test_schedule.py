"""When levels open: elapsed hours across DST, business hours, holidays, after-hours contacts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.matrix import load_matrix
from bot.schedule import next_opening, open_levels, timeline
from bot.settings import BusinessHours
from bot.severity import Severity

CHICAGO = ZoneInfo("America/Chicago")
HOURS = BusinessHours.parse("Mon-Fri 08:00-17:00", "US")


def _tl(severity: int, reported: dt.datetime, tz: ZoneInfo = CHICAGO, hours=HOURS):
    return timeline(load_matrix(), Severity(severity), reported, tz, hours)


def test_severity_1_opens_hourly_from_the_report():
    rows = _tl(1, dt.datetime(2026, 11, 24, 10, 0, tzinfo=CHICAGO))
    assert [o.opens_at.strftime("%H:%M %Z") for o in rows] == [
        "11:00 CST", "12:00 CST", "13:00 CST", "14:00 CST"]
    assert not any(o.after_hours for o in rows)
    assert [o.contact.ask_for for o in rows] == [None, "Team Lead", "Area Manager", "Area Manager"]


def test_severity_2_opens_at_2_4_6_8_hours():
    reported = dt.datetime(2026, 11, 24, 7, 0, tzinfo=CHICAGO)
    rows = _tl(2, reported)
    assert [o.opens_at - reported for o in rows] == [dt.timedelta(hours=h) for h in (2, 4, 6, 8)]


@pytest.mark.parametrize(
    ("reported", "why"),
    [
        (dt.datetime(2026, 11, 24, 15, 30), "weekday evening"),
        (dt.datetime(2026, 11, 28, 15, 30), "Saturday"),
        (dt.datetime(2026, 11, 26, 15, 30), "Thanksgiving"),
    ],
)
def test_level_3_at_1830_uses_the_after_hours_escalation_manager(reported, why):
    level3 = _tl(1, reported.replace(tzinfo=CHICAGO))[2]
    assert level3.opens_at.strftime("%H:%M") == "18:30", why
    assert level3.after_hours
    assert level3.contact.ask_for == "Escalation Manager"
    assert level3.contact.prompt is None
    assert "after hours" in level3.contact.text


def test_thanksgiving_is_named_as_the_holiday():
    level1 = _tl(1, dt.datetime(2026, 11, 26, 9, 0, tzinfo=CHICAGO))[0]
    assert level1.after_hours and level1.holiday == "Thanksgiving Day"


def test_level_3_in_business_hours_asks_for_the_area_manager():
    level3 = _tl(1, dt.datetime(2026, 11, 24, 9, 0, tzinfo=CHICAGO))[2]
    assert not level3.after_hours
    assert (level3.contact.prompt, level3.contact.ask_for) == ("1", "Area Manager")


def test_fall_back_counts_elapsed_hours():
    # 2026-11-01 02:00 CDT becomes 01:00 CST: 00:30 CDT + 2 h is 01:30 *CST*.
    rows = _tl(1, dt.datetime(2026, 11, 1, 0, 30, tzinfo=CHICAGO))
    assert [o.opens_at.strftime("%H:%M %Z") for o in rows] == [
        "01:30 CDT", "01:30 CST", "02:30 CST", "03:30 CST"]
    # Same-zone subtraction in Python is wall-clock; elapsed time is measured in UTC.
    elapsed = rows[1].opens_at.astimezone(dt.UTC) - rows[0].opens_at.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=1)


def test_spring_forward_counts_elapsed_hours():
    # 2026-03-08 02:00 CST becomes 03:00 CDT: 01:30 CST + 1 h is 03:30 CDT.
    rows = _tl(1, dt.datetime(2026, 3, 8, 1, 30, tzinfo=CHICAGO))
    assert [o.opens_at.strftime("%H:%M %Z") for o in rows] == [
        "03:30 CDT", "04:30 CDT", "05:30 CDT", "06:30 CDT"]


def test_dst_change_between_report_and_after_hours_level_3():
    # Friday 2026-10-30 15:30 CDT, Sev 2: Level 3 after 6 h lands 21:30 CDT, after hours.
    level3 = _tl(2, dt.datetime(2026, 10, 30, 15, 30, tzinfo=CHICAGO))[2]
    assert level3.opens_at.strftime("%a %H:%M %Z") == "Fri 21:30 CDT"
    assert level3.contact.ask_for == "Escalation Manager"


def test_naive_report_time_is_read_in_the_site_zone_and_aware_kept():
    naive = _tl(1, dt.datetime(2026, 11, 24, 10, 0))
    aware = _tl(1, dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC))
    assert naive[0].opens_at == aware[0].opens_at
    assert naive[0].opens_at.tzinfo is not None


def test_other_zone_business_hours_are_the_sites():
    tokyo = ZoneInfo("Asia/Tokyo")
    rows = _tl(1, dt.datetime(2026, 11, 24, 10, 0, tzinfo=tokyo), tz=tokyo,
               hours=BusinessHours.parse("Mon-Fri 09:00-18:00", "none"))
    assert [o.after_hours for o in rows] == [False, False, False, False]
    assert rows[0].opens_at.utcoffset() == dt.timedelta(hours=9)


def test_open_and_next_levels():
    rows = _tl(1, dt.datetime(2026, 11, 24, 10, 0, tzinfo=CHICAGO))
    now = dt.datetime(2026, 11, 24, 12, 30, tzinfo=CHICAGO)
    assert [o.level for o in open_levels(rows, now)] == [1, 2]
    assert next_opening(rows, now).level == 3
    assert next_opening(rows, dt.datetime(2026, 11, 25, tzinfo=CHICAGO)) is None


@pytest.mark.parametrize(
    ("spec", "open_at", "closed_at"),
    [
        ("Mon-Fri 08:00-17:00", dt.datetime(2026, 11, 23, 8, 0), dt.datetime(2026, 11, 23, 17, 0)),
        ("Mon-Sat 07:30-19:00", dt.datetime(2026, 11, 28, 18, 59), dt.datetime(2026, 11, 29, 12)),
        ("Sun,Tue-Thu 10:00-12:00", dt.datetime(2026, 11, 29, 11), dt.datetime(2026, 11, 23, 11)),
        ("Fri-Mon 9:00-17:00", dt.datetime(2026, 11, 29, 9), dt.datetime(2026, 11, 24, 9)),
    ],
)
def test_business_hours_parse(spec, open_at, closed_at):
    hours = BusinessHours.parse(spec, "none")
    assert hours.is_open(open_at.replace(tzinfo=CHICAGO), CHICAGO)
    assert not hours.is_open(closed_at.replace(tzinfo=CHICAGO), CHICAGO)


@pytest.mark.parametrize(
    ("spec", "fault"),
    [
        ("weekdays", "is not like"),
        ("Mon-Fry 08:00-17:00", "unknown day"),
        ("Mon-Fri 17:00-08:00", "closing time must be after"),
        ("Mon-Fri 25:00-26:00", "not a time of day"),
    ],
)
def test_business_hours_rejects_bad_specs(spec, fault):
    with pytest.raises(ValueError, match=fault):
        BusinessHours.parse(spec)


def test_holiday_calendars():
    assert BusinessHours.parse("Mon-Fri 08:00-17:00", "US").holiday_name(dt.date(2026, 7, 3))
    assert BusinessHours.parse("Mon-Fri 08:00-17:00", "none").holiday_name(
        dt.date(2026, 11, 26)) is None
    with pytest.raises(ValueError, match="no holiday calendar"):
        BusinessHours.parse("Mon-Fri 08:00-17:00", "ZZ")


def test_an_incidents_ladder_asked_again_is_the_same_and_follows_a_changed_severity():
    from bot.incident import Incident
    from bot.schedule import incident_ladder
    from tests.test_storage import new_incident

    reported = dt.datetime(2026, 11, 24, 10, 0, tzinfo=CHICAGO)
    incident = Incident(**new_incident(reported_at=reported).model_dump(), id=1)
    first = incident_ladder(incident, load_matrix(), HOURS)
    assert incident_ladder(incident, load_matrix(), HOURS) == first == _tl(1, reported)
    lowered = incident.model_copy(update={"severity": Severity.MEDIUM})  # keeps what was kept
    assert incident_ladder(lowered, load_matrix(), HOURS) == _tl(2, reported) != first
    later = incident.model_copy(update={"reported_at": reported + dt.timedelta(hours=1)})
    assert incident_ladder(later, load_matrix(), HOURS)[0].opens_at == first[1].opens_at
    other_hours = BusinessHours.parse("Mon-Fri 11:00-12:00", "US")  # an unsnapshotted incident
    assert [o.after_hours for o in incident_ladder(incident, load_matrix(), other_hours)] == [
        False, True, True, True]


def test_a_stored_ladder_is_read_once_and_shared_by_the_incidents_stored_with_it(db):
    from bot.matrix import Matrix
    from storage import Store
    from tests.test_storage import new_incident

    store = Store(db)
    matrix = load_matrix()
    first, _ = store.incidents.create(new_incident(submission_key="V1", ladder=matrix))
    second, _ = store.incidents.create(new_incident(submission_key="V2", ladder=matrix))
    changed = Matrix.model_validate({**matrix.model_dump(), "levels": matrix.model_dump()[
        "levels"][:2]})
    third, _ = store.incidents.create(new_incident(submission_key="V3", ladder=changed))
    again = store.incidents.get(first.id)
    assert first.ladder == matrix and again.ladder is first.ladder is second.ladder
    assert len(store.incidents.get(third.id).ladder.levels) == 2
    store.close()
