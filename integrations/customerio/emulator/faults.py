"""Fault injection: make chosen requests fail the ways Customer.io (or the network) fails.

    emulator.faults.add(Fault.rate_limited(retry_after=2, family="app", path="/v1/send/*"))
    emulator.faults.add(Fault.reset(after_processing=True, operation="track.track", times=1))

A fault matches on family, method, a glob over the path (family prefix stripped) and/or the
operation name (``<family>.<operationId>``); it fires ``times`` times (None: until removed).
Faults that answer instead of the workspace (429, 5xx, HTML page, wrong datacenter, reset before
processing) leave the workspace untouched and are not counted in ``Emulator.processed``; the rest
(slow answers, malformed JSON bodies, resets after processing) let the request through first.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, replace
from enum import StrEnum


class FaultKind(StrEnum):
    """What an injected fault does to the request it matches."""

    STATUS = "status"  # answer ``status`` in the family's error envelope (429, 5xx)
    HTML = "html"  # answer ``status`` with an HTML error page, as a load balancer does
    WRONG_DATACENTER = "wrong_datacenter"  # 301 + Location, as the App API does across regions
    RESET_BEFORE = "reset_before"  # drop the connection without processing or answering
    RESET_AFTER = "reset_after"  # process the request, then drop the connection unanswered
    SLOW = "slow"  # wait ``delay`` seconds, then process and answer normally
    MALFORMED_JSON = "malformed_json"  # process, then answer 200 with a truncated JSON body


#: Kinds that let the workspace process the request.
PROCESSING_KINDS = frozenset({FaultKind.RESET_AFTER, FaultKind.SLOW, FaultKind.MALFORMED_JSON})


@dataclass(frozen=True)
class Fault:
    """One injected failure and the requests it applies to."""

    kind: FaultKind
    family: str | None = None  # "track", "app" or "cdp"; None matches every family
    method: str | None = None
    path: str = "*"  # fnmatch glob over the spec path, e.g. "/v1/send/*"
    operation: str | None = None  # e.g. "app.sendEmail"
    times: int | None = 1  # None: every matching request until removed
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0
    location: str | None = None

    @classmethod
    def rate_limited(cls, retry_after: int | None = None, **match: object) -> Fault:
        """429 in the family's envelope, with ``Retry-After`` when ``retry_after`` is given."""
        return cls._build(FaultKind.STATUS, match, status=429, retry_after=retry_after)

    @classmethod
    def server_error(cls, status: int = 500, **match: object) -> Fault:
        """A 5xx in the family's JSON error envelope."""
        return cls._build(FaultKind.STATUS, match, status=status)

    @classmethod
    def html_error(cls, status: int = 502, **match: object) -> Fault:
        """An HTML error page (``text/html``), as a proxy in front of the API answers."""
        return cls._build(FaultKind.HTML, match, status=status)

    @classmethod
    def wrong_datacenter(cls, location: str | None = None, **match: object) -> Fault:
        """301 ``wrong datacenter`` with a ``Location`` to the other region's host."""
        return cls._build(FaultKind.WRONG_DATACENTER, match, status=301, location=location)

    @classmethod
    def reset(cls, after_processing: bool = False, **match: object) -> Fault:
        """Drop the connection unanswered, before or after the workspace processed the request."""
        kind = FaultKind.RESET_AFTER if after_processing else FaultKind.RESET_BEFORE
        return cls._build(kind, match)

    @classmethod
    def slow(cls, delay: float, **match: object) -> Fault:
        """Answer normally after ``delay`` seconds."""
        return cls._build(FaultKind.SLOW, match, delay=delay)

    @classmethod
    def malformed_json(cls, **match: object) -> Fault:
        """Process the request, then answer 200 with a body that is not valid JSON."""
        return cls._build(FaultKind.MALFORMED_JSON, match, status=200)

    @classmethod
    def _build(cls, kind: FaultKind, match: dict[str, object], **settings: object) -> Fault:
        return replace(cls(kind), **settings, **match)  # type: ignore[arg-type]

    def matches(self, family: str, method: str, path: str, operation: str | None) -> bool:
        """Whether this fault applies to the request."""
        return (
            (self.family is None or self.family == family)
            and (self.method is None or self.method.upper() == method)
            and fnmatch.fnmatchcase(path, self.path)
            and (self.operation is None or self.operation == operation)
        )


@dataclass
class _Armed:
    """A fault with the firings it has left (None: unlimited)."""

    fault: Fault
    remaining: int | None


class Faults:
    """The faults armed on one emulator; thread-safe. ``fired`` lists each one as it fires."""

    def __init__(self) -> None:
        self._armed: list[_Armed] = []
        self._lock = threading.Lock()
        self.fired: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Arm ``fault`` (it fires on the next matching requests, ``fault.times`` times)."""
        with self._lock:
            self._armed.append(_Armed(fault, fault.times))
        return fault

    def clear(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._armed.clear()

    @property
    def pending(self) -> list[Fault]:
        """Faults still armed."""
        with self._lock:
            return [armed.fault for armed in self._armed]

    def take(self, family: str, method: str, path: str, operation: str | None) -> Fault | None:
        """The first armed fault matching the request, consuming one of its firings."""
        with self._lock:
            for armed in self._armed:
                if not armed.fault.matches(family, method, path, operation):
                    continue
                if armed.remaining is not None:
                    armed.remaining -= 1
                    if armed.remaining <= 0:
                        self._armed.remove(armed)
                self.fired.append(armed.fault)
                return armed.fault
        return None
