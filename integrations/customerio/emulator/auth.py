"""Credentials of the emulated workspace and the per-family credential check."""

from __future__ import annotations

import base64
import binascii
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .families import Family

#: Pipelines keys the official SDK sends as Bearer tokens.
BEARER_KEY = re.compile(r"(pk|sk)_(us|eu)_")


@dataclass(frozen=True)
class Credentials:
    """The keys the emulated workspace accepts, one set per API family."""

    site_id: str = "emulator-site"
    track_api_key: str = "emulator-track-key"
    app_api_key: str = "emulator-app-key"
    pipelines_api_key: str = "emulator-pipelines-key"


def is_authorized(family: Family, headers: Mapping[str, str], credentials: Credentials) -> bool:
    """Whether the ``authorization`` header (lower-case header names) is valid for ``family``.

    Track: HTTP Basic ``site_id:track_api_key``. App: ``Bearer <app_api_key>``.
    Pipelines: HTTP Basic with the key as user name and an empty password, or ``Bearer <key>`` for
    the new-style ``sk_``/``pk_`` keys (customerio-cdp-analytics 1.1.0 request.py sends Bearer
    exactly when the key matches ``^(pk|sk)_(us|eu)_``; contract note section 1).
    """
    header = headers.get("authorization", "")
    if family is Family.APP:
        return _same(_bearer_token(header), credentials.app_api_key)
    if family is Family.CDP and BEARER_KEY.match(credentials.pipelines_api_key) and _bearer_token(header):
        return _same(_bearer_token(header), credentials.pipelines_api_key)
    pair = _basic_pair(header)
    if pair is None:
        return False
    user, password = pair
    if family is Family.TRACK:
        return _same(user, credentials.site_id) & _same(password, credentials.track_api_key)
    return _same(user, credentials.pipelines_api_key) & _same(password, "")


def _bearer_token(header: str) -> str | None:
    """The token of a ``Bearer`` header (scheme compared case-insensitively), else None."""
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _basic_pair(header: str) -> tuple[str, str] | None:
    """(user, password) of a ``Basic`` header, or None when absent or not decodable."""
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None


def _same(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so the emulator does not model a timing side channel."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
