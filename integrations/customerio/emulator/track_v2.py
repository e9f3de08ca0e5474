"""Track API v2 handlers: ``/api/v2/entity`` (one operation) and ``/api/v2/batch`` (many).

Person operations change the workspace like their v1 counterparts; object operations and
relationships change the workspace's objects (``objects``); delivery operations are validated
and acknowledged. Errors use v2's
``{"errors": [{"reason", "field", "message"}]}`` envelope; a batch with some failures answers 207
with the failing ``batch_index`` values.
"""

from __future__ import annotations

import json
from typing import Any

from . import objects
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
        _apply_object(workspace, action, operation)


def _apply_object(workspace: Workspace, action: str, operation: JSONObject) -> None:
    """Object identify/delete and relationship changes (people named by their identifiers)."""
    ids = operation.get("identifiers")
    target = objects.find_object(workspace, ids)
    if action in ("identify", "identify_anonymous") and isinstance(ids, dict) and "object_id" in ids:
        attributes = operation.get("attributes")
        target = objects.upsert(workspace, ids.get("object_type_id"), ids["object_id"],
                                attributes if isinstance(attributes, dict) else {})
    elif action == "delete" and target is not None:
        objects.delete(workspace, target.type_id, target.object_id)
        return
    if target is None:
        return
    for item in operation.get("cio_relationships") or []:
        person = workspace.find_person(_identifier(item.get("identifiers"))) if isinstance(item, dict) else None
        if person is None:
            continue
        if action == "delete_relationships":
            objects.unrelate(workspace, person, target.type_id, target.object_id)
        else:
            objects.relate(workspace, person, target.type_id, target.object_id, item.get("relationship_attributes"))


def _apply_person(workspace: Workspace, action: str, operation: JSONObject) -> None:
    if action == "merge":
        _merge(workspace, operation)
        return
    identifier = _identifier(operation.get("identifiers"))
    person = workspace.find_person(identifier)
    if action == "identify":
        attributes = operation.get("attributes") or {}
        _attempt(check_attributes, attributes)
        person = workspace.identify(identifier, attributes)
        if person is not None:
            objects.apply_relationships(workspace, person, operation.get("cio_relationships"))
    elif action in ("event", "page", "screen"):
        # v2 carries event data in `attributes` (v1: `data`).
        event_body = {**operation, "data": operation.get("attributes"), "type": None if action == "event" else action}
        event = _attempt(parse_event, event_body, workspace.clock())
        workspace.record_event(identifier, event)
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
    elif action in ("add_relationships", "delete_relationships"):
        objects.apply_relationships(workspace, person, operation.get("cio_relationships"),
                                    remove=action == "delete_relationships")


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
