"""Sites in Slack: /bvoip sites, App Home, the site modal and its reading, the Site select."""

from pathlib import Path

import pytest

from bot.blocks.sites import (
    NOT_LISTED,
    home_sites_blocks,
    site_modal,
    site_options,
    site_select_block,
    sites_blocks,
    sites_text,
)
from bot.ids import Block, Callback, SiteFormMeta, SiteRef
from bot.site_form import FIELD_BLOCKS, site_from_state
from bot.sites import Site, read_sites_yaml
from tests.fakeslack.validate import validate_blocks, validate_view

EXAMPLE = Path(__file__).parent.parent / "docs" / "sites.example.yaml"
SITES = read_sites_yaml(EXAMPLE.read_text(encoding="utf-8"))
BOSTON = SITES[0]
HOSTILE = Site(name="<!channel> *Ops*", business="A & B <b>", address="<https://evil|x>",
               timezone="UTC", aliases=["<@U1>"], att_account="<!here>")


def _many(count: int) -> list[Site]:
    return [Site(name=f"Branch {n:03}", business="Acme", address=f"{n} Main St",
                 timezone="America/Chicago") for n in range(count)]


def _texts(blocks: list[dict]) -> str:
    return "\n".join(str(b.get("text", {}).get("text", "")) for b in blocks)


def test_bvoip_sites_lists_every_site_with_its_hours():
    blocks = sites_blocks(SITES)
    assert validate_blocks(blocks, surface="message") == []
    assert blocks[0]["text"]["text"] == "Sites (3)"
    text = _texts(blocks)
    assert "*Phoenix call center* — Acme Dental Group, 2 N Central Ave, Phoenix, AZ 85004" in text
    assert "America/Phoenix · Mon-Sun 00:00-24:00 · holidays none" in text
    assert "<#C0BOSTON1> · callback (617) 555-0142 · AT&amp;T account 123456789" in text
    assert "also: Boston, Federal Street, HQ" in text
    assert sites_text(SITES) == "Sites (3): Boston office, Phoenix call center, Tampa branch"


def test_bvoip_sites_escapes_typed_text_and_fits_a_message():
    text = _texts(sites_blocks([HOSTILE]))
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    assert "&lt;https://evil|x&gt;" in text and "A &amp; B &lt;b&gt;" in text
    assert "<!here>" not in text and "<@U1>" not in text
    many = sites_blocks(_many(120))
    assert validate_blocks(many, surface="message") == []
    assert "…and 72 more: `bvoip sites list` shows them all." in str(many[-1])
    empty = sites_blocks([])
    assert "No sites yet" in _texts(empty) and sites_text([]) == "No sites yet."


def test_app_home_sites_section_has_add_and_edit():
    blocks = home_sites_blocks(SITES)
    assert validate_view({"type": "home", "blocks": blocks}) == []
    assert blocks[0]["text"]["text"] == "Sites"
    assert blocks[1]["elements"][0]["text"]["text"] == "Add site"
    edits = [b["accessory"] for b in blocks if b.get("accessory")]
    assert [e["text"]["text"] for e in edits] == ["Edit"] * 3
    assert [SiteRef.load(e["value"]).name for e in edits] == [s.name for s in SITES]
    # Values carry no secret: whatever a click names is checked against the directory.
    assert SiteRef.load(edits[0]["value"].replace('"name"', '"nom"')) is None  # not ours
    assert validate_view({"type": "home", "blocks": home_sites_blocks(_many(80))}) == []


def test_add_and_edit_modals_speak_plain_words():
    add = site_modal()
    assert validate_view(add, expected_type="modal") == []
    assert add["title"]["text"] == "Add site" and add["callback_id"] == Callback.SITE_FORM
    labels = [b["label"]["text"] for b in add["blocks"]]
    assert labels == ["Site name", "Business name", "Address", "Time zone", "Business hours",
                      "Holidays", "AT&T account number", "Callback phone",
                      "Channel for this site's outages", "Other names for this site"]
    assert SiteFormMeta.load(add["private_metadata"]).editing is None
    initial = {b["block_id"]: b["element"].get("initial_value") for b in add["blocks"]}
    assert initial[Block.SITE_HOURS] == "Mon-Fri 08:00-17:00"
    assert initial[Block.SITE_HOLIDAYS] == "US" and initial[Block.SITE_NAME] is None

    edit = site_modal(BOSTON)
    assert validate_view(edit, expected_type="modal") == []
    assert edit["title"]["text"] == "Edit site"
    assert SiteFormMeta.load(edit["private_metadata"]).editing == "Boston office"
    shown = {b["block_id"]: b["element"] for b in edit["blocks"]}
    assert shown[Block.SITE_PHONE]["initial_value"] == "(617) 555-0142"
    assert shown[Block.SITE_ALIASES]["initial_value"] == "Boston, Federal Street, HQ"
    assert shown[Block.SITE_CHANNEL]["initial_conversation"] == "C0BOSTON1"


def _submitted(site: Site | None = None, **typed: str | None) -> dict:
    """state.values as Slack sends them for the site modal, filled from `site` then `typed`."""
    fields = site.to_record() if site else {}
    fields = {**fields, "aliases": ", ".join(fields.get("aliases", [])), **typed}
    values: dict = {}
    for field, block in FIELD_BLOCKS.items():
        value = fields.get(field)
        if field == "channel":
            values[block] = {"value": {"type": "conversations_select",
                                       "selected_conversation": value}}
        else:
            values[block] = {"value": {"type": "plain_text_input", "value": value}}
    return values


def test_a_submitted_modal_becomes_a_site():
    values = _submitted(name="  Reno  warehouse ", business="Acme", address="9 Desert Way",
                        timezone="America/Los_Angeles", business_hours="Mon-Sun 00:00-24:00",
                        holidays="US-NV; closed 12-24", callback_phone="775 555 0100",
                        channel="C0RENO", aliases="Reno, warehouse,, ")
    site = site_from_state(values, SITES)
    assert site == Site(name="Reno warehouse", business="Acme", address="9 Desert Way",
                        timezone="America/Los_Angeles", business_hours="Mon-Sun 00:00-24:00",
                        holidays="US-NV; closed 12-24", callback_phone="+17755550100",
                        channel="C0RENO", aliases=["Reno", "warehouse"])
    assert site.att_account is None


def test_a_submitted_modal_gets_the_imports_errors_by_block():
    values = _submitted(name="Reno", business="", address="x", timezone="Pacific",
                        business_hours="9-5", holidays="US; worked Xmas", callback_phone="12",
                        aliases="HQ")
    errors = site_from_state(values, SITES)
    assert set(errors) == {Block.SITE_BUSINESS, Block.SITE_TIMEZONE, Block.SITE_HOURS,
                           Block.SITE_HOLIDAYS, Block.SITE_PHONE}
    assert errors[Block.SITE_TIMEZONE] == (
        "Unknown time zone 'Pacific': use an IANA name such as America/Chicago")
    assert errors[Block.SITE_HOURS] == "'9-5' is not like 'Mon-Fri 08:00-17:00'"
    assert errors[Block.SITE_PHONE] == "'12' is not a phone number such as (813) 555-0142"
    assert errors[Block.SITE_BUSINESS] == "Required"
    assert errors[Block.SITE_HOLIDAYS].startswith("'Xmas' is not a holiday of US")


@pytest.mark.parametrize(
    ("typed", "block", "message"),
    [
        ({"name": "boston OFFICE"}, Block.SITE_NAME,
         "'boston OFFICE' already names site 'Boston office'"),
        ({"name": "HQ"}, Block.SITE_NAME, "'HQ' already names site 'Boston office'"),
        ({"aliases": "Phoenix"}, Block.SITE_ALIASES,
         "'Phoenix' already names site 'Phoenix call center'"),
        ({"channel": "C0BOSTON1"}, Block.SITE_CHANNEL,
         "C0BOSTON1 is already the channel of site 'Boston office'"),
    ],
)
def test_adding_a_site_that_clashes_with_the_directory(typed, block, message):
    values = _submitted(**{"name": "Reno", "business": "Acme", "address": "x",
                           "timezone": "UTC", "business_hours": "Mon-Fri 08:00-17:00",
                           "holidays": "US", **typed})
    assert site_from_state(values, SITES) == {block: message[:1].upper() + message[1:]}


def test_editing_a_site_keeps_its_own_words_but_not_anothers_name():
    moved = _submitted(BOSTON, address="1 New St")
    assert site_from_state(moved, SITES, editing="Boston office").address == "1 New St"
    renamed = site_from_state(_submitted(BOSTON, name="Boston HQ"), SITES, editing="Boston office")
    assert renamed.name == "Boston HQ"
    onto = site_from_state(_submitted(BOSTON, name="Tampa Branch"), SITES,
                           editing="Boston office")
    assert onto == {Block.SITE_NAME: "'Tampa Branch' already names site 'Tampa branch'"}
    # Adding (not editing) a site under an existing name is a clash, not an overwrite.
    again = site_from_state(_submitted(BOSTON), SITES)
    assert again[Block.SITE_NAME] == "'Boston office' already names site 'Boston office'"


def _modal_with(block: dict) -> dict:
    return {"type": "modal", "title": {"type": "plain_text", "text": "Report"},
            "submit": {"type": "plain_text", "text": "Report"}, "blocks": [block]}


def test_site_select_is_static_up_to_100_sites_with_not_listed():
    block = site_select_block(_many(100))
    assert validate_view(_modal_with(block)) == []
    element = block["element"]
    assert block["label"]["text"] == "Site" and element["type"] == "static_select"
    groups = element["option_groups"]
    assert len(groups[0]["options"]) == 100
    assert groups[1]["options"][0]["text"]["text"] == "Not listed"
    assert element["initial_option"]["value"] == NOT_LISTED

    chosen = site_select_block(SITES, chosen=SITES[1])
    assert validate_view(_modal_with(chosen)) == []
    assert chosen["element"]["initial_option"]["text"]["text"] == "Phoenix call center"
    assert chosen["element"]["initial_option"]["description"]["text"] == (
        "Acme Dental Group, 2 N Central Ave, Phoenix, AZ 85004")

    empty = site_select_block([])
    assert validate_view(_modal_with(empty)) == []
    assert [o["text"]["text"] for o in empty["element"]["options"]] == ["Not listed"]


def test_site_select_types_ahead_above_100_sites():
    block = site_select_block(_many(101), chosen=BOSTON)
    assert validate_view(_modal_with(block)) == []
    assert block["element"]["type"] == "external_select"
    assert block["element"]["initial_option"]["value"] == "Boston office"
    answer = site_options(_many(150))
    assert len(answer["options"]) == 100
    assert answer["options"][-1]["text"]["text"] == "Not listed"
    assert [o["text"]["text"] for o in site_options([])["options"]] == ["Not listed"]
