"""Dry runs: reads are sent, writes are validated and policy-checked and return their plan."""

from __future__ import annotations

import json

import pytest

from bridge.cli import main as cli
from bridge.policy import Policy, Rule
from tests.agent_support import person_exists, runtime
from tests.cio_support import failed_with, succeeded

CIO = "app.integrations.customerio"


def test_lua_can_tell_it_is_in_a_dry_run() -> None:
    rt, _ = runtime()
    assert succeeded(rt.run("return app.dry_run", dry_run=True)) is True
    assert succeeded(rt.run("return app.dry_run")) is False


def test_writes_return_their_plan_and_are_not_sent() -> None:
    rt, cio = runtime()
    code = f'''local plan = {CIO}.identify_customer({{id = "dry/1", email = "d@example.com",
  attributes = {{plan = "pro"}}}})
return plan'''
    result = rt.run(code, dry_run=True)
    plan = succeeded(result)
    assert plan == {"dry_run": True, "operation": "customerio.identify_customer", "kind": "write",
                    "needs_approval": False, "method": "PUT",
                    "url": "http://default.customerio.emulator/track/api/v1/customers/dry%2F1",
                    "body": {"plan": "pro", "email": "d@example.com"}}
    assert not person_exists(cio, "dry/1")
    assert result.dry_run and result.calls[0].outcome == "planned" and result.calls[0].attempts == 0
    assert "track-key" not in json.dumps(result.to_dict())


def test_reads_are_sent_in_a_dry_run() -> None:
    rt, _ = runtime()
    result = rt.run(f"return #{CIO}.list_segments({{}}).segments", dry_run=True)
    assert succeeded(result) > 0
    assert result.calls[0].outcome == "ok" and result.calls[0].attempts == 1 and result.calls[0].status == 200


def test_writes_are_validated_and_policy_checked_in_a_dry_run() -> None:
    rt, _ = runtime({"staging": Policy(write=Rule.DENY)})
    failed_with(rt.run(f'return {CIO}.identify_customer({{id = "x", plan = 1}})', dry_run=True), "validation_error")
    failed_with(rt.run(f'return {CIO}.staging.identify_customer({{id = "x"}})', dry_run=True), "permission_denied")
    asked = []
    rt, cio = runtime(approve=lambda call: asked.append(call) or True)
    plan = succeeded(rt.run(f'return {CIO}.erase_customer({{id = "gone"}})', dry_run=True))
    assert plan["needs_approval"] is True and plan["method"] == "PUT" and asked == []
    assert not person_exists(cio, "gone")


def test_cli_dry_run_prints_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "--dry-run", "-e", f'return {CIO}.track_event({{id = "u", name = "signup"}})']) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["dry_run"] is True and plan["method"] == "POST" and plan["body"]["name"] == "signup"
