"""The sites table: upsert by name, look-ups, type-ahead, history, all-or-nothing writes."""

import datetime as dt

import pytest

from bot.sites import Site, SiteError
from storage.migrations import MIGRATIONS, schema_version

T0 = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)
BOSTON = Site(name="Boston office", business="Acme", address="100 Federal St",
              timezone="America/New_York", channel="C0BOSTON1", aliases=["HQ", "Federal Street"],
              callback_phone="+16175550142")
PHOENIX = Site(name="Phoenix call center", business="Acme", address="2 N Central Ave",
               timezone="America/Phoenix", business_hours="Mon-Sun 00:00-24:00", holidays="none")


def test_migration_adds_the_tables_and_times_are_real_epochs(store):
    assert schema_version(store.db) == len(MIGRATIONS)
    assert {"sites", "site_changes"} <= set(store.db.table_names())
    store.sites.upsert(BOSTON, "U1", T0)
    updated = store.db.execute("SELECT updated_at FROM sites").fetchone()[0]
    assert isinstance(updated, float) and updated == T0.timestamp()
    assert store.db.execute("SELECT at FROM site_changes").fetchone()[0] == T0.timestamp()


def test_upsert_by_name_records_who_and_what_changed(store):
    added = store.sites.upsert(BOSTON, "U1", T0)
    assert added.kind == "added" and added.changes["address"] == (None, "100 Federal St")
    assert store.sites.upsert(BOSTON, "U2", T0 + dt.timedelta(hours=1)) is None  # unchanged
    moved = BOSTON.model_copy(update={"address": "1 Main St", "aliases": ("HQ",)})
    changed = store.sites.upsert(moved, "U2", T0 + dt.timedelta(hours=2))
    assert changed.changes == {"address": ("100 Federal St", "1 Main St"),
                               "aliases": (["HQ", "Federal Street"], ["HQ"])}
    history = store.sites.history("boston OFFICE")
    assert [(h.kind, h.actor, h.at) for h in history] == [
        ("added", "U1", T0), ("changed", "U2", T0 + dt.timedelta(hours=2))]
    assert store.sites.get("Boston office") == moved and store.sites.count() == 1


def test_a_name_differing_only_in_case_updates_the_same_site(store):
    store.sites.upsert(BOSTON, "U1", T0)
    store.sites.upsert(BOSTON.model_copy(update={"name": "BOSTON Office"}), "U1", T0)
    assert [s.name for s in store.sites.all()] == ["BOSTON Office"]


def test_rename_keeps_the_history_and_refuses_another_sites_name(store):
    store.sites.upsert_all([BOSTON, PHOENIX], "cli", T0)
    renamed = BOSTON.model_copy(update={"name": "Boston HQ"})
    change = store.sites.upsert(renamed, "U1", T0, previous_name="Boston office")
    assert change.changes == {"name": ("Boston office", "Boston HQ")}
    assert store.sites.get("Boston office") is None
    assert [h.kind for h in store.sites.history("Boston HQ")] == ["added", "changed"]
    clash = PHOENIX.model_copy(update={"name": "boston hq"})
    with pytest.raises(SiteError, match="name: another site already has this name"):
        store.sites.upsert(clash, "U1", T0, previous_name="Phoenix call center")
    assert [s.name for s in store.sites.all()] == ["Boston HQ", "Phoenix call center"]


def test_upsert_all_is_all_or_nothing(store):
    store.sites.upsert(PHOENIX, "cli", T0)
    tampa = Site(name="Tampa", business="Acme", address="x", timezone="America/New_York")
    # The second entry fails half-way through: the first is not kept either.
    with pytest.raises(AttributeError):
        store.sites.upsert_all([tampa, "not a site"], "cli", T0)  # type: ignore[list-item]
    assert [s.name for s in store.sites.all()] == ["Phoenix call center"]
    assert len(store.sites.history("Phoenix call center")) == 1


def test_lookups_by_channel_and_type_ahead(store):
    others = [Site(name=f"Branch {n:03}", business="Acme", address="x", timezone="UTC")
              for n in range(150)]
    store.sites.upsert_all([BOSTON, PHOENIX, *others], "cli", T0)
    assert store.sites.count() == 152
    assert store.sites.for_channel("C0BOSTON1").name == "Boston office"
    assert store.sites.for_channel("C0OTHER") is None
    assert [s.name for s in store.sites.search("fed")] == ["Boston office"]  # alias prefix
    assert [s.name for s in store.sites.search("CALL")] == ["Phoenix call center"]  # substring
    assert [s.name for s in store.sites.search("b", limit=3)] == [
        "Boston office", "Branch 000", "Branch 001"]
    assert len(store.sites.search("", limit=100)) == 100
    assert store.sites.search("100%") == [] and store.sites.search("_") == []
    assert [s.name for s in store.sites.search("ranch 14")][:2] == ["Branch 140", "Branch 141"]
