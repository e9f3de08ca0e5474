"""A write's reported outcome tells the truth across all its attempts (issue 15, items 1-3).

A seeded, bounded fault suite against the emulator (retries in virtual time): each run of a write
meets a random sequence of faults; its report is then checked against what the workspace holds.
"done" (ok) must mean delivered once, a "not done" code must mean not delivered, and an agent that
repeats a failed write with the keys its error gives (``details.event_id``) never creates a duplicate.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

import pytest

from bridge import Limits
from integrations.customerio.accounts import Account
from integrations.customerio.emulator.faults import Fault
from tests.cio_support import NS, FakeClock, runtime_for
from tests.test_faults import emulated
from tests.test_http import dripping_server

NOT_DONE = {"rate_limited", "region_mismatch", "api_error", "server_error", "network_error", "request_timeout"}
OP = "track.track"
FAULTS = (
    lambda: Fault.reset(after_processing=True, operation=OP),
    lambda: Fault.reset(operation=OP),
    lambda: Fault.rate_limited(retry_after=1, operation=OP),
    lambda: Fault.server_error(503, operation=OP),
    lambda: Fault.html_error(502, operation=OP),
    lambda: Fault.html_error(200, operation=OP),
    lambda: Fault.wrong_datacenter(operation=OP),
    lambda: Fault.malformed_json(operation=OP),
)


def events(emulator: object, name: str) -> int:
    person = emulator.workspace.find_person("user-1001")  # type: ignore[attr-defined]
    return sum(e.name == name for e in person.events) if person else 0


@pytest.mark.parametrize("seed", range(40))
def test_a_faulted_write_reports_what_happened_and_repeats_safely(seed: int) -> None:
    rng = random.Random(seed)
    runtime, emulator, integration = emulated(FakeClock())
    for _ in range(rng.randint(1, 5)):
        emulator.faults.add(rng.choice(FAULTS)())
    name = f"seeded_{seed}"
    try:
        first = runtime.run(f'return {NS}.track_event{{id = "user-1001", name = "{name}"}}')
        delivered = events(emulator, name)
        if first.ok:
            assert delivered == 1
        else:
            assert first.error is not None
            assert first.error.code not in NOT_DONE or delivered == 0, first.error
            emulator.faults.clear()
            event_id = first.error.details["event_id"]
            again = runtime.run(f'return {NS}.track_event{{id = "user-1001", name = "{name}", '
                                f'event_id = "{event_id}"}}')
            assert again.ok and events(emulator, name) == 1
    finally:
        integration.close()


def test_a_429_after_a_lost_answer_is_outcome_unknown_with_the_event_id() -> None:
    runtime, emulator, integration = emulated(FakeClock())
    emulator.faults.add(Fault.reset(after_processing=True, operation=OP))
    emulator.faults.add(Fault.rate_limited(retry_after=1, operation=OP, times=None))
    result = runtime.run(f'return {NS}.track_event{{id = "user-1001", name = "lost"}}')
    integration.close()

    assert result.error is not None and result.error.code == "outcome_unknown"
    assert (result.error.details["last_error"], result.error.status) == ("rate_limited", 429)
    assert result.error.details["event_id"] and events(emulator, "lost") == 1


def test_a_200_html_page_is_no_proof_that_an_email_was_sent() -> None:
    runtime, emulator, integration = emulated(FakeClock())
    emulator.faults.add(Fault.html_error(200, operation="app.sendEmail"))
    result = runtime.run(f'return {NS}.send_email{{transactional_message_id = 11, identifiers = {{id = "user-1001"}}, '
                         'to = "ada@example.com"}')
    integration.close()

    assert result.error is not None and result.error.code == "outcome_unknown"
    assert result.error.retryable is False and emulator.processed["app.sendEmail"] == 0


def test_a_pipelines_write_error_carries_its_message_id() -> None:
    runtime, emulator, integration = emulated(FakeClock())
    emulator.faults.add(Fault.reset(after_processing=True, family="cdp", times=None))
    result = runtime.run(f'return {NS}.track_user_event{{user_id = "user-1001", event = "x"}}')
    integration.close()

    assert result.error is not None and result.error.code == "outcome_unknown"
    assert len(result.error.details["message_id"]) == 26  # the ULID sent, to give as `message_id` again


# ---------------------------------------------------------------------------- a deadline that holds (item 4)

@pytest.fixture
def dripping_url() -> Iterator[str]:
    """A server answering one byte every 0.1 s (tests.test_http.dripping_server)."""
    with dripping_server(interval=0.1) as url:
        yield url


@pytest.mark.parametrize(("call", "code"), [('track_anonymous_event{name = "e"}', "outcome_unknown"),
                                            ("list_segments{}", "request_timeout")], ids=["write", "read"])
def test_a_dripping_server_cannot_keep_a_run_past_its_deadline(dripping_url: str, call: str, code: str) -> None:
    account = Account(site_id="s", track_api_key="t", app_api_key="a", track_url=dripping_url, app_url=dripping_url)
    with runtime_for(account, limits=Limits(timeout_seconds=1.0)) as rt:
        started = time.monotonic()
        result = rt.run(f"return {NS}.{call}")
        elapsed = time.monotonic() - started

    assert elapsed < 1.1, elapsed
    assert result.error is not None and code in (result.error.code, result.error.details.get("call_code")), result.error


def test_a_pipelines_batch_repeated_with_its_message_ids_counts_each_call_once() -> None:
    runtime, emulator, integration = emulated(FakeClock())
    emulator.faults.add(Fault.reset(after_processing=True, family="cdp", times=None))
    batch = '{type = "track", userId = "user-1001", event = "b1"}, {type = "track", userId = "user-1001", event = "b2"}'
    first = runtime.run(f"return {NS}.send_pipelines_batch{{batch = {{{batch}}}}}")
    emulator.faults.clear()
    assert first.error is not None and first.error.code == "outcome_unknown"
    ids = first.error.details["message_ids"]
    again = runtime.run(f'''local ids = {{"{ids[0]}", "{ids[1]}"}}
        local batch = {{{batch}}}
        for i, call in ipairs(batch) do call.messageId = ids[i] end
        return {NS}.send_pipelines_batch{{batch = batch}}''')
    integration.close()

    assert again.ok, again.error
    assert len(set(ids)) == 2 and (events(emulator, "b1"), events(emulator, "b2")) == (1, 1)
