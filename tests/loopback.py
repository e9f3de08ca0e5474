"""A capturing HTTP server on 127.0.0.1: keeps every request's method, path, headers and exact body bytes,
and answers from a table of (method, path) -> (status, JSON). Real sockets, so what it records is what
went over the wire."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Loopback:
    """The running server: its URL, the answers it gives and the requests it received."""

    url: str
    #: (method, path) -> (status, JSON), or a list of them given in turn (the last one then repeats).
    answers: dict[tuple[str, str], Any] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)


@contextmanager
def loopback(answers: Mapping[tuple[str, str], Any] | None = None) -> Iterator[Loopback]:
    """Serve until the block ends; an unlisted (method, path) answers 200 ``{}``."""
    state = Loopback(url="", answers=dict(answers or {}))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.seen.append(Seen(self.command, self.path, dict(self.headers), body))
            status, payload = _next(state.answers, (self.command, self.path.split("?")[0]))
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _next(answers: dict[tuple[str, str], Any], key: tuple[str, str]) -> tuple[int, Any]:
    answer = answers.get(key, (200, {}))
    if isinstance(answer, list):
        return answer.pop(0) if len(answer) > 1 else answer[0]
    return answer  # type: ignore[no-any-return]


class ToLoopback(httpx.BaseTransport):
    """Sends every request, whatever its host, over a real connection to the loopback server
    (the Host header keeps the original host): stands in for DNS pointing the real hosts at it."""

    def __init__(self, server: Loopback) -> None:
        self._target = httpx.URL(server.url)
        self._http = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme="http", host=self._target.host, port=self._target.port)
        return self._http.handle_request(request)

    def close(self) -> None:
        self._http.close()
