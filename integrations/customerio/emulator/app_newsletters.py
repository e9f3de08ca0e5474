"""App API newsletter writes of the current surface: create, send, schedule, language versions, test groups.

A created newsletter is a draft with one content (its default language); sending it records one
delivery per person in its recipient segments (``list_newsletter_messages`` lists them) and makes it
``sent``; scheduling keeps the body's schedule and makes it ``scheduled``. Language versions and test
groups live on the newsletter record (``languages``, ``test_groups``). Our specs describe none of these
bodies, so only what the facts require is checked, and fields are kept as sent.
"""

from __future__ import annotations

from collections.abc import Callable

from .families import Family
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

Handler = Callable[[Call], Reply]


def _newsletter(call: Call) -> JSONObject:
    raw = call.params["newsletter_id"]
    found = call.workspace.newsletters.get(int(raw)) if raw.isdigit() else None
    if found is None:
        raise Rejected(404, f"newsletter {raw} not found")
    return found


def create_newsletter(call: Call) -> Reply:
    """``POST /v1/newsletters``: a new draft newsletter."""
    body = call.json_object()
    if not body:
        raise Rejected(400, "request body is required")
    for name in ("name", "type"):
        if name in body and not isinstance(body[name], str):
            raise Rejected(400, f"{name} must be a string")
    segments = body.get("recipient_segment_ids", [])
    if not isinstance(segments, list) or any(not isinstance(s, int) or isinstance(s, bool) for s in segments):
        raise Rejected(400, "recipient_segment_ids must be an array of segment ids")
    workspace = call.workspace
    newsletter_id = workspace.next_id(workspace.newsletters)
    now = workspace.clock()
    record: JSONObject = {
        **body, "id": newsletter_id, "deduplicate_id": f"{newsletter_id}:{now}",
        "name": body.get("name", "Untitled newsletter"), "type": body.get("type", "email"),
        "created": now, "updated": now, "content_ids": [300 + newsletter_id], "tags": body.get("tags", []),
        "recipient_segment_ids": segments, "state": "draft",
    }
    workspace.newsletters[newsletter_id] = record
    return ok({"newsletter": record})


def send_newsletter(call: Call) -> Reply:
    """``POST /v1/newsletters/{newsletter_id}/send``: deliver it to its segments' people now."""
    newsletter = _newsletter(call)
    if newsletter.get("state") == "sent":
        raise Rejected(400, f"newsletter {newsletter['id']} has already been sent")
    workspace = call.workspace
    people = {p.cio_id: p for segment in newsletter.get("recipient_segment_ids", [])
              for p in workspace.members_of(segment)}
    for number, person in enumerate(people.values(), 1):
        workspace.record_delivery(f"nl:{newsletter['id']}:{number}:{workspace.clock()}", person, person.email or "",
                                  "email", newsletter_id=newsletter["id"], subject=newsletter.get("subject", ""))
    newsletter.update(state="sent", sent_at=workspace.clock(), updated=workspace.clock())
    return ok({"newsletter": newsletter})


def schedule_newsletter(call: Call) -> Reply:
    """``POST /v1/newsletters/{newsletter_id}/schedule``: keep the schedule; the newsletter is scheduled."""
    newsletter = _newsletter(call)
    body = call.json_object()
    if not body:
        raise Rejected(400, "request body is required: say when to send")
    if newsletter.get("state") == "sent":
        raise Rejected(400, f"newsletter {newsletter['id']} has already been sent")
    newsletter.update(state="scheduled", schedule=body, updated=call.workspace.clock())
    return ok({"newsletter": newsletter})


def _versions(owner: JSONObject) -> dict[str, JSONObject]:
    held: dict[str, JSONObject] = owner.setdefault("languages", {})
    return held


def _add_language(owner: JSONObject, call: Call) -> Reply:
    body = call.json_object()
    language = body.get("language")
    if not isinstance(language, str) or not language:
        raise Rejected(400, "language is required")
    if language in _versions(owner):
        raise Rejected(409, f"language {language} already exists")
    _versions(owner)[language] = {**body, "updated": call.workspace.clock()}
    return ok({"content": _versions(owner)[language]})


def _drop_language(owner: JSONObject, call: Call) -> Reply:
    language = call.params["language"]
    if _versions(owner).pop(language, None) is None:
        raise Rejected(404, f"language {language} not found")
    return Reply(204, None)


def _test_group(call: Call) -> JSONObject:
    groups: dict[str, JSONObject] = _newsletter(call).setdefault("test_groups", {})
    found = groups.get(call.params["test_group_id"])
    if found is None:
        raise Rejected(404, f"test group {call.params['test_group_id']} not found")
    return found


def create_test_group(call: Call) -> Reply:
    """``POST /v1/newsletters/{newsletter_id}/test_groups``: a new A/B test group (ids A, B, C...)."""
    newsletter = _newsletter(call)
    groups: dict[str, JSONObject] = newsletter.setdefault("test_groups", {})
    group_id = chr(ord("A") + len(groups)) if len(groups) < 26 else str(len(groups) + 1)
    groups[group_id] = {**call.json_object(), "id": group_id, "newsletter_id": newsletter["id"]}
    return ok({"test_group": groups[group_id]})


def routes() -> list[tuple[Family, str, str, Handler]]:
    """(family, method, path template, handler) of every operation this module serves."""
    one = "/v1/newsletters/{newsletter_id}"
    group = one + "/test_group/{test_group_id}/language"
    return [
        (Family.APP, "POST", "/v1/newsletters", create_newsletter),
        (Family.APP, "POST", one + "/send", send_newsletter),
        (Family.APP, "POST", one + "/schedule", schedule_newsletter),
        (Family.APP, "POST", one + "/language", lambda call: _add_language(_newsletter(call), call)),
        (Family.APP, "DELETE", one + "/language/{language}", lambda call: _drop_language(_newsletter(call), call)),
        (Family.APP, "POST", one + "/test_groups", create_test_group),
        (Family.APP, "POST", group, lambda call: _add_language(_test_group(call), call)),
        (Family.APP, "DELETE", group + "/{language}", lambda call: _drop_language(_test_group(call), call)),
    ]
