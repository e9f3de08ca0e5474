"""The fault matrix: every injected fault x (read, idempotent writes, non-idempotent write).

For each cell: the call's outcome (ok, or its error code), how many HTTP attempts it made
(``calls[0].attempts``), how many times the emulated workspace processed it
(``emulator.processed``), and the workspace's state, which proves no write was lost or repeated.
Retries wait in virtual time (tests.cio_support.FakeClock), so the matrix runs in about a second.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from bridge import Runtime
from integrations.customerio import CustomerIO
from integrations.customerio.emulator import Emulator
from integrations.customerio.emulator.faults import Fault
from tests.cio_support import NS, FakeClock, fast_retries

#: (Lua call, the emulator's operation name). identify and track_event are idempotent writes:
#: a PUT, and a POST whose ULID Customer.io counts once; send_email is not safe to repeat.
KINDS = {
    "read": ("list_segments{}", "app.listSegments"),
    "put": ('identify_customer{id = "fm-user", attributes = {plan = "pro"}}', "track.identify"),
    "event": ('track_event{id = "user-1001", name = "fault_matrix"}', "track.track"),
    "send": ('send_email{transactional_message_id = 11, identifiers = {id = "user-1001"}, '
             'to = "ada@example.com"}', "app.sendEmail"),
}
READ_TIMEOUT = 0.05

Expect = tuple[str | None, int, int]  # (error code or None for ok, attempts, times processed)
OK_AFTER_ONE_RETRY: Expect = (None, 2, 1)
RETRIED_OUT = 4  # the first attempt and 3 retries


def same(expect: Expect) -> dict[str, Expect]:
    return dict.fromkeys(KINDS, expect)


def unsafe(safe: Expect, send: Expect) -> dict[str, Expect]:
    """``safe`` for the read and the idempotent writes, ``send`` for the non-idempotent one."""
    return {**dict.fromkeys(("read", "put", "event"), safe), "send": send}


MATRIX: dict[str, tuple[Callable[[str], Fault], dict[str, Expect]]] = {
    "429-retry-after": (lambda op: Fault.rate_limited(retry_after=2, operation=op), same(OK_AFTER_ONE_RETRY)),
    "429-no-retry-after": (lambda op: Fault.rate_limited(operation=op), same(OK_AFTER_ONE_RETRY)),
    "429-always": (lambda op: Fault.rate_limited(retry_after=1, operation=op, times=None),
                   same(("rate_limited", RETRIED_OUT, 0))),
    "429-past-cap": (lambda op: Fault.rate_limited(retry_after=120, operation=op), same(("rate_limited", 1, 0))),
    "503-once": (lambda op: Fault.server_error(503, operation=op),
                 unsafe(OK_AFTER_ONE_RETRY, ("outcome_unknown", 1, 0))),
    # A 500 may come after the API acted: a write is unknown (safe to repeat when idempotent), a read failed.
    "500-always": (lambda op: Fault.server_error(500, operation=op, times=None),
                   {**unsafe(("outcome_unknown", RETRIED_OUT, 0), ("outcome_unknown", 1, 0)),
                    "read": ("server_error", RETRIED_OUT, 0)}),
    "504-twice": (lambda op: Fault.server_error(504, operation=op, times=2),
                  unsafe((None, 3, 1), ("outcome_unknown", 1, 0))),
    "html-502": (lambda op: Fault.html_error(502, operation=op),
                 unsafe(OK_AFTER_ONE_RETRY, ("outcome_unknown", 1, 0))),
    "wrong-datacenter": (lambda op: Fault.wrong_datacenter(operation=op), same(("region_mismatch", 1, 0))),
    "reset-before": (lambda op: Fault.reset(operation=op), same(OK_AFTER_ONE_RETRY)),
    "reset-before-always": (lambda op: Fault.reset(operation=op, times=None), same(("network_error", 4, 0))),
    "reset-after": (lambda op: Fault.reset(after_processing=True, operation=op),
                    unsafe((None, 2, 2), ("outcome_unknown", 1, 1))),
    "slow-past-timeout": (lambda op: Fault.slow(READ_TIMEOUT * 3, operation=op),
                          unsafe((None, 2, 2), ("outcome_unknown", 1, 1))),
    "slow-in-time": (lambda op: Fault.slow(0.001, operation=op), same((None, 1, 1))),
    # Not the API's answer, so not proof of arrival: retried when safe, unknown for the unsafe write.
    "malformed-json": (lambda op: Fault.malformed_json(operation=op),
                       unsafe((None, 2, 2), ("outcome_unknown", 1, 1))),
}

CASES = [pytest.param(fault, kind, id=f"{fault}-{kind}") for fault in MATRIX for kind in KINDS]


def emulated(clock: FakeClock) -> tuple[Runtime, Emulator, CustomerIO]:
    """One emulated account with a short read timeout; retries in virtual time; sends approved."""
    integration = CustomerIO.emulated(["default"], retry=fast_retries(clock))
    account = integration.accounts["default"]
    integration.accounts["default"] = dataclasses.replace(account, read_timeout=READ_TIMEOUT)
    return Runtime([integration], approve=lambda request: True), integration.emulators["default"], integration


def effect(emulator: Emulator, kind: str) -> int:
    """How many times the write's effect is in the workspace (reads: 0)."""
    workspace = emulator.workspace
    if kind == "put":
        person = workspace.find_person("fm-user")
        return int(person is not None and person.attributes.get("plan") == "pro")
    if kind == "event":
        person = workspace.find_person("user-1001")
        return sum(e.name == "fault_matrix" for e in person.events) if person else 0
    if kind == "send":
        return len(workspace.messages) - BASE_MESSAGES
    return 0


BASE_MESSAGES = 5  # the sample workspace's deliveries


@pytest.mark.parametrize(("fault", "kind"), CASES)
def test_fault_matrix(fault: str, kind: str) -> None:
    make, expected = MATRIX[fault]
    code, attempts, processed = expected[kind]
    call, operation = KINDS[kind]
    clock = FakeClock()
    runtime, emulator, integration = emulated(clock)
    emulator.faults.add(make(operation))
    try:
        result = runtime.run(f"return {NS}.{call}")
    finally:
        integration.close()

    record = result.calls[0]
    assert (result.error.code if result.error else None) == code, result.error
    assert record.attempts == attempts
    assert emulator.processed[operation] == processed
    if kind != "read":  # a write is in the workspace exactly once when it succeeded, and never twice
        assert effect(emulator, kind) == (1 if code is None else min(processed, 1))
    if code == "outcome_unknown":  # safe to repeat only when idempotent; the unsafe one says how to check
        assert result.error is not None and result.error.retryable is (kind != "send")
        assert kind != "send" or "list_person_messages" in result.error.message
    if code == "rate_limited":
        assert result.error is not None and result.error.retryable is True
    assert clock.slept <= 30.0


def test_the_matrix_covers_every_fault_kind() -> None:
    from integrations.customerio.emulator.faults import FaultKind

    kinds = {MATRIX[name][0]("op").kind for name in MATRIX}
    assert kinds == set(FaultKind)


def test_retry_waits_follow_retry_after_and_backoff() -> None:
    clock = FakeClock()
    runtime, emulator, integration = emulated(clock)
    emulator.faults.add(Fault.rate_limited(retry_after=3, operation="app.listSegments"))
    with_retry_after = runtime.run(f"return {NS}.list_segments{{}}")
    waited_for_retry_after = clock.slept
    emulator.faults.add(Fault.server_error(503, operation="app.listSegments"))
    backoff_only = runtime.run(f"return {NS}.list_segments{{}}")
    integration.close()

    assert with_retry_after.ok and backoff_only.ok
    assert waited_for_retry_after == pytest.approx(3.0, abs=0.01)
    assert 0.19 <= clock.slept - waited_for_retry_after <= 0.4  # first backoff: 0.2 s x [1, 2)
    retried = [r for r in emulator.requests if r.operation == "app.listSegments"]
    assert [r.headers.get("x-retry-count") for r in retried] == [None, "1", None, "1"]


def test_no_retry_wait_passes_the_run_deadline() -> None:
    from bridge import Limits

    clock = FakeClock()
    integration = CustomerIO.emulated(["default"], retry=fast_retries(clock))
    runtime = Runtime([integration], limits=Limits(timeout_seconds=5))
    emulator = integration.emulators["default"]
    emulator.faults.add(Fault.rate_limited(retry_after=10, operation="app.listSegments"))
    result = runtime.run(f"return {NS}.list_segments{{}}")
    integration.close()

    assert result.error is not None and result.error.code == "rate_limited"
    assert (result.calls[0].attempts, clock.slept) == (1, 0.0)
    assert result.error.details["retry_after"] == "10"


def test_a_track_event_retried_after_a_reset_is_stored_once_with_one_ulid() -> None:
    clock = FakeClock()
    runtime, emulator, integration = emulated(clock)
    emulator.faults.add(Fault.reset(after_processing=True, operation="track.track"))
    result = runtime.run(f'return {NS}.track_event{{id = "user-1001", name = "once"}}')
    integration.close()

    sent: list[Any] = [r.json()["id"] for r in emulator.requests if r.operation == "track.track"]
    assert result.ok and len(sent) == 2 and sent[0] == sent[1] == result.value["event_id"]
    person = emulator.workspace.find_person("user-1001")
    assert person is not None and [e.name for e in person.events].count("once") == 1


LATER = {
    "429-always": lambda op: Fault.rate_limited(retry_after=1, operation=op, times=None),
    "wrong-datacenter": lambda op: Fault.wrong_datacenter(operation=op),
    "500-always": lambda op: Fault.server_error(500, operation=op, times=None),
}


@pytest.mark.parametrize("later", LATER)
def test_a_write_carried_out_then_refused_is_unknown_and_repeating_with_its_key_counts_once(later: str) -> None:
    """Issue 15: the first attempt is processed (its answer lost), later ones meet 429/301/5xx."""
    call, operation = KINDS["event"]
    runtime, emulator, integration = emulated(FakeClock())
    emulator.faults.add(Fault.reset(after_processing=True, operation=operation))
    emulator.faults.add(LATER[later](operation))
    try:
        first = runtime.run(f"return {NS}.{call}")
        assert first.error is not None and first.error.code == "outcome_unknown", first.error
        assert first.error.retryable is True
        event_id = first.error.details["event_id"]
        emulator.faults.clear()
        again = runtime.run(f'return {NS}.track_event{{id = "user-1001", name = "fault_matrix", '
                            f'event_id = "{event_id}"}}')
    finally:
        integration.close()
    assert again.ok, again.error
    assert effect(emulator, "event") == 1
