"""Behaviour of the emulated Customer.io workspace, in process and over loopback HTTP."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from integrations.customerio.emulator import (
    Credentials,
    Emulator,
    EmulatorServer,
    Family,
    Route,
    Workspace,
    sample_workspace,
    serve,
)
from integrations.customerio.emulator.auth import is_authorized

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "customerio-openapi"
TRACK_AUTH = ("emulator-site", "emulator-track-key")
APP_HEADERS = {"Authorization": "Bearer emulator-app-key"}
FIXED_NOW = 1_750_000_000


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def emulator() -> Emulator:
    workspace = sample_workspace()
    workspace.clock = lambda: FIXED_NOW
    return Emulator(workspace)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(transport=emulator.transport(), base_url="http://customerio.emulator") as http:
        yield http


def load_spec(name: str) -> dict[str, Any]:
    path = SPEC_DIR / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"Customer.io OpenAPI specs not found at {SPEC_DIR}")
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return spec


def response_schema(spec_name: str, path: str, method: str, status: str = "200") -> dict[str, Any]:
    spec = load_spec(spec_name)
    response = spec["paths"][path][method]["responses"][status]
    if "$ref" in response:  # e.g. "#/components/responses/400"
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema: dict[str, Any] = response["content"]["application/json"]["schema"]
    return {**schema, "components": spec.get("components", {})}  # lets local $refs resolve


def assert_matches_spec(
    body: Any, spec_name: str, path: str, method: str = "get", status: str = "200"
) -> None:
    openapi_schema_validator = pytest.importorskip("openapi_schema_validator")
    spec = load_spec(spec_name)
    validator = (
        openapi_schema_validator.OAS30ReadValidator
        if spec["openapi"].startswith("3.0")
        else openapi_schema_validator.OAS31Validator
    )
    openapi_schema_validator.validate(body, response_schema(spec_name, path, method, status), cls=validator)


def item_properties(schema: dict[str, Any], list_key: str) -> set[str]:
    return set(schema["properties"][list_key]["items"]["properties"])


def identify(client: httpx.Client, identifier: str, attributes: Any) -> httpx.Response:
    return client.put(
        f"/track/api/v1/customers/{quote(identifier, safe='')}", json=attributes, auth=TRACK_AUTH
    )


def track(client: httpx.Client, identifier: str, event: Any) -> httpx.Response:
    path = f"/track/api/v1/customers/{quote(identifier, safe='')}/events"
    return client.post(path, json=event, auth=TRACK_AUTH)


def track_errors(response: httpx.Response) -> list[str]:
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    errors: list[str] = response.json()["meta"]["errors"]
    return errors


# ---------------------------------------------------------------- Track: identify


def test_identify_creates_a_person_and_answers_an_empty_object(
    client: httpx.Client, emulator: Emulator
) -> None:
    response = identify(client, "user-2001", {"email": "new@example.com", "plan": "pro", "seats": 3})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {}
    person = emulator.workspace.find_person("user-2001")
    assert person is not None
    assert person.email == "new@example.com"
    assert person.attributes["plan"] == "pro"
    assert person.attributes["seats"] == 3
    assert person.created_at == FIXED_NOW
    assert emulator.workspace.find_person("NEW@example.com") is person


def test_identify_updates_an_existing_person_and_empty_values_remove_attributes(
    client: httpx.Client, emulator: Emulator
) -> None:
    people_before = len(emulator.workspace.people)
    assert identify(client, "ada@example.com", {"plan": "enterprise", "first_name": ""}).status_code == 200
    person = emulator.workspace.find_person("user-1001")
    assert person is not None
    assert person.attributes["plan"] == "enterprise"
    assert "first_name" not in person.attributes
    assert len(emulator.workspace.people) == people_before


def test_identify_with_update_only_flag_does_not_create(client: httpx.Client, emulator: Emulator) -> None:
    assert identify(client, "ghost", {"_update": True, "plan": "pro"}).status_code == 200
    assert emulator.workspace.find_person("ghost") is None


def test_unknown_cio_id_reference_creates_nobody(client: httpx.Client, emulator: Emulator) -> None:
    people_before = len(emulator.workspace.people)
    assert identify(client, "cio_ffffffff", {"plan": "pro"}).status_code == 200
    assert len(emulator.workspace.people) == people_before


def test_identify_accepts_cio_id_references(client: httpx.Client, emulator: Emulator) -> None:
    assert identify(client, "cio_03000003", {"plan": "pro"}).status_code == 200
    person = emulator.workspace.find_person("linus@example.org")
    assert person is not None and person.attributes["plan"] == "pro"


@pytest.mark.parametrize(
    "identifier",
    ["first+tag@example.com", "team/ops", "with space", "a%b?c#d", "ünïcødé-ユーザー", "o'brien@example.com"],
)
def test_percent_encoded_identifiers_round_trip(
    client: httpx.Client, emulator: Emulator, identifier: str
) -> None:
    assert identify(client, identifier, {"plan": "pro"}).status_code == 200
    assert track(client, identifier, {"name": "visited"}).status_code == 200
    person = emulator.workspace.find_person(identifier)
    assert person is not None
    assert identifier in (person.id, person.email)
    assert [event.name for event in person.events] == ["visited"]


def test_identifier_limit_counts_utf8_bytes(client: httpx.Client, emulator: Emulator) -> None:
    at_limit = "é" * 75  # 150 bytes, 75 characters
    assert identify(client, at_limit, {}).status_code == 200
    assert emulator.workspace.find_person(at_limit) is not None
    assert track_errors(identify(client, at_limit + "x", {})) != []
    assert track_errors(track(client, at_limit + "x", {"name": "x"})) != []


def test_empty_identifier_is_rejected(client: httpx.Client) -> None:
    response = client.put("/track/api/v1/customers/", json={}, auth=TRACK_AUTH)
    assert track_errors(response) == ["id attribute cannot be an empty string"]


def test_identify_allows_300_attributes_and_rejects_301(client: httpx.Client) -> None:
    attributes = {f"attr_{index}": index for index in range(300)}
    assert identify(client, "many", attributes).status_code == 200
    attributes["one_more"] = 1
    assert track_errors(identify(client, "many", attributes)) == [
        "cannot identify more than 300 attributes in one request"
    ]


def test_attribute_name_limit_is_150_bytes(client: httpx.Client) -> None:
    assert identify(client, "names", {"ß" * 75: 1}).status_code == 200
    assert track_errors(identify(client, "names", {"ß" * 75 + "x": 1})) == [
        "attribute name cannot be longer than 150 bytes"
    ]


def test_attribute_value_limit_is_1000_bytes(client: httpx.Client) -> None:
    at_limit = "€" * 333 + "a"  # 999 + 1 bytes
    assert identify(client, "values", {"bio": at_limit}).status_code == 200
    assert track_errors(identify(client, "values", {"bio": at_limit + "a"})) == [
        "value for attribute 'bio' cannot be longer than 1000 bytes"
    ]
    # Non-string values count as JSON text: a 998-character string inside a list is 1002 bytes.
    assert track_errors(identify(client, "values", {"tags": ["x" * 998]})) != []


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"id": 42}, "id attribute must be a string value"),
        ({"id": ""}, "id attribute cannot be an empty string"),
    ],
)
def test_id_attribute_rules(client: httpx.Client, attributes: dict[str, Any], message: str) -> None:
    assert track_errors(identify(client, "user-1001", attributes)) == [message]


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"'])
def test_identify_body_must_be_a_json_object(client: httpx.Client, body: bytes) -> None:
    response = client.put("/track/api/v1/customers/x", content=body, auth=TRACK_AUTH)
    assert len(track_errors(response)) == 1


# ---------------------------------------------------------------- Track: events


def test_event_is_stored_with_server_time_when_none_given(client: httpx.Client, emulator: Emulator) -> None:
    response = track(client, "user-1002", {"name": " trial_started ", "data": {"days": 14}})
    assert (response.status_code, response.json()) == (200, {})
    person = emulator.workspace.find_person("user-1002")
    assert person is not None
    event = person.events[-1]
    assert (event.name, event.type, event.timestamp, event.data) == (
        "trial_started",
        "event",
        FIXED_NOW,
        {"days": 14},
    )


def test_event_keeps_sender_timestamp_and_type(client: httpx.Client, emulator: Emulator) -> None:
    assert track(
        client, "user-1002", {"name": "/pricing", "type": "page", "timestamp": 1_700_000_000}
    ).is_success
    person = emulator.workspace.find_person("user-1002")
    assert person is not None
    assert (person.events[-1].type, person.events[-1].timestamp) == ("page", 1_700_000_000)


def test_event_for_unknown_person_creates_a_bare_person(client: httpx.Client, emulator: Emulator) -> None:
    assert track(client, "walk-in", {"name": "visited"}).status_code == 200
    person = emulator.workspace.find_person("walk-in")
    assert person is not None
    assert [event.name for event in person.events] == ["visited"]


def test_events_with_a_seen_id_are_stored_once(client: httpx.Client, emulator: Emulator) -> None:
    event = {"name": "purchase", "id": "01J9Z8Y7X6W5V4T3S2R1Q0P9N8", "data": {"total": 10}}
    assert track(client, "user-1001", event).status_code == 200
    assert track(client, "user-1001", event).status_code == 200
    assert track(client, "user-1002", event).status_code == 200  # the id is unique per workspace
    stored = [e for person in emulator.workspace.people for e in person.events if e.name == "purchase"]
    assert len(stored) == 1
    assert track(client, "user-1001", {**event, "id": "01J9Z8Y7X6W5V4T3S2R1Q0P9N9"}).status_code == 200
    assert sum(e.name == "purchase" for p in emulator.workspace.people for e in p.events) == 2


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({}, "event name must not be blank"),
        ({"name": "   "}, "event name must not be blank"),
        ({"name": "ü" * 50 + "x"}, "event name cannot be longer than 100 bytes"),
        ({"name": "x", "data": "text"}, "event data must be a hash"),
        ({"name": "x", "data": [1]}, "event data must be a hash"),
    ],
)
def test_event_validation(client: httpx.Client, event: dict[str, Any], message: str) -> None:
    assert track_errors(track(client, "user-1001", event)) == [message]


def test_event_name_of_100_bytes_is_accepted(client: httpx.Client) -> None:
    assert track(client, "user-1001", {"name": "ü" * 50}).status_code == 200


def test_event_data_limit_is_100000_bytes(client: httpx.Client) -> None:
    envelope = len(json.dumps({"blob": ""}, separators=(",", ":")))
    assert track(
        client, "user-1001", {"name": "big", "data": {"blob": "x" * (100_000 - envelope)}}
    ).is_success
    oversized = {"name": "big", "data": {"blob": "x" * (100_001 - envelope)}}
    assert track_errors(track(client, "user-1001", oversized)) == [
        "event data cannot be longer than 100000 bytes"
    ]


def test_event_validation_errors_match_the_spec(client: httpx.Client) -> None:
    body = track(client, "user-1001", {"name": ""}).json()
    assert_matches_spec(body, "track", "/api/v1/customers/{identifier}/events", "post", "400")


# ---------------------------------------------------------------- Track: region


@pytest.mark.parametrize(
    ("region", "url"), [("us", "https://track.customer.io"), ("eu", "https://track-eu.customer.io")]
)
def test_account_region(region: str, url: str) -> None:
    emulator = Emulator(sample_workspace(), region=region)
    with httpx.Client(transport=emulator.transport(), base_url="http://any.host.example") as http:
        response = http.get("/track/api/v1/accounts/region", auth=TRACK_AUTH)
    assert response.status_code == 200
    assert response.json() == {
        "url": url,
        "region": region,
        "environment_id": emulator.workspace.environment_id,
    }
    assert_matches_spec(response.json(), "track", "/api/v1/accounts/region")


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError):
        Emulator(region="apac")


# ---------------------------------------------------------------- auth


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/track/api/v1/accounts/region", {}),
        (
            "/track/api/v1/accounts/region",
            {"Authorization": "Basic " + base64.b64encode(b"site:wrong").decode()},
        ),
        (
            "/track/api/v1/accounts/region",
            {"Authorization": "Basic " + base64.b64encode(b"emulator-track-key:").decode()},
        ),
        ("/track/api/v1/accounts/region", {"Authorization": "Bearer emulator-track-key"}),
        ("/track/api/v1/accounts/region", {"Authorization": "Basic !!!not-base64"}),
    ],
)
def test_track_rejects_missing_or_wrong_credentials(
    client: httpx.Client, path: str, headers: dict[str, str]
) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json()["meta"]["errors"], list)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-key"},
        {"Authorization": "Basic " + base64.b64encode(b"emulator-app-key:").decode()},
    ],
)
def test_app_rejects_missing_or_wrong_credentials(client: httpx.Client, headers: dict[str, str]) -> None:
    response = client.get("/app/v1/segments", headers=headers)
    assert response.status_code == 401
    assert response.json()["errors"][0]["status"] == "401"


def test_auth_failure_changes_nothing(client: httpx.Client, emulator: Emulator) -> None:
    response = client.put(
        "/track/api/v1/customers/intruder", json={"plan": "pro"}, auth=("emulator-site", "no")
    )
    assert response.status_code == 401
    assert emulator.workspace.find_person("intruder") is None


def test_pipelines_auth_is_basic_with_key_as_user_and_blank_password() -> None:
    credentials = Credentials()

    def basic(user: str, password: str) -> dict[str, str]:
        return {"authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}

    assert is_authorized(Family.CDP, basic("emulator-pipelines-key", ""), credentials)
    assert not is_authorized(Family.CDP, basic("emulator-pipelines-key", "x"), credentials)
    assert not is_authorized(Family.CDP, basic("other", ""), credentials)
    assert not is_authorized(Family.CDP, {}, credentials)


def test_custom_credentials_replace_the_defaults() -> None:
    emulator = Emulator(credentials=Credentials(site_id="s1", track_api_key="k1", app_api_key="a1"))
    with httpx.Client(transport=emulator.transport(), base_url="http://h") as http:
        assert http.get("/track/api/v1/accounts/region", auth=("s1", "k1")).status_code == 200
        assert http.get("/track/api/v1/accounts/region", auth=TRACK_AUTH).status_code == 401
        assert http.get("/app/v1/workspaces", headers={"Authorization": "Bearer a1"}).status_code == 200


# ---------------------------------------------------------------- App API


def test_list_segments_matches_spec(client: httpx.Client) -> None:
    response = client.get("/app/v1/segments", headers=APP_HEADERS)
    assert response.status_code == 200
    body = response.json()
    assert_matches_spec(body, "app", "/v1/segments")
    names = {segment["name"] for segment in body["segments"]}
    assert {"Active Users", "Trial Users", "Churn Risk", "VIP (manual)"} <= names
    assert {segment["type"] for segment in body["segments"]} == {"dynamic", "manual"}
    schema = response_schema("app", "/v1/segments", "get")
    assert all(item_properties(schema, "segments") <= set(segment) for segment in body["segments"])


def test_list_and_get_campaigns_match_spec(client: httpx.Client) -> None:
    listed = client.get("/app/v1/campaigns", headers=APP_HEADERS).json()
    assert_matches_spec(listed, "app", "/v1/campaigns")
    assert len(listed["campaigns"]) >= 3
    assert any(campaign["active"] is False for campaign in listed["campaigns"])
    response = client.get("/app/v1/campaigns/42", headers=APP_HEADERS)
    assert response.status_code == 200
    campaign = response.json()["campaign"]
    assert (campaign["id"], campaign["name"], campaign["active"]) == (42, "Welcome Series", True)
    assert_matches_spec(response.json(), "app", "/v1/campaigns/{campaign_id}")


def test_records_carry_every_property_the_spec_lists(client: httpx.Client) -> None:
    newsletters = client.get("/app/v1/newsletters", headers=APP_HEADERS).json()["newsletters"]
    listed = item_properties(response_schema("app", "/v1/newsletters", "get"), "newsletters")
    for newsletter in newsletters:
        unsent = {"sent_at"} if newsletter["state"] == "draft" else set()
        assert listed - unsent <= set(newsletter)
    workspaces = client.get("/app/v1/workspaces", headers=APP_HEADERS).json()["workspaces"]
    assert item_properties(response_schema("app", "/v1/workspaces", "get"), "workspaces") == set(
        workspaces[0]
    )
    branches = response_schema("app", "/v1/campaigns", "get")["properties"]["campaigns"]["items"]["oneOf"]
    by_type = {branch["properties"]["type"]["enum"][0]: set(branch["properties"]) for branch in branches}
    conditional = {"trigger_segment_ids", "msg_templates"}  # only present when the campaign has them
    for campaign in client.get("/app/v1/campaigns", headers=APP_HEADERS).json()["campaigns"]:
        assert by_type[campaign["type"]] - conditional <= set(campaign)


def test_unknown_campaign_is_404_in_the_app_error_envelope(client: httpx.Client) -> None:
    response = client.get("/app/v1/campaigns/999999", headers=APP_HEADERS)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["status"] == "404"


@pytest.mark.parametrize("campaign_id", ["abc", "4.2", "-1", "%C2%B2"])
def test_non_integer_campaign_id_is_400(client: httpx.Client, campaign_id: str) -> None:
    response = client.get(f"/app/v1/campaigns/{campaign_id}", headers=APP_HEADERS)
    assert response.status_code == 400
    assert response.json()["errors"][0]["status"] == "400"


def test_list_newsletters_matches_spec(client: httpx.Client) -> None:
    body = client.get("/app/v1/newsletters", headers=APP_HEADERS).json()
    assert_matches_spec(body, "app", "/v1/newsletters")
    assert len(body["newsletters"]) == 3
    assert body["next"] == ""
    assert all("state" in newsletter for newsletter in body["newsletters"])


def test_newsletters_paginate_with_opaque_cursor(client: httpx.Client) -> None:
    seen: list[int] = []
    start: str | None = None
    for _ in range(10):
        params = {"limit": "1", **({"start": start} if start else {})}
        body = client.get("/app/v1/newsletters", params=params, headers=APP_HEADERS).json()
        assert len(body["newsletters"]) == 1
        seen.append(body["newsletters"][0]["id"])
        start = body["next"]
        if not start:
            break
    assert seen == [7, 8, 9]


def test_newsletters_sort_descending(client: httpx.Client) -> None:
    body = client.get("/app/v1/newsletters", params={"sort": "desc", "limit": 2}, headers=APP_HEADERS).json()
    assert [newsletter["id"] for newsletter in body["newsletters"]] == [9, 8]
    following = client.get(
        "/app/v1/newsletters", params={"sort": "desc", "start": body["next"]}, headers=APP_HEADERS
    ).json()
    assert ([newsletter["id"] for newsletter in following["newsletters"]], following["next"]) == ([7], "")


def test_newsletter_limit_is_capped_at_100(emulator: Emulator, client: httpx.Client) -> None:
    for number in range(100, 250):
        emulator.workspace.newsletters[number] = {**emulator.workspace.newsletters[7], "id": number}
    body = client.get("/app/v1/newsletters", params={"limit": "500"}, headers=APP_HEADERS).json()
    assert len(body["newsletters"]) == 100
    assert body["next"] != ""


@pytest.mark.parametrize(
    "params", [{"limit": "0"}, {"limit": "ten"}, {"start": "not-a-cursor"}, {"sort": "up"}]
)
def test_bad_newsletter_paging_parameters_are_400(client: httpx.Client, params: dict[str, str]) -> None:
    response = client.get("/app/v1/newsletters", params=params, headers=APP_HEADERS)
    assert response.status_code == 400
    assert response.json()["errors"][0]["status"] == "400"


def test_list_workspaces_counts_people_live(client: httpx.Client, emulator: Emulator) -> None:
    before = client.get("/app/v1/workspaces", headers=APP_HEADERS).json()
    assert_matches_spec(before, "app", "/v1/workspaces")
    assert before["workspaces"][0]["id"] == emulator.workspace.environment_id
    assert before["workspaces"][0]["name"] == "Acme Demo"
    identify(client, "someone-new", {})
    after = client.get("/app/v1/workspaces", headers=APP_HEADERS).json()
    assert after["workspaces"][0]["people"] == before["workspaces"][0]["people"] + 1


# ---------------------------------------------------------------- routing and recording


@pytest.mark.parametrize(
    ("path", "envelope_key"),
    [
        ("/track/api/v1/nothing", "meta"),
        ("/app/v1/nothing", "errors"),
        ("/cdp/nothing", "message"),
        ("/nope/x", "errors"),
    ],
)
def test_unknown_paths_are_404_in_the_family_envelope(
    client: httpx.Client, path: str, envelope_key: str
) -> None:
    response = client.get(path, headers=APP_HEADERS)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert envelope_key in response.json()


def test_wrong_method_on_a_known_path_is_405(client: httpx.Client) -> None:
    response = client.delete("/app/v1/campaigns/42", headers=APP_HEADERS)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert client.get("/track/api/v1/customers/x", auth=TRACK_AUTH).status_code == 405


def test_requests_are_recorded(client: httpx.Client, emulator: Emulator) -> None:
    emulator.requests.clear()
    identify(client, "rec@example.com", {"plan": "pro"})
    client.get("/app/v1/newsletters", params={"limit": 1}, headers=APP_HEADERS)
    client.get("/app/v1/segments")
    first, second, third = emulator.requests
    assert (first.method, first.path, first.family, first.status) == (
        "PUT",
        "/track/api/v1/customers/rec%40example.com",
        "track",
        200,
    )
    assert first.json() == {"plan": "pro"}
    assert first.headers["authorization"].startswith("Basic ")
    assert (second.query, second.family, second.status) == ("limit=1", "app", 200)
    assert (third.family, third.status) == ("app", 401)


def test_routes_are_declared_once_per_operation() -> None:
    from integrations.customerio.emulator import ROUTES

    keys = [(route.family, route.method, route.path_template) for route in ROUTES]
    assert len(keys) == len(set(keys))
    assert all(isinstance(route, Route) for route in ROUTES)


def test_sample_workspace_is_deterministic() -> None:
    first, second = sample_workspace(), sample_workspace()
    first.clock = second.clock = lambda: 0
    assert first == second
    assert first.campaigns[42]["name"] == "Welcome Series"
    assert isinstance(first.environment_id, int)
    first.people.clear()
    assert second.people, "each call returns an independent copy"


def test_empty_workspace_can_be_emulated() -> None:
    emulator = Emulator(Workspace())
    with httpx.Client(transport=emulator.transport(), base_url="http://h") as http:
        assert http.get("/app/v1/campaigns", headers=APP_HEADERS).json() == {"campaigns": []}


# ---------------------------------------------------------------- loopback HTTP


def emulator_threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread is not threading.main_thread()}


def test_same_behaviour_over_loopback_http(emulator: Emulator) -> None:
    threads_before = emulator_threads()
    with serve(emulator) as server, httpx.Client() as http:
        urls = server.base_urls()
        assert server.url.startswith("http://127.0.0.1:")
        assert set(urls) == {"track", "app", "pipelines"}
        identifier = quote("loop+back/test@example.com", safe="")
        put = http.put(
            f"{urls['track']}/api/v1/customers/{identifier}", json={"plan": "pro"}, auth=TRACK_AUTH
        )
        assert (put.status_code, put.json(), put.headers["content-type"]) == (200, {}, "application/json")
        assert http.get(f"{urls['track']}/api/v1/accounts/region", auth=TRACK_AUTH).json()["region"] == "us"
        assert http.get(f"{urls['track']}/api/v1/accounts/region").status_code == 401
        assert http.get(f"{urls['app']}/v1/campaigns/42", headers=APP_HEADERS).json()["campaign"]["id"] == 42
        assert http.get(f"{urls['app']}/v1/campaigns/7", headers=APP_HEADERS).status_code == 404
        too_long = http.post(
            f"{urls['track']}/api/v1/customers/x/events", json={"name": "n" * 101}, auth=TRACK_AUTH
        )
        assert track_errors(too_long) == ["event name cannot be longer than 100 bytes"]
        assert http.get(f"{urls['pipelines']}/nothing").status_code == 404
    assert emulator.workspace.find_person("loop+back/test@example.com") is not None
    assert emulator_threads() - threads_before == set()  # threads of earlier tests may end meanwhile


def test_loopback_keeps_connections_alive_and_reads_chunked_bodies(emulator: Emulator) -> None:
    with (
        serve(emulator) as server,
        httpx.Client(base_url=server.base_urls()["track"], auth=TRACK_AUTH) as http,
    ):
        local_ports = set()
        for _ in range(3):
            response = http.get("/api/v1/accounts/region")
            assert response.status_code == 200
            local_ports.add(response.extensions["network_stream"].get_extra_info("client_addr")[1])
        chunked = http.post("/api/v1/customers/chunky/events", content=iter([b'{"name":', b' "streamed"}']))
        assert chunked.status_code == 200
    assert len(local_ports) == 1, "all three requests travelled on one kept-alive connection"
    assert emulator.requests[-1].headers.get("transfer-encoding") == "chunked"
    person = emulator.workspace.find_person("chunky")
    assert person is not None and person.events[0].name == "streamed"


def test_close_ends_idle_keep_alive_connections(emulator: Emulator) -> None:
    threads_before = emulator_threads()
    server = serve(emulator)
    http = httpx.Client(base_url=server.url)
    assert http.get("/app/v1/workspaces", headers=APP_HEADERS).status_code == 200
    server.close()  # the client still holds its pooled connection open here
    server.close()  # idempotent
    http.close()
    assert emulator_threads() - threads_before == set()  # threads of earlier tests may end meanwhile


def test_concurrent_requests_are_all_answered(emulator: Emulator) -> None:
    def send_events(server: EmulatorServer, worker: int) -> None:
        with httpx.Client(base_url=server.base_urls()["track"], auth=TRACK_AUTH) as http:
            for number in range(10):
                event = {"name": "ping", "id": f"{worker}-{number}"}
                assert http.post(f"/api/v1/customers/worker-{worker}/events", json=event).status_code == 200

    with serve(emulator) as server:
        workers = [threading.Thread(target=send_events, args=(server, worker)) for worker in range(4)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    stored = sum(
        len(person.events) for person in emulator.workspace.people if (person.id or "").startswith("worker-")
    )
    assert stored == 40


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "example.com"])
def test_serve_refuses_non_loopback_hosts(emulator: Emulator, host: str) -> None:
    with pytest.raises(ValueError):
        serve(emulator, host=host)
