"""Business hours per site: 24:00, holidays worked and extra closures, after-hours levels."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.matrix import load_matrix
from bot.schedule import timeline
from bot.settings import BusinessHours, SettingsError, load_settings, parse_holidays
from bot.severity import Severity
from bot.sites import Site

NEW_YORK = ZoneInfo("America/New_York")
PHOENIX = ZoneInfo("America/Phoenix")
CALL_CENTRE = Site(name="Phoenix call center", business="Acme", address="2 N Central Ave",
                   timezone="America/Phoenix", business_hours="Mon-Sun 00:00-24:00",
                   holidays="none")
OFFICE = Site(name="Boston office", business="Acme", address="100 Federal St",
              timezone="America/New_York", business_hours="Mon-Fri 08:00-17:00",
              holidays="US-MA; worked Columbus Day; closed 12-24 Christmas Eve")


def test_24_00_closes_at_the_end_of_the_day():
    hours = BusinessHours.parse("Mon-Fri 08:00-24:00", "none")
    assert hours.through_midnight and hours.end == dt.time.max
    assert hours.is_open(dt.datetime(2026, 11, 27, 23, 59, 59, tzinfo=NEW_YORK), NEW_YORK)
    assert not hours.is_open(dt.datetime(2026, 11, 28, 0, 0, tzinfo=NEW_YORK), NEW_YORK)  # Sat
    assert not hours.is_open(dt.datetime(2026, 11, 27, 7, 59, tzinfo=NEW_YORK), NEW_YORK)


def test_around_the_clock_is_open_every_minute_of_the_week():
    hours = BusinessHours.parse("Mon-Sun 00:00-24:00", "none")
    start = dt.datetime(2026, 11, 23, tzinfo=NEW_YORK)
    assert all(hours.is_open(start + dt.timedelta(minutes=m), NEW_YORK)
               for m in range(0, 7 * 24 * 60, 29))


@pytest.mark.parametrize("spec", ["Mon-Fri 24:00-17:00", "Mon-Fri 08:00-24:30",
                                  "Mon-Fri 08:00-25:00"])
def test_24_00_is_only_an_end_of_day(spec):
    with pytest.raises(ValueError):
        BusinessHours.parse(spec, "none")


def test_a_holiday_worked_is_business_as_usual_and_others_still_count():
    hours = BusinessHours.parse("Mon-Fri 08:00-17:00", "US-MA; worked Columbus Day")
    columbus = dt.datetime(2026, 10, 12, 10, 0, tzinfo=NEW_YORK)
    assert hours.holiday_name(columbus.date()) is None and hours.is_open(columbus, NEW_YORK)
    patriots = dt.datetime(2026, 4, 20, 10, 0, tzinfo=NEW_YORK)  # Massachusetts only
    assert hours.holiday_name(patriots.date()) == "Patriots' Day"
    assert not hours.is_open(patriots, NEW_YORK)
    plain = BusinessHours.parse("Mon-Fri 08:00-17:00", "US-MA")
    assert not plain.is_open(columbus, NEW_YORK)


def test_working_a_holiday_works_its_observed_day_too():
    # 4 July 2027 is a Sunday: the holiday is observed on Monday 5 July.
    observed = dt.datetime(2027, 7, 5, 10, 0, tzinfo=NEW_YORK)
    assert not BusinessHours.parse("Mon-Fri 08:00-17:00", "US").is_open(observed, NEW_YORK)
    worked = BusinessHours.parse("Mon-Fri 08:00-17:00", "US; worked independence day")
    assert worked.is_open(observed, NEW_YORK)


def test_extra_closures_every_year_or_once():
    hours = BusinessHours.parse(
        "Mon-Fri 08:00-17:00", "none; closed 12-24 Christmas Eve, 2026-12-31 Stocktaking")
    assert hours.holiday_name(dt.date(2026, 12, 24)) == "Christmas Eve"
    assert hours.holiday_name(dt.date(2027, 12, 24)) == "Christmas Eve"
    assert hours.holiday_name(dt.date(2026, 12, 31)) == "Stocktaking"
    assert hours.holiday_name(dt.date(2027, 12, 31)) is None
    assert BusinessHours.parse("Mon-Fri 08:00-17:00", "none; closed 07-03").holiday_name(
        dt.date(2026, 7, 3)) == "Closed"
    assert not hours.is_open(dt.datetime(2026, 12, 24, 10, 0, tzinfo=NEW_YORK), NEW_YORK)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("US; worked Xmas", "'Xmas' is not a holiday of US"),
        ("none; worked Labor Day", "'Labor Day' is not a holiday of none"),
        ("US; open Columbus Day", "'open Columbus Day' is not like 'worked Columbus Day'"),
        ("US; closed", "'closed' is not like"),
        ("US; closed 13-01", "closed day '13-01' is not a date"),
        ("US; closed Dec 24", "closed day 'Dec 24' is not like '12-24 Christmas Eve'"),
        ("Narnia; worked Columbus Day", "no holiday calendar for 'Narnia'"),
    ],
)
def test_bad_holiday_specs_say_what_to_fix(spec, message):
    with pytest.raises(ValueError) as caught:
        parse_holidays(spec)
    assert str(caught.value).startswith(message)


def test_environment_takes_the_same_syntax(monkeypatch):
    monkeypatch.setenv("BVOIP_BUSINESS_HOURS", "Mon-Sun 00:00-24:00")
    monkeypatch.setenv("BVOIP_HOLIDAYS", "US; worked Veterans Day; closed 12-24")
    settings = load_settings()
    assert settings.hours.through_midnight and settings.hours.worked_holidays == {"veterans day"}
    monkeypatch.setenv("BVOIP_HOLIDAYS", "US; worked Xmas")
    with pytest.raises(SettingsError, match="^BVOIP_HOLIDAYS: 'Xmas' is not a holiday of US"):
        load_settings()


def _level_hours(site: Site, reported: dt.datetime) -> list[tuple[str, bool, str | None]]:
    rows = timeline(load_matrix(), Severity.HIGH, reported, site.zone, site.hours)
    return [(o.opens_at.strftime("%a %H:%M %Z"), o.after_hours, o.contact.ask_for) for o in rows]


def test_weekend_is_business_hours_at_a_24_7_site_and_after_hours_at_an_office():
    saturday_noon_phoenix = dt.datetime(2026, 11, 28, 12, 0, tzinfo=PHOENIX)
    assert _level_hours(CALL_CENTRE, saturday_noon_phoenix) == [
        ("Sat 13:00 MST", False, None), ("Sat 14:00 MST", False, "Team Lead"),
        ("Sat 15:00 MST", False, "Area Manager"), ("Sat 16:00 MST", False, "Area Manager")]
    saturday_noon_boston = dt.datetime(2026, 11, 28, 12, 0, tzinfo=NEW_YORK)
    assert _level_hours(OFFICE, saturday_noon_boston) == [
        ("Sat 13:00 EST", True, None), ("Sat 14:00 EST", True, "Team Lead"),
        ("Sat 15:00 EST", True, "Escalation Manager"), ("Sat 16:00 EST", True, "Area Manager")]


def test_thanksgiving_is_after_hours_at_the_office_but_not_at_the_24_7_site():
    thanksgiving = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC).astimezone(NEW_YORK)
    office = timeline(load_matrix(), Severity.HIGH, thanksgiving, OFFICE.zone, OFFICE.hours)
    assert all(o.after_hours and o.holiday == "Thanksgiving Day" for o in office)
    assert office[2].contact.ask_for == "Escalation Manager"
    centre = timeline(load_matrix(), Severity.HIGH, thanksgiving, CALL_CENTRE.zone,
                      CALL_CENTRE.hours)
    assert not any(o.after_hours for o in centre) and centre[2].contact.ask_for == "Area Manager"


def test_the_office_works_columbus_day_and_closes_christmas_eve():
    columbus = dt.datetime(2026, 10, 12, 9, 0, tzinfo=NEW_YORK)
    assert [h for _, h, _ in _level_hours(OFFICE, columbus)] == [False] * 4
    christmas_eve = dt.datetime(2026, 12, 24, 9, 0, tzinfo=NEW_YORK)  # a Thursday
    rows = timeline(load_matrix(), Severity.HIGH, christmas_eve, OFFICE.zone, OFFICE.hours)
    assert all(o.after_hours and o.holiday == "Christmas Eve" for o in rows)
