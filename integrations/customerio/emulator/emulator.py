"""The emulator: one workspace answering Customer.io's HTTP APIs, in process or over loopback HTTP."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_args
from urllib.parse import parse_qs

import httpx

from .auth import Credentials, is_authorized
from .families import Family, error_body, split_family
from .routes import ROUTES, Route, find_route
from .wire import Call, Region, Rejected, Reply
from .workspace import Workspace

_log = logging.getLogger(__name__)
JSON_HEADERS = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class RecordedRequest:
    """A request the emulator answered, as received (path keeps its family prefix)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    family: str  # "track", "app", "cdp", or "" when the path names no family
    status: int

    def json(self) -> Any:
        """The request body parsed as JSON (None when empty)."""
        return json.loads(self.body) if self.body else None


class Emulator:
    """A stateful fake of one Customer.io workspace behind the Track, App and Pipelines APIs.

    ``handle`` answers one request; ``transport`` wraps it for an ``httpx.Client``; ``serve``
    (in ``server``) puts it on loopback HTTP. Requests are answered one at a time under a lock.
    """

    def __init__(
        self,
        workspace: Workspace | None = None,
        credentials: Credentials | None = None,
        region: str = "us",
    ) -> None:
        if region not in get_args(Region):
            raise ValueError(f"region must be 'us' or 'eu', not {region!r}")
        if workspace is None:
            from .sample import sample_workspace  # sample data is only loaded when asked for

            workspace = sample_workspace()
        self.workspace: Workspace = workspace
        self.credentials: Credentials = credentials or Credentials()
        self.region: Region = "eu" if region == "eu" else "us"
        self.routes: tuple[Route, ...] = ROUTES
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def handle(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one request: (status, response headers, response body bytes)."""
        method = method.upper()
        lowered = {name.lower(): value for name, value in headers.items()}
        family, _ = split_family(path)
        with self._lock:
            status, reply_headers, payload = self._answer(method, path, query, lowered, body)
            family_name = family.value if family else ""
            self.requests.append(RecordedRequest(method, path, query, lowered, body, family_name, status))
        return status, reply_headers, payload

    def transport(self) -> httpx.BaseTransport:
        """An in-process httpx transport answering from this emulator; any host is accepted."""
        return httpx.MockTransport(self._answer_httpx)

    def _answer_httpx(self, request: httpx.Request) -> httpx.Response:
        path, _, query = request.url.raw_path.decode("ascii").partition("?")
        status, headers, payload = self.handle(
            request.method, path, query, dict(request.headers.items()), request.content
        )
        return httpx.Response(status, headers=headers, content=payload)

    def _answer(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        family, rest = split_family(path)
        try:
            reply = self._dispatch(family, method, rest, query, headers, body)
        except Rejected as rejection:
            reply = rejection.as_reply(family)
        except Exception:
            _log.exception("emulator handler failed for %s %s", method, path)
            reply = Reply(500, error_body(family, 500, "internal emulator error"))
        payload = json.dumps(reply.body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return reply.status, {**JSON_HEADERS, **reply.headers}, payload

    def _dispatch(
        self, family: Family | None, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> Reply:
        if family is None:
            raise Rejected(404, "unknown API family: paths start with /track, /app or /cdp")
        match = find_route(self.routes, family, method, path)
        if not match.route.public and not is_authorized(family, headers, self.credentials):
            # Customer.io's 401 bodies are undocumented; the family's error envelope is assumed.
            raise Rejected(401, "unauthorized: check the credentials for this API")
        call = Call(self.workspace, self.region, match.params, parse_qs(query, keep_blank_values=True), body)
        return match.route.handler(call)
