"""Hand-written declarations: the functions of the seed reference, with its names and shapes.

Each entry is one Operation; its params model sits right above it. Summaries are ours.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AliasChoices, BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from ulid import ULID

from bridge.errors import MissingCredentials
from bridge.params import Params
from integrations.customerio import generated as spec
from integrations.customerio.accounts import Family
from integrations.customerio.bulk import SEND_BULK
from integrations.customerio.client import Caller
from integrations.customerio.fields import (
    Attributes,
    AttributeValue,
    EventData,
    EventName,
    Identifier,
    check_attribute_count,
)
from integrations.customerio.naming import EVENTS as EVENTS_AREA
from integrations.customerio.naming import MESSAGES, PEOPLE, SEGMENTS
from integrations.customerio.operations import Example, Kind, Operation
from integrations.customerio.rules import SpecParams, UnixTime, person_shorthand


class NoParams(Params):
    """Functions that take an empty table."""


# --- people ------------------------------------------------------------------------------

class IdentifyCustomer(Params):
    id: Identifier = Field(description="Unique identifier for the customer (user ID, email, or external ID)")
    email: AttributeValue | None = Field(None, description="Customer email address")
    name: AttributeValue | None = Field(None, description="Customer full name")
    attributes: Attributes | None = Field(None, description="Additional custom attributes (key-value pairs)")

    @field_validator("attributes")
    @classmethod
    def _all_attributes_fit(cls, attributes: dict[str, Any] | None, info: ValidationInfo) -> dict[str, Any] | None:
        named = [k for k in ("email", "name") if info.data.get(k) is not None and k not in (attributes or {})]
        check_attribute_count(len(attributes or {}) + len(named))
        return attributes


def identify_body(p: IdentifyCustomer) -> dict[str, Any]:
    named = {"email": p.email, "name": p.name}
    return {**(p.attributes or {}), **{k: v for k, v in named.items() if v is not None}}


IDENTIFY_CUSTOMER = Operation(
    name="identify_customer",
    aliases=("customerio_identify_customer",),
    family=Family.TRACK, method="PUT", path="/api/v1/customers/{id}", params=IdentifyCustomer, kind=Kind.WRITE,
    summary="Create or update a customer profile in Customer.io.",
    description="Creates the person if the id is new, otherwise updates the attributes given; attributes "
    "not mentioned keep their values. Sent to the Track API, so the account needs site_id and track_api_key.",
    body=identify_body,
    result=lambda data, p: {"success": True, "id": p.id, "message": f"Customer '{p.id}' was created or updated."},
    returns="`success` (true), `id`, and `message`, a sentence saying what happened.",
    examples=(
        Example("Create a new customer", '''local result = app.integrations.customerio.identify_customer({
  id = "user_12345",
  email = "jane.doe@example.com",
  name = "Jane Doe",
  attributes = {
    plan = "premium",
    company = "Acme Corp"
  }
})

print(result.message)'''),
        Example("Update an existing customer", '''local result = app.integrations.customerio.identify_customer({
  id = "user_12345",
  attributes = {
    plan = "enterprise",
    mrr = 299
  }
})'''),
    ),
)


# --- events ------------------------------------------------------------------------------

class TrackEvent(Params):
    id: Identifier = Field(description="Customer identifier (must match the ID used in identify)")
    name: EventName = Field(description='Event name (e.g., "purchase", "signup")')
    data: EventData | None = Field(None, description="Event data — key-value pairs with event details")
    event_id: Identifier = Field(
        default_factory=lambda: str(ULID()),
        description="De-duplication key; a fresh ULID when omitted. Reuse it when retrying so the event counts once",
    )
    timestamp: UnixTime | None = Field(
        None, description="When the event happened: unix seconds or an ISO-8601 date-time (default: now)")


TRACK_EVENT = Operation(
    name="track_event",
    aliases=("customerio_track_event",),
    family=Family.TRACK, method="POST", path="/api/v1/customers/{id}/events", params=TrackEvent, kind=Kind.WRITE,
    idempotent=True,  # the event's ULID: Customer.io counts it once, so a retry never double-counts
    summary="Track a custom event for a customer. Events can trigger campaign workflows and are used for "
    "segmentation.",
    description="Every event carries a unique `event_id` (a ULID unless you give one); Customer.io counts an "
    "event once per id, so a retried call never double-counts.",
    body=lambda p: {k: v for k, v in {"name": p.name, "id": p.event_id, "data": p.data,
                                      "timestamp": p.timestamp}.items() if v is not None},
    result=lambda data, p: {"success": True, "event_id": p.event_id,
                            "message": f"Event '{p.name}' was tracked for customer '{p.id}'."},
    returns="`success` (true), `event_id` (the de-duplication key sent), and `message`.",
    examples=(
        Example("Track a purchase event", '''local result = app.integrations.customerio.track_event({
  id = "user_12345",
  name = "purchase",
  data = {
    product = "Pro Plan",
    amount = 99.00,
    currency = "USD"
  }
})

print(result.message)'''),
        Example("Track a simple event", '''local result = app.integrations.customerio.track_event({
  id = "user_12345",
  name = "logged_in"
})'''),
    ),
)


# --- segments, campaigns, newsletters ------------------------------------------------------

LIST_SEGMENTS = Operation(
    name="list_segments",
    aliases=("customerio_list_segments",),
    family=Family.APP, method="GET", path="/v1/segments", params=NoParams, kind=Kind.READ,
    summary="List all segments in the Customer.io workspace.",
    returns="`segments`: an array of segments with `id`, `name`, `description`, `state`, `type` and `tags`.",
    examples=(Example("List segments", '''local result = app.integrations.customerio.list_segments({})

for _, segment in ipairs(result.segments or {}) do
  print(segment.name .. " (ID: " .. segment.id .. ")")
end'''),),
)

LIST_CAMPAIGNS = Operation(
    name="list_campaigns",
    aliases=("customerio_list_campaigns",),
    family=Family.APP, method="GET", path="/v1/campaigns", params=NoParams, kind=Kind.READ,
    summary="List all campaigns in the Customer.io workspace.",
    returns="`campaigns`: an array of campaigns with `id`, `name`, `active`, `state`, `type` and more.",
    examples=(Example("List campaigns", '''local result = app.integrations.customerio.list_campaigns({})

for _, campaign in ipairs(result.campaigns or {}) do
  print(campaign.name .. " — Status: " .. tostring(campaign.active))
end'''),),
)


class GetCampaign(Params):
    id: int = Field(ge=1, validation_alias=AliasChoices("id", "campaign_id"), description="The campaign ID to retrieve")


GET_CAMPAIGN = Operation(
    name="get_campaign",
    aliases=("customerio_get_campaign",),
    family=Family.APP, method="GET", path="/v1/campaigns/{id}", params=GetCampaign, kind=Kind.READ,
    summary="Get detailed information about a specific campaign.",
    result=lambda data, p: data.get("campaign", data) if isinstance(data, dict) else data,
    returns="The campaign's fields at the top level: `id`, `name`, `active`, `state`, `actions`, `tags`, ...",
    examples=(Example("Get campaign 42", '''local result = app.integrations.customerio.get_campaign({
  id = 42
})

print("Campaign: " .. result.name)
print("Active: " .. tostring(result.active))'''),),
)


class ListNewsletters(Params):
    limit: int | None = Field(None, ge=1, le=100, description="How many newsletters to return per page")
    start: str | None = Field(
        None, description="The page cursor: the `next` value of the previous page, to get the page after it")
    sort: Literal["asc", "desc"] | None = Field(
        None, description='The order by creation time: "asc" (oldest first) or "desc"')


LIST_NEWSLETTERS = Operation(
    name="list_newsletters",
    aliases=("customerio_list_newsletters",),
    family=Family.APP, method="GET", path="/v1/newsletters", params=ListNewsletters, kind=Kind.READ,
    query=("limit", "start", "sort"),
    summary="List all newsletters in the Customer.io workspace.",
    returns="`newsletters`: an array of newsletters, each with `id`, `name`, `type`, `tags`, `created` and "
    "`updated`; `next`: pass it as `start` for the next page (empty on the last page).",
    examples=(Example("List newsletters", '''local result = app.integrations.customerio.list_newsletters({})

for _, newsletter in ipairs(result.newsletters or {}) do
  print(newsletter.name .. " — Status: " .. tostring(newsletter.state))
end'''),),
)


# --- workspace and credentials ---------------------------------------------------------------

GET_REGION = Operation(
    name="get_region",
    family=Family.TRACK, method="GET", path="/api/v1/accounts/region", params=NoParams, kind=Kind.READ,
    summary="Find the region (us or eu) and workspace of the account's Track credentials.",
    returns="`region` (\"us\" or \"eu\"), `url` (the Track host to use) and `environment_id` (the workspace).",
    examples=(Example("Check the region", '''local result = app.integrations.customerio.get_region({})
print("Region: " .. result.region .. ", workspace " .. result.environment_id)'''),),
)

LIST_WORKSPACES = Operation(
    name="list_workspaces",
    family=Family.APP, method="GET", path="/v1/workspaces", params=NoParams, kind=Kind.READ,
    area="workspace and settings",
    summary="List the workspaces the App API key can see, with their message and people counts.",
    returns="`workspaces`: an array with `id`, `name`, `messages_sent`, `people`, ...",
    examples=(Example("List workspaces", '''local result = app.integrations.customerio.list_workspaces({})
for _, ws in ipairs(result.workspaces) do
  print(ws.name .. " (" .. ws.id .. ")")
end'''),),
)


def current_user(caller: Caller, params: NoParams) -> dict[str, Any]:
    """Prove and describe the account's credentials (Customer.io has no "current user" endpoint)."""
    account = caller.account
    has_track = bool(account.site_id and account.track_api_key)
    if not has_track and account.app_api_key is None:
        raise MissingCredentials(
            f"Account '{account.name}' has neither Track credentials (site_id, track_api_key) nor an "
            "app_api_key, so there is nothing to check.", details={"setting": "track_api_key or app_api_key"})
    out: dict[str, Any] = {"account": account.name, "region": str(account.region)}
    if has_track:
        region = caller.call(GET_REGION, NoParams())
        out.update(region=region.get("region") or region.get("data_center") or out["region"],
                   environment_id=region.get("environment_id"), track_url=region.get("url"))
    if account.app_api_key is not None:
        out["workspaces"] = caller.call(LIST_WORKSPACES, NoParams()).get("workspaces", [])
    names = [str(w.get("name")) for w in out.get("workspaces", []) if isinstance(w, dict)]
    label = f"{account.name} account" + (f", workspace {names[0]}" if names else "")
    out["email"] = account.email or label
    return out


GET_CURRENT_USER = Operation(
    name="get_current_user",
    aliases=("customerio_get_current_user",),
    family=Family.TRACK, method="GET", path="/api/v1/accounts/region", params=NoParams, kind=Kind.READ,
    summary="Get the currently authenticated user and account information. Useful for verifying API "
    "credentials.",
    description="Customer.io has no user endpoint, so this proves the credentials instead: it asks the Track "
    "API for the account's region and workspace (`get_region`) and the App API for the workspaces the key sees "
    "(`list_workspaces`), using whichever keys the account has. `email` is the address the host configured for "
    "the account, or a readable label of the account when none is configured.",
    perform=current_user, area="workspace and settings",
    returns="`email`, `account` (the account name), `region`, `environment_id` and `track_url` (with Track "
    "credentials), `workspaces` (with an App API key).",
    examples=(Example("Check the credentials", '''local result = app.integrations.customerio.get_current_user({})

print("Account: " .. result.email)'''),),
)

SEED_OPERATIONS = (IDENTIFY_CUSTOMER, TRACK_EVENT, LIST_SEGMENTS, LIST_CAMPAIGNS, GET_CAMPAIGN,
                   LIST_NEWSLETTERS, GET_CURRENT_USER)


# --- the other seeds' operations, where their parameters differ from the generated ones ---------
# (seeds.py maps every seed operation to a function; these take the seeds' parameter names.)

class CreateOrUpdateCustomer(Params):
    customer_id: Identifier = Field(description="The unique identifier of the customer")
    email: AttributeValue | None = Field(None, description="The customer's email address")
    created_at: UnixTime | None = Field(
        None, description="When the customer was created in your system: unix seconds or an ISO-8601 date-time")
    attributes: Attributes | None = Field(None, description="Custom attributes (name, plan, company, ...)")


def create_or_update_customer(caller: Caller, p: CreateOrUpdateCustomer) -> dict[str, Any]:
    """``identify_customer`` under the ModuleX names; ``created_at`` is an attribute there."""
    extra = {"created_at": p.created_at} if p.created_at is not None else {}
    attributes = {**(p.attributes or {}), **extra} or None
    caller.call(IDENTIFY_CUSTOMER, IdentifyCustomer.model_validate(
        {"id": p.customer_id, "email": p.email, "attributes": attributes}))
    return {"success": True, "customer_id": p.customer_id, "email": p.email,
            "message": f"Customer '{p.customer_id}' was created or updated."}


CREATE_OR_UPDATE_CUSTOMER = Operation(
    name="create_or_update_customer",
    family=Family.TRACK, method="PUT", path="/api/v1/customers/{id}", params=CreateOrUpdateCustomer,
    kind=Kind.WRITE, area=PEOPLE, perform=create_or_update_customer,
    summary="Create or update a customer, with ModuleX's parameter names (calls identify_customer).",
    returns="`success` (true), `customer_id`, `email` and `message`.",
    examples=(Example("Create or update a customer",
        '''local result = app.integrations.customerio.create_or_update_customer({
  customer_id = "user-1001",
  email = "ada@example.com",
  created_at = 1700000000,
  attributes = { plan = "premium" }
})
print(result.message)'''),),
)


class SendEvent(Params):
    customer_id: Identifier = Field(description="The unique identifier of the customer")
    event_name: EventName = Field(description="The name of the event to track")
    event_type: Literal["event", "page", "screen"] | None = Field(
        None, description='"page" for a page view (then `event_name` is the URL), "screen" for a screen view')
    data: EventData | None = Field(None, description="Custom data of the event")
    timestamp: UnixTime | None = Field(
        None, description="When it happened: unix seconds or an ISO-8601 date-time (default: now)")


#: Always sent with a fresh ULID that Customer.io de-duplicates, so a retry cannot double-count.
_TRACK_EVENT_WITH_ID = dataclasses.replace(spec.TRACK_EVENT, idempotent=True)


def send_event(caller: Caller, p: SendEvent) -> dict[str, Any]:
    """The Track API's event call under the ModuleX names, with a de-duplication id like track_event."""
    caller.call(_TRACK_EVENT_WITH_ID, spec.TrackEvent.model_validate(
        {"identifier": p.customer_id, "name": p.event_name, "type": p.event_type, "data": p.data,
         "timestamp": p.timestamp, "id": str(ULID())}))
    return {"success": True, "customer_id": p.customer_id, "event_name": p.event_name,
            "message": f"Event '{p.event_name}' was sent for customer '{p.customer_id}'."}


SEND_EVENT = Operation(
    name="send_event",
    family=Family.TRACK, method="POST", path="/api/v1/customers/{id}/events", params=SendEvent,
    kind=Kind.WRITE, area=EVENTS_AREA, perform=send_event,
    summary="Send an event or a page view for a customer, with ModuleX's parameter names.",
    returns="`success` (true), `customer_id`, `event_name` and `message`.",
    examples=(Example("Record a page view", '''local result = app.integrations.customerio.send_event({
  customer_id = "user-1001",
  event_name = "https://example.com/pricing",
  event_type = "page"
})
print(result.message)'''),),
)


def _digits_to_int(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.isdigit() else value


SegmentId = Annotated[int, BeforeValidator(_digits_to_int)]
PersonIds = Annotated[list[str], Field(min_length=1, max_length=1000)]


class ManualSegmentPeople(SpecParams):
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = (("ids",), ("customer_ids",))

    segment_id: SegmentId = Field(
        ge=1, description="Which manual segment: its number (or its digits as text), as `list_segments` returns it")
    ids: PersonIds | None = Field(
        None, description="The people to add or remove, by what `id_type` says (at most 1000)")
    customer_ids: PersonIds | None = Field(
        None, description="The same list as `ids`, under the seed's name (at most 1000)")
    id_type: Literal["id", "email", "cio_id"] | None = Field(
        None, description='What the ids hold: "id" (default), "email" or "cio_id"')


def _segment_result(verb: str) -> Any:
    def result(data: Any, p: ManualSegmentPeople) -> dict[str, Any]:
        count = len(p.ids or p.customer_ids or [])
        return {"success": True, "segment_id": p.segment_id, "customer_count": count, "id_type": p.id_type or "id",
                "message": f"{count} customer(s) {verb} segment {p.segment_id}."}
    return result


def _segment_body(p: ManualSegmentPeople) -> dict[str, Any]:
    return {"ids": p.ids or p.customer_ids}


ADD_CUSTOMERS_TO_SEGMENT = Operation(
    name="add_customers_to_segment",
    family=Family.TRACK, method="POST", path="/api/v1/segments/{segment_id}/add_customers",
    params=ManualSegmentPeople, kind=Kind.WRITE, area=SEGMENTS, query=("id_type",), body=_segment_body,
    result=_segment_result("added to"),
    summary="Add people to a manual segment (by id, email or cio_id).",
    returns="`success` (true), `segment_id`, `customer_count`, `id_type` and `message`.",
    examples=(Example("Add people to a manual segment",
        '''local result = app.integrations.customerio.add_customers_to_segment({
  segment_id = 4,
  customer_ids = { "user-1001", "user-1002" }
})
print(result.message)'''),),
)

REMOVE_CUSTOMERS_FROM_SEGMENT = Operation(
    name="remove_customers_from_segment",
    family=Family.TRACK, method="POST", path="/api/v1/segments/{segment_id}/remove_customers",
    params=ManualSegmentPeople, kind=Kind.WRITE, area=SEGMENTS, query=("id_type",), body=_segment_body,
    result=_segment_result("removed from"),
    summary="Remove people from a manual segment (by id, email or cio_id).",
    returns="`success` (true), `segment_id`, `customer_count`, `id_type` and `message`.",
    examples=(Example("Remove people from a manual segment",
        '''local result = app.integrations.customerio.remove_customers_from_segment({
  segment_id = 4,
  ids = { "user-1001" }
})
print(result.message)'''),),
)


class SuppressPerson(Params):
    identifier: Identifier = Field(description="The person's id, email address or cio_id (`cio_` and the id)")


def suppress_person(caller: Caller, p: SuppressPerson) -> dict[str, Any]:
    """``suppress_customer`` under Composio's parameter name."""
    caller.call(spec.SUPPRESS_CUSTOMER, spec.SuppressCustomer(id=p.identifier))
    return {"success": True, "identifier": p.identifier,
            "message": f"'{p.identifier}' was deleted and suppressed; it cannot be added again."}


SUPPRESS_PERSON = Operation(
    name="suppress_person",
    family=Family.TRACK, method="POST", path="/api/v1/customers/{id}/suppress", params=SuppressPerson,
    kind=Kind.DESTRUCTIVE, area=PEOPLE, perform=suppress_person,
    summary="Delete a person and block their identifier from coming back (by id, email or cio_id).",
    description="Irreversible until `unsuppress_customer`. Calls `suppress_customer`.",
    returns="`success` (true), `identifier` and `message`.",
    examples=(Example("Suppress a person", '''local result = app.integrations.customerio.suppress_person({
  identifier = "user-1002"
})
print(result.message)'''),),
)


class GetSegmentDetails(Params):
    segment_id: int = Field(ge=1, validation_alias=AliasChoices("segment_id", "id"),
                            description="Which segment: its number, as `list_segments` returns it")


GET_SEGMENT_DETAILS = Operation(
    name="get_segment_details",
    family=Family.APP, method="GET", path="/v1/segments/{id}", params=GetSegmentDetails,
    kind=Kind.READ, area=SEGMENTS,
    perform=lambda caller, p: caller.call(spec.GET_SEGMENT, spec.GetSegment(id=p.segment_id)),
    summary="Get one segment by `segment_id` (calls get_segment).",
    returns="`segment`: `id`, `name`, `description`, `state`, `type`, `tags`, ...",
    examples=(Example("Get segment details",
        '''local result = app.integrations.customerio.get_segment_details({ segment_id = 1 })
print(result.segment.name)'''),),
)


class UnsubscribeDelivery(Params):
    delivery_id: Identifier = Field(
        validation_alias=AliasChoices("delivery_id", "id"),
        description="The delivery (message) whose recipient unsubscribes, as its unsubscribe link names it")
    unsubscribe: bool | None = Field(
        None, description="false takes a previous unsubscribe back; true (the default) unsubscribes")


UNSUBSCRIBE_DELIVERY = Operation(
    name="unsubscribe_delivery",
    family=Family.TRACK, method="POST", path="/unsubscribe/{delivery_id}", params=UnsubscribeDelivery,
    kind=Kind.DESTRUCTIVE, area=MESSAGES,
    summary="Unsubscribe the person a delivery was sent to, as its unsubscribe link does.",
    returns="An empty table when Customer.io accepted the call.",
    examples=(Example("Unsubscribe from a delivery",
        '''local result = app.integrations.customerio.unsubscribe_delivery({
  delivery_id = "RPILAgABcRhIBqSp7kiPekGBIeVh"
})'''),),
)


class GetCampaignMetrics(spec.GetCampaignMetrics):
    version: Literal["1", "2"] = Field("2", description='The metrics format: "2" (the default) or the older "1"')


GET_CAMPAIGN_METRICS = Operation(
    name="get_campaign_metrics",
    family=Family.APP, method="GET", path="/v1/campaigns/{campaign_id}/metrics", params=GetCampaignMetrics,
    kind=Kind.READ, query=spec.GET_CAMPAIGN_METRICS.query,
    summary="Get a campaign's delivery and conversion metrics over a time period.",
    returns="`metric`: a table with `series`, in which each metric name (sent, delivered, opened, clicked, "
    "converted, bounced, ...) maps to an array of counts, one per interval, oldest first "
    "(`result.metric.series.opened[1]`).",
    examples=(Example("Campaign metrics for the last 7 days",
        '''local result = app.integrations.customerio.get_campaign_metrics({
  campaign_id = 42, period = "days", steps = 7
})
return result.metric'''),),
)


class GetPersonAttributes(Params):
    id: str | None = Field(
        None, description="The person, by your id for them (or, with `id_type`, their email or cio_id)")
    email: str | None = Field(None, description="The person's email address (instead of `id`)")
    cio_id: str | None = Field(None, description="The person's Customer.io id (instead of `id`)")
    id_type: Literal["id", "email", "cio_id"] | None = Field(None, description="What `id` holds (default: id)")

    @model_validator(mode="before")
    @classmethod
    def _one_identifier(cls, data: Any) -> Any:
        """`email = x` means `id = x, id_type = "email"` on the wire (likewise `cio_id`)."""
        if isinstance(data, dict) and not any(data.get(k) is not None for k in ("id", "email", "cio_id")):
            raise ValueError("give exactly one of `id`, `email` or `cio_id`")
        return person_shorthand(data)


GET_PERSON_ATTRIBUTES = Operation(
    name="get_person_attributes",
    family=Family.APP, method="GET", path="/v1/customers/{id}/attributes", params=GetPersonAttributes,
    kind=Kind.READ, area=PEOPLE, query=("id_type",),
    summary="Get a person's attributes and devices by id, email or cio_id.",
    returns="`customer`: `id`, `identifiers`, `attributes`, `timestamps`, `devices`, ...",
    examples=(Example("Look a person up by email", '''local result = app.integrations.customerio.get_person_attributes({
  email = "ada@example.com"
})
print(result.customer.attributes.email)'''),),
)

OTHER_SEED_OPERATIONS = (CREATE_OR_UPDATE_CUSTOMER, SEND_EVENT, ADD_CUSTOMERS_TO_SEGMENT, REMOVE_CUSTOMERS_FROM_SEGMENT,
                         SUPPRESS_PERSON, GET_SEGMENT_DETAILS, UNSUBSCRIBE_DELIVERY, GET_CAMPAIGN_METRICS,
                         GET_PERSON_ATTRIBUTES)
OPERATIONS = (*SEED_OPERATIONS, GET_REGION, LIST_WORKSPACES, *OTHER_SEED_OPERATIONS, SEND_BULK)
