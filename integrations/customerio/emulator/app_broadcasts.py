"""App API broadcasts: list/get, trigger (recorded and processed at once), status, errors, triggers.

Triggers are processed synchronously: each resolved recipient gets a delivery; ids or emails
naming nobody become trigger errors unless ``id_ignore_missing``/``email_ignore_missing`` is set.
The documented one-trigger-per-10-seconds limit is not enforced (fault injection covers 429s).
"""

from __future__ import annotations

import json
from typing import Any

from .app_people import matches
from .canned import require_known_ids
from .paging import page_limit, paginate
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Person, Workspace

MAX_TRIGGER_DATA_BYTES = 50_000
MAX_TRIGGER_RECIPIENTS = 10_000
ERRORS_PAGE = (50, 1000)


def list_broadcasts(call: Call) -> Reply:
    """``GET /v1/broadcasts``: every broadcast."""
    return ok({"broadcasts": list(call.workspace.broadcasts.values())})


def get_broadcast(call: Call) -> Reply:
    """``GET /v1/broadcasts/{broadcast_id}``: one broadcast, or 404."""
    require_known_ids(call)
    return ok({"broadcast": call.workspace.broadcasts[int(call.params["broadcast_id"])]})


def trigger_broadcast(call: Call) -> Reply:
    """``POST /v1/campaigns/{broadcast_id}/triggers``: send a broadcast; answers the trigger id."""
    require_known_ids(call)
    body = call.json_object()
    _check_trigger(body)
    workspace = call.workspace
    trigger_id = workspace.next_id(workspace.triggers)
    people, errors = _audience(workspace, body)
    now = workspace.clock()
    workspace.triggers[trigger_id] = {
        "id": trigger_id,
        "broadcast_id": int(call.params["broadcast_id"]),
        "created_at": now,
        "processed_at": now,
        "errors": errors,
    }
    for person in people:
        _deliver(workspace, int(call.params["broadcast_id"]), person)
    return ok({"id": trigger_id})


def trigger_status(call: Call) -> Reply:
    """``GET /v1/campaigns/{broadcast_id}/triggers/{trigger_id}``: when it was created and processed."""
    return ok(_public(_trigger(call)))


def trigger_errors(call: Call) -> Reply:
    """``GET /v1/campaigns/{broadcast_id}/triggers/{trigger_id}/errors``: recipient errors, paged."""
    errors = _trigger(call)["errors"]
    page, next_token = paginate(errors, call.query_value("start"), page_limit(call, *ERRORS_PAGE))
    return ok({"errors": page, "next": next_token})


def list_triggers(call: Call) -> Reply:
    """``GET /v1/broadcasts/{broadcast_id}/triggers``: the broadcast's triggers."""
    require_known_ids(call)
    broadcast_id = int(call.params["broadcast_id"])
    found = [_public(t) for t in call.workspace.triggers.values() if t["broadcast_id"] == broadcast_id]
    return ok({"triggers": found})


def _check_trigger(body: JSONObject) -> None:
    if "recipients" in body and not body["recipients"]:
        raise Rejected(422, "empty recipients filter is not valid", pointer="/recipients")
    data = body.get("data")
    if data is not None and len(json.dumps(data, separators=(",", ":")).encode()) > MAX_TRIGGER_DATA_BYTES:
        raise Rejected(422, f"data cannot be larger than {MAX_TRIGGER_DATA_BYTES} bytes", pointer="/data")
    for key in ("ids", "emails", "per_user_data"):
        if isinstance(body.get(key), list) and len(body[key]) > MAX_TRIGGER_RECIPIENTS:
            raise Rejected(422, f"{key} cannot list more than {MAX_TRIGGER_RECIPIENTS} entries", pointer=f"/{key}")


def _audience(workspace: Workspace, body: JSONObject) -> tuple[list[Person], list[str]]:
    """The people a trigger reaches and the errors for recipients naming nobody."""
    if "recipients" in body:
        return [p for p in workspace.people if matches(workspace, p, body["recipients"])], []
    named = _named(body)
    people: list[Person] = []
    errors: list[str] = []
    for id_type, value in named:
        person = workspace.find_by(id_type, str(value))
        if person is not None:
            people.append(person)
        elif not body.get(f"{'email' if id_type == 'email' else 'id'}_ignore_missing"):
            errors.append(f"no person with {id_type} {value}")
    return people, errors


def _named(body: JSONObject) -> list[tuple[str, Any]]:
    named = [("id", value) for value in body.get("ids") or []]
    named += [("email", value) for value in body.get("emails") or []]
    for entry in body.get("per_user_data") or []:
        if isinstance(entry, dict):
            named += [(key, entry[key]) for key in ("id", "email") if key in entry][:1]
    return named


def _deliver(workspace: Workspace, broadcast_id: int, person: Person) -> None:
    delivery_id = f"bc-{broadcast_id}-{len(workspace.messages) + 1}"
    workspace.record_delivery(delivery_id, person, person.email or "", "email", broadcast_id=broadcast_id)


def _trigger(call: Call) -> JSONObject:
    require_known_ids(call)
    trigger = call.workspace.triggers.get(int(call.params["trigger_id"]))
    if trigger is None or trigger["broadcast_id"] != int(call.params["broadcast_id"]):
        raise Rejected(404, "trigger not found")  # detail text is ours
    return trigger


def _public(trigger: JSONObject) -> JSONObject:
    return {key: trigger[key] for key in ("id", "broadcast_id", "created_at", "processed_at")}
