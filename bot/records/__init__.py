"""After the outage: the outage record (summary, chart, PDF, timeline CSV), the export and
the carrier scorecard. Pure: no Slack, no SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.records.period import PeriodError, StatsQuery, match_site, parse_day, parse_period
from bot.records.record import CallLogged, LevelReached, OutageRecord, build_record, parse_call
from bot.records.rows import ExportRow, export_row, rows_csv, rows_json, timeline_csv
from bot.records.stats import Scorecard, nearest_rank, scorecard


# matplotlib and fpdf2 load only when a chart or a PDF is first drawn: the running app
# keeps tens of MB less until an outage is resolved or a scorecard asked for.
def outage_chart_png(record: OutageRecord, now: dt.datetime | None = None) -> bytes:
    """The outage on a time axis, as PNG (bot.records.charts)."""
    from bot.records.charts import outage_chart_png as draw

    return draw(record, now)


def scorecard_chart_png(*args: Any, **kwargs: Any) -> bytes:
    """Outages and hours down per month by site, as PNG (bot.records.charts)."""
    from bot.records.charts import scorecard_chart_png as draw

    return draw(*args, **kwargs)


def record_pdf(record: OutageRecord, chart: bytes) -> bytes:
    """The one-page record, as PDF (bot.records.pdf)."""
    from bot.records.pdf import record_pdf as write

    return write(record, chart)


def record_files(record: OutageRecord, now: dt.datetime | None = None) -> list[dict]:
    """The three files of the record, as `files_upload_v2(file_uploads=...)` takes them."""
    chart = outage_chart_png(record, now)
    stem = record.number.lower()
    return [
        {"filename": f"{stem}-chart.png", "content": chart,
         "title": f"{record.number} outage chart", "alt_txt": f"{record.number} on a time axis"},
        {"filename": f"{stem}-record.pdf", "content": record_pdf(record, chart),
         "title": f"{record.number} outage record (PDF)"},
        {"filename": f"{stem}-timeline.csv", "content": timeline_csv(record).encode(),
         "title": f"{record.number} timeline (CSV)"},
    ]


__all__ = [
    "CallLogged", "ExportRow", "LevelReached", "OutageRecord", "PeriodError", "Scorecard",
    "StatsQuery", "build_record", "export_row", "match_site", "nearest_rank",
    "outage_chart_png", "parse_call", "parse_day", "parse_period", "record_files",
    "record_pdf", "rows_csv", "rows_json", "scorecard", "scorecard_chart_png", "timeline_csv",
]
