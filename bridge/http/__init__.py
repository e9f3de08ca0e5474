"""The bridge's generic HTTP layer for declared operations (any integration's).

An integration describes a request (:class:`HttpRequest`) and configures a :class:`HttpClient` with
what is its own (:class:`Service`); this package owns the rest: connections (transport.py), retries
(retry.py), client-side rate limits (ratelimit.py) and the mapping of every failure to one error
code (errors.py).
"""

from bridge.http.client import HttpClient, HttpRequest, Service, Timeouts
from bridge.http.ratelimit import Budget, Limiter, LocalLimiter, Rate, StoreLimiter
from bridge.http.retry import RetryPolicy
from bridge.http.transport import Connections

__all__ = ["Budget", "Connections", "HttpClient", "HttpRequest", "Limiter", "LocalLimiter", "Rate", "RetryPolicy",
           "Service", "StoreLimiter", "Timeouts"]
