"""The audit trail: a record per call on RunResult.calls and to the sink, redacted, without secrets."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import FrozenInstanceError, fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.audit import JsonLinesSink, MemorySink, Redaction
from bridge.cli import main as cli
from bridge.policy import Policy, Rule
from bridge.result import CallRecord
from tests.agent_support import runtime
from tests.cio_support import failed_with, succeeded

CIO = "app.integrations.customerio"
SNIPPET = f'''{CIO}.identify_customer({{id = "jane@example.com", email = "jane@example.com",
  attributes = {{api_token = "tok-123", note = "hi"}}}})
pcall({CIO}.get_campaign, {{id = 999999}})
return {CIO}.production.track_event({{id = "u1", name = "signup"}}).success'''


def test_every_call_yields_a_full_record_on_the_result_and_the_sink() -> None:
    sink = MemorySink()
    rt, _ = runtime(audit=sink)
    result = rt.run(SNIPPET)
    assert succeeded(result) is True
    assert sink.records == list(result.calls)
    identify, missing, track = result.calls
    assert (identify.operation, identify.kind, identify.account, identify.outcome) == (
        "identify_customer", "write", "default", "ok")
    assert (identify.status, identify.attempts, identify.dry_run, identify.run_id) == (200, 1, False, result.run_id)
    assert identify.started_at.endswith("+00:00") and identify.duration_ms > 0
    assert (missing.kind, missing.outcome, missing.error_code, missing.status) == ("read", "error", "not_found", 404)
    assert track.account == "production" and track.params == {"id": "u1", "name": "signup"}


def test_params_are_redacted_emails_hashed_and_secret_names_dropped() -> None:
    rt, _ = runtime()
    params = rt.run(SNIPPET).calls[0].params
    assert params["id"].startswith("sha256:") and params["id"] == params["email"]
    assert params["attributes"] == {"api_token": "[redacted]", "note": "hi"}
    assert "jane" not in json.dumps(params)
    kept = runtime(redaction=Redaction(emails="keep"))[0].run(SNIPPET).calls[0].params
    assert kept["email"] == "jane@example.com"
    dropped = runtime(redaction=Redaction(emails="drop", max_string=5))[0].run(SNIPPET).calls[0].params
    assert dropped["email"] == "[email]" and dropped["attributes"]["note"] == "hi"


def test_argument_names_lose_secrets_and_addresses_but_are_not_cut() -> None:
    out = Redaction(max_string=5).apply({"key-1234": 1, "jane@example.com": 2, "attributes": 3}, ("key-1234",))
    assert out == {"[redacted]": 1, "sha256:8c87b489ce35cf2e": 2, "attributes": 3}


def test_no_secret_ever_reaches_a_record() -> None:
    rt, cio = runtime()
    code = f'pcall({CIO}.identify_customer, {{id = "default-track-key", attributes = {{x = "default-app-key"}}}})'
    record = rt.run(code).calls[0]
    text = json.dumps(record.to_dict())
    for secret in cio.secrets():
        assert secret not in text
    assert "[redacted]" in text


def test_denied_and_planned_calls_are_recorded() -> None:
    rt, _ = runtime({"default": Policy(write=Rule.DENY)})
    result = rt.run(f'return {CIO}.identify_customer({{id = "x"}})')
    failed_with(result, "permission_denied")
    assert (result.calls[0].outcome, result.calls[0].error_code, result.calls[0].attempts) == (
        "error", "permission_denied", 0)
    rt, _ = runtime()
    planned = rt.run(f'return {CIO}.identify_customer({{id = "x"}})', dry_run=True).calls[0]
    assert (planned.outcome, planned.dry_run, planned.attempts) == ("planned", True, 0)


def test_a_failing_sink_does_not_break_the_run() -> None:
    def broken(record: object) -> None:
        raise OSError("disk full")

    rt, _ = runtime(audit=broken)
    assert succeeded(rt.run(f"return #{CIO}.list_segments({{}}).segments")) > 0


def test_json_lines_file_sink_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "audit.jsonl"
    rt, _ = runtime(audit=JsonLinesSink(path))
    rt.run(SNIPPET)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["operation"] for r in lines] == ["identify_customer", "get_campaign", "track_event"]
    assert cli(["run", "--audit", str(path), "-e", f"return #{CIO}.list_segments({{}}).segments"]) == 0
    last = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert last["operation"] == "list_segments" and last["kind"] == "read" and last["status"] == 200


# -- Redaction on its own ------------------------------------------------------------------

class FloatKind(float):
    """A float subclass: kept as it is, like plain floats."""


def test_redaction_cuts_strings_and_containers_and_marks_deep_nesting() -> None:
    small = Redaction(max_string=12, max_items=3)
    data = {"a": "x" * 20, "b": [1, 2, 3, 4, 5], "c": {"p": 1, "q": 2, "r": 3, "s": 4}, 1: b"raw",
            "Api_Token": "v", "d": ("t", None, 2.5, True)}
    assert small.apply(data) == {"a": "x" * 12 + "...", "b": [1, 2, 3, "... 2 more"],
                                 "c": {"p": 1, "q": 2, "r": 3, "...": "1 more"}, "...": "3 more"}
    assert Redaction(max_items=4).apply({"d": ("t", None, 2.5, True), 1: b"raw", "k": {"Api_Token": "v"}, "e": []}) == {
        "d": ["t", None, 2.5, True], "1": "[redacted]", "k": {"Api_Token": "[redacted]"}, "e": []}
    class Name(str):
        pass

    subclassed = Redaction(emails="drop").apply(OrderedDict(n=Name("x@y"), t=Name("t"), f=FloatKind(1.5)))
    assert subclassed == {"n": "[email]", "t": "t", "f": 1.5} and type(subclassed["f"]) is FloatKind
    nested: list[Any] = [1]
    for _ in range(9):
        nested = [nested]
    assert Redaction().apply(nested) == [[[[[[[["[nested]"]]]]]]]]
    assert Redaction().apply({"k": {"k": {"k": {"k": {"k": {"k": {"k": {"k": {"k": 1}}}}}}}}}) == {
        "k": {"k": {"k": {"k": {"k": {"k": {"k": {"k": "[nested]"}}}}}}}}


def test_redaction_replaces_secrets_before_cutting_and_hashing() -> None:
    assert Redaction(max_string=12).apply("abc key-1234 tail", ["key-1234", "abc"]) == "abc [redacte..."
    assert Redaction(emails="keep").apply(["a key-1234", {"x": "key-1234@ex.com"}], ("key-1234",)) == [
        "a [redacted]", {"x": "[redacted]@ex.com"}]
    two = ("long-key-1234", "key-1234")
    assert Redaction().apply({"k": "key-1234", "s": "key-123", "l": "long-key-1234"}, two) == {
        "k": "[redacted]", "s": "key-123", "l": "[redacted]"}
    assert Redaction(emails="drop").apply("key-1234@ex.com <b@c>", ("key-1234",)) == "[email] <[email]>"
    assert Redaction().apply("mail Jane@Example.com, jane@example.com; c@") == (
        "mail sha256:8c87b489ce35cf2e, sha256:8c87b489ce35cf2e; sha256:6267bd1843e107f4")
    assert Redaction(salt="s").apply({"e": "jane@example.com"}) == {"e": "sha256:05c0763415f08a7e"}
    assert Redaction().apply("no secret: short ones (< 4 chars) are never replaced", ("no", "abc")).startswith("no")


SECRETS = ("key-1234", "tok-abcdef", "k@y-5678")
words = st.sampled_from([*SECRETS, "x", "@", "a@b", " ", "key-12", "tok-"])
texts = st.lists(words, max_size=6).map("".join)
plain_data = st.recursive(st.none() | st.integers() | st.booleans() | texts,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
                    max_leaves=20)


@settings(max_examples=300, deadline=None, database=None)
@given(value=plain_data, emails=st.sampled_from(["keep", "hash", "drop"]), max_string=st.sampled_from([5, 256]))
def test_no_secret_survives_in_any_value_or_key(value: Any, emails: Any, max_string: int) -> None:
    out = Redaction(emails=emails, max_string=max_string).apply(value, SECRETS)
    recorded = json.dumps(out, ensure_ascii=False)
    assert not any(secret in recorded for secret in SECRETS)


def test_records_are_complete_and_frozen() -> None:
    record = runtime()[0].run(SNIPPET).calls[0]
    assert vars(record).keys() == {f.name for f in fields(CallRecord)}
    assert CallRecord(**vars(record)) == record and repr(CallRecord(**vars(record))) == repr(record)
    with pytest.raises(FrozenInstanceError):
        record.outcome = "ok"  # type: ignore[misc]
