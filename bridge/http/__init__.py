"""The bridge's generic HTTP layer for declared operations (any integration's).

An integration describes a request (:class:`HttpRequest`) and configures a :class:`HttpClient` with
what is its own (:class:`Service`); this package owns the rest: connections (transport.py), retries
(retry.py), client-side rate limits (ratelimit.py) and the mapping of every failure to one error
code (errors.py).
"""

from importlib import import_module
from typing import Any

#: Where each public name lives; imported on first use, so that ``bridge.http.ratelimit`` (a worker
#: pool's host needs it) does not pull in httpx.
_HOMES = {"HttpClient": "client", "HttpRequest": "client", "Service": "client", "Timeouts": "client",
          "Budget": "ratelimit", "Limiter": "ratelimit", "LocalLimiter": "ratelimit", "Rate": "ratelimit",
          "StoreLimiter": "ratelimit", "RetryPolicy": "retry", "Connections": "transport"}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'bridge.http' has no attribute {name!r}")
    return getattr(import_module(f"bridge.http.{_HOMES[name]}"), name)
