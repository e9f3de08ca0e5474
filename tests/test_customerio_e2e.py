"""End to end over loopback HTTP: Lua call -> request on the wire -> emulator state -> Lua result.

Each test serves a fresh sample workspace with ``serve()`` and points an account's base URLs at it,
so the real httpx client, auth headers, path encoding and JSON travel over a socket.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from ulid import ULID

from bridge import Runtime
from integrations.customerio import Account
from tests.cio_support import (
    NS,
    ULID_TEXT,
    Served,
    basic,
    closed_port_url,
    failed_with,
    lua_str,
    recording_transport,
    runtime_for,
    served,
    succeeded,
)

OWNER_EMAIL = "owner@acme.example"


@pytest.fixture
def site() -> Iterator[Served]:
    with served("default") as s:
        yield s


@pytest.fixture
def rt(site: Served) -> Iterator[Runtime]:
    with runtime_for(site.account(email=OWNER_EMAIL)) as runtime:
        yield runtime


def track_auth(site: Served) -> str:
    return basic(site.credentials.site_id, site.credentials.track_api_key)


def app_auth(site: Served) -> str:
    return f"Bearer {site.credentials.app_api_key}"


# --------------------------------------------------------------------------- identify_customer


def test_identify_customer_puts_flat_attributes_and_stores_the_person(rt: Runtime, site: Served) -> None:
    value = succeeded(rt.run(f"""
        local result = {NS}.identify_customer({{
          id = "user_12345", email = "jane.doe@example.com", name = "Jane Doe",
          attributes = {{ plan = "premium", company = "Acme Corp" }},
        }})
        return {{ message = result.message, success = result.success }}
    """))

    [request] = site.requests
    assert (request.method, request.path) == ("PUT", "/track/api/v1/customers/user_12345")
    assert request.headers["authorization"] == track_auth(site)
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"email": "jane.doe@example.com", "name": "Jane Doe",
                              "plan": "premium", "company": "Acme Corp"}
    person = site.emulator.workspace.find_person("user_12345")
    assert person is not None and person.email == "jane.doe@example.com"
    assert {k: person.attributes[k] for k in ("plan", "company", "name")} == {
        "plan": "premium", "company": "Acme Corp", "name": "Jane Doe"}
    assert isinstance(value["message"], str) and value["message"]
    assert value["success"] is True


def test_identify_customer_updates_only_the_attributes_given(rt: Runtime, site: Served) -> None:
    succeeded(rt.run(f'{NS}.identify_customer{{id = "user_12345", attributes = {{plan = "premium", '
                     f'company = "Acme Corp"}}}}'))
    succeeded(rt.run(f'{NS}.identify_customer{{id = "user_12345", '
                     f'attributes = {{plan = "enterprise", mrr = 299}}}}'))

    assert site.requests[-1].json() == {"plan": "enterprise", "mrr": 299}
    person = site.emulator.workspace.find_person("user_12345")
    assert person is not None
    assert (person.attributes["plan"], person.attributes["company"], person.attributes["mrr"]) == (
        "enterprise", "Acme Corp", 299)


AWKWARD_IDS = [
    pytest.param("team/alpha", "team%2Falpha", id="slash"),
    pytest.param("a+b", "a%2Bb", id="plus"),
    pytest.param("jane+news@example.com", "jane%2Bnews%40example.com", id="email-with-plus"),
    pytest.param("first last", "first%20last", id="space"),
    pytest.param("ünïcødé 名前", "%C3%BCn%C3%AFc%C3%B8d%C3%A9%20%E5%90%8D%E5%89%8D", id="unicode"),
    pytest.param("50%off?x#y", "50%25off%3Fx%23y", id="percent-query-fragment"),
]


@pytest.mark.parametrize(("customer_id", "encoded"), AWKWARD_IDS)
def test_awkward_ids_are_percent_encoded_and_reach_the_same_person(
    rt: Runtime, site: Served, customer_id: str, encoded: str
) -> None:
    succeeded(rt.run(f"""
        {NS}.identify_customer{{id = {lua_str(customer_id)}, attributes = {{plan = "pro"}}}}
        {NS}.track_event{{id = {lua_str(customer_id)}, name = "logged_in"}}
    """))

    assert [r.path for r in site.requests] == [f"/track/api/v1/customers/{encoded}",
                                               f"/track/api/v1/customers/{encoded}/events"]
    person = site.emulator.workspace.find_person(customer_id)
    assert person is not None
    assert person.attributes["plan"] == "pro"
    assert [e.name for e in person.events] == ["logged_in"]


@pytest.mark.parametrize("call", [
    pytest.param('identify_customer{id = ""}', id="identify-empty"),
    pytest.param('identify_customer{id = "   "}', id="identify-blank"),
    pytest.param('identify_customer{id = ".."}', id="identify-dot-segment"),
    pytest.param('track_event{id = "", name = "signup"}', id="track-empty"),
    pytest.param('track_event{id = ".", name = "signup"}', id="track-dot-segment"),
])
def test_empty_or_dot_ids_are_refused_before_any_request(rt: Runtime, site: Served, call: str) -> None:
    details = failed_with(rt.run(f"return {NS}.{call}"), "validation_error")
    assert details["field"] == "id"
    assert site.requests == []


# --------------------------------------------------------------------------------- track_event


def test_track_event_posts_name_data_and_a_ulid_and_stores_the_event(rt: Runtime, site: Served) -> None:
    value = succeeded(rt.run(f"""
        local result = {NS}.track_event({{
          id = "user-1001", name = "purchase",
          data = {{ product = "Pro Plan", amount = 99.00, currency = "USD" }},
        }})
        return {{ message = result.message, event_id = result.event_id }}
    """))

    [request] = site.requests
    assert (request.method, request.path) == ("POST", "/track/api/v1/customers/user-1001/events")
    assert request.headers["authorization"] == track_auth(site)
    body = request.json()
    assert set(body) == {"name", "data", "id"}
    assert body["name"] == "purchase"
    assert body["data"] == {"product": "Pro Plan", "amount": 99.0, "currency": "USD"}
    assert ULID_TEXT.match(body["id"]), body["id"]
    assert value["event_id"] == body["id"]
    assert isinstance(value["message"], str) and value["message"]
    person = site.emulator.workspace.find_person("user-1001")
    assert person is not None
    stored = person.events[-1]
    assert (stored.name, stored.data, stored.id) == ("purchase", body["data"], body["id"])


def test_each_track_event_call_gets_its_own_event_id(rt: Runtime, site: Served) -> None:
    succeeded(rt.run(f'{NS}.track_event{{id = "u1", name = "a"}} {NS}.track_event{{id = "u1", name = "a"}}'))

    first, second = (r.json()["id"] for r in site.requests)
    assert ULID_TEXT.match(first) and ULID_TEXT.match(second)
    assert first != second
    person = site.emulator.workspace.find_person("u1")
    assert person is not None and len(person.events) == 2


def test_a_given_event_id_is_sent_as_is_and_the_event_is_stored_once(rt: Runtime, site: Served) -> None:
    event_id = str(ULID())
    value = succeeded(rt.run(f"""
        local a = {NS}.track_event{{id = "u1", name = "purchase", event_id = "{event_id}"}}
        local b = {NS}.track_event{{id = "u1", name = "purchase", event_id = "{event_id}"}}
        return {{a.event_id, b.event_id}}
    """))

    assert [r.json()["id"] for r in site.requests] == [event_id, event_id]
    assert value == [event_id, event_id]
    person = site.emulator.workspace.find_person("u1")
    assert person is not None
    assert [e.id for e in person.events] == [event_id]


# ------------------------------------------------------------------- list and get (App API)


def test_list_segments_reads_the_live_workspace(rt: Runtime, site: Served) -> None:
    site.emulator.workspace.segments[99] = {"id": 99, "name": "Added By Test", "type": "manual"}
    value = succeeded(rt.run(f"""
        local result = {NS}.list_segments({{}})
        local names = {{}}
        for _, segment in ipairs(result.segments or {{}}) do names[#names + 1] = segment.name end
        return names
    """))

    [request] = site.requests
    assert (request.method, request.path, request.query, request.body) == ("GET", "/app/v1/segments", "", b"")
    assert request.headers["authorization"] == app_auth(site)
    assert value == [s["name"] for s in site.emulator.workspace.segments.values()]
    assert "Added By Test" in value


def test_list_campaigns_returns_campaigns_with_active_flags(rt: Runtime, site: Served) -> None:
    value = succeeded(rt.run(f"""
        local out = {{}}
        for _, c in ipairs({NS}.list_campaigns({{}}).campaigns) do out[c.name] = c.active end
        return out
    """))

    [request] = site.requests
    assert (request.method, request.path) == ("GET", "/app/v1/campaigns")
    assert request.headers["authorization"] == app_auth(site)
    assert value == {c["name"]: c["active"] for c in site.emulator.workspace.campaigns.values()}


@pytest.mark.parametrize(("campaign_id", "active"), [(42, True), (44, False)], ids=["active", "stopped"])
def test_get_campaign_puts_the_campaign_fields_at_the_top_level(
    rt: Runtime, site: Served, campaign_id: int, active: bool
) -> None:
    value = succeeded(rt.run(f"""
        local result = {NS}.get_campaign({{ id = {campaign_id} }})
        return {{ name = result.name, active = tostring(result.active), id = result.id,
                  nested = result.campaign }}
    """))

    [request] = site.requests
    assert (request.method, request.path) == ("GET", f"/app/v1/campaigns/{campaign_id}")
    assert request.headers["authorization"] == app_auth(site)
    campaign = site.emulator.workspace.campaigns[campaign_id]
    assert value == {"name": campaign["name"], "active": str(active).lower(), "id": campaign_id}


def test_list_newsletters_pages_with_limit_start_and_next(rt: Runtime, site: Served) -> None:
    value = succeeded(rt.run(f"""
        local names, pages, start = {{}}, 0, nil
        repeat
          local page = {NS}.list_newsletters{{limit = 2, start = start, sort = "desc"}}
          pages = pages + 1
          for _, n in ipairs(page.newsletters) do names[#names + 1] = n.name .. " " .. tostring(n.state) end
          start = page.next
        until start == nil or start == ""
        return {{names = names, pages = pages}}
    """))

    assert [(r.method, r.path) for r in site.requests] == [("GET", "/app/v1/newsletters")] * 2
    first, second = (httpx.QueryParams(r.query) for r in site.requests)
    assert (first["limit"], first["sort"], first.get("start")) == ("2", "desc", None)
    assert second["start"]
    newsletters = site.emulator.workspace.newsletters.values()
    newest_first = sorted(newsletters, key=lambda n: n["created"], reverse=True)
    assert value == {"names": [f"{n['name']} {n['state']}" for n in newest_first], "pages": 2}


def test_list_newsletters_without_arguments_returns_newsletters_and_next(rt: Runtime, site: Served) -> None:
    value = succeeded(rt.run(f"local r = {NS}.list_newsletters({{}}) return {{#r.newsletters, r.next}}"))

    assert site.requests[0].query == ""
    assert value == [len(site.emulator.workspace.newsletters), ""]


# --------------------------------------------------------------- credentials and workspace


def test_get_current_user_checks_both_apis_and_returns_the_configured_email(rt: Runtime,
                                                                           site: Served) -> None:
    value = succeeded(rt.run(f"""
        local result = {NS}.get_current_user({{}})
        return {{ email = result.email, account = result.account, environment_id = result.environment_id,
                  workspace = result.workspaces[1].name }}
    """))

    assert [(r.method, r.path, r.headers["authorization"]) for r in site.requests] == [
        ("GET", "/track/api/v1/accounts/region", track_auth(site)),
        ("GET", "/app/v1/workspaces", app_auth(site)),
    ]
    workspace = site.emulator.workspace
    assert value == {"email": OWNER_EMAIL, "account": "default", "environment_id": workspace.environment_id,
                     "workspace": workspace.name}


def test_get_current_user_with_track_keys_only_asks_the_track_api_only(site: Served) -> None:
    with runtime_for(site.account(app_api_key=None)) as rt:
        value = succeeded(rt.run(f"local r = {NS}.get_current_user({{}}) "
                                 "return {type(r.email), r.workspaces}"))

    assert [r.path for r in site.requests] == ["/track/api/v1/accounts/region"]
    assert value == ["string"]


@pytest.mark.parametrize("region", ["us", "eu"])
def test_get_region_reports_the_region_of_the_track_credentials(region: str) -> None:
    with served("default", region=region) as site, runtime_for(site.account()) as rt:
        value = succeeded(rt.run(f"local r = {NS}.get_region({{}}) return {{r.region, r.environment_id}}"))

        [request] = site.requests
        assert (request.method, request.path) == ("GET", "/track/api/v1/accounts/region")
        assert request.headers["authorization"] == track_auth(site)
        assert value == [region, site.emulator.workspace.environment_id]


def test_list_workspaces_returns_live_counts(rt: Runtime, site: Served) -> None:
    succeeded(rt.run(f'{NS}.identify_customer{{id = "new-person"}}'))
    value = succeeded(rt.run(f"local w = {NS}.list_workspaces({{}}).workspaces[1] "
                             "return {w.name, w.people}"))

    request = site.requests[-1]
    assert (request.method, request.path) == ("GET", "/app/v1/workspaces")
    assert request.headers["authorization"] == app_auth(site)
    assert value == [site.emulator.workspace.name, len(site.emulator.workspace.people)]


# ----------------------------------------------------------------------------- multi-account

ACCOUNTS = ("default", "production", "staging")


@pytest.fixture
def fleet() -> Iterator[dict[str, Served]]:
    with served("default") as d, served("production") as p, served("staging") as s:
        yield {"default": d, "production": p, "staging": s}


@pytest.fixture
def fleet_rt(fleet: dict[str, Served]) -> Iterator[Runtime]:
    with runtime_for(*(fleet[name].account(name) for name in ACCOUNTS)) as runtime:
        yield runtime


@pytest.mark.parametrize(("namespace", "account"), [
    (NS, "default"), (f"{NS}.default", "default"),
    (f"{NS}.production", "production"), (f"{NS}.staging", "staging"),
], ids=["bare", "default", "production", "staging"])
def test_each_account_namespace_reaches_its_own_workspace_with_its_own_key(
    fleet: dict[str, Served], fleet_rt: Runtime, namespace: str, account: str
) -> None:
    result = fleet_rt.run(f"return #{namespace}.list_segments{{}}.segments")

    succeeded(result)
    for name, site in fleet.items():
        expected = [("/app/v1/segments", f"Bearer {site.credentials.app_api_key}")] if name == account else []
        assert [(r.path, r.headers["authorization"]) for r in site.requests] == expected, name
        assert all(r.status == 200 for r in site.requests)
    assert [c.account for c in result.calls] == [account]


def test_call_records_name_the_account_of_each_call(fleet: dict[str, Served], fleet_rt: Runtime) -> None:
    result = fleet_rt.run(f"""
        {NS}.staging.identify_customer{{id = "s1"}}
        {NS}.production.track_event{{id = "p1", name = "deploy"}}
        {NS}.get_campaign{{id = 42}}
    """)

    succeeded(result)
    assert [(c.operation, c.account, c.outcome, c.status) for c in result.calls] == [
        ("identify_customer", "staging", "ok", 200),
        ("track_event", "production", "ok", 200),
        ("get_campaign", "default", "ok", 200),
    ]
    assert fleet["staging"].emulator.workspace.find_person("s1") is not None
    assert fleet["production"].emulator.workspace.find_person("p1") is not None
    assert fleet["default"].emulator.workspace.find_person("s1") is None


def test_default_can_mean_a_named_account(fleet: dict[str, Served]) -> None:
    accounts = [fleet[name].account(name) for name in ("production", "staging")]
    with runtime_for(*accounts, default="production") as rt:
        result = rt.run(f"{NS}.list_segments{{}} {NS}.default.list_segments{{}}")

    succeeded(result)
    assert [c.account for c in result.calls] == ["production", "production"]
    assert len(fleet["production"].requests) == 2 and fleet["staging"].requests == []


@pytest.mark.parametrize(("missing", "call"), [
    ({"app_api_key": None}, "list_segments{}"),
    ({"app_api_key": None}, "get_campaign{id = 42}"),
    ({"track_api_key": None}, 'identify_customer{id = "u"}'),
    ({"site_id": None}, 'track_event{id = "u", name = "e"}'),
    ({"track_api_key": None, "app_api_key": None}, "get_current_user{}"),
], ids=["segments-no-app-key", "campaign-no-app-key", "identify-no-track-key", "track-no-site-id",
        "current-user-no-keys"])
def test_a_call_needing_a_missing_key_fails_without_a_request(site: Served, missing: dict[str, None],
                                                              call: str) -> None:
    with runtime_for(site.account(**missing)) as rt:
        result = rt.run(f"return {NS}.{call}")

    failed_with(result, "missing_credentials")
    assert result.error is not None and result.error.account == "default"
    assert site.requests == []


# ------------------------------------------------------------------------------------ region


@pytest.mark.parametrize(("region", "call", "host"), [
    ("eu", 'identify_customer{id = "u"}', "track-eu.customer.io"),
    ("eu", 'track_event{id = "u", name = "e"}', "track-eu.customer.io"),
    ("eu", "list_segments{}", "api-eu.customer.io"),
    ("eu", "get_campaign{id = 1}", "api-eu.customer.io"),
    ("us", 'identify_customer{id = "u"}', "track.customer.io"),
    ("us", "list_segments{}", "api.customer.io"),
], ids=["eu-identify", "eu-track", "eu-segments", "eu-campaign", "us-identify", "us-segments"])
def test_region_picks_the_hosts(region: str, call: str, host: str) -> None:
    transport, seen = recording_transport()
    account = {"site_id": "s", "track_api_key": "t", "app_api_key": "a", "region": region}
    with runtime_for(Account(**account), transport=transport) as rt:
        succeeded(rt.run(f"return {NS}.{call}"))

    assert [(r.url.scheme, r.url.host) for r in seen] == [("https", host)]


def test_a_url_override_wins_over_the_region() -> None:
    transport, seen = recording_transport()
    account = Account(site_id="s", track_api_key="t", app_api_key="a", region="eu",
                       app_url="http://proxy.internal:8080/cio/")
    with runtime_for(account, transport=transport) as rt:
        succeeded(rt.run(f'{NS}.list_segments{{}} {NS}.identify_customer{{id = "u"}}'))

    assert [str(r.url) for r in seen] == ["http://proxy.internal:8080/cio/v1/segments",
                                          "https://track-eu.customer.io/api/v1/customers/u"]


# -------------------------------------------------------------------------------- HTTP errors


def test_a_wrong_key_is_unauthorized_and_nothing_is_stored(site: Served) -> None:
    with runtime_for(site.account(track_api_key="wrong-track-key", app_api_key="wrong-app-key")) as rt:
        write = rt.run(f'return {NS}.identify_customer{{id = "intruder"}}')
        read = rt.run(f"return {NS}.list_segments{{}}")

    for result in (write, read):
        failed_with(result, "unauthorized")
        assert result.error is not None
        assert (result.error.status, result.error.retryable) == (401, False)
        assert result.calls[0].status == 401
    assert [r.status for r in site.requests] == [401, 401]
    assert site.emulator.workspace.find_person("intruder") is None


def test_a_missing_campaign_is_not_found(rt: Runtime, site: Served) -> None:
    result = rt.run(f"return {NS}.get_campaign{{id = 999}}")

    failed_with(result, "not_found")
    assert result.error is not None
    assert (result.error.status, result.error.operation, result.error.account) == (
        404, "customerio.get_campaign", "default")
    assert [(r.path, r.status) for r in site.requests] == [("/app/v1/campaigns/999", 404)]


def answer(status: int, **kwargs: Any) -> Callable[[httpx.Request], httpx.Response]:
    """A transport handler that answers every request with a fresh response."""
    return lambda request: httpx.Response(status, **kwargs)


MAPPED = [  # a retried failure is sent 4 times (3 retries), then reported with the last status
    pytest.param("list_segments{}", answer(500, json={"errors": [{"detail": "boom"}]}),
                 "server_error", 500, True, 4, id="500-read"),
    pytest.param("get_campaign{id = 1}", answer(503, text=""), "server_error", 503, True, 4, id="503-read"),
    pytest.param("list_segments{}", answer(429, json={}, headers={"Retry-After": "7"}),
                 "rate_limited", 429, True, 4, id="429"),
    pytest.param('identify_customer{id = "u"}', answer(429, json={}),
                 "rate_limited", 429, True, 4, id="429-write"),
    pytest.param('track_anonymous_event{name = "e"}', answer(502, json={}), "outcome_unknown", 502, False, 1,
                 id="502-post"),
    pytest.param("list_segments{}", answer(403, json={}), "unauthorized", 403, False, 1, id="403"),
    pytest.param('track_event{id = "u", name = "e"}', answer(400, json={"meta": {"errors": ["bad"]}}),
                 "api_error", 400, False, 1, id="400"),
    pytest.param("list_segments{}", answer(200, text="<html>maintenance</html>"),
                 "invalid_response", 200, True, 4, id="200-not-json"),  # not the API's answer: a read is retried
    pytest.param("list_campaigns{}", answer(200, content=b"\xff\xfe{"),
                 "invalid_response", 200, True, 4, id="200-not-utf8"),
]


@pytest.mark.parametrize(("call", "reply", "code", "status", "retryable", "attempts"), MAPPED)
def test_http_failures_map_to_codes(call: str, reply: Callable[[httpx.Request], httpx.Response], code: str,
                                    status: int, retryable: bool, attempts: int) -> None:
    transport, seen = recording_transport(reply)
    with runtime_for(Account(site_id="s", track_api_key="t", app_api_key="a"), transport=transport) as rt:
        result = rt.run(f"return {NS}.{call}")

    failed_with(result, code)
    assert result.error is not None
    assert (result.error.status, result.error.retryable) == (status, retryable)
    assert len(seen) == attempts
    assert (result.calls[0].outcome, result.calls[0].error_code, result.calls[0].attempts) == (
        "error", code, attempts)


def test_retry_after_is_passed_on_in_details() -> None:
    transport, _ = recording_transport(answer(429, json={}, headers={"Retry-After": "7"}))
    with runtime_for(Account(app_api_key="a"), transport=transport) as rt:
        result = rt.run(f"return {NS}.list_segments{{}}")

    assert failed_with(result, "rate_limited")["retry_after"] == "7"


def test_a_server_error_on_an_idempotent_write_is_unknown_and_retryable() -> None:
    """A 5xx may come after the write was done: its outcome is unknown, and repeating it is safe."""
    transport, _ = recording_transport(answer(500, json={}))
    with runtime_for(Account(site_id="s", track_api_key="t"), transport=transport) as rt:
        result = rt.run(f'return {NS}.identify_customer{{id = "u"}}')

    details = failed_with(result, "outcome_unknown")
    assert result.error is not None and result.error.retryable is True
    assert details["last_error"] == "server_error"


@pytest.mark.parametrize("call", ["list_segments{}", 'track_anonymous_event{name = "e"}'], ids=["read", "write"])
def test_connection_refused_is_a_network_error(call: str) -> None:
    dead = closed_port_url()
    account = Account(site_id="s", track_api_key="t", app_api_key="a", track_url=dead, app_url=dead)
    with runtime_for(account) as rt:
        result = rt.run(f"return {NS}.{call}")

    failed_with(result, "network_error")
    assert result.error is not None
    # Nothing reached the server, so even a write was retried and may be called again.
    assert (result.error.status, result.error.retryable, result.calls[0].attempts) == (None, True, 4)


# ------------------------------------------------------------------ errors as Lua values


def test_call_errors_are_catchable_tables_with_one_line_text(rt: Runtime, site: Served) -> None:
    value = succeeded(rt.run(f"""
        local ok, err = pcall({NS}.get_campaign, {{id = 999}})
        return {{ ok = ok, kind = type(err), code = err.code, status = err.status, retryable = err.retryable,
                  operation = err.operation, account = err.account, text = tostring(err),
                  has_message = type(err.message) == "string" }}
    """))

    text = value.pop("text")
    assert value == {"ok": False, "kind": "table", "code": "not_found", "status": 404, "retryable": False,
                     "operation": "customerio.get_campaign", "account": "default", "has_message": True}
    assert "\n" not in text and "not_found" in text
    assert len(site.requests) == 1


def test_a_caught_error_lets_the_snippet_carry_on(rt: Runtime, site: Served) -> None:
    result = rt.run(f"""
        local ok, err = pcall({NS}.get_campaign, {{id = 999}})
        if not ok and err.code == "not_found" then
          return {NS}.get_campaign{{id = 42}}.name
        end
    """)

    assert succeeded(result) == "Welcome Series"
    assert [(c.outcome, c.error_code, c.status) for c in result.calls] == [
        ("error", "not_found", 404), ("ok", None, 200)]


def test_a_retryable_error_is_flagged_in_lua() -> None:
    transport, _ = recording_transport(answer(503, json={}))
    with runtime_for(Account(app_api_key="a"), transport=transport) as rt:
        value = succeeded(rt.run(f"""
            local ok, err = pcall({NS}.list_segments, {{}})
            return {{err.code, err.status, err.retryable}}
        """))

    assert value == ["server_error", 503, True]
