"""``luabridge mcp``: a real MCP client session over stdio, through the SDK's own client."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import anyio
import pytest
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def server_params() -> StdioServerParameters:
    # No CUSTOMERIO_* variables: the server runs against its built-in emulated workspace.
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUSTOMERIO_")}
    env["PYTHONPATH"] = str(REPO)
    return StdioServerParameters(command=sys.executable, args=["-m", "bridge.cli", "mcp"], env=env, cwd=str(REPO))


def structured(result: Any) -> Any:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        content = result.structured_content
        return content.get("result", content) if isinstance(content, dict) and set(content) == {"result"} else content
    return json.loads(result.content[0].text)


def session_transcript() -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def main() -> None:
        with anyio.fail_after(60):
            async with stdio_client(server_params()) as (read, write), ClientSession(read, write) as session:
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
                seen["failed"] = structured(await session.call_tool("run_lua", {"code": (
                    'return app.integrations.customerio.get_campaign({id = 999999})')}))

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
    assert 'read_doc with topic "index"' in transcript["instructions"]


def test_docs_tools_serve_the_same_docs_as_lua(transcript: dict[str, Any]) -> None:
    assert "integrations.customerio" in transcript["topics"] and "index" in transcript["topics"]
    assert transcript["index"].content[0].text == (REPO / "lua_docs" / "index.md").read_text(encoding="utf-8")
    assert transcript["missing"].is_error and "No documentation topic" in transcript["missing"].content[0].text
    assert transcript["search"][0]["topic"].endswith("list_segments")


def test_run_lua_returns_output_value_and_call_records(transcript: dict[str, Any]) -> None:
    run = transcript["run"]
    assert run["ok"] is True and run["error"] is None
    assert run["output"] == "{n = 1}\n"
    assert isinstance(run["value"], int) and run["value"] > 0
    assert [c["operation"] for c in run["calls"]] == ["identify_customer", "list_segments"]
    assert [c["kind"] for c in run["calls"]] == ["write", "read"]
    assert "m@example.com" not in json.dumps(run["calls"])  # emails are hashed in records


def test_run_lua_dry_run_and_errors(transcript: dict[str, Any]) -> None:
    dry = transcript["dry"]
    assert dry["dry_run"] is True and dry["value"]["dry_run"] is True
    assert dry["value"]["method"] == "PUT" and dry["value"]["url"].endswith("/api/v1/customers/mcp-2")
    failed = transcript["failed"]
    assert failed["ok"] is False and failed["error"]["code"] == "not_found"
