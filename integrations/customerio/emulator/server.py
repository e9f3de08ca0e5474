"""The emulator on real HTTP: a threaded HTTP/1.1 (keep-alive) server bound to loopback.

The same port also speaks HTTPS, told apart by the first byte a client sends (a TLS handshake
starts with 0x16): Customer.io's Track SDK always builds ``https://{host}:{port}/...``. The
certificate (``LOOPBACK_CERT``, for 127.0.0.1, ::1 and localhost) is a fixed self-signed one that
ships with the package; it protects nothing, so a client trusts it explicitly
(``REQUESTS_CA_BUNDLE=<LOOPBACK_CERT>`` for the requests-based SDKs).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import ssl
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from .emulator import ConnectionDropped, Emulator

LOOPBACK_CERT = str(Path(__file__).with_name("loopback-cert.pem"))
_LOOPBACK_KEY = str(Path(__file__).with_name("loopback-key.pem"))
_TLS_HANDSHAKE = 0x16


def serve(emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> EmulatorServer:
    """Start answering ``emulator`` on ``http://host:port`` (port 0 picks a free one)."""
    return EmulatorServer(emulator, host, port)


class EmulatorServer:
    """A running loopback server; a context manager whose exit stops it and its threads."""

    def __init__(self, emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> None:
        _require_loopback(host)
        self._server = _LoopbackServer((host, port), emulator)
        bound_host, bound_port = self._server.server_address[:2]
        self.url: str = f"http://{bound_host!s}:{bound_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"customerio-emulator:{bound_port}",
            daemon=True,
        )
        self._thread.start()
        self._closed = False

    def base_urls(self) -> dict[str, str]:
        """Base URL per API family, to which a client appends the spec's paths."""
        return {"track": self.url + "/track", "app": self.url + "/app", "pipelines": self.url + "/cdp"}

    def sdk_settings(self) -> dict[str, str]:
        """What each official SDK is given to reach this server unchanged.

        ``customerio.CustomerIO(site_id, key, host=..., port=...)`` builds ``https://host:port/api/v1``
        and ``/api/v2/batch`` (trust ``LOOPBACK_CERT``); ``customerio.APIClient(key, url=...)`` and
        ``analytics.host`` (customerio-cdp-analytics, which posts ``{host}/v1/batch``) take the root URL.
        """
        host, port = self.url.removeprefix("http://").rsplit(":", 1)
        return {"track_host": host, "track_port": port, "app_url": self.url, "pipelines_host": self.url,
                "ca_bundle": LOOPBACK_CERT}

    def close(self) -> None:
        """Stop serving, drop open keep-alive connections and join every server thread."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.drop_connections()
        self._server.server_close()
        self._server.join_handlers()
        self._thread.join()

    def __enter__(self) -> EmulatorServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _require_loopback(host: str) -> None:
    """Refuse non-loopback addresses: the emulator accepts well-known keys, so keep it local."""
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"the emulator only listens on loopback addresses, not {host!r}")


def _split_target(target: str) -> tuple[str, str]:
    """(raw path, raw query) of a request target; absolute-form targets are reduced to their path."""
    if not target.startswith("/"):
        parts = urlsplit(target)
        return parts.path or "/", parts.query
    path, _, query = target.partition("?")
    return path, query


class _LoopbackServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that remembers open connections so ``close`` can end idle keep-alives."""

    daemon_threads = True
    block_on_close = True

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        self.emulator = emulator
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _RequestHandler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Serve one connection, over TLS when the client opens with a TLS handshake."""
        try:
            first = request.recv(1, socket.MSG_PEEK)
        except OSError:
            return
        if not (first and first[0] == _TLS_HANDSHAKE):
            _RequestHandler(request, client_address, self)
            return
        with self._connections_lock:  # the wrapped socket takes over the file descriptor
            self._connections.discard(request)
        try:
            secure = self._tls().wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            return  # a client that gave up on (or failed) the handshake
        with self._connections_lock:
            self._connections.add(secure)
        try:
            _RequestHandler(secure, client_address, self)
        finally:
            with self._connections_lock:
                self._connections.discard(secure)
            secure.close()

    def _tls(self) -> ssl.SSLContext:
        context = getattr(self, "_context", None)
        if context is None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(LOOPBACK_CERT, _LOOPBACK_KEY)
            self._context = context
        return context

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address),
                                  name="customerio-emulator-connection", daemon=True)
        with self._connections_lock:
            self._handlers = [t for t in getattr(self, "_handlers", []) if t.is_alive()] + [thread]
        thread.start()

    def join_handlers(self) -> None:
        """Wait for every connection thread (after drop_connections woke them)."""
        with self._connections_lock:
            handlers = list(getattr(self, "_handlers", []))
        for thread in handlers:
            thread.join()

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Shut down every open client socket, waking handler threads blocked on a read."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the peer
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Connections reset by clients or by drop_connections are routine; anything else is reported.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    """Hands each HTTP request to the emulator and writes its answer with a Content-Length."""

    protocol_version = "HTTP/1.1"
    #: Headers and body go out in two writes; with Nagle on, the body waits for the client's delayed
    #: ACK of the headers (about 40 ms per request on Linux loopback).
    disable_nagle_algorithm = True
    server: _LoopbackServer

    def _answer(self) -> None:
        body = self._read_body()
        path, query = _split_target(self.path)
        try:
            status, headers, payload = self.server.emulator.handle(
                self.command, path, query, dict(self.headers.items()), body
            )
        except ConnectionDropped:
            self._reset()
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":  # a HEAD answer has the headers of its body, not the body
            self.wfile.write(payload)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Requests the HTTP layer refuses (a malformed request line, oversized headers) get a JSON
        error body too, never the standard library's HTML page."""
        self.close_connection = True
        payload = json.dumps({"errors": [{"detail": message or "bad request", "status": str(code)}]}).encode()
        self.send_response(code, message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if getattr(self, "command", "") != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(payload)

    def _reset(self) -> None:
        """Close the connection with a TCP reset and no answer (an injected fault)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    def __getattr__(self, name: str) -> Any:
        """Every method reaches the emulator (``do_TRACE``, ``do_OPTIONS``, any token a client sends),
        which answers the ones an endpoint lacks with a JSON 405; never the stdlib's 501 HTML page."""
        if name.startswith("do_"):
            return self._answer
        raise AttributeError(name)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailers, up to the blank line
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()  # the CRLF after each chunk

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read emulator.requests instead of stderr
