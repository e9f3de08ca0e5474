"""The emulator: one workspace answering Customer.io's HTTP APIs, in process or over loopback HTTP."""

from __future__ import annotations

import gzip
import io
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_args
from urllib.parse import parse_qs

import httpx

from .auth import Credentials, is_authorized
from .checks import check_request
from .families import Family, error_body, split_family
from .faults import PROCESSING_KINDS, Fault, FaultKind, Faults
from .routes import PRECHECKS, ROUTES, Route, RouteMatch, find_route
from .wire import Call, Region, Rejected, Reply
from .workspace import Workspace

_log = logging.getLogger(__name__)
JSON_HEADERS = {"Content-Type": "application/json"}
APP_HOSTS = {"us": "https://api.customer.io", "eu": "https://api-eu.customer.io"}
HTML_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
Answer = tuple[int, dict[str, str], bytes]
_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")  # the methods Customer.io's APIs use
#: Requests ``Emulator.requests`` keeps by default: the newest ones, so a long-lived emulator
#: (``luabridge mcp`` against it for days) stays within a few megabytes.
REQUEST_LOG_SIZE = 1000
#: Bodies above this are answered 413 before anything else (Customer.io's largest documented
#: payload is a broadcast trigger's 25 MB, contract note section 1).
MAX_BODY_BYTES = 26_214_400


class ConnectionDropped(Exception):
    """An injected fault: close the connection without answering (``processed`` tells if it ran)."""

    def __init__(self, processed: bool) -> None:
        super().__init__("connection dropped by an injected fault")
        self.processed = processed


@dataclass(frozen=True)
class RecordedRequest:
    """A request the emulator answered, as received (path keeps its family prefix)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    family: str  # "track", "app", "cdp", or "" when the path names no family
    status: int  # 0 when the connection was dropped unanswered
    operation: str = ""  # e.g. "app.sendEmail"; "" for unknown routes

    def json(self) -> Any:
        """The request body parsed as JSON (None when empty)."""
        return json.loads(self.body) if self.body else None


class RequestLog(list[RecordedRequest]):
    """The newest ``maxlen`` requests, oldest first (a list, so tests compare it with lists)."""

    def __init__(self, maxlen: int = REQUEST_LOG_SIZE) -> None:
        super().__init__()
        self.maxlen = maxlen

    def append(self, request: RecordedRequest) -> None:
        """Keep ``request``, dropping the oldest ones past ``maxlen`` (0 keeps none)."""
        super().append(request)
        if len(self) > self.maxlen:
            del self[: len(self) - self.maxlen]


class Emulator:
    """A stateful fake of one Customer.io workspace behind the Track, App and Pipelines APIs.

    ``handle`` answers one request; ``transport`` wraps it for an ``httpx.Client``; ``serve``
    (in ``server``) puts it on loopback HTTP. Requests are processed one at a time under a lock.
    ``faults`` injects failures; ``processed`` counts, per operation name (``app.sendEmail``),
    the requests the workspace accepted, so tests can prove a write ran once. ``requests`` keeps the
    newest ``request_log_size`` requests (a ring buffer; 0 records none).
    """

    def __init__(
        self,
        workspace: Workspace | None = None,
        credentials: Credentials | None = None,
        region: str = "us",
        request_log_size: int = REQUEST_LOG_SIZE,
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
        #: The newest ``request_log_size`` requests answered (``REQUEST_LOG_SIZE`` by default).
        self.requests: RequestLog = RequestLog(request_log_size)
        self.processed: Counter[str] = Counter()
        self.faults: Faults = Faults()
        self._lock = threading.Lock()

    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        read_timeout: float | None = None,
    ) -> Answer:
        """Answer one request: (status, response headers, response body bytes).

        Raises ``ConnectionDropped`` when an injected fault closes the connection unanswered, and
        ``TimeoutError`` when an injected delay outlasts ``read_timeout`` (the request is still
        processed, as a server keeps working after its client gave up).
        """
        method = method.upper()
        lowered = {name.lower(): value for name, value in headers.items()}
        family, rest = split_family(path)
        match = self._match(family, method, rest)
        operation = match.route.operation.name if match and match.route.operation else ""
        fault = self.faults.take(family.value if family else "", method, rest, operation or None)
        record = (method, path, query, lowered, body, family.value if family else "", operation)
        try:
            answer = self._answer_with(fault, family, method, rest, query, lowered, body, read_timeout)
        except ConnectionDropped:
            self._record(record, 0)
            raise
        self._record(record, answer[0])
        return answer

    def transport(self) -> httpx.BaseTransport:
        """An in-process httpx transport answering from this emulator; any host is accepted.

        Injected resets raise ``httpx.ConnectError`` (before processing: the request never
        arrived) or ``httpx.ReadError`` (after processing); a delay longer than the request's read
        timeout raises ``httpx.ReadTimeout``.
        """
        return httpx.MockTransport(self._answer_httpx)

    def _answer_httpx(self, request: httpx.Request) -> httpx.Response:
        path, _, query = request.url.raw_path.decode("ascii").partition("?")
        timeout = request.extensions.get("timeout", {}).get("read")
        try:
            status, headers, payload = self.handle(
                request.method, path, query, dict(request.headers.items()), request.content, timeout
            )
        except ConnectionDropped as drop:
            if drop.processed:
                raise httpx.ReadError("connection reset by peer", request=request) from drop
            raise httpx.ConnectError("connection reset by peer", request=request) from drop
        except TimeoutError as late:
            raise httpx.ReadTimeout("the emulator answered too late", request=request) from late
        return httpx.Response(status, headers=headers, content=payload)

    def _match(self, family: Family | None, method: str, path: str) -> RouteMatch | None:
        if family is None:
            return None
        try:
            return find_route(self.routes, family, method, path)
        except Rejected:
            return None

    def _record(self, record: tuple[str, str, str, dict[str, str], bytes, str, str], status: int) -> None:
        method, path, query, headers, body, family, operation = record
        with self._lock:
            self.requests.append(RecordedRequest(method, path, query, headers, body, family, status, operation))

    def _answer_with(
        self,
        fault: Fault | None,
        family: Family | None,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
        read_timeout: float | None,
    ) -> Answer:
        """Apply ``fault`` (if any) around answering the request."""
        if fault is not None and fault.kind not in PROCESSING_KINDS:
            return self._fault_answer(fault, family)
        late = fault is not None and fault.kind is FaultKind.SLOW and read_timeout is not None
        if fault is not None and fault.kind is FaultKind.SLOW:
            time.sleep(min(fault.delay, read_timeout) if late and read_timeout is not None else fault.delay)
        with self._lock:
            answer = self._answer(family, method, path, query, headers, body)
        if late and fault is not None and read_timeout is not None and fault.delay > read_timeout:
            raise TimeoutError("injected delay outlasted the read timeout")
        if fault is not None and fault.kind is FaultKind.RESET_AFTER:
            raise ConnectionDropped(processed=True)
        if fault is not None and fault.kind is FaultKind.MALFORMED_JSON:
            return 200, dict(JSON_HEADERS), b'{"delivery_id": "trunc'
        return answer

    def _fault_answer(self, fault: Fault, family: Family | None) -> Answer:
        """The answer of a fault that stands in for the workspace."""
        if fault.kind is FaultKind.RESET_BEFORE:
            raise ConnectionDropped(processed=False)
        if fault.kind is FaultKind.HTML:
            return fault.status, {"Content-Type": "text/html"}, HTML_PAGE
        if fault.kind is FaultKind.WRONG_DATACENTER:
            other = APP_HOSTS["us" if self.region == "eu" else "eu"]
            body = {"errors": [{"detail": "wrong datacenter", "status": "301"}]}
            return 301, {**JSON_HEADERS, "Location": fault.location or other}, _render(body)
        headers = dict(JSON_HEADERS)
        if fault.retry_after is not None:
            headers["Retry-After"] = str(fault.retry_after)
        detail = "rate limited" if fault.status == 429 else "internal server error"
        return fault.status, headers, _render(error_body(family, fault.status, detail))

    def _answer(
        self, family: Family | None, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> Answer:
        try:
            reply = self._process(family, self._route(family, method, path), query, headers, body)
        except Rejected as rejection:
            reply = self._rejected(family, rejection, headers, body)
        except Exception:
            _log.exception("emulator handler failed for %s %s", method, path)
            reply = Reply(500, error_body(family, 500, "internal emulator error"))
        payload = b"" if reply.body is None else _render(reply.body)
        return reply.status, {**JSON_HEADERS, **reply.headers}, payload

    def _route(self, family: Family | None, method: str, path: str) -> RouteMatch:
        if family is None and method not in _METHODS:
            raise Rejected(405, f"method {method} is not allowed here", {"Allow": ", ".join(_METHODS)})
        if family is None:
            raise Rejected(404, "unknown API family: paths start with /track, /app or /cdp")
        return find_route(self.routes, family, method, path)

    def _process(
        self, family: Family | None, match: RouteMatch, query: str, headers: dict[str, str], body: bytes
    ) -> Reply:
        """Authenticate, check and run the route's handler; count it when it succeeds."""
        assert family is not None  # _route refuses requests without a family
        route, operation = match.route, match.route.operation
        body = _decoded(headers, body)
        call = Call(self.workspace, self.region, match.params, parse_qs(query, keep_blank_values=True), body,
                    headers.get("content-type", ""), headers)
        try:
            if not route.public and not is_authorized(family, headers, self.credentials):
                # Customer.io's 401 bodies are undocumented; the family's error envelope is assumed.
                raise Rejected(401, "unauthorized: check the credentials for this API")
            if operation is not None:  # every spec body is JSON; other routes (uploads) say their own
                _check_content_type(headers, body)
                precheck = PRECHECKS.get(operation.name)
                if precheck is not None:
                    precheck(call)  # Customer.io's documented messages come before the schema's
                check_request(operation, call)
            reply = route.handler(call)
        except Rejected as rejection:
            style = operation.error_styles.get(rejection.status) if operation else None
            if style is None and operation is not None and rejection.status == 400:
                style = next(iter(operation.error_styles.values()), None)
            raise _Styled(rejection, style) from rejection
        if operation is not None and reply.status < 400:
            self.processed[operation.name] += 1
        return reply

    def _rejected(self, family: Family | None, rejection: Rejected, headers: dict[str, str], body: bytes) -> Reply:
        """The error answer, except Pipelines without strict mode: 200, and the payload dropped."""
        style = None
        if isinstance(rejection, _Styled):
            style, rejection = rejection.style, rejection.original
        lenient = family is Family.CDP and rejection.status in (400, 401) and headers.get("x-strict-mode") != "1"
        if lenient:
            self.workspace.dropped.append({"reason": rejection.detail, "body": body.decode("utf-8", "replace")})
            return Reply(200, {})
        return rejection.as_reply(family, style)


class _Styled(Rejected):
    """A rejection carrying the error envelope its operation documents."""

    def __init__(self, original: Rejected, style: str | None) -> None:
        super().__init__(original.status, original.detail, original.headers, original.pointer)
        self.original = original
        self.style = style


def _decoded(headers: Mapping[str, str], body: bytes) -> bytes:
    """The body, gunzipped when sent with ``Content-Encoding: gzip`` (the Pipelines SDK's option);
    413 past ``MAX_BODY_BYTES``."""
    if len(body) > MAX_BODY_BYTES:
        raise Rejected(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    if headers.get("content-encoding", "").strip().lower() != "gzip":
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            plain = stream.read(MAX_BODY_BYTES + 1)
    except (OSError, EOFError) as error:
        raise Rejected(400, "request body is not valid gzip") from error
    if len(plain) > MAX_BODY_BYTES:
        raise Rejected(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    return plain


def _check_content_type(headers: Mapping[str, str], body: bytes) -> None:
    """A body must be sent as JSON (``application/json``, ``+json`` types); none given is read as JSON.

    Customer.io's APIs take JSON only (every spec's request bodies are ``application/json``); its
    answer to other types is undocumented, so the spec's usual 400 is assumed.
    """
    if not body.strip():
        return
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind != "application/json" and not kind.endswith("+json"):
        raise Rejected(400, f"Content-Type must be application/json, not {kind}")


def _render(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
