"""The site directory on the Slack side, through the real app: open outages grouped by site
in /bvoip list and on App Home, App Home's Sites section with Add site and Edit (modals
checked like the import), and /bvoip sites."""

from __future__ import annotations

from tests.fakeslack.payloads import block_actions, submit_modal
from tests.flows import eventually, text_of
from tests.harness import assert_ack_accepted, shown_text
from tests.site_directory import BOSTON, PHOENIX, add_sites, initial

SITE_FORM = "site_form"


async def open_home(app) -> dict:
    """App Home as the person sees it after opening the tab."""
    published = len(app.fake.calls_to("views.publish"))
    await app.event({"type": "app_home_opened", "user": "U123", "tab": "home",
                     "channel": "D123", "event_ts": "1.0"})
    await app.fake.wait_for("views.publish", published + 1)
    return home_now(app)


def home_now(app) -> dict:
    return next(v for v in reversed(list(app.fake.views.values())) if v["type"] == "home")


def home_text(home: dict) -> str:
    return "\n".join(text_of({"blocks": [b]}) for b in home["blocks"])


async def press_on_home(app, home: dict, button: str, beside: str | None = None) -> dict:
    """Press a Home tab button (the one in the section naming `beside`); returns the modal."""
    for block in home["blocks"]:
        elements = block.get("elements") or [block.get("accessory") or {}]
        for element in elements:
            if (element.get("text") or {}).get("text") != button:
                continue
            if beside and beside not in (block.get("text") or {}).get("text", ""):
                continue
            opened = len(app.fake.calls_to("views.open"))
            reply = await app.interact(block_actions(element["action_id"], view=home,
                                                     block_id=block["block_id"]))
            assert reply.status == 200
            await app.fake.wait_for("views.open", opened + 1)
            return app.fake.latest_view(SITE_FORM)
    raise AssertionError(f"no {button!r} button on the Home tab")


async def save_site(app, modal: dict, answers: dict) -> dict | None:
    """Submit the site modal; Slack's errors shown in it, or None when saved."""
    payload = submit_modal(modal, answers)
    reply = await app.interact(payload)
    assert_ack_accepted(payload, reply)
    return reply.json["errors"] if reply.text else None


async def test_list_and_home_group_open_outages_by_site(app):
    add_sites(app, BOSTON, PHOENIX)
    await app.report_incident("the Phoenix phones are dead")
    await app.report_incident("no dial tone at the pop-up clinic")
    await app.report_incident("Boston cannot dial out")
    reply = await app.command("list")
    shown = shown_text(reply.json["blocks"])
    headings = [line for line in shown.splitlines() if line.startswith(":office:")]
    assert headings == [":office: *Boston office* (1 open)",
                        ":office: *Phoenix call center* (1 open)",
                        ":office: *Not in the site directory* (1 open)"]
    assert shown.index("INC-3") < shown.index("INC-1") < shown.index("INC-2")

    home = home_text(await open_home(app))
    assert home.index("*Boston office* (1 open)") < home.index("INC-3") < home.index(
        "*Phoenix call center* (1 open)") < home.index("INC-1") < home.index(
        "*Not in the site directory*") < home.index("INC-2")


async def test_without_sites_the_list_is_not_grouped(app):
    await app.report_incident("no dial tone")
    reply = await app.command("list")
    assert ":office:" not in shown_text(reply.json["blocks"])
    home = home_text(await open_home(app))
    assert ":office:" not in home and "INC-1" in home
    assert "No sites yet" in home and "Add site" in home


async def test_add_site_from_home_checks_like_the_import_and_saves(app):
    home = await open_home(app)
    modal = await press_on_home(app, home, "Add site")
    assert modal["title"]["text"] == "Add site"
    assert initial(modal, "Time zone") == app.runtime.settings.timezone  # BVOIP_TIMEZONE
    answers = {"Site name": "Boston office", "Business name": "Acme Dental Group",
               "Address": "100 Federal St, Boston, MA 02110", "Time zone": "Boston",
               "Callback phone": "555"}
    errors = await save_site(app, modal, answers)
    assert set(errors) == {"site_timezone", "site_callback_phone"}
    assert "Boston" in errors["site_timezone"] and "555" in errors["site_callback_phone"]
    assert app.store.sites.all() == []  # nothing saved

    published = len(app.fake.calls_to("views.publish"))
    answers.update({"Time zone": "America/New_York", "Callback phone": "(617) 555-0142",
                    "Other names for this site": "Boston, Federal Street"})
    assert await save_site(app, modal, answers) is None
    site = app.store.sites.get("Boston office")
    assert site is not None and site.callback_phone == "+16175550142"
    assert site.aliases == ("Boston", "Federal Street") and site.business_hours == (
        "Mon-Fri 08:00-17:00")
    assert [(c.kind, c.actor) for c in app.store.sites.history("Boston office")] == [
        ("added", "U123")]
    await app.fake.wait_for("views.publish", published + 1)  # Home shows it at once
    assert "*Boston office* — Acme Dental Group" in home_text(home_now(app))

    # A second site may not take a name or alias the first one has.
    modal = await press_on_home(app, home_now(app), "Add site")
    errors = await save_site(app, modal, {
        "Site name": "Back office", "Business name": "Acme", "Address": "1 Main St",
        "Other names for this site": "boston"})
    assert "already names site 'Boston office'" in errors["site_aliases"]


async def test_edit_site_from_home_renames_it_and_records_who(app):
    add_sites(app, BOSTON, PHOENIX)
    home = await open_home(app)
    assert [b["accessory"]["text"]["text"] for b in home["blocks"]
            if (b.get("accessory") or {}).get("action_id") == "edit_site"] == ["Edit", "Edit"]
    modal = await press_on_home(app, home, "Edit", beside="Boston office")
    assert modal["title"]["text"] == "Edit site"
    assert initial(modal, "Site name") == "Boston office"
    assert initial(modal, "Callback phone") == "(617) 555-0142"
    assert initial(modal, "Channel for this site's outages") == "CBOSTON1"

    errors = await save_site(app, modal, {"Business hours": "Mon-Fri 9-5"})
    assert list(errors) == ["site_business_hours"]
    errors = await save_site(app, modal, {"Site name": "Phoenix call center"})
    assert "Phoenix call center" in errors["site_name"]

    assert await save_site(app, modal, {"Site name": "Boston HQ",
                                        "Business hours": "Mon-Fri 07:00-19:00"}) is None
    assert app.store.sites.get("Boston office") is None
    renamed = app.store.sites.get("Boston HQ")
    assert renamed is not None and renamed.business_hours == "Mon-Fri 07:00-19:00"
    assert renamed.channel == "CBOSTON1"
    changes = app.store.sites.history("Boston HQ")
    assert [(c.kind, c.actor) for c in changes] == [("added", "U999"), ("changed", "U123")]
    assert changes[-1].changes["name"] == ("Boston office", "Boston HQ")
    await eventually(lambda: "*Boston HQ*" in home_text(home_now(app)))


async def test_bvoip_sites_lists_the_directory_escaped(app):
    reply = await app.command("sites")
    assert "No sites yet" in shown_text(reply.json["blocks"])
    add_sites(app, BOSTON, {**PHOENIX, "name": "Mesa <!channel> *annex*", "aliases": []})
    reply = await app.command("sites")
    assert reply.json["text"].startswith("Sites (2)")
    shown = shown_text(reply.json["blocks"])
    assert "*Boston office* — Acme Dental Group, 100 Federal St, Boston, MA 02110" in shown
    assert "York · Mon-Fri 08:00-17:00 · holidays US-MA" in shown  # "_" kept inert
    assert "<#CBOSTON1>" in shown and "callback (617) 555-0142" in shown
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown
    help_reply = await app.command("help")
    assert "/bvoip sites" in shown_text(help_reply.json["blocks"])
