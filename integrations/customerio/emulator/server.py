"""The emulator on real HTTP: a threaded HTTP/1.1 (keep-alive) server bound to loopback."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from .emulator import ConnectionDropped, Emulator


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
        self.wfile.write(payload)

    def _reset(self) -> None:
        """Close the connection with a TCP reset and no answer (an injected fault)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

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
