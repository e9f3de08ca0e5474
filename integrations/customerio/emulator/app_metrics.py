"""Metrics derived from the deliveries the workspace recorded (sends, broadcast triggers, samples).

A series counts, per time bucket, the deliveries whose ``metrics`` carry that metric's timestamp
in the bucket (``created`` counts the delivery's creation); the series names are the ones the
operation's spec answer lists (``2xx``..``5xx`` webhook answers are never recorded: zeros).

Buckets: v1 parameters (``period`` = hours|days|weeks|months, ``steps``) give ``steps`` buckets
ending now; v2 parameters (``res`` with ``start``/``end``) give buckets from ``start`` to ``end``.
A month is 30 days. ``type`` keeps deliveries of that channel. Defaults are undocumented: 7 days,
and for v2 the 7 days up to ``end``. Link metrics are empty: the emulator records no link clicks.
"""

from __future__ import annotations

from collections.abc import Callable

from .canned import require_known_ids
from .shapes import sample_response
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

SPAN = {"hours": 3_600, "days": 86_400, "weeks": 604_800, "months": 2_592_000}
RES = {"hourly": "hours", "daily": "days", "weekly": "weeks", "monthly": "months", **{k: k for k in SPAN}}
MAX_STEPS = {"hours": 24, "days": 45, "weeks": 12, "months": 121}  # the documented maxima
DEFAULT_STEPS = 7
MAX_BUCKETS = 10_000
Selector = Callable[[Call], Callable[[JSONObject], bool]]


def by(**params: str) -> Selector:
    """Deliveries whose fields equal the named path parameters (``campaign_id="campaign_id"``)."""

    def select(call: Call) -> Callable[[JSONObject], bool]:
        require_known_ids(call)
        wanted = {field: int(call.params[param]) for field, param in params.items()}
        return lambda message: all(message.get(field) == value for field, value in wanted.items())

    return select


def series_handler(operation: str, select: Selector) -> Callable[[Call], Reply]:
    """A metrics handler: ``{"metric": {"series": {name: [count per bucket]}}}``."""

    def handler(call: Call) -> Reply:
        keep = select(call)
        kind = call.query_value("type")
        messages = [m for m in call.workspace.messages if keep(m) and (kind is None or m.get("type") == kind)]
        starts, span = buckets(call)
        names = sample_response(operation)["metric"]["series"]
        return ok({"metric": {"series": {name: _counts(messages, name, starts, span) for name in names}}})

    handler.__doc__ = "Metric series counted from the recorded deliveries."
    return handler


def journey_handler(call: Call) -> Reply:
    """``GET /v1/campaigns/{campaign_id}/journey_metrics``: journeys counted from deliveries."""
    keep = by(campaign_id="campaign_id")(call)
    messages = [m for m in call.workspace.messages if keep(m)]
    starts, span = buckets(call)
    messaged = _counts(messages, "sent", starts, span)
    names = sample_response("app.campaignJourneyMetrics")["journey_metric"]
    counted = {"messaged": messaged, "started": messaged, "activated": messaged, "finished": messaged}
    return ok({"journey_metric": {name: counted.get(name, [0] * len(starts)) for name in names}})


def links_handler(select: Selector) -> Callable[[Call], Reply]:
    """Link metrics: none (no link clicks are recorded), after checking the owner exists."""

    def handler(call: Call) -> Reply:
        select(call)
        return ok({"links": []})

    handler.__doc__ = "Link click metrics (none recorded)."
    return handler


def buckets(call: Call) -> tuple[list[int], int]:
    """The bucket start times and the bucket length the query asks for."""
    res = call.query_value("res")
    if res is not None or call.query_value("start") is not None or call.query_value("end") is not None:
        span = SPAN[RES[res or "days"]]
        end = _int(call, "end", call.workspace.clock())
        start = _int(call, "start", end - DEFAULT_STEPS * SPAN["days"])
        if start > end:
            raise Rejected(400, "start must not be after end")  # text is ours
        count = min(max((end - start + span - 1) // span, 1), MAX_BUCKETS)
        return [start + index * span for index in range(count)], span
    period = call.query_value("period") or "days"
    span = SPAN[period]
    steps = _int(call, "steps", DEFAULT_STEPS)
    if steps < 1:
        raise Rejected(400, "steps must be at least 1")  # text is ours
    steps = min(steps, MAX_STEPS[period])
    now = call.workspace.clock()
    first = now - now % span - (steps - 1) * span
    return [first + index * span for index in range(steps)], span


def _int(call: Call, name: str, default: int) -> int:
    raw = call.query_value(name)
    return default if raw is None or raw == "" else int(raw)  # the schema check made it an integer


def _counts(messages: list[JSONObject], name: str, starts: list[int], span: int) -> list[int]:
    counts = [0] * len(starts)
    if not starts:
        return counts
    for message in messages:
        when = message.get("created") if name == "created" else (message.get("metrics") or {}).get(name)
        if isinstance(when, int) and starts[0] <= when < starts[-1] + span:
            counts[(when - starts[0]) // span] += 1
    return counts


HANDLERS = {
    "app.campaignMetrics": series_handler("app.campaignMetrics", by(campaign_id="campaign_id")),
    "app.campaignActionMetrics": series_handler(
        "app.campaignActionMetrics", by(campaign_id="campaign_id", action_id="action_id")),
    "app.broadcastMetrics": series_handler("app.broadcastMetrics", by(broadcast_id="broadcast_id")),
    "app.broadcastActionMetrics": series_handler(
        "app.broadcastActionMetrics", by(broadcast_id="broadcast_id", action_id="action_id")),
    "app.getNewsletterMetrics": series_handler("app.getNewsletterMetrics", by(newsletter_id="newsletter_id")),
    "app.getVariantMetrics": series_handler(
        "app.getVariantMetrics", by(newsletter_id="newsletter_id", content_id="content_id")),
    "app.transactionalMetrics": series_handler(
        "app.transactionalMetrics", by(transactional_message_id="transactional_id")),
    "app.campaignJourneyMetrics": journey_handler,
    "app.campaignLinkMetrics": links_handler(by(campaign_id="campaign_id")),
    "app.campaignActionLinks": links_handler(by(campaign_id="campaign_id", action_id="action_id")),
    "app.broadcastLinks": links_handler(by(broadcast_id="broadcast_id")),
    "app.broadcastActionLinks": links_handler(by(broadcast_id="broadcast_id", action_id="action_id")),
    "app.getNewsletterLinks": links_handler(by(newsletter_id="newsletter_id")),
    "app.getVariantLinks": links_handler(by(newsletter_id="newsletter_id", content_id="content_id")),
    "app.transactionalLinks": links_handler(by(transactional_message_id="transactional_id")),
}
