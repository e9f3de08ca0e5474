"""``luabridge mcp``: the runtime and its docs as Model Context Protocol tools over stdio.

Tools: ``run_lua`` (code in; output, value, calls, error out), ``list_docs``, ``read_doc``,
``search_docs``. Built on the official ``mcp`` SDK (2.x, ``MCPServer``). Runs go to a worker
thread (``Runtime.run`` blocks), one at a time: the Runtime serialises them. Calls whose
policy says "ask" are denied here, since nobody can be asked over stdio; configure the
account's policy to allow what the agent may do.
"""

from __future__ import annotations

from typing import Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from bridge.errors import BridgeError
from bridge.runtime import Runtime

INSTRUCTIONS = """\
This server runs Lua 5.4 snippets in a sandbox where APIs are Lua functions, e.g.
app.integrations.customerio.list_segments({}). To begin: call read_doc with topic "index"
(what the sandbox offers), then read_doc "integrations.customerio" (every function, its
parameter table and an example), or search_docs with a few words. Then send code to run_lua;
`return` the data you want back and print() anything else. A failed call raises a Lua error
table {code=, message=, ...}; catch it with pcall. Use dry_run=true to see the requests that
writes would send without sending them."""

RUN_LUA = """\
Run one Lua 5.4 snippet in a fresh sandbox and get back what it printed (`output`), what it
returned (`value`, as JSON), one record per API call (`calls`) and, if it failed, `error`
({code, message, operation, account, ...}; the codes are in read_doc("errors")).
Integrations are under app.integrations.<name>.<function>{...}: each takes one table whose keys
are exactly the parameters in its docs. With dry_run=true, reads run but writes return their
planned request {dry_run=true, method=, url=, body=} instead of being sent (app.dry_run is true).
Available: string, table, math, utf8, os.time/clock/date, coroutine, pcall, json.encode/decode,
print (tables print readably). Not available: io, require, load, debug. If you have not yet,
read_doc("index") first."""


def build(runtime: Runtime) -> MCPServer:
    """An MCP server whose tools run snippets in ``runtime`` and read its docs."""
    server: MCPServer = MCPServer("lua-agent-bridge", instructions=INSTRUCTIONS)

    @server.tool(description=RUN_LUA)
    async def run_lua(code: str, dry_run: bool = False) -> dict[str, Any]:
        result = await anyio.to_thread.run_sync(lambda: runtime.run(code, name="mcp.lua", dry_run=dry_run))
        data = result.to_dict()
        return {key: data[key] for key in ("ok", "output", "value", "error", "calls", "dry_run")}

    @server.tool(description="Every documentation topic, e.g. \"index\", \"errors\", \"integrations.customerio\", "
                 "\"integrations.customerio.<function>\". Start with read_doc(\"index\").")
    def list_docs() -> list[str]:
        return runtime.docs.topics

    @server.tool(description="The markdown of one documentation topic. Begin with \"index\" (the sandbox), then "
                 "\"integrations.<name>\" (the functions); \"errors\" lists every error code.")
    def read_doc(topic: str) -> str:
        try:
            return runtime.docs.read(_text(topic))
        except BridgeError as exc:
            raise ToolError(exc.message) from None

    @server.tool(description="Find documentation topics by a few words (e.g. \"segments\", \"track event\"); "
                 "returns topic names with summaries, best first. Read one with read_doc.")
    def search_docs(query: str) -> list[dict[str, Any]]:
        return [dict(hit) for hit in runtime.docs.search(_text(query[:200]))]

    return server


def _text(value: str) -> str:
    """``value`` with lone surrogates replaced by "?": echoed in an answer, they would make it unsendable."""
    return value.encode("utf-8", "replace").decode("utf-8")


def serve(runtime: Runtime) -> None:
    """Serve ``runtime`` over stdio until the client closes the connection."""
    build(runtime).run("stdio")
