"""The `bvoip` command: offline tools (classify, timeline, matrix, sites) and `run` for the app."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import NoReturn
from zoneinfo import ZoneInfo

from bot import cli_sites
from bot.cli_records import RecordsUsageError, add_parsers, run_export, run_stats
from bot.matrix import Matrix, MatrixError, load_matrix
from bot.schedule import LevelOpening, LocalTimeError, resolve_local_time, timeline
from bot.settings import (
    Settings,
    SettingsError,
    check_host,
    http_port,
    load_settings,
    parse_timezone,
)
from bot.severity import Severity

# Times outside these years are typos (0001, 9999), and near datetime's ends the ladder
# would overflow.
FIRST_YEAR, LAST_YEAR = 1970, 2099


class UsageError(Exception):
    """Bad input on the command line: one line to stderr and exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bvoip", description="AT&T BVoIP outage escalation for Slack.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    classify = commands.add_parser("classify", help="severity of a trouble description")
    classify.add_argument("--json", action="store_true", help="print JSON")
    classify.add_argument("text", nargs="*", help="what is wrong, in your words")

    tl = commands.add_parser("timeline", help="when each escalation level opens")
    tl.add_argument("--severity", required=True, help="1 or 2")
    tl.add_argument("--reported-at", default="now", help="ISO-8601 time AT&T was told, or now")
    where = tl.add_mutually_exclusive_group()
    where.add_argument("--tz", default=None, help="IANA time zone of the site")
    where.add_argument("--site", default=None, help="a site of the directory (zone, hours)")
    tl.add_argument("--json", action="store_true", help="print JSON")

    matrix = commands.add_parser("matrix", help="the escalation matrix in use")
    matrix.add_argument("--json", action="store_true", help="print JSON")

    cli_sites.add_parsers(commands)

    run = commands.add_parser("run", help="run the Slack app")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--socket", action="store_true", help="force Socket Mode")
    mode.add_argument("--http", action="store_true", help="force the HTTP server")
    run.add_argument("--host", default="0.0.0.0",
                     help="address to listen on (HTTP mode, /healthz and /metrics)")
    run.add_argument("--port", type=int, default=None,
                     help="port for HTTP mode, /healthz and /metrics (default $PORT or 3000)")
    add_parsers(commands)
    return parser


def _parse_severity(value: str) -> Severity:
    try:
        return Severity(int(value))
    except ValueError:
        raise UsageError(f"unknown severity {value!r}: use 1 or 2") from None


def _parse_moment(value: str, zone: ZoneInfo) -> dt.datetime:
    """--reported-at as an aware time; a local time the zone skips or repeats is refused."""
    if value.strip().lower() == "now":
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"cannot read time {value!r}: use ISO-8601 such as 2026-11-24T10:00 or now"
        ) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise UsageError(f"--reported-at {value!r} is out of range: give a time in the years "
                         f"{FIRST_YEAR}-{LAST_YEAR}, such as 2026-11-24T10:00")
    try:
        return resolve_local_time(moment, zone)
    except LocalTimeError as exc:
        raise UsageError(f"--reported-at {exc}") from None


def _cmd_classify(args: argparse.Namespace) -> None:
    text = " ".join(args.text).strip()
    if not text:
        raise UsageError("classify needs the trouble description, e.g. bvoip classify site is down")
    from bot.severity import read_report

    result = read_report(text)
    site = cli_sites.site_named(text)
    if args.json:
        print(json.dumps({**result.model_dump(mode="json"), "site": site}))
        return
    if result.severity is None:
        print("No trouble named: no severity")
    else:
        print(result.severity.label)
    if site:
        print(f"Site: {site}")
    print("Symptoms: " + (", ".join(s.label for s in result.symptoms) or "none named"))
    print(f"Scope: {result.scope.label if result.scope else 'none named'}")
    for reason in result.reasons:
        print(f"- {reason}")


def _timeline_json(
    severity: Severity, reported_at: dt.datetime, zone: str, rows: list, site: str | None
) -> dict:
    return {
        **({"site": site} if site else {}),
        "severity": int(severity),
        "reported_at": reported_at.isoformat(),
        "timezone": zone,
        "levels": [
            {
                "level": o.level,
                "name": o.name,
                "opens_at": o.opens_at.isoformat(),
                "after_hours": o.after_hours,
                "holiday": o.holiday,
                "phone": o.contact.phone,
                "prompt": o.contact.prompt,
                "ask_for": o.contact.ask_for,
                "contact": o.contact.text,
            }
            for o in rows
        ],
    }


def _hours_word(o: LevelOpening) -> str:
    if not o.after_hours:
        return "business hours"
    return f"after hours ({o.holiday})" if o.holiday else "after hours"


def _cmd_timeline(args: argparse.Namespace, settings: Settings, matrix: Matrix) -> None:
    severity = _parse_severity(args.severity)
    site = cli_sites.site_by_name(args.site, settings) if args.site else None
    zone_name = site.timezone if site else args.tz or settings.timezone
    try:
        zone = parse_timezone(zone_name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    hours = site.hours if site else settings.hours
    try:
        reported_at = _parse_moment(args.reported_at, zone).astimezone(zone)
        rows = timeline(matrix, severity, reported_at, zone, hours)
    except OverflowError:
        raise UsageError(f"--reported-at {args.reported_at!r} puts a level beyond the year "
                         f"{dt.MAXYEAR}: give a time such as 2026-11-24T10:00") from None
    if args.json:
        name = site.name if site else None
        print(json.dumps(_timeline_json(severity, reported_at, zone_name, rows, name)))
        return
    if site:
        print(f"{site.name} ({site.timezone}, {site.business_hours}, holidays {site.holidays})")
    print(f"{severity.label}, reported to {matrix.carrier} {reported_at:%a %Y-%m-%d %H:%M %Z}")
    table = [("Level", "Opens at", "When", "Call")] + [
        (o.name, f"{o.opens_at:%a %Y-%m-%d %H:%M %Z}", _hours_word(o), o.contact.how_to_call)
        for o in rows
    ]
    # Each column as wide as its longest cell, so a long holiday name cannot shift the rest.
    widths = [max(len(row[column]) for row in table) + 2 for column in range(3)]
    for row in table:
        print("".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
              + row[3])


def _cmd_matrix(args: argparse.Namespace, matrix: Matrix) -> None:
    if args.json:
        print(matrix.model_dump_json())
        return
    print(f"{matrix.carrier} {matrix.product} (source: {matrix.source}, {matrix.last_updated})")
    for s in matrix.severities:
        print(f"Severity {int(s.severity)} ({s.name}): {s.definition}")
    for lvl in matrix.levels:
        waits = ", ".join(f"Sev {int(s)}: {h:g} h" for s, h in lvl.interval_hours.items())
        print(f"\n{lvl.name} — {lvl.owner} — opens after {waits}")
        print(f"  Contact: {lvl.contact.text}")
        if lvl.after_hours_contact:
            print(f"  After hours: {lvl.after_hours_contact.text}")
        for duty in lvl.responsibilities:
            print(f"  • {duty}")
    print("\nWhen escalating, have ready:")
    for i, item in enumerate(matrix.escalation_information, 1):
        print(f"  {i}. {item}")


def _list_commands(parser: argparse.ArgumentParser) -> int:
    """Bare `bvoip`: say what to type, with every command, and fail (nothing was run)."""
    print("bvoip: error: name a command, e.g. bvoip timeline --severity 1", file=sys.stderr)
    print(parser.format_help(), file=sys.stderr, end="")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `bvoip` console script."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _build_parser()
    if not argv:
        return _list_commands(parser)
    try:
        args = parser.parse_args(argv)
        if args.command == "classify":
            _cmd_classify(args)
            return 0
        settings = load_settings()
        if args.command == "run":
            from bot.server import run  # the Slack stack loads only when needed

            args.host, args.port = check_host(args.host), http_port(args.port)
            return run(settings, args)
        if args.command in ("export", "stats"):
            return (run_export if args.command == "export" else run_stats)(args, settings)
        if args.command == "sites":
            cli_sites.run_sites(args, settings)
            return 0
        matrix = load_matrix(settings.matrix_path)
        if args.command == "timeline":
            _cmd_timeline(args, settings, matrix)
        else:
            _cmd_matrix(args, matrix)
        return 0
    except (UsageError, SettingsError, MatrixError, RecordsUsageError,
            cli_sites.SitesError) as exc:
        print(f"bvoip: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `bvoip matrix | head` closed the pipe: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
