"""The benchmarks' HTTP server: tiny, threaded, HTTP/1.1 keep-alive, ``200 {}`` to anything.

It runs in its own process (``python -m tests.benchmarks.server``), so that its work does not
share the GIL with the clients being measured; every contender talks to the same server.

* ``/_latency/<ms>/...``: answer ``{"path": "<the rest of the path>"}`` after ``ms`` milliseconds;
* ``GET /__stats``: ``{"requests": n, "times": [...]}``, the requests answered since start or the
  last ``POST /__reset`` (these two are not counted) and when each arrived (``time.monotonic()``
  of the server, for rate checks).

It is not the emulator: it does no routing or validation, so that the client side is measured.
"""

from __future__ import annotations

import argparse
import json
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

_OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
_LATENCY = b"/_latency/"


class _Counter:
    def __init__(self) -> None:
        self.value = 0
        self.times: list[float] = []
        self.lock = threading.Lock()

    def add(self, arrived: float) -> None:
        with self.lock:
            self.value += 1
            self.times.append(arrived)


_COUNT = _Counter()


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = b""
        while True:
            while b"\r\n\r\n" not in buf:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                buf += chunk
            head, _, buf = buf.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            method, target = lines[0].split(b" ", 2)[:2]
            length, close = 0, False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection":
                    close = value.strip().lower() == b"close"
            while len(buf) < length:
                chunk = sock.recv(max(65536, length - len(buf)))
                if not chunk:
                    return
                buf += chunk
            buf = buf[length:]
            sock.sendall(self._answer(method, target))
            if close:
                return

    @staticmethod
    def _answer(method: bytes, target: bytes) -> bytes:
        if target == b"/__stats":
            body = json.dumps({"requests": _COUNT.value, "times": _COUNT.times}).encode()
            return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
                len(body), body)
        if target == b"/__reset" and method == b"POST":
            with _COUNT.lock:
                _COUNT.value = 0
                _COUNT.times = []
            return _OK
        arrived = time.monotonic()
        if target.startswith(_LATENCY):
            ms, _, rest = target[len(_LATENCY):].partition(b"/")
            time.sleep(int(ms) / 1000)
            _COUNT.add(arrived)
            body = json.dumps({"path": "/" + rest.decode("latin-1")}).encode()
            return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
                len(body), body)
        _COUNT.add(arrived)
        return _OK


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def serve(port: int = 0) -> None:
    """Serve forever on 127.0.0.1; prints ``PORT <n>`` once listening."""
    with _Server(("127.0.0.1", port), _Handler) as server:
        print(f"PORT {server.server_address[1]}", flush=True)
        server.serve_forever(poll_interval=0.5)


class ServerProcess:
    """The server in a child process, for a ``with`` block: ``url``, ``requests()``, ``reset()``."""

    def __init__(self) -> None:
        root = Path(__file__).resolve().parents[2]
        self._proc = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.server"], cwd=root,
                                      stdout=subprocess.PIPE, text=True)
        line = self._proc.stdout.readline() if self._proc.stdout else ""
        if not line.startswith("PORT "):
            self._proc.kill()
            raise RuntimeError(f"the benchmark server did not start (it said {line!r})")
        self.port = int(line.split()[1])
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=5)

    def _control(self, method: str, path: str) -> bytes:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        return data.partition(b"\r\n\r\n")[2]

    def requests(self) -> int:
        """Requests answered since start or the last reset."""
        return int(json.loads(self._control("GET", "/__stats"))["requests"])

    def arrivals(self) -> list[float]:
        """When each request since start or the last reset arrived (the server's monotonic clock)."""
        return [float(t) for t in json.loads(self._control("GET", "/__stats"))["times"]]

    def reset(self) -> None:
        self._control("POST", "/__reset")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    serve(parser.parse_args().port)
