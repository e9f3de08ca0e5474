"""Request checks every operation gets from its spec, before its handler runs: as strict as the specs.

Each operation's body and parameter schemas (``facts.json`` ``request``, see ``specschema``) are
compiled once with jsonschema_rs and applied to every request: types, enums, formats, minimum and
maximum, minItems, required fields, ``oneOf`` exactly-one choices and read-only fields. Parameters
arrive as text and are read as the type their schema names first (``limit=abc`` is a 400, not a
string). A body that is not JSON, or is sent as another content type, is a 400 too. Messages are
ours (Customer.io documents few of them); they name the field and what it must be.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jsonschema_rs

from .catalog import Operation
from .wire import Call, Rejected

_INTEGER = re.compile(r"-?\d{1,18}")
_NUMBER = re.compile(r"-?\d{1,18}(\.\d{1,18})?([eE][-+]?\d{1,3})?")
MAX_MESSAGE = 240  # characters of a schema error kept in the answer
#: Operations whose list items are checked one by one by their handler (a bad item fails alone:
#: Track's v2 batch answers 207 naming it), by the list's body key.
ITEMWISE = {"track.batch": "batch"}


def check_request(operation: Operation, call: Call) -> None:
    """Raise ``Rejected(400)`` for the first rule of ``operation`` that ``call`` breaks."""
    for index, parameter in enumerate(operation.request.get("parameters", [])):
        _check_parameter(operation.name, index, parameter, call)
    if operation.request.get("body") is not None:
        check_body(operation, call.json_body(), sent=bool(call.body.strip()))


def check_body(operation: Operation, body: Any, sent: bool = True) -> None:
    """Validate a parsed JSON body against the operation's body schema; ``sent=False`` means no
    body at all (a JSON ``null`` is a body, and is checked like any other value)."""
    if body is None and not sent:
        if operation.request.get("body_required"):
            raise Rejected(400, "a request body is required")
        return
    key = ITEMWISE.get(operation.name)
    if key is not None and isinstance(body, dict) and isinstance(body.get(key), list):
        body = {**body, key: []}
    problem = first_error(_validator(operation.name, "body"), body)
    if problem is not None:
        raise Rejected(400, problem)


def item_error(operation_name: str, item: Any) -> str | None:
    """What is wrong with one item of an ``ITEMWISE`` operation's list, or None when it is valid."""
    return first_error(_validator(operation_name, "item"), item)


def first_error(validator: Any, value: Any, where: str = "") -> str | None:
    """The first schema error of ``value`` as ``field: what is wrong``, or None when valid."""
    if validator.is_valid(value):
        return None
    error = _deepest(next(iter(validator.iter_errors(value))))
    path = "/".join(str(part) for part in error.instance_path)
    field = ".".join(part for part in (where, path.replace("/", ".")) if part) or "body"
    message = error.message if len(error.message) <= MAX_MESSAGE else error.message[:MAX_MESSAGE] + "..."
    return f"{field}: {message}"


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


def _deepest(error: Any) -> Any:
    """For an anyOf/oneOf miss, the error of the option that got furthest into the value (the
    likeliest intended shape), so the message names the field at fault, not the whole body."""
    context = getattr(error.kind, "context", None)
    if not context or type(error.kind).__name__ == "OneOfMultipleValid":  # "more than one" says it all
        return error
    branches = [branch for branch in context if branch]
    if not branches:
        return error
    best = min(branches, key=_miss_rank)
    return _deepest(max(best, key=lambda e: len(e.instance_path)))


def _miss_rank(branch: list[Any]) -> tuple[int, int, int]:
    """How far a value is from one option: options it misses on a fixed value (``type: "delivery"``,
    a discriminator) rank last, then fewer errors, then errors deeper into the value."""
    fixed = sum(1 for e in branch if type(e.kind).__name__ in ("Enum", "Constant"))
    return fixed, len(branch), -max(len(e.instance_path) for e in branch)


@cache
def _validator(operation_name: str, part: str, index: int = -1) -> Any:
    """The compiled validator for an operation's body (``part='body'``) or its parameter ``index``."""
    from .catalog import by_name

    request = by_name()[operation_name].request
    if part == "item":
        body = request["body"]
        items = body["properties"][ITEMWISE[operation_name]]["items"]
        return compile_schema({"$defs": body.get("$defs", {}), **items})
    schema = request["body"] if part == "body" else request["parameters"][index]["schema"]
    return compile_schema(schema)


def compile_schema(schema: Any) -> Any:
    """A JSON Schema 2020-12 validator that also checks formats (email, date-time, uri, ...)."""
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def _check_parameter(operation_name: str, index: int, parameter: dict[str, Any], call: Call) -> None:
    name, where = parameter["name"], parameter["in"]
    if where == "path":
        raw: list[str] | None = [call.params.get(name, "")]
    elif where == "query":
        raw = call.query.get(name)
    else:
        value = call.headers.get(name.lower())
        raw = None if value is None else [value]
    if raw is None:
        if parameter["required"]:
            raise Rejected(400, f"{where} parameter {name} is required")
        return
    value = _typed(parameter["schema"], raw)
    problem = first_error(_validator(operation_name, "parameter", index), value, f"{where} parameter {name}")
    if problem is not None:
        raise Rejected(400, problem)


def _typed(schema: Any, raw: list[str]) -> Any:
    """Parameter text read as the JSON type its schema names (arrays: every value given)."""
    kind = _first_type(schema)
    if kind == "array":
        items = schema.get("items", {}) if isinstance(schema, dict) else {}
        return [_scalar(_first_type(items), value) for value in raw]
    return _scalar(kind, raw[0])


def _first_type(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "$ref" in schema:
        target = schema.get("$defs", {}).get(schema["$ref"].removeprefix("#/$defs/"))
        return _first_type(target)
    return kind if isinstance(kind, str) else None


def _scalar(kind: str | None, text: str) -> Any:
    """``"12"`` -> 12 for integer schemas, ``"true"`` -> True for booleans; text that does not
    read as the type stays text, so the schema reports it as the wrong type."""
    if kind == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "number" and _NUMBER.fullmatch(text):
        return float(text) if any(c in text for c in ".eE") else int(text)
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    if kind in ("object",):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
