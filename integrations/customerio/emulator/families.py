"""The three API families the emulator answers, and the error body each one uses.

The first path segment of every emulator URL names the family (``/track``, ``/app``, ``/cdp``);
the rest of the path is what Customer.io's spec lists under that family's server.
"""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus
from typing import Any


class Family(StrEnum):
    """A Customer.io API family, named by the path prefix the emulator serves it under."""

    TRACK = "track"  # spec server https://track.customer.io (paths start /api/v1, /api/v2)
    APP = "app"  # spec server https://api.customer.io (paths start /v1)
    CDP = "cdp"  # spec server https://cdp.customer.io/v1 (paths like /identify)

    @classmethod
    def from_prefix(cls, prefix: str) -> Family | None:
        """The family a path prefix names, or None when it names none."""
        try:
            return cls(prefix)
        except ValueError:
            return None


#: Pipelines calls as the official SDK sends them: under ``/v1`` of the host (``{host}/v1/batch``).
PIPELINES_CALLS = frozenset({"identify", "track", "page", "screen", "group", "alias", "batch"})
#: Track paths as they start at the host root (the official SDK's ``{host}/api/v1/...``, ``/api/v2/batch``).
TRACK_ROOTS = ("/api/v1/", "/api/v2/", "/unsubscribe/")


def split_family(path: str) -> tuple[Family | None, str]:
    """Split ``/track/api/v1/x`` into (Family.TRACK, ``/api/v1/x``); unknown prefixes give None.

    Besides the family prefixes, the host root serves the layouts the official SDKs build, so one
    base URL fits all three: ``/api/v1/...``, ``/api/v2/...`` and ``/unsubscribe/...`` are Track,
    ``/v1/<call>`` for the seven Pipelines calls is Pipelines, and any other ``/v1/...`` is App.
    Under ``/cdp`` an SDK-style ``/v1`` is accepted too (``/cdp/v1/batch`` = ``/cdp/batch``).
    """
    prefix, slash, rest = path.lstrip("/").partition("/")
    family = Family.from_prefix(prefix)
    if family is Family.CDP and rest.startswith("v1/") and rest[3:] in PIPELINES_CALLS:
        return family, "/" + rest[3:]
    if family is not None:
        return family, slash + rest
    if path.startswith(TRACK_ROOTS):
        return Family.TRACK, path
    if prefix == "v1" and rest in PIPELINES_CALLS:
        return Family.CDP, "/" + rest
    if prefix == "v1":
        return Family.APP, path
    return None, slash + rest


def error_body(
    family: Family | None, status: int, detail: str, style: str | None = None, pointer: str | None = None
) -> dict[str, Any]:
    """The JSON error body ``family`` answers with for ``status`` (contract section 1.2).

    Track v1 uses ``{"meta": {"errors": [...]}}`` for 400s; its 401/404/405 bodies are not
    documented, so the same envelope is assumed. App errors use the ``errors[]`` envelope
    confirmed for 429s and assumed for the rest. Pipelines error bodies are undocumented; the
    shape ``{"code", "message"}`` is what Customer.io's own Python SDK parses, so it is assumed.
    A path with no family prefix gets the App envelope, the richest of the three. ``style``, taken
    from the operation's documented error answers, overrides the family default: ``meta.error``
    (merge, ``/v1/send/*``), ``meta.errors``, ``errors`` or ``errors.reason`` (Track v2).
    """
    if style == "meta.error":
        return {"meta": {"error": detail}}
    if style == "errors.reason":
        return {"errors": [{"reason": "invalid", "field": "", "message": detail}]}
    if style == "errors" or (style is None and family is Family.APP):
        item: dict[str, Any] = {"detail": detail, "status": str(status)}
        if pointer is not None:
            item["source"] = {"pointer": pointer}
        return {"errors": [item]}
    if family is Family.TRACK or style == "meta.errors":
        return {"meta": {"errors": [detail]}}
    if family is Family.CDP:
        return {"code": _status_code_name(status), "message": detail}
    return {"errors": [{"detail": detail, "status": str(status)}]}


def _status_code_name(status: int) -> str:
    """``404`` -> ``"not_found"``: a stable machine-readable code for the Pipelines envelope."""
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"
