"""Client-side rate limits: stay under Customer.io's documented limits instead of meeting 429s.

Budgets (contract §1), each per workspace credential and counted over a moving window:

==============================  ======================  =====================================
scope                           budget                  applies to
==============================  ======================  =====================================
``app``                         10 per 1 s              App API, except ``/v1/send/*``
``app_send``                    100 per 1 s             App API ``/v1/send/*``
``broadcast:<id>``              1 per 10 s              triggering broadcast ``<id>`` (plus ``app``)
``track``                       1000 per 1 s            Track API v1 and v2 (fair use)
``pipelines``                   3000 per 3 s            Pipelines API
==============================  ======================  =====================================

A :class:`Limiter` answers one question, ``acquire(key, rate)``: take a slot now (0.0), or how
many seconds until one may be free (nothing taken). Two implementations:

* :class:`LocalLimiter` (the default): in this process, thread-safe, exact moving window, no
  threads, clock injectable. One instance (``shared()``) serves every Runtime of the process.
* :class:`StoreLimiter`: the ``limits`` library's moving window over any storage it supports,
  e.g. ``redis://host:6379``, so several processes or hosts share one budget.

Keys name the family and a SHA-256 fingerprint of the credential and base URL, never a secret:
``customerio:app:3f1c…:app_send``.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from integrations.customerio.accounts import Account, Family


@dataclass(frozen=True)
class Rate:
    """At most ``amount`` requests in any ``seconds``-long window."""

    amount: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.amount} per {self.seconds} s"


APP = Rate(10, 1)
APP_SEND = Rate(100, 1)
BROADCAST_TRIGGER = Rate(1, 10)
TRACK = Rate(1000, 1)
PIPELINES = Rate(3000, 3)


class Limiter(Protocol):
    """Hands out request slots; shared by every client that should share a budget."""

    def acquire(self, key: str, rate: Rate) -> float:
        """Take a slot (returns 0.0) or return the seconds until one may be free (nothing taken)."""
        ...


class LocalLimiter:
    """An exact moving-window limiter in this process: the last ``amount`` times per key."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._log: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str, rate: Rate) -> float:
        now = self._clock()
        with self._lock:
            times = self._log.get(key)
            if times is None:
                times = self._log[key] = deque(maxlen=rate.amount)
            if len(times) == rate.amount and (wait := times[0] + rate.seconds - now) > 0:
                return wait
            times.append(now)  # maxlen drops the oldest, which is outside the window
            return 0.0

    def reset(self) -> None:
        """Forget every slot taken (tests)."""
        with self._lock:
            self._log.clear()


class StoreLimiter:
    """A moving-window limiter over a ``limits`` storage URI (``memory://``, ``redis://host:port``...).

    Needs the ``limits`` package (and ``redis`` for Redis): ``pip install 'lua-agent-bridge[shared-limits]'``.
    """

    def __init__(self, uri: str, **options: Any) -> None:
        from limits import RateLimitItemPerSecond
        from limits.storage import storage_from_string
        from limits.strategies import MovingWindowRateLimiter

        self._item = RateLimitItemPerSecond
        self._strategy = MovingWindowRateLimiter(storage_from_string(uri, **options))
        self._items: dict[Rate, Any] = {}

    def acquire(self, key: str, rate: Rate) -> float:
        item = self._items.get(rate)
        if item is None:
            item = self._items[rate] = self._item(rate.amount, rate.seconds, namespace="luabridge")
        if self._strategy.hit(item, key):
            return 0.0
        stats = self._strategy.get_window_stats(item, key)
        return max(0.001, float(stats.reset_time) - time.time())


class Unlimited:
    """No client-side limit (the emulator, benchmarks of the bridge's own overhead)."""

    def acquire(self, key: str, rate: Rate) -> float:
        return 0.0


UNLIMITED = Unlimited()
_SHARED = LocalLimiter()


def shared() -> LocalLimiter:
    """The process-wide in-memory limiter every CustomerIO uses unless given another."""
    return _SHARED


def scopes(family: Family, path: str, broadcast: object = None) -> tuple[tuple[str, Rate], ...]:
    """The budgets one request draws on, the narrowest first."""
    if family is Family.TRACK:
        return (("track", TRACK),)
    if family is Family.PIPELINES:
        return (("pipelines", PIPELINES),)
    if path.startswith("/v1/send/"):
        return (("app_send", APP_SEND),)
    if broadcast is not None:
        return ((f"broadcast:{broadcast}", BROADCAST_TRIGGER), ("app", APP))
    return (("app", APP),)


def identity(account: Account, family: Family) -> str:
    """A stable, non-reversible name of the workspace credential a family uses on this account."""
    secret = account.secret("app_api_key") if family is Family.APP else account.basic_token(family)
    return f"customerio:{family.value}:{_digest(account.base_url(family), secret or '')}"


@functools.lru_cache(maxsize=256)
def _digest(base_url: str, secret: str) -> str:
    return hashlib.sha256(f"{base_url}\n{secret}".encode()).hexdigest()[:20]
