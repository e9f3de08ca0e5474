"""Track API v1 handlers that change people: delete, devices, suppression, merge, manual segments."""

from __future__ import annotations

from typing import Any

from .track_api import customer_identifier
from .wire import Call, Rejected, Reply, ok
from .workspace import Person

MAX_SEGMENT_IDS = 1000  # documented per add/remove request
DEVICE_PLATFORMS = ("ios", "android")
ID_TYPES = ("id", "email", "cio_id")


def delete_customer(call: Call) -> Reply:
    """``DELETE /api/v1/customers/{identifier}``: forget a person; unknown people are a no-op."""
    person = call.workspace.find_person(customer_identifier(call))
    if person is not None:
        call.workspace.delete_person(person)
    return ok()


def add_device(call: Call) -> Reply:
    """``PUT /api/v1/customers/{identifier}/devices``: add or update a push device."""
    person = _person_or_create(call)
    device = call.json_object().get("device")
    if not isinstance(device, dict) or not isinstance(device.get("id"), str) or not device["id"]:
        raise Rejected(400, "device id must be a non-empty string")
    if device.get("platform") not in DEVICE_PLATFORMS:
        raise Rejected(400, "device platform must be ios or android")
    stored = {"id": device["id"], "platform": device["platform"]}
    stored["last_used"] = _int_or(device.get("last_used"), call.workspace.clock())
    stored["attributes"] = device.get("attributes") if isinstance(device.get("attributes"), dict) else {}
    if person is not None:
        person.devices[device["id"]] = stored
    return ok()


def delete_device(call: Call) -> Reply:
    """``DELETE /api/v1/customers/{identifier}/devices/{device_id}``: remove a device if present."""
    person = call.workspace.find_person(customer_identifier(call))
    if person is not None:
        person.devices.pop(call.params["device_id"], None)
    return ok()


def suppress(call: Call) -> Reply:
    """``POST /api/v1/customers/{identifier}/suppress``: delete the person and block re-adding."""
    person = _person_or_create(call)
    if person is not None:
        person.suppressed = True
    return ok()


def unsuppress(call: Call) -> Reply:
    """``POST /api/v1/customers/{identifier}/unsuppress``: allow the identifier again."""
    person = call.workspace.find_person(customer_identifier(call))
    if person is not None:
        person.suppressed = False
    return ok()


def merge_customers(call: Call) -> Reply:
    """``POST /api/v1/merge_customers``: fold ``secondary`` into ``primary``."""
    body = call.json_object()
    primary = _merge_side(call, body.get("primary"), "primary")
    secondary = _merge_side(call, body.get("secondary"), "secondary")
    if primary is not None and secondary is not None and primary is not secondary:
        call.workspace.merge(primary, secondary)
    return ok()


def add_to_segment(call: Call) -> Reply:
    """``POST /api/v1/segments/{segment_id}/add_customers``: add known people to a manual segment."""
    segment_id, people = _segment_change(call)
    members = call.workspace.segment_members.setdefault(segment_id, [])
    members.extend(person.cio_id for person in people if person.cio_id not in members)
    return ok()


def remove_from_segment(call: Call) -> Reply:
    """``POST /api/v1/segments/{segment_id}/remove_customers``: remove people from a manual segment."""
    segment_id, people = _segment_change(call)
    members = call.workspace.segment_members.setdefault(segment_id, [])
    for person in people:
        if person.cio_id in members:
            members.remove(person.cio_id)
    return ok()


def _person_or_create(call: Call) -> Person | None:
    identifier = customer_identifier(call)
    return call.workspace.find_person(identifier) or call.workspace.identify(identifier, {})


def _merge_side(call: Call, side: Any, label: str) -> Person | None:
    """The person one side of a merge names (exactly one of id, email, cio_id)."""
    if not isinstance(side, dict) or len(side) != 1 or next(iter(side)) not in ID_TYPES:
        # Customer.io answers merge errors as {"meta": {"error": ...}}; the text is ours.
        raise Rejected(400, f"{label} must name exactly one of id, email or cio_id")
    id_type, value = next(iter(side.items()))
    if not isinstance(value, str) or not value:
        raise Rejected(400, f"{label} {id_type} must be a non-empty string")
    return call.workspace.find_by(id_type, value)


def _segment_change(call: Call) -> tuple[int, list[Person]]:
    """The manual segment and the known people a membership change names (at most 1000 ids)."""
    segment_id = int(call.params["segment_id"])
    segment = call.workspace.segments.get(segment_id)
    if segment is None:
        raise Rejected(404, f"segment {segment_id} not found")  # ours
    if segment.get("type") != "manual":
        raise Rejected(400, "only manual segments can be changed through this API")  # ours
    ids = call.json_object().get("ids")
    if not isinstance(ids, list) or not all(isinstance(value, str) for value in ids):
        raise Rejected(400, "ids must be an array of strings")
    if len(ids) > MAX_SEGMENT_IDS:
        raise Rejected(400, f"cannot add or remove more than {MAX_SEGMENT_IDS} ids in one request")
    id_type = call.query_value("id_type") or "id"
    found = (call.workspace.find_by(id_type, value) for value in ids)
    return segment_id, [person for person in found if person is not None]


def _int_or(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default
