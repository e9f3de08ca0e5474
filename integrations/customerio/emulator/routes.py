"""The route table: one ``Route`` per emulated operation, matched on method and path.

Adding an operation is one entry in ``ROUTES`` plus one small handler. Templates use the spec's
paths with the family prefix stripped; ``{name}`` placeholders match one raw path segment, which
is percent-decoded before the handler sees it (so ids may contain ``/``, ``+``, ``@``, spaces).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from . import app_api, track_api
from .families import Family
from .wire import Call, Rejected, Reply

Handler = Callable[[Call], Reply]
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Route:
    """One operation: family, HTTP method, spec path template, handler; ``public`` skips auth."""

    family: Family
    method: str
    path_template: str
    handler: Handler
    public: bool = False  # the spec's `security: []` operations
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", compile_template(self.path_template))

    @property
    def placeholders(self) -> int:
        """How many ``{name}`` segments the template has (fewer = more specific)."""
        return self.pattern.groups


@dataclass(frozen=True)
class RouteMatch:
    """A route chosen for a request, with its decoded path parameters."""

    route: Route
    params: dict[str, str]


def compile_template(template: str) -> re.Pattern[str]:
    """``/v1/campaigns/{campaign_id}`` -> a regex with one named group per placeholder."""
    parts: list[str] = []
    position = 0
    for placeholder in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : placeholder.start()]))
        parts.append(f"(?P<{placeholder.group(1)}>[^/]*)")
        position = placeholder.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts))


def find_route(routes: Iterable[Route], family: Family, method: str, path: str) -> RouteMatch:
    """The most specific route for the request; 404 for an unknown path, 405 for a wrong method."""
    on_path = [route for route in routes if route.family is family and route.pattern.fullmatch(path)]
    allowed = sorted((route for route in on_path if route.method == method), key=lambda r: r.placeholders)
    if allowed:
        found = allowed[0].pattern.fullmatch(path)
        assert found is not None  # filtered on fullmatch above
        params = {name: unquote(value, errors="replace") for name, value in found.groupdict().items()}
        return RouteMatch(allowed[0], params)
    if on_path:
        methods = ", ".join(sorted({route.method for route in on_path}))
        raise Rejected(405, f"method {method} is not allowed here", {"Allow": methods})
    raise Rejected(404, f"no {family.value} API operation at {path or '/'}")


ROUTES: tuple[Route, ...] = (
    # Track API v1
    Route(Family.TRACK, "PUT", "/api/v1/customers/{identifier}", track_api.identify_customer),
    Route(Family.TRACK, "POST", "/api/v1/customers/{identifier}/events", track_api.track_customer_event),
    Route(Family.TRACK, "GET", "/api/v1/accounts/region", track_api.account_region),
    # App API
    Route(Family.APP, "GET", "/v1/segments", app_api.list_segments),
    Route(Family.APP, "GET", "/v1/campaigns", app_api.list_campaigns),
    Route(Family.APP, "GET", "/v1/campaigns/{campaign_id}", app_api.get_campaign),
    Route(Family.APP, "GET", "/v1/newsletters", app_api.list_newsletters),
    Route(Family.APP, "GET", "/v1/workspaces", app_api.list_workspaces),
)
