"""Open outages grouped by site within Slack's block limits, and the incident's site stored."""

from __future__ import annotations

from bot.blocks.followups import home_view
from bot.blocks.messages import list_blocks
from bot.incident import Incident
from bot.sites import build_site
from storage import Store
from tests.fakeslack.validate import validate_blocks, validate_view
from tests.site_directory import BOSTON
from tests.test_storage import NOW, new_incident


def incident(n: int, site: str | None) -> Incident:
    return Incident(**new_incident(site=site, submission_key=f"V{n}").model_dump(), id=n)


def test_many_outages_at_many_sites_stay_within_slacks_limits():
    rows = [(incident(n, f"Site {n % 30:02d}" if n % 4 else None), []) for n in range(1, 121)]
    sites = [build_site({**BOSTON, "name": f"Site {n:02d}", "aliases": [], "channel": None})
             for n in range(60)]
    home = home_view(rows, NOW, sites)
    assert validate_view(home, expected_type="home") == []
    listed = list_blocks(rows, NOW)
    assert len(listed) <= 50 and validate_blocks(listed, surface="message") == []
    texts = [b["text"]["text"] for b in listed]
    assert texts[1] == ":office: *Site 00* (2 open)"  # INC-30 and INC-90
    shown = sum(t.startswith("*INC-") for t in texts)
    assert texts[-1] == f"…and {120 - shown} more."


def test_without_sites_the_outages_are_listed_as_before():
    rows = [(incident(n, None), []) for n in range(1, 4)]
    texts = [b["text"]["text"] for b in list_blocks(rows, NOW)]
    assert len(texts) == 4 and all(t.startswith("*INC-") for t in texts[1:])


def test_the_incident_keeps_its_site(db):
    store = Store(db)
    created, _ = store.incidents.create(new_incident(site="Boston office"))
    plain, _ = store.incidents.create(new_incident(submission_key="V2"))
    assert store.incidents.get(created.id).site == "Boston office"
    assert store.incidents.get(plain.id).site is None
    assert created.place == "Boston office" and plain.place == "Tampa"
    store.close()
