"""Draw the README's example outage chart (and record PDF) from a made-up Severity 1 outage:
`python -m bot.records.example docs/record-example.png [docs/record-example.pdf]`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.incident import Incident, Status, TimelineEntry
from bot.records.charts import outage_chart_png
from bot.records.pdf import record_pdf
from bot.records.record import OutageRecord, build_record
from bot.severity import Scope, Severity, Symptom
from storage.levels import DueLevel

REPORTED = dt.datetime(2026, 11, 24, 15, 10, tzinfo=dt.UTC)  # 10:10 in Tampa


def _at(minutes: int) -> dt.datetime:
    return REPORTED + dt.timedelta(minutes=minutes)


def example_record() -> OutageRecord:
    """A Tampa branch outage: Level 3 reached, two calls logged, restored after 3 h 40 min."""
    incident = Incident(
        id=42, team_id="T1", channel_id="C1", reporter_id="U1", submission_key="V42",
        business_name="Acme Dental", location="Tampa branch", reporter_name="Dana Ruiz",
        callback_phone="+18135550142", tickets=["AOTS 000123456"], reported_at=REPORTED,
        affected_since=_at(-25), symptoms=[Symptom.NO_OUTBOUND, Symptom.NO_INBOUND],
        scope=Scope.ENTIRE_SITE, classified_severity=Severity.HIGH, severity=Severity.HIGH,
        severity_reasons=["entire site down"], description="No phone at the branch rings",
        action_requested="Restore service", timezone="America/New_York", created_at=_at(-5),
        status=Status.RESOLVED, resolved_at=_at(222), restored_at=_at(220),
        fix="AT&T replaced the failed edge router port", card_ts="1.2",
    )
    said = [
        (-5, "reported", "Reported: Severity 1 (High) at Tampa branch"),
        (0, "ticket_added", "AOTS ticket AOTS 000123456 added"),
        (45, "progress", "AT&T sees the site's SIP trunk down; dispatching a technician"),
        (60, "level_opened", "Level 1 (First Level) opened; posted in the thread"),
        (64, "called", "Called Level 1: spoke with Tier 1 agent Maria; promised: technician "
                       "on site by 11:30"),
        (120, "level_opened", "Level 2 (Second Level) opened; posted in the thread"),
        (126, "called", "Called Level 2: spoke with Team Lead Robert; promised: router swap "
                        "within the hour; next update expected Tue Nov 24 13:15 EST"),
        (150, "progress", "Technician on site, replacing the port"),
        (180, "level_opened", "Level 3 (Third Level) opened; posted in the thread"),
        (222, "resolved", "Resolved: AT&T replaced the failed edge router port"),
    ]
    timeline = [TimelineEntry(incident_id=42, at=_at(m), kind=k, text=t,
                              actor=None if k == "level_opened" else "Dana Ruiz")
                for m, k, t in said]
    levels = [DueLevel(incident_id=42, level=n, opens_at=_at(60 * n), scheduled_at=_at(0),
                       state="posted" if n < 4 else "cancelled", attempts=1) for n in (1, 2, 3, 4)]
    return build_record(incident, timeline, levels)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the example chart PNG (and the PDF when a second path is given)."""
    paths = list(sys.argv[1:] if argv is None else argv) or ["docs/record-example.png"]
    record = example_record()
    chart = outage_chart_png(record)
    Path(paths[0]).parent.mkdir(parents=True, exist_ok=True)
    Path(paths[0]).write_bytes(chart)
    if len(paths) > 1:
        Path(paths[1]).write_bytes(record_pdf(record, chart))
    print(" ".join(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
