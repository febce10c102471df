"""The export: one flat row per outage, written as CSV or JSON, and one outage's timeline as
CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.records.record import OutageRecord

COLUMNS = ("number", "site", "business", "severity", "severity_changes", "tickets",
           "affected_since", "reported_at", "restored_at", "minutes_to_restore",
           "highest_level", "levels_opened", "calls_logged", "status")


class ExportRow(BaseModel):
    """One outage in the export (`bvoip export`); the scorecard is computed from these."""

    model_config = ConfigDict(frozen=True)

    number: str
    site: str
    business: str
    severity: int
    severity_changes: int
    tickets: list[str]
    affected_since: str | None  # ISO-8601 with the site's offset
    reported_at: str | None
    restored_at: str | None
    minutes_to_restore: float | None  # report to AT&T → restored; None while open
    highest_level: int  # 0 (none opened) to 4
    levels_opened: int
    calls_logged: int
    status: str  # "open" or "resolved"


def _iso(moment: dt.datetime | None, zone: ZoneInfo) -> str | None:
    return None if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def export_row(record: OutageRecord) -> ExportRow:
    """The export row of one outage."""
    zone = record.zone
    return ExportRow(
        number=record.number, site=record.site, business=record.business,
        severity=int(record.severity), severity_changes=len(record.severity_changes),
        tickets=record.tickets, affected_since=_iso(record.affected_since, zone),
        reported_at=_iso(record.reported_at, zone), restored_at=_iso(record.restored_at, zone),
        minutes_to_restore=record.minutes_to_restore, highest_level=record.highest_level,
        levels_opened=len(record.levels), calls_logged=len(record.calls),
        status="open" if record.is_open else "resolved",
    )


def rows_json(rows: Iterable[ExportRow]) -> str:
    """The rows as a JSON array."""
    return json.dumps([row.model_dump() for row in rows], indent=1, ensure_ascii=False)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)  # AOTS tickets hold no spaces
    return str(value)


def _csv(header: Sequence[str], lines: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for line in lines:
        writer.writerow([_neutralise(_cell(v)) for v in line])
    return out.getvalue()


def _neutralise(cell: str) -> str:
    """A spreadsheet must not run what someone typed: cells starting =, +, -, @ get a quote."""
    if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _is_number(cell)):
        return "'" + cell
    return cell


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def rows_csv(rows: Iterable[ExportRow]) -> str:
    """The rows as CSV with a header; tickets are space-separated, empty cells are none."""
    return _csv(COLUMNS, ([getattr(row, c) for c in COLUMNS] for row in rows))


def timeline_csv(record: OutageRecord) -> str:
    """One outage's timeline as CSV: time (site's zone, ISO), kind, who, what."""
    zone = record.zone
    return _csv(("at", "kind", "by", "text"),
                ((_iso(e.at, zone), e.kind, e.actor, e.text) for e in record.timeline))
