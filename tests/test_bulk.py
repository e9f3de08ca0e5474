"""send_bulk: packing under the Track v2 limits, per-item failures mapped to the caller's indices."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
from ulid import ULID

from bridge import Limits, RunResult, Runtime
from integrations.customerio import Account, CustomerIO
from integrations.customerio.bulk import MAX_REQUEST_BYTES
from tests.cio_support import NS, ULID_TEXT, failed_with, recording_transport, succeeded

KEYS = {"site_id": "site-1", "track_api_key": "track-key", "app_api_key": "app-key"}
EVENTS = """local ops = {{}}
for i = 1, {n} do
  ops[i] = {{ id = "user_" .. i, name = "purchase",
             data = {{ product = "Pro Plan", amount = 99.0, currency = "USD" }} }}
end
"""


Reply = Callable[[httpx.Request], httpx.Response]


def run(code: str, reply: Reply | None = None) -> tuple[RunResult, list[httpx.Request]]:
    transport, seen = recording_transport(reply)
    runtime = Runtime([CustomerIO([Account(**KEYS)], transport=transport)], limits=Limits(max_items=1_000_000))
    return runtime.run(code), seen


def test_10000_events_go_in_at_most_25_requests_each_within_500_kb() -> None:
    result, seen = run(EVENTS.format(n=10_000) + f"return {NS}.send_bulk({{ operations = ops }})")
    value = succeeded(result)
    assert value == {"sent": 10_000, "requests": len(seen), "failed": []}
    assert len(seen) <= 25
    bodies = [json.loads(r.content)["batch"] for r in seen]
    assert all(len(r.content) <= MAX_REQUEST_BYTES and r.url.path == "/api/v2/batch" for r in seen)
    items = [item for body in bodies for item in body]
    assert [i["identifiers"]["id"] for i in items] == [f"user_{i}" for i in range(1, 10_001)]
    assert items[0]["action"] == "event" and items[0]["name"] == "purchase"
    assert items[0]["attributes"] == {"product": "Pro Plan", "amount": 99.0, "currency": "USD"}
    assert len({i["id"] for i in items}) == 10_000  # a de-duplication id per event
    assert all(ULID_TEXT.match(i["id"]) for i in items)


def test_events_keep_a_given_event_id_and_get_fresh_ulids_otherwise() -> None:
    before = time.time()
    result, seen = run(f"""return {NS}.send_bulk{{ operations = {{
        {{ id = "a", name = "n", event_id = "mine-1" }},
        {{ id = "b", name = "n" }}, {{ id = "c", name = "n" }} }} }}""")
    succeeded(result)
    ids = [item["id"] for item in json.loads(seen[0].content)["batch"]]
    assert ids[0] == "mine-1" and ids[1] != ids[2]
    for text in ids[1:]:
        made = ULID.from_str(text).milliseconds / 1000  # the library reads our ids back
        assert before - 1 <= made <= time.time() + 1


def test_207_errors_come_back_with_the_callers_indices() -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(207, json={"errors": [{"batch_index": 1, "reason": "invalid", "field": "name",
                                                     "message": "bad"}]})

    code = EVENTS.format(n=5000) + f"return {NS}.send_bulk({{ operations = ops }})"
    result, seen = run(code, reply)
    value = succeeded(result)
    sizes = [len(json.loads(r.content)["batch"]) for r in seen]
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    assert [f["index"] for f in value["failed"]] == [s + 2 for s in starts]
    assert value["failed"][0] == {"index": 2, "reason": "invalid", "field": "name", "message": "bad"}
    assert value["sent"] == 5000 - len(seen)


def test_a_failed_later_request_reports_its_items_and_the_rest() -> None:
    answered: list[int] = []

    def reply(request: httpx.Request) -> httpx.Response:
        answered.append(200 if not answered else 500)  # the first batch lands, every later attempt fails
        return httpx.Response(answered[-1], json={})

    summary = (f"local r = {NS}.send_bulk({{ operations = ops }}) "
               "return {requests = r.requests, sent = r.sent, n = #r.failed, first = r.failed[1].index, "
               "last = r.failed[#r.failed].index, reason = r.failed[1].reason}")
    result, seen = run(EVENTS.format(n=6000) + summary, reply)
    value = succeeded(result)
    first = len(json.loads(seen[0].content)["batch"])
    assert value["requests"] == 1 and value["sent"] == first
    assert (value["first"], value["last"], value["n"]) == (first + 1, 6000, 6000 - first)
    # Retried (the batch is idempotent), then given up: a 5xx may have been processed, so the items are
    # outcome_unknown (safe to repeat: their event ids make Customer.io de-duplicate them).
    assert value["reason"] == "outcome_unknown"
    assert len(seen) == 1 + 4  # the failed batch: one attempt and three retries


def test_invalid_or_oversize_items_fail_the_call_before_anything_is_sent() -> None:
    result, seen = run(f'{NS}.send_bulk({{ operations = {{ {{ id = "u", name = "e" }}, {{ id = "u" }} }} }})')
    assert failed_with(result, "validation_error")["field"].startswith("operations[2]")
    result, seen2 = run(f'{NS}.send_bulk({{ operations = {{ {{ id = "u", name = "e", '
                        f'data = {{ pad = string.rep("x", 33 * 1024) }} }} }} }})')
    failed_with(result, "validation_error")
    assert seen == seen2 == []


def test_the_emulator_applies_events_and_identifies(customerio: CustomerIO) -> None:
    code = """local ops = {}
for i = 1, 300 do ops[i] = { id = "bulk-" .. (i % 3), name = "viewed", data = { n = i } } end
ops[#ops + 1] = { type = "identify", id = "bulk-1", email = "bulk1@example.com", attributes = { plan = "pro" } }
return app.integrations.customerio.send_bulk({ events = ops })"""
    value = succeeded(Runtime([customerio]).run(code))
    assert value == {"sent": 301, "requests": 1, "failed": []}
    person = customerio.emulators["default"].workspace.find_person("bulk-1")
    assert person is not None and person.attributes["plan"] == "pro" and person.email == "bulk1@example.com"
    assert len(person.events) == 100 and person.events[0].data == {"n": 1}
