"""Parameter types that carry Customer.io's documented limits (bytes, not characters).

Limits from the Track API reference: identifiers <= 150 bytes; attribute names <= 150
bytes; attribute values <= 1000 bytes; <= 300 attributes per call; event names <= 100
bytes; event data <= 100,000 bytes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import AfterValidator

MAX_ID_BYTES = 150
MAX_ATTRIBUTE_NAME_BYTES = 150
MAX_ATTRIBUTE_VALUE_BYTES = 1000
MAX_ATTRIBUTES = 300
MAX_EVENT_NAME_BYTES = 100
MAX_EVENT_DATA_BYTES = 100_000


def size(value: Any) -> int:
    """Bytes a value takes on the wire: raw UTF-8 for strings, JSON text otherwise."""
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _identifier(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if size(value) > MAX_ID_BYTES:
        raise ValueError(f"is {size(value)} bytes; Customer.io allows at most {MAX_ID_BYTES}")
    return value


def _event_name(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if size(value) > MAX_EVENT_NAME_BYTES:
        raise ValueError(f"is {size(value)} bytes; Customer.io allows at most {MAX_EVENT_NAME_BYTES}")
    return value


def _event_data(value: dict[str, Any]) -> dict[str, Any]:
    if size(value) > MAX_EVENT_DATA_BYTES:
        raise ValueError(f"is {size(value):,} bytes as JSON; Customer.io allows at most {MAX_EVENT_DATA_BYTES:,}")
    return value


def _attributes(value: dict[str, Any]) -> dict[str, Any]:
    check_attributes(value)
    return value


def check_attributes(attributes: dict[str, Any]) -> None:
    """Refuse attribute sets Customer.io would refuse (count, name and value sizes)."""
    if len(attributes) > MAX_ATTRIBUTES:
        raise ValueError(f"has {len(attributes)} attributes; Customer.io allows at most {MAX_ATTRIBUTES} per call")
    for name, value in attributes.items():
        if size(name) > MAX_ATTRIBUTE_NAME_BYTES:
            raise ValueError(f"attribute name '{name[:40]}...' is {size(name)} bytes; "
                             f"the limit is {MAX_ATTRIBUTE_NAME_BYTES}")
        if size(value) > MAX_ATTRIBUTE_VALUE_BYTES:
            raise ValueError(f"value of attribute '{name}' is {size(value)} bytes; "
                             f"the limit is {MAX_ATTRIBUTE_VALUE_BYTES}")


Identifier = Annotated[str, AfterValidator(_identifier)]
EventName = Annotated[str, AfterValidator(_event_name)]
EventData = Annotated[dict[str, Any], AfterValidator(_event_data)]
Attributes = Annotated[dict[str, Any], AfterValidator(_attributes)]
