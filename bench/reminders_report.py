"""What `python -m bench.reminders` reports: lateness against Slack's pace, and the table
printed for people."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bench.common import machine_line, summary
from bot.pacing import ChannelPacer


def lateness_figures(posts: list[tuple[float, str, int, int]], opens: dict[int, float],
                     mono_to_wall: float, pacer: ChannelPacer) -> dict[str, Any]:
    """Lateness of each level message, and beyond what Slack's per-channel pace allows."""
    by_channel: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for at, channel, incident, _level in posts:
        by_channel[channel].append((at + mono_to_wall, incident))
    late, beyond, first = [], [], []
    for arrivals in by_channel.values():
        arrivals.sort()
        for k, (arrived, incident) in enumerate(arrivals, start=1):
            lateness = arrived - opens[incident]
            allowance = max(0, k - pacer.burst) / pacer.rate
            late.append(lateness)
            beyond.append(lateness - allowance)
            if k == 1:
                first.append(lateness)
    return {
        "lateness_s": summary(late),
        "lateness_beyond_pace_s": summary(beyond),
        "first_in_channel_lateness_s": summary(first),
        "pace": {"burst": pacer.burst, "per_second": pacer.rate,
                 "allowance": "k-th level message in a channel: max(0, k - burst) / rate"},
    }


def print_table(result: dict[str, Any]) -> None:
    r, s = result["results"], result["setup"]
    print(machine_line(result["machine"]))
    print(f"{s['incidents']} incidents, {s['due']} levels due at once over {s['channels']} "
          f"channels; start-up {s['startup_seconds']} s, lead {s['lead_seconds']} s")
    for key in ("lateness_s", "lateness_beyond_pace_s", "first_in_channel_lateness_s"):
        f = r[key]
        print(f"  {key:30} p50 {f['p50']:>7} p99 {f['p99']:>7} max {f['max']:>7}  (n={f['n']})")
    print(f"  burst: {r['burst']['posted']}/{r['burst']['expected']} posted, last "
          f"{r['burst']['seconds_from_opening_to_last_post']} s after opening, "
          f"{r['burst']['cpu_seconds']} s CPU")
    print(f"  idle: {r['idle']['cpu_percent_of_one_core']} % of a core over "
          f"{r['idle']['seconds']} s; peak RSS {r['memory']['peak_rss_mb']} MB")
    for goal in result["goals"]:
        print(f"  {'PASS' if goal['pass'] else 'FAIL'} {goal['goal']}: {goal['value']} "
              f"(goal < {goal['limit']})")
    print(f"checks: {result['checks']}; {result['seconds']} s")
