"""The base of every integration's parameter model, and validation errors an agent can act on.

A Lua call takes one table whose keys are exactly the model's field names: unknown keys
fail (with a did-you-mean), types are strict (a string is not an integer), and the empty
table ``{}`` becomes ``[]`` where the field is a list. Wire names come from
``serialization_alias``, never from what the agent types.
"""

from __future__ import annotations

import difflib
import functools
import types
from itertools import islice
from typing import Any, TypeVar, Union, get_args, get_origin

import pydantic
from pydantic import BaseModel, ConfigDict, model_validator

from bridge.errors import InvalidArguments

P = TypeVar("P", bound="Params")

#: Lua's names for the plain values Lua values become in Python (numbers as math.type names them).
_LUA_NAMES = {type(None): "nil", bool: "boolean", int: "integer", float: "float", str: "string", dict: "table",
              list: "array"}
_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "a boolean (true or false)",
    "dict_type": "a table with named keys",
    "list_type": "an array",
    "model_type": "a table with named keys",
    "literal_error": None,
    "enum": None,
}


class Params(BaseModel):
    """Strict, closed parameter model. Subclass it once per operation."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_table_by_schema(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        lists = [name for name in _list_fields(cls) if data.get(name) == {}]
        return {**data, **{name: [] for name in lists}} if lists else data


@functools.cache
def _list_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that take lists (worked out once per model: this runs for every item validated)."""
    return tuple(name for name, f in model.model_fields.items() if _is_list(f.annotation))


def _is_list(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin in (list, tuple, set, frozenset):
        return True
    if origin in (Union, types.UnionType):
        return any(_is_list(arg) for arg in get_args(annotation))
    return annotation in (list, tuple)


def lua_type_name(value: Any) -> str:
    """The Lua name of a plain value's type, for messages: the one naming bridge messages use
    (bridge.marshal names Lua objects as ``type()`` does and everything else through this)."""
    if type(value) is dict and not value:
        return "empty table"
    return _LUA_NAMES.get(type(value)) or type(value).__name__


def validate(model: type[P], args: Any, function: str) -> P:
    """Validate a Lua argument table against ``model``; raise InvalidArguments naming the field."""
    if args is None:
        args = {}
    if isinstance(args, list):
        raise InvalidArguments(f"{function} takes one table with named keys, like {function}{{id = ...}}; "
                              "it got an array.", details={"field": None})
    if not isinstance(args, dict):
        raise InvalidArguments(f"{function} takes one table argument, like {function}{{...}}; "
                              f"it got a {lua_type_name(args)}.", details={"field": None})
    try:
        return model.model_validate(args)
    except pydantic.ValidationError as exc:
        raise _translate(exc, model, function) from None


#: Problems described in a validation error (details list at most this many; the count says the rest).
MAX_PROBLEMS = 20
#: Keys compared for a did-you-mean (longer names get the list of valid keys instead).
_MAX_SUGGESTED_NAME = 100


def _translate(exc: pydantic.ValidationError, model: type[Params], function: str) -> InvalidArguments:
    total = exc.error_count()
    errors = islice(exc.errors(include_url=False, include_context=False), MAX_PROBLEMS)
    problems = [_problem(err, model) for err in errors]
    fields = [field for field, _ in problems]
    text = "; ".join(message for _, message in problems[:3])
    more = f" (and {total - 3} more)" if total > 3 else ""
    end = "" if (text + more).endswith(("?", ".")) else "."
    return InvalidArguments(
        f"{function}: {text}{more}{end}",
        details={"field": fields[0], "fields": fields, "problems": [m for _, m in problems], "count": total},
    )


def _problem(err: Any, model: type[Params]) -> tuple[str, str]:
    loc = [str(part) for part in err["loc"]]
    field = _field_path(err["loc"])
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return field, f"`{field}` is required"
    if kind == "extra_forbidden":
        return field, f"unknown key `{field}`{_suggest(loc[-1], _siblings(model, loc[:-1]))}"
    expected = _EXPECTED.get(kind, "")
    if expected:
        return field, f"`{field}` must be {expected}, got {lua_type_name(value)}"
    message = str(err["msg"]).removeprefix("Value error, ").removeprefix("Input ")
    message = message[:1].lower() + message[1:]
    if not field:
        return field, message
    return field, f"`{field}` {message}" if message else f"`{field}` is invalid"


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path if len(path) <= _MAX_SUGGESTED_NAME else path[:_MAX_SUGGESTED_NAME] + "..."


def _siblings(model: type[Params], loc: list[str]) -> list[str]:
    current: Any = model
    for part in loc:
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _model_in(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _suggest(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=2, cutoff=0.6) if len(name) <= _MAX_SUGGESTED_NAME else []
    if close:
        return "; did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    if choices:
        return "; valid keys are " + ", ".join(f"`{c}`" for c in choices)
    return "; this function takes no parameters"


def closest(name: str, choices: list[str], n: int = 3) -> list[str]:
    """The names in ``choices`` closest to ``name`` (for did-you-mean messages)."""
    return difflib.get_close_matches(name, choices, n=n, cutoff=0.5)
