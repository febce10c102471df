"""Benchmarks run by hand: `python -m bench.ack` and `python -m bench.reminders`.

Each prints its figures as one JSON object on its last line (see README, "Performance").
"""
