"""Approvals over MCP: a call whose policy says "ask" is put to the user through the client.

Two ways, by protocol version. Handshake-era connections (up to 2025-11-25) carry server-to-client
requests: the run's approver sends ``elicitation/create`` from the run's thread and waits for the
answer (``approve_through_client`` with the request's Context). Modern connections (2026-07-28)
have no such back-channel: the tool answers ``InputRequiredResult`` holding the elicitation, the
run waiting in the background (a ``Suspended`` run), and the client's retry with the answer resumes
it (``run_suspendable``). Either way the user sees the function, account, method, URL and body of
the planned request (plans hold no key), and a client that cannot ask gets ``permission_denied``
naming the policy setting that would permit the call.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import queue
import secrets
import threading
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import anyio.from_thread
import anyio.to_thread
from mcp.server.elicitation import render_elicitation_schema
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp_types import ElicitRequest, ElicitRequestFormParams, InputRequiredResult
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import BaseModel, Field

from bridge import aio
from bridge.policy import Declined, PlannedCall
from bridge.result import RunResult

#: What the agent is told when the client cannot show an approval request.
NO_ELICITATION = ("the call needs the user's approval, and this MCP client cannot ask for it "
                  "(it does not support elicitation)")
#: An approval request shows at most this much of the planned body.
MAX_BODY_CHARS = 4000
#: Seconds a suspended run waits for the client to come back with the user's answer.
ANSWER_SECONDS = 300.0
#: The key of the one input request an InputRequiredResult of ours holds.
_INPUT_KEY = "approve"


class Approval(BaseModel):
    """The form of an approval request: accepting it with ``approve`` true sends the call."""

    approve: bool = Field(default=True, description="Send this request")


#: How the run in progress asks: the MCP request's Context (back-channel) or its Suspended run.
_asker: contextvars.ContextVar[Context | Suspended | None] = contextvars.ContextVar("luabridge_mcp_asker",
                                                                                       default=None)


@contextlib.contextmanager
def asking_through(ctx: Context) -> Iterator[None]:
    """Within the block, approvals of the run started here are asked over ``ctx``'s back-channel."""
    token = _asker.set(ctx)
    try:
        yield
    finally:
        _asker.reset(token)


def approve_through_client(call: PlannedCall) -> bool:
    """The approver of a Runtime or WorkerPool served over MCP (runs in the run's thread).

    True when the user accepts; raises ``Declined`` with the reason otherwise.
    """
    asker = _asker.get()
    if asker is None:
        raise Declined("the call needs approval, and it was not made from an MCP request")
    if isinstance(asker, Suspended):
        return asker.ask(call)
    return anyio.from_thread.run(_elicit, asker, call)


def can_elicit(ctx: Context) -> bool:
    """Whether the client declared that it can show elicitation requests."""
    capabilities = ctx.client_capabilities
    return capabilities is not None and capabilities.elicitation is not None


async def _elicit(ctx: Context, call: PlannedCall) -> bool:
    if not can_elicit(ctx):
        raise Declined(NO_ELICITATION)
    try:
        answer = await ctx.elicit(approval_message(call), Approval)
    except (MCPError, ValueError):  # no back-channel after all, or an answer we cannot read
        raise Declined(NO_ELICITATION) from None
    return _verdict(answer.action, answer.data.model_dump() if answer.action == "accept" else None)


def _verdict(action: str, content: dict[str, Any] | None) -> bool:
    if action == "accept" and (content or {}).get("approve", True) is True:
        return True
    raise Declined("the user cancelled the approval" if action == "cancel" else "the user declined it")


def approval_message(call: PlannedCall) -> str:
    """What the user reads: the function, its class and account, and the planned request."""
    target = f"{call.method} {call.url}" if call.method else "(several requests, with these arguments)"
    body = "" if call.body is None else json.dumps(call.body, ensure_ascii=False, indent=2)
    if len(body) > MAX_BODY_CHARS:
        body = f"{body[:MAX_BODY_CHARS]}\n... ({len(body) - MAX_BODY_CHARS:,} more characters)"
    return (f"{call.integration}.{call.operation} ({call.kind}) on account '{call.account}' wants to send:\n"
            f"{target}\n{body}".rstrip() + "\n\nSend it?")


# -- modern connections: the run waits in the background between tool calls -----------------------


class Suspended:
    """A run in a thread of its own, which the client resumes by answering its approval requests."""

    def __init__(self, elicits: bool) -> None:
        self.id = secrets.token_urlsafe(18)
        self.elicits = elicits
        self.events: queue.Queue[PlannedCall | RunResult] = queue.Queue()
        self.answers: queue.Queue[tuple[str, dict[str, Any] | None]] = queue.Queue()
        self.finished = threading.Event()
        self.thread = 0

    def start(self, run: Callable[[], RunResult]) -> None:
        def body() -> None:
            _asker.set(self)
            try:
                self.events.put(run())
            finally:
                self.finished.set()
        thread = threading.Thread(target=body, name="luabridge-mcp-run", daemon=True)
        thread.start()
        self.thread = thread.ident or 0

    def ask(self, call: PlannedCall) -> bool:
        """In the run's thread: hand the call to the tool handler and wait for the user's answer."""
        if not self.elicits:
            raise Declined(NO_ELICITATION)
        self.events.put(call)
        try:
            action, content = self.answers.get(timeout=ANSWER_SECONDS)
        except queue.Empty:
            _SUSPENDED.pop(self.id, None)
            raise Declined("the MCP client did not come back with the user's answer") from None
        return _verdict(action, content)

    async def next_event(self) -> CallToolResultOrInput:
        """The run's result, or the approval request the client must now put to the user."""
        event = await anyio.to_thread.run_sync(self.events.get, abandon_on_cancel=True)
        if isinstance(event, RunResult):
            return event
        _SUSPENDED[self.id] = self
        request = ElicitRequest(params=ElicitRequestFormParams(
            message=approval_message(event), requested_schema=render_elicitation_schema(Approval)))
        return InputRequiredResult(input_requests={_INPUT_KEY: request}, request_state=self.id)


CallToolResultOrInput = RunResult | InputRequiredResult
#: Runs waiting for the client's answer, by the request_state handed to it.
_SUSPENDED: dict[str, Suspended] = {}


def is_modern(ctx: Context) -> bool:
    """Whether the connection speaks a protocol without server-to-client requests (2026-07-28 on)."""
    return ctx.protocol_version in MODERN_PROTOCOL_VERSIONS


async def run_suspendable(ctx: Context, run: Callable[[], RunResult],
                          stop: Callable[[int], None]) -> CallToolResultOrInput:
    """A tool call on a modern connection: start ``run`` (or resume the run the client answers for).

    When the call is cancelled while the run goes on, ``stop`` is given the run's thread until it ends.
    """
    suspended = _SUSPENDED.pop(ctx.request_state, None) if ctx.request_state else None
    if suspended is None:
        if ctx.request_state:
            raise ToolError("This approval is no longer pending (it was answered or timed out); call run_lua again.")
        suspended = Suspended(can_elicit(ctx))
        suspended.start(run)
    else:
        suspended.answers.put(_answer(ctx))
    try:
        return await suspended.next_event()
    except anyio.get_cancelled_exc_class():
        threading.Thread(target=aio.stop_until_finished, args=(suspended.finished, suspended.thread, stop),
                         daemon=True).start()
        raise


def _answer(ctx: Context) -> tuple[str, dict[str, Any] | None]:
    response = (ctx.input_responses or {}).get(_INPUT_KEY)
    action = getattr(response, "action", None)
    content = getattr(response, "content", None)
    return (action if isinstance(action, str) else "decline", content if isinstance(content, dict) else None)
