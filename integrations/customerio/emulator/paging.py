"""Cursor pagination as the App API does it: ``start`` (opaque token) + ``limit`` in, ``next`` out.

The token is ours to choose: URL-safe base64 of ``offset:<n>``. An empty ``next`` means the last
page was returned.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from typing import TypeVar

from .wire import Call, Rejected

T = TypeVar("T")
_OFFSET = re.compile(r"offset:(\d{1,9})")


def encode_cursor(offset: int) -> str:
    """The opaque ``start`` token for the page beginning at ``offset``."""
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def decode_cursor(token: str) -> int:
    """The offset a ``start`` token stands for; 400 when it is not one of ours."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
    except (binascii.Error, ValueError) as error:
        raise Rejected(400, "start is not a valid page token") from error
    match = _OFFSET.fullmatch(text)
    if match is None:
        raise Rejected(400, "start is not a valid page token")
    return int(match.group(1))


def page_limit(call: Call, default: int, maximum: int) -> int:
    """The ``limit`` query parameter: a positive integer, capped at ``maximum``.

    Whether Customer.io caps or rejects a limit above the maximum is undocumented; capping is
    assumed because the spec words the maximum as a bound on results, not as a validation rule.
    """
    raw = call.query_value("limit")
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise Rejected(400, "limit must be a positive integer")
    return min(int(raw), maximum)


def paginate(items: Sequence[T], start: str | None, limit: int) -> tuple[list[T], str]:
    """One page of ``items`` from ``start`` and the ``next`` token ("" after the last page)."""
    offset = decode_cursor(start) if start else 0
    chunk = list(items[offset : offset + limit])
    end = offset + len(chunk)
    return chunk, encode_cursor(end) if end < len(items) else ""
