"""`luabridge`: run, docs, emulator; exit codes; an end-to-end run against a served emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge.cli import main as cli


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.startswith("CUSTOMERIO_")]:
        monkeypatch.delenv(key)


def test_run_e_prints_output_then_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "-e", 'print("hi") return {b = 2, a = 1}']) == 0
    out = capsys.readouterr().out
    assert out == 'hi\n{\n  "a": 1,\n  "b": 2\n}\n'


def test_run_json_prints_the_run_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "--json", "-e", "return app.integrations.customerio.list_segments({})"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["error"] is None
    assert data["calls"][0]["operation"] == "list_segments"
    assert len(data["value"]["segments"]) == 5


def test_run_account_picks_the_default_account(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "--account", "staging", "-e",
                "return app.integrations.customerio.get_current_user({}).email"]) == 0
    assert '"staging@acme.example"' in capsys.readouterr().out


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "-e", "error('boom')"]) == 1
    assert "runtime_error" in capsys.readouterr().err
    assert cli(["run", "--account", "nope", "-e", "return 1"]) == 2
    assert "nope" in capsys.readouterr().err
    assert cli(["run", str(tmp_path / "missing.lua")]) == 2
    with pytest.raises(SystemExit) as usage:
        cli(["run"])
    assert usage.value.code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[customerio.accounts.Bad-Name]\nsite_id = 'x'\n", encoding="utf-8")
    assert cli(["run", "--config", str(bad), "-e", "return 1"]) == 2


def test_config_file_sets_accounts_and_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "accounts.toml"
    config.write_text(
        "[limits]\nmax_instructions = 100000\n\n[customerio]\ndefault_account = 'prod'\n\n"
        "[customerio.accounts.prod]\napp_api_key = 'k'\napp_url = 'http://127.0.0.1:9'\n", encoding="utf-8")
    assert cli(["run", "--config", str(config), "-e", "while true do end"]) == 1
    assert "instruction_limit" in capsys.readouterr().err
    assert cli(["run", "--config", str(config), "-e", "return app.integrations.customerio.list_segments({})"]) == 1
    assert "network_error" in capsys.readouterr().err


def test_docs_lists_and_prints_topics(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["docs"]) == 0
    assert "integrations.customerio.get_campaign" in capsys.readouterr().out.splitlines()
    assert cli(["docs", "errors"]) == 0
    assert capsys.readouterr().out.startswith("<!-- Generated")
    assert cli(["docs", "nope"]) == 2
    assert "No documentation topic 'nope'" in capsys.readouterr().err


@pytest.fixture
def served_emulator() -> Iterator[dict[str, str]]:
    """`luabridge emulator --port 0` in a child process; yields the environment it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "emulator", "--port", "0", "--app-api-key", "cli-app-key"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    env: dict[str, str] = {}
    for line in proc.stdout:
        if line.startswith("export "):
            key, value = line.removeprefix("export ").strip().split("=", 1)
            env[key] = value
        if "CUSTOMERIO_PIPELINES_URL" in env:
            break
    try:
        yield env
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_run_against_a_served_emulator_over_http(served_emulator: dict[str, str]) -> None:
    assert served_emulator["CUSTOMERIO_APP_API_KEY"] == "cli-app-key"
    assert served_emulator["CUSTOMERIO_APP_URL"].startswith("http://127.0.0.1:")
    code = """
        app.integrations.customerio.identify_customer({id = "cli-user", email = "cli@example.com"})
        return app.integrations.customerio.get_campaign({id = 42}).name
    """
    done = subprocess.run([sys.executable, "-m", "bridge.cli", "run", "-e", code],
                          env={**os.environ, **served_emulator}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == "Welcome Series"
    assert "emulated" not in done.stderr


@pytest.mark.parametrize("mode", [["--in-process"], []], ids=["in-process", "worker"])
@pytest.mark.parametrize(("limits", "named"), [
    ("max_instruction = 5", "'max_instruction'"),
    ("timeout_seconds = 'soon'", "timeout_seconds"),
], ids=["typo", "not-a-number"])
def test_a_bad_limits_setting_exits_2_with_one_line_naming_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: list[str], limits: str, named: str) -> None:
    config = tmp_path / "limits.toml"
    config.write_text(f"[limits]\n{limits}\n", encoding="utf-8")
    assert cli(["run", *mode, "--config", str(config), "-e", "return 1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("luabridge: ") and named in err[0], err
    if "typo" in named or "'" in named:  # an unknown key: the message lists every valid one
        assert "max_instructions, timeout_seconds" in err[0]
