"""Generated LuaLS definitions: every function, params as classes, shipped and readable in Lua."""

from __future__ import annotations

import re

import lupa.lua54 as lupa

from bridge import Runtime
from integrations.customerio import CustomerIO
from integrations.customerio.curated import OPERATIONS
from tests.conftest import REPO

STUBS = REPO / "lua_docs" / "types" / "customerio.lua"


def test_stubs_declare_every_function_with_its_params_and_result() -> None:
    text = STUBS.read_text(encoding="utf-8")
    assert text.startswith("---@meta\n")
    for op in OPERATIONS:
        camel = "".join(p.capitalize() for p in op.name.split("_"))
        assert f"function customerio.{op.name}(params) end" in text
        assert f"---@class customerio.{camel}Params" in text and f"---@class customerio.{camel}Result" in text
        for name, field in op.params.model_fields.items():
            mark = "" if field.is_required() else "?"
            assert re.search(rf"^---@field {name}{re.escape(mark)} \S", text, re.M), (op.name, name)
    assert "---@field sort? \"asc\"|\"desc\"" in text
    assert "---@field customerio customerio.Namespace" in text and "---@field dry_run boolean" in text


def test_stubs_are_valid_lua() -> None:
    lua = lupa.LuaRuntime()
    assert lua.execute("return load(...) ~= nil", STUBS.read_text(encoding="utf-8")) is True


def test_stubs_are_readable_from_the_sandbox(runtime: Runtime) -> None:
    page = runtime.run('return lua_read_doc("types.customerio")').value
    assert page == (REPO / "lua_docs" / "types" / "customerio.md").read_text(encoding="utf-8")
    assert CustomerIO.type_stubs().rstrip("\n") in page
    assert "types.customerio" in runtime.run("return lua_list_docs()").value
