"""Block Kit of the site directory: /bvoip sites, App Home's Sites, the site modal, Site select."""

from __future__ import annotations

from typing import TypeVar

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    ExternalDataSelectElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.blocks.text import escape, truncate
from bot.ids import Action, Block, Callback, SiteFormMeta, SiteRef
from bot.incident import Incident
from bot.matrix import display_number
from bot.settings import DEFAULT_TIMEZONE
from bot.site_form import FIELD_BLOCKS
from bot.sites import Site

NOT_LISTED = "-"  # the Site select's "Not listed" value: no site name is only punctuation
NOT_LISTED_TEXT = "Not listed"
STATIC_LIMIT = 100  # Slack's options per static_select group: above this, type-ahead
MESSAGE_BLOCKS = 48  # Slack's 50 blocks per message, less the header and the footer
HOME_SITES = 40  # the Home tab shares Slack's 100 blocks with the open outages
T = TypeVar("T")


def site_line(site: Site) -> str:
    """One site in a line of mrkdwn, every typed word escaped."""
    parts = [f"*{escape(site.name)}* — {escape(site.business)}, {escape(site.address)}",
             f"{escape(site.timezone)} · {escape(site.business_hours)} · "
             f"holidays {escape(site.holidays)}"]
    extras = [f"<#{site.channel}>"] if site.channel else []
    extras += [f"callback {display_number(site.callback_phone)}"] if site.callback_phone else []
    extras += [f"AT&amp;T account {escape(site.att_account)}"] if site.att_account else []
    extras += ["also: " + ", ".join(escape(a) for a in site.aliases)] if site.aliases else []
    return "\n".join(parts + ([" · ".join(extras)] if extras else []))


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def sites_blocks(sites: list[Site]) -> list[dict]:
    """The answer to /bvoip sites: every site with its zone, hours and holidays."""
    blocks: list = [HeaderBlock(text=f"Sites ({len(sites)})")]
    if not sites:
        blocks.append(_section("No sites yet. Add one from the app's Home tab (*Add site*) or "
                               "with `bvoip sites import FILE.yaml`."))
    shown = sites[:MESSAGE_BLOCKS]
    blocks += [_section(site_line(site)) for site in shown]
    if len(sites) > len(shown):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(
            text=f"…and {len(sites) - len(shown)} more: `bvoip sites list` shows them all.")]))
    return [b.to_dict() for b in blocks]


def sites_text(sites: list[Site]) -> str:
    """The notification text of /bvoip sites."""
    names = ", ".join(escape(s.name) for s in sites[:20]) + (", …" if len(sites) > 20 else "")
    return f"Sites ({len(sites)}): {names}" if sites else "No sites yet."


def home_sites_blocks(sites: list[Site]) -> list[dict]:
    """App Home's Sites section: an Add site button and an Edit button per site."""
    blocks: list = [
        HeaderBlock(text="Sites"),
        ActionsBlock(block_id="home_sites_actions", elements=[
            ButtonElement(text="Add site", action_id=Action.ADD_SITE, value="add")]),
    ]
    if not sites:
        blocks.append(_section("No sites yet. Add each location once: its time zone, hours "
                               "and details are then filled in on every report."))
    shown = sites[:HOME_SITES]
    for site in shown:
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=truncate(site_line(site), 3000)),
            accessory=ButtonElement(text="Edit", action_id=Action.EDIT_SITE,
                                    value=SiteRef(name=site.name).dump()),
        ))
    if len(sites) > len(shown):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(
            text=f"…and {len(sites) - len(shown)} more: `/bvoip sites` lists them all.")]))
    return [b.to_dict() for b in blocks]


def _text_input(
    field: str, label: str, value: str | None, limit: int, *,
    optional: bool = False, hint: str | None = None, placeholder: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=FIELD_BLOCKS[field], label=label, optional=optional, hint=hint,
        element=PlainTextInputElement(
            action_id=Action.VALUE, initial_value=truncate(value, limit) if value else None,
            max_length=limit, placeholder=placeholder,
        ),
    )


def site_modal(site: Site | None = None, default_timezone: str = DEFAULT_TIMEZONE) -> dict:
    """The Add site modal (no site) or the Edit site modal, with plain-word labels."""
    blocks = [
        _text_input("name", "Site name", site and site.name, 75,
                    placeholder="e.g. Boston office", hint="Shown on every report and card."),
        _text_input("business", "Business name", site and site.business, 150),
        _text_input("address", "Address", site and site.address, 300,
                    placeholder="e.g. 100 Federal St, Boston, MA 02110"),
        _text_input("timezone", "Time zone", site.timezone if site else default_timezone, 64,
                    hint="An IANA name such as America/New_York, America/Chicago, "
                    "America/Denver, America/Phoenix or America/Los_Angeles."),
        _text_input("business_hours", "Business hours",
                    site.business_hours if site else "Mon-Fri 08:00-17:00", 100,
                    hint="Days and hours, e.g. Mon-Fri 08:00-17:00. "
                    "Mon-Sun 00:00-24:00 is around the clock."),
        _text_input("holidays", "Holidays", site.holidays if site else "US", 300,
                    hint="US, US-XX for a state (e.g. US-MA), or none. Then, after semicolons, "
                    "holidays worked and extra days closed, e.g. "
                    "US-MA; worked Columbus Day; closed 12-24 Christmas Eve"),
        _text_input("att_account", "AT&T account number", site and site.att_account, 60,
                    optional=True),
        _text_input("callback_phone", "Callback phone",
                    site.callback_phone and display_number(site.callback_phone) if site else None,
                    40,
                    optional=True, placeholder="e.g. (617) 555-0142"),
        InputBlock(
            block_id=Block.SITE_CHANNEL, label="Channel for this site's outages", optional=True,
            hint="Reports made in this channel start with this site chosen.",
            element=ConversationSelectElement(
                action_id=Action.VALUE, initial_conversation=site.channel if site else None,
                placeholder="Choose a channel",
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
        ),
        _text_input("aliases", "Other names for this site", ", ".join(site.aliases)
                    if site else None, 500, optional=True,
                    hint="Words people use for it in a report, separated by commas, "
                    "e.g. Boston, HQ, Federal Street."),
    ]
    view = View(
        type="modal", callback_id=Callback.SITE_FORM,
        title="Edit site" if site else "Add site", submit="Save site", close="Cancel",
        blocks=blocks, private_metadata=SiteFormMeta(editing=site.name if site else None).dump(),
    )
    return view.to_dict()


def site_option(site: Site) -> Option:
    """A site as a select option: its name, and where it is as the description."""
    return Option(text=truncate(site.name, 75), value=site.name,
                  description=truncate(f"{site.business}, {site.address}", 75))


def _not_listed() -> Option:
    return Option(text=NOT_LISTED_TEXT, value=NOT_LISTED,
                  description="Type the business, site and zone yourself")


def site_select_block(sites: list[Site], chosen: Site | None = None) -> dict:
    """The report form's first field, Site: the directory to choose from, or "Not listed"."""
    initial = site_option(chosen) if chosen else _not_listed()
    element: StaticSelectElement | ExternalDataSelectElement
    if len(sites) > STATIC_LIMIT:
        element = ExternalDataSelectElement(
            action_id=Action.SITE_CHOICE, placeholder="Type to find a site",
            initial_option=initial, min_query_length=0,
        )
    elif sites:
        element = StaticSelectElement(
            action_id=Action.SITE_CHOICE, placeholder="Choose a site", initial_option=initial,
            option_groups=[
                OptionGroup(label="Sites", options=[site_option(s) for s in sites]),
                OptionGroup(label="Other", options=[_not_listed()]),
            ],
        )
    else:
        element = StaticSelectElement(action_id=Action.SITE_CHOICE, placeholder="Choose a site",
                                      initial_option=initial, options=[_not_listed()])
    return InputBlock(
        block_id=Block.SITE_CHOICE, label="Site", dispatch_action=True, element=element,
        hint="Choosing a site fills in its business, location, zone and callback.",
    ).to_dict()


def site_options(matches: list[Site]) -> dict:
    """The options-load answer of the external Site select: the matches, then "Not listed"."""
    options = [site_option(s).to_dict() for s in matches[:STATIC_LIMIT - 1]]
    return {"options": [*options, _not_listed().to_dict()]}


def outage_groups(rows: list[tuple[Incident, T]], limit: int) -> list[tuple[str | None, list]]:
    """Open outages by site (by name; outages with no directory site last), each group with
    its heading, in at most `limit` blocks counting the headings. Without any directory site,
    one group with no heading, as before the directory."""
    if not any(incident.site for incident, _ in rows):
        return [(None, rows[:limit])]
    groups: dict[str | None, list] = {}
    for row in sorted(rows, key=lambda r: (r[0].site is None, (r[0].site or "").casefold())):
        groups.setdefault(row[0].site, []).append(row)
    shown: list[tuple[str | None, list]] = []
    left = limit
    for site, group in groups.items():
        if left < 2:
            break
        name = f"*{escape(site)}*" if site else "*Not in the site directory*"
        shown.append((f":office: {name} ({len(group)} open)", group[:left - 1]))
        left -= 1 + len(shown[-1][1])
    return shown
