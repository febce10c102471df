"""The carrier scorecard, computed from the export's rows so that the two always agree.

Percentiles use the nearest-rank method: the p-th percentile of n values is the value at
rank ceil(p/100 × n) in ascending order, so every figure is a time some outage really took.
Open outages are left out of the time-to-restore figures and counted apart as `still_open`;
so are resolved outages never reported to AT&T (they have no time to restore).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel

from bot.records.rows import ExportRow

LEVELS = ("1", "2", "3", "4")
SEVERITIES = ("1", "2")


class RestoreFigures(BaseModel):
    """How many outages, how many still open, and how long the rest took to restore."""

    incidents: int
    still_open: int
    minutes_to_restore_p50: float | None
    minutes_to_restore_p90: float | None
    minutes_to_restore_max: float | None


class Figures(RestoreFigures):
    """The scorecard of a set of outages."""

    by_severity: dict[str, int]
    per_severity: dict[str, RestoreFigures]
    reached_level: dict[str, int]  # outages that reached at least that level
    resolved_before_level_1: int


class Scorecard(Figures):
    """The scorecard overall and per site."""

    per_site: dict[str, Figures]


def nearest_rank(values: Sequence[float], percent: float) -> float | None:
    """The nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def _restore(rows: Sequence[ExportRow]) -> RestoreFigures:
    minutes = [r.minutes_to_restore for r in rows if r.minutes_to_restore is not None]
    return RestoreFigures(
        incidents=len(rows),
        still_open=sum(r.status == "open" for r in rows),
        minutes_to_restore_p50=nearest_rank(minutes, 50),
        minutes_to_restore_p90=nearest_rank(minutes, 90),
        minutes_to_restore_max=max(minutes, default=None),
    )


def _figures(rows: Sequence[ExportRow]) -> Figures:
    return Figures(
        **_restore(rows).model_dump(),
        by_severity={s: sum(str(r.severity) == s for r in rows) for s in SEVERITIES},
        per_severity={s: _restore([r for r in rows if str(r.severity) == s])
                      for s in SEVERITIES},
        reached_level={lv: sum(r.highest_level >= int(lv) for r in rows) for lv in LEVELS},
        resolved_before_level_1=sum(r.status == "resolved" and r.highest_level == 0
                                    for r in rows),
    )


def scorecard(rows: Sequence[ExportRow]) -> Scorecard:
    """The scorecard of the rows, overall and for each site (sites in alphabetical order)."""
    sites = sorted({r.site for r in rows}, key=str.casefold)
    return Scorecard(**_figures(rows).model_dump(),
                     per_site={s: _figures([r for r in rows if r.site == s]) for s in sites})
