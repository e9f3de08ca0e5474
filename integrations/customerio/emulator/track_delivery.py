"""Track API handlers about deliveries and forms: unsubscribe links, metrics, form submissions.

``/unsubscribe/{delivery_id}``, ``/api/v1/metrics`` and ``/api/v1/push/events`` are public in the
spec (they are called from messages and devices). Each reported metric is stored on the matching
delivery's ``metrics`` (unknown deliveries are accepted and ignored, as they may be real ones the
emulator never sent).
"""

from __future__ import annotations

from .wire import Call, Reply, ok
from .workspace import JSONObject, Workspace


def unsubscribe(call: Call) -> Reply:
    """``POST /unsubscribe/{delivery_id}``: unsubscribe the delivery's recipient."""
    body = call.json_object()
    delivery = _delivery(call.workspace, call.params["delivery_id"])
    if delivery is not None and body.get("unsubscribe", True) is not False:
        person = call.workspace.find_person(f"cio_{delivery.get('customer_cio_id', '')}")
        if person is not None:
            person.attributes["unsubscribed"] = True
        delivery.setdefault("metrics", {})["unsubscribed"] = call.workspace.clock()
    return ok()


def report_metric(call: Call) -> Reply:
    """``POST /api/v1/metrics``: record a delivery metric (opened, clicked, ...)."""
    body = call.json_object()
    _record(call.workspace, str(body.get("delivery_id", "")), str(body.get("metric")), body.get("timestamp"))
    return ok()


def report_push_metric(call: Call) -> Reply:
    """``POST /api/v1/push/events``: record a push delivery metric from a device."""
    body = call.json_object()
    _record(call.workspace, str(body.get("delivery_id", "")), str(body.get("event")), body.get("timestamp"))
    return ok()


def submit_form(call: Call) -> Reply:
    """``POST /api/v1/forms/{form_id}/submit``: accept a form submission (204, no body)."""
    call.json_object()
    return Reply(204, None)


def _record(workspace: Workspace, delivery_id: str, metric: str, timestamp: object) -> None:
    delivery = _delivery(workspace, delivery_id)
    if delivery is not None:
        when = timestamp if isinstance(timestamp, int) and not isinstance(timestamp, bool) else workspace.clock()
        delivery.setdefault("metrics", {})[metric] = when


def _delivery(workspace: Workspace, delivery_id: str) -> JSONObject | None:
    return next((message for message in workspace.messages if message.get("id") == delivery_id), None)
