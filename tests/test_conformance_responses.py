"""Every operation of the three Customer.io specs answers JSON valid against the spec's schema.

Requests are built from the specs themselves (required parameters and bodies with schema-valid
sample values from ``factgen.sample``); path ids name records of the sample workspace so the
stateful handlers answer 2xx. The answer is validated with openapi_schema_validator against the
response schema the spec documents for the status received.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from integrations.customerio.emulator import Emulator, factgen, sample_workspace

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "customerio-openapi"
AUTH = {
    "track": {"Authorization": "Basic ZW11bGF0b3Itc2l0ZTplbXVsYXRvci10cmFjay1rZXk="},
    "cdp": {"Authorization": "Basic ZW11bGF0b3ItcGlwZWxpbmVzLWtleTo=", "X-Strict-Mode": "1"},
    "app": {"Authorization": "Bearer emulator-app-key"},
}
#: Path ids naming records of the sample workspace (anything else takes the spec's sample value).
KNOWN_IDS = {
    "campaign_id": "42",
    "newsletter_id": "7",
    "segment_id": "4",
    "transactional_id": "11",
    "customer_id": "user-1001",
    "identifier": "user-1001",
    "message_id": "RPILAgABcRhIBqSp7kiPekGBIeVh",
    "trigger_id": "1",
    "action_id": "101",
    "content_id": "307",
    "language": "fr",
    "webhook_id": "1",
    "collection_id": "1",
    "export_id": "1",
    "import_id": "1",
    "sender_id": "1",
    "snippet_name": "footer",
    "object_type_id": "1",
    "object_id": "acme",
    "email_address": "bounced.person@example.com",
    "suppression_type": "bounces",
    "test_group_id": "1",
}
#: Query values the spec's samples get wrong for a live workspace (a window must not end before it starts).
QUERIES = {"app.campaignJourneyMetrics": {"start": "1735689600", "end": "1738368000"}}
#: Bodies the spec's samples cannot supply: references to records of the sample workspace.
BODIES: dict[str, Any] = {
    "app.sendEmail": {"transactional_message_id": 11, "identifiers": {"id": "user-1001"}, "to": "ada@example.com"},
    "app.sendPush": {"transactional_message_id": 11, "identifiers": {"id": "user-1001"}, "to": "all"},
    "app.sendSMS": {"transactional_message_id": 11, "identifiers": {"id": "user-1001"}, "to": "+15555550100"},
    "app.triggerBroadcast": {"ids": ["user-1001"], "data": {"sale": "spring"}},
    # Filters as the grammar means them: one key per node (the spec's schema allows any object).
    "app.exportPeopleData": {"filters": {"and": [{"segment": {"id": 1}}]}},
    "app.getPeopleFilter": {"filter": {"segment": {"id": 1}}},
    "app.getObjectsFilter": {"object_type_id": "1", "filter": {"and": [{"object_attribute": {
        "field": "plan", "operator": "eq", "value": "pro", "type_id": "1"}}]}},
    "track.add_to_segment": {"ids": ["user-1001"]},
    "track.remove_from_segment": {"ids": ["user-1001"]},
}
#: The spec's metrics schemas are a ``oneOf`` of two versions that accept the same objects, so no
#: answer can match exactly one; these are validated against the version the request asked for.
AMBIGUOUS_ONE_OF = {"app.campaignMetrics", "app.campaignActionMetrics"}
#: Segment membership is a ``oneOf`` of "id only" and "email or id" identifiers whose first option
#: does not forbid ``email``: a person with id and email matches both. The emulator keeps the email
#: (Customer.io's "email or id" workspaces list it), so the answer must match at least one option.
ANY_OF_SUFFICES = {"app.getSegmentMembership"}


def load_specs() -> dict[str, dict[str, Any]]:
    if not SPEC_DIR.is_dir():
        pytest.skip(f"Customer.io OpenAPI specs not found at {SPEC_DIR}; conformance needs them")
    return factgen.load_specs(SPEC_DIR)


def all_operations() -> list[tuple[str, str, str]]:
    if not SPEC_DIR.is_dir():
        return []
    return [
        (family, method, path)
        for family, spec in factgen.load_specs(SPEC_DIR).items()
        for method, path, _, _ in factgen.operations(spec)
    ]


def build_request(family: str, spec: dict[str, Any], method: str, path: str) -> httpx.Request:
    item, operation = spec["paths"][path], spec["paths"][path][method]
    name = f"{family}.{operation['operationId']}"
    params = factgen.parameter_rules(spec, item, operation, "path")
    url_path = path
    for param, rule in params.items():
        value = KNOWN_IDS.get(param, str(rule["sample"]))
        if name.startswith("app.") and "broadcast" in path and param in ("broadcast_id", "campaign_id"):
            value = "61"
        url_path = url_path.replace("{" + param + "}", quote(value, safe=""))
    query = {
        param: _query_text(rule["sample"])
        for param, rule in factgen.parameter_rules(spec, item, operation, "query").items()
        if rule["required"]
    }
    if name in AMBIGUOUS_ONE_OF:
        query["version"] = "2"
    query.update(QUERIES.get(name, {}))
    body = _body(spec, operation, name)
    content = None if body is None else json.dumps(body).encode()
    headers = {**AUTH[family], **({"Content-Type": "application/json"} if content else {})}
    return httpx.Request(method.upper(), f"http://emulator/{family}{url_path}", params=query, headers=headers,
                         content=content)


def _query_text(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _body(spec: dict[str, Any], operation: dict[str, Any], name: str) -> Any:
    if name in BODIES:
        return BODIES[name]
    body = factgen.resolve(spec, operation.get("requestBody"))
    if not body:
        return None
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    return factgen.sample(spec, schema, reading=False)


def response_schema(spec: dict[str, Any], operation: dict[str, Any], status: int) -> Any:
    documented = operation["responses"].get(str(status))
    assert documented is not None, f"status {status} is not documented for {operation['operationId']}"
    response = factgen.resolve(spec, documented)
    return response.get("content", {}).get("application/json", {}).get("schema")


@pytest.mark.parametrize(("family", "method", "path"), all_operations())
def test_answer_is_valid_against_the_spec(family: str, method: str, path: str) -> None:
    specs = load_specs()
    pytest.importorskip("openapi_schema_validator")
    spec = specs[family]
    operation = spec["paths"][path][method]
    emulator = Emulator(sample_workspace())
    with httpx.Client(transport=emulator.transport()) as http:
        response = http.send(build_request(family, spec, method, path))
    assert response.is_success, f"{method.upper()} {path}: {response.status_code} {response.text}"
    schema = response_schema(spec, operation, response.status_code)
    if schema is None:
        assert response.content in (b"", b"{}"), "an operation without a documented body answers {} or nothing"
        return
    body = response.json()
    name = f"{family}.{operation['operationId']}"
    if name in AMBIGUOUS_ONE_OF:
        schema = factgen.resolve(spec, schema)["oneOf"][0]  # "Version 2", as requested
    if name in ANY_OF_SUFFICES:
        schema = {"anyOf": factgen.resolve(spec, schema)["oneOf"]}
    errors = [error.message for error in factgen.validator_for(spec, schema).iter_errors(body)]
    assert errors == [], f"{method.upper()} {path}: {errors[:3]}"


def test_every_operation_is_covered() -> None:
    assert len(all_operations()) == 138 or not SPEC_DIR.is_dir()
    if not SPEC_DIR.is_dir():
        pytest.skip(f"Customer.io OpenAPI specs not found at {SPEC_DIR}")
