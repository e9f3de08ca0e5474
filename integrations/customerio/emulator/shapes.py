"""Fitting live records to the response shapes the spec documents, and the canned answers.

Stateful handlers keep richer records than any one response lists (internal keys, fields one
endpoint has and another lacks). ``conform`` keeps only the keys the operation's spec sample has,
with values of the same JSON type, so live answers stay valid against the spec's schema.
"""

from __future__ import annotations

import copy
from typing import Any

from .catalog import by_name
from .checks import json_type
from .workspace import JSONObject


def sample_response(operation: str) -> Any:
    """A fresh copy of the spec-valid sample answer of ``operation`` (e.g. ``app.getSegment``)."""
    return copy.deepcopy(by_name()[operation].response)


def item_template(operation: str, key: str) -> JSONObject:
    """The sample item of the list under ``key`` in ``operation``'s answer ({} when none)."""
    items = by_name()[operation].response.get(key) or [{}]
    template: JSONObject = items[0] if isinstance(items[0], dict) else {}
    return template


def conform(record: JSONObject, template: JSONObject) -> JSONObject:
    """``record`` restricted to the template's keys, dropping nulls and values of another type.

    Only the top level is fitted: nested objects (event data, identifiers) are the records' own.
    """
    return {
        name: record[name]
        for name, example in template.items()
        if record.get(name) is not None and same_type(record[name], example)
    }


def same_type(value: Any, example: Any) -> bool:
    """Whether ``value`` has the JSON type of ``example`` (integers count as numbers; None fits all)."""
    kinds = {json_type(value), json_type(example)}
    return len(kinds) == 1 or kinds == {"integer", "number"} or example is None
