"""The route table: one ``Route`` per emulated operation, matched on method and path.

``ROUTES`` has one entry per operation of the three specs (from ``catalog``); ``HANDLERS`` names
a handler for each. A family of records is one module (``app_records``, ``app_content``,
``app_metrics``, ``app_exports``, ``app_objects``...) declaring its ``resources.Resource`` kinds and its
own ``HANDLERS``, merged here; an operation with no handler would answer its spec sample (``canned``),
and ``tests/test_emulator_resources.py`` checks that none is left. Templates use the spec's
paths with the family prefix stripped; ``{name}`` placeholders match one raw path segment, which
is percent-decoded before the handler sees it (so ids may contain ``/``, ``+``, ``@``, spaces).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from . import (
    app_api,
    app_broadcasts,
    app_content,
    app_current,
    app_exports,
    app_library,
    app_messages,
    app_metrics,
    app_newsletters,
    app_objects,
    app_people,
    app_records,
    app_segments,
    audience,
    catalog,
    pipelines_api,
    track_api,
    track_delivery,
    track_people,
    track_v2,
)
from .canned import canned_handler
from .catalog import Operation
from .families import Family
from .wire import Call, Rejected, Reply

Handler = Callable[[Call], Reply]
Check = Callable[[Call], None]
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Route:
    """One operation: family, HTTP method, spec path template, handler; ``public`` skips auth."""

    family: Family
    method: str
    path_template: str
    handler: Handler
    public: bool = False  # the spec's `security: []` operations
    operation: Operation | None = field(default=None, compare=False)  # the spec facts behind it
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
    # The most literal template names the resource (``/v1/exports/deliveries`` over ``/v1/exports/{id}``):
    # a method it lacks is a 405 even when a looser template has that method.
    fewest = min((route.placeholders for route in on_path), default=0)
    specific = [route for route in on_path if route.placeholders == fewest]
    allowed = [route for route in specific if route.method == method]
    if allowed:
        found = allowed[0].pattern.fullmatch(path)
        assert found is not None  # filtered on fullmatch above
        params = {name: unquote(value, errors="replace") for name, value in found.groupdict().items()}
        return RouteMatch(allowed[0], params)
    if specific:
        methods = ", ".join(sorted({route.method for route in specific}))
        raise Rejected(405, f"method {method} is not allowed here", {"Allow": methods})
    raise Rejected(404, f"no {family.value} API operation at {path or '/'}")


#: Handlers for the operations the emulator models; every other operation answers its sample.
HANDLERS: dict[str, Handler] = {
    # Track API
    "track.identify": track_api.identify_customer,
    "track.track": track_api.track_customer_event,
    "track.trackAnonymous": track_api.track_anonymous_event,
    "track.getRegion": track_api.account_region,
    "track.delete": track_people.delete_customer,
    "track.add_device": track_people.add_device,
    "track.delete_device": track_people.delete_device,
    "track.suppress": track_people.suppress,
    "track.unsuppress": track_people.unsuppress,
    "track.merge": track_people.merge_customers,
    "track.add_to_segment": track_people.add_to_segment,
    "track.remove_from_segment": track_people.remove_from_segment,
    "track.unsubscribe": track_delivery.unsubscribe,
    "track.metrics": track_delivery.report_metric,
    "track.pushMetrics": track_delivery.report_push_metric,
    "track.submitForm": track_delivery.submit_form,
    "track.entity": track_v2.entity,
    "track.batch": track_v2.batch,
    # Pipelines API
    **{f"cdp.{kind}": pipelines_api.handler_for(kind) for kind in pipelines_api.CALL_TYPES},
    "cdp.batch": pipelines_api.batch,
    # App API: workspace records
    "app.listSegments": app_api.list_segments,
    "app.listCampaigns": app_api.list_campaigns,
    "app.getCampaigns": app_api.get_campaign,
    "app.listNewsletters": app_api.list_newsletters,
    "app.getNewsletters": app_api.get_newsletter,
    "app.deletetNewsletters": app_api.delete_newsletter,
    "app.listWorkspaces": app_api.list_workspaces,
    "app.listTransactional": app_api.list_transactional,
    "app.getTransactional": app_api.get_transactional,
    # App API: people
    "app.getPeopleEmail": app_people.find_people_by_email,
    "app.getPeopleFilter": app_people.filter_people,
    "app.getPersonAttributes": app_people.person_attributes,
    "app.getPeopleById": app_people.people_by_id,
    "app.getPersonSegments": app_people.person_segments,
    "app.getPersonMessages": app_people.person_messages,
    "app.getPersonActivities": app_people.person_activities,
    "app.getPersonRelationships": app_objects.person_relationships,
    "app.getObjectTypes": app_objects.object_types,
    "app.getObjectsFilter": app_objects.search_objects,
    "app.getObjectAttributes": app_objects.object_attributes,
    "app.getObjectRelationships": app_objects.object_relationships,
    "app.getPersonSubscriptionPreferences": app_people.person_subscription_preferences,
    "app.listActivities": app_people.list_activities,
    # App API: segments
    "app.createManSegment": app_segments.create_manual_segment,
    "app.getSegment": app_segments.get_segment,
    "app.deleteManSegment": app_segments.delete_manual_segment,
    "app.getSegmentCount": app_segments.segment_customer_count,
    "app.getSegmentMembership": app_segments.segment_membership,
    # App API: snippets and ESP suppressions
    "app.listSnippets": app_current.list_snippets,
    "app.updateSnippets": app_current.save_snippet,
    "app.deleteSnippet": app_current.delete_snippet,
    "app.getSuppressionByType": app_current.list_suppressions,
    "app.getSuppression": app_current.search_suppression,
    "app.postSuppression": app_current.add_suppression,
    "app.deleteSuppression": app_current.remove_suppression,
    # App API: broadcasts
    "app.listBroadcasts": app_broadcasts.list_broadcasts,
    "app.getBroadcast": app_broadcasts.get_broadcast,
    "app.triggerBroadcast": app_broadcasts.trigger_broadcast,
    "app.broadcastStatus": app_broadcasts.trigger_status,
    "app.broadcastErrors": app_broadcasts.trigger_errors,
    "app.listBroadcastTriggers": app_broadcasts.list_triggers,
    # App API: transactional sends and messages
    "app.sendEmail": app_messages.send_email,
    "app.sendPush": app_messages.send_push,
    "app.sendSMS": app_messages.send_sms,
    "app.listMessages": app_messages.list_messages,
    "app.getMessage": app_messages.get_message,
    "app.getArchivedMessage": app_messages.archived_message,
    "app.getCampaignMessages": app_messages.messages_of("campaign_id", "app.getCampaignMessages"),
    "app.broadcastMessages": app_messages.messages_of("broadcast_id", "app.broadcastMessages"),
    "app.getNewsletterMsgMeta": app_messages.messages_of("newsletter_id", "app.getNewsletterMsgMeta"),
    "app.transactionalMessages": app_messages.messages_of(
        "transactional_message_id", "app.transactionalMessages", path_param="transactional_id"
    ),
    # App API: one module per resource family, each with its own HANDLERS
    **app_records.HANDLERS,
    **app_content.HANDLERS,
    **app_metrics.HANDLERS,
    **app_exports.HANDLERS,
}

#: Checks that run before the schema's, so Customer.io's documented messages (identify limits,
#: blank event names) are the ones answered; they change nothing.
PRECHECKS: dict[str, Check] = {
    "track.identify": track_api.precheck_identify,
    "track.track": track_api.precheck_event,
    "track.trackAnonymous": track_api.precheck_event,
    "app.getPeopleFilter": audience.precheck("filter"),
    "app.exportPeopleData": audience.precheck("filters"),
    "app.triggerBroadcast": audience.precheck("recipients"),
    "app.getObjectsFilter": audience.precheck("filter", leaf="object_attribute"),
}


def build_routes(operations: Iterable[Operation]) -> tuple[Route, ...]:
    """One route per operation: its modelled handler, or the canned answer."""
    return tuple(
        Route(
            operation.family,
            operation.method,
            operation.path_template,
            HANDLERS.get(operation.name) or canned_handler(operation),
            public=operation.public,
            operation=operation,
        )
        for operation in operations
    )


ROUTES: tuple[Route, ...] = build_routes(catalog.operations()) + tuple(
    Route(family, method, template, handler)
    for family, method, template, handler in [*app_library.routes(), *app_current.routes(), *app_newsletters.routes()]
)
