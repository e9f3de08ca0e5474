"""App API object handlers: object types, object search, an object's attributes and its people,
and a person's objects (state from objects.py)."""

from __future__ import annotations

from typing import Any

from .app_people import person_at
from .objects import ObjectRecord
from .paging import page_limit, paginate
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

OBJECT_PAGE = (50, 1000)


def object_types(call: Call) -> Reply:
    """``GET /v1/object_types``."""
    return ok({"types": call.workspace.objects.types})


def search_objects(call: Call) -> Reply:
    """``POST /v1/objects``: the objects of ``object_type_id`` matching ``filter``."""
    body = call.json_object()
    type_id = str(body.get("object_type_id", ""))
    found = [r for r in call.workspace.objects.records.values()
             if r.type_id == type_id and matches(r, body.get("filter"))]
    page, next_token = paginate(found, call.query_value("start"), page_limit(call, *OBJECT_PAGE))
    return ok({"identifiers": [_identifiers(r) for r in page], "ids": [r.object_id for r in page],
               "next": next_token})


def object_attributes(call: Call) -> Reply:
    """``GET /v1/objects/{object_type_id}/{object_id}/attributes``."""
    record = _object_at(call)
    return ok({"object": {"object_type_id": record.type_id, "identifiers": _identifiers(record),
                          "attributes": dict(record.attributes),
                          "timestamps": {name: record.updated for name in record.attributes}}})


def object_relationships(call: Call) -> Reply:
    """``GET /v1/objects/{object_type_id}/{object_id}/relationships``: the people related to it."""
    record, workspace = _object_at(call), call.workspace
    people = [p for p in (workspace.find_person(f"cio_{c}") for c in workspace.objects.people_of(record)) if p]
    page, next_token = paginate(people, call.query_value("start"), page_limit(call, *OBJECT_PAGE))
    return ok({"cio_relationships": [{"identifiers": p.identifiers} for p in page], "next": next_token})


def person_relationships(call: Call) -> Reply:
    """``GET /v1/customers/{customer_id}/relationships``: the objects a person is related to."""
    person, objects = person_at(call), call.workspace.objects
    records = objects.of_person(person.cio_id)
    page, next_token = paginate(records, call.query_value("start"), page_limit(call, *OBJECT_PAGE))
    return ok({"cio_relationships": [_related(r, objects.links[(r.type_id, r.object_id)][person.cio_id])
                                     for r in page], "next": next_token})


def matches(record: ObjectRecord, condition: Any) -> bool:
    """Whether an object meets a filter (and/or/not around object_attribute eq/exists); no filter: all."""
    if condition is None:
        return True
    if not isinstance(condition, dict):
        return False
    if "and" in condition:
        return all(matches(record, part) for part in condition["and"])
    if "or" in condition:
        return any(matches(record, part) for part in condition["or"])
    if "not" in condition:
        return not matches(record, condition["not"])
    test = condition.get("object_attribute")
    if not isinstance(test, dict):
        return False
    value = record.attributes.get(str(test.get("field")))
    if test.get("operator") == "exists":
        return value is not None
    return value is not None and str(value) == str(test.get("value"))


def _object_at(call: Call) -> ObjectRecord:
    by_cio = call.query_value("id_type") == "cio_object_id"
    record = call.workspace.objects.find(call.params["object_type_id"], call.params["object_id"], by_cio)
    if record is None:
        raise Rejected(404, "object not found")  # detail text is ours
    return record


def _identifiers(record: ObjectRecord) -> JSONObject:
    return {"object_id": record.object_id, "cio_object_id": record.cio_object_id}


def _related(record: ObjectRecord, attributes: JSONObject) -> JSONObject:
    return {"object_type_id": int(record.type_id) if record.type_id.isdigit() else record.type_id,
            "identifiers": _identifiers(record), "attributes": dict(record.attributes),
            "relationship_attributes": attributes, "timestamps": {"created": record.created}}



