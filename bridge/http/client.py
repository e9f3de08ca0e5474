"""Send one described request: (throttle -> attempt -> map the outcome)* -> parse.

An integration describes each request (:class:`HttpRequest`: method, URL, every header, body,
whether repeating it is safe, the rate budgets it draws on, its timeouts) and configures the
client once with what is its own (:class:`Service`: its name in messages, its error-body parser,
its own status mapping). Everything else is decided here: each attempt first takes a slot from the
rate limiter (ratelimit.py); a failed attempt is sent again only as retry.should_retry says, and no
wait passes the run's deadline; every httpx failure maps to one error code in ``errors.py``.
Errors are bridge.errors CallError leaves; their messages never hold keys, headers or bodies.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from bridge.errors import ApiError, CallError, ErrorCode
from bridge.http import errors
from bridge.http.ratelimit import Budget, Limiter, shared
from bridge.http.retry import Failure, RetryPolicy, maybe_processed, outcome_unknown, parse_retry_after, should_retry
from bridge.http.transport import Connections, Trace, Unreadable
from bridge.integration import CallContext

log = logging.getLogger("bridge.http")


#: What to read back before repeating a write whose outcome is unknown, unless the integration says better.
READ_BACK = "read the resource back (a get or list function) to see whether it took effect"


@dataclass(frozen=True)
class Timeouts:
    """Seconds for opening a connection, each read, each write and waiting for a pooled connection."""

    connect: float
    read: float
    write: float
    pool: float


@dataclass(frozen=True)
class HttpRequest:
    """Everything about a request that stays the same from one attempt to the next."""

    #: The function's name, which every message starts with.
    operation: str
    method: str
    url: str
    query: dict[str, str] | None
    #: Every header, Host and Content-Length included (the request is built from a stream).
    headers: dict[str, str]
    content: bytes
    timeouts: Timeouts
    #: Sending it twice has the effect of sending it once (decides retries after ambiguous failures).
    idempotent: bool = False
    #: The rate-limit budgets it draws on, the narrowest first.
    budgets: tuple[Budget, ...] = ()
    #: A read: its outcome never matters (a write's failures say whether it may have been done).
    read: bool = False
    #: What makes repeating the write safe, for its errors' details (``{"event_id": "01J..."}``; a list
    #: of ids for a batch).
    keys: dict[str, Any] = field(default_factory=dict)
    #: What to read back before repeating it when its outcome is unknown (one clause of a sentence).
    check: str = READ_BACK
    #: The data ``content`` encodes (what an approver is shown), when the integration built the body.
    body: Any = None
    #: Values to scrub from the API's error reasons before they are cut (the credential's keys).
    secrets: tuple[str, ...] = field(default=(), repr=False)

    @property
    def full_url(self) -> str:
        """The URL with its query, as sent."""
        return self.url if not self.query else str(self._url)

    @functools.cached_property
    def _url(self) -> httpx.URL:
        """The parsed URL with its query: built once per request, shared by the plan and every attempt."""
        return httpx.URL(self.url, params=self.query)

    def attempt(self, retries: int, extensions: dict[str, Any]) -> httpx.Request:
        """The request of one attempt (a retry says which it is in X-Retry-Count)."""
        headers = self.headers if not retries else {**self.headers, "X-Retry-Count": str(retries)}
        # stream=: httpx adds no headers of its own and skips re-reading the body (a third of building one).
        return httpx.Request(self.method, self._url, headers=headers,
                             stream=httpx.ByteStream(self.content), extensions=extensions)


def _no_reason(response: httpx.Response, secrets: tuple[str, ...]) -> str:
    return ""


def _no_mapping(request: HttpRequest, response: httpx.Response, reason: str) -> CallError | None:
    return None


@dataclass(frozen=True)
class Service:
    """What an integration tells the HTTP layer about its API."""

    #: The API's name in messages ("Customer.io answered 500").
    name: str
    #: The API's own reason in an error body (at most a few hundred characters, ``secrets`` scrubbed), or "".
    reason: Callable[[httpx.Response, tuple[str, ...]], str] = _no_reason
    #: An error the API's status means beyond the generic mapping (a region mismatch), or None.
    status_error: Callable[[HttpRequest, httpx.Response, str], CallError | None] = _no_mapping


@dataclass
class _Attempt:
    """How one attempt ended: a response, or a failure with the error to raise if it is the last."""

    response: httpx.Response | None = None
    failure: Failure = Failure.STATUS
    error: CallError | None = None
    retry_after: float | None = None
    #: The parsed answer of a successful attempt.
    data: Any = None


@dataclass
class HttpClient:
    """Sends described requests for one integration. Thread-safe (no per-call state is kept on it).

    ``retry`` decides when failures are sent again (retry.py); ``limiter`` hands out request slots
    (ratelimit.py; the process-wide one by default)."""

    service: Service
    http: Connections = field(default_factory=Connections)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    limiter: Limiter = field(default_factory=shared)

    def close(self) -> None:
        """Close pooled connections."""
        self.http.close()

    def send(self, request: HttpRequest, ctx: CallContext) -> Any:
        """Attempt, and re-attempt while the retry rule and the deadline allow; the parsed answer."""
        policy = self.retry
        retries, waited, stale_retried, maybe = 0, 0.0, False, False
        while True:
            try:
                attempt = self._attempt(request, ctx, retries)
            except CallError as error:  # no slot or no time left before the deadline, a request httpx refuses
                raise self._accounted(request, error, maybe) from None
            if attempt.error is None:
                return attempt.data
            status = attempt.response.status_code if attempt.response is not None else None
            status = None if attempt.failure is Failure.INVALID else status  # a middlebox's says nothing
            maybe = maybe or maybe_processed(attempt.failure, status)
            if retries >= policy.max_retries or not should_retry(attempt.failure, status, request.idempotent):
                raise self._accounted(request, self._final(request, attempt, status, ctx), maybe)
            delay = policy.delay(attempt.failure, retries, attempt.retry_after, stale_retried)
            if not self._fits(delay, attempt, waited, ctx):
                raise self._accounted(request, self._final(request, attempt, status, ctx, wait=delay), maybe)
            policy.wait(delay, ctx.deadline)
            retries, waited = retries + 1, waited + delay
            stale_retried = stale_retried or attempt.failure is Failure.STALE

    def _fits(self, delay: float, attempt: _Attempt, waited: float, ctx: CallContext) -> bool:
        """Whether a wait stays within the caps and leaves time for another attempt before the deadline."""
        policy = self.retry
        if attempt.retry_after is not None and attempt.retry_after > policy.max_retry_after:
            return False
        return waited + delay <= policy.max_total_wait and delay < self._remaining(ctx)

    def _remaining(self, ctx: CallContext) -> float:
        return max(0.0, ctx.deadline - self.retry.clock.now())

    def _throttle(self, request: HttpRequest, ctx: CallContext) -> None:
        """Wait for a slot in every budget the request draws on, or fail at once if none fits the deadline."""
        for budget in request.budgets:
            while (wait := self.limiter.acquire(budget.key, budget.rate)) > 0:
                if wait >= self._remaining(ctx):
                    raise ApiError(
                        f"{request.operation}: {self.service.name} allows {budget.rate} for this account's "
                        f"{budget.scope} requests; the next slot is free in {wait:.1f} s, after this run's "
                        "deadline. Nothing was sent.", code=ErrorCode.RATE_LIMITED, retryable=True,
                        details={"wait_seconds": round(wait, 3), "limit": str(budget.rate), "scope": budget.scope})
                self.retry.wait(wait, ctx.deadline)

    def _attempt(self, request: HttpRequest, ctx: CallContext, retries: int) -> _Attempt:
        """Send once. Never raises for a failure the retry rule knows; returns how it ended."""
        # Real connections take the slot once connected, right before the head is written; a given transport
        # (tests, the in-process emulator) emits no trace events, so its requests take it before sending.
        throttle = functools.partial(self._throttle, request, ctx)
        if self.http.given is not None:
            throttle()
        trace = Trace(throttle if self.http.given is None else None)
        try:
            sent = request.attempt(retries, {"timeout": self._timeout(request, ctx), "trace": trace})
        except httpx.InvalidURL as exc:  # the integration should have refused the value naming its field
            raise errors.unsendable(request, exc) from None
        if log.isEnabledFor(logging.DEBUG):  # copying the URL costs more than the rest of the log call
            log.debug("%s %s %s (retry %d)", request.operation, sent.method, sent.url.copy_with(query=None), retries)
        ctx.attempts += 1
        ctx.status = None
        name = self.service.name
        try:
            response = self.http.send(sent, ctx.deadline)
        except (httpx.UnsupportedProtocol, httpx.LocalProtocolError) as exc:
            raise errors.unsendable(request, exc) from None
        except httpx.TransportError as exc:
            failure = trace.classify(exc)
            return _Attempt(failure=failure, error=errors.transport_error(name, request, exc, failure))
        except Unreadable as exc:
            ctx.status = exc.status
            return _Attempt(failure=Failure.INVALID, error=errors.undecodable(name, request, exc.status))
        ctx.status = response.status_code
        if response.status_code < 300:
            try:
                return _Attempt(response=response, data=errors.parse_json(name, request, response))
            except CallError as error:
                return _Attempt(response=response, failure=Failure.INVALID, error=error)
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self.retry.clock.wall())
        return _Attempt(response=response, error=errors.status_error(self.service, request, response),
                        retry_after=retry_after)

    def _timeout(self, request: HttpRequest, ctx: CallContext) -> dict[str, float]:
        """The request's timeouts, each cut to the time left in the run."""
        left = self._remaining(ctx)
        if left <= 0:
            raise errors.no_time_left(request)
        t = request.timeouts
        return {"connect": min(t.connect, left), "read": min(t.read, left), "write": min(t.write, left),
                "pool": min(t.pool, left)}

    def _final(self, request: HttpRequest, attempt: _Attempt, status: int | None, ctx: CallContext,
               wait: float | None = None) -> CallError:
        """The error a call ends with: the last attempt's, or ``outcome_unknown`` for an unsafe write."""
        assert attempt.error is not None
        error = attempt.error
        if outcome_unknown(attempt.failure, status, request.idempotent):
            error = errors.unknown(self.service.name, request, status)
        if ctx.attempts > 1:
            error.details.setdefault("attempts", ctx.attempts)
        if wait is not None and error.code is ErrorCode.RATE_LIMITED:
            error.details.setdefault("wait_seconds", round(wait, 3))
        return error

    def _accounted(self, request: HttpRequest, error: CallError, maybe: bool) -> CallError:
        """The call's error over all its attempts: a write that any attempt may have carried out is
        ``outcome_unknown`` whatever the last attempt met (a 429, a redirect, a 5xx), and a write's
        error carries what makes repeating it safe (``details``: its keys)."""
        if request.read:
            return error
        if maybe and error.code is not ErrorCode.OUTCOME_UNKNOWN:
            unknown = errors.unknown_after(self.service.name, request, error)
            unknown.details.update(error.details)
            error = unknown
        for name, value in request.keys.items():
            error.details.setdefault(name, value)
        return error
