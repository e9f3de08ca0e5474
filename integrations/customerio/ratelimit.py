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

The limiters themselves are the bridge's (bridge/http/ratelimit.py); this module names the budgets.

Keys name the family and a SHA-256 fingerprint of the credential and base URL, never a secret:
``customerio:app:3f1c…:app_send``.
"""

from __future__ import annotations

from bridge.http.ratelimit import (
    UNLIMITED,
    Limiter,
    LocalLimiter,
    Rate,
    StoreLimiter,
    Unlimited,
    fingerprint,
    shared,
)
from integrations.customerio.accounts import Account, Family

__all__ = ["APP", "APP_SEND", "BROADCAST_TRIGGER", "PIPELINES", "TRACK", "UNLIMITED", "Limiter", "LocalLimiter",
           "Rate", "StoreLimiter", "Unlimited", "identity", "scopes", "shared"]

APP = Rate(10, 1)
APP_SEND = Rate(100, 1)
BROADCAST_TRIGGER = Rate(1, 10)
TRACK = Rate(1000, 1)
PIPELINES = Rate(3000, 3)


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
    return f"customerio:{family.value}:{fingerprint(account.base_url(family), secret or '')}"

