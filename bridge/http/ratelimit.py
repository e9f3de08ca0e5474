"""Client-side rate limits: stay under an API's documented limits instead of meeting 429s.

A :class:`Limiter` answers one question, ``acquire(key, rate)``: take a slot now (0.0), or how
many seconds until one may be free (nothing taken). Implementations:

* :class:`LocalLimiter` (the default): in this process, thread-safe, exact moving window, no
  threads, clock injectable, at most :data:`MAX_KEYS` keys remembered. One instance (``shared()``)
  serves every Runtime of the process, and a WorkerPool's workers through their host.
* :class:`StoreLimiter`: the ``limits`` library's moving window over any storage it supports,
  e.g. ``redis://host:6379``, so several processes or hosts share one budget.
* :class:`Unlimited`: no limit (emulators, benchmarks).

Integrations name the budgets (:class:`Budget`: a key that names the credential, never a secret,
a scope for messages, a :class:`Rate`); :func:`fingerprint` makes the non-reversible part of a key.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Rate:
    """At most ``amount`` requests in any ``seconds``-long window."""

    amount: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.amount} per {self.seconds} s"


@dataclass(frozen=True)
class Budget:
    """One budget a request draws on: the limiter ``key``, its ``scope`` (for messages) and its ``rate``."""

    key: str
    scope: str
    rate: Rate

class Limiter(Protocol):
    """Hands out request slots; shared by every client that should share a budget."""

    def acquire(self, key: str, rate: Rate) -> float:
        """Take a slot (returns 0.0) or return the seconds until one may be free (nothing taken)."""
        ...


#: Keys a LocalLimiter remembers. Keys come from integrations (one per credential and scope, some
#: per resource, e.g. a broadcast) and, in a WorkerPool, from workers over the pipe, so a hostile
#: worker could name endless distinct keys: past this many, the key used least recently is forgotten
#: (its next request starts a fresh window). About 1 KiB each at most.
MAX_KEYS = 10_000


class LocalLimiter:
    """An exact moving-window limiter in this process: the last ``amount`` times per key, for at
    most ``max_keys`` keys (the least recently used forgotten first)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, slack: float = 0.0,
                 max_keys: int = MAX_KEYS) -> None:
        """``slack``: seconds added to every window, so that slots handed out here still keep to the
        rate where it is measured (at the server, after pipes and connections added uneven delays)."""
        self._clock = clock
        self._slack = slack
        self._max_keys = max_keys
        self._log: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many keys are remembered (never more than ``max_keys``)."""
        return len(self._log)

    def acquire(self, key: str, rate: Rate) -> float:
        now = self._clock()
        with self._lock:
            times = self._log.get(key)
            if times is None:
                times = self._log[key] = deque(maxlen=rate.amount)
                if len(self._log) > self._max_keys:
                    self._log.popitem(last=False)
            else:
                self._log.move_to_end(key)
            if len(times) == rate.amount and (wait := times[0] + rate.seconds + self._slack - now) > 0:
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


class Remote:
    """Slots taken from a limiter in another process through ``ask`` (a WorkerPool's worker asks its
    host, so every worker of a pool draws on one budget). ``ask(key, amount, seconds)`` returns the wait."""

    def __init__(self, ask: Callable[[str, int, int], float]) -> None:
        self._ask = ask

    def acquire(self, key: str, rate: Rate) -> float:
        return self._ask(key, rate.amount, rate.seconds)


UNLIMITED = Unlimited()
_SHARED: list[Limiter] = [LocalLimiter(slack=0.05)]


def shared() -> Limiter:
    """The process-wide limiter every integration uses unless given another (in memory by default)."""
    return _SHARED[0]


def share(limiter: Limiter) -> None:
    """Make ``limiter`` the process-wide one (a pool's worker: its host's, over the pipe); before
    integrations are built, since each keeps the one it was built with."""
    _SHARED[0] = limiter


def fingerprint(*parts: str) -> str:
    """A stable, non-reversible name for a credential (with its base URL): 20 hex digits of SHA-256."""
    return _digest("\n".join(parts))


@functools.lru_cache(maxsize=256)
def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]
