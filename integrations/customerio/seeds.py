"""Which function answers each operation the seed documents describe, as data.

The seeds are peer products' Customer.io tools (``../shared/seeds/``). Each row names the
seed, the operation as that seed names it, our function, the Lua alias the row adds to that
function (seed-style names such as Composio's slugs), the seed's parameters we do not take,
and a note. ``catalog.py`` adds the aliases; ``docs.seed_mapping`` renders the table as the
topic ``integrations.customerio.seed_mapping``; ``tests/test_seeds.py`` checks every row
resolves and that the rows cover each seed's operation list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seed:
    """One seed document: a peer product's Customer.io tool set."""

    key: str
    title: str
    file_prefix: str


KOSMOKRATOR = Seed("kosmokrator", "KosmoKrator Lua API (the reference our seed functions follow)", "000_")
COMPOSIO = Seed("composio", "Composio toolkit (24 tools)", "001_")
MODULEX = Seed("modulex", "ModuleX actions (3, Track API v1)", "002_")
APP_CONNECTOR = Seed("app_connector", "App API connector (8 tools)", "003_")
PIPELINES_SKILL = Seed("pipelines_skill", "vm0 customer-io skill (Pipelines and App API)", "004_")
SEEDS = (KOSMOKRATOR, COMPOSIO, MODULEX, APP_CONNECTOR, PIPELINES_SKILL)


@dataclass(frozen=True)
class SeedOperation:
    """One operation of a seed and the function that performs it here."""

    seed: Seed
    operation: str
    function: str
    alias: str | None = None
    #: Seed parameters this function does not take (the API has no such field).
    unsupported: tuple[str, ...] = ()
    notes: str = ""


def _k(operation: str, function: str, notes: str = "") -> SeedOperation:
    return SeedOperation(KOSMOKRATOR, operation, function, notes=notes or "Same name and parameters.")


def _c(slug: str, function: str, *, alias: bool = True, unsupported: tuple[str, ...] = (),
       notes: str = "") -> SeedOperation:
    """A Composio tool; its slug, lower-cased, becomes an alias unless ``alias`` is False."""
    return SeedOperation(COMPOSIO, slug, function, slug.lower() if alias else None, unsupported, notes)


SAME = "Same parameters."
CAMEL = "Same parameters; the API's camelCase spellings (`userId`, `anonymousId`, ...) are accepted too."

SEED_MAP: tuple[SeedOperation, ...] = (
    _k("identify_customer", "identify_customer"),
    _k("track_event", "track_event"),
    _k("list_segments", "list_segments"),
    _k("list_campaigns", "list_campaigns"),
    _k("get_campaign", "get_campaign"),
    _k("list_newsletters", "list_newsletters"),
    _k("get_current_user", "get_current_user"),

    _c("CUSTOMERIO_ADD_PERSON_TO_GROUP", "group_user", notes=SAME),
    _c("CUSTOMERIO_CREATE_ALIAS", "alias_user", notes=CAMEL),
    _c("CUSTOMERIO_CUSTOMER_IO_SUPPRESS_PERSON", "suppress_person",
       notes="Takes `identifier` (id, email or cio_id) and calls `suppress_customer`."),
    _c("CUSTOMERIO_GET_INTEGRATIONS", "list_reporting_webhooks", alias=False,
       notes="Customer.io's API specs have no integrations endpoint; the nearest is the list of reporting "
             "webhooks (where the workspace sends message events). No alias, so the name does not mislead."),
    _c("CUSTOMERIO_GET_MESSAGES", "list_messages", notes=SAME),
    _c("CUSTOMERIO_GET_SEGMENT_DETAILS", "get_segment_details", notes="Takes `segment_id`; calls `get_segment`."),
    _c("CUSTOMERIO_GET_SEGMENT_MEMBERSHIP", "list_segment_members", unsupported=("sort",),
       notes="Same parameters except `sort`, which the API does not offer."),
    _c("CUSTOMERIO_GET_SEGMENTS", "list_segments", notes=SAME),
    _c("CUSTOMERIO_GET_TRIGGER", "get_broadcast_trigger", notes="Same parameters; `trigger_id` is an integer."),
    _c("CUSTOMERIO_GET_TRIGGERS", "list_broadcast_triggers", notes=SAME),
    _c("CUSTOMERIO_GET_WEBHOOKS", "list_reporting_webhooks", notes=SAME),
    _c("CUSTOMERIO_IDENTIFY_PERSON", "identify_user", notes=CAMEL),
    _c("CUSTOMERIO_LIST_COLLECTIONS", "list_collections", notes=SAME),
    _c("CUSTOMERIO_LIST_IP_ADDRESSES", "list_ip_addresses", notes=SAME),
    _c("CUSTOMERIO_LIST_NEWSLETTERS", "list_newsletters", notes=SAME),
    _c("CUSTOMERIO_LIST_SNIPPETS", "list_snippets", notes=SAME),
    _c("CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES", "list_transactional_messages", notes=SAME),
    _c("CUSTOMERIO_REPORT_PUSH_EVENTS", "report_push_metric", notes=SAME),
    _c("CUSTOMERIO_SEND_BATCH", "send_pipelines_batch",
       notes="Same parameters. `send_bulk` packs any number of events and identifies into as few requests "
             "as the limits allow."),
    _c("CUSTOMERIO_TRACK_EVENT", "track_user_event", alias=False,
       notes=CAMEL + " No alias: `customerio_track_event` already names `track_event` (seed 000)."),
    _c("CUSTOMERIO_TRACK_PAGE", "track_page_view", notes=CAMEL),
    _c("CUSTOMERIO_TRACK_SCREEN", "track_screen_view", unsupported=("type", "strict_mode"),
       notes=CAMEL + " `type` is implied by the function; `strict_mode` is not offered (we validate first)."),
    _c("CUSTOMERIO_TRIGGER_BROADCAST", "trigger_broadcast", notes=SAME),
    _c("CUSTOMERIO_UNSUBSCRIBE_DELIVERY", "unsubscribe_delivery",
       notes="Same parameters (`delivery_id`; `id` also works)."),

    SeedOperation(MODULEX, "CreateOrUpdateCustomer", "create_or_update_customer",
                  notes="`customer_id`, `email`, `created_at`, `attributes`; calls `identify_customer`."),
    SeedOperation(MODULEX, "SendEvent", "send_event",
                  notes='`customer_id`, `event_name`, `event_type` ("page" for page views), `data`; calls '
                        "the Track API's event endpoint."),
    SeedOperation(MODULEX, "AddCustomersToSegment", "add_customers_to_segment",
                  notes="Takes `customer_ids` (or `ids`), `segment_id` as a number or digits, and `id_type`."),

    SeedOperation(APP_CONNECTOR, "Search Customers", "search_people", "search_customers",
                  notes="`filter` as the App API takes it."),
    SeedOperation(APP_CONNECTOR, "List Campaigns", "list_campaigns", notes=SAME),
    SeedOperation(APP_CONNECTOR, "Get Campaign Metrics", "get_campaign_metrics",
                  notes="`campaign_id` with `period`/`steps` or `start`/`end`; `version` defaults to \"2\"."),
    SeedOperation(APP_CONNECTOR, "Get Person Attributes", "get_person_attributes",
                  notes="One of `id`, `email` or `cio_id`."),
    SeedOperation(APP_CONNECTOR, "List Transactional Messages", "list_transactional_messages", notes=SAME),
    SeedOperation(APP_CONNECTOR, "Trigger Broadcast", "trigger_broadcast", notes=SAME),
    SeedOperation(APP_CONNECTOR, "List Segments", "list_segments", notes=SAME),
    SeedOperation(APP_CONNECTOR, "Send Transactional Email", "send_email", "send_transactional_email",
                  notes="`transactional_message_id`, `to`, `identifiers`, `message_data`, or inline "
                        "`subject`/`body`/`from_address`."),

    SeedOperation(PIPELINES_SKILL, "Identify a Person", "identify_user", "identify_person", notes=CAMEL),
    SeedOperation(PIPELINES_SKILL, "Track an Event", "track_user_event", notes=CAMEL),
    SeedOperation(PIPELINES_SKILL, "Send Transactional Email", "send_email", notes=SAME),
    SeedOperation(PIPELINES_SKILL, "Delete a Person", "delete_customer", "delete_person",
                  notes="Deletes through the Track API (the skill uses the App API's DELETE); same effect."),
    SeedOperation(PIPELINES_SKILL, "Search People", "search_people", notes=SAME),
    SeedOperation(PIPELINES_SKILL, "List Segments", "list_segments", notes=SAME),
)


def seed_aliases() -> dict[str, tuple[str, ...]]:
    """Function name -> the aliases the table adds to it, in table order."""
    out: dict[str, tuple[str, ...]] = {}
    for row in SEED_MAP:
        if row.alias and row.alias not in out.get(row.function, ()):
            out[row.function] = (*out.get(row.function, ()), row.alias)
    return out
