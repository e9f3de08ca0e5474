"""API keys never leave the host: not in results, output, errors, logs, reprs, audit records, CLI or MCP
output, worker results, nor into Lua.

Every key field of every account holds a distinct random canary. The runs mix calls that succeed,
calls the emulator refuses (401), calls with a key missing, bad arguments and unreachable hosts.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from bridge import Runtime, WorkerPool
from bridge.audit import JsonLinesSink, MemorySink, Redaction
from bridge.cli import main
from bridge.result import RunResult
from integrations.customerio import Account, CustomerIO
from integrations.customerio.emulator import Credentials
from tests.cio_support import NS, Served, closed_port_url, fast_retries, lua_str, served

KEY_FIELDS = ("track_api_key", "app_api_key", "pipelines_api_key")
#: Accounts of the test: production's keys are accepted, default's refused (401), staging's host is
#: unreachable, and trackonly has no App key (missing_credentials).
ACCOUNTS = ("default", "production", "staging", "trackonly")


def canary(account: str, field: str) -> str:
    return f"cnry-{account}-{field.split('_')[0]}-{secrets.token_hex(10)}"


@pytest.fixture
def canaries() -> dict[str, dict[str, str]]:
    keys = {name: {field: canary(name, field) for field in KEY_FIELDS} for name in ACCOUNTS}
    del keys["trackonly"]["app_api_key"]
    return keys


def all_canaries(canaries: dict[str, dict[str, str]]) -> list[str]:
    return [value for fields in canaries.values() for value in fields.values()]


def assert_clean(text: str, canaries: dict[str, dict[str, str]], where: str) -> None:
    leaked = [value for value in all_canaries(canaries) if value in text]
    assert not leaked, f"{len(leaked)} key(s) leaked into {where}"


@pytest.fixture
def good(canaries: dict[str, dict[str, str]]) -> Iterator[Served]:
    """An emulator that accepts the production account's canary keys."""
    keys = canaries["production"]
    creds = Credentials(site_id="prod-site", track_api_key=keys["track_api_key"],
                        app_api_key=keys["app_api_key"], pipelines_api_key=keys["pipelines_api_key"])
    with served("production", credentials=creds) as site:
        yield site


@pytest.fixture
def other() -> Iterator[Served]:
    """An emulator with keys of its own: every canary is refused with 401."""
    with served("other") as site:
        yield site


@pytest.fixture
def cio(canaries: dict[str, dict[str, str]], good: Served, other: Served) -> Iterator[CustomerIO]:
    dead = closed_port_url()
    targets = {"default": other.server.base_urls(), "production": good.server.base_urls(),
               "staging": {"track": dead, "app": dead, "pipelines": dead},
               "trackonly": good.server.base_urls()}
    accounts = [
        Account(name=name, site_id="prod-site" if name == "production" else f"{name}-site",
                track_url=targets[name]["track"], app_url=targets[name]["app"],
                pipelines_url=targets[name]["pipelines"], **canaries[name])
        for name in ACCOUNTS
    ]
    integration = CustomerIO(accounts, retry=fast_retries())  # the dead account's retries wait in virtual time
    yield integration
    integration.close()


MIXED_SNIPPET = f"""
local cio = {NS}
local function try(label, f, args)
  local ok, err = pcall(f, args)
  if ok then print(label, "ok") return end
  print(label, tostring(err))
  print(label, err.code, err.message, err.status, err.operation, err.account)
  for k, v in pairs(err.details or {{}}) do print(label, k, tostring(v)) end
end
try("identify", cio.production.identify_customer, {{id = "u1", attributes = {{plan = "pro"}}}})
try("event", cio.production.track_event, {{id = "u1", name = "purchase"}})
try("segments", cio.production.list_segments, {{}})
try("refused-read", cio.list_segments, {{}})
try("refused-write", cio.identify_customer, {{id = "u2"}})
try("refused-user", cio.default.get_current_user, {{}})
try("unreachable-read", cio.staging.list_segments, {{}})
try("unreachable-write", cio.staging.track_event, {{id = "u", name = "n"}})
try("no-app-key", cio.trackonly.list_campaigns, {{}})
try("bad-type", cio.production.identify_customer, {{id = 42}})
try("bad-value", cio.production.track_event, {{id = "u", name = "n", data = {{f = print}}}})
try("bad-key", cio.production.identify_customer, {{id = "u", emial = "x"}})
local user = cio.production.get_current_user{{}}
print("user", user.email, user.account, user.region)
return user
"""

UNCAUGHT = [
    "cio.list_segments{}", 'cio.identify_customer{id = "u"}', "cio.staging.get_campaign{id = 1}",
    "cio.trackonly.list_segments{}", "cio.production.get_campaign{id = 999}",
    "cio.production.track_event{id = 1}",
    "cio.production.nope{}", "cio.nobody.list_segments{}", "cio.trackonly.get_current_user{}",
]


def run_everything(cio: CustomerIO) -> list[RunResult]:
    rt = Runtime([cio])
    results = [rt.run(MIXED_SNIPPET)]
    results += [rt.run(f"local cio = {NS} return {call}") for call in UNCAUGHT]
    return results


def test_the_mixed_run_did_what_the_leak_checks_rely_on(cio: CustomerIO, good: Served, other: Served) -> None:
    mixed, *uncaught = run_everything(cio)

    assert mixed.ok, mixed.error
    lines = dict(line.split("\t", 1) for line in mixed.output.splitlines() if "\t" in line)
    assert lines["identify"] == lines["segments"] == "ok"
    assert other.requests and {r.status for r in other.requests} == {401}
    assert {r.error.code for r in uncaught if r.error} >= {
        "unauthorized", "network_error", "missing_credentials", "not_found", "validation_error",
        "unknown_function", "unknown_account"}


def test_no_key_in_results_output_errors_or_logs(cio: CustomerIO, canaries: dict[str, dict[str, str]],
                                                 logs: pytest.LogCaptureFixture) -> None:
    results = run_everything(cio)

    assert logs.records, "logging was not captured"
    for i, result in enumerate(results):
        assert_clean(repr(result), canaries, f"repr of result {i}")
        assert_clean(json.dumps(result.to_dict(), default=str), canaries, f"to_dict of result {i}")
        assert_clean(result.output, canaries, f"output of result {i}")
        if result.error is not None:
            assert_clean(result.error.message + repr(result.error.details), canaries, f"error {i}")
    assert_clean(logs.text, canaries, "the log")
    assert_clean("\n".join(repr(r.args) + r.getMessage() for r in logs.records), canaries, "log records")


def test_no_key_in_reprs_of_accounts_and_integration(cio: CustomerIO,
                                                     canaries: dict[str, dict[str, str]]) -> None:
    run_everything(cio)

    texts = {
        "repr(integration)": repr(cio), "repr(integration.__dict__)": repr(vars(cio)),
        "repr(accounts)": repr(cio.accounts), "str(accounts)": str(list(cio.accounts.values())),
        "repr(runtime)": repr(Runtime([cio])),
    }
    for where, text in texts.items():
        assert_clean(text, canaries, where)


def echoing_runtime(app_key: str, track_key: str) -> tuple[Runtime, list[httpx.Request]]:
    """A runtime whose API answers 400 with the keys and the Authorization header in the error body."""
    seen: list[httpx.Request] = []

    def echo(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        leaked = f"{app_key} {track_key} {request.headers['authorization']}"
        return httpx.Response(400, json={"errors": [{"detail": f"bad credentials {leaked}"}],
                                         "meta": {"error": leaked}})

    account = Account(site_id="site", track_api_key=track_key, app_api_key=app_key)
    return Runtime([CustomerIO([account], transport=httpx.MockTransport(echo))]), seen


CALL_BY_FAMILY = {"app": "list_segments{}", "track": 'identify_customer{id = "u"}'}
ECHO_SNIPPET = """
    local ok, err = pcall(function() return {ns}.{call} end)
    print(tostring(err))
    return err.message
"""


@pytest.mark.parametrize("family", ["app", "track"])
def test_a_key_echoed_back_by_the_api_is_scrubbed_from_the_error(family: str) -> None:
    app_key, track_key = (canary("echo", f) for f in ("app_api_key", "track_api_key"))
    rt, _ = echoing_runtime(app_key, track_key)

    result = rt.run(ECHO_SNIPPET.format(ns=NS, call=CALL_BY_FAMILY[family]))

    assert result.ok and "bad credentials" in result.value
    text = repr(result) + result.output
    assert app_key not in text and track_key not in text


@pytest.mark.parametrize("family", [
    "app",
    pytest.param("track"),
])
def test_an_echoed_authorization_header_is_scrubbed_from_the_error(family: str) -> None:
    rt, seen = echoing_runtime(canary("echo", "app_api_key"), canary("echo", "track_api_key"))

    result = rt.run(ECHO_SNIPPET.format(ns=NS, call=CALL_BY_FAMILY[family]))

    assert result.ok and "bad credentials" in result.value
    token = seen[0].headers["authorization"].split(" ", 1)[1]
    assert token not in repr(result) + result.output


# -------------------------------------------------------------------------------------- the CLI


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, canaries: dict[str, dict[str, str]], good: Served,
            other: Served) -> None:
    for key in [k for k in os.environ if k.startswith("CUSTOMERIO_")]:
        monkeypatch.delenv(key)
    dead = closed_port_url()
    monkeypatch.setenv("CUSTOMERIO_MAX_RETRIES", "0")  # the dead account would otherwise back off for seconds
    urls = {"": other.server.base_urls(), "PRODUCTION_": good.server.base_urls(),
            "STAGING_": {"track": dead, "app": dead, "pipelines": dead}}
    for prefix, name in (("", "default"), ("PRODUCTION_", "production"), ("STAGING_", "staging")):
        monkeypatch.setenv(f"CUSTOMERIO_{prefix}SITE_ID", "prod-site" if name == "production" else "site")
        for field, value in canaries[name].items():
            monkeypatch.setenv(f"CUSTOMERIO_{prefix}{field.upper()}", value)
        for family, url in urls[prefix].items():
            monkeypatch.setenv(f"CUSTOMERIO_{prefix}{family.upper()}_URL", url)


@pytest.mark.parametrize("args", [
    pytest.param(["run", "-e", MIXED_SNIPPET], id="mixed"),
    pytest.param(["run", "--json", "-e", MIXED_SNIPPET], id="mixed-json"),
    pytest.param(["run", "-e", f"return {NS}.list_segments{{}}"], id="unauthorized"),
    pytest.param(["run", "--json", "-e", f"return {NS}.staging.list_segments{{}}"], id="network-json"),
    pytest.param(["run", "--account", "production", "-e", f"return {NS}.get_current_user{{}}"],
                 id="account-flag"),
    pytest.param(["run", "-e", f"return {NS}.production.get_campaign{{id = {lua_str('x')}}}"],
                 id="validation"),
])
def test_no_key_in_cli_output(cli_env: None, canaries: dict[str, dict[str, str]], args: list[str],
                              capsys: pytest.CaptureFixture[str], logs: pytest.LogCaptureFixture) -> None:
    code = main(args)

    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    assert captured.out or captured.err
    assert_clean(captured.out, canaries, "CLI stdout")
    assert_clean(captured.err, canaries, "CLI stderr")
    assert_clean(logs.text, canaries, "the log")


# ------------------------------------------------------------------------------------- from Lua

WALK = f"""
local cio = {NS}
local _ = cio.production, cio.staging, cio.default, cio.trackonly
for _, ns in ipairs({{cio, cio.production, cio.default}}) do
  local _ = ns.list_segments, ns.identify_customer, ns.get_current_user
end
local ok, refused = pcall(cio.list_segments, {{}})
local user = cio.production.get_current_user{{}}

local seen, out = {{}}, {{}}
local function walk(v, depth)
  local t = type(v)
  if t == "string" and not utf8.len(v) then
    out[#out + 1] = "binary:" .. v:gsub("[\\128-\\255]", "?")
    return
  end
  if t ~= "table" then out[#out + 1] = t .. ":" .. tostring(v) return end
  if seen[v] or depth > 30 then return end
  seen[v] = true
  local mt = getmetatable(v)
  out[#out + 1] = "mt:" .. tostring(mt)
  if type(mt) == "table" then walk(mt, depth + 1) end
  for k, x in pairs(v) do walk(k, depth + 1) walk(x, depth + 1) end
end
walk(_G, 0)
walk({{refused, user, getmetatable(""), getmetatable(refused)}}, 0)
return table.concat(out, "\\n")
"""


def test_lua_cannot_reach_a_key_through_globals_namespaces_or_metatables(
    cio: CustomerIO, canaries: dict[str, dict[str, str]]
) -> None:
    result = Runtime([cio]).run(WALK)

    assert result.ok, result.error
    text = result.value
    # The walk did go through the namespaces and the values calls returned.
    for expected in ("string:production", "string:list_segments", "string:unauthorized", "string:Acme Demo"):
        assert expected in text.splitlines(), expected
    assert_clean(text, canaries, "what Lua can reach")


def test_namespace_metatables_are_locked_and_pairs_shows_no_values(cio: CustomerIO) -> None:
    value = Runtime([cio]).run(f"""
        local cio = {NS}
        local _ = cio.production.list_segments, cio.list_segments
        local kinds = {{}}
        for _, ns in ipairs({{cio, cio.production, cio.default, cio.staging}}) do
          for k, v in pairs(ns) do kinds[#kinds + 1] = type(k) .. ":" .. type(v) end
        end
        return {{metatables = {{type(getmetatable(cio)), type(getmetatable(cio.production)),
                                type(getmetatable(cio.staging))}}, kinds = kinds}}
    """)

    assert value.ok, value.error
    assert value.value["metatables"] == ["string", "string", "string"]
    assert set(value.value["kinds"]) <= {"string:function", "string:table"}
    assert "string:function" in value.value["kinds"]


@pytest.mark.parametrize("snippet", [
    "return cio.production.track_api_key",
    "return cio.production.app_api_key",
    "return cio.secrets()",
    "return cio.default.secrets",
    "return cio.accounts.production",
    "return cio._client()",
    "return cio.production.__index",
])
def test_key_like_names_are_unknown_not_values(cio: CustomerIO, canaries: dict[str, dict[str, str]],
                                               snippet: str) -> None:
    result = Runtime([cio]).run(f"local cio = {NS} {snippet}")

    assert not result.ok and result.error is not None
    assert result.error.code in ("unknown_function", "unknown_account")
    assert_clean(repr(result), canaries, "the result")


# ------------------------------------------------- audit records, worker processes and MCP


@dataclass(frozen=True)
class CanaryRuntime:
    """The ``cio`` fixture's runtime, built in a worker process (the accounts cross the pipe once)."""

    accounts: tuple[Account, ...]

    def __call__(self) -> Runtime:
        return Runtime([CustomerIO(list(self.accounts))])


def test_no_key_in_audit_records(cio: CustomerIO, canaries: dict[str, dict[str, str]], tmp_path: Path) -> None:
    memory, lines = MemorySink(), JsonLinesSink(tmp_path / "calls.jsonl")
    runtime = Runtime([cio], audit=lambda record: (memory(record), lines(record)),
                      redaction=Redaction(emails="keep", max_string=10_000))

    runtime.run(MIXED_SNIPPET)
    for call in UNCAUGHT:
        runtime.run(f"local cio = {NS} return {call}")

    assert len(memory.records) > 10
    assert_clean(repr(memory.records), canaries, "audit records")
    assert_clean((tmp_path / "calls.jsonl").read_text(encoding="utf-8"), canaries, "the JSON-lines audit file")


def test_no_key_in_worker_results_audit_or_forwarded_logs(cio: CustomerIO, canaries: dict[str, dict[str, str]],
                                                          logs: pytest.LogCaptureFixture) -> None:
    sink = MemorySink()
    with WorkerPool(CanaryRuntime(tuple(cio.accounts.values())), audit=sink) as pool:
        results = [pool.run(MIXED_SNIPPET)] + [pool.run(f"local cio = {NS} return {call}") for call in UNCAUGHT]

    assert results[0].ok, results[0].error
    assert any(getattr(r, "worker", False) for r in logs.records), "no worker log record reached the host"
    for i, result in enumerate(results):
        assert_clean(repr(result) + json.dumps(result.to_dict(), default=str), canaries, f"worker result {i}")
    assert_clean(repr(sink.records), canaries, "audit records from workers")
    assert_clean(logs.text, canaries, "the log (worker records included)")


def test_no_key_in_the_cli_audit_file(cli_env: None, canaries: dict[str, dict[str, str]], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    audit = tmp_path / "calls.jsonl"
    for mode in (["--in-process"], []):
        main(["run", *mode, "--audit", str(audit), "-e", MIXED_SNIPPET])

    text = audit.read_text(encoding="utf-8")
    assert text.count("\n") >= 16  # both modes wrote their records
    assert_clean(text, canaries, "the CLI's audit file")
    captured = capsys.readouterr()
    assert_clean(captured.out + captured.err, canaries, "CLI output")


def test_no_key_in_mcp_run_lua(cio: CustomerIO, canaries: dict[str, dict[str, str]]) -> None:
    pytest.importorskip("mcp")
    from bridge.docs import Docs
    from bridge.mcp_server import build

    server = build(Runtime([cio]), Docs())

    async def calls() -> list[Any]:
        return [await server.call_tool("run_lua", {"code": code}) for code in
                [MIXED_SNIPPET, *(f"local cio = {NS} return {call}" for call in UNCAUGHT)]]

    answers = anyio.run(calls)
    assert "unauthorized" in repr(answers)
    assert_clean(repr(answers), canaries, "MCP run_lua answers")
