"""The `bvoip` command: offline tools (classify, timeline, matrix) and `run` for the app."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot.matrix import Matrix, MatrixError, load_matrix
from bot.schedule import LevelOpening, ensure_aware, timeline
from bot.settings import Settings, SettingsError, load_settings, parse_timezone
from bot.severity import Severity


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
    tl.add_argument("--tz", default=None, help="IANA time zone of the site")
    tl.add_argument("--json", action="store_true", help="print JSON")

    matrix = commands.add_parser("matrix", help="the escalation matrix in use")
    matrix.add_argument("--json", action="store_true", help="print JSON")

    run = commands.add_parser("run", help="run the Slack app")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--socket", action="store_true", help="force Socket Mode")
    mode.add_argument("--http", action="store_true", help="force the HTTP server")
    run.add_argument("--host", default="0.0.0.0", help="HTTP address to listen on")
    run.add_argument("--port", type=int, default=None, help="HTTP port (default $PORT or 3000)")
    return parser


def _parse_severity(value: str) -> Severity:
    try:
        return Severity(int(value))
    except ValueError:
        raise UsageError(f"unknown severity {value!r}: use 1 or 2") from None


def _parse_moment(value: str, settings_zone: str) -> dt.datetime:
    if value.strip().lower() == "now":
        return dt.datetime.now(dt.UTC)
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"cannot read time {value!r}: use ISO-8601 such as 2026-11-24T10:00 or now"
        ) from None


def _cmd_classify(args: argparse.Namespace) -> None:
    text = " ".join(args.text).strip()
    if not text:
        raise UsageError("classify needs the trouble description, e.g. bvoip classify site is down")
    from bot.severity import read_report

    result = read_report(text)
    if args.json:
        print(json.dumps(result.model_dump(mode="json")))
        return
    if result.severity is None:
        print("No trouble named: no severity")
    else:
        print(result.severity.label)
    print("Symptoms: " + (", ".join(s.label for s in result.symptoms) or "none named"))
    print(f"Scope: {result.scope.label if result.scope else 'none named'}")
    for reason in result.reasons:
        print(f"- {reason}")


def _timeline_json(severity: Severity, reported_at: dt.datetime, zone: str, rows: list) -> dict:
    return {
        "severity": int(severity),
        "reported_at": reported_at.isoformat(),
        "timezone": zone,
        "levels": [
            {
                "level": o.level,
                "name": o.name,
                "opens_at": o.opens_at.isoformat(),
                "after_hours": o.after_hours,
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
    zone_name = args.tz or settings.timezone
    try:
        zone = parse_timezone(zone_name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    reported_at = ensure_aware(_parse_moment(args.reported_at, zone_name), zone).astimezone(zone)
    rows = timeline(matrix, severity, reported_at, zone, settings.hours)
    if args.json:
        print(json.dumps(_timeline_json(severity, reported_at, zone_name, rows)))
        return
    print(f"{severity.label}, reported to {matrix.carrier} {reported_at:%a %Y-%m-%d %H:%M %Z}")
    print(f"{'Level':<14}{'Opens at':<26}{'When':<32}Call")
    for o in rows:
        when = f"{o.opens_at:%a %Y-%m-%d %H:%M %Z}"
        print(f"{o.name:<14}{when:<26}{_hours_word(o):<32}{o.contact.how_to_call}")


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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `bvoip` console script."""
    try:
        args = _build_parser().parse_args(argv)
        if args.command == "classify":
            _cmd_classify(args)
            return 0
        settings = load_settings()
        if args.command == "run":
            from bot.runner import run  # the Slack stack loads only when needed

            return run(settings, args)
        matrix = load_matrix(settings.matrix_path)
        if args.command == "timeline":
            _cmd_timeline(args, settings, matrix)
        else:
            _cmd_matrix(args, matrix)
        return 0
    except (UsageError, SettingsError, MatrixError) as exc:
        print(f"bvoip: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `bvoip matrix | head` closed the pipe: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
