"""Hand-written declarations: the functions of the seed reference, with its names and shapes.

Each entry is one Operation; its params model sits right above it. Summaries are ours.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator
from ulid import ULID

from bridge.errors import MissingCredentials
from bridge.params import Params
from integrations.customerio.accounts import Family
from integrations.customerio.client import Caller
from integrations.customerio.fields import (
    Attributes,
    AttributeValue,
    EventData,
    EventName,
    Identifier,
    check_attribute_count,
)
from integrations.customerio.operations import Example, Kind, Operation
from integrations.customerio.rules import UnixTime


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
    id: int = Field(ge=1, description="The campaign ID to retrieve")


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
    limit: int | None = Field(None, ge=1, le=100, description="How many newsletters per page (at most 100)")
    start: str | None = Field(None, description="The `next` value of the previous page, to get the page after it")
    sort: Literal["asc", "desc"] | None = Field(None, description='Order by creation: "asc" or "desc"')


LIST_NEWSLETTERS = Operation(
    name="list_newsletters",
    aliases=("customerio_list_newsletters",),
    family=Family.APP, method="GET", path="/v1/newsletters", params=ListNewsletters, kind=Kind.READ,
    query=("limit", "start", "sort"),
    summary="List all newsletters in the Customer.io workspace.",
    returns="`newsletters`: an array of newsletters; `next`: pass it as `start` for the next page "
    "(empty on the last page).",
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
OPERATIONS = (*SEED_OPERATIONS, GET_REGION, LIST_WORKSPACES)
