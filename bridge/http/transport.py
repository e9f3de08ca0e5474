"""Connections: httpx transports with pooled keep-alive connections, and the sent/not-sent trace.

Whether a failed request was sent: httpx reports no such thing, so each attempt carries an
httpcore trace callback (:class:`Trace`). Only a request whose head was never completely written
(connect errors and timeouts, pool timeouts, a write that failed inside the head) counts as
not sent. A reused keep-alive connection that breaks before any answer byte (the server closed it
while idle) is STALE: still ambiguous, but worth one immediate retry when repeating is safe.
httpcore itself already skips, and replaces, pooled connections it finds closed before writing.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable
from typing import Any

import httpx

from bridge.http.deadline import BACKEND, until
from bridge.http.retry import Failure

#: Pooled keep-alive connections. Idle ones are dropped after 5 s, well before load balancers
#: usually close them; the rare one closed under us anyway is retried (see retry.Failure.STALE).
POOL = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


class Connections:
    """Sends requests straight to httpx transports, without ``httpx.Client``.

    The bridge authenticates by header, follows no redirects, keeps no cookies and builds every
    header itself, so the client layer (URL merging, auth flow, cookie jar, redirect and event-hook
    handling) was pure cost: about half of the time spent sending a request.
    A transport per proxy: ``HTTP(S)_PROXY``/``ALL_PROXY``/``NO_PROXY`` are honoured as httpx.Client
    honours them, and certificates from ``SSL_CERT_FILE``/``SSL_CERT_DIR`` (httpx's ``trust_env``).
    Thread-safe: transports are created once under a lock; httpcore's pool is thread-safe.
    """

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        self._given = transport
        #: (scheme, host) -> its transport; one transport per distinct proxy (None: direct).
        self._routes: dict[tuple[str, str], httpx.BaseTransport] = {}
        self._by_proxy: dict[str | None, httpx.BaseTransport] = {}
        self._lock = threading.Lock()

    @property
    def given(self) -> httpx.BaseTransport | None:
        """The transport every request goes to (tests, emulators), or None for real connections."""
        return self._given

    def send(self, request: httpx.Request, deadline: float | None = None) -> httpx.Response:
        """Send, read the whole answer and release the connection, all of it by ``deadline``
        (``time.monotonic()``) however slowly the server answers (see deadline.py)."""
        with until(deadline):
            response = self._transport_for(request.url).handle_request(request)
            try:
                response.read()
            except httpx.DecodingError:
                raise Unreadable(response.status_code) from None
            finally:
                response.close()
        response.request = request
        return response

    def _transport_for(self, url: httpx.URL) -> httpx.BaseTransport:
        if self._given is not None:
            return self._given
        route = (url.scheme, url.host)
        transport = self._routes.get(route)
        if transport is None:
            proxy = _proxy_for(*route)
            with self._lock:
                transport = self._by_proxy.get(proxy)
                if transport is None:
                    transport = self._by_proxy[proxy] = _transport(proxy)
                self._routes[route] = transport
        return transport

    def close(self) -> None:
        """Close every pooled connection."""
        with self._lock:
            transports = [*self._by_proxy.values(), *([self._given] if self._given else [])]
            self._by_proxy, self._routes = {}, {}
        for transport in transports:
            transport.close()


class Unreadable(Exception):
    """An answer came whose body cannot be decoded (httpx.DecodingError: corrupt gzip or deflate)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the answer ({status}) could not be decoded")
        self.status = status


def _transport(proxy: str | None) -> httpx.HTTPTransport:
    """A pooled transport whose connections keep the exchange's deadline (deadline.BACKEND)."""
    transport = httpx.HTTPTransport(limits=POOL, proxy=proxy)
    # httpx has no parameter for httpcore's network backend; the pool reads it when it opens a connection.
    transport._pool._network_backend = BACKEND
    return transport


def _proxy_for(scheme: str, host: str) -> str | None:
    """The proxy the environment names for a URL, as httpx.Client's ``trust_env`` reads it."""
    proxies = urllib.request.getproxies_environment()
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


class Trace:
    """httpcore's trace callback: was the connection new, was the request head written, did an answer start?"""

    __slots__ = ("answered", "before_head", "head_sent", "new_connection", "traced")

    def __init__(self, before_head: Callable[[], None] | None = None) -> None:
        """``before_head``: called once, when the connection is ready and the request head is about to be
        written (the client takes its rate-limit slot there: as close to the wire as httpcore lets us)."""
        self.traced = self.new_connection = self.head_sent = self.answered = False
        self.before_head = before_head

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        self.traced = True
        if event == "connection.connect_tcp.started":
            self.new_connection = True
        elif event.endswith("send_request_headers.started") and self.before_head is not None:
            before, self.before_head = self.before_head, None
            before()
        elif event.endswith("send_request_headers.complete"):
            self.head_sent = True
        elif event.endswith("receive_response_headers.complete"):
            self.answered = True

    def classify(self, exc: httpx.TransportError) -> Failure:
        """How far a failed attempt got. Only a request whose head was never fully written is NOT_SENT:
        a server cannot act on a request it did not receive whole, and httpcore reports nothing finer."""
        if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            return Failure.NOT_SENT
        if self.traced and not self.head_sent:
            return Failure.NOT_SENT
        dropped = isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError)
        if self.traced and not self.new_connection and not self.answered and dropped:
            return Failure.STALE
        return Failure.AMBIGUOUS
