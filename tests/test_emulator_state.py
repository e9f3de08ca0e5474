"""Stateful behaviour across families: reads on the App API reflect Track, Pipelines and App writes."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.customerio.emulator import ROUTES, Emulator, sample_workspace
from integrations.customerio.emulator.workspace import Event, Person, Workspace

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "customerio-openapi"
TRACK_AUTH = ("emulator-site", "emulator-track-key")
APP = {"Authorization": "Bearer emulator-app-key"}
CDP_AUTH = {"Authorization": "Basic " + base64.b64encode(b"emulator-pipelines-key:").decode()}


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(sample_workspace())


@pytest.fixture
def http(emulator: Emulator) -> httpx.Client:
    return httpx.Client(transport=emulator.transport(), base_url="http://emulator")


def test_all_138_operations_are_routed_once() -> None:
    names = [route.operation.name for route in ROUTES if route.operation is not None]
    assert len(names) == len(set(names)) == 138


def test_facts_are_current_with_the_specs() -> None:
    if not SPEC_DIR.is_dir():
        pytest.skip(f"Customer.io OpenAPI specs not found at {SPEC_DIR}")
    command = [sys.executable, "-m", "integrations.customerio.emulator.factgen", "--check", "--specs", str(SPEC_DIR)]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0


def test_identify_then_read_attributes(http: httpx.Client) -> None:
    assert http.put("/track/api/v1/customers/u-9", json={"email": "u9@example.com", "seats": 3},
                    auth=TRACK_AUTH).status_code == 200
    customer = http.get("/app/v1/customers/u-9/attributes", headers=APP).json()["customer"]
    assert customer["attributes"]["seats"] == "3" and customer["identifiers"]["email"] == "u9@example.com"
    by_email = http.get("/app/v1/customers/u9%40example.com/attributes", params={"id_type": "email"}, headers=APP)
    assert by_email.json()["customer"]["id"] == "u-9"
    assert http.get("/app/v1/customers", params={"email": "U9@example.com"}, headers=APP).json()["results"]


def test_devices_suppress_delete_and_merge(http: httpx.Client, emulator: Emulator) -> None:
    device = {"device": {"id": "tok-1", "platform": "ios"}}
    assert http.put("/track/api/v1/customers/user-1002/devices", json=device, auth=TRACK_AUTH).status_code == 200
    devices = http.get("/app/v1/customers/user-1002/attributes", headers=APP).json()["customer"]["devices"]
    assert [d["id"] for d in devices] == ["tok-1"]
    assert http.delete("/track/api/v1/customers/user-1002/devices/tok-1", auth=TRACK_AUTH).status_code == 200
    assert http.post("/track/api/v1/customers/user-1002/suppress", auth=TRACK_AUTH).status_code == 200
    assert emulator.workspace.find_person("user-1002").suppressed  # type: ignore[union-attr]
    merge = {"primary": {"id": "user-1001"}, "secondary": {"id": "user-1002"}}
    assert http.post("/track/api/v1/merge_customers", json=merge, auth=TRACK_AUTH).status_code == 200
    assert http.get("/app/v1/customers/user-1002/attributes", headers=APP).status_code == 404
    bad = http.post("/track/api/v1/merge_customers", json={"primary": {}, "secondary": {"id": "x"}}, auth=TRACK_AUTH)
    assert bad.status_code == 400 and "error" in bad.json()["meta"]
    assert http.delete("/track/api/v1/customers/user-1001", auth=TRACK_AUTH).status_code == 200
    assert emulator.workspace.find_person("user-1001") is None


def test_manual_segment_lifecycle_with_pagination(http: httpx.Client) -> None:
    created = http.post("/app/v1/segments", json={"segment": {"name": "Beta"}}, headers=APP).json()["segment"]
    segment = created["id"]
    ids = ["user-1001", "user-1002", "nobody"]
    assert http.post(f"/track/api/v1/segments/{segment}/add_customers", json={"ids": ids},
                     auth=TRACK_AUTH).status_code == 200
    assert http.get(f"/app/v1/segments/{segment}/customer_count", headers=APP).json() == {"count": 2}
    page = http.get(f"/app/v1/segments/{segment}/membership", params={"limit": 1}, headers=APP).json()
    assert page["ids"] == ["user-1001"] and page["next"]
    rest = http.get(f"/app/v1/segments/{segment}/membership", params={"start": page["next"]}, headers=APP).json()
    assert rest["ids"] == ["user-1002"] and rest["next"] == ""
    segments = http.get("/app/v1/customers/user-1002/segments", headers=APP).json()["segments"]
    assert segment in [s["id"] for s in segments]
    too_many = {"ids": [str(n) for n in range(1001)]}
    assert http.post(f"/track/api/v1/segments/{segment}/remove_customers", json=too_many,
                     auth=TRACK_AUTH).status_code == 400
    assert http.delete(f"/app/v1/segments/{segment}", headers=APP).status_code == 204
    assert http.get(f"/app/v1/segments/{segment}", headers=APP).status_code == 404


def test_transactional_sends_are_recorded_as_messages(http: httpx.Client) -> None:
    send = {"transactional_message_id": "password_reset", "identifiers": {"email": "new@example.com"},
            "to": "new@example.com"}
    answer = http.post("/app/v1/send/email", json=send, headers=APP).json()
    assert set(answer) == {"delivery_id", "queued_at"}
    message = http.get(f"/app/v1/messages/{answer['delivery_id']}", headers=APP).json()["message"]
    assert message["recipient"] == "new@example.com"
    listed = http.get("/app/v1/transactional/11/messages", headers=APP).json()["messages"]
    assert [m["id"] for m in listed] == [answer["delivery_id"]]
    many = {**send, "to": ",".join(f"p{n}@example.com" for n in range(16))}
    too_many = http.post("/app/v1/send/email", json=many, headers=APP)
    assert too_many.status_code == 400 and "error" in too_many.json()["meta"]
    missing = http.post("/app/v1/send/email", json={"to": "x@example.com"}, headers=APP)
    assert missing.status_code == 400


def test_broadcast_trigger_status_errors_and_list(http: httpx.Client) -> None:
    body = {"ids": ["user-1001", "ghost"]}
    trigger = http.post("/app/v1/campaigns/61/triggers", json=body, headers=APP).json()["id"]
    status = http.get(f"/app/v1/campaigns/61/triggers/{trigger}", headers=APP).json()
    assert status["broadcast_id"] == 61 and status["processed_at"]
    errors = http.get(f"/app/v1/campaigns/61/triggers/{trigger}/errors", headers=APP).json()
    assert errors == {"errors": ["no person with id ghost"], "next": ""}
    triggers = http.get("/app/v1/broadcasts/61/triggers", headers=APP).json()["triggers"]
    assert trigger in [t["id"] for t in triggers]
    empty = http.post("/app/v1/campaigns/61/triggers", json={"recipients": {}}, headers=APP)
    assert empty.status_code == 422 and empty.json()["errors"][0]["source"] == {"pointer": "/recipients"}
    assert http.post("/app/v1/campaigns/999/triggers", json={}, headers=APP).status_code == 404


def test_messages_paginate(http: httpx.Client) -> None:
    first = http.get("/app/v1/messages", params={"limit": 2}, headers=APP).json()
    assert len(first["messages"]) == 2 and first["next"]
    rest = http.get("/app/v1/messages", params={"start": first["next"]}, headers=APP).json()
    assert len(rest["messages"]) == 3 and rest["next"] == ""  # five sample deliveries in all


def test_anonymous_and_page_events_show_in_activities(http: httpx.Client, emulator: Emulator) -> None:
    assert http.post("/track/api/v1/events", json={"name": "viewed", "anonymous_id": "anon-1"},
                     auth=TRACK_AUTH).status_code == 200
    assert [e.name for e in emulator.workspace.anonymous_events["anon-1"]] == ["viewed"]
    page = {"name": "/pricing", "type": "page", "timestamp": 1_800_000_000}
    assert http.post("/track/api/v1/customers/user-1001/events", json=page, auth=TRACK_AUTH).status_code == 200
    activities = http.get("/app/v1/customers/user-1001/activities", headers=APP).json()["activities"]
    assert activities[0]["type"] == "page"


def test_pipelines_lenient_by_default_strict_on_request(http: httpx.Client, emulator: Emulator) -> None:
    assert http.post("/cdp/identify", json={"userId": "p-1", "traits": {"plan": "pro"}},
                     headers=CDP_AUTH).status_code == 200
    assert emulator.workspace.find_person("p-1").attributes["plan"] == "pro"  # type: ignore[union-attr]
    assert http.post("/cdp/track", json={"traits": {}}, headers=CDP_AUTH).status_code == 200
    assert http.post("/cdp/track", json={}, headers={}).status_code == 200
    assert len(emulator.workspace.dropped) == 2
    strict = {**CDP_AUTH, "X-Strict-Mode": "1"}
    assert http.post("/cdp/track", json={"userId": "p-1"}, headers=strict).status_code == 400
    assert http.post("/cdp/track", json={}, headers={"X-Strict-Mode": "1"}).status_code == 401
    big = {"batch": [{"type": "track", "userId": "p", "event": "e", "properties": {"x": "y" * 33_000}}]}
    assert http.post("/cdp/batch", json=big, headers=strict).status_code == 400
    batch = {"batch": [{"type": "page", "userId": "p-1", "name": "Home"}, {"type": "track", "anonymousId": "a",
                                                                           "event": "e"}]}
    assert http.post("/cdp/batch", json=batch, headers=strict).status_code == 200
    assert emulator.processed["cdp.batch"] == 1


def test_track_v2_entity_and_partial_batch(http: httpx.Client, emulator: Emulator) -> None:
    entity = {"type": "person", "action": "identify", "identifiers": {"id": "v2"}, "attributes": {"plan": "x"}}
    assert http.post("/track/api/v2/entity", json=entity, auth=TRACK_AUTH).status_code == 200
    bad = {"type": "person", "action": "fly", "identifiers": {"id": "v2"}}
    batch = http.post("/track/api/v2/batch", json={"batch": [entity, bad]}, auth=TRACK_AUTH)
    assert batch.status_code == 207 and batch.json()["errors"][0]["batch_index"] == 1
    assert emulator.workspace.find_person("v2") is not None


def test_request_checks_use_spec_facts(http: httpx.Client) -> None:
    assert http.get("/app/v1/campaigns/42/metrics", headers=APP).status_code == 400  # version is required
    assert http.get("/app/v1/messages", params={"type": "fax"}, headers=APP).status_code == 400
    assert http.post("/app/v1/segments", content=b"{bad", headers=APP).status_code == 400
    webhook = {"name": "w", "endpoint": "https://example.com", "events": "nope"}
    assert http.post("/app/v1/reporting_webhooks", json=webhook, headers=APP).status_code == 400
    assert http.get("/app/v1/info/ip_addresses").status_code == 200  # public in the spec
    unknown = http.get("/app/v1/nothing/here", headers=APP)
    assert unknown.status_code == 404 and "no app API operation" in unknown.json()["errors"][0]["detail"]


# ------------------------------------------------------------------ the people index answers as a scan

_NAMES = st.sampled_from(["a", "b", "c", "A@x.io", "a@x.io", "b@x.io", "cio_03000001", "cio_03000002", ""])
_STEPS = st.lists(st.one_of(
    st.tuples(st.just("identify"), _NAMES, st.dictionaries(st.sampled_from(["id", "email", "plan"]), _NAMES,
                                                            max_size=2)),
    st.tuples(st.just("event"), _NAMES, st.just({})),
    st.tuples(st.just("delete"), _NAMES, st.just({})),
    st.tuples(st.just("append"), _NAMES, st.just({})),  # a test seeding the list directly
), max_size=25)


def _scan(workspace: Workspace, identifier: str) -> Person | None:
    return next((person for person in workspace.people if person.answers_to(identifier)), None)


@settings(max_examples=300, deadline=None, database=None)
@given(steps=_STEPS)
def test_people_lookups_answer_as_a_linear_scan_would(steps: list[tuple[str, str, dict[str, str]]]) -> None:
    workspace = sample_workspace()
    for step, (action, name, attributes) in enumerate(steps):
        if not name:
            continue
        if action == "identify":
            workspace.identify(name, attributes)
        elif action == "event":
            workspace.record_event(name, Event(name="e", type="event", timestamp=0))
        elif action == "delete" and (person := workspace.find_person(name)) is not None:
            workspace.delete_person(person)
        elif action == "append":
            workspace.people.append(Person(cio_id=f"9{step}", id=name if "@" not in name else None,
                                           email=name if "@" in name else None))
        for probe in ["a", "b", "c", "A@x.io", "a@x.io", "b@x.io", "cio_03000001", "cio_03000002",
                      *(f"cio_{p.cio_id}" for p in workspace.people)]:
            assert workspace.find_person(probe) is _scan(workspace, probe), (probe, action, name)
            by_id = next((person for person in workspace.people if person.id == probe), None)
            assert workspace.find_by("id", probe) is by_id, (probe, action, name)
    assert len({p.cio_id for p in workspace.people}) == len(workspace.people)  # fresh cio_ids stay unique


def test_every_spec_operation_has_a_modelled_handler() -> None:
    from integrations.customerio.emulator.routes import HANDLERS

    canned = [route.operation.name for route in ROUTES if route.operation is not None
              and route.operation.name not in HANDLERS]
    assert canned == [], "operations answering a canned sample instead of the workspace's state"
