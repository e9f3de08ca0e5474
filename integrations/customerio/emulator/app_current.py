"""App API operations of the current surface that are not resources of their own (see ``app_library``).

Subscription channels, the subscription-centre token, data-index metadata and the sends that only
the official SDKs document (inbox, in-app, WhatsApp).
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


def routes() -> list[tuple[Family, str, str, Handler]]:
    """(family, method, path template, handler) of every operation this module serves."""
    return [
        (Family.APP, "GET", "/v1/subscription_channels", list_channels),
        (Family.APP, "GET", "/v1/subscription_center/{customer_id}/token", subscription_center_token),
        (Family.APP, "POST", "/v1/data_index/attributes", metadata("attributes")),
        (Family.APP, "POST", "/v1/data_index/events", metadata("events")),
        *[(Family.APP, "POST", f"/v1/send/{channel}", app_messages.sender(channel))
          for channel in ("inbox_message", "in_app", "whatsapp")],
    ]
