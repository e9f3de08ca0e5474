"""Host-side work stays bounded (issue 12): redaction and validation of hostile arguments finish well
inside a short deadline, call records and audit lines have a size cap, secrets are scrubbed before any
cut, and the CLI and MCP server never emit what a terminal or a JSON-RPC stream cannot take."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from bridge import Limits, Runtime
from bridge.audit import JsonLinesSink, Redaction
from bridge.cli import main as cli
from bridge.scrub import Scrubber
from integrations.customerio import CustomerIO
from integrations.customerio.client import api_message

CIO = "app.integrations.customerio"
SHORT = Limits(timeout_seconds=2)


def test_keys_full_of_at_signs_are_redacted_inside_the_deadline(tmp_path: Path) -> None:
    rt = Runtime([CustomerIO.emulated()], limits=SHORT, audit=JsonLinesSink(tmp_path / "a.jsonl"))
    code = f"""local t = {{}}
    for i = 1, 50 do t["@" .. string.rep("a@", 1) .. string.rep("b", 1000) .. i] = "@" .. string.rep("c", 1000) end
    local ok, e = pcall({CIO}.identify_customer, t)
    local ok2 = pcall({CIO}.identify_customer, {{id = "u", attributes = t}})
    return e.code"""
    result = rt.run(code)
    assert result.ok, result.error
    assert result.value == "validation_error" and len(result.calls) == 2


def test_ninety_thousand_near_miss_keys_fail_inside_the_deadline() -> None:
    rt = Runtime([CustomerIO.emulated()], limits=SHORT)
    code = f"""local t = {{id = "u"}} for i = 1, 90000 do t["emial" .. i] = "x" end
    local ok, e = pcall({CIO}.identify_customer, t) return e.details"""
    result = rt.run(code)
    assert result.ok, result.error
    assert len(result.value["problems"]) == 20 and result.value["count"] == 90000


def test_call_records_and_audit_lines_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "calls.jsonl"
    rt = Runtime([CustomerIO.emulated()], audit=JsonLinesSink(path))
    code = f"""local s = string.rep("z", 256) local a = {{}} for i = 1, 38 do a[i] = s end
    local b = {{}} for i = 1, 50 do b[i] = a end local c = {{}} for i = 1, 20 do c["k" .. i] = b end
    for i = 1, 10 do pcall({CIO}.identify_customer, {{id = "u", attributes = {{a = c}}}}) end return 1"""
    result = rt.run(code)
    assert result.ok, result.error
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10
    cap = Redaction().max_record
    assert all(len(line) < 2 * cap for line in lines), max(map(len, lines))
    assert "[cut: record size limit]" in lines[0]
    assert len(json.dumps([c.to_dict() for c in result.calls])) < 20 * cap


def test_a_secret_is_scrubbed_before_a_message_is_cut() -> None:
    key = "sk-" + "q" * 40
    scrubber = Scrubber([key])
    for at in range(0, 320, 7):
        assert key[:8] not in scrubber.cut("x" * at + key, 300)
        body = {"meta": {"error": "x" * at + key}}
        message = api_message(httpx.Response(401, json=body), Scrubber([key]))  # the reason status errors quote
        assert key[:8] not in message
    assert scrubber.text("see http://me:pw@host/x and https://h/y") == "see http://[redacted]@host/x and https://h/y"


def test_the_cli_prints_no_terminal_control_sequences(capsys: pytest.CaptureFixture[str]) -> None:
    code = r'print("\27[2J\27]0;owned\7red\rover") error("bad \27[31m thing")'
    assert cli(["run", "--in-process", "-e", code]) == 1
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\r" not in captured.out
    assert "red" in captured.out and "bad" in captured.err


def test_an_mcp_request_with_a_lone_surrogate_gets_an_answer_it_can_send() -> None:
    pytest.importorskip("mcp")
    from bridge.mcp_server import build

    server = build(Runtime([CustomerIO.emulated()]))

    async def ask(tool: str, args: dict[str, Any]) -> str:
        try:
            return repr(await server.call_tool(tool, args))
        except Exception as exc:  # a ToolError is an answer too: it must be encodable
            return str(exc)

    for tool, args in (("read_doc", {"topic": "\ud800"}), ("search_docs", {"query": "x\udfff"}),
                       ("run_lua", {"code": 'return "\ud800"'})):
        answer = anyio.run(ask, tool, args)
        answer.encode("utf-8")  # raises on a lone surrogate
        assert answer

