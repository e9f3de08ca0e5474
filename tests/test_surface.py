"""The generated surface: limits refused before any request, regions, time, pagination, the generator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from bridge import Runtime
from integrations.customerio import Account, CustomerIO, specgen
from integrations.customerio.catalog import merge
from integrations.customerio.curated import GET_CAMPAIGN, GetCampaign
from integrations.customerio.operations import Kind, Operation
from tests.cio_support import NS, failed_with, recording_transport, succeeded
from tests.conftest import SPECS, need

KEYS = {"site_id": "site-1", "track_api_key": "track-key", "app_api_key": "app-key", "pipelines_api_key": "cdp-key"}


@contextmanager
def recorded(region: str = "us", reply: httpx.Response | None = None) -> Iterator[tuple[Runtime, list[httpx.Request]]]:
    """A runtime over one account whose requests are recorded and answered ``reply`` (default 200 {})."""
    answer = reply or httpx.Response(200, json={})
    transport, seen = recording_transport(lambda r: answer)
    integration = CustomerIO([Account(region=region, **KEYS)], transport=transport)
    # The host approves everything: these tests are about requests, not policy (tests/test_policy.py).
    yield Runtime([integration], approve=lambda request: True), seen
    integration.close()


def refused(code: str) -> None:
    """``code`` fails with validation_error and sends nothing."""
    with recorded() as (runtime, seen):
        failed_with(runtime.run(code), "validation_error")
        assert seen == []


# --- limits ------------------------------------------------------------------------------------

def test_at_most_1000_ids_per_manual_segment_call() -> None:
    refused(f'local ids = {{}} for i = 1, 1001 do ids[i] = "u" .. i end\n'
            f"{NS}.add_customers_to_segment({{ segment_id = 1, ids = ids }})")


def test_at_most_15_transactional_recipients_across_to_and_bcc() -> None:
    to = ",".join(f"p{i}@example.com" for i in range(10))
    bcc = ",".join(f"b{i}@example.com" for i in range(6))
    refused(f'{NS}.send_email({{ transactional_message_id = 1, identifiers = {{ id = "user-1001" }}, '
            f'to = "{to}", bcc = "{bcc}" }})')


def test_a_pipelines_call_over_32_kb_is_refused() -> None:
    refused(f'{NS}.identify_user({{ user_id = "user-1001", traits = {{ bio = string.rep("x", 33 * 1024) }} }})')


def test_a_pipelines_batch_over_500_kb_is_refused() -> None:
    refused(f'local batch = {{}} for i = 1, 20 do batch[i] = {{ type = "track", userId = "u", event = "e", '
            f'properties = {{ pad = string.rep("x", 30 * 1024) }} }} end\n'
            f"{NS}.send_pipelines_batch({{ batch = batch }})")


def test_a_pipelines_batch_item_over_32_kb_is_refused() -> None:
    refused(f'{NS}.send_pipelines_batch({{ batch = {{ {{ type = "track", userId = "u", event = "e", '
            f'properties = {{ pad = string.rep("x", 33 * 1024) }} }} }} }})')


def test_a_track_v2_entity_over_32_kb_is_refused() -> None:
    refused(f'{NS}.send_entity_operation({{ type = "person", action = "identify", identifiers = {{ id = "u" }}, '
            f'attributes = {{ pad = string.rep("x", 33 * 1024) }} }})')


def test_identifiers_take_exactly_one_of_id_email_cio_id() -> None:
    refused(f'{NS}.send_email({{ transactional_message_id = 1, to = "a@example.com", '
            f'identifiers = {{ id = "user-1001", email = "a@example.com" }} }})')
    refused(f'{NS}.send_email({{ transactional_message_id = 1, to = "a@example.com", identifiers = {{}} }})')


def test_a_broadcast_takes_one_audience_at_most() -> None:
    refused(f'{NS}.trigger_broadcast({{ broadcast_id = 42, ids = {{ "a" }}, emails = {{ "a@example.com" }} }})')
    with recorded() as (runtime, seen):
        succeeded(runtime.run(f"{NS}.trigger_broadcast({{ broadcast_id = 42 }})"))
        assert len(seen) == 1


def test_email_without_template_needs_body_subject_and_from() -> None:
    refused(f'{NS}.send_email({{ identifiers = {{ id = "u" }}, to = "a@example.com", body = "<p>Hi</p>" }})')


def test_enums_are_strict() -> None:
    refused(f'{NS}.get_person_attributes({{ id = "user-1001", id_type = "phone" }})')


def test_track_event_names_keep_their_byte_limit() -> None:
    refused(f'{NS}.track_anonymous_event({{ anonymous_id = "a", name = string.rep("é", 51) }})')


# --- regions -----------------------------------------------------------------------------------

def test_an_eu_account_reaches_the_eu_host_of_each_family() -> None:
    with recorded("eu") as (runtime, seen):
        succeeded(runtime.run(f'{NS}.delete_customer({{ id = "user-1001" }})\n{NS}.list_segments({{}})\n'
                              f'{NS}.identify_user({{ user_id = "user-1001" }})'))
    assert [r.url.host for r in seen] == ["track-eu.customer.io", "api-eu.customer.io", "cdp-eu.customer.io"]


def test_auto_asks_the_region_once_and_uses_it() -> None:
    reply = httpx.Response(200, json={"region": "eu", "url": "https://track-eu.customer.io", "environment_id": 1})
    with recorded("auto", reply) as (runtime, seen):
        succeeded(runtime.run(f"{NS}.list_segments({{}})\n{NS}.list_segments({{}})"))
        succeeded(runtime.run(f"{NS}.list_campaigns({{}})"))
    assert [(r.url.host, r.url.path) for r in seen] == [
        ("track.customer.io", "/api/v1/accounts/region"), ("api-eu.customer.io", "/v1/segments"),
        ("api-eu.customer.io", "/v1/segments"), ("api-eu.customer.io", "/v1/campaigns")]


# --- time and pagination -------------------------------------------------------------------------

def test_track_times_are_sent_as_unix_seconds_from_either_form() -> None:
    with recorded() as (runtime, seen):
        succeeded(runtime.run(f'{NS}.track_anonymous_event({{ anonymous_id = "a", name = "n", '
                              f'timestamp = "2024-06-01T12:00:00Z" }})'))
        succeeded(runtime.run(f'{NS}.track_event({{ id = "u", name = "n", timestamp = "2024-06-01T12:00:00Z" }})'))
    assert [json.loads(r.content)["timestamp"] for r in seen] == [1717243200, 1717243200]


def test_pipelines_times_are_sent_as_iso_8601_from_either_form() -> None:
    with recorded() as (runtime, seen):
        succeeded(runtime.run(f'{NS}.identify_user({{ user_id = "u", timestamp = 1717243200 }})'))
    assert json.loads(seen[0].content)["timestamp"] == "2024-06-01T12:00:00.000Z"


def test_paginated_operations_take_limit_and_start_and_return_next() -> None:
    with recorded() as (runtime, seen):
        code = f'return {NS}.list_segment_members({{ segment_id = 1, limit = 2, start = "c2" }})'
        page = succeeded(runtime.run(code))
    assert dict(seen[0].url.params) == {"limit": "2", "start": "c2"}
    assert page == {"next": ""}


# --- the catalog and the generator ----------------------------------------------------------------

def test_a_curated_operation_wins_and_takes_the_generated_name_as_alias() -> None:
    generated = Operation(name="fetch_campaign", family=GET_CAMPAIGN.family, method="GET", path="/v1/campaigns/{cid}",
                          params=GetCampaign, kind=Kind.READ, summary="x", area="campaigns and broadcasts")
    (merged,) = merge([GET_CAMPAIGN], [generated])
    assert merged.name == "get_campaign" and "fetch_campaign" in merged.aliases
    assert merged.area == "campaigns and broadcasts"


def test_generated_module_is_current() -> None:
    need(SPECS, "Customer.io OpenAPI specs")
    assert specgen.main(["--check"]) == 0, "run `python -m integrations.customerio.specgen` and commit the result"


def test_every_operation_has_an_area_a_kind_and_an_example() -> None:
    from integrations.customerio.catalog import OPERATIONS
    from integrations.customerio.naming import AREAS

    for op in OPERATIONS:
        assert op.area in AREAS and op.examples, op.name
    kinds = {op.name: op.kind for op in OPERATIONS}
    assert kinds["list_segments"] is Kind.READ and kinds["search_people"] is Kind.READ
    assert {kinds[n] for n in ("trigger_broadcast", "send_email", "delete_segment", "merge_customers")} == {
        Kind.DESTRUCTIVE}


@pytest.mark.parametrize("region", ["us", "eu", "auto"])
def test_regions_are_accepted(region: str) -> None:
    assert Account(region=region, **KEYS).region == region
