"""Pipelines (CDP) API handlers: identify, track, page, screen, group, alias and batch.

Accepted calls are kept in ``Workspace.pipeline_calls`` and applied to people: identify sets
traits, track/page/screen store events (on the person for a ``userId``, by ``anonymousId``
otherwise), group keeps an object related to the user, alias folds ``previousId`` (its anonymous
events, or a person) into ``userId``. Invalid calls raise ``Rejected``; the emulator answers those
200 and records them in ``Workspace.dropped`` unless the caller sent ``X-Strict-Mode: 1`` (see ``Emulator``).
"""

from __future__ import annotations

import json
from typing import Any

from .wire import Call, Rejected, Reply, ok
from .workspace import Event, JSONObject, Workspace

MAX_CALL_BYTES = 32 * 1024  # "32 KB", read as KiB like Customer.io's SDK (32 << 10)
MAX_BATCH_BYTES = 500_000
CALL_TYPES = ("identify", "track", "page", "screen", "group", "alias")


def handler_for(kind: str) -> Any:
    """The handler for one single-call endpoint (``/identify``, ``/track``, ...)."""

    def handler(call: Call) -> Reply:
        if len(call.body) > MAX_CALL_BYTES:
            raise Rejected(400, "a call cannot be larger than 32 KB")
        accept(call.workspace, kind, call.json_object())
        return ok()

    handler.__doc__ = f"``POST /{kind}``: accept one {kind} call."
    return handler


def batch(call: Call) -> Reply:
    """``POST /batch``: accept each call in ``batch`` (each within 32 KB, all within 500 KB)."""
    if len(call.body) > MAX_BATCH_BYTES:
        raise Rejected(400, "a batch cannot be larger than 500 KB")
    calls = call.json_object().get("batch")
    if not isinstance(calls, list) or not all(isinstance(item, dict) for item in calls):
        raise Rejected(400, "batch must be an array of calls")
    for item in calls:
        if len(json.dumps(item, separators=(",", ":")).encode()) > MAX_CALL_BYTES:
            raise Rejected(400, "a call cannot be larger than 32 KB")
        validate(str(item.get("type")), item)
    for item in calls:
        accept(call.workspace, str(item["type"]), item)
    return ok()


def validate(kind: str, payload: JSONObject) -> None:
    """The rules Customer.io's SDKs apply before sending, for a call of type ``kind``."""
    if kind not in CALL_TYPES:
        raise Rejected(400, f"type must be one of {', '.join(CALL_TYPES)}")
    if kind == "alias":
        if not payload.get("previousId") or not payload.get("userId"):
            raise Rejected(400, "alias needs previousId and userId")
        return
    if kind == "group" and not payload.get("groupId"):
        raise Rejected(400, "group needs groupId")
    if not payload.get("userId") and not payload.get("anonymousId"):
        raise Rejected(400, "userId or anonymousId is required")
    if kind == "track" and not isinstance(payload.get("event"), str):
        raise Rejected(400, "track needs an event name")


def accept(workspace: Workspace, kind: str, payload: JSONObject) -> None:
    """Validate and keep one call, applying it to people and events."""
    validate(kind, payload)
    workspace.pipeline_calls.append({**payload, "type": kind})
    user_id = payload.get("userId")
    if kind == "identify" and user_id:
        traits = payload.get("traits")
        workspace.identify(str(user_id), traits if isinstance(traits, dict) else {})
    elif kind in ("track", "page", "screen"):
        _store_event(workspace, kind, payload)
    elif kind == "group":
        _group(workspace, payload)
    elif kind == "alias":
        _alias(workspace, str(payload["previousId"]), str(payload["userId"]))


def _group(workspace: Workspace, payload: JSONObject) -> None:
    """``group``: the object ``groupId`` (of type ``traits.object_type_id``, default 1) gets the traits,
    and the user is related to it."""
    raw = payload.get("traits")
    traits = dict(raw) if isinstance(raw, dict) else {}
    type_id = traits.pop("object_type_id", "1")
    record = workspace.objects.identify(type_id, payload["groupId"], traits, workspace.clock())
    person = workspace.find_person(str(payload["userId"])) if payload.get("userId") else None
    if person is not None:
        workspace.objects.relate(record, person.cio_id)


def _alias(workspace: Workspace, previous_id: str, user_id: str) -> None:
    """``previousId`` becomes ``userId``: its anonymous events and profile join the user's."""
    user = workspace.find_person(user_id) or workspace.identify(user_id, {})
    if user is None:
        return
    user.events.extend(workspace.anonymous_events.pop(previous_id, []))
    previous = workspace.find_person(previous_id)
    if previous is not None and previous is not user:
        workspace.merge(user, previous)


def _store_event(workspace: Workspace, kind: str, payload: JSONObject) -> None:
    name = payload.get("event") if kind == "track" else payload.get("name") or ""
    properties = payload.get("properties")
    event = Event(
        name=str(name),
        type="event" if kind == "track" else kind,
        timestamp=workspace.clock(),
        data=properties if isinstance(properties, dict) else {},
        id=payload.get("messageId") if isinstance(payload.get("messageId"), str) else None,
    )
    if payload.get("userId"):
        workspace.record_event(str(payload["userId"]), event)
    else:
        workspace.anonymous_events.setdefault(str(payload.get("anonymousId")), []).append(event)
