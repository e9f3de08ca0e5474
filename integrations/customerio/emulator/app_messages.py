"""App API transactional sends and message reads.

A send resolves (or creates) the person its ``identifiers`` name, records a delivery and answers
``{"delivery_id", "queued_at"}``; deliveries are listed by ``/v1/messages`` and the per-person,
per-campaign, per-broadcast, per-newsletter and per-template message lists.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from .canned import require_known_ids
from .paging import page_limit, paginate
from .shapes import conform, item_template
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Person, Workspace

MAX_RECIPIENTS = 15  # across `to` and `bcc`, documented for transactional email
MAX_EMAIL_BYTES = 1_000_000  # "1 MB", attachments excluded
MAX_ATTACHMENT_BYTES = 2_000_000  # "less than 2 MB" in all
MESSAGE_PAGE = (50, 1000)
#: Send channel -> the message type reads show, from the App spec's enum (email, webhook, twilio, slack,
#: push, in_app): WhatsApp goes out through Twilio as SMS does; inbox messages are in-app messages.
DELIVERY_TYPES = {"email": "email", "push": "push", "sms": "twilio", "inbox_message": "in_app", "in_app": "in_app",
                  "whatsapp": "twilio"}


def send_email(call: Call) -> Reply:
    """``POST /v1/send/email``: send a transactional email (template or inline content)."""
    body = call.json_object()
    check_email_size(body)
    if body.get("transactional_message_id") is None:
        missing = [name for name in ("body", "subject", "from") if not body.get(name)]
        if missing:
            raise Rejected(400, f"{', '.join(missing)} required without transactional_message_id")
    if _recipient_count(body.get("to")) + _recipient_count(body.get("bcc")) > MAX_RECIPIENTS:
        raise Rejected(400, f"a message can have at most {MAX_RECIPIENTS} recipients across to and bcc")
    return _send(call, body, "email")


def check_email_size(body: JSONObject) -> None:
    """413 past the documented limits: 1 MB of payload without the attachments, and attachments
    under 2 MB in all (App API "Message sending limits"; sizes as sent, in UTF-8 bytes)."""
    attachments = body.get("attachments")
    attached = sum(len(str(name).encode()) + len(str(data).encode()) for name, data in attachments.items()) \
        if isinstance(attachments, dict) else 0
    rest = {name: value for name, value in body.items() if name != "attachments"}
    if len(json.dumps(rest, separators=(",", ":"), ensure_ascii=False).encode()) > MAX_EMAIL_BYTES:
        raise Rejected(413, f"the message is larger than {MAX_EMAIL_BYTES} bytes without its attachments")
    if attached >= MAX_ATTACHMENT_BYTES:
        raise Rejected(413, f"attachments must total less than {MAX_ATTACHMENT_BYTES} bytes")


def send_push(call: Call) -> Reply:
    """``POST /v1/send/push``: send a transactional push notification."""
    return _send(call, call.json_object(), "push")


def send_sms(call: Call) -> Reply:
    """``POST /v1/send/sms``: send a transactional SMS."""
    return _send(call, call.json_object(), "sms")


def sender(channel: str) -> Any:
    """``POST /v1/send/<channel>`` for the sends only the SDKs document (inbox, in-app, WhatsApp):
    a template and exactly one identifier are required (the SDKs' required fields)."""

    def handler(call: Call) -> Reply:
        body = call.json_object()
        if body.get("transactional_message_id") is None:
            raise Rejected(400, "transactional_message_id is required")
        return _send(call, body, channel)

    handler.__doc__ = f"Send a transactional {channel} message."
    return handler


def list_messages(call: Call) -> Reply:
    """``GET /v1/messages``: deliveries newest first, filtered by the query, paged."""
    wanted = {name: call.query_value(name) for name in ("type", "campaign_id", "newsletter_id", "action_id")}
    return _message_page(call, "app.listMessages", [m for m in call.workspace.messages if _fits(m, wanted)])


def get_message(call: Call) -> Reply:
    """``GET /v1/messages/{message_id}``: one delivery, or 404."""
    return ok({"message": conform(_message(call), item_template("app.listMessages", "messages"))})


def archived_message(call: Call) -> Reply:
    """``GET /v1/messages/{message_id}/archived_message``: the delivery's archived content."""
    message = _message(call)
    archived = {"id": message["id"], "subject": message.get("subject", ""), "body": ""}
    return ok({"message": {**archived, "recipient": message.get("recipient", "")}})


def messages_of(key: str, operation: str, path_param: str | None = None) -> Any:
    """A handler listing the deliveries whose ``key`` (e.g. ``campaign_id``) is the path's id."""

    def handler(call: Call) -> Reply:
        require_known_ids(call)
        owner = int(call.params[path_param or key])
        return _message_page(call, operation, [m for m in call.workspace.messages if m.get(key) == owner])

    handler.__doc__ = f"Deliveries by {key}, newest first, paged."
    return handler


def _send(call: Call, body: JSONObject, channel: str) -> Reply:
    workspace = call.workspace
    template_id = _template_id(workspace, body.get("transactional_message_id"))
    person = _recipient(workspace, body.get("identifiers"))
    now = workspace.clock()
    delivery_id = base64.urlsafe_b64encode(f"tx:{len(workspace.messages) + 1}:{now}".encode()).decode()
    workspace.record_delivery(
        delivery_id, person, str(body.get("to") or person.email or ""), DELIVERY_TYPES[channel],
        subject=str(body.get("subject") or body.get("title") or ""), transactional_message_id=template_id)
    return ok({"delivery_id": delivery_id, "queued_at": now})


def _template_id(workspace: Workspace, reference: Any) -> int | None:
    """The transactional template an id (int) or trigger name (str) names; 400 when unknown."""
    if reference is None:
        return None
    for template_id, template in workspace.transactional.items():
        if reference in (template_id, str(template_id), template.get("name")):
            return template_id
    raise Rejected(400, f"transactional message {reference} not found")  # detail text is ours


def _recipient(workspace: Workspace, identifiers: Any) -> Person:
    """The person ``identifiers`` names (exactly one of id, email, cio_id), created if new."""
    if not isinstance(identifiers, dict) or len(identifiers) != 1:
        raise Rejected(400, "identifiers must hold exactly one of id, email or cio_id")
    id_type, value = next(iter(identifiers.items()))
    if id_type not in ("id", "email", "cio_id") or not isinstance(value, str) or not value:
        raise Rejected(400, "identifiers must hold exactly one of id, email or cio_id")
    person = workspace.find_by(id_type, value)
    if person is None and id_type != "cio_id":
        person = workspace.identify(value, {})
    if person is None:
        raise Rejected(400, f"no person with cio_id {value}")
    return person


def _recipient_count(addresses: Any) -> int:
    return len([part for part in str(addresses).split(",") if part.strip()]) if addresses else 0


def _fits(message: JSONObject, wanted: dict[str, str | None]) -> bool:
    return all(value is None or str(message.get(key)) == value for key, value in wanted.items())


def _message(call: Call) -> JSONObject:
    found = next((m for m in call.workspace.messages if m.get("id") == call.params["message_id"]), None)
    if found is None:
        raise Rejected(404, "message not found")  # detail text is ours
    return found


def _message_page(call: Call, operation: str, messages: list[JSONObject]) -> Reply:
    template = item_template(operation, "messages")
    shaped = [conform(message, template) for message in reversed(messages)]
    page, next_token = paginate(shaped, call.query_value("start"), page_limit(call, *MESSAGE_PAGE))
    return ok({"messages": page, "next": next_token})
