"""App API segment handlers: create/delete manual segments, read segments, counts and membership."""

from __future__ import annotations

from .canned import require_known_ids
from .paging import page_limit, paginate
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

MEMBERSHIP_PAGE = (1000, 30_000)


def create_manual_segment(call: Call) -> Reply:
    """``POST /v1/segments``: a new, empty manual segment."""
    spec = call.json_object().get("segment")
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"].strip():
        raise Rejected(400, "segment name is required")
    workspace = call.workspace
    segment_id = workspace.next_id(workspace.segments)
    segment: JSONObject = {
        "id": segment_id,
        "deduplicate_id": f"{segment_id}:{workspace.clock()}",
        "name": spec["name"],
        "description": spec.get("description") if isinstance(spec.get("description"), str) else "",
        "state": "finished",
        "progress": None,
        "type": "manual",
        "tags": [],
    }
    workspace.segments[segment_id] = segment
    workspace.segment_members[segment_id] = []
    return ok({"segment": segment})


def get_segment(call: Call) -> Reply:
    """``GET /v1/segments/{segment_id}``: one segment, or 404."""
    return ok({"segment": _segment(call)})


def delete_manual_segment(call: Call) -> Reply:
    """``DELETE /v1/segments/{segment_id}``: remove a segment and its membership (204)."""
    segment_id = _segment(call)["id"]
    del call.workspace.segments[segment_id]
    call.workspace.segment_members.pop(segment_id, None)
    return Reply(204, None)


def segment_customer_count(call: Call) -> Reply:
    """``GET /v1/segments/{segment_id}/customer_count``: how many people are in the segment."""
    return ok({"count": len(call.workspace.members_of(_segment(call)["id"]))})


def segment_membership(call: Call) -> Reply:
    """``GET /v1/segments/{segment_id}/membership``: members' identifiers, paged."""
    members = call.workspace.members_of(_segment(call)["id"])
    page, next_token = paginate(members, call.query_value("start"), page_limit(call, *MEMBERSHIP_PAGE))
    return ok({"identifiers": [p.identifiers for p in page], "ids": [p.id or "" for p in page], "next": next_token})


def _segment(call: Call) -> JSONObject:
    require_known_ids(call)
    return call.workspace.segments[int(call.params["segment_id"])]
