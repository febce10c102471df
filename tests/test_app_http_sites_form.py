"""The report form with the site directory, through the real app: the Site select (static up
to 100 sites, type-ahead above), the site chosen by channel or by the report's words, a site
filling in the form, "Not listed", and the incident keeping the site's zone, hours and
holidays so each level's after-hours follows the site."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.fakeslack.payloads import block_suggestion
from tests.flows import eventually, text_of, thread
from tests.harness import REPORT_CALLBACK, input_block, shown_text
from tests.site_directory import BOSTON, PHOENIX, add_sites, initial, labels, report_at_site


@pytest.fixture
def channels(fake_slack):
    fake_slack.add_channel("CBOSTON1", "boston-office")
    fake_slack.add_channel("CPHX1", "phoenix")


async def test_without_a_directory_the_form_has_no_site_field(app):
    view = await app.open_report("no dial tone")
    assert labels(view)[:2] == ["Business name", "Site / location"]
    row = await app.report_incident("no dial tone")
    assert row["site"] is None and row["timezone"] == "America/Chicago"
    assert row["business_hours"] == app.runtime.settings.business_hours


async def test_a_channel_mapped_to_a_site_starts_with_it_filled_in(app, channels):
    add_sites(app, BOSTON, PHOENIX)
    view = await app.open_report("no dial tone", channel_id="CBOSTON1")
    assert labels(view)[0] == "Site"
    site = input_block(view, "Site")["element"]
    assert site["type"] == "static_select"
    offered = [o["text"]["text"] for g in site["option_groups"] for o in g["options"]]
    assert offered == ["Boston office", "Phoenix call center", "Not listed"]
    assert initial(view, "Site") == "Boston office"
    assert initial(view, "Business name") == "Acme Dental Group"
    assert initial(view, "Site / location") == "Boston office, 100 Federal St, Boston, MA 02110"
    assert initial(view, "Site time zone").startswith("Eastern")
    # The site's callback, not the reporter's own phone from the profile; the name still is.
    assert initial(view, "Callback phone") == "(617) 555-0142"
    assert initial(view, "Your name") == "Dana Ruiz"


async def test_the_reports_words_name_the_site_before_the_channel_does(app, channels):
    add_sites(app, BOSTON, PHOENIX)
    view = await app.open_report("Phoenix has no dial tone", channel_id="CBOSTON1")
    assert initial(view, "Site") == "Phoenix call center"
    assert initial(view, "Site time zone").startswith("Arizona")
    view = await app.open_report("the federal street office is down")  # an alias, any case
    assert initial(view, "Site") == "Boston office"
    view = await app.open_report("no dial tone")  # neither: nothing is guessed
    assert initial(view, "Site") == "Not listed"
    assert initial(view, "Business name") is None


async def test_choosing_a_site_fills_the_form_and_the_incident_keeps_it(app, clock):
    add_sites(app, BOSTON, PHOENIX)
    view = await app.open_report("no dial tone")
    updates = len(app.fake.calls_to("views.update"))
    await app.change(view, "Site", "Phoenix call center")
    await app.fake.wait_for("views.update", updates + 1)
    view = app.fake.latest_view(REPORT_CALLBACK)
    assert initial(view, "Site") == "Phoenix call center"
    assert initial(view, "Site / location") == (
        "Phoenix call center, 2 N Central Ave, Phoenix, AZ 85004")
    assert initial(view, "Callback phone") == "(602) 555-0199"
    assert initial(view, "Site time zone").startswith("Arizona")
    # The fields stay editable: what the reporter types is what is reported.
    reply = await app.submit(view, {"Site / location": "Phoenix, 2nd floor west",
                                    "Symptoms": ["Entire site down"],
                                    "Users affected": "The entire site"})
    assert reply.text == ""
    await eventually(lambda: app.incident_rows() and app.incident_rows()[-1]["card_ts"])
    row = app.incident_rows()[-1]
    assert (row["site"], row["location"]) == ("Phoenix call center", "Phoenix, 2nd floor west")
    assert (row["timezone"], row["business_hours"], row["holidays"]) == (
        "America/Phoenix", "Mon-Sun 00:00-24:00", "none")
    card = next(m for m in app.fake.messages["C123"] if m["ts"] == row["card_ts"])
    shown = text_of(card)
    assert "INC-1 · Severity 1 (High) · Phoenix call center" in shown
    assert "*Site:*\nPhoenix call center" in shown
    assert "*Location:*\nPhoenix, 2nd floor west" in shown


async def test_not_listed_keeps_the_free_fields(app, channels):
    add_sites(app, BOSTON)
    view = await app.open_report("no dial tone", channel_id="CBOSTON1")
    await app.change(view, "Site", "Not listed")
    await eventually(lambda: initial(app.fake.latest_view(REPORT_CALLBACK), "Site")
                     == "Not listed")
    view = app.fake.latest_view(REPORT_CALLBACK)
    assert initial(view, "Business name") == "Acme Dental Group"  # kept, not cleared
    reply = await app.submit(view, {"Site / location": "Pop-up clinic, Worcester",
                                    "Site time zone": "America/Chicago"})
    assert reply.text == ""
    await eventually(lambda: app.incident_rows())
    row = app.incident_rows()[-1]
    assert row["site"] is None and row["location"] == "Pop-up clinic, Worcester"
    assert row["timezone"] == "America/Chicago"
    assert row["business_hours"] == app.runtime.settings.business_hours


async def test_above_100_sites_the_site_is_found_by_typing(app):
    many = [{**PHOENIX, "name": f"Branch {n:03d}", "aliases": [], "channel": None}
            for n in range(1, 121)]
    add_sites(app, *many, BOSTON)
    view = await app.open_report("no dial tone")
    element = input_block(view, "Site")["element"]
    assert element["type"] == "external_select" and "options" not in element
    assert initial(view, "Site") == "Not listed"

    reply = await app.interact(block_suggestion(view, element["action_id"], "feder"))
    assert reply.status == 200
    offered = reply.json["options"]
    assert [o["text"]["text"] for o in offered] == ["Boston office", "Not listed"]
    reply = await app.interact(block_suggestion(view, element["action_id"], "branch 1"))
    names = [o["text"]["text"] for o in reply.json["options"]]
    # Names that start with what was typed come first.
    assert names[:3] == ["Branch 100", "Branch 101", "Branch 102"] and names[-1] == "Not listed"
    assert len(names) <= 100

    await app.change(view, "Site", offered[0])  # Slack echoes the option the endpoint gave
    await eventually(lambda: initial(app.fake.latest_view(REPORT_CALLBACK), "Site")
                     == "Boston office")
    view = app.fake.latest_view(REPORT_CALLBACK)
    assert initial(view, "Callback phone") == "(617) 555-0142"
    assert input_block(view, "Site")["element"]["type"] == "external_select"
    app.fake.assert_nothing_rejected()


UTC = dt.UTC
SATURDAY = dt.datetime(2026, 11, 28, 16, 0, tzinfo=UTC)  # 11:00 in Boston, 09:00 in Phoenix
THANKSGIVING = dt.datetime(2026, 11, 26, 16, 0, tzinfo=UTC)
TUESDAY = dt.datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(("reported", "boston_closed", "holiday"), [
    (SATURDAY, True, None), (THANKSGIVING, True, "Thanksgiving"), (TUESDAY, False, None)])
async def test_each_levels_after_hours_follows_its_site(app, clock, channels, reported,
                                                          boston_closed, holiday):
    add_sites(app, {**BOSTON}, {**PHOENIX, "channel": "CPHX1"})
    clock.set(reported + dt.timedelta(minutes=1))
    boston = await report_at_site(app, "CBOSTON1", reported)
    phoenix = await report_at_site(app, "CPHX1", reported)
    clock.set(reported + dt.timedelta(hours=3))  # Severity 1: Level 3 opens after 3 hours

    def level_3(channel: str, card: dict) -> str | None:
        posts = [text_of(m) for m in thread(app, card, channel)]
        return next((p for p in posts if "Level 3 (Third Level) is open" in p), None)

    at_boston = await eventually(lambda: level_3("CBOSTON1", boston))
    at_phoenix = await eventually(lambda: level_3("CPHX1", phoenix))
    assert "site *Boston office*" in at_boston and "site *Phoenix call center*" in at_phoenix
    # Around the clock in Phoenix: the Area Manager, never the after-hours line.
    assert "ask to speak with the *Area Manager*" in at_phoenix
    assert "after hours" not in at_phoenix
    if boston_closed:
        assert "ask to speak with the *Escalation Manager*" in at_boston
        assert "It is after hours at Boston office" in at_boston
    else:
        assert "ask to speak with the *Area Manager*" in at_boston
        assert "after hours" not in at_boston
    if holiday:
        assert f"({holiday} Day)" in at_boston
    local = (reported + dt.timedelta(hours=3)).astimezone(ZoneInfo("America/New_York"))
    assert local.hour == 14  # the Boston office's afternoon: only the day decides


async def test_a_chosen_site_replaces_what_the_fields_held_in_slack(app):
    # Slack keeps what an input holds across views.update while its block id stays the same,
    # ignoring the new initial value: the fields a site fills must change block id with it.
    add_sites(app, BOSTON, PHOENIX)
    view = await app.open_report("no dial tone")
    filled = ["Business name", "Site / location", "Callback phone", "Site time zone"]
    before = {label: input_block(view, label)["block_id"] for label in filled}
    await app.change(view, "Site", "Boston office", {"Business name": "typed by hand"})
    await eventually(lambda: initial(app.fake.latest_view(REPORT_CALLBACK), "Site")
                     == "Boston office")
    view = app.fake.latest_view(REPORT_CALLBACK)
    boston = {label: input_block(view, label)["block_id"] for label in filled}
    assert all(boston[label] != before[label] for label in filled)
    assert initial(view, "Business name") == "Acme Dental Group"
    # A redraw for another reason keeps them (what is being typed is not lost) ...
    await app.change(view, "Users affected", "The entire site", {"Symptoms": ["Entire site down"]})
    await eventually(lambda: "This looks like Severity 1" in shown_text(
        app.fake.latest_view(REPORT_CALLBACK)))
    view = app.fake.latest_view(REPORT_CALLBACK)
    assert {label: input_block(view, label)["block_id"] for label in filled} == boston
    # ... and a refusal is shown under the field as it is now.
    reply = await app.submit(view, {"Callback phone": "555"})
    assert list(reply.json["errors"]) == [boston["Callback phone"]]


async def test_type_ahead_over_socket_mode_needs_no_options_url(socket_app, fake_slack):
    many = [{**PHOENIX, "name": f"Branch {n:03d}", "aliases": [], "channel": None}
            for n in range(1, 102)]
    add_sites(socket_app, *many, BOSTON)
    await socket_app.command("report no dial tone")
    await fake_slack.wait_for_form()
    view = fake_slack.latest_view(REPORT_CALLBACK)
    element = input_block(view, "Site")["element"]
    ack = await socket_app.interact(block_suggestion(view, element["action_id"], "boston"))
    assert [o["text"]["text"] for o in ack["payload"]["options"]] == ["Boston office",
                                                                      "Not listed"]
