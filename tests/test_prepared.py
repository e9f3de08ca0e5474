"""One prepared call: validated once, shown to the approver and the dry run, and that same request sent.

Requests go over real sockets to a capturing loopback server (tests/loopback.py), so "sent" means
the bytes the server read.
"""

from __future__ import annotations

import json
from typing import Any

from bridge import Runtime
from bridge.policy import PlannedCall, Policy
from integrations.customerio import Account, CustomerIO
from integrations.customerio.fields import compact_json
from tests.cio_support import NS, fast_retries
from tests.loopback import ToLoopback, loopback

ASK_WRITES = Policy(write="ask")  # type: ignore[arg-type]  # Policy turns the text into a Rule


def _approving(seen: list[PlannedCall]) -> Any:
    def approve(call: PlannedCall) -> bool:
        seen.append(call)
        return True
    return approve


def test_the_approved_body_is_the_body_sent_byte_for_byte() -> None:
    approved: list[PlannedCall] = []
    with loopback() as server:
        account = Account(site_id="s", track_api_key="t", track_url=server.url)
        integration = CustomerIO([account], policy=ASK_WRITES, retry=fast_retries())
        result = Runtime([integration], approve=_approving(approved)).run(
            f'return {NS}.track_event{{id = "c1", name = "purchase", data = {{ amount = 9.5, sku = "é-1" }}}}')
        integration.close()

    assert result.ok, result.error
    (call,), (sent,) = approved, server.seen
    assert (sent.method, sent.path) == ("POST", "/api/v1/customers/c1/events")
    assert compact_json(call.body) == sent.body  # what the approver read is what Customer.io got
    assert call.url == server.url + sent.path
    # track_event's ULID is made once, at validation: the approver saw the id that was sent
    assert json.loads(sent.body)["id"] == call.body["id"] and len(call.body["id"]) == 26


def test_a_dry_run_shows_the_request_a_real_run_sends() -> None:
    with loopback() as server:
        account = Account(site_id="s", track_api_key="t", track_url=server.url)
        integration = CustomerIO([account], retry=fast_retries())
        runtime = Runtime([integration])
        code = f'return {NS}.track_event{{id = "c1", name = "signup", event_id = "01J0000000000000000000000A"}}'
        planned = runtime.run(code, dry_run=True)
        assert planned.ok and server.seen == []  # nothing sent in the dry run
        assert runtime.run(code).ok
        integration.close()

    assert planned.value["body"] == json.loads(server.seen[0].body)  # (a Lua table keeps no key order)
    assert planned.value["url"] == server.url + server.seen[0].path


def test_a_dry_run_with_region_auto_looks_the_region_up_and_shows_the_real_url() -> None:
    region = {("GET", "/api/v1/accounts/region"): (200, {"region": "eu", "url": "https://track-eu.customer.io"})}
    with loopback(region) as server:
        account = Account(site_id="s", track_api_key="t", app_api_key="a", region="auto")
        integration = CustomerIO([account], transport=ToLoopback(server), retry=fast_retries())
        result = Runtime([integration]).run(f'return {NS}.create_asset_folder{{name = "banners"}}', dry_run=True)
        integration.close()

    assert result.ok, result.error
    assert result.value["url"] == "https://api-eu.customer.io/v1/assets/folders"
    assert result.value["body"] == {"name": "banners"}
    assert [(s.method, s.path) for s in server.seen] == [("GET", "/api/v1/accounts/region")]  # the lookup only
    assert [c.outcome for c in result.calls] == ["planned"]


def test_an_approval_with_region_auto_is_asked_and_sends_what_it_showed() -> None:
    region = {("GET", "/api/v1/accounts/region"): (200, {"region": "eu"})}
    approved: list[PlannedCall] = []
    with loopback(region) as server:
        account = Account(site_id="s", track_api_key="t", region="auto")
        integration = CustomerIO([account], transport=ToLoopback(server), policy=ASK_WRITES, retry=fast_retries())
        result = Runtime([integration], approve=_approving(approved)).run(
            f'return {NS}.identify_customer{{id = "c1", email = "c1@example.com"}}')
        integration.close()

    assert result.ok, result.error
    assert [c.approval for c in result.calls] == ["approved"]
    (call,) = approved
    lookup, sent = server.seen
    assert (lookup.path, lookup.headers["Host"]) == ("/api/v1/accounts/region", "track.customer.io")
    assert call.url == "https://track-eu.customer.io/api/v1/customers/c1"
    assert (sent.method, sent.path, sent.headers["Host"]) == ("PUT", "/api/v1/customers/c1", "track-eu.customer.io")
    assert compact_json(call.body) == sent.body
