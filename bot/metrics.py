"""What an operator watches, in Prometheus text on GET /metrics: Slack requests and how fast
they are acknowledged, level posts and their lateness, Slack API errors, open incidents and
claims taken over from a dead replica. Each App has its own registry."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder
from slack_bolt.async_app import AsyncApp
from slack_bolt.request import payload_utils as payload
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.acks import AckGate
from bot.severity import Severity

ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
LATENESS_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200)
# Request kinds, in the order they are recognised (a body is one of them, else "other").
KINDS = (("command", payload.is_slash_command), ("action", payload.is_action),
         ("view_submission", payload.is_view_submission),
         ("view_closed", payload.is_view_closed), ("options", payload.is_options),
         ("shortcut", payload.is_shortcut), ("event", payload.is_event))


def request_kind(body: Any) -> str:
    """What kind of Slack request a parsed body is: command, action, view_submission…"""
    if not isinstance(body, dict):
        return "other"
    for kind, matches in KINDS:
        try:
            if matches(body):
                return kind
        except (AttributeError, KeyError, TypeError):
            return "other"
    return "other"


class Metrics:
    """The app's metric objects, registered in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._kinds: dict[str, tuple[Any, Any, Any]] = {}  # a few kinds (request_kind)
        r = self.registry
        self.requests = Counter("bvoip_slack_requests", "Requests from Slack, by kind",
                                ["kind"], registry=r)
        self.acks = Counter("bvoip_slack_acks", "Requests acknowledged (a 2xx answer), by kind",
                            ["kind"], registry=r)
        self.ack_seconds = Histogram("bvoip_slack_ack_seconds",
                                     "From a request reaching Bolt to its ack, by kind",
                                     ["kind"], buckets=ACK_BUCKETS, registry=r)
        self.level_posts = Counter("bvoip_level_posts", "Level openings posted, on time or late",
                                   ["timing"], registry=r)
        self.level_lateness = Histogram("bvoip_level_lateness_seconds",
                                        "How long after its level opened each post went out",
                                        buckets=LATENESS_BUCKETS, registry=r)
        self.slack_errors = Counter("bvoip_slack_api_errors",
                                    "Slack Web API calls that failed, by method and error",
                                    ["method", "error"], registry=r)
        self.open_incidents = Gauge("bvoip_open_incidents", "Open incidents, by severity",
                                    ["severity"], registry=r)
        self.claims_taken_over = Counter(
            "bvoip_claims_taken_over",
            "Pending levels this replica freed or claimed from a claimant that died holding them",
            registry=r)
        for timing in ("on_time", "late"):
            self.level_posts.labels(timing)
        self.count_open({})

    def received(self, kind: str) -> None:
        """A request of `kind` reached Bolt."""
        self._by_kind(kind)[0].inc()

    def acked(self, kind: str, seconds: float) -> None:
        """A request of `kind` was acknowledged `seconds` after it reached Bolt."""
        _, acks, ack_seconds = self._by_kind(kind)
        acks.inc()
        ack_seconds.observe(seconds)

    def _by_kind(self, kind: str) -> tuple[Any, Any, Any]:
        """The request, ack and ack-time series of one kind (looked up once: every request
        counts in them, before its ack)."""
        series = self._kinds.get(kind)
        if series is None:
            series = self._kinds[kind] = (self.requests.labels(kind), self.acks.labels(kind),
                                          self.ack_seconds.labels(kind))
        return series

    def level_posted(self, lateness: dt.timedelta, late: bool) -> None:
        """A level opening went out `lateness` after it was due (late when the post says so)."""
        self.level_posts.labels("late" if late else "on_time").inc()
        self.level_lateness.observe(max(0.0, lateness.total_seconds()))

    def slack_error(self, method: str, error: str) -> None:
        """A Web API call failed (after slack_sdk's own retries)."""
        self.slack_errors.labels(method, error).inc()

    def taken_over(self, levels: int) -> None:
        """`levels` pending levels were taken from a claimant that died holding them."""
        if levels > 0:
            self.claims_taken_over.inc(levels)

    def count_open(self, by_severity: dict[int, int]) -> None:
        """Set the open-incident gauge (every severity, zero included)."""
        for severity in Severity:
            self.open_incidents.labels(str(int(severity))).set(by_severity.get(int(severity), 0))

    def render(self, accept: str = "") -> tuple[bytes, str]:
        """Every metric, encoded as the scraper's Accept header asks (Prometheus text 0.0.4
        unless it asks for OpenMetrics or text 1.0.0), and that encoding's content type."""
        encode, content_type = choose_encoder(accept)
        return encode(self.registry), content_type


class MeteredApp(AsyncApp):
    """Bolt's app, counting each request by kind and timing it to its ack.

    async_dispatch returns once the listener has called ack(): every listener is answered
    the moment it acks (handlers/answering.py), in HTTP and Socket Mode alike. So the time
    from the call to the return is the time to ack, including verification, authorization
    and middleware (a middleware wrapping next() would miss those)."""

    def __init__(self, metrics: Metrics, acks: AckGate, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metrics = metrics
        self.acks = acks

    async def async_dispatch(self, req: AsyncBoltRequest) -> BoltResponse:
        """Dispatch as Bolt does, counting the request and timing its ack."""
        started = time.perf_counter()
        kind = request_kind(req.body)
        self.metrics.received(kind)
        self.acks.arrived()
        try:
            response = await super().async_dispatch(req)
        finally:
            self.acks.answered()
        if 200 <= response.status < 300:
            self.metrics.acked(kind, time.perf_counter() - started)
        return response
