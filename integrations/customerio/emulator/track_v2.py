"""Track API v2 handlers: ``/api/v2/entity`` (one operation) and ``/api/v2/batch`` (many).

Person operations change the workspace like their v1 counterparts; object operations create,
change and delete objects and relate people to them (objects.py); delivery operations are
validated and acknowledged. Errors use v2's
``{"errors": [{"reason", "field", "message"}]}`` envelope; a batch with some failures answers 207
with the failing ``batch_index`` values.
"""

from __future__ import annotations

import json
from typing import Any

from .checks import item_error
from .track_api import MAX_IDENTIFIER_BYTES, check_attributes, parse_event
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Person, Workspace

MAX_ENTITY_BYTES = 32_768  # "32 KB", read as KiB like the official SDKs
MAX_BATCH_BYTES = 500_000
PERSON_ACTIONS = frozenset(
    {"identify", "delete", "event", "screen", "page", "add_relationships", "delete_relationships",
     "add_device", "delete_device", "merge", "suppress", "unsuppress"}
)
OBJECT_ACTIONS = frozenset({"identify", "identify_anonymous", "delete", "add_relationships", "delete_relationships"})


class EntityError(Exception):
    """One invalid v2 operation: the ``reason``/``field``/``message`` triple Customer.io reports."""

    def __init__(self, reason: str, field: str, message: str) -> None:
        super().__init__(message)
        self.item = {"reason": reason, "field": field, "message": message}


def entity(call: Call) -> Reply:
    """``POST /api/v2/entity``: apply one person, object or delivery operation."""
    if len(call.body) > MAX_ENTITY_BYTES:
        return _errors(400, [{"reason": "too_large", "field": "", "message": "request exceeds 32 KB"}])
    try:
        apply_operation(call.workspace, call.json_object())
    except EntityError as error:
        return _errors(400, [error.item])
    return ok()


def batch(call: Call) -> Reply:
    """``POST /api/v2/batch``: apply each operation; 207 lists the ones that failed."""
    if len(call.body) > MAX_BATCH_BYTES:
        return _errors(400, [{"reason": "too_large", "field": "batch", "message": "batch exceeds 500 KB"}])
    operations = call.json_object().get("batch")
    if not isinstance(operations, list):
        return _errors(400, [{"reason": "required", "field": "batch", "message": "batch must be an array"}])
    failures = []
    for index, operation in enumerate(operations):
        try:
            _check_size(operation)
            problem = item_error("track.batch", operation)
            if problem is not None:
                raise EntityError("invalid", problem.partition(":")[0], problem)
            apply_operation(call.workspace, operation)
        except EntityError as error:
            failures.append({"batch_index": index, **error.item})
    return _errors(207, failures) if failures else ok()


def apply_operation(workspace: Workspace, operation: Any) -> None:
    """Validate one v2 operation and apply it to ``workspace``."""
    if not isinstance(operation, dict):
        raise EntityError("invalid", "", "each operation must be an object")
    kind, action = operation.get("type"), operation.get("action")
    actions = PERSON_ACTIONS if kind == "person" else OBJECT_ACTIONS if kind == "object" else None
    if kind == "delivery":
        return
    if actions is None:
        raise EntityError("invalid", "type", "type must be person, object or delivery")
    if action not in actions:
        raise EntityError("invalid", "action", f"action {action!r} is not valid for type {kind}")
    if kind == "person":
        _apply_person(workspace, action, operation)
    else:
        apply_object(workspace, action, operation)


def apply_object(workspace: Workspace, action: str, operation: JSONObject) -> None:
    """An object operation: identify (create or update), delete, or (un)relate people to it."""
    type_id, object_id = _object_key(operation.get("identifiers"))
    objects, now = workspace.objects, workspace.clock()
    if action == "delete":
        objects.delete(type_id, object_id)
        return
    record = objects.find(type_id, object_id)
    if action in ("identify", "identify_anonymous") or record is None:
        attributes = operation.get("attributes")
        record = objects.identify(type_id, object_id, attributes if isinstance(attributes, dict) else {}, now)
    for relationship in _relationships(operation):
        person = workspace.find_person(_identifier(relationship.get("identifiers")))
        if person is not None and action == "delete_relationships":
            objects.unrelate(type_id, object_id, person.cio_id)
        elif person is not None:
            objects.relate(record, person.cio_id, relationship.get("relationship_attributes"))


def _relate_person(workspace: Workspace, person: Person | None, action: str, operation: JSONObject) -> None:
    """A person's ``cio_relationships``: relate them to (or, deleting, unrelate them from) objects."""
    for relationship in _relationships(operation):
        type_id, object_id = _object_key(relationship.get("identifiers"))
        if person is None:
            continue
        if action == "delete_relationships":
            workspace.objects.unrelate(type_id, object_id, person.cio_id)
        else:
            record = workspace.objects.find(type_id, object_id) or workspace.objects.identify(
                type_id, object_id, {}, workspace.clock())
            workspace.objects.relate(record, person.cio_id, relationship.get("relationship_attributes"))


def _relationships(operation: JSONObject) -> list[JSONObject]:
    found = operation.get("cio_relationships")
    if found is None:
        return []
    if not isinstance(found, list) or not all(isinstance(r, dict) for r in found):
        raise EntityError("invalid", "cio_relationships", "cio_relationships must be an array of objects")
    return found


def _object_key(identifiers: Any) -> tuple[str, str]:
    """``(object_type_id, object_id)`` of an object's identifiers."""
    if not isinstance(identifiers, dict):
        raise EntityError("required", "identifiers", "identifiers must name object_type_id and object_id")
    type_id, object_id = identifiers.get("object_type_id"), identifiers.get("object_id")
    if type_id in (None, "") or object_id in (None, ""):
        raise EntityError("invalid", "identifiers", "identifiers must name object_type_id and object_id")
    return str(type_id), str(object_id)


def _apply_person(workspace: Workspace, action: str, operation: JSONObject) -> None:
    if action == "merge":
        _merge(workspace, operation)
        return
    identifier = _identifier(operation.get("identifiers"))
    person = workspace.find_person(identifier)
    if action == "identify":
        attributes = operation.get("attributes") or {}
        _attempt(check_attributes, attributes)
        _relate_person(workspace, workspace.identify(identifier, attributes), action, operation)
    elif action in ("event", "page", "screen"):
        # v2 carries event data in `attributes` (v1: `data`).
        event_body = {**operation, "data": operation.get("attributes"), "type": None if action == "event" else action}
        event = _attempt(parse_event, event_body, workspace.clock())
        workspace.record_event(identifier, event)
    elif action in ("add_relationships", "delete_relationships"):
        _relate_person(workspace, person, action, operation)
    elif person is not None:
        _change_person(workspace, person, action, operation)


def _change_person(workspace: Workspace, person: Person, action: str, operation: JSONObject) -> None:
    raw_device = operation.get("device")
    device: JSONObject = raw_device if isinstance(raw_device, dict) else {}
    if action == "delete":
        workspace.delete_person(person)
    elif action in ("suppress", "unsuppress"):
        person.suppressed = action == "suppress"
    elif action == "add_device" and isinstance(device.get("token"), str):
        person.devices[device["token"]] = {
            "id": device["token"],
            "platform": device.get("platform", "ios"),
            "last_used": device.get("last_used", workspace.clock()),
            "attributes": device.get("attributes", {}),
        }
    elif action == "delete_device":
        person.devices.pop(str(device.get("token")), None)


def _merge(workspace: Workspace, operation: JSONObject) -> None:
    sides = [_identifier(operation.get(side)) for side in ("primary", "secondary")]
    primary, secondary = (workspace.find_person(identifier) for identifier in sides)
    if primary is not None and secondary is not None and primary is not secondary:
        workspace.merge(primary, secondary)


def _identifier(identifiers: Any) -> str:
    """A v1-style path identifier from ``{"id"}``, ``{"email"}`` or ``{"cio_id"}``."""
    if not isinstance(identifiers, dict) or not identifiers:
        raise EntityError("required", "identifiers", "identifiers must name id, email or cio_id")
    if len(identifiers) != 1:
        raise EntityError("invalid", "identifiers", "identifiers must name exactly one of id, email or cio_id")
    id_type, value = next(iter(identifiers.items()))
    if id_type not in ("id", "email", "cio_id") or not isinstance(value, str | int) or value == "":
        raise EntityError("invalid", "identifiers", "identifiers must name id, email or cio_id")
    if len(str(value).encode()) > MAX_IDENTIFIER_BYTES:
        raise EntityError("too_long", f"identifiers.{id_type}", "identifier exceeds 150 bytes")
    return f"cio_{value}" if id_type == "cio_id" else str(value)


def _attempt(function: Any, *args: Any) -> Any:
    """Run a v1 validator, turning its rejection into a v2 error item."""
    try:
        return function(*args)
    except Rejected as rejection:
        raise EntityError("invalid", "", rejection.detail) from rejection


def _check_size(operation: Any) -> None:
    if len(json.dumps(operation, separators=(",", ":")).encode()) > MAX_ENTITY_BYTES:
        raise EntityError("too_large", "", "operation exceeds 32 KB")


def _errors(status: int, items: list[JSONObject]) -> Reply:
    return Reply(status, {"errors": items})
