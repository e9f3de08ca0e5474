"""Keys stay host-side even when the upstream reflects every request header back (a gateway or proxy
that echoes the request): in result tables, send_bulk failures, error messages and details, plans,
approval requests, call records, the audit file, DEBUG logs (httpx/httpcore included), CLI and MCP
output. Each configured key is looked for raw, as its Basic token, and in part (minus its ends).
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import anyio
import pytest

from bridge import Runtime
from bridge.audit import JsonLinesSink, MemorySink, Redaction
from bridge.cli import main
from bridge.policy import PlannedCall
from integrations.customerio import Account, CustomerIO
from tests.cio_support import fast_retries

NS = "app.integrations.customerio"


class _Reflector(BaseHTTPRequestHandler):
    """Answers every request with its own headers: in the body (every shape the client reads a reason or
    a failure from) and in response headers (Retry-After included)."""

    status = 200

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        echoed = dict(self.headers.items())
        joined = "; ".join(f"{k}: {v}" for k, v in echoed.items())
        body = json.dumps({
            "headers": echoed, "echo": joined, "meta": {"error": joined}, "message": joined,
            "errors": [{"batch_index": 0, "reason": joined, "field": joined, "message": joined}],
            "segments": [{"id": 1, "name": joined}], "region": "us",
        }).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Retry-After", self.headers.get("Authorization", "1"))
        self.send_header("X-Echo-Authorization", self.headers.get("Authorization", ""))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args: Any) -> None:
        pass


def _serve(status: int) -> Iterator[str]:
    handler = type(f"Reflect{status}", (_Reflector,), {"status": status})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def ok_host() -> Iterator[str]:
    yield from _serve(200)


@pytest.fixture(scope="module")
def refused_host() -> Iterator[str]:
    yield from _serve(401)


@pytest.fixture
def keys() -> dict[str, dict[str, str]]:
    return {name: {f: f"k{name[:2]}{f[:3]}-{secrets.token_hex(12)}" for f in
                   ("track_api_key", "app_api_key", "pipelines_api_key", "password")}
            for name in ("good", "bad")}


def accounts(keys: dict[str, dict[str, str]], ok_host: str, refused_host: str) -> list[Account]:
    made = []
    for name, host in (("good", ok_host), ("bad", refused_host)):
        k = keys[name]
        base = f"http://user-{name}:{k['password']}@{host}"
        made.append(Account(name=name, site_id=f"site-{name}", track_api_key=k["track_api_key"],
                            app_api_key=k["app_api_key"], pipelines_api_key=k["pipelines_api_key"],
                            track_url=base, app_url=base, pipelines_url=base))
    return made


def forms(keys: dict[str, dict[str, str]]) -> list[str]:
    """Every key raw, as Basic tokens, and in part (its first and last characters cut off)."""
    found = []
    for name, k in keys.items():
        account = Account(name=name, site_id=f"site-{name}", track_api_key=k["track_api_key"],
                          pipelines_api_key=k["pipelines_api_key"],
                          app_url=f"http://user-{name}:{k['password']}@h")
        for value in (*k.values(), *account.secrets()):
            found += [value, value[:-4], value[4:]] if len(value) >= 16 else [value]
    return sorted(set(found))


def assert_clean(text: str, keys: dict[str, dict[str, str]], where: str) -> None:
    leaked = [v for v in forms(keys) if v in text]
    assert not leaked, f"{len(leaked)} key form(s) leaked into {where}: {leaked[:3]}"


SNIPPET = f"""
local out = {{}}
local function dump(v, depth)
  depth = depth or 0
  if type(v) ~= "table" or depth > 8 then out[#out + 1] = tostring(v) return end
  for k, x in pairs(v) do out[#out + 1] = tostring(k) dump(x, depth + 1) end
end
local function try(f, args) local ok, r = pcall(f, args) dump(r) end
for _, acct in ipairs({{"good", "bad"}}) do
  local cio = {NS}[acct]
  try(cio.list_segments, {{}})
  try(cio.identify_customer, {{id = "u1", attributes = {{plan = "pro"}}}})
  try(cio.track_user_event, {{user_id = "u1", event = "purchase"}})
  try(cio.send_bulk, {{operations = {{{{id = "u1", name = "e1"}}, {{id = "u2", name = "e2"}}}}}})
  try(cio.get_person_attributes, {{id = "u1"}})
  try(cio.send_email, {{transactional_message_id = 1, identifiers = {{id = "u1"}}, to = "a@b.example"}})
  try(cio.delete_customer, {{id = "u1"}})
end
print(table.concat(out, "\\n"))
return out
"""


def test_reflected_headers_reach_no_output_surface(keys: dict[str, dict[str, str]], ok_host: str,
                                                   refused_host: str, tmp_path: Path,
                                                   logs: pytest.LogCaptureFixture) -> None:
    asked: list[PlannedCall] = []
    memory, lines = MemorySink(), JsonLinesSink(tmp_path / "calls.jsonl")
    cio = CustomerIO(accounts(keys, ok_host, refused_host), retry=fast_retries())
    rt = Runtime([cio], audit=lambda r: (memory(r), lines(r)), redaction=Redaction(emails="keep", max_string=10**5),
                 approve=lambda call: bool(asked.append(call)) or True)

    results = [rt.run(SNIPPET), rt.run(SNIPPET, dry_run=True)]
    cio.close()

    live = results[0]
    assert live.ok, live.error
    assert "[redacted]" in live.output, "the reflector was not reached"
    assert asked and len(memory.records) >= 28
    for i, result in enumerate(results):
        assert_clean(repr(result) + json.dumps(result.to_dict(), default=str), keys, f"RunResult {i}")
    assert_clean(repr(asked), keys, "approval requests")
    assert_clean(repr(memory.records), keys, "call records")
    assert_clean((tmp_path / "calls.jsonl").read_text(encoding="utf-8"), keys, "the audit file")
    assert any(r.name.startswith("httpcore") for r in logs.records), "httpcore did not log at DEBUG"
    assert_clean(logs.text, keys, "the log at DEBUG")


def test_reflected_headers_stay_out_of_cli_and_mcp(keys: dict[str, dict[str, str]], ok_host: str,
                                                   refused_host: str, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str],
                                                   logs: pytest.LogCaptureFixture) -> None:
    for account in accounts(keys, ok_host, refused_host):
        prefix = f"CUSTOMERIO_{account.name.upper()}_"
        monkeypatch.setenv(prefix + "SITE_ID", str(account.site_id))
        for key in ("track_api_key", "app_api_key", "pipelines_api_key"):
            monkeypatch.setenv(prefix + key.upper(), str(account.secret(key)))
        for family in ("track", "app", "pipelines"):
            monkeypatch.setenv(prefix + f"{family.upper()}_URL", str(getattr(account, f"{family}_url")))
    monkeypatch.setenv("CUSTOMERIO_MAX_RETRIES", "0")
    for mode in (["--in-process"], ["--json", "--in-process"], ["--dry-run", "--in-process"]):
        main(["run", *mode, "-e", SNIPPET])
    captured = capsys.readouterr()
    assert "[redacted]" in captured.out + captured.err
    assert_clean(captured.out + captured.err, keys, "CLI output")

    pytest.importorskip("mcp")
    from bridge.mcp_server import build

    server = build(Runtime([CustomerIO(accounts(keys, ok_host, refused_host), retry=fast_retries())]))
    answers = anyio.run(lambda: server.call_tool("run_lua", {"code": SNIPPET}))
    assert "redacted" in repr(answers)
    assert_clean(repr(answers), keys, "MCP answers")
    assert_clean(logs.text, keys, "the log at DEBUG")


def test_a_guessed_key_is_refused_not_echoed(keys: dict[str, dict[str, str]], ok_host: str,
                                             refused_host: str) -> None:
    rt = Runtime([CustomerIO(accounts(keys, ok_host, refused_host), retry=fast_retries())])
    key = keys["good"]["app_api_key"]
    result = rt.run(f'return {NS}.good.identify_customer{{id = "u", attributes = {{note = "x{key}y"}}}}')
    assert result.error is not None and result.error.code == "validation_error"
    assert "credential" in result.error.message and key not in repr(result)
    assert "[redacted]" not in repr(result.value)


def test_no_url_password_in_reprs(keys: dict[str, dict[str, str]], ok_host: str, refused_host: str) -> None:
    made = accounts(keys, ok_host, refused_host)
    assert "user-good:[redacted]@" not in repr(made)  # the whole userinfo goes, user name included
    assert "[redacted]@127.0.0.1" in repr(made)
    assert_clean(repr(made) + repr(CustomerIO(made).accounts), keys, "account reprs")
