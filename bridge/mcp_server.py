"""``luabridge mcp``: the runtime and its docs as Model Context Protocol tools, over stdio or HTTP.

Tools: ``run_lua`` (code in; output, value, calls, error out), ``list_docs``, ``read_doc``,
``search_docs``. Built on the official ``mcp`` SDK (2.x, ``MCPServer``). Snippets run through a
``Runner``: a ``WorkerPool`` (the CLI's default: a hung or crashed worker is killed and
replaced, the server keeps serving) or an in-process ``Runtime``. A failed run is a tool error
(``isError``) whose text begins with the error's code and message.

Calls whose policy says "ask" are put to the user through the client (MCP elicitation, form
mode; see bridge.mcp_approvals): the user sees the planned method, URL and body (no key travels
in a plan). A client that cannot ask gets ``permission_denied`` naming the policy change that
would permit the call.
Over HTTP (Streamable HTTP transport) every request needs ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any, Protocol, TypedDict

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, InputRequiredResult, TextContent

from bridge import mcp_approvals as approvals
from bridge.docs import Docs, shared_docs
from bridge.errors import BridgeError
from bridge.result import RunResult

INSTRUCTIONS = """\
This server runs Lua 5.4 snippets in a sandbox where APIs are Lua functions, e.g.
app.integrations.customerio.list_segments({}). To begin: call read_doc with topic "index"
(what the sandbox offers), then read_doc "integrations.customerio" (every function, its
parameter table and an example), or search_docs with a few words. Then send code to run_lua;
`return` the data you want back and print() anything else. A failed run is a tool error whose
text starts with "error: <code>: <message>"; inside Lua a failed call raises an error table
{code=, message=, ...} that pcall can catch. Use dry_run=true to see the requests that writes
would send without sending them. Calls the operator's policy marks "ask" are shown to the user
for approval; permission_denied says what would permit a call."""

RUN_LUA = """\
Run one Lua 5.4 snippet in a fresh sandbox and get back what it printed (`output`), what it
returned (`value`, as JSON), one record per API call (`calls`) and, if it failed, `error`
({code, message, operation, account, ...}; the codes are in read_doc("errors")). A failed run
is a tool error whose text begins with "error: <code>: <message>".
Integrations are under app.integrations.<name>.<function>{...}: each takes one table whose keys
are exactly the parameters in its docs. With dry_run=true, reads run but writes return their
planned request {dry_run=true, method=, url=, body=} instead of being sent (app.dry_run is true).
Available: string, table, math, utf8, os.time/clock/date, coroutine, pcall, json.encode/decode,
print (tables print readably). Not available: io, require, load, debug. If you have not yet,
read_doc("index") first."""

_RESULT_KEYS = ("ok", "output", "value", "error", "calls", "dry_run")


class Runner(Protocol):
    """What runs the snippets: a ``Runtime`` or a ``WorkerPool``."""

    def run(self, code: str, name: str = ..., *, dry_run: bool = False) -> RunResult:
        """Run one snippet, blocking."""
        ...

    async def arun(self, code: str, name: str = ..., *, dry_run: bool = False) -> RunResult:
        """Run one snippet without blocking the event loop."""
        ...

    def stop_thread(self, thread: int) -> None:
        """Stop the run that ``thread`` is doing, if any."""
        ...


class RunOutput(TypedDict):
    """The structured result of ``run_lua`` (a RunResult without its timings and ids)."""

    ok: bool
    output: str
    value: Any
    error: dict[str, Any] | None
    calls: list[dict[str, Any]]
    dry_run: bool


def tool_result(result: RunResult) -> CallToolResult:
    """A run as an MCP tool result: ``isError`` when it failed, its code and message first."""
    data = result.to_dict()
    output = {key: data[key] for key in _RESULT_KEYS}
    text = json.dumps(output, ensure_ascii=False)
    if result.error is not None:
        text = f"error: {result.error.code}: {result.error.message}\n{text}"
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=output,
                          is_error=not result.ok)


def build(runner: Runner, docs: Docs | None = None) -> MCPServer:
    """An MCP server whose tools run snippets through ``runner`` and read ``docs`` (default: the runner's,
    or the shared docs)."""
    docs = docs or getattr(runner, "docs", None) or shared_docs()
    server: MCPServer = MCPServer("lua-agent-bridge", instructions=INSTRUCTIONS)

    @server.tool(description=RUN_LUA)
    async def run_lua(code: str, ctx: Context,
                      dry_run: bool = False) -> Annotated[CallToolResult, RunOutput] | InputRequiredResult:
        if approvals.is_modern(ctx):  # approvals go back to the client as InputRequiredResult
            answer = await approvals.run_suspendable(ctx, lambda: runner.run(code, "mcp.lua", dry_run=dry_run),
                                                     runner.stop_thread)
            return tool_result(answer) if isinstance(answer, RunResult) else answer
        with approvals.asking_through(ctx):  # approvals are asked over the connection's back-channel
            return tool_result(await runner.arun(code, "mcp.lua", dry_run=dry_run))

    @server.tool(description="Every documentation topic, e.g. \"index\", \"errors\", \"integrations.customerio\", "
                 "\"integrations.customerio.<function>\". Start with read_doc(\"index\").")
    def list_docs() -> list[str]:
        return docs.topics

    @server.tool(description="The markdown of one documentation topic. Begin with \"index\" (the sandbox), then "
                 "\"integrations.<name>\" (the functions); \"errors\" lists every error code.")
    def read_doc(topic: str) -> str:
        try:
            return docs.read(_text(topic))
        except BridgeError as exc:
            raise ToolError(f"{exc.code}: {exc.message}") from None

    @server.tool(description="Find documentation topics by a few words (e.g. \"segments\", \"track event\"); "
                 "returns topic names with summaries, best first. Read one with read_doc.")
    def search_docs(query: str) -> list[dict[str, Any]]:
        return [dict(hit) for hit in docs.search(_text(query[:200]))]

    return server


def _text(value: str) -> str:
    """``value`` with lone surrogates replaced by "?": echoed in an answer, they would make it unsendable."""
    return value.encode("utf-8", "replace").decode("utf-8")


def serve(runner: Runner, docs: Docs) -> None:
    """Serve over stdio until the client closes the connection."""
    build(runner, docs).run("stdio")


def serve_http(runner: Runner, docs: Docs, host: str, port: int, token: str) -> None:
    """Serve the Streamable HTTP transport at ``http://host:port/mcp``; every request needs ``token``."""
    import uvicorn

    app = BearerGate(build(runner, docs).streamable_http_app(host=host), token)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    anyio.run(uvicorn.Server(config).serve)


Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class BearerGate:
    """ASGI middleware: an HTTP request without ``Authorization: Bearer <token>`` gets 401."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        if not token:
            raise ValueError("BearerGate needs a token")
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Any]],
                       send: Callable[[Any], Awaitable[None]]) -> None:
        if scope["type"] == "http" and not self._authorised(scope):
            body = json.dumps({"error": "unauthorized", "message": "This server needs the header "
                               "`Authorization: Bearer <token>` with the token it was started with."}).encode()
            await send({"type": "http.response.start", "status": 401, "headers": [
                (b"content-type", b"application/json"), (b"www-authenticate", b'Bearer realm="luabridge"'),
                (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        given = [value for name, value in scope.get("headers", ()) if name == b"authorization"]
        return len(given) == 1 and hmac.compare_digest(given[0], self.expected)
