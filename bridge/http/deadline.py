"""One overall deadline on each HTTP exchange: connect, TLS, every write and every read.

httpx's timeouts bound each socket operation, so a server that sends one byte every half second
keeps an exchange alive for as long as it likes. The connections of bridge.http therefore use a
network backend whose streams cut every operation's timeout to the time left before the deadline
of the exchange running in this thread (:func:`until`), so the exchange ends at that deadline
whatever the server does. The deadline is per thread: the thread that sends is the one that reads.
"""

from __future__ import annotations

import math
import threading
import time
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import httpcore

_current = threading.local()
#: The shortest timeout handed to a socket: past the deadline an operation still fails as a timeout.
_AT_ONCE = 0.001


@contextmanager
def until(deadline: float | None) -> Iterator[None]:
    """Bound every socket operation in this thread by ``deadline`` (``time.monotonic()``; None: no bound)."""
    outer = getattr(_current, "end", None)
    _current.end = deadline
    try:
        yield
    finally:
        _current.end = outer


def cut(timeout: float | None) -> float | None:
    """``timeout`` cut to the time left before this thread's deadline."""
    end: float | None = getattr(_current, "end", None)
    if end is None or end == math.inf:
        return timeout
    left = max(_AT_ONCE, end - time.monotonic())
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A network stream whose every operation is cut to the deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, cut(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, cut(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, cut(timeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class Backend(httpcore.SyncBackend):
    """httpcore's synchronous backend with streams cut to the deadline."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        return _Stream(super().connect_tcp(host, port, cut(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        return _Stream(super().connect_unix_socket(path, cut(timeout), socket_options))


BACKEND = Backend()
