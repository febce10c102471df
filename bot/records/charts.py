"""Charts as PNG bytes: one outage on a time axis, and the scorecard by month and site.

matplotlib's object API on the Agg canvas: no pyplot, no global figure state, no display.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates  # noqa: E402  (after choosing the backend)
from matplotlib.figure import Figure  # noqa: E402

from bot.records.record import OutageRecord  # noqa: E402
from bot.records.rows import ExportRow  # noqa: E402
from bot.records.stats import nearest_rank  # noqa: E402

MAX_SITES = 8  # more sites than this are drawn together as "other sites"
_LANES = ("Progress", "Calls", "Escalation", "Outage")


def plain(text: str) -> str:
    """User text as matplotlib shows it literally ($ would start mathtext)."""
    return text.replace("$", r"\$")


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=110, bbox_inches="tight")
    return out.getvalue()


def _marks(axes, lane: int, moments: Sequence[dt.datetime], labels: Sequence[str],
           color: str, marker: str) -> None:
    if not moments:
        return
    axes.scatter(moments, [lane] * len(moments), color=color, marker=marker, s=70, zorder=3)
    for moment, label in zip(moments, labels, strict=True):
        axes.annotate(plain(label), (moment, lane), xytext=(0, 9), textcoords="offset points",
                      ha="center", fontsize=7, color=color)


def outage_chart_png(record: OutageRecord, now: dt.datetime | None = None) -> bytes:
    """The outage on a time axis: report, each level opening, each call and progress update,
    and the restoration (or `now` while it is still open)."""
    zone = record.zone
    start = record.started_at
    end = record.restored_at or now or max([e.at for e in record.timeline] or [start])
    figure = Figure(figsize=(9, 3.4))
    axes = figure.add_subplot()
    axes.axvspan(start, end, color="#f4c7c3", alpha=0.6, zorder=1,
                 label="service down" if record.restored_at else "service down (still open)")
    outage = [(start, "affected")] if record.affected_since else []
    if record.reported_at is not None:
        outage.append((record.reported_at, "AT&T told"))
    if record.restored_at is not None:
        outage.append((record.restored_at, "restored"))
    _marks(axes, 3, [m for m, _ in outage], [t for _, t in outage], "#b3261e", "o")
    _marks(axes, 2, [lv.opened_at for lv in record.levels],
           [f"L{lv.level}" for lv in record.levels], "#e37400", "^")
    _marks(axes, 1, [c.at for c in record.calls],
           [f"L{c.level} call" if c.level else "call" for c in record.calls], "#1967d2", "s")
    progress = [e.at for e in record.timeline if e.kind == "progress"]
    _marks(axes, 0, progress, ["update"] * len(progress), "#188038", "D")
    axes.set_yticks(range(len(_LANES)), _LANES)
    axes.set_ylim(-0.6, len(_LANES) - 0.3)
    locator = mdates.AutoDateLocator(tz=zone)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=zone))
    pad = max((end - start) * 0.04, dt.timedelta(minutes=5))
    axes.set_xlim(start - pad, end + pad)
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(plain(f"{record.number} · {record.site} · {record.severity.label} "
                         f"· times in {record.timezone}"), fontsize=10)
    axes.legend(loc="lower right", fontsize=7)
    return _png(figure)


def _month(row: ExportRow) -> str | None:
    moment = row.reported_at or row.affected_since  # ISO in the site's zone: its local month
    return moment[:7] if moment else None


def _hours_down(row: ExportRow) -> float:
    start = row.affected_since or row.reported_at
    if row.restored_at is None or start is None:
        return 0.0
    span = dt.datetime.fromisoformat(row.restored_at) - dt.datetime.fromisoformat(start)
    return max(0.0, span.total_seconds() / 3600)


def _site_groups(rows: Sequence[ExportRow]) -> dict[str, str]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.site] += 1
    ranked = sorted(counts, key=lambda s: (-counts[s], s.casefold()))
    return {s: (s if i < MAX_SITES else "other sites") for i, s in enumerate(ranked)}


def scorecard_chart_png(rows: Sequence[ExportRow], title: str) -> bytes:
    """Outages and hours down per month by site, and the median time to restore."""
    dated = [(m, r) for r in rows if (m := _month(r)) is not None]
    months = sorted({m for m, _ in dated}) or ["(none)"]
    groups = _site_groups(rows)
    names = list(dict.fromkeys(groups.values()))
    outages = {n: [0.0] * len(months) for n in names}
    hours = {n: [0.0] * len(months) for n in names}
    restore: dict[str, list[float]] = defaultdict(list)
    for month, row in dated:
        i, name = months.index(month), groups[row.site]
        outages[name][i] += 1
        hours[name][i] += _hours_down(row)
        if row.minutes_to_restore is not None:
            restore[month].append(row.minutes_to_restore)
    figure = Figure(figsize=(9, 7.5))
    top, middle, bottom = figure.subplots(3, 1, sharex=True)
    for axes, values, label in ((top, outages, "outages"), (middle, hours, "hours down")):
        base = [0.0] * len(months)
        for name in names:
            axes.bar(months, values[name], bottom=base, label=plain(name))
            base = [b + v for b, v in zip(base, values[name], strict=True)]
        axes.set_ylabel(label)
        axes.grid(axis="y", alpha=0.3)
    top.legend(fontsize=7, ncol=min(4, max(1, len(names))), loc="upper left")
    medians = [nearest_rank(restore[m], 50) for m in months]
    bottom.plot(months, [m if m is not None else float("nan") for m in medians], marker="o",
                color="#b3261e")
    bottom.set_ylabel("median minutes\nto restore")
    bottom.grid(alpha=0.3)
    overall = nearest_rank([r.minutes_to_restore for r in rows
                            if r.minutes_to_restore is not None], 50)
    median = f"{overall:g} min" if overall is not None else "none restored"
    top.set_title(plain(f"{title} · {len(rows)} outages · median time to restore {median}"),
                  fontsize=10)
    for label in bottom.get_xticklabels():
        label.set_rotation(45)
    return _png(figure)
