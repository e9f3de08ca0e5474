"""A small, fixed demo workspace ("Acme Demo") so examples and tests see realistic data.

Everything here is constant: no randomness, fixed unix timestamps (early 2025). Records carry every
property the App spec's response schemas list for them, with the spec's types.
"""

from __future__ import annotations

from .app_library import sample_library
from .objects import Objects
from .workspace import Event, JSONObject, Person, Workspace

ENVIRONMENT_ID = 84213
_DAY = 86_400
_T0 = 1_735_689_600  # 2025-01-01T00:00:00Z


def sample_workspace() -> Workspace:
    """A fresh copy of the demo workspace (callers may change it freely)."""
    from .sample_records import add_records

    workspace = _base_workspace()
    add_records(workspace)
    return workspace


def _base_workspace() -> Workspace:
    return Workspace(
        name="Acme Demo",
        environment_id=ENVIRONMENT_ID,
        people=_people(),
        segments={segment["id"]: segment for segment in _segments()},
        campaigns={campaign["id"]: campaign for campaign in _campaigns()},
        newsletters={newsletter["id"]: newsletter for newsletter in _newsletters()},
        broadcasts={broadcast["id"]: broadcast for broadcast in _broadcasts()},
        transactional={template["id"]: template for template in _transactional()},
        segment_members={1: ["03000001", "03000002"], 2: ["03000002"], 3: [], 4: ["03000001"],
                         5: ["03000001", "03000002", "03000003"]},
        messages=_messages(),
        triggers={1: _trigger()},
        objects=_objects(),
        messages_sent=5,  # the sample deliveries below
        billable_messages_sent=5,
        library=sample_library(),
        snippets={"footer": {"name": "footer", "value": "Acme Inc, 1 Main St. Unsubscribe: {% unsubscribe_url %}",
                             "updated_at": _T0}},
        esp_suppressions={("bounces", "bounced.person@example.com"): {
            "email": "bounced.person@example.com", "created": _T0, "domain": "example.com"}},
    )


def _dedupe_id(record_id: int, updated: int) -> str:
    """Customer.io's ``deduplicate_id``: ``<id>:<last update time>``."""
    return f"{record_id}:{updated}"


def _segment(segment_id: int, name: str, kind: str, description: str, tags: list[str]) -> JSONObject:
    updated = _T0 + segment_id * _DAY
    return {
        "id": segment_id,
        "deduplicate_id": _dedupe_id(segment_id, updated),
        "name": name,
        "description": description,
        "state": "finished",
        "progress": None,
        "type": kind,
        "tags": tags,
    }


def _segments() -> list[JSONObject]:
    churn_risk = _segment(3, "Churn Risk", "dynamic", "No login for 30 days on a paid plan.", ["retention"])
    # No one in the demo has gone 30 days without a login yet: finished, and empty.
    return [
        _segment(1, "Active Users", "dynamic", "Logged in within the last 7 days.", ["engagement"]),
        _segment(2, "Trial Users", "dynamic", "On the free trial plan.", ["lifecycle"]),
        churn_risk,
        _segment(4, "VIP (manual)", "manual", "Hand-picked accounts for the sales team.", ["sales"]),
        _segment(5, "Signed Up", "dynamic", "Created an account.", ["lifecycle"]),
    ]


def _campaign(campaign_id: int, name: str, kind: str, created: int, tags: list[str]) -> JSONObject:
    updated = created + 3 * _DAY
    return {
        "id": campaign_id,
        "deduplicate_id": _dedupe_id(campaign_id, updated),
        "name": name,
        "type": kind,
        "created": created,
        "updated": updated,
        "active": True,
        "state": "running",
        "actions": [],
        "first_started": created + _DAY,
        "tags": tags,
        "filter_segment_ids": [],
    }


def _campaigns() -> list[JSONObject]:
    welcome = _campaign(42, "Welcome Series", "segment", _T0 + 2 * _DAY, ["onboarding"])
    welcome.update(
        actions=[{"type": "email", "id": 101}, {"type": "delay", "id": 102}, {"type": "email", "id": 103}],
        trigger_segment_ids=[5],
        msg_templates=[{"type": "email", "id": 201}, {"type": "email", "id": 202}],
    )
    trial = _campaign(43, "Trial Ending Reminder", "event", _T0 + 9 * _DAY, ["lifecycle", "trial"])
    trial.update(actions=[{"type": "email", "id": 111}], filter_segment_ids=[2], event_name="trial_ending")
    winback = _campaign(44, "Win-back Offer", "segment", _T0 + 20 * _DAY, ["retention"])
    winback.update(
        active=False,
        state="stopped",
        actions=[{"type": "email", "id": 121}, {"type": "push", "id": 122}],
        trigger_segment_ids=[3],
        msg_templates=[{"type": "email", "id": 221}, {"type": "push", "id": 222}],
    )
    return [welcome, trial, winback]


def _newsletter(newsletter_id: int, name: str, created: int, segment_ids: list[int]) -> JSONObject:
    updated = created + _DAY
    return {
        "id": newsletter_id,
        "deduplicate_id": _dedupe_id(newsletter_id, updated),
        "name": name,
        "type": "email",
        "created": created,
        "updated": updated,
        "sent_at": updated + 3_600,
        "content_ids": [300 + newsletter_id],
        "tags": ["newsletter"],
        "recipient_segment_ids": segment_ids,
        "subscription_topic_id": 1,
        # `state` is not in the App spec's newsletter schema; added because callers ask for it.
        "state": "sent",
    }


def _newsletters() -> list[JSONObject]:
    draft = _newsletter(9, "March Product Update", _T0 + 62 * _DAY, [1])
    # A draft has not been sent; the spec types sent_at as a non-null integer, so it is left out.
    del draft["sent_at"]
    draft["state"] = "draft"
    january = _newsletter(7, "January Product Update", _T0 + 5 * _DAY, [1, 2])
    january["languages"] = {"fr": {"language": "fr", "subject": "Nouveautés de janvier", "updated": _T0}}
    january["content_ids"] = [307, 310]  # an A/B test: variant A and variant B
    january["test_groups"] = {
        "A": {"id": "A", "newsletter_id": 7, "name": "Subject line A", "content_ids": ["307"], "winner": True,
              "languages": {"fr": {"language": "fr", "updated": _T0}}},
        "B": {"id": "B", "newsletter_id": 7, "name": "Subject line B", "content_ids": ["310"], "winner": False}}
    return [
        january,
        _newsletter(8, "Spring Sale Announcement", _T0 + 40 * _DAY, [1]),
        draft,
    ]


def _people() -> list[Person]:
    ada = Person(cio_id="03000001", id="user-1001", email="ada@example.com", created_at=_T0 + _DAY)
    ada.attributes = {
        "id": "user-1001",
        "email": "ada@example.com",
        "first_name": "Ada",
        "plan": "pro",
        "created_at": _T0 + _DAY,
    }
    ada.events.append(Event(name="signed_up", type="event", timestamp=_T0 + _DAY, data={"source": "web"}))
    grace = Person(
        cio_id="03000002", id="user-1002", email="grace+trial@example.com", created_at=_T0 + 8 * _DAY
    )
    grace.attributes = {
        "id": "user-1002",
        "email": "grace+trial@example.com",
        "first_name": "Grace",
        "plan": "trial",
        "created_at": _T0 + 8 * _DAY,
    }
    linus = Person(cio_id="03000003", id="user-1003", email="linus@example.org", created_at=_T0 + 15 * _DAY)
    linus.attributes = {"id": "user-1003", "email": "linus@example.org", "first_name": "Linus", "plan": "free"}
    return [ada, grace, linus]


def _broadcasts() -> list[JSONObject]:
    created = _T0 + 30 * _DAY
    return [
        {
            "id": 61,
            "deduplicate_id": _dedupe_id(61, created + _DAY),
            "name": "Flash Sale Broadcast",
            "type": "triggered_broadcast",
            "created": created,
            "updated": created + _DAY,
            "active": True,
            "state": "running",
            "actions": [{"type": "email", "id": 101}],
            "msg_template_ids": [{"type": "email", "id": 261}],
            "first_started": created + _DAY,
            "tags": ["promotions"],
        }
    ]


def _transactional_template(template_id: int, name: str, description: str) -> JSONObject:
    created = _T0 + template_id * _DAY
    return {
        "id": template_id,
        "name": name,
        "description": description,
        "send_to_unsubscribed": True,
        "link_tracking": True,
        "open_tracking": True,
        "hide_message_body": False,
        "queue_drafts": False,
        "created_at": created,
        "updated_at": created + _DAY,
    }


def _transactional() -> list[JSONObject]:
    return [
        _transactional_template(11, "password_reset", "Sends a password reset link."),
        _transactional_template(12, "order_receipt", "Confirms an order with its line items."),
    ]


def _delivery(delivery_id: str, person: tuple[str, str, str], created: int, **origin: object) -> JSONObject:
    person_id, email, cio_id = person
    return {
        "id": delivery_id,
        "deduplicate_id": f"{delivery_id}:{created}",
        "customer_id": person_id,
        "customer_cio_id": cio_id,
        "customer_identifiers": {"id": person_id, "email": email, "cio_id": cio_id},
        "recipient": email,
        "subject": "Welcome to Acme",
        "metrics": {"sent": created, "delivered": created + 5},
        "created": created,
        "type": "email",
        "forgotten": False,
        **origin,
    }


def _messages() -> list[JSONObject]:
    ada = ("user-1001", "ada@example.com", "03000001")
    grace = ("user-1002", "grace+trial@example.com", "03000002")
    linus = ("user-1003", "linus@example.org", "03000003")
    welcome = _delivery("RPILAgABcRhIBqSp7kiPekGBIeVh", ada, _T0 + 2 * _DAY, campaign_id=42, action_id=101)
    welcome["metrics"].update(opened=_T0 + 2 * _DAY + 600, clicked=_T0 + 2 * _DAY + 660)
    january = _delivery("RPILAgABcRhIBqSp7kiPekGBIeVi", ada, _T0 + 6 * _DAY, newsletter_id=7, content_id=307)
    january.update(subject="January Product Update")
    january["metrics"]["opened"] = _T0 + 6 * _DAY + 3_600
    flash = _delivery("RPILAgABcRhIBqSp7kiPekGBIeVk", ada, _T0 + 31 * _DAY + 60, broadcast_id=61, action_id=101)
    flash.update(subject="48-hour flash sale")
    receipt = _delivery("RPILAgABcRhIBqSp7kiPekGBIeVl", linus, _T0 + 16 * _DAY, transactional_message_id=12)
    receipt.update(subject="Your Acme receipt")
    return [
        welcome,
        january,
        _delivery("RPILAgABcRhIBqSp7kiPekGBIeVj", grace, _T0 + 9 * _DAY, campaign_id=42, action_id=101),
        receipt,
        flash,
    ]


def _trigger() -> JSONObject:
    """One processed trigger of broadcast 61, with one recipient that named nobody."""
    created = _T0 + 31 * _DAY
    return {"id": 1, "broadcast_id": 61, "created_at": created, "processed_at": created + 60,
            "errors": ["no person with id user-9999"]}


def _objects() -> Objects:
    """One company, Acme (type 1, id "acme"), with Ada related to it as its admin."""
    objects = Objects()
    acme = objects.identify("1", "acme", {"name": "Acme", "plan": "enterprise"}, _T0 + 2 * _DAY)
    objects.relate(acme, "03000001", {"role": "admin"})
    return objects
