"""App API handlers (family ``app``, spec server ``https://api.customer.io``, Bearer auth)."""

from __future__ import annotations

from .canned import require_known_ids
from .paging import page_limit, paginate
from .shapes import sample_response
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

NEWSLETTER_PAGE_DEFAULT = 10  # undocumented default; the spec documents only the maximum
NEWSLETTER_PAGE_MAX = 100


def list_segments(call: Call) -> Reply:
    """``GET /v1/segments``: every segment, unpaginated as in Customer.io."""
    return ok({"segments": list(call.workspace.segments.values())})


def list_campaigns(call: Call) -> Reply:
    """``GET /v1/campaigns``: every campaign, unpaginated as in Customer.io."""
    return ok({"campaigns": list(call.workspace.campaigns.values())})


def get_campaign(call: Call) -> Reply:
    """``GET /v1/campaigns/{campaign_id}``: one campaign, or 404."""
    campaign_id = integer_param(call, "campaign_id")
    campaign = call.workspace.campaigns.get(campaign_id)
    if campaign is None:
        raise Rejected(404, f"campaign {campaign_id} not found")  # detail text is ours
    return ok({"campaign": campaign})


def list_newsletters(call: Call) -> Reply:
    """``GET /v1/newsletters``: newsletters by creation time, paginated with ``start``/``limit``."""
    limit = page_limit(call, NEWSLETTER_PAGE_DEFAULT, NEWSLETTER_PAGE_MAX)
    ordered = sorted(call.workspace.newsletters.values(), key=_creation_order, reverse=_descending(call))
    newsletters, next_token = paginate(ordered, call.query_value("start"), limit)
    return ok({"newsletters": newsletters, "next": next_token})


def list_workspaces(call: Call) -> Reply:
    """``GET /v1/workspaces``: the one workspace the emulator holds, with live counts."""
    workspace = call.workspace
    summary = {
        "id": workspace.environment_id,
        "name": workspace.name,
        "messages_sent": workspace.messages_sent,
        "billable_messages_sent": workspace.billable_messages_sent,
        "people": len(workspace.people),
        "object_types": 0,
        "objects": 0,
    }
    return ok({"workspaces": [summary]})


def integer_param(call: Call, name: str) -> int:
    """An integer path parameter; 400 otherwise.

    The spec types App ids as integers and lists a 400 for an invalid campaign id next to the 404
    for a missing one, so a non-integer id is answered 400, not 404.
    """
    raw = call.params[name]
    if not (raw.isascii() and raw.isdigit()):
        raise Rejected(400, f"{name} must be an integer")
    return int(raw)


def _descending(call: Call) -> bool:
    """The ``sort`` query parameter: ``asc`` (assumed default) or ``desc``; 400 otherwise."""
    sort = call.query_value("sort") or "asc"
    if sort not in ("asc", "desc"):
        raise Rejected(400, "sort must be asc or desc")
    return sort == "desc"


def _creation_order(record: JSONObject) -> tuple[int, int]:
    """Chronological order: creation time, then id to break ties."""
    return int(record.get("created", 0)), int(record["id"])


def get_newsletter(call: Call) -> Reply:
    """``GET /v1/newsletters/{newsletter_id}``: one newsletter, or 404."""
    require_known_ids(call)
    return ok({"newsletter": call.workspace.newsletters[int(call.params["newsletter_id"])]})


def delete_newsletter(call: Call) -> Reply:
    """``DELETE /v1/newsletters/{newsletter_id}``: remove a newsletter (204)."""
    require_known_ids(call)
    del call.workspace.newsletters[int(call.params["newsletter_id"])]
    return Reply(204, None)


def list_transactional(call: Call) -> Reply:
    """``GET /v1/transactional``: the transactional message templates (listed under ``messages``)."""
    return ok({"messages": list(call.workspace.transactional.values())})


def get_transactional(call: Call) -> Reply:
    """``GET /v1/transactional/{transactional_id}``: one template, or 404."""
    require_known_ids(call)
    template = call.workspace.transactional[int(call.params["transactional_id"])]
    return ok({"message": {**sample_response("app.getTransactional")["message"], **template}})
