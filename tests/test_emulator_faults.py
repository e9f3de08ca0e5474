"""Fault injection and processed counts: the emulator fails on request, in process and on loopback."""

from __future__ import annotations

import httpx
import pytest

from integrations.customerio.emulator import Emulator, sample_workspace, serve
from integrations.customerio.emulator.faults import Fault

TRACK_AUTH = ("emulator-site", "emulator-track-key")
APP_HEADERS = {"Authorization": "Bearer emulator-app-key"}
SEND = {"transactional_message_id": 11, "identifiers": {"id": "user-1001"}, "to": "ada@example.com"}


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(sample_workspace())


def client(emulator: Emulator) -> httpx.Client:
    return httpx.Client(transport=emulator.transport(), base_url="http://emulator")


def test_rate_limit_with_and_without_retry_after(emulator: Emulator) -> None:
    emulator.faults.add(Fault.rate_limited(retry_after=3, family="app", path="/v1/send/*"))
    emulator.faults.add(Fault.rate_limited(family="app", path="/v1/send/*"))
    with client(emulator) as http:
        first = http.post("/app/v1/send/email", json=SEND, headers=APP_HEADERS)
        second = http.post("/app/v1/send/email", json=SEND, headers=APP_HEADERS)
        third = http.post("/app/v1/send/email", json=SEND, headers=APP_HEADERS)
    assert (first.status_code, first.headers["retry-after"]) == (429, "3")
    assert first.json()["errors"][0]["status"] == "429"
    assert second.status_code == 429 and "retry-after" not in second.headers
    assert third.status_code == 200
    assert emulator.processed["app.sendEmail"] == 1
    assert len(emulator.workspace.messages) == 6  # five sample deliveries + one send


def test_server_error_html_page_and_wrong_datacenter(emulator: Emulator) -> None:
    emulator.faults.add(Fault.server_error(503, operation="app.listSegments"))
    emulator.faults.add(Fault.html_error(502, operation="app.listSegments"))
    emulator.faults.add(Fault.wrong_datacenter(operation="app.listSegments"))
    with client(emulator) as http:
        statuses = [http.get("/app/v1/segments", headers=APP_HEADERS) for _ in range(4)]
    assert [r.status_code for r in statuses] == [503, 502, 301, 200]
    assert statuses[1].headers["content-type"] == "text/html"
    assert statuses[2].json() == {"errors": [{"detail": "wrong datacenter", "status": "301"}]}
    assert statuses[2].headers["location"] == "https://api-eu.customer.io"
    assert emulator.processed["app.listSegments"] == 1


def test_reset_before_and_after_processing_in_process(emulator: Emulator) -> None:
    emulator.faults.add(Fault.reset(operation="track.track"))
    emulator.faults.add(Fault.reset(after_processing=True, operation="track.track"))
    event = {"name": "purchase", "id": "01J9Z8Y7X6W5V4T3S2R1Q0P9N8"}
    with client(emulator) as http:
        with pytest.raises(httpx.ConnectError):
            http.post("/track/api/v1/customers/user-1001/events", json=event, auth=TRACK_AUTH)
        assert emulator.processed["track.track"] == 0
        with pytest.raises(httpx.ReadError):
            http.post("/track/api/v1/customers/user-1001/events", json=event, auth=TRACK_AUTH)
        assert emulator.processed["track.track"] == 1
        retried = http.post("/track/api/v1/customers/user-1001/events", json=event, auth=TRACK_AUTH)
    assert retried.status_code == 200
    person = emulator.workspace.find_person("user-1001")
    assert person is not None and [e.name for e in person.events].count("purchase") == 1
    assert [r.status for r in emulator.requests] == [0, 0, 200]


def test_reset_over_loopback_closes_the_socket_unanswered(emulator: Emulator) -> None:
    emulator.faults.add(Fault.reset(after_processing=True, operation="track.identify"))
    with serve(emulator) as server, httpx.Client(base_url=server.base_urls()["track"], auth=TRACK_AUTH) as http:
        with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
            http.put("/api/v1/customers/loop", json={"plan": "pro"})
        assert http.put("/api/v1/customers/loop", json={"plan": "max"}).status_code == 200
    assert emulator.processed["track.identify"] == 2
    person = emulator.workspace.find_person("loop")
    assert person is not None and person.attributes["plan"] == "max"


def test_slow_answers_and_timeouts(emulator: Emulator) -> None:
    emulator.faults.add(Fault.slow(0.05, operation="app.listWorkspaces"))
    emulator.faults.add(Fault.slow(5.0, operation="app.listWorkspaces"))
    with client(emulator) as http:
        assert http.get("/app/v1/workspaces", headers=APP_HEADERS).status_code == 200
        with pytest.raises(httpx.ReadTimeout):
            http.get("/app/v1/workspaces", headers=APP_HEADERS, timeout=0.05)
    assert emulator.processed["app.listWorkspaces"] == 2  # the late answer was still processed


def test_malformed_json_answer_after_processing(emulator: Emulator) -> None:
    emulator.faults.add(Fault.malformed_json(operation="app.sendEmail", times=None))
    with client(emulator) as http:
        for _ in range(2):
            response = http.post("/app/v1/send/email", json=SEND, headers=APP_HEADERS)
            assert response.status_code == 200
            with pytest.raises(ValueError):
                response.json()
    assert emulator.processed["app.sendEmail"] == 2
    assert len(emulator.faults.pending) == 1
    emulator.faults.clear()
    assert emulator.faults.pending == []


def test_faults_match_family_method_and_path(emulator: Emulator) -> None:
    emulator.faults.add(Fault.server_error(family="track", method="PUT", path="/api/v1/customers/*", times=2))
    with client(emulator) as http:
        assert http.get("/app/v1/segments", headers=APP_HEADERS).status_code == 200
        assert http.get("/track/api/v1/accounts/region", auth=TRACK_AUTH).status_code == 200
        puts = [http.put("/track/api/v1/customers/x", json={}, auth=TRACK_AUTH).status_code for _ in range(3)]
    assert puts == [500, 500, 200]
    assert len(emulator.faults.fired) == 2
