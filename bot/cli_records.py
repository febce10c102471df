"""`bvoip export` and `bvoip stats`: the outage history in the database BVOIP_DB names."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from bot.records import (
    ExportRow,
    PeriodError,
    Scorecard,
    build_record,
    export_row,
    match_site,
    parse_day,
    rows_csv,
    rows_json,
    scorecard,
)
from bot.records.stats import RestoreFigures
from bot.settings import Settings
from storage import DatabaseUnavailable, Store
from storage.engine import is_postgres


class RecordsUsageError(ValueError):
    """Bad input to export or stats: one line, exit status 2."""


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register `export` and `stats` on the `bvoip` command."""
    export = commands.add_parser("export", help="one row per outage, as CSV or JSON")
    stats = commands.add_parser("stats", help="the carrier scorecard")
    for parser in (export, stats):
        parser.add_argument("--since", help="first day (YYYY-MM-DD, site zone) or ISO time")
        parser.add_argument("--until", help="day after the last (exclusive) or ISO time")
        parser.add_argument("--site", help="only this site")
    export.add_argument("--format", required=True, choices=("csv", "json"), help="csv or json")
    stats.add_argument("--json", action="store_true", help="print JSON")


def _rows(args: argparse.Namespace, settings: Settings) -> tuple[list[ExportRow], str]:
    zone = settings.site_zone
    try:
        since = parse_day(args.since, zone, "--since") if args.since else None
        until = parse_day(args.until, zone, "--until") if args.until else None
    except PeriodError as exc:
        raise RecordsUsageError(str(exc)) from None
    if since and until and until <= since:
        raise RecordsUsageError(f"--until {args.until} is not after --since {args.since}")
    if not is_postgres(settings.db_path) and not Path(settings.db_path).exists():
        raise RecordsUsageError(f"no database at {settings.db_path}: set BVOIP_DB")
    try:
        store = Store(settings.db_path)
    except DatabaseUnavailable as exc:
        raise RecordsUsageError(str(exc)) from None
    try:
        site = None
        if args.site is not None:
            try:
                site = match_site(args.site, store.records.sites())
            except PeriodError as exc:
                raise RecordsUsageError(str(exc)) from None
        history = store.records.history(since, until, site)
    finally:
        store.close()
    rows = [export_row(build_record(h.incident, h.timeline, h.levels)) for h in history]
    return rows, _scope(since, until, site)


def _scope(since: dt.datetime | None, until: dt.datetime | None, site: str | None) -> str:
    span = (f"from {since.isoformat() if since else 'the first'} "
            f"until {until.isoformat() if until else 'now'}")
    return f"{span}, {'site ' + site if site else 'all sites'}"


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    """Print the export rows as CSV or JSON."""
    rows, _ = _rows(args, settings)
    sys.stdout.write(rows_csv(rows) if args.format == "csv" else rows_json(rows) + "\n")
    return 0


def _minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _restore_line(figures: RestoreFigures) -> str:
    return (f"p50 {_minutes(figures.minutes_to_restore_p50)} · "
            f"p90 {_minutes(figures.minutes_to_restore_p90)} · "
            f"max {_minutes(figures.minutes_to_restore_max)} min")


def stats_text(card: Scorecard, scope: str) -> str:
    """The scorecard as lines of text."""
    lines = [f"Outages {scope}: {card.incidents} ({card.still_open} still open, "
             "left out of the times to restore)",
             "By severity: " + " · ".join(f"Severity {s}: {n}" for s, n in
                                         card.by_severity.items()),
             f"Minutes from report to AT&T until restored: {_restore_line(card)}"]
    lines += [f"  Severity {s}: {_restore_line(f)}" for s, f in card.per_severity.items()]
    lines.append("Reached at least: " + " · ".join(f"Level {lv}: {n}" for lv, n in
                                                  card.reached_level.items()))
    lines.append(f"Resolved before Level 1 opened: {card.resolved_before_level_1}")
    for site, f in card.per_site.items():
        levels = " ".join(f"L{lv}:{n}" for lv, n in f.reached_level.items())
        lines.append(f"  {site}: {f.incidents} outages ({f.still_open} open) · "
                     f"{_restore_line(f)} · reached {levels} · "
                     f"before L1: {f.resolved_before_level_1}")
    return "\n".join(lines)


def run_stats(args: argparse.Namespace, settings: Settings) -> int:
    """Print the scorecard, as text or JSON."""
    rows, scope = _rows(args, settings)
    card = scorecard(rows)
    print(json.dumps(card.model_dump(), ensure_ascii=False) if args.json
          else stats_text(card, scope))
    return 0
