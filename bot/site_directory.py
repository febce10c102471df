"""The site directory as the Slack side uses it: every read and write on the store's thread."""

from __future__ import annotations

from bot.clock import Clock
from bot.sites import Site, SiteChange, site_for_report
from storage import Store


class SiteDirectory:
    """Look-ups for the report form and App Home, and saving a site from its modal."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    async def all(self) -> list[Site]:
        """Every site, by name."""
        return await self.store.run(self.store.sites.all)

    async def get(self, name: str | None) -> Site | None:
        """The site of that name (any case), or None (no name, or no longer in the directory)."""
        return await self.store.run(self.store.sites.get, name) if name else None

    async def search(self, query: str) -> list[Site]:
        """The sites a type-ahead query finds, best first."""
        return await self.store.run(self.store.sites.search, query)

    async def for_report(self, channel_id: str | None, text: str) -> tuple[list[Site], Site | None]:
        """The directory and the site a new report starts with (named in its text, else the
        channel's)."""
        sites = await self.all()
        return sites, site_for_report(sites, channel_id, text)

    async def save(self, site: Site, actor: str, previous_name: str | None) -> SiteChange | None:
        """Add the site, or update it (renamed from `previous_name`); who and when recorded."""
        return await self.store.run(self.store.sites.upsert, site, actor, self.clock.now(),
                                    previous_name)
