"""LuaLS (lua-language-server) definitions for an integration, generated from its declarations.

One ``---@meta`` file per integration: a ``---@class`` per params model (from its JSON schema,
so field names, types, optional marks and descriptions follow the validation exactly), a result
class per function, the functions, and the ``app.integrations.<name>`` field that reaches them
(named accounts included). Editors load it through ``workspace.library``; agents read it with
``lua_read_doc("types.<name>")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

_SCALARS = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "null": "nil"}


@dataclass(frozen=True)
class FunctionType:
    """What the stubs say about one function."""

    name: str
    summary: str
    kind: str
    params: type[BaseModel]
    returns: str = ""
    aliases: tuple[str, ...] = ()


def render(integration: str, functions: Iterable[FunctionType]) -> str:
    """The ``---@meta`` Lua text for ``app.integrations.<integration>``."""
    lines = [
        "---@meta",
        f"-- Generated from the {integration} declarations by `python -m bridge.docgen`. Do not edit by hand.",
        "",
    ]
    body = [f"---@class {integration}.Functions", f"local {integration} = {{}}", ""]
    for fn in sorted(functions, key=lambda f: f.name):
        lines += _params_class(integration, fn)
        lines += [f"---@class {integration}.{_camel(fn.name)}Result: table<string, any>",
                  *_comment(fn.returns), ""]
        for name in (fn.name, *fn.aliases):
            body += [*_comment(fn.summary + f" ({fn.kind})" if name == fn.name else f"Alias of {fn.name}."),
                     f"---@param params {integration}.{_camel(fn.name)}Params",
                     f"---@return {integration}.{_camel(fn.name)}Result",
                     f"function {integration}.{name}(params) end", ""]
    return "\n".join([
        *lines, *body,
        f"---`app.integrations.{integration}`: the functions (default account), or `.<account>.<function>`.",
        f"---@class {integration}.Namespace: {integration}.Functions",
        f"---@field [string] {integration}.Functions",
        "",
        "---@class app.Integrations",
        f"---@field {integration} {integration}.Namespace",
        "",
        "---@class app",
        "---@field integrations app.Integrations",
        "---@field dry_run boolean true in a dry run: writes return their planned request instead of being sent",
        "app = {}",
        "",
    ])


def _params_class(integration: str, fn: FunctionType) -> list[str]:
    schema = fn.params.model_json_schema()
    defs = schema.get("$defs", {})
    required = set(schema.get("required", ()))
    lines = [f"---@class {integration}.{_camel(fn.name)}Params"]
    for name, prop in schema.get("properties", {}).items():
        optional = "" if name in required else "?"
        description = " ".join(str(prop.get("description", "")).split())
        lines.append(f"---@field {name}{optional} {_type(prop, defs)}" + (f" {description}" if description else ""))
    return [*lines, ""]


def _type(schema: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> str:
    """The LuaLS type of a JSON schema (nil dropped from unions: optional fields carry `?`)."""
    if depth > 8:
        return "any"
    if "$ref" in schema:
        return _type(defs.get(schema["$ref"].rsplit("/", 1)[-1], {}), defs, depth + 1)
    if "enum" in schema or "const" in schema:
        values = schema.get("enum", [schema.get("const")])
        return "|".join(_literal(v) for v in values)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            types = [_type(s, defs, depth + 1) for s in schema[key]]
            kept = list(dict.fromkeys(t for t in types if t != "nil"))
            return "|".join(kept) or "nil"
    kind = schema.get("type")
    if kind == "array":
        item = _type(schema.get("items", {}), defs, depth + 1)
        return f"({item})[]" if "|" in item else f"{item}[]"
    if kind == "object":
        extra = schema.get("additionalProperties")
        value = _type(extra, defs, depth + 1) if isinstance(extra, dict) else "any"
        return f"table<string, {value}>"
    if isinstance(kind, list):
        return "|".join(_SCALARS.get(k, "any") for k in kind if k != "null") or "nil"
    return _SCALARS.get(str(kind), "any")


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "nil" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _comment(text: str) -> list[str]:
    return [f"---{line}" for line in " ".join(text.split()).split("\n") if line]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def page(integration: str, stubs: str) -> str:
    """The doc topic ``types.<integration>``: how to use the definitions, then the definitions."""
    return "\n".join([
        f"<!-- Generated from the {integration} declarations by `python -m bridge.docgen`. Do not edit by hand. -->",
        "",
        f"# Editor types: app.integrations.{integration}",
        "",
        f"LuaLS (lua-language-server) definitions of every `app.integrations.{integration}` function: its "
        "parameter table as a `---@class` (optional keys end in `?`) and its result. To get completion and "
        f"type checks in an editor, save the block below as `{integration}.lua` in a folder listed in the "
        f"LuaLS setting `workspace.library` (the package ships it as `lua_docs/types/{integration}.lua`).",
        "",
        # Not a plain lua fence: the docs tests run every plain one, and this is declarations only.
        f'```lua title="{integration}.lua"',
        stubs.rstrip("\n"),
        "```",
        "",
    ])
