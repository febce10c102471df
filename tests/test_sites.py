"""The site directory as data: validation, YAML round-trip, clashes, naming a site in text."""

from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.sites import (
    Site,
    SiteError,
    merged_directory,
    read_sites_yaml,
    site_for_report,
    site_named_in,
    sites_yaml,
    zone_and_hours,
)

EXAMPLE = Path(__file__).parent.parent / "docs" / "sites.example.yaml"
GOOD = """\
sites:
  - name: Boston office
    business: Acme Dental Group
    address: 100 Federal St, Boston, MA 02110
    timezone: America/New_York
    holidays: US-MA; worked Columbus Day
    callback_phone: (617) 555-0142
    att_account: 123456789
    channel: C0BOSTON1
    aliases: [Boston, HQ]
  - name: Phoenix call center
    business: Acme Dental Group
    address: 2 N Central Ave
    timezone: America/Phoenix
    business_hours: Mon-Sun 00:00-24:00
    holidays: none
"""


def _site(**changes) -> Site:
    base = dict(name="Tampa branch", business="Acme", address="400 N Tampa St",
                timezone="America/New_York")
    return Site(**{**base, **changes})


def test_example_file_reads_and_round_trips():
    sites = read_sites_yaml(EXAMPLE.read_text(encoding="utf-8"))
    assert [s.name for s in sites] == ["Boston office", "Phoenix call center", "Tampa branch"]
    assert read_sites_yaml(sites_yaml(sites)) == sites
    assert sites_yaml(read_sites_yaml(sites_yaml(sites))) == sites_yaml(sites)


def test_values_are_normalised_once_and_defaults_filled():
    boston, phoenix = read_sites_yaml(GOOD)
    assert boston.callback_phone == "+16175550142"
    assert boston.att_account == "123456789"  # YAML read it as a number
    assert boston.aliases == ("Boston", "HQ")
    assert boston.business_hours == "Mon-Fri 08:00-17:00" and phoenix.holidays == "none"
    assert boston.zone.key == "America/New_York"
    assert phoenix.hours.through_midnight and phoenix.hours.holiday_country is None
    assert boston.to_record()["aliases"] == ["Boston", "HQ"]


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        ("timezone: America/Phoenix", "timezone: Arizona",
         "site 'Phoenix call center': timezone: unknown time zone 'Arizona'"),
        ("business_hours: Mon-Sun 00:00-24:00", "business_hours: 9 to 5",
         "site 'Phoenix call center': business_hours: '9 to 5' is not like 'Mon-Fri 08:00-17:00'"),
        ("holidays: none", "holidays: US; worked Xmas",
         "site 'Phoenix call center': holidays: 'Xmas' is not a holiday of US"),
        ("callback_phone: (617) 555-0142", "callback_phone: 555-01",
         "site 'Boston office': callback_phone: '555-01' is not a phone number"),
        ("channel: C0BOSTON1", "channel: '#voip'",
         "site 'Boston office': channel: '#voip' is not a Slack channel id"),
        ("name: Phoenix call center", "name: boston OFFICE",
         "site 'boston OFFICE': name: appears twice (also as 'Boston office')"),
        ("holidays: none", "holidays: none\n    aliases: [hq]",
         "site 'Phoenix call center': aliases: 'hq' already names site 'Boston office'"),
        ("holidays: none", "holidays: none\n    aliases: [Boston Office]",
         "site 'Phoenix call center': aliases: 'Boston Office' already names site"),
        ("holidays: none", "holidays: none\n    channel: C0BOSTON1",
         "site 'Phoenix call center': channel: C0BOSTON1 is already the channel of site"),
        ("holidays: none", "holidays: none\n    phone: 555",
         "site 'Phoenix call center': phone: unknown field: use name, business"),
        ("    business: Acme Dental Group\n    address: 2 N", "    address: 2 N",
         "site 'Phoenix call center': business: required"),
        ("  - name: Phoenix call center\n", "  - business: Nameless\n",
         "site #2: name: required"),
        ("business: Acme Dental Group\n    address: 2 N", "business: ' '\n    address: 2 N",
         "site 'Phoenix call center': business: required"),
    ],
)
def test_each_bad_field_is_one_line_naming_site_and_field(line, replacement, message):
    text = GOOD.replace(line, replacement, 1)
    assert text != GOOD
    with pytest.raises(ValueError) as caught:
        merged_directory([], read_sites_yaml(text))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sites: [", "not valid YAML at line 1"),
        ("- name: x", "the file must hold 'sites:' followed by a list of sites"),
        ("sites: []\nextra: 1", "unknown top-level key 'extra'"),
        ("sites: [just a name]", "site #1: site: each entry must be a mapping of fields"),
    ],
)
def test_a_file_that_is_not_a_directory_says_so(text, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        read_sites_yaml(text)


def test_upsert_merges_by_name_and_blames_the_incoming_site():
    existing = read_sites_yaml(GOOD)
    renamed = _site(name="BOSTON OFFICE", address="1 New St", aliases=["Boston"])
    merged = merged_directory(existing, [renamed])
    assert [s.name for s in merged] == ["Phoenix call center", "BOSTON OFFICE"]
    with pytest.raises(SiteError) as caught:
        merged_directory(existing, [_site(aliases=["Phoenix Call  Center"])])
    assert (caught.value.site, caught.value.field) == ("'Tampa branch'", "aliases")


def test_an_alias_repeating_its_own_name_is_no_clash():
    assert merged_directory([], [_site(aliases=["tampa branch", "Tampa"])])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Boston office is down", "Boston office"),
        ("BOSTON phones dead", "Boston office"),
        ("hq: no dial tone", "Boston office"),
        ("Phoenix   call   center cannot dial out", "Phoenix call center"),
        ("the call center in Boston is down", "Call center"),  # longer than "Boston"
        ("Bostonian customers cannot reach us", None),
        ("the headquarters is down", None),
        ("call centre down", None),
    ],
)
def test_a_site_named_in_free_text(text, expected):
    sites = [*read_sites_yaml(GOOD),
             _site(name="Call center", address="x", aliases=["call center desk"])]
    found = site_named_in(text, sites)
    assert (found.name if found else None) == expected


def test_the_longest_name_wins():
    sites = [_site(name="Boston", aliases=[]), _site(name="Boston office", aliases=[])]
    assert site_named_in("boston office is down", sites).name == "Boston office"
    assert site_named_in("boston warehouse is down", sites).name == "Boston"
    assert site_named_in("the site is down", []) is None


def test_the_readme_shows_the_example_file_as_it_is():
    readme = (EXAMPLE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Sites\n"):]
    shown = section[section.index("```yaml\n") + 8:]
    shown = shown[:shown.index("```\n")]
    assert read_sites_yaml(shown) == read_sites_yaml(EXAMPLE.read_text(encoding="utf-8"))


def test_a_report_starts_with_the_site_its_text_names_else_its_channels():
    sites = read_sites_yaml(EXAMPLE.read_text(encoding="utf-8"))
    assert site_for_report(sites, "C0BOSTON1", "").name == "Boston office"
    assert site_for_report(sites, "C0BOSTON1", "Tampa has no dial tone").name == "Tampa branch"
    assert site_for_report(sites, "C0OTHER", "no dial tone") is None
    assert site_for_report(sites, None, "phones down in phoenix").name == "Phoenix call center"
    assert sites[0].location == "Boston office, 100 Federal St, Boston, MA 02110"


def test_without_a_site_the_environment_decides_zone_and_hours(monkeypatch):
    monkeypatch.setenv("BVOIP_TIMEZONE", "America/Denver")
    monkeypatch.setenv("BVOIP_BUSINESS_HOURS", "Mon-Sat 07:00-19:00")
    settings = load_settings()
    zone, hours = zone_and_hours(None, settings)
    assert zone.key == "America/Denver" and 5 in hours.days
    phoenix = read_sites_yaml(EXAMPLE.read_text(encoding="utf-8"))[1]
    zone, hours = zone_and_hours(phoenix, settings)
    assert zone.key == "America/Phoenix" and hours.through_midnight and len(hours.days) == 7


def test_a_copied_site_has_its_own_zone_and_hours():
    office = _site()
    assert office.zone.key == "America/New_York" and not office.hours.through_midnight
    moved = office.model_copy(update={"timezone": "America/Phoenix",
                                      "business_hours": "Mon-Sun 00:00-24:00"})
    assert moved.zone.key == "America/Phoenix" and moved.hours.through_midnight
