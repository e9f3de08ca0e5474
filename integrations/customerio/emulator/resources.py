"""The resource registry: a workspace record kind declared once, served by generic handlers.

A ``Resource`` names where its records live (``Workspace.records[name]``), the path parameter that
picks one, the envelope keys its answers use and the operation whose spec sample shows a whole
record. ``lister``/``getter``/``creator``/``updater``/``deleter`` build the route handlers, so a new
kind of record is a declaration plus a line per operation in its family module's ``HANDLERS``:

    WEBHOOKS = Resource("reporting_webhooks", "webhook_id", item=None, items="reporting_webhooks",
                        template="app.getWebhook")
    HANDLERS = {"app.listWebhooks": lister(WEBHOOKS), "app.createWebhook": creator(WEBHOOKS), ...}

A created record starts from the template (the spec's sample, so every documented field is there
with its documented type), takes the body's fields, and gets a fresh id and the workspace's times.
Reads of a missing id answer 404; a delete makes them 404 from then on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .paging import page_limit, paginate
from .shapes import same_type, sample_response
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Workspace

Handler = Callable[[Call], Reply]
TIMES = ("created", "created_at")
UPDATE_TIMES = ("updated", "updated_at")


@dataclass(frozen=True)
class Resource:
    """One kind of workspace record and the shapes its answers take."""

    name: str  # key in Workspace.records
    id_param: str  # the path parameter naming one record
    item: str | None  # envelope key of a one-record answer (None: the record is the whole body)
    items: str  # envelope key of the list answer
    template: str  # operation whose sample answer holds a whole record
    key: str = "id"  # the record field holding its id
    assigned: bool = True  # ids are integers the workspace assigns (else the caller names them)
    page: tuple[int, int] | None = None  # (default, maximum) when the list pages with start/limit

    def records(self, workspace: Workspace) -> dict[Any, JSONObject]:
        """The live records of this kind, by id."""
        return workspace.records.setdefault(self.name, {})

    def blank(self) -> JSONObject:
        """A fresh record with every field the spec's sample shows (values to be replaced)."""
        sample = sample_response(self.template)
        found = sample.get(self.item) if self.item else sample
        if isinstance(found, list):
            found = found[0] if found else {}
        return copy.deepcopy(found) if isinstance(found, dict) else {}

    def find(self, call: Call) -> JSONObject:
        """The record the path names; 404 when there is none."""
        raw = call.params[self.id_param]
        record_id: Any = int(raw) if self.assigned and raw.isdigit() else raw
        record = self.records(call.workspace).get(record_id)
        if record is None:
            raise Rejected(404, f"{_singular(self.name)} {raw} not found")  # text is ours
        return record

    def wrap(self, record: JSONObject) -> JSONObject:
        """A one-record answer body."""
        return {self.item: record} if self.item else record


def lister(resource: Resource) -> Handler:
    """``GET`` the list: every record, oldest first (paged when the resource pages)."""

    def handler(call: Call) -> Reply:
        records = list(resource.records(call.workspace).values())
        if resource.page is None:
            return ok({resource.items: records})
        page, next_token = paginate(records, call.query_value("start"), page_limit(call, *resource.page))
        return ok({resource.items: page, "next": next_token})

    return _named(handler, f"Every {resource.name} record.")


def getter(resource: Resource) -> Handler:
    """``GET`` one record, or 404."""
    return _named(lambda call: ok(resource.wrap(resource.find(call))), f"One {resource.name} record, or 404.")


def creator(resource: Resource, body_key: str | None = None) -> Handler:
    """``POST`` a new record from the body (or the body's ``body_key`` object)."""

    def handler(call: Call) -> Reply:
        fields = _fields(call, body_key)
        return ok(resource.wrap(create(resource, call.workspace, fields)))

    return _named(handler, f"Create a {resource.name} record.")


def updater(resource: Resource, body_key: str | None = None) -> Handler:
    """``PUT`` changes to one record: the body's fields replace the stored ones."""

    def handler(call: Call) -> Reply:
        record = resource.find(call)
        apply_fields(record, _fields(call, body_key), call.workspace.clock())
        return ok(resource.wrap(record))

    return _named(handler, f"Update a {resource.name} record.")


def deleter(resource: Resource, status: int = 204) -> Handler:
    """``DELETE`` one record; later reads of it answer 404."""

    def handler(call: Call) -> Reply:
        record = resource.find(call)
        del resource.records(call.workspace)[record[resource.key]]
        return Reply(status, None if status == 204 else {})

    return _named(handler, f"Delete a {resource.name} record.")


def create(resource: Resource, workspace: Workspace, fields: JSONObject) -> JSONObject:
    """Store a new record: the template, the given fields, a fresh id and the workspace's times."""
    records = resource.records(workspace)
    record = resource.blank()
    now = workspace.clock()
    for name in (*TIMES, *UPDATE_TIMES):
        if name in record:
            record[name] = now
    apply_fields(record, fields, now)
    if resource.assigned:
        record[resource.key] = workspace.next_id(records)
    if "deduplicate_id" in record:
        record["deduplicate_id"] = f"{record[resource.key]}:{now}"
    records[record[resource.key]] = record
    return record


def apply_fields(record: JSONObject, fields: JSONObject, now: int) -> None:
    """Copy the caller's fields onto a record (never its id or times; null removes the field),
    stamping the update time. A value of another JSON type than the record's field holds (a field
    one body shape allows loosely, such as an import's ``object_type_id``) is not kept: the answers
    document the field's type."""
    for name, value in fields.items():
        if name in ("id", *TIMES, *UPDATE_TIMES, "deduplicate_id"):
            continue
        if value is not None and record.get(name) is not None and not same_type(value, record[name]):
            continue
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    for name in UPDATE_TIMES:
        if name in record:
            record[name] = now


def _fields(call: Call, body_key: str | None) -> JSONObject:
    body = call.json_object()
    if body_key is None:
        return body
    inner = body.get(body_key)
    return inner if isinstance(inner, dict) else {}


def _singular(name: str) -> str:
    """``sender_identities`` -> ``sender identity``, ``exports`` -> ``export``."""
    words = name.replace("_", " ")
    return words[:-3] + "y" if words.endswith("ies") else words.removesuffix("s")


def _named(handler: Handler, doc: str) -> Handler:
    handler.__doc__ = doc
    return handler
