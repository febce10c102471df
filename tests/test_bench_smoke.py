"""The benchmarks (bench/) still run end to end, at tiny sizes. Nothing here is timed: the
figures come from `python -m bench.ack` and `python -m bench.reminders` run by hand."""

import json

from bench.ack import AckConfig, run_ack
from bench.reminders import RemindersConfig, run_reminders


async def test_ack_benchmark_runs_and_reports_every_figure(tmp_path):
    config = AckConfig(concurrencies=(1, 4), requests={1: 4, 4: 8}, warmup=4, block=4)
    result = await run_ack(config, workdir=tmp_path)

    json.dumps(result)  # the last line of `python -m bench.ack`
    assert {"nproc", "cpu_model", "python"} <= set(result["machine"])
    checks = result["checks"]
    assert checks["failed_requests"] == 0, checks["first_failures"]
    assert checks["drain_timeouts"] == 0
    assert checks["app_incidents_stored"] == checks["app_submissions_sent"] > 0
    assert checks["views_opened"] == checks["commands_sent"]
    assert checks["fake_slack_errors"] == {}
    assert checks["exit_status"] == {"app": 0, "floor": 0, "fake": 0}
    for kind in ("command", "submission"):
        for cell, count in (("c1", 4), ("c4", 8)):
            figures = result["results"][kind][cell]
            assert figures["app"]["n"] == figures["floor"]["n"] == count
            assert figures["ratio_p50"] is not None and figures["ratio_p99"] is not None
    assert len(result["goals"]) == 8
    assert all(isinstance(goal["pass"], bool) for goal in result["goals"])


async def test_reminders_benchmark_runs_and_reports_every_figure(tmp_path):
    config = RemindersConfig(incidents=12, due=6, channels=2, lead=1.0, idle=0.5,
                             measure_startup=False, startup_guess=1.5, settle=0.2,
                             burst_timeout=30.0)
    result = await run_reminders(config, workdir=tmp_path)

    json.dumps(result)  # the last line of `python -m bench.reminders`
    assert {"nproc", "cpu_model", "python"} <= set(result["machine"])
    checks = result["checks"]
    assert checks["every_level_posted"]
    assert checks["posted_twice"] == 0 and checks["wrong_level"] == 0
    assert checks["levels_marked_posted"] == 6
    assert checks["refused_by_slack_rules"] == 0, checks["first_refusals"]
    assert checks["exit_status"] == 0
    figures = result["results"]
    assert figures["lateness_s"]["n"] == figures["lateness_beyond_pace_s"]["n"] == 6
    assert figures["idle"]["cpu_percent_of_one_core"] >= 0
    assert figures["memory"]["peak_rss_mb"] > 0
    assert [g["goal"] for g in result["goals"]] == [
        "p99 lateness beyond Slack's per-channel pace (s)", "idle CPU (% of one core)",
        "peak resident memory (MB)"]
