"""Operation declarations for the App operations our spec snapshot lacks (see ``surface.py``).

``specgen`` calls :func:`operations` with the routes its specs already cover; every other entry of
``current-operations.json`` (and each SDK-only send) becomes an ``OpDecl`` whose model holds the
path and query parameters, the body fields ``surface.BODY_FIELDS`` can type and, where the facts know
no more, takes other body fields as given (an open model).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from integrations.customerio import surface
from integrations.customerio.operations import route_key
from integrations.customerio.specgen import FieldDecl, ModelDecl, OpDecl, camel

FACTS = "current-operations.json"


def operations(specs: Path, covered: set[tuple[str, str]]) -> list[OpDecl]:
    """One OpDecl per App operation in the facts (and per SDK-only send) not in ``covered``."""
    source = specs / FACTS
    if not source.exists():
        return []
    facts = [f for f in json.loads(source.read_text(encoding="utf-8")) if f["api"] == "app"]
    facts += [_sdk_send(path) for path in surface.SDK_SENDS if route_key("POST", path) not in {
        route_key(f["method"], f["path"]) for f in facts}]
    # Multipart uploads take a file, not JSON: they are declared by hand (curated.py).
    return [operation(f) for f in facts if route_key(f["method"], f["path"]) not in covered
            and f.get("content_type") in (None, "application/json")]


def amend(specs: Path, ops: list[OpDecl]) -> None:
    """Give spec operations the optional query parameters the current API added (get_tracked_responses...)."""
    source = specs / FACTS
    if not source.exists():
        return
    facts = {route_key(f["method"], f["path"]): f for f in json.loads(source.read_text(encoding="utf-8"))
             if f["api"] == "app"}
    for op in ops:
        fact = facts.get(route_key(op.method, op.path)) if op.family == "APP" else None
        if fact is None:
            continue
        have = {f.wire for f in op.model.fields if f.where == "query"}
        added = [_query_field(q["name"], False) for q in fact["query_params"] if q["name"] not in have]
        op.model.fields += added
        op.query += tuple(f.lua for f in added)
    for op in ops:  # the official SDKs send push without `to` (Customer.io's default: every device)
        if op.name == "send_push":
            for f in op.model.fields:
                f.required = f.required and f.lua != "to"


def _sdk_send(path: str) -> dict[str, Any]:
    key, required, _fields = surface.SDK_SENDS[path]
    return {"operation_id": key.removeprefix("app:"), "method": "POST", "path": path, "type": "write",
            "path_params": [], "query_params": [], "request_body": True, "request_required_fields": list(required),
            "content_type": "application/json"}


def operation(fact: dict[str, Any]) -> OpDecl:
    """Derive one operation from its facts."""
    key = f"app:{fact['operation_id']}"
    if key not in surface.NAMES:
        raise SystemExit(f"no name in surface.NAMES for {key} ({fact['method']} {fact['path']})")
    name, area, summary = surface.NAMES[key]
    path = fact["path"]
    fields = [_path_field(p["name"], path) for p in fact["path_params"]]
    fields += [_query_field(q["name"], q.get("required", False)) for q in fact["query_params"]]
    known = _body_fields(key, fact)
    fields += known
    model = ModelDecl(camel(name), fields, f"Parameters of `{name}`.")
    if fact["request_body"] and fact.get("content_type") == "application/json" and key not in _CLOSED:
        model.rules["open_body"] = True
        if fact.get("request_body_required") and not known:
            model.rules["body_required"] = True
    method = fact["method"]
    kind = "DESTRUCTIVE" if method == "DELETE" or name in surface.SENDS else (
        "READ" if fact["type"] == "read" else "WRITE")
    query = tuple(f.lua for f in fields if f.where == "query")
    returns = "What Customer.io answered, as a table."
    return OpDecl(key, name, area, summary, "APP", method, path, model, query, kind, returns, False, {})


#: Bodies whose every field is known (the SDK-only sends): closed models, typos fail.
_CLOSED = {surface.SDK_SENDS[p][0] for p in surface.SDK_SENDS}


#: What a path's ``{id}`` names, by the path segment before it.
_ID_OF = {"/v1/assets/files/": "library file", "/v1/assets/folders/": "asset folder",
          "/v1/design_studio/components/": "design studio component",
          "/v1/design_studio/emails/": "design studio email", "/v1/design_studio/folders/": "design studio folder"}

_PATH_TEXT = {
    "newsletter_id": "The newsletter's id (as list_newsletters gives it).",
    "test_group_id": "The test group's id (as list_newsletter_test_groups gives it).",
    "language": "The language code of the version, such as fr or pt-BR.",
    "customer_id": "The person's id (the `id` attribute you identified them with).",
    "domain_name": "The sending domain, such as mail.example.com.",
    "suppression_type": "Why the addresses are suppressed: bounces or spam_reports.",
}


def _path_field(wire: str, path: str) -> FieldDecl:
    if wire == "id":
        owner = next(noun for prefix, noun in _ID_OF.items() if path.startswith(prefix))
        return FieldDecl(wire, wire, "int | str", True, f"The {owner}'s id.", "path")
    annotation = {"suppression_type": "Literal['bounces', 'spam_reports']", "newsletter_id": "int"}.get(wire, "str")
    return FieldDecl(wire, wire, annotation, True, _PATH_TEXT[wire], "path")


def _query_field(wire: str, required: bool) -> FieldDecl:
    annotation = surface.QUERY_TYPES.get(wire, "str")
    return FieldDecl(wire, wire, annotation, required, surface.QUERY_TEXT[wire], "query")


def _body_fields(key: str, fact: dict[str, Any]) -> list[FieldDecl]:
    sdk = surface.SDK_SENDS.get(fact["path"]) if fact["method"] == "POST" else None
    typed = sdk[2] if sdk is not None else surface.BODY_FIELDS.get(key, {})
    # The SDKs name the required fields of the sends where the facts list none.
    required = set(sdk[1] if sdk is not None else fact.get("request_required_fields", []))
    out = [FieldDecl(lua, lua, annotation, lua in required, text, "body")
           for lua, (annotation, text) in typed.items()]
    missing = sorted(required - set(typed))
    if missing:
        raise SystemExit(f"{key}: type the required body fields {missing} in surface.BODY_FIELDS")
    return out
