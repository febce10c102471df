"""GET /metrics read back with prometheus_client's own parser, as Prometheus would."""

from __future__ import annotations

from typing import Any

from prometheus_client.parser import text_string_to_metric_families

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Scrape:
    """One scrape of /metrics: every sample, looked up by name and labels."""

    def __init__(self, text: str) -> None:
        self.samples: dict[tuple[str, frozenset], float] = {}
        self.families: set[str] = set()
        for family in text_string_to_metric_families(text):
            self.families.add(family.name)
            for sample in family.samples:
                self.samples[(sample.name, frozenset(sample.labels.items()))] = sample.value

    def __call__(self, name: str, **labels: Any) -> float:
        """A sample's value; 0 when the series was never written (as Prometheus treats it)."""
        return self.samples.get((name, frozenset((k, str(v)) for k, v in labels.items())), 0.0)


async def scrape(app: Any) -> Scrape:
    """GET /metrics from a running app (HTTP or Socket Mode's status server)."""
    reply = await app.get("/metrics")
    assert reply.status == 200, reply
    return Scrape(reply.text)
