"""Every spec operation's request, as the bridge emits it from the example params, matches the spec.

Method, path (against the spec's template), query names, the family's auth header, and the JSON
body validated against the spec's request schema. No network: a recording MockTransport answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
import pytest
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from jsonschema.validators import extend
from openapi_schema_validator import OAS30Validator, OAS31Validator

from bridge.integration import CallContext, Prepared
from integrations.customerio import Account, CustomerIO
from integrations.customerio.catalog import OPERATIONS, route
from integrations.customerio.operations import Operation
from integrations.customerio.specgen import METHODS
from tests.cio_support import basic
from tests.conftest import SPECS, need

FILES = {"track": "track.json", "pipelines": "pipelines.json", "app": "app.json"}
ACCOUNT = Account(site_id="site-1", track_api_key="track-key", app_api_key="app-key", pipelines_api_key="cdp-key")
AUTH = {"track": basic("site-1", "track-key"), "pipelines": basic("cdp-key", ""), "app": "Bearer app-key"}


def spec_operations() -> list[tuple[str, str, str]]:
    """(family, METHOD, path) of every operation of the three specs."""
    found = []
    for family, name in FILES.items():
        path = SPECS / name
        if not path.exists():
            continue
        for template, item in json.loads(path.read_text(encoding="utf-8"))["paths"].items():
            found += [(family, method.upper(), template) for method in METHODS if method in item]
    return found


def spec(family: str) -> dict[str, Any]:
    return json.loads((need(SPECS, "Customer.io OpenAPI specs") / FILES[family]).read_text(encoding="utf-8"))


def declared(method: str, template: str) -> Operation:
    wanted = (method, re.sub(r"{\w+}", "{}", template))
    return next(op for op in OPERATIONS if op.perform is None and route(op) == wanted)


def example_params(op: Operation) -> dict[str, Any]:
    """The example's argument table, read back from its Lua as the runtime would give it."""
    from bridge import Runtime  # one sandbox per call keeps each case independent

    seen: dict[str, Any] = {}

    class Capture(CustomerIO):
        def prepare(self, function: str, account: str, args: Any, ctx: CallContext) -> Prepared:
            seen.setdefault("args", args)
            return super().prepare(function, account, args, ctx)

        def send(self, prepared: Prepared, ctx: CallContext) -> Any:
            return {}

    Runtime([Capture([ACCOUNT])], approve=lambda request: True).run(op.examples[0].code)
    return dict(seen.get("args") or {})


def emitted(op: Operation) -> httpx.Request:
    requests: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: requests.append(r) or httpx.Response(200, json={}))
    integration = CustomerIO([ACCOUNT], transport=transport)
    integration.call(op.name, "default", example_params(op), CallContext(run_id="conformance", deadline=1e12))
    assert len(requests) == 1
    return requests[0]


CASES = spec_operations()


def test_every_spec_operation_is_declared() -> None:
    cases = need(SPECS, "Customer.io OpenAPI specs") and CASES
    assert len(cases) == 138
    missing = [c for c in cases if not any(route(op) == (c[1], re.sub(r"{\w+}", "{}", c[2])) for op in OPERATIONS)]
    assert missing == []


@pytest.mark.parametrize(("family", "method", "template"), CASES, ids=[f"{m} {p}" for _, m, p in CASES])
def test_request_matches_the_spec(family: str, method: str, template: str) -> None:
    document = spec(family)
    item = document["paths"][template]
    operation = item[method.lower()]
    op = declared(method, template)
    request = emitted(op)
    assert request.method == method
    base = urlsplit(document["servers"][0]["url"]).path.rstrip("/")
    assert_path(unquote(request.url.path), base + template)
    assert_query(document, item, operation, set(request.url.params))
    assert_auth(operation, family, request.headers.get("Authorization"))
    assert_body(document, operation, request.content)


def assert_path(path: str, template: str) -> None:
    pattern = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template))
    assert re.fullmatch(pattern, path), f"{path} does not match {template}"


def assert_query(document: dict[str, Any], item: dict[str, Any], operation: dict[str, Any], sent: set[str]) -> None:
    declared_names = set()
    for param in [*item.get("parameters", []), *operation.get("parameters", [])]:
        if "$ref" in param:
            param = resolve(document, param["$ref"])
        if param["in"] == "query":
            declared_names.add(param["name"])
    assert sent <= declared_names, f"query names {sent - declared_names} are not in the spec"


def assert_auth(operation: dict[str, Any], family: str, header: str | None) -> None:
    if operation.get("security") == []:
        return  # public operations: any (or no) Authorization is accepted
    assert header == AUTH[family]


def assert_body(document: dict[str, Any], operation: dict[str, Any], content: bytes) -> None:
    body = operation.get("requestBody")
    if body is None:
        assert not content, "a body was sent where the spec takes none"
        return
    if "$ref" in body:
        body = resolve(document, body["$ref"])
    schema = body["content"]["application/json"]["schema"]
    base = OAS31Validator if document["openapi"].startswith("3.1") else OAS30Validator
    # Customer.io's specs write oneOf where branches overlap (no additionalProperties: false), so a
    # body fitting one branch also fits its siblings; checked as anyOf, which is what they mean.
    validator = extend(base, {"oneOf": overlapping_one_of})
    root = {**{k: v for k, v in document.items() if k in ("components", "paths")}, **schema}
    error = best_match(validator(root).iter_errors(json.loads(content) if content else {}))
    if error is not None:
        pytest.fail(f"body does not match the spec at {list(error.absolute_path)}: {error.message[:300]}")


def overlapping_one_of(validator: Any, branches: list[Any], instance: Any, schema: Any) -> Iterator[SchemaError]:
    """oneOf checked as anyOf: at least one branch fits."""
    if all(any(True for _ in validator.descend(instance, branch)) for branch in branches):
        yield SchemaError("fits none of the oneOf branches")


def resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
