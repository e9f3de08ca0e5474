"""Request checks every operation gets from its spec facts, before its handler runs.

Malformed JSON, a body of the wrong JSON type, missing required top-level fields, top-level fields
of the wrong type or outside their enum, required or mistyped query parameters, and non-integer
ids where the spec types a path parameter as an integer are all answered 400. Messages are ours:
Customer.io documents few of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .catalog import FieldRule, Operation
from .wire import Call, Rejected


def check_request(operation: Operation, call: Call) -> None:
    """Raise ``Rejected(400)`` for the first rule of ``operation`` that ``call`` breaks."""
    _check_path(operation.path_params, call)
    _check_query(operation.query, call)
    if operation.body is not None:
        _check_body(operation, call)


def json_type(value: Any) -> str:
    """The JSON type name of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def type_allowed(value: Any, types: tuple[str, ...]) -> bool:
    """Whether ``value`` has one of ``types`` (an integer is also a number; () allows anything)."""
    kind = json_type(value)
    return not types or kind in types or (kind == "integer" and "number" in types)


def _check_path(rules: Mapping[str, FieldRule], call: Call) -> None:
    for name, rule in rules.items():
        raw = call.params.get(name, "")
        if rule.types == ("integer",) and not (raw.isascii() and raw.isdigit()):
            raise Rejected(400, f"{name} must be an integer")


def _check_query(rules: Mapping[str, FieldRule], call: Call) -> None:
    for name, rule in rules.items():
        raw = call.query_value(name)
        if raw is None:
            if rule.required:
                raise Rejected(400, f"query parameter {name} is required")
            continue
        if not _query_value_fits(raw, rule):
            raise Rejected(400, f"query parameter {name} has an invalid value")


def _query_value_fits(raw: str, rule: FieldRule) -> bool:
    if rule.enum is not None and raw not in [str(option) for option in rule.enum]:
        return False
    if rule.types == ("integer",):
        return raw.lstrip("-").isdigit() and raw.isascii()
    if rule.types == ("boolean",):
        return raw in ("true", "false")
    return True


def _check_body(operation: Operation, call: Call) -> None:
    rule = operation.body
    assert rule is not None  # checked by the caller
    body = call.json_body()
    if body is None:
        if rule.required_body:
            raise Rejected(400, "a request body is required")
        return
    if not type_allowed(body, rule.types):
        raise Rejected(400, "request body must be a JSON object")
    if not isinstance(body, dict):
        return
    for name in rule.required:
        if body.get(name) is None:
            raise Rejected(400, f"{name} is required")
    for name, field_rule in rule.fields.items():
        if name in body:
            _check_field(name, body[name], field_rule)


def _check_field(name: str, value: Any, rule: FieldRule) -> None:
    if not type_allowed(value, rule.types):
        raise Rejected(400, f"{name} must be of type {' or '.join(rule.types)}")
    if rule.enum is not None and value not in rule.enum:
        raise Rejected(400, f"{name} must be one of {', '.join(map(str, rule.enum))}")
