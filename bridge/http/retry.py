"""When a failed request is sent again, and after how long: one pure predicate, one policy.

The rules (``should_retry`` is the only place that decides):

=====================================  ==============================  ======================
what happened                          reads and idempotent writes     other writes (POST)
=====================================  ==============================  ======================
request never left (connect error,     retried                         retried
connect/pool timeout, request head
not fully written)
429 Too Many Requests                  retried (Retry-After honoured)  retried (the API did
                                                                       not process it)
408, 500, 502, 503, 504                retried                         ``outcome_unknown``
read timeout, connection broken after  retried                         ``outcome_unknown``
the request head was sent, or an
answer that cannot be the API's
(HTML, unparsable, corrupt gzip)
same, on a reused keep-alive           retried at once, then as above  ``outcome_unknown``
connection before any answer byte
=====================================  ==============================  ======================

"Idempotent" is what the integration declares: GET/PUT/DELETE, reads sent as POST, and
writes an integration declares idempotent (an event id that the API counts once). Waits are exponential with jitter,
``Retry-After`` (seconds or an HTTP date) wins when given, and no wait passes the run's deadline,
the total-wait budget or the cap on one wait: a wait that does not fit ends the retries at once.
The clock and the sleep are injectable (``Clock``) so tests run in virtual time.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Protocol

#: Statuses worth another attempt (Customer.io's Node SDK retries the same set).
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class Failure(StrEnum):
    """How an attempt failed, as far as the client can know."""

    #: The API answered with a status (``status`` says which).
    STATUS = "status"
    #: The request never reached the server: no byte of it could have been processed.
    NOT_SENT = "not_sent"
    #: The request was sent and no complete answer came back: it may or may not have run.
    AMBIGUOUS = "ambiguous"
    #: AMBIGUOUS on a reused keep-alive connection before any answer byte: most likely the server
    #: had closed the idle connection. Still ambiguous, but worth one immediate retry when safe.
    STALE = "stale"
    #: An answer came that cannot be the API's (HTML or another content type with 2xx, a body that does
    #: not parse, a corrupt compression): something between us and the API may have answered, so for a
    #: write it is as ambiguous as a broken connection.
    INVALID = "invalid"


def should_retry(failure: Failure, status: int | None, idempotent: bool) -> bool:
    """Whether an attempt that failed this way may be sent again. Pure: the whole retry rule."""
    if failure is Failure.NOT_SENT:
        return True
    if failure is Failure.STATUS:
        return status == 429 or (status in RETRY_STATUSES and idempotent)
    return idempotent


def outcome_unknown(failure: Failure, status: int | None, idempotent: bool) -> bool:
    """Whether the failure leaves a write that must not be repeated in an unknown state."""
    return not idempotent and maybe_processed(failure, status)


def maybe_processed(failure: Failure, status: int | None) -> bool:
    """Whether an attempt that failed this way may have been carried out by the API (its answer lost)."""
    if failure is Failure.NOT_SENT:
        return False
    if failure is Failure.STATUS:
        return status is not None and status in RETRY_STATUSES and status != 429
    return True


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date), or None if unusable.

    ``now`` is the wall-clock time (``time.time()``) an HTTP date is measured from.
    """
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


class Clock(Protocol):
    """Time as the retry and rate-limit waits see it."""

    def now(self) -> float:
        """Monotonic seconds, comparable with ``CallContext.deadline``."""
        ...

    def wall(self) -> float:
        """Seconds since the epoch (for HTTP dates)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Block for ``seconds``."""
        ...


class SystemClock:
    """The real clock: ``time.monotonic``, ``time.time`` and ``time.sleep``."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """How many times, and after how long, a retryable failure is sent again.

    Defaults follow Customer.io's Node SDK: 3 retries, waits ``min(max_delay, base * 2**n * [1, 2))``,
    ``Retry-After`` honoured up to ``max_retry_after``, and at most ``max_total_wait`` seconds of
    waiting per call. ``step`` is the longest single sleep, so a wait re-checks the deadline often.
    """

    max_retries: int = 3
    base_delay: float = 0.2
    max_delay: float = 5.0
    max_retry_after: float = 30.0
    max_total_wait: float = 30.0
    step: float = 0.05
    clock: Clock = field(default_factory=SystemClock)
    jitter: random.Random = field(default_factory=random.Random, compare=False)

    def backoff(self, retry: int) -> float:
        """The wait before retry number ``retry`` (0-based) when the API gave no Retry-After."""
        spread = 1.0 + self.jitter.random()
        return min(self.max_delay, self.base_delay * (2.0**retry) * spread)

    def delay(self, failure: Failure, retry: int, retry_after: float | None, stale_retried: bool) -> float:
        """The wait before the next attempt (``retry_after`` already parsed, in seconds)."""
        if failure is Failure.STALE and not stale_retried:
            return 0.0  # a dropped idle connection: a fresh one will most likely work at once
        if retry_after is not None:
            return retry_after
        return self.backoff(retry)

    def wait(self, seconds: float, deadline: float) -> None:
        """Sleep ``seconds`` in steps of at most ``step``, never past ``deadline`` (monotonic)."""
        end = min(self.clock.now() + seconds, deadline)
        while (left := end - self.clock.now()) > 0:
            self.clock.sleep(min(self.step, left))


#: Never retry (for hosts that retry at another layer, and for tests of single attempts).
NO_RETRIES = RetryPolicy(max_retries=0)
