"""The generic HTTP layer (bridge/http): answers that cannot be the API's, URLs too long, deadlines."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from bridge import Runtime
from bridge.limits import Limits
from bridge.policy import Policy, Rule
from integrations.customerio import Account, CustomerIO
from tests.cio_support import NS, assert_no_traceback, failed_with, fast_retries, recording_transport, runtime_for

ACCOUNT = Account(site_id="site", track_api_key="track-key", app_api_key="app-key",
                  track_url="http://track.test", app_url="http://app.test", pipelines_url="http://cdp.test")


def _corrupt_gzip(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
                          stream=httpx.ByteStream(b"this is not gzip"))


def _html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"<html>proxy says hi</html>")


def test_a_corrupt_gzip_answer_is_invalid_response_on_the_run_and_the_call_record() -> None:
    transport, _ = recording_transport(_corrupt_gzip)
    with runtime_for(ACCOUNT, transport=transport) as runtime:
        result = runtime.run(f"return {NS}.get_campaign({{ id = 1 }})")
    failed_with(result, "invalid_response")
    assert [c.error_code for c in result.calls] == ["invalid_response"]
    assert_no_traceback(result)


def test_a_write_answered_by_a_middlebox_is_outcome_unknown_not_done() -> None:
    for reply in (_html, _corrupt_gzip):
        transport, seen = recording_transport(reply)
        cio = CustomerIO([ACCOUNT], transport=transport, policy=Policy(destructive=Rule.ALLOW), retry=fast_retries())
        with contextlib.closing(cio):
            result = Runtime([cio]).run(f"return {NS}.send_email({{ transactional_message_id = 1, "
                                        "to = 'a@example.com', identifiers = { id = 'u1' } })")
        failed_with(result, "outcome_unknown")
        assert len(seen) == 1, "a write that is not safe to repeat is not sent again"


def test_a_read_answered_with_html_is_invalid_response_after_retries() -> None:
    transport, seen = recording_transport(_html)
    with runtime_for(ACCOUNT, transport=transport) as runtime:
        result = runtime.run(f"return {NS}.get_campaign({{ id = 1 }})")
    failed_with(result, "invalid_response")
    assert len(seen) == 4


def test_very_long_ids_and_cursors_are_validation_errors_naming_the_field() -> None:
    transport, seen = recording_transport()
    with runtime_for(ACCOUNT, transport=transport) as runtime:
        for code, field in ((f"{NS}.get_person_attributes({{ id = string.rep('x', 100000) }})", "id"),
                            (f"{NS}.list_messages({{ start = string.rep('c', 70000) }})", "start")):
            result = runtime.run(f"return {code}")
            assert_no_traceback(result)
            details = failed_with(result, "validation_error")
            assert details.get("field") == field
    assert seen == []


@contextmanager
def dripping_server(interval: float = 0.5, seconds: float = 20.0) -> Iterator[str]:
    """A loopback server that answers every request one byte every ``interval`` seconds, for ``seconds``."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            end = time.monotonic() + seconds
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b" " * 100000:
                if stop.is_set() or time.monotonic() > end:
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                stop.wait(interval)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()


def test_a_dripping_server_cannot_keep_a_run_past_its_deadline() -> None:
    with dripping_server() as url, runtime_for(Account(app_api_key="k", app_url=url),
                                               limits=Limits(timeout_seconds=3)) as runtime:
        started = time.monotonic()
        result = runtime.run(f"return {NS}.get_campaign({{ id = 1 }})")
        took = time.monotonic() - started
    assert not result.ok
    assert took < 3.3, f"the run took {took:.1f} s with a 3 s deadline"


def test_a_run_ended_by_its_deadline_keeps_the_calls_unknown_outcome_visible() -> None:
    with dripping_server() as url, runtime_for(Account(site_id="s", track_api_key="t", track_url=url),
                                               limits=Limits(timeout_seconds=2)) as runtime:
        result = runtime.run(f'pcall({NS}.identify_customer, {{ id = "u1" }}) while true do end')
    assert result.error is not None and result.error.code == "timeout"
    assert [c.error_code for c in result.calls] == ["outcome_unknown"]
    assert result.error.details["outcome_unknown"] == ["customerio.identify_customer"]
