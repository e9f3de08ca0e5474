"""Parameter types that carry Customer.io's documented limits (bytes, not characters).

Limits from the Track API reference: identifiers <= 150 bytes; attribute names <= 150
bytes; attribute values <= 1000 bytes; <= 300 attributes per call; event names <= 100
bytes; event data <= 100,000 bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

MAX_ID_BYTES = 150
MAX_ATTRIBUTE_NAME_BYTES = 150
MAX_ATTRIBUTE_VALUE_BYTES = 1000
MAX_ATTRIBUTES = 300
MAX_EVENT_NAME_BYTES = 100
MAX_EVENT_DATA_BYTES = 100_000


@dataclass(frozen=True)
class Accepts:
    """Annotated metadata: how the docs' type column reads for a type that takes several forms."""

    forms: str


def compact_json(value: Any) -> bytes:
    """A value as Customer.io receives it: compact JSON, UTF-8, non-ASCII left as it is."""
    return _COMPACT.encode(value).encode()


def size(value: Any) -> int:
    """Bytes a value takes on the wire: raw UTF-8 for strings, JSON text otherwise."""
    kind = type(value)
    if kind is str:
        return len(value.encode("utf-8"))
    if kind is bool:
        return 4 if value else 5
    if kind is int or kind is float:
        return len(repr(value))  # finite numbers only reach here: JSON writes them as repr does
    return len(compact_json(value))


def over(value: Any, max_bytes: int) -> bool:
    """Whether a value takes more than ``max_bytes`` (at least 24) on the wire. Without measuring:
    a string of at most a quarter that many characters fits (UTF-8 takes at most 4 bytes a character),
    and so do a bool, a float (JSON writes at most 24 characters) and an integer under 20 digits."""
    kind = type(value)
    if kind is str:
        if len(value) * 4 <= max_bytes:
            return False
    elif kind is bool or kind is float or (kind is int and -_SHORT_INT < value < _SHORT_INT):
        return False
    return size(value) > max_bytes


_SHORT_INT = 10**19


def _text(max_bytes: int, empty: str) -> AfterValidator:
    """A validator for non-blank text of at most ``max_bytes`` UTF-8 bytes."""
    def check(value: str) -> str:
        if not value.strip():
            raise ValueError(empty)
        if over(value, max_bytes):
            raise ValueError(f"is {size(value)} bytes; Customer.io allows at most {max_bytes}")
        return value
    return AfterValidator(check)


def _event_data(value: dict[str, Any]) -> dict[str, Any]:
    if size(value) > MAX_EVENT_DATA_BYTES:
        raise ValueError(f"is {size(value):,} bytes as JSON; Customer.io allows at most {MAX_EVENT_DATA_BYTES:,}")
    return value


def _attributes(value: dict[str, Any]) -> dict[str, Any]:
    check_attributes(value)
    return value


def check_attribute_count(count: int) -> None:
    """Refuse more attributes in one call than Customer.io takes."""
    if count > MAX_ATTRIBUTES:
        raise ValueError(f"makes {count} attributes with email and name; Customer.io allows at most "
                         f"{MAX_ATTRIBUTES} per call")


def check_attributes(attributes: dict[str, Any]) -> None:
    """Refuse attribute sets Customer.io would refuse (count, name and value sizes)."""
    check_attribute_count(len(attributes))
    for name, value in attributes.items():
        if over(name, MAX_ATTRIBUTE_NAME_BYTES):
            raise ValueError(f"has an attribute name of {size(name)} bytes ('{name[:30]}...'); "
                             f"the limit is {MAX_ATTRIBUTE_NAME_BYTES}")
        if over(value, MAX_ATTRIBUTE_VALUE_BYTES):
            raise ValueError(f"has a value of {size(value)} bytes for '{name}'; "
                             f"the limit is {MAX_ATTRIBUTE_VALUE_BYTES}")


def _attribute_value(value: str) -> str:
    if over(value, MAX_ATTRIBUTE_VALUE_BYTES):
        raise ValueError(f"is {size(value)} bytes; Customer.io allows at most {MAX_ATTRIBUTE_VALUE_BYTES}")
    return value


Identifier = Annotated[str, _text(MAX_ID_BYTES, "must not be empty")]
EventName = Annotated[str, _text(MAX_EVENT_NAME_BYTES, "must not be blank")]
EventData = Annotated[dict[str, Any], AfterValidator(_event_data)]
Attributes = Annotated[dict[str, Any], AfterValidator(_attributes)]
AttributeValue = Annotated[str, AfterValidator(_attribute_value)]


def _type_id_text(value: Any) -> Any:
    """Object type ids are numbers in some paths and text in some bodies: take either, hold text."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if isinstance(value, str) and not value.isdigit():
        raise ValueError("must be an object type's number (as list_object_types gives it), such as 1 or \"1\"")
    return value


#: An object type id: 1 or "1" alike, sent as the text Customer.io accepts in paths and bodies.
ObjectTypeId = Annotated[str, BeforeValidator(_type_id_text), Accepts("integer or string of digits")]
