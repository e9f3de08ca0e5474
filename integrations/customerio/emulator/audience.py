"""The audience filter grammar the App API takes (people search, customer exports, broadcast recipients).

    F = {"and": [F, ...]} | {"or": [F, ...]} | {"not": F}
      | {"segment": {"id": <int>}} | {"attribute": {"field": <str>, "operator": "eq"|"exists", "value"?: <str>}}

Each node holds exactly one of those keys. The spec writes this as a ``oneOf`` of objects whose keys
are all optional, so its schema accepts any object; this check is what the grammar means (contract
note section 5, search customers). Object filters (``POST /v1/objects``) use ``object_attribute``.
"""

from __future__ import annotations

from typing import Any

from .wire import Call, Rejected

OPERATORS = ("eq", "exists")
MAX_DEPTH = 10  # nesting kept within what a person writes; the spec names no bound


def check_audience(node: Any, where: str, leaf: str = "attribute", depth: int = 0) -> None:
    """Raise ``Rejected(400)`` naming the first place ``node`` breaks the grammar."""
    if depth > MAX_DEPTH:
        raise Rejected(400, f"{where}: filters nest at most {MAX_DEPTH} levels")
    if not isinstance(node, dict) or len(node) != 1:
        raise Rejected(400, f"{where}: each filter holds exactly one of and, or, not, segment, {leaf}")
    key, value = next(iter(node.items()))
    if key in ("and", "or"):
        if not isinstance(value, list) or not value:
            raise Rejected(400, f"{where}.{key}: must be a non-empty array of filters")
        for index, part in enumerate(value):
            check_audience(part, f"{where}.{key}.{index}", leaf, depth + 1)
    elif key == "not":
        check_audience(value, f"{where}.not", leaf, depth + 1)
    elif key == "segment" and leaf == "attribute":
        if not isinstance(value, dict) or not _integer(value.get("id")):
            raise Rejected(400, f"{where}.segment: needs an integer id")
    elif key == leaf:
        _check_condition(value, f"{where}.{leaf}")
    else:
        raise Rejected(400, f"{where}: {key!r} is not a filter; use and, or, not, segment or {leaf}")


def _check_condition(condition: Any, where: str) -> None:
    if not isinstance(condition, dict) or not isinstance(condition.get("field"), str) or not condition["field"]:
        raise Rejected(400, f"{where}: needs a field name")
    if condition.get("operator") not in OPERATORS:
        raise Rejected(400, f"{where}.operator: must be one of {', '.join(OPERATORS)}")
    if condition["operator"] == "eq" and "value" not in condition:
        raise Rejected(400, f"{where}.value: eq compares with a value")


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def precheck(key: str, leaf: str = "attribute") -> Any:
    """A route precheck applying the grammar to the body's ``key`` (when present)."""

    def check(call: Call) -> None:
        body = call.json_body()
        if isinstance(body, dict) and body.get(key) not in (None, {}):  # an empty one is the handler's 422
            check_audience(body[key], key, leaf)

    return check
