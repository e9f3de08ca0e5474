"""Read-only mode (``--read-only``, ``Runtime.read_only``, the ``read-only`` policy preset): every call that is
not a read is refused before anything is sent; reads still run, POST reads such as search_people included."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge.cli import from_config
from bridge.cli import main as cli
from bridge.errors import ConfigError
from bridge.runtime import Runtime
from integrations.customerio import CustomerIO
from tests.cio_support import NS, failed_with, runtime_for, served, succeeded

READ_ONLY_REMEDY = "To permit it, ask the operator to restart the host without --read-only."
WRITE = f'return {NS}.identify_customer({{id = "ro-1", attributes = {{plan = "pro"}}}})'


def test_every_write_and_destructive_example_is_refused_before_anything_is_sent() -> None:
    operations = CustomerIO.emulated().operations.values()
    writes = {op.name: op for op in operations if str(op.kind) != "read"}
    refused: set[str] = set()
    with served() as workspace, runtime_for(workspace.account()) as runtime:
        runtime.read_only = True
        for op in writes.values():
            before = len(workspace.requests)
            result = runtime.run(op.examples[0].code, f"{op.name}.lua")
            sent = workspace.requests[before:]
            reads = [c for c in result.calls if c.kind == "read"]
            for call in result.calls:
                if call.kind != "read":
                    assert call.outcome == "error" and call.error_code == "permission_denied", call
                    assert call.attempts == 0
                    refused.add(call.operation)
            # Only the example's reads reached the server (each request is one attempt of a read call).
            assert len(sent) == sum(c.attempts for c in reads), (op.name, sent)
            posts = [r for r in sent if r.method != "GET"]
            assert len(posts) == sum(c.attempts for c in reads if _method(operations, c.operation) != "GET")
    assert refused == set(writes)  # every write and destructive function was tried and refused


def _method(operations: object, name: str) -> str:
    return next(op.method for op in operations if op.name == name)  # type: ignore[attr-defined]


def test_reads_run_including_post_reads_and_the_message_names_the_remedy() -> None:
    with served() as workspace, runtime_for(workspace.account()) as runtime:
        runtime.read_only = True
        assert succeeded(runtime.run(f"return #{NS}.list_segments({{}}).segments")) > 0
        succeeded(runtime.run(f'return {NS}.search_people({{filter = {{attribute = {{field = "plan", '
                              f'operator = "eq", value = "pro"}}}}}})'))
        assert [r.method for r in workspace.requests] == ["GET", "POST"]
        for dry_run in (False, True):  # a dry run plans nothing in read-only mode either
            result = runtime.run(WRITE, dry_run=dry_run)
            failed_with(result, "permission_denied")
            assert result.error is not None and result.error.message == (
                "identify_customer (write) was not sent: this host runs in read-only mode, which refuses every "
                f"write and destructive call. {READ_ONLY_REMEDY}")
        assert len(workspace.requests) == 2


def test_the_preset_from_the_environment_outranks_allow_lists() -> None:
    cio = CustomerIO.from_env({"CUSTOMERIO_POLICY_PRESET": "read-only", "CUSTOMERIO_POLICY_ALLOW": "identify_customer"})
    runtime = Runtime([cio])
    result = runtime.run(WRITE)
    failed_with(result, "permission_denied")
    assert result.error is not None and "take the `read-only` preset off the account's policy" in result.error.message
    assert succeeded(runtime.run(f"return #{NS}.list_segments({{}}).segments")) > 0
    with pytest.raises(ConfigError, match="preset must be one of read-only"):
        CustomerIO.from_env({"CUSTOMERIO_POLICY_PRESET": "readonly"})


def test_the_preset_from_toml(tmp_path: Path) -> None:
    config = tmp_path / "bridge.toml"
    config.write_text('[customerio.accounts.main]\nsite_id = "s"\ntrack_api_key = "k"\n'
                      '[customerio.accounts.main.policy]\npreset = "read-only"\n', encoding="utf-8")
    runtime = from_config(config, {})
    result = runtime.run(WRITE)
    failed_with(result, "permission_denied")
    assert result.calls[0].attempts == 0 and result.error is not None and "preset" in result.error.message


def test_cli_read_only_refuses_writes(capsys: pytest.CaptureFixture[str]) -> None:
    for mode in (["--in-process"], []):
        assert cli(["run", "--read-only", *mode, "-e", WRITE]) == 1
        err = capsys.readouterr().err
        assert "error: permission_denied: identify_customer (write) was not sent" in err and READ_ONLY_REMEDY in err
    assert cli(["run", "--read-only", "-e", f"return #{NS}.list_segments({{}}).segments"]) == 0


def test_the_flag_is_the_preset_on_every_account_and_its_message_names_the_flag() -> None:
    cio = CustomerIO.from_env({"CUSTOMERIO_POLICY_ALLOW": "identify_customer"})
    runtime = Runtime([cio])
    succeeded(runtime.run(WRITE))  # allowed by name ...
    runtime.read_only = True  # ... until the flag applies the preset, which outranks allow lists
    result = runtime.run(WRITE)
    failed_with(result, "permission_denied")
    assert result.error is not None and READ_ONLY_REMEDY in result.error.message
    assert result.calls[0].attempts == 0
