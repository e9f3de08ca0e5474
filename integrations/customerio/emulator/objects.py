"""Objects (companies, accounts...) and their relationships to people.

Objects are written by Track v2 object operations, by relationship changes on people (v2
``add_relationships``/``delete_relationships``, v1 identify ``cio_relationships``) and by Pipelines
``group`` calls (``traits.object_type_id``, default ``"1"``); the App API reads them back:
``POST /v1/objects``, an object's attributes and relationships, a person's relationships.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .paging import page_limit, paginate
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Person, Workspace

RELATION_PAGE = (50, 1000)  # undocumented default and maximum; the App API's usual bounds
DEFAULT_OBJECT_TYPE = "1"


@dataclass
class WorkspaceObject:
    """One object: its type, ids, attributes and the people related to it (by cio_id)."""

    type_id: str
    object_id: str
    cio_object_id: str
    created_at: int
    attributes: JSONObject = field(default_factory=dict)
    people: dict[str, JSONObject] = field(default_factory=dict)  # cio_id -> relationship attributes

    @property
    def identifiers(self) -> JSONObject:
        """``{"object_id", "cio_object_id"}``."""
        return {"object_id": self.object_id, "cio_object_id": self.cio_object_id}


def objects(workspace: Workspace) -> dict[tuple[str, str], WorkspaceObject]:
    """The workspace's objects by (type id, object id)."""
    found: dict[tuple[str, str], WorkspaceObject] = workspace.records.setdefault("objects", {})
    return found


def upsert(workspace: Workspace, type_id: Any, object_id: Any, attributes: JSONObject | None = None) -> WorkspaceObject:
    """Create or update an object; null attribute values remove the attribute."""
    store = objects(workspace)
    key = (str(type_id), str(object_id))
    if key not in store:
        store[key] = WorkspaceObject(key[0], key[1], f"ob{len(store) + 1:06x}", workspace.clock())
    for name, value in (attributes or {}).items():
        if value is None:
            store[key].attributes.pop(name, None)
        else:
            store[key].attributes[name] = value
    return store[key]


def relate(workspace: Workspace, person: Person, type_id: Any, object_id: Any, attributes: Any = None) -> None:
    """Relate ``person`` to an object (created if new), keeping relationship attributes."""
    target = upsert(workspace, type_id, object_id)
    target.people[person.cio_id] = attributes if isinstance(attributes, dict) else {}


def unrelate(workspace: Workspace, person: Person, type_id: Any, object_id: Any) -> None:
    """Remove a relationship if present."""
    target = objects(workspace).get((str(type_id), str(object_id)))
    if target is not None:
        target.people.pop(person.cio_id, None)


def delete(workspace: Workspace, type_id: Any, object_id: Any) -> None:
    """Forget an object and its relationships."""
    objects(workspace).pop((str(type_id), str(object_id)), None)


def find_object(workspace: Workspace, identifiers: Any) -> WorkspaceObject | None:
    """The object ``{"object_type_id", "object_id"}`` or ``{"cio_object_id"}`` names."""
    if not isinstance(identifiers, dict):
        return None
    if "cio_object_id" in identifiers:
        wanted = str(identifiers["cio_object_id"])
        return next((o for o in objects(workspace).values() if o.cio_object_id == wanted), None)
    return objects(workspace).get((str(identifiers.get("object_type_id")), str(identifiers.get("object_id"))))


def apply_relationships(workspace: Workspace, person: Person, relationships: Any, remove: bool = False) -> None:
    """Apply ``[{"identifiers": {"object_type_id", "object_id"}, "relationship_attributes"}]``."""
    for item in relationships if isinstance(relationships, list) else []:
        ids = item.get("identifiers") if isinstance(item, dict) else None
        if not isinstance(ids, dict) or "object_id" not in ids:
            continue
        type_id = ids.get("object_type_id", DEFAULT_OBJECT_TYPE)
        if remove:
            unrelate(workspace, person, type_id, ids["object_id"])
        else:
            relate(workspace, person, type_id, ids["object_id"], item.get("relationship_attributes"))


# ---------------------------------------------------------------- App API reads


def list_object_types(call: Call) -> Reply:
    """``GET /v1/object_types``: the workspace's object types."""
    return ok({"types": list(call.workspace.records.setdefault("object_types", {}).values())})


def filter_objects(call: Call) -> Reply:
    """``POST /v1/objects``: objects of one type matching an attribute filter, paged."""
    body = call.json_object()
    type_id = str(body.get("object_type_id"))
    found = [o for o in objects(call.workspace).values() if o.type_id == type_id and _matches(o, body.get("filter"))]
    page, next_token = paginate(found, call.query_value("start"), page_limit(call, 50, 1000))
    return ok({"identifiers": [o.identifiers for o in page], "ids": [o.object_id for o in page], "next": next_token})


def object_attributes(call: Call) -> Reply:
    """``GET /v1/objects/{object_type_id}/{object_id}/attributes``: one object, or 404."""
    target = _object_at(call)
    return ok({"object": {"attributes": {k: _text(v) for k, v in target.attributes.items()},
                          "identifiers": target.identifiers, "object_type_id": target.type_id,
                          "timestamps": {name: target.created_at for name in target.attributes}}})


def object_relationships(call: Call) -> Reply:
    """``GET /v1/objects/{object_type_id}/{object_id}/relationships``: the people related, paged."""
    target = _object_at(call)
    people = {p.cio_id: p for p in call.workspace.people}
    related = [{"identifiers": people[c].identifiers, "object_type_id": target.type_id}
               for c in target.people if c in people]
    page, next_token = paginate(related, call.query_value("start"), page_limit(call, *RELATION_PAGE))
    return ok({"cio_relationships": page, "next": next_token})


def person_relationships(call: Call, person: Person) -> Reply:
    """A person's related objects (``GET /v1/customers/{customer_id}/relationships``), paged."""
    related = [{"identifiers": o.identifiers, "object_type_id": int(o.type_id) if o.type_id.isdigit() else 0,
                "attributes": dict(o.people[person.cio_id]), "timestamps": {}}
               for o in objects(call.workspace).values() if person.cio_id in o.people]
    page, next_token = paginate(related, call.query_value("start"), page_limit(call, *RELATION_PAGE))
    return ok({"cio_relationships": page, "next": next_token})


def _object_at(call: Call) -> WorkspaceObject:
    key = "cio_object_id" if call.query_value("id_type") == "cio_object_id" else "object_id"
    target = find_object(call.workspace, {"object_type_id": call.params["object_type_id"],
                                          key: call.params["object_id"]})
    if target is None:
        raise Rejected(404, "object not found")  # text is ours
    return target


def _matches(target: WorkspaceObject, audience: Any) -> bool:
    """Whether an object is in an object filter (and/or/not over ``object_attribute`` eq/exists)."""
    if not isinstance(audience, dict):
        return audience is None
    if "and" in audience:
        return all(_matches(target, part) for part in audience["and"] or [])
    if "or" in audience:
        return any(_matches(target, part) for part in audience["or"] or [])
    if "not" in audience:
        return not _matches(target, audience["not"])
    condition = audience.get("object_attribute")
    if not isinstance(condition, dict):
        return False
    value = target.attributes.get(str(condition.get("field")))
    if condition.get("operator") == "exists":
        return value is not None
    return value is not None and str(value) == str(condition.get("value"))


def _text(value: Any) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


HANDLERS = {
    "app.getObjectTypes": list_object_types,
    "app.getObjectsFilter": filter_objects,
    "app.getObjectAttributes": object_attributes,
    "app.getObjectRelationships": object_relationships,
}
