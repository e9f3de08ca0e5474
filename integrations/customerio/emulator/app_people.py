"""App API reads about people: lookups, attributes, segments, messages, activities, filters.

They read what the Track and Pipelines handlers wrote. ``{customer_id}`` is interpreted per the
``id_type`` query parameter (``id`` by default, or ``email``, ``cio_id``).
"""

from __future__ import annotations

import json
from typing import Any

from .paging import page_limit, paginate
from .shapes import conform, item_template, sample_response
from .wire import Call, Rejected, Reply, ok
from .workspace import Event, JSONObject, Person, Workspace

MAX_IDS_PER_LOOKUP = 100  # documented for POST /v1/customers/attributes
PEOPLE_PAGE = (50, 1000)
MESSAGE_PAGE = (50, 1000)
ACTIVITY_PAGE = (10, 100)


def find_people_by_email(call: Call) -> Reply:
    """``GET /v1/customers?email=``: everyone with that email (case-insensitive)."""
    email = (call.query_value("email") or "").casefold()
    found = [p.identifiers for p in call.workspace.people if (p.email or "").casefold() == email]
    return ok({"results": found})


def filter_people(call: Call) -> Reply:
    """``POST /v1/customers``: people matching an audience filter, paged."""
    audience = call.json_object().get("filter")
    matched = [person for person in call.workspace.people if matches(call.workspace, person, audience)]
    page, next_token = paginate(matched, call.query_value("start"), page_limit(call, *PEOPLE_PAGE))
    return ok({"identifiers": [p.identifiers for p in page], "ids": [p.id or "" for p in page], "next": next_token})


def person_attributes(call: Call) -> Reply:
    """``GET /v1/customers/{customer_id}/attributes``: a person's attributes and devices."""
    return ok({"customer": customer_record(call.workspace, person_at(call))})


def people_by_id(call: Call) -> Reply:
    """``POST /v1/customers/attributes``: several people by id (unknown ids are left out)."""
    ids = call.json_object().get("ids")
    if not isinstance(ids, list) or len(ids) > MAX_IDS_PER_LOOKUP:
        raise Rejected(400, f"ids must be an array of at most {MAX_IDS_PER_LOOKUP} ids")
    found = [call.workspace.find_by("id", str(value)) for value in ids]
    records = [{"customer": customer_record(call.workspace, p)} for p in found if p is not None]
    return ok({"customers": records})


def person_segments(call: Call) -> Reply:
    """``GET /v1/customers/{customer_id}/segments``: the segments a person is in."""
    segments = call.workspace.segments_of(person_at(call))
    return ok({"segments": [{key: s.get(key) for key in ("id", "name", "description")} for s in segments]})


def person_messages(call: Call) -> Reply:
    """``GET /v1/customers/{customer_id}/messages``: deliveries to a person, newest first, paged."""
    template = item_template("app.getPersonMessages", "messages")
    messages = [conform(m, template) for m in reversed(call.workspace.messages_of(person_at(call)))]
    page, next_token = paginate(messages, call.query_value("start"), page_limit(call, *MESSAGE_PAGE))
    return ok({"messages": page, "next": next_token})


def person_activities(call: Call) -> Reply:
    """``GET /v1/customers/{customer_id}/activities``: a person's events and deliveries, paged."""
    activities = activities_of(call.workspace, [person_at(call)], call.query_value("type"), call.query_value("name"))
    page, next_token = paginate(activities, call.query_value("start"), page_limit(call, *ACTIVITY_PAGE))
    return ok({"activities": page, "next": next_token})


def list_activities(call: Call) -> Reply:
    """``GET /v1/activities``: activities across the workspace (or one ``customer_id``), paged."""
    people = call.workspace.people
    if call.query_value("customer_id"):
        person = call.workspace.find_by(call.query_value("id_type") or "id", call.query_value("customer_id") or "")
        people = [person] if person is not None else []
    activities = activities_of(call.workspace, people, call.query_value("type"), call.query_value("name"))
    page, next_token = paginate(activities, call.query_value("start"), page_limit(call, *ACTIVITY_PAGE))
    return ok({"activities": page, "next": next_token})


def person_subscription_preferences(call: Call) -> Reply:
    """``GET /v1/customers/{customer_id}/subscription_preferences``: the sample topics for a person."""
    person = person_at(call)
    body = sample_response("app.getPersonSubscriptionPreferences")
    body["customer"].update(id=person.id or person.cio_id, identifiers=person.identifiers)
    body["customer"]["unsubscribed"] = person.attributes.get("unsubscribed") is True
    return ok(body)


def person_at(call: Call) -> Person:
    """The person ``{customer_id}`` names under ``id_type``; 404 when there is none."""
    person = call.workspace.find_by(call.query_value("id_type") or "id", call.params["customer_id"])
    if person is None or person.suppressed:  # a suppressed person is deleted until unsuppressed
        raise Rejected(404, "customer not found")  # detail text is ours
    return person


def customer_record(workspace: Workspace, person: Person) -> JSONObject:
    """A person as the App API's ``customer`` object (attribute values as strings, as stored)."""
    attributes = {name: _as_text(value) for name, value in {**person.attributes, "cio_id": person.cio_id}.items()}
    return {
        "id": person.id or "",
        "identifiers": person.identifiers,
        "attributes": attributes,
        "timestamps": {name: person.created_at for name in attributes},
        "unsubscribed": person.attributes.get("unsubscribed") is True,
        "devices": list(person.devices.values()),
    }


def _as_text(value: Any) -> str:
    """An attribute value as Customer.io stores it: strings as is, other JSON as compact text."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def activities_of(workspace: Workspace, people: list[Person], kind: str | None, name: str | None) -> list[JSONObject]:
    """Event and delivery activities of ``people``, newest first, filtered by type and name."""
    found = [_event_activity(p, index, e) for p in people for index, e in enumerate(p.events)]
    found += [_delivery_activity(m, p) for p in people for m in workspace.messages_of(p)]
    found = [a for a in found if (kind is None or a["type"] == kind) and (name is None or a.get("name") == name)]
    return [_public(a) for a in sorted(found, key=lambda a: a["timestamp"], reverse=True)]


def matches(workspace: Workspace, person: Person, audience: Any) -> bool:
    """Whether ``person`` is in an audience filter (and/or/not, segment, attribute eq/exists)."""
    if not isinstance(audience, dict):
        return False
    if isinstance(audience.get("and"), list):
        return all(matches(workspace, person, part) for part in audience["and"])
    if isinstance(audience.get("or"), list):
        return any(matches(workspace, person, part) for part in audience["or"])
    if "not" in audience:
        return not matches(workspace, person, audience["not"])
    if isinstance(audience.get("segment"), dict):
        segment_id = audience["segment"].get("id")
        return isinstance(segment_id, int) and person.cio_id in workspace.segment_members.get(segment_id, [])
    if isinstance(audience.get("attribute"), dict):
        return _attribute_matches(person, audience["attribute"])
    return False


def _attribute_matches(person: Person, condition: JSONObject) -> bool:
    value = person.attributes.get(str(condition.get("field")))
    if condition.get("operator") == "exists":
        return value is not None
    return value is not None and str(value) == str(condition.get("value"))


def _event_activity(person: Person, index: int, event: Event) -> JSONObject:
    return {
        "id": f"{person.cio_id}-event-{index}",
        "type": event.type if event.type in ("page", "screen") else "event",
        "name": event.name,
        "timestamp": event.timestamp,
        "customer_id": person.id or "",
        "customer_identifiers": person.identifiers,
        # An empty object would match both of the spec's `data` shapes, so it is left out.
        "data": event.data or None,
    }


def _delivery_activity(message: JSONObject, person: Person) -> JSONObject:
    return {
        "id": f"{message['id']}-sent",
        "type": f"sent_{message.get('type', 'email')}",
        "timestamp": message.get("created", 0),
        "customer_id": person.id or "",
        "customer_identifiers": person.identifiers,
        "delivery_id": message["id"],
        "delivery_type": message.get("type", "email"),
        "data": {"delivery_id": message["id"]},
    }


def _public(activity: JSONObject) -> JSONObject:
    """An activity shaped like the spec's activity item, plus the event's ``name``: the spec's item
    omits it, yet ``name=`` filters on it and the item allows more fields, so an agent sees what
    happened."""
    shaped = conform(activity, item_template("app.listActivities", "activities"))
    if isinstance(activity.get("name"), str) and activity["name"]:
        shaped["name"] = activity["name"]
    return shaped

