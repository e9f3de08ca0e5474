"""Moving values between Lua and Python: the written rules, in one place.

Lua -> Python (arguments of integration calls, the value a snippet returns):

* ``nil`` -> ``None``; booleans -> ``bool``; strings -> ``str`` (they must be valid UTF-8).
* Integers stay ``int`` and floats stay ``float`` (``42`` -> 42, ``99.00`` -> 99.0); NaN and
  infinities are refused (JSON has no such numbers).
* A table whose keys are exactly the integers 1..n is an array -> ``list``.
  A table whose keys are all strings is a map -> ``dict``.
  A table mixing both, an array with holes (``{1, nil, 3}``), or keys of any other type
  (floats, booleans, tables) is refused, with the path of the table in the message.
* The empty table ``{}`` -> ``{}``, unless it crossed as a list (an empty list of a result, or
  ``json.decode("[]")``): then ``[]``, so an empty list stays a list in ``RunResult.value``, ``--json``
  and MCP (``is_array``). Where a parameter's schema says it is a list, the params model turns
  ``{}`` into ``[]`` (see bridge.params), so ``tags = {}`` works for both.
* Functions, coroutines and userdata are refused.
* Nesting is limited (``Limits.max_depth``; a table that contains itself hits this limit) and
  so is the number of values (``Limits.max_items``).
* Tables are read raw (``lua_next``): no ``__index``, ``__pairs`` or ``__tostring`` metamethod
  of agent code runs outside the sandbox's limits.

Python -> Lua (results of calls): dicts -> tables with string keys, lists -> arrays (1-based; an
empty list -> an empty table marked as a list, see ``replace_empty_lists``),
``None`` -> ``nil`` (so a JSON ``null`` field is absent), numbers, strings and booleans as is.
Anything else (objects, sets, bytes, non-string keys, deep nesting) is refused: it would reach
Lua as a Python object.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import islice
from typing import Any

from lupa.lua54 import lua_type

from bridge.params import lua_type_name


class MarshalError(Exception):
    """A value cannot cross between Lua and Python. ``path`` names where it sits."""

    def __init__(self, problem: str, path: str) -> None:
        shown = path if len(path) <= 80 else f"{path[:50]}...{path[-20:]}"
        where = f"`{shown}`" if path else "The value"
        super().__init__(f"{where} {problem}")
        self.problem = problem
        self.path = path

    def within(self, key: str | int) -> MarshalError:
        """The same problem, one level up: ``key`` is where the failing value sits in its table."""
        # str() of a Lua table key would run its __tostring outside the limits: name its type instead
        head = f"[{key}]" if type(key) is int else key if type(key) is str else f"[{_key_kind(key)} key]"
        tail = self.path if not self.path or self.path.startswith("[") else "." + self.path
        return MarshalError(self.problem, head + tail)


def _never(table: Any) -> bool:
    return False


class _Budget:
    __slots__ = ("is_array", "items", "max_depth")

    def __init__(self, max_depth: int, max_items: int, is_array: Callable[[Any], bool]) -> None:
        self.max_depth = max_depth
        self.items = max_items
        self.is_array = is_array


def from_lua(value: Any, *, max_depth: int, max_items: int, path: str = "",
             is_array: Callable[[Any], bool] = _never) -> Any:
    """Convert a Lua value to plain Python data, or raise MarshalError. ``is_array`` says whether an
    empty table crossed as a list (the sandbox's ``is_array``): it converts to ``[]`` then."""
    try:
        return _convert(value, 0, _Budget(max_depth, max_items, is_array))
    except MarshalError as exc:
        raise (exc.within(path) if path else exc) from None


def _convert(value: Any, depth: int, budget: _Budget) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise MarshalError("is NaN or infinite, which JSON cannot carry", "")
        return value
    lua_kind = lua_type(value)
    if lua_kind == "table":
        return _table(value, depth, budget)
    if lua_kind is not None:
        what = "function (or coroutine)" if lua_kind == "function" else lua_kind
        raise MarshalError(f"is a Lua {what}; only strings, numbers, booleans and tables can be passed", "")
    raise MarshalError(f"is a {kind.__name__}, which cannot cross to the host", "")


def _table(table: Any, depth: int, budget: _Budget) -> Any:
    if depth >= budget.max_depth:
        raise MarshalError(f"is nested deeper than {budget.max_depth} levels (does a table contain itself?)", "")
    items = _raw_items(table, budget)
    if not items:
        return [] if budget.is_array(table) else {}
    mapping = {}
    for key, value in items:
        if type(key) is not str:
            break
        mapping[key] = value
    else:
        return _map(mapping, depth, budget)
    if all(type(k) is int for k, _ in items):
        items.sort(key=lambda kv: kv[0])
        if items[0][0] != 1 or items[-1][0] != len(items):
            raise MarshalError("is an array with holes or not starting at 1 (its keys must be exactly 1..n)", "")
        return [v for _, v in _children(items, depth, budget)]
    kinds = sorted({_key_kind(k) for k, _ in items})
    if kinds == ["integer", "string"]:
        raise MarshalError("mixes array items and named keys; use one or the other", "")
    raise MarshalError(f"has keys of type {' and '.join(kinds)}; map keys must be strings", "")


def _map(mapping: dict[str, Any], depth: int, budget: _Budget) -> dict[str, Any]:
    """Convert a map's values in place (strings, integers and booleans are already plain)."""
    for key, value in mapping.items():
        kind = type(value)
        if kind is str or kind is int or kind is bool:
            continue
        try:
            mapping[key] = _convert(value, depth + 1, budget)
        except MarshalError as exc:
            raise exc.within(key) from None
    return mapping


def _children(items: list[tuple[Any, Any]], depth: int, budget: _Budget) -> list[tuple[Any, Any]]:
    out = []
    for key, value in items:
        try:
            out.append((key, _convert(value, depth + 1, budget)))
        except MarshalError as exc:
            raise exc.within(key) from None
    return out


def _raw_items(table: Any, budget: _Budget) -> list[tuple[Any, Any]]:
    try:  # reads at most one item past the budget, so a huge table is not read to its end
        items = list(islice(table.items(), budget.items + 1))
    except UnicodeDecodeError:
        raise MarshalError("contains a string that is not valid UTF-8", "") from None
    budget.items -= len(items)
    if budget.items < 0:
        raise MarshalError("holds too many values (the limit counts every level)", "")
    return items


def _key_kind(key: Any) -> str:
    return lua_type(key) or lua_type_name(key)


class NotPlainData(TypeError):
    """A host-side value (an integration's result) that is not plain JSON-like data: a bug to log."""


_PLAIN_SCALARS = (str, int, float, bool, type(None))


_STRING = frozenset({str})
_SCALAR_TYPES = frozenset(_PLAIN_SCALARS)


def is_flat_map(value: dict[Any, Any]) -> bool:
    """True for a dict of string keys and scalar values (exact types): plain data with nothing to walk."""
    return _STRING.issuperset(map(type, value)) and _SCALAR_TYPES.issuperset(map(type, value.values()))


def check_plain(value: Any, max_depth: int) -> bool:
    """Refuse Python data that is not plain (dict with str keys, list, str, number, bool, None)
    or nested deeper than ``max_depth``: anything else would reach Lua as a Python object.
    True when the data holds an empty list (see ``replace_empty_lists``)."""
    empty = False
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, _PLAIN_SCALARS):
            continue
        if depth >= max_depth:
            raise NotPlainData(f"value nested deeper than {max_depth} levels")
        if type(item) is dict:
            if not all(type(k) is str for k in item):
                raise NotPlainData("a dict with non-string keys")
            stack.extend((child, depth + 1) for child in item.values())
        elif type(item) in (list, tuple):
            empty = empty or not item
            stack.extend((child, depth + 1) for child in item)
        else:
            raise NotPlainData(f"a {type(item).__name__} is not plain data")
    return empty


def replace_empty_lists(value: Any, empty_array: Callable[[], Any]) -> Any:
    """A copy of plain data with each empty list replaced by ``empty_array()`` (a Lua table marked
    as a list), so that it goes back to the host, and through json.encode, as ``[]``."""
    if type(value) is dict:
        return {k: replace_empty_lists(v, empty_array) for k, v in value.items()}
    if type(value) in (list, tuple):
        return [replace_empty_lists(v, empty_array) for v in value] if value else empty_array()
    return value
