"""App API workspace records: reporting webhooks, collections, sender identities, topics.

Each is a ``Resource`` (see ``resources``); the handlers beyond plain CRUD are collection contents
(rows kept as given, ``rows``/``bytes``/``schema`` derived from them) and the "used by" answers
derived from the campaigns and newsletters that name a segment or sender.
"""

from __future__ import annotations

import json

from .paging import page_limit, paginate
from .resources import Resource, create, creator, deleter, getter, lister, updater
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Workspace

WEBHOOKS = Resource("reporting_webhooks", "webhook_id", item=None, items="reporting_webhooks",
                    template="app.getWebhook")
COLLECTIONS = Resource("collections", "collection_id", item="collection", items="collections",
                       template="app.getCollection")
SENDERS = Resource("sender_identities", "sender_id", item="sender_identity", items="sender_identities",
                   template="app.getSender")
TOPICS = Resource("subscription_topics", "topic_id", item=None, items="topics", template="app.getTopics")
SENDER_PAGE = (50, 1000)  # the App API's usual page bounds; undocumented for this list


def collection_contents(call: Call) -> Reply:
    """``GET /v1/collections/{collection_id}/content``: the collection's data as stored: the object the
    last content ``PUT`` sent, or ``{"data": rows}`` for a collection made from rows."""
    return ok(dict(COLLECTIONS.find(call).get("_content", {})))


def replace_collection_contents(call: Call) -> Reply:
    """``PUT /v1/collections/{collection_id}/content``: replace the rows (the body is the content)."""
    record = COLLECTIONS.find(call)
    set_content(record, call.json_object(), call.workspace.clock())
    return ok({"collection": _public(record)})


def create_collection(call: Call) -> Reply:
    """``POST /v1/collections``: a collection from inline ``data`` rows or a ``url`` to fetch."""
    body = call.json_object()
    fields = {"name": body["name"]} if isinstance(body.get("name"), str) else {}
    record = create(COLLECTIONS, call.workspace, fields)
    rows = body.get("data")
    set_content(record, {"data": rows if isinstance(rows, list) else []}, call.workspace.clock())
    if isinstance(body.get("url"), str):
        record["_url"] = body["url"]  # not fetched: the emulator has no network
    return ok({"collection": _public(record)})


def update_collection(call: Call) -> Reply:
    """``PUT /v1/collections/{collection_id}``: rename and/or replace the rows."""
    record = COLLECTIONS.find(call)
    body = call.json_object()
    if isinstance(body.get("name"), str):
        record["name"] = body["name"]
    if isinstance(body.get("data"), list):
        set_content(record, {"data": body["data"]}, call.workspace.clock())
    record["updated_at"] = call.workspace.clock()
    return ok({"collection": _public(record)})


def get_collection(call: Call) -> Reply:
    """``GET /v1/collections/{collection_id}``: one collection without its rows."""
    return ok({"collection": _public(COLLECTIONS.find(call))})


def list_collections(call: Call) -> Reply:
    """``GET /v1/collections``: every collection without its rows."""
    return ok({"collections": [_public(r) for r in COLLECTIONS.records(call.workspace).values()]})


def list_senders(call: Call) -> Reply:
    """``GET /v1/sender_identities``: sender identities by id (``sort=desc`` reverses), paged."""
    records = list(SENDERS.records(call.workspace).values())
    if call.query_value("sort") == "desc":
        records.reverse()
    page, next_token = paginate(records, call.query_value("start"), page_limit(call, *SENDER_PAGE))
    return ok({"sender_identities": page, "next": next_token})


def sender_usage(call: Call) -> Reply:
    """``GET /v1/sender_identities/{sender_id}/used_by``: campaigns and newsletters sending as it."""
    sender_id = SENDERS.find(call)["id"]
    return ok(_used_by(call.workspace, "sender_ids", sender_id))


def segment_usage(call: Call) -> Reply:
    """``GET /v1/segments/{segment_id}/used_by``: campaigns and newsletters that target the segment."""
    segment_id = int(call.params["segment_id"])
    if segment_id not in call.workspace.segments:
        raise Rejected(404, f"segment {segment_id} not found")  # text is ours
    return ok({"used_by": _used_by(call.workspace, "segment_ids", segment_id)})


def ip_addresses(call: Call) -> Reply:
    """``GET /v1/info/ip_addresses``: the addresses the workspace sends from (documentation range)."""
    return ok({"ip_addresses": list(call.workspace.sending_ips)})


def _used_by(workspace: Workspace, kind: str, wanted: int) -> JSONObject:
    """The campaigns and newsletters naming ``wanted`` (a segment, or a sender in their content)."""
    from .app_content import contents

    senders: dict[str, set[int]] = {"campaign": set(), "newsletter": set()}
    for (owner, owner_id, _, _), record in contents(workspace).items():
        if owner in senders and record.get("from_id") == wanted:
            senders[owner].add(owner_id)

    def names(record: JSONObject, owner: str) -> bool:
        if kind == "sender_ids":
            return record["id"] in senders[owner]
        keys = ("trigger_segment_ids", "filter_segment_ids", "recipient_segment_ids")
        return wanted in {value for key in keys for value in record.get(key) or []}

    newsletters = [n for n in workspace.newsletters.values() if names(n, "newsletter")]
    return {
        "campaigns": [c["id"] for c in workspace.campaigns.values() if names(c, "campaign")],
        "sent_newsletters": [n["id"] for n in newsletters if "sent_at" in n],
        "draft_newsletters": [n["id"] for n in newsletters if "sent_at" not in n],
    }


def set_content(record: JSONObject, content: JSONObject, now: int) -> None:
    """Store a collection's data; ``rows`` counts its rows (the ``data`` list, else one object),
    ``schema`` names their fields and ``bytes`` measures the JSON."""
    record["_content"] = content
    data = content.get("data")
    rows: list[object] = data if isinstance(data, list) else [content] if content else []
    record["rows"] = len(rows)
    record["bytes"] = len(json.dumps(content, separators=(",", ":")).encode())
    record["schema"] = sorted({key for row in rows if isinstance(row, dict) for key in row})
    record["updated_at"] = now


def _public(record: JSONObject) -> JSONObject:
    return {key: value for key, value in record.items() if not key.startswith("_")}


HANDLERS = {
    "app.listWebhooks": lister(WEBHOOKS),
    "app.createWebhook": creator(WEBHOOKS),
    "app.getWebhook": getter(WEBHOOKS),
    "app.updateWebhook": updater(WEBHOOKS),
    "app.deleteWebhook": deleter(WEBHOOKS, status=200),
    "app.getCollections": list_collections,
    "app.addCollection": create_collection,
    "app.getCollection": get_collection,
    "app.updateCollection": update_collection,
    "app.deleteCollection": deleter(COLLECTIONS),
    "app.getCollectionContents": collection_contents,
    "app.updateCollectionContents": replace_collection_contents,
    "app.listSenders": list_senders,
    "app.getSender": getter(SENDERS),
    "app.getSenderUsage": sender_usage,
    "app.getSegmentDependencies": segment_usage,
    "app.getTopics": lister(TOPICS),
    "app.getCioAllowlist": ip_addresses,
}
