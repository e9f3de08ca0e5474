"""``luabridge mcp``: real MCP client sessions through the SDK's own client, over stdio and Streamable HTTP."""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client, ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import ElicitRequestParams, ElicitResult

from bridge.cli import main as cli
from bridge.docs import shared_docs
from bridge.mcp_server import build
from bridge.workers import WorkerPool
from integrations.customerio.emulator import Credentials
from tests.cio_support import NS, Served, served
from tests.conftest import REPO
from tests.helpers import stuck_runtime

pytestmark = pytest.mark.slow

#: Keys of the served workspace: none may reach anything the client sees.
CANARIES = Credentials(site_id="site-canary-5e1f", track_api_key="trk-canary-0b9d27",
                       app_api_key="app-canary-77c3aa", pipelines_api_key="pipe-canary-4d02")
WRITE = f'return {NS}.identify_customer({{id = "mcp-ask", email = "ask@example.com", attributes = {{plan = "pro"}}}})'


def server_env(**extra: str) -> dict[str, str]:
    # Without CUSTOMERIO_* variables the server runs against its built-in emulated workspace.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUSTOMERIO_", "LUABRIDGE_"))}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def served_env(workspace: Served, **extra: str) -> dict[str, str]:
    """The environment of a server whose default account is ``workspace``, with its canary keys."""
    keys = workspace.credentials
    return server_env(
        CUSTOMERIO_SITE_ID=keys.site_id, CUSTOMERIO_TRACK_API_KEY=keys.track_api_key,
        CUSTOMERIO_APP_API_KEY=keys.app_api_key, CUSTOMERIO_PIPELINES_API_KEY=keys.pipelines_api_key,
        **{f"CUSTOMERIO_{family.upper()}_URL": url for family, url in workspace.server.base_urls().items()}, **extra)


def stdio(env: dict[str, str], *args: str) -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=["-m", "bridge.cli", "mcp", *args], env=env,
                                 cwd=str(REPO))


def structured(result: Any) -> Any:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        content = result.structured_content
        return content.get("result", content) if isinstance(content, dict) and set(content) == {"result"} else content
    return json.loads(result.content[0].text)


class Approver:
    """An elicitation callback that answers with ``answers`` in turn and keeps every message it was shown."""

    def __init__(self, *answers: str) -> None:
        self.answers, self.messages = list(answers), []

    async def __call__(self, context: Any, params: ElicitRequestParams) -> ElicitResult:
        self.messages.append(params.message)
        action = self.answers.pop(0)
        return ElicitResult(action=action, content={"approve": True} if action == "accept" else None)


# -- stdio --------------------------------------------------------------------------------------------


def session_transcript() -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def main() -> None:
        with anyio.fail_after(60):
            async with stdio_client(stdio(server_env())) as (read, write), ClientSession(read, write) as session:
                init = await session.initialize()
                seen["instructions"] = init.instructions
                seen["tools"] = {t.name: t for t in (await session.list_tools()).tools}
                seen["topics"] = structured(await session.call_tool("list_docs", {}))
                seen["index"] = await session.call_tool("read_doc", {"topic": "index"})
                seen["missing"] = await session.call_tool("read_doc", {"topic": "no.such.topic"})
                seen["search"] = structured(await session.call_tool("search_docs", {"query": "segments"}))
                seen["run"] = structured(await session.call_tool("run_lua", {"code": (
                    'print({n = 1})\n'
                    'app.integrations.customerio.identify_customer({id = "mcp-1", email = "m@example.com"})\n'
                    'return #app.integrations.customerio.list_segments({}).segments')}))
                seen["dry"] = structured(await session.call_tool("run_lua", {"dry_run": True, "code": (
                    'return app.integrations.customerio.identify_customer({id = "mcp-2"})')}))
                seen["failed"] = await session.call_tool("run_lua", {"code": (
                    'return app.integrations.customerio.get_campaign({id = 999999})')})
                seen["syntax"] = await session.call_tool("run_lua", {"code": "return +"})

    anyio.run(main)
    return seen


@pytest.fixture(scope="module")
def transcript() -> dict[str, Any]:
    return session_transcript()


def test_tools_are_listed_with_descriptions_that_say_how_to_begin(transcript: dict[str, Any]) -> None:
    tools = transcript["tools"]
    assert set(tools) == {"run_lua", "read_doc", "list_docs", "search_docs"}
    assert 'read_doc("index")' in tools["run_lua"].description
    assert "index" in tools["read_doc"].description and "index" in tools["list_docs"].description
    assert set(tools["run_lua"].input_schema["properties"]) == {"code", "dry_run"}
    assert set(tools["run_lua"].output_schema["properties"]) == {"ok", "output", "value", "error", "calls", "dry_run"}
    assert 'read_doc with topic "index"' in transcript["instructions"]


def test_docs_tools_serve_the_same_docs_as_lua(transcript: dict[str, Any]) -> None:
    assert "integrations.customerio" in transcript["topics"] and "index" in transcript["topics"]
    assert transcript["index"].content[0].text == (REPO / "lua_docs" / "index.md").read_text(encoding="utf-8")
    missing = transcript["missing"]
    assert missing.is_error and "unknown_topic: No documentation topic" in missing.content[0].text
    assert transcript["search"][0]["topic"].endswith("list_segments")


def test_run_lua_returns_output_value_and_call_records(transcript: dict[str, Any]) -> None:
    run = transcript["run"]
    assert run["ok"] is True and run["error"] is None
    assert run["output"] == "{n = 1}\n"
    assert isinstance(run["value"], int) and run["value"] > 0
    assert [c["operation"] for c in run["calls"]] == ["identify_customer", "list_segments"]
    assert [c["kind"] for c in run["calls"]] == ["write", "read"]
    assert "m@example.com" not in json.dumps(run["calls"])  # emails are hashed in records


def test_run_lua_dry_run(transcript: dict[str, Any]) -> None:
    dry = transcript["dry"]
    assert dry["dry_run"] is True and dry["value"]["dry_run"] is True
    assert dry["value"]["method"] == "PUT" and dry["value"]["url"].endswith("/api/v1/customers/mcp-2")


def test_a_failed_run_is_a_tool_error_with_its_code_and_message_first(transcript: dict[str, Any]) -> None:
    for key, code in (("failed", "not_found"), ("syntax", "syntax_error")):
        result = transcript[key]
        assert result.is_error is True
        text = result.content[0].text
        assert text.startswith(f"error: {code}: "), text
        assert result.structured_content["ok"] is False and result.structured_content["error"]["code"] == code
        assert json.loads(text.split("\n", 1)[1])["error"]["code"] == code


async def approve_then_decline(session: Any) -> list[Any]:
    """Two writes that need approval: the Approver accepts the first and declines the second."""
    return [await session.call_tool("run_lua", {"code": WRITE}),
            await session.call_tool("run_lua", {"code": WRITE.replace("mcp-ask", "mcp-no")})]


def check_approve_then_decline(approver: Approver, results: list[Any], sent: list[tuple[str, str]]) -> None:
    approved, declined = results
    assert not approved.is_error and approved.structured_content["calls"][0]["approval"] == "approved"
    assert declined.is_error and declined.content[0].text.startswith("error: permission_denied: ")
    assert "the user declined it" in declined.content[0].text
    assert declined.structured_content["calls"][0]["approval"] == "declined"
    assert sent == [("PUT", "/track/api/v1/customers/mcp-ask")]  # the declined one was never sent
    first = approver.messages[0]
    assert "identify_customer (write) on account 'default'" in first
    assert "PUT http://" in first and "/api/v1/customers/mcp-ask" in first and '"plan": "pro"' in first
    shown = json.dumps([approver.messages, [r.model_dump() for r in results]])
    for key in (CANARIES.site_id, CANARIES.track_api_key, CANARIES.app_api_key, CANARIES.pipelines_api_key):
        assert key not in shown


@pytest.mark.parametrize("protocol", ["handshake", "modern"])
def test_ask_is_approved_and_then_declined_through_elicitation(protocol: str) -> None:
    """Handshake-era sessions are asked over the back-channel; 2026-07-28 ones through InputRequiredResult."""
    approver = Approver("accept", "decline")

    async def main(env: dict[str, str]) -> list[Any]:
        with anyio.fail_after(60):
            if protocol == "modern":
                async with Client(stdio(env), elicitation_callback=approver) as client:
                    assert client.protocol_version == "2026-07-28"
                    return await approve_then_decline(client)
            async with stdio_client(stdio(env)) as (read, write), \
                    ClientSession(read, write, elicitation_callback=approver) as session:
                await session.initialize()
                return await approve_then_decline(session)

    with served(credentials=CANARIES) as workspace:
        results = anyio.run(main, served_env(workspace, CUSTOMERIO_POLICY_WRITE="ask"))
        check_approve_then_decline(approver, results, [(r.method, r.path) for r in workspace.requests])


def test_a_client_that_cannot_elicit_is_told_what_would_permit_the_call() -> None:
    async def main() -> list[Any]:
        with anyio.fail_after(60):
            params = stdio(server_env(CUSTOMERIO_POLICY_WRITE="ask"), "--in-process")
            async with stdio_client(params) as (r, w), ClientSession(r, w) as session:
                await session.initialize()
                handshake = await session.call_tool("run_lua", {"code": WRITE})
            async with Client(params) as client:
                return [handshake, await client.call_tool("run_lua", {"code": WRITE})]

    for result in anyio.run(main):
        text = result.content[0].text
        assert result.is_error and text.startswith("error: permission_denied: identify_customer (write) was not sent")
        assert "this MCP client cannot ask for it (it does not support elicitation)" in text
        assert "CUSTOMERIO_DEFAULT_POLICY_ALLOW=identify_customer" in text and "--allow identify_customer" in text


def test_read_only_mode_refuses_writes_over_mcp() -> None:
    async def main() -> list[Any]:
        with anyio.fail_after(60):
            async with Client(stdio(server_env(), "--in-process", "--read-only")) as client:
                return [await client.call_tool("run_lua", {"code": WRITE}),
                        await client.call_tool("run_lua", {"code": f"return #{NS}.list_segments({{}}).segments"})]

    write, read = anyio.run(main)
    text = write.content[0].text
    assert write.is_error and text.startswith("error: permission_denied: identify_customer (write) was not sent")
    assert "read-only mode" in text and "restart the host without --read-only" in text
    assert structured(read)["value"] > 0


# -- worker isolation -------------------------------------------------------------------------------


def test_a_snippet_that_would_hang_in_process_times_out_and_the_server_keeps_serving() -> None:
    async def main(pool: WorkerPool) -> list[Any]:
        with anyio.fail_after(60):
            async with Client(build(pool, shared_docs()), mode="legacy") as client:
                stuck = await client.call_tool("run_lua", {"code": 'app.integrations.echo.stuck({seconds = 600})'})
                after = await client.call_tool("run_lua", {"code": 'return app.integrations.echo.back({value = 7})'})
                return [stuck, after]

    with WorkerPool(stuck_runtime, size=1, grace_seconds=0.5) as pool:
        first_pid = pool.pids()
        started = time.monotonic()
        stuck, after = anyio.run(main, pool)
        elapsed = time.monotonic() - started
        assert pool.pids() != first_pid  # the stuck worker was killed and replaced
    assert stuck.is_error and stuck.content[0].text.startswith("error: timeout: ")
    assert structured(after)["value"] == 7
    assert elapsed < 30


@pytest.mark.parametrize("mode", ["legacy", "auto"])
def test_a_tools_call_the_client_cancels_kills_its_worker(mode: str) -> None:
    async def main(pool: WorkerPool) -> Any:
        with anyio.fail_after(60):
            async with Client(build(pool, shared_docs()), mode=mode) as client:
                assert (client.protocol_version == "2026-07-28") is (mode == "auto")  # both approval paths
                first = pool.pids()
                with anyio.move_on_after(1.0):  # the client gives up; the SDK sends notifications/cancelled
                    await client.call_tool("run_lua", {"code": 'app.integrations.echo.stuck({seconds = 600})'})
                while pool.pids() == first:  # the worker is killed long before the run's 60 s deadline
                    await anyio.sleep(0.05)
                return await client.call_tool("run_lua", {"code": "return 5"})

    with WorkerPool(functools.partial(stuck_runtime, 60), size=1) as pool:
        assert structured(anyio.run(main, pool))["value"] == 5


# -- Streamable HTTP --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def http_server() -> Iterator[tuple[str, Served]]:
    """``luabridge mcp --http`` (worker pool, writes need approval) on a free loopback port; yields its URL."""
    port = free_port()
    with served(credentials=CANARIES) as workspace:
        env = served_env(workspace, LUABRIDGE_MCP_TOKEN="s3cret-token", CUSTOMERIO_POLICY_WRITE="ask")
        process = subprocess.Popen([sys.executable, "-m", "bridge.cli", "mcp", "--http", f"127.0.0.1:{port}",
                                    "--workers", "1"], env=env, cwd=str(REPO),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        yield from _until_closed(process, port, workspace)


def _until_closed(process: subprocess.Popen[bytes], port: int, workspace: Served) -> Iterator[tuple[str, Served]]:
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the HTTP server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp", workspace
    finally:
        process.terminate()
        process.wait(10)


def over_http(url: str, token: str, *calls: tuple[str, dict[str, Any]], approver: Approver | None = None) -> list[Any]:
    async def main() -> list[Any]:
        with anyio.fail_after(60):
            async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}) as http, \
                    streamable_http_client(url, http_client=http) as (read, write), \
                    ClientSession(read, write, elicitation_callback=approver) as session:
                await session.initialize()
                return [await session.call_tool(name, args) for name, args in calls]

    return anyio.run(main)


def test_http_serves_the_tools_to_a_client_with_the_token(http_server: tuple[str, Served]) -> None:
    url, workspace = http_server
    approver = Approver("accept", "decline")
    ok, failed, approved, declined = over_http(
        url, "s3cret-token", ("run_lua", {"code": f"return #{NS}.list_segments({{}}).segments"}),
        ("run_lua", {"code": "error('boom')"}), ("run_lua", {"code": WRITE}),
        ("run_lua", {"code": WRITE.replace("mcp-ask", "mcp-no")}), approver=approver)
    assert structured(ok)["value"] > 0
    assert failed.is_error and failed.content[0].text.startswith("error: runtime_error: ")
    sent = [(r.method, r.path) for r in workspace.requests if r.method != "GET"]
    check_approve_then_decline(approver, [approved, declined], sent)


def test_http_refuses_a_request_without_the_right_token(http_server: tuple[str, Served]) -> None:
    url = http_server[0]
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}}
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"}):
        response = httpx.post(url, json=init, headers={**headers, **auth}, timeout=10)
        assert response.status_code == 401 and response.json()["error"] == "unauthorized"
        assert response.headers["www-authenticate"].startswith("Bearer")
    with pytest.raises(Exception):  # noqa: B017 - the SDK wraps the 401 in its own exception group
        over_http(url, "wrong", ("list_docs", {}))
    assert httpx.post(url, json=init, headers={**headers, "Authorization": "Bearer s3cret-token"},
                      timeout=10).status_code == 200


def test_http_beyond_loopback_needs_a_token(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Any) -> None:
    monkeypatch.delenv("LUABRIDGE_MCP_TOKEN", raising=False)
    assert cli(["mcp", "--http", "0.0.0.0:0"]) == 2
    assert "needs a bearer token: set LUABRIDGE_MCP_TOKEN or pass --token-file FILE" in capsys.readouterr().err
    empty = tmp_path / "token"
    empty.write_text("\n")
    assert cli(["mcp", "--http", "0.0.0.0:0", "--token-file", str(empty)]) == 2
    assert cli(["mcp", "--http", "localhost:http"]) == 2
    assert "expected [HOST:]PORT" in capsys.readouterr().err
