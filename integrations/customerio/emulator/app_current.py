"""App API state the current surface reads and writes beyond the library (see ``app_library``).

Snippets (list, save, create, delete), ESP email suppressions (add, remove, list by reason, by sending
domain, search by address), subscription channels, the subscription-centre token, data-index metadata
and the sends that only the official SDKs document (inbox, in-app, WhatsApp).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from . import app_messages
from .families import Family
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

Handler = Callable[[Call], Reply]

#: The sample workspace's channels; identifiers as Customer.io names its built-in channels.
CHANNELS: tuple[JSONObject, ...] = (
    {"id": 1, "name": "Email", "identifier": "email"},
    {"id": 2, "name": "SMS", "identifier": "sms"},
    {"id": 3, "name": "Push", "identifier": "push"},
)


def list_channels(call: Call) -> Reply:
    """``GET /v1/subscription_channels``."""
    return ok({"channels": [dict(c) for c in CHANNELS]})


def subscription_center_token(call: Call) -> Reply:
    """``GET /v1/subscription_center/{customer_id}/token``: a token for a known person, else 404."""
    person = call.workspace.find_person(call.params["customer_id"])
    if person is None:
        raise Rejected(404, f"customer {call.params['customer_id']} not found")
    digest = hashlib.sha256(f"{call.workspace.environment_id}:{person.cio_id}".encode()).hexdigest()
    return ok({"token": digest[:32]})


def metadata(kind: str) -> Handler:
    """``POST /v1/data_index/<kind>``: describe attributes or events; each entry needs a ``name``."""

    def handler(call: Call) -> Reply:
        entries = call.json_object().get(kind)
        if not isinstance(entries, list) or not entries:
            raise Rejected(400, f"{kind} must be a non-empty array")
        held = call.workspace.library.setdefault(f"data_index_{kind}", {})
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
                raise Rejected(400, f"every item of {kind} needs a name")
        for entry in entries:
            key = next((i for i, e in held.items() if e["name"] == entry["name"]), len(held) + 1)
            held[key] = {**held.get(key, {}), **entry}
        return ok({})

    return handler


# --- snippets ------------------------------------------------------------------------------------------

def _snippet_fields(call: Call) -> JSONObject:
    body = call.json_object()
    for name in ("name", "value"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise Rejected(400, f"{name} is required and must be a string")
    if "updated_at" in body:
        raise Rejected(400, "updated_at is read-only")
    return {"name": body["name"], "value": body["value"], "updated_at": call.workspace.clock()}


def list_snippets(call: Call) -> Reply:
    """``GET /v1/snippets``."""
    return ok({"snippets": list(call.workspace.snippets.values())})


def save_snippet(call: Call) -> Reply:
    """``PUT /v1/snippets``: create the snippet or replace the value of the one with that name."""
    snippet = _snippet_fields(call)
    call.workspace.snippets[snippet["name"]] = snippet
    return ok({"snippet": snippet})


def create_snippet(call: Call) -> Reply:
    """``POST /v1/snippets``: a new snippet; 409 when the name is taken (PUT changes one)."""
    snippet = _snippet_fields(call)
    if snippet["name"] in call.workspace.snippets:
        raise Rejected(409, f"snippet {snippet['name']} already exists; save_snippet changes it")
    call.workspace.snippets[snippet["name"]] = snippet
    return ok({"snippet": snippet})


def delete_snippet(call: Call) -> Reply:
    """``DELETE /v1/snippets/{snippet_name}`` (204, or 404)."""
    if call.workspace.snippets.pop(call.params["snippet_name"], None) is None:
        raise Rejected(404, f"snippet {call.params['snippet_name']} not found")
    return Reply(204, None)


# --- ESP suppressions ------------------------------------------------------------------------------------

#: Path suppression types -> the category their answers name (the spec's enum for each).
CATEGORIES = {"bounces": "bounces", "spam_reports": "spam"}


def _category(call: Call) -> str:
    kind = call.params["suppression_type"]
    if kind not in CATEGORIES:
        raise Rejected(400, f"suppression_type must be one of {', '.join(CATEGORIES)}")
    return CATEGORIES[kind]


def add_suppression(call: Call) -> Reply:
    """``POST /v1/esp/suppression/{suppression_type}/{email_address}``."""
    category, email = _category(call), call.params["email_address"]
    if "@" not in email:
        raise Rejected(400, "email_address must be an email address")
    domain = email.rpartition("@")[2].casefold()
    held = call.workspace.esp_suppressions
    held[(category, email.casefold())] = {"email": email, "created": call.workspace.clock(), "domain": domain}
    return ok({})


def remove_suppression(call: Call) -> Reply:
    """``DELETE /v1/esp/suppression/{suppression_type}/{email_address}``: 204, also for an address not held
    (the spec documents no 404 here)."""
    call.workspace.esp_suppressions.pop((_category(call), call.params["email_address"].casefold()), None)
    return Reply(204, None)


def _listing(call: Call, category: str, domain: str | None) -> JSONObject:
    rows = [{"email": r["email"], "created": r["created"]} for (c, _e), r in call.workspace.esp_suppressions.items()
            if c == category and (domain is None or r["domain"] == domain.casefold())]
    email = call.query_value("email")
    rows = [r for r in rows if email is None or r["email"].casefold() == email.casefold()]
    return {"category": category, "suppressions": rows}


def list_suppressions(call: Call) -> Reply:
    """``GET /v1/esp/suppression/{suppression_type}``: by reason, optionally one sending domain's."""
    return ok(_listing(call, _category(call), call.query_value("domain")))


def list_domain_suppressions(call: Call) -> Reply:
    """``GET /v1/esp/domains/{domain_name}/suppression/{suppression_type}``."""
    return ok(_listing(call, _category(call), call.params["domain_name"]))


def search_suppression(call: Call) -> Reply:
    """``GET /v1/esp/search_suppression/{email_address}``: the address's suppressions, first reason first."""
    email = call.params["email_address"].casefold()
    found = [(c, r) for (c, e), r in call.workspace.esp_suppressions.items() if e == email]
    category = found[0][0] if found else "bounces"
    return ok({"category": category, "suppressions": [{"email": r["email"], "created": r["created"]}
                                                       for c, r in found if c == category]})


def routes() -> list[tuple[Family, str, str, Handler]]:
    """(family, method, path template, handler) of every operation this module serves."""
    return [
        (Family.APP, "GET", "/v1/subscription_channels", list_channels),
        (Family.APP, "GET", "/v1/subscription_center/{customer_id}/token", subscription_center_token),
        (Family.APP, "POST", "/v1/data_index/attributes", metadata("attributes")),
        (Family.APP, "POST", "/v1/data_index/events", metadata("events")),
        (Family.APP, "POST", "/v1/snippets", create_snippet),
        (Family.APP, "GET", "/v1/esp/domains/{domain_name}/suppression/{suppression_type}", list_domain_suppressions),
        *[(Family.APP, "POST", f"/v1/send/{channel}", app_messages.sender(channel))
          for channel in ("inbox_message", "in_app", "whatsapp")],
    ]
