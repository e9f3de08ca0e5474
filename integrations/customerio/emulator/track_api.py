"""Track API v1 handlers (family ``track``, spec server ``https://track.customer.io``).

Limits and messages follow Customer.io's "Invalid API requests" page; limits count UTF-8 bytes.
Messages marked "ours" in comments are not documented and were written for the emulator.
"""

from __future__ import annotations

import json
from typing import Any

from .wire import Call, Rejected, Reply, ok
from .workspace import Event, JSONObject

MAX_IDENTIFIER_BYTES = 150
MAX_ATTRIBUTES = 300
MAX_ATTRIBUTE_NAME_BYTES = 150
MAX_ATTRIBUTE_VALUE_BYTES = 1000
MAX_EVENT_NAME_BYTES = 100
MAX_EVENT_DATA_BYTES = 100_000
EVENT_TYPES = ("event", "page", "screen")
TRACK_HOSTS = {"us": "https://track.customer.io", "eu": "https://track-eu.customer.io"}


def identify_customer(call: Call) -> Reply:
    """``PUT /api/v1/customers/{identifier}``: create or update a person from flat attributes."""
    identifier = customer_identifier(call)
    attributes = call.json_object()
    check_attributes(attributes)
    person = call.workspace.identify(identifier, attributes)
    relationships = attributes.get("cio_relationships")
    if person is not None and isinstance(relationships, dict):
        # v1 sends {"action": "add_relationships"|"delete_relationships", "relationships": [...]}
        _relate(call.workspace, person, relationships)
    return ok()


def track_customer_event(call: Call) -> Reply:
    """``POST /api/v1/customers/{identifier}/events``: store an event (once per event id)."""
    identifier = customer_identifier(call)
    event = parse_event(call.json_object(), call.workspace.clock())
    call.workspace.record_event(identifier, event)
    return ok()


def _relate(workspace: Any, person: Any, change: JSONObject) -> None:
    """Apply a v1 identify's ``cio_relationships`` to the workspace's objects."""
    for item in change.get("relationships") or []:
        ids = item.get("identifiers") if isinstance(item, dict) else None
        if not isinstance(ids, dict) or ids.get("object_id") in (None, ""):
            continue
        type_id = ids.get("object_type_id") or "1"
        if change.get("action") == "delete_relationships":
            workspace.objects.unrelate(type_id, ids["object_id"], person.cio_id)
            continue
        record = workspace.objects.find(type_id, ids["object_id"]) or workspace.objects.identify(
            type_id, ids["object_id"], {}, workspace.clock())
        workspace.objects.relate(record, person.cio_id, item.get("relationship_attributes"))


def precheck_identify(call: Call) -> None:
    """The documented identify rules (identifier and attribute limits), before the schema's."""
    customer_identifier(call)
    body = call.json_body()
    if isinstance(body, dict):
        check_attributes(body)


def precheck_event(call: Call) -> None:
    """The documented event rules (blank or long names, data size), before the schema's."""
    if "identifier" in call.params:
        customer_identifier(call)
    body = call.json_body()
    parse_event(body if isinstance(body, dict) else {}, call.workspace.clock())


def account_region(call: Call) -> Reply:
    """``GET /api/v1/accounts/region``: the region and workspace these credentials belong to."""
    return ok(
        {
            "url": TRACK_HOSTS[call.region],
            "region": call.region,
            "environment_id": call.workspace.environment_id,
        }
    )


def customer_identifier(call: Call) -> str:
    """The decoded ``{identifier}`` path segment, checked against the 150-byte id limit."""
    identifier = call.params["identifier"]
    if identifier == "":
        raise Rejected(400, "id attribute cannot be an empty string")
    if _size(identifier) > MAX_IDENTIFIER_BYTES:
        # Ours: the documented limit is 150 bytes, the message for the path form is not documented.
        raise Rejected(400, f"identifier cannot be longer than {MAX_IDENTIFIER_BYTES} bytes")
    return identifier


def check_attributes(attributes: JSONObject) -> None:
    """Apply the documented identify limits: count, name size, value size, and the id attribute."""
    if len(attributes) > MAX_ATTRIBUTES:
        raise Rejected(400, f"cannot identify more than {MAX_ATTRIBUTES} attributes in one request")
    for name, value in attributes.items():
        if _size(name) > MAX_ATTRIBUTE_NAME_BYTES:
            raise Rejected(400, f"attribute name cannot be longer than {MAX_ATTRIBUTE_NAME_BYTES} bytes")
        if _value_size(value) > MAX_ATTRIBUTE_VALUE_BYTES:
            raise Rejected(
                400, f"value for attribute '{name}' cannot be longer than {MAX_ATTRIBUTE_VALUE_BYTES} bytes"
            )
    if "id" in attributes:
        check_id_attribute(attributes["id"])


def check_id_attribute(value: Any) -> None:
    """The ``id`` attribute must be a non-empty string within the 150-byte identifier limit."""
    if not isinstance(value, str):
        raise Rejected(400, "id attribute must be a string value")
    if value == "":
        raise Rejected(400, "id attribute cannot be an empty string")
    if _size(value) > MAX_IDENTIFIER_BYTES:
        # Ours, as for the path identifier.
        raise Rejected(400, f"id attribute cannot be longer than {MAX_IDENTIFIER_BYTES} bytes")


def parse_event(body: JSONObject, now: int) -> Event:
    """Validate a track-event body and build the stored event (server time when none given)."""
    name = _event_name(body.get("name"))
    return Event(
        name=name,
        type=_event_type(body.get("type")),
        timestamp=_event_timestamp(body.get("timestamp"), now),
        data=_event_data(body.get("data")),
        id=_event_id(body.get("id")),
    )


def _event_name(name: Any) -> str:
    """The trimmed event name; blank or over 100 bytes is rejected."""
    # A non-string name is treated as blank; Customer.io's answer to it is undocumented.
    trimmed = name.strip() if isinstance(name, str) else ""
    if trimmed == "":
        raise Rejected(400, "event name must not be blank")
    if _size(trimmed) > MAX_EVENT_NAME_BYTES:
        raise Rejected(400, f"event name cannot be longer than {MAX_EVENT_NAME_BYTES} bytes")
    return trimmed


def _event_data(data: Any) -> JSONObject:
    """The event's ``data`` object (absent or null counts as empty), within 100 000 bytes of JSON."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Rejected(400, "event data must be a hash")
    if _size(_json_text(data)) > MAX_EVENT_DATA_BYTES:
        raise Rejected(400, f"event data cannot be longer than {MAX_EVENT_DATA_BYTES} bytes")
    return data


def _event_type(kind: Any) -> str:
    """``event`` (the default), ``page`` or ``screen``, per the spec's enum."""
    if kind is None:
        return "event"
    if kind not in EVENT_TYPES:
        raise Rejected(400, "event type must be one of event, page, screen")  # ours
    return str(kind)


def _event_timestamp(timestamp: Any, now: int) -> int:
    """The sender's unix-seconds timestamp, or ``now`` when none is given."""
    if timestamp is None:
        return now
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise Rejected(400, "event timestamp must be a unix timestamp in seconds")  # ours
    return timestamp


def _event_id(event_id: Any) -> str | None:
    """The de-duplication id: a non-empty string (the spec says ULID; format is not enforced)."""
    if event_id is None or event_id == "":
        return None
    if not isinstance(event_id, str):
        raise Rejected(400, "event id must be a string")  # ours
    return event_id


def _value_size(value: Any) -> int:
    """Bytes an attribute value counts for: raw UTF-8 for strings, JSON text for the rest."""
    return _size(value) if isinstance(value, str) else _size(_json_text(value))


def _json_text(value: Any) -> str:
    """Compact JSON, non-ASCII kept as is, so sizes count UTF-8 bytes rather than escapes."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _size(text: str) -> int:
    """Length of ``text`` in UTF-8 bytes."""
    return len(text.encode("utf-8", errors="surrogatepass"))


def track_anonymous_event(call: Call) -> Reply:
    """``POST /api/v1/events``: an event for an anonymous visitor (or none), kept by anonymous_id."""
    body = call.json_object()
    event = parse_event(body, call.workspace.clock())
    anonymous_id = body.get("anonymous_id")
    if anonymous_id is not None and not isinstance(anonymous_id, str):
        raise Rejected(400, "anonymous_id must be a string")  # ours
    workspace = call.workspace
    if event.id is not None and event.id in workspace.seen_event_ids:
        return ok()
    if event.id is not None:
        workspace.seen_event_ids.add(event.id)
    workspace.anonymous_events.setdefault(anonymous_id or "", []).append(event)
    return ok()
