"""What `python -m bench.ack` reports: each cell's figures against the floor, the goals and
the table printed for people."""

from __future__ import annotations

from typing import Any

from bench.common import machine_line, summary

APP, FLOOR = "app", "floor"
GOALS = {"command": 1.2, "submission": 1.5}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def cell_figures(measured: dict[str, dict[str, Any]], count: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name, data in measured.items():
        figures[name] = summary(data["latencies"], scale=1000.0)  # ms
        figures[name]["cpu_ms_per_request"] = round(data["cpu_s"] * 1000 / max(count, 1), 3)
    figures["ratio_p50"] = ratio(figures[APP]["p50"], figures[FLOOR]["p50"])
    figures["ratio_p99"] = ratio(figures[APP]["p99"], figures[FLOOR]["p99"])
    return figures


def goal_checks(cells: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    goals = []
    for kind, by_concurrency in cells.items():
        for concurrency, figures in by_concurrency.items():
            for stat in ("p50", "p99"):
                value = figures[f"ratio_{stat}"]
                goals.append({"goal": f"{kind} {concurrency} {stat} app/floor",
                              "limit": GOALS[kind], "value": value,
                              "pass": value is not None and value <= GOALS[kind]})
    return goals


def print_table(result: dict[str, Any]) -> None:
    print(machine_line(result["machine"]))
    print(f"{'':24}{'app p50':>9}{'p99':>9}{'floor p50':>11}{'p99':>9}"
          f"{'ratio p50':>11}{'p99':>7}{'app cpu/req':>13}{'floor':>8}")
    for kind, cells in result["results"].items():
        for concurrency, f in cells.items():
            print(f"{kind + ' ' + concurrency:24}{f[APP]['p50']:>8.2f}m{f[APP]['p99']:>8.2f}m"
                  f"{f[FLOOR]['p50']:>10.2f}m{f[FLOOR]['p99']:>8.2f}m"
                  f"{f['ratio_p50']:>10.2f}x{f['ratio_p99']:>6.2f}x"
                  f"{f[APP]['cpu_ms_per_request']:>11.2f}ms{f[FLOOR]['cpu_ms_per_request']:>6.2f}ms")
    for goal in result["goals"]:
        mark = "PASS" if goal["pass"] else "FAIL"
        print(f"  {mark} {goal['goal']}: {goal['value']} (goal <= {goal['limit']})")
    checks = result["checks"]
    print(f"failed requests: {checks['failed_requests']}; incidents stored "
          f"{checks['app_incidents_stored']}/{checks['app_submissions_sent']}; "
          f"{result['seconds']} s")
