"""`bvoip sites import|list|export`, and the site directory for `timeline --site` and classify."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
from pathlib import Path

from bot.matrix import display_number
from bot.settings import Settings
from bot.sites import Site, merged_directory, read_sites_yaml, site_named_in, sites_yaml
from storage import DatabaseUnavailable, Store
from storage.engine import is_postgres


class SitesError(ValueError):
    """Bad input to a sites command: one line to stderr and exit status 2."""


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register `bvoip sites …` on the CLI's subcommands."""
    sites = commands.add_parser("sites", help="the site directory: import, list, export")
    actions = sites.add_subparsers(dest="sites_command", required=True,
                                   metavar="{import,list,export}")
    importing = actions.add_parser("import", help="add or update sites from a YAML file")
    importing.add_argument("file", help="YAML file: 'sites:' and a list of sites")
    listing = actions.add_parser("list", help="the sites in the directory")
    listing.add_argument("--json", action="store_true", help="print JSON")
    actions.add_parser("export", help="the directory as YAML that import takes back")


def open_store(db_path: str, *, must_exist: bool = False) -> Store:
    """The app's database; a SitesError naming BVOIP_DB when it cannot be opened."""
    path = Path(db_path)
    if must_exist and not _exists(db_path):
        raise SitesError(
            f"no site directory at BVOIP_DB={path}: import one with bvoip sites import FILE.yaml"
        )
    try:
        return Store(db_path)
    except DatabaseUnavailable as exc:
        raise SitesError(str(exc)) from None


def _exists(db_path: str) -> bool:
    """Whether there is a database to read (a PostgreSQL URL always names one)."""
    return is_postgres(db_path) or Path(db_path).is_file()


def _import(path: str, settings: Settings) -> None:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SitesError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        incoming = read_sites_yaml(text)
    except ValueError as exc:
        raise SitesError(f"{path}: {exc}") from None
    store = open_store(settings.db_path)
    try:
        merged_directory(store.sites.all(), incoming)
        changes = store.sites.upsert_all(incoming, _actor(), dt.datetime.now(dt.UTC))
    except ValueError as exc:
        raise SitesError(f"{path}: {exc}") from None
    finally:
        store.close()
    added = sum(1 for c in changes if c.kind == "added")
    changed = len(changes) - added
    print(f"Imported {len(incoming)} sites from {path}: {added} added, {changed} changed, "
          f"{len(incoming) - len(changes)} unchanged.")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _directory(db_path: str) -> list[Site]:
    if not _exists(db_path):
        return []
    store = open_store(db_path)
    try:
        return store.sites.all()
    finally:
        store.close()


def _list(as_json: bool, settings: Settings) -> None:
    sites = _directory(settings.db_path)
    if as_json:
        print(json.dumps([site.to_record() for site in sites]))
        return
    if not sites:
        print("No sites. Add them with: bvoip sites import FILE.yaml")
        return
    for site in sites:
        extras = [f"aliases: {', '.join(site.aliases)}"] if site.aliases else []
        extras += [f"channel {site.channel}"] if site.channel else []
        extras += [f"callback {display_number(site.callback_phone)}"] if site.callback_phone else []
        extras += [f"AT&T account {site.att_account}"] if site.att_account else []
        print(f"{site.name} — {site.business}, {site.address}")
        print(f"  {site.timezone} · {site.business_hours} · holidays {site.holidays}")
        if extras:
            print("  " + " · ".join(extras))


def run_sites(args: argparse.Namespace, settings: Settings) -> None:
    """Run `bvoip sites import|list|export`."""
    if args.sites_command == "import":
        _import(args.file, settings)
    elif args.sites_command == "list":
        _list(args.json, settings)
    else:
        print(sites_yaml(_directory(settings.db_path)), end="")


def site_by_name(name: str, settings: Settings) -> Site:
    """The directory's site of that name or alias (any case), or a SitesError naming the sites."""
    store = open_store(settings.db_path, must_exist=True)
    try:
        site = store.sites.get(name)
        directory = [] if site else store.sites.all()
    finally:
        store.close()
    wanted = name.casefold().split()
    site = site or next((s for s in directory
                         if any(a.casefold().split() == wanted for a in s.aliases)), None)
    known = [s.name for s in directory]
    if site is None:
        listed = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
        raise SitesError(f"unknown site {name!r}: " + (f"known sites: {listed}" if known
                                                       else "the directory is empty"))
    return site


def site_named(text: str) -> str | None:
    """The directory name the text names, or None; reads BVOIP_DB only if that file exists."""
    db_path = os.environ.get("BVOIP_DB") or Settings.model_fields["db_path"].default
    site = site_named_in(text, _directory(db_path))
    return site.name if site else None
