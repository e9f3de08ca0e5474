"""Derive one Operation per Customer.io spec operation into ``generated.py``.

``python -m integrations.customerio.specgen`` writes the module; ``--check`` exits 1 when it
is out of date. Facts (paths, fields, types, enums, limits) come from the OpenAPI specs in
``../shared/customerio-openapi`` (or ``--specs DIR``); names, summaries, areas and sample
values come from ``naming.py``. Spec prose is never copied.
"""

from __future__ import annotations

import argparse
import ast
import json
import keyword
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from integrations.customerio import descriptions, naming, surface

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT.parent / "shared" / "customerio-openapi"
TARGET = Path(__file__).with_name("generated.py")
#: spec file, key prefix, family, whether its timestamps are ISO-8601 text.
SOURCES = (("track.json", "track", "TRACK"), ("pipelines.json", "cdp", "PIPELINES"), ("app.json", "app", "APP"))
METHODS = ("get", "put", "post", "delete", "patch")
LUA_KEYWORDS = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
                "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"}
#: Lua names of time parameters (number or ISO text accepted; sent as the family expects).
TIME_NAMES = {"timestamp", "created_at", "last_used", "send_at", "start_ts", "end_ts", "end_time",
              "original_timestamp", "sent_at", "received_at"}
#: Operations with byte limits per call (and per batch item): Pipelines and Track v2.
SIZED = {"PIPELINES", "TRACK_V2"}


@dataclass
class Spec:
    """One OpenAPI document and what the generator needs to know about it."""

    doc: dict[str, Any]
    prefix: str
    family: str

    def deref(self, node: Any) -> Any:
        """Follow ``$ref`` until a real node."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            target: Any = self.doc
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node, seen = target, seen + 1
        return node


@dataclass
class Shape:
    """An object schema flattened: properties, required keys, oneOf alternatives."""

    props: dict[str, Any] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    alternatives: list[tuple[str, ...]] = field(default_factory=list)
    optional: bool = False
    open: bool = False


@dataclass
class FieldDecl:
    """One parameter of a generated model."""

    lua: str
    wire: str
    annotation: str
    required: bool
    description: str
    where: str  # path, query or body
    constraints: dict[str, Any] = field(default_factory=dict)
    sample: Any = None
    #: Other names accepted for it (the sibling functions' name for the same thing).
    aliases: tuple[str, ...] = ()


@dataclass
class ModelDecl:
    """One generated params class (nested ones are listed first)."""

    name: str
    fields: list[FieldDecl]
    doc: str = ""
    rules: dict[str, Any] = field(default_factory=dict)
    nested: list[ModelDecl] = field(default_factory=list)


def load(specs: Path) -> list[Spec]:
    """The three specs, in generation order."""
    return [Spec(json.loads((specs / f).read_text(encoding="utf-8")), p, fam) for f, p, fam in SOURCES]


def object_like(spec: Spec, schema: Any) -> bool:
    """True for schemas describing objects (properties, or object-typed combinations)."""
    schema = spec.deref(schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "object" or "properties" in schema:
        return True
    return any(all(object_like(spec, b) for b in schema.get(k, [])) and schema.get(k)
               for k in ("allOf", "oneOf", "anyOf"))


def flatten(spec: Spec, schema: Any) -> Shape:
    """Merge allOf parts and oneOf/anyOf object branches into one Shape."""
    schema = spec.deref(schema)
    shape = Shape(props=dict(schema.get("properties", {})), required=set(schema.get("required", [])),
                  open=schema.get("additionalProperties") not in (None, False))
    for part in schema.get("allOf", []):
        _merge(shape, flatten(spec, part))
    for key in ("oneOf", "anyOf"):
        branches = [flatten(spec, b) for b in schema.get(key, []) if object_like(spec, b)]
        for branch in branches:
            for name, prop in branch.props.items():
                shape.props[name] = _union(spec, shape.props.get(name), prop)
            shape.open = shape.open or branch.open
        if key == "oneOf" and branches:
            # a branch that is itself a choice of keys (a person's id, email...) offers those choices
            groups: list[tuple[str, ...]] = []
            for b in branches:
                choices = b.alternatives and not b.required
                groups += [g for g in b.alternatives if g not in groups] if choices else [tuple(sorted(b.required))]
            _add_alternatives(shape, groups)
    return shape


def _union(spec: Spec, mine: Any, theirs: Any) -> Any:
    """A property seen in several branches: enums are united (a `type` per branch), else the first wins."""
    if mine is None:
        return theirs
    a, b = spec.deref(mine), spec.deref(theirs)
    if isinstance(a, dict) and isinstance(b, dict) and "enum" in a and "enum" in b:
        return {**a, "enum": list(dict.fromkeys([*a["enum"], *b["enum"]]))}
    if a != b and object_like(spec, a) and object_like(spec, b):
        # tables that differ per branch (a person's or an object's identifiers): one table offering both
        parts = [*a.get("x-union", [a])]
        parts += [p for p in b.get("x-union", [b]) if p not in parts]
        return {"oneOf": parts, "x-union": parts}
    return mine


def _merge(shape: Shape, part: Shape) -> None:
    shape.props.update(part.props)
    shape.required |= part.required
    shape.alternatives += part.alternatives
    shape.optional = shape.optional or part.optional
    shape.open = shape.open or part.open


def _add_alternatives(shape: Shape, groups: list[tuple[str, ...]]) -> None:
    """Keys every alternative requires are plainly required; the rest are the alternatives.

    Branches told apart by values rather than keys (two alike, or only one with keys) are
    left to the API: key groups cannot express them.
    """
    common = set.intersection(*(set(g) for g in groups))
    shape.required |= common
    rest = [tuple(k for k in g if k not in common) for g in groups]
    keyed = [g for g in rest if g]
    if len(keyed) < 2 or len(set(keyed)) < len(keyed):
        return
    shape.optional = len(keyed) < len(rest)
    shape.alternatives += keyed


def snake(name: str) -> str:
    """``userId`` -> ``user_id``; ``_timestamp`` -> ``timestamp`` (via RENAMES)."""
    if name in naming.RENAMES:
        return naming.RENAMES[name]
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    text = re.sub(r"[^a-z0-9_]", "_", text).strip("_")
    if keyword.iskeyword(text) or text in LUA_KEYWORDS or hasattr(BaseModel, text):
        text += "_value"
    return text


def camel(name: str) -> str:
    """``list_segments`` -> ``ListSegments``."""
    return "".join(part.capitalize() for part in re.split(r"[_\W]+", name) if part)


class Builder:
    """Turns one spec operation's parameters and body into a ModelDecl."""

    def __init__(self, spec: Spec, op_name: str, path: str = "") -> None:
        self.spec, self.op_name, self.path = spec, op_name, path

    def describe(self, name: str, in_path: bool = False, has_id_type: bool = False, where: str = "body") -> str:
        """The field's description, from descriptions.py (never the spec's prose)."""
        return descriptions.describe(self.op_name, self.path, name, in_path=in_path, has_id_type=has_id_type,
                                     where=where)

    def annotation(self, schema: Any, owner: str, name: str, depth: int, nested: list[ModelDecl]) -> str:
        """The Python annotation (source text) of a schema."""
        schema = self.spec.deref(schema) or {}
        if name == "object_type_id":
            return "ObjectTypeId"  # an integer in paths, text in bodies: one type takes both
        if name in TIME_NAMES and self._is_time(schema):
            return "IsoTime" if self.spec.family == "PIPELINES" else "UnixTime"
        if schema.get("enum") and not any(str(v).startswith("$") for v in schema["enum"]):
            return "Literal[" + ", ".join(repr(v) for v in schema["enum"] if v is not None) + "]"
        if object_like(self.spec, schema):
            return self._object(schema, owner, name, depth, nested)
        branches = schema.get("oneOf") or schema.get("anyOf")
        if branches:
            kinds = [self.annotation(b, owner, name, depth, nested) for b in branches]
            return " | ".join(dict.fromkeys(kinds)) if "Any" not in kinds else "Any"
        kind = schema.get("type")
        if isinstance(kind, list):
            kinds = [self.annotation({**schema, "type": k}, owner, name, depth, nested) for k in kind if k != "null"]
            return " | ".join(dict.fromkeys(kinds)) or "Any"
        if kind == "array":
            item = self.annotation(schema.get("items", {}), owner, name, depth + 1, nested)
            return f"list[{item}]"
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(kind, "Any")

    def _is_time(self, schema: dict[str, Any]) -> bool:
        return schema.get("type") in ("integer", "number") or schema.get("format") == "date-time"

    def _object(self, schema: Any, owner: str, name: str, depth: int, nested: list[ModelDecl]) -> str:
        shape = flatten(self.spec, schema)
        plain = all(re.fullmatch(r"[a-z][a-z0-9_]*", p) and p not in LUA_KEYWORDS and not keyword.iskeyword(p)
                    for p in shape.props)
        if depth >= 1 or not shape.props or shape.open or not plain or len(shape.props) > 15:
            return "dict[str, Any]"
        model = self.model(owner + camel(name), shape, [], depth + 1, prefix=name + ".")
        model.doc = f"The `{name}` table of `{self.op_name}`."
        nested.append(model)
        return model.name

    def model(self, cls: str, shape: Shape, params: list[FieldDecl], depth: int, prefix: str = "") -> ModelDecl:
        """A model of the given extra (path/query) fields and the shape's properties."""
        decl = ModelDecl(cls, list(params))
        taken = {f.lua for f in params}
        for wire, prop in shape.props.items():
            prop_schema = self.spec.deref(prop) or {}
            if _constant(prop_schema):
                continue  # a one-value enum the endpoint implies (Pipelines `type`)
            lua = snake(wire)
            if lua in taken:
                continue  # the body repeats a path field (read-only in Customer.io's answers): the path says it
            taken.add(lua)
            annotation = self.annotation(prop, cls, lua, depth, decl.nested)
            decl.fields.append(FieldDecl(lua, wire, annotation, wire in shape.required, self.describe(prefix + lua),
                                         "body", constraints(prop_schema)))
        if shape.alternatives:
            names = {f.wire: f.lua for f in decl.fields}
            decl.rules["one_of"] = tuple(tuple(names.get(k, k) for k in g) for g in shape.alternatives)
            decl.rules["one_of_optional"] = shape.optional
        return decl


def _constant(schema: dict[str, Any]) -> bool:
    return isinstance(schema.get("enum"), list) and len(schema["enum"]) == 1 and schema.get("type") == "string"


def constraints(schema: dict[str, Any]) -> dict[str, Any]:
    """pydantic Field constraints from the schema's limits."""
    out: dict[str, Any] = {}
    for source, target in (("minimum", "ge"), ("maximum", "le"), ("minItems", "min_length"),
                           ("maxItems", "max_length")):
        if isinstance(schema.get(source), int | float) and not isinstance(schema.get(source), bool):
            out[target] = schema[source]
    return out


@dataclass
class OpDecl:
    """Everything generated.py says about one operation."""

    key: str
    name: str
    area: str
    summary: str
    family: str
    method: str
    path: str
    model: ModelDecl
    query: tuple[str, ...]
    kind: str
    returns: str
    paginated: bool
    example: dict[str, Any]
    call_type: str | None = None


def operations(specs: list[Spec]) -> list[OpDecl]:
    """One OpDecl per operation of every spec, in spec order."""
    out = []
    for spec in specs:
        for path, item in spec.doc["paths"].items():
            for method in METHODS:
                if method in item:
                    out.append(operation(spec, path, method, item))
    names = [o.name for o in out]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"duplicate generated names: {duplicates}")
    return out


def operation(spec: Spec, path: str, method: str, item: dict[str, Any]) -> OpDecl:
    """Derive one operation."""
    op = item[method]
    key = f"{spec.prefix}:{op['operationId']}"
    if key not in naming.NAMES:
        raise SystemExit(f"no name in naming.NAMES for {key} ({method.upper()} {path})")
    name, area, summary = naming.NAMES[key]
    builder = Builder(spec, name, path)
    body = _body_schema(spec, op)
    shape = flatten(spec, body) if body is not None else Shape()
    if method == "put" and "{" in path:
        shape.props.pop("id", None)  # an update's body echoes the item's id, read-only: the path names it
    params = [p for p in (spec.deref(p) for p in [*item.get("parameters", []), *op.get("parameters", [])])
              if p["in"] in ("path", "query")]
    fields, lua_path = _parameters(builder, params, path, set(shape.props))
    model = builder.model(camel(name), shape, fields, 0)
    model.doc = f"Parameters of `{name}`."
    taken = {f.lua for f in model.fields}
    for f in fields:
        f.aliases = tuple(a for a in f.aliases if a not in taken)
    family = "TRACK_V2" if path.startswith("/api/v2/") else spec.family
    _add_limits(model, family, name, method)
    person = {f.lua: f for f in model.fields}
    if "id" in person and person["id"].where == "path" and "id_type" in person and "email" not in person and \
            "'email'" in person["id_type"].annotation:
        model.rules["person_shorthand"] = True
    if name in naming.COMBINABLE and "one_of" in model.rules:
        model.rules["one_of_combinable"] = True
    query = tuple(f.lua for f in fields if f.where == "query")
    method = method.upper()
    call_type = path.strip("/") if family == "PIPELINES" and path != "/batch" else None
    if call_type:  # the endpoint names the call type; the body carries it, the agent need not
        model.fields = [f for f in model.fields if f.lua != "type"]
    return OpDecl(key, name, area, summary, spec.family, method, lua_path, model, query,
                  _kind(name, method), _returns(spec, op), _paginated(fields), {}, call_type)


def _body_schema(spec: Spec, op: dict[str, Any]) -> Any:
    content = spec.deref(op.get("requestBody", {})).get("content", {})
    media = content.get("application/json")
    return None if media is None else media.get("schema", {})


def _parameters(builder: Builder, params: list[dict[str, Any]], path: str,
                body: set[str]) -> tuple[list[FieldDecl], str]:
    """Path and query fields; path placeholders renamed to their Lua names."""
    fields: list[FieldDecl] = []
    placeholders = re.findall(r"{(\w+)}", path)
    has_id_type = any(p["name"] == "id_type" for p in params)
    for param in params:
        wire = param["name"]
        lua = _path_name(wire, placeholders, path, body) if param["in"] == "path" else snake(wire)
        schema = builder.spec.deref(param.get("schema", {}))
        annotation = builder.annotation(schema, "", lua, 0, [])
        if param["in"] == "path" and builder.spec.family == "TRACK" and annotation == "str":
            annotation = "Identifier"  # Customer.io: identifiers at most 150 bytes
        required = param["in"] == "path" or bool(param.get("required"))
        description = builder.describe(lua, param["in"] == "path", has_id_type, where=param["in"])
        aliases = _path_aliases(lua, wire, placeholders, path) if param["in"] == "path" else ()
        fields.append(FieldDecl(lua, wire, annotation, required, description, param["in"],
                                constraints(schema), aliases=aliases))
        if param["in"] == "path":
            path = path.replace("{" + wire + "}", "{" + lua + "}")
    return fields, path


def _path_aliases(lua: str, wire: str, placeholders: list[str], path: str) -> tuple[str, ...]:
    """The other names of a path id: `id` and `<resource>_id` mean the same item across siblings
    (get_segment{id}, get_segment_customer_count{segment_id}), so each function takes both."""
    resource = descriptions.noun(path)
    if not resource or resource == "person":
        return ()
    own = resource.replace(" ", "_") + "_id"
    if lua == "id":
        return tuple(dict.fromkeys(a for a in (snake(wire), own) if a != "id"))
    if len(placeholders) == 1 and lua.endswith("_id") and path.split("{")[0].count("/") <= 3:
        return tuple(dict.fromkeys(a for a in ("id", own) if a != lua))
    return ()


def _path_name(wire: str, placeholders: list[str], path: str, body: set[str]) -> str:
    """Seed style: the person, or the one id a path ends with, is ``id``."""
    person = wire in ("identifier", "customer_id")
    last = len(placeholders) == 1 and path.endswith("{" + wire + "}") and wire.endswith("_id")
    return "id" if (person or last) and "id" not in body else snake(wire)


def _add_limits(model: ModelDecl, family: str, name: str, method: str) -> None:
    names = {f.lua for f in model.fields}
    if family in SIZED:
        batch = "batch" in names
        model.rules["max_body_bytes"] = "MAX_BATCH_BYTES" if batch else "MAX_CALL_BYTES"
        if batch:
            model.rules["max_item_bytes"] = ("batch", "MAX_CALL_BYTES")
    if name.startswith("send_") and {"to", "bcc"} <= names:
        model.rules["recipient_fields"] = ("to", "bcc")
    for f in model.fields:
        if family == "TRACK" and f.lua == "name" and name.startswith("track_"):
            f.annotation = "EventName"
        if family == "TRACK" and f.lua == "data" and name.startswith("track_"):
            f.annotation = "EventData"


def _kind(name: str, method: str) -> str:
    if name in naming.DESTRUCTIVE or method == "DELETE":
        return "DESTRUCTIVE"
    return "READ" if method == "GET" or name in naming.READS else "WRITE"


def _returns(spec: Spec, op: dict[str, Any]) -> str:
    """The keys of the success answer, with the fields of its lists and tables (facts only)."""
    for status in ("200", "201", "202", "204"):
        response = spec.deref(op.get("responses", {}).get(status))
        if response:
            schema = spec.deref(response.get("content", {}).get("application/json", {}).get("schema", {}))
            props = flatten(spec, schema).props if schema else {}
            if props:
                return "A table with " + _and([_key(spec, k, v) for k, v in props.items()]) + "."
            return "An empty table when Customer.io accepted the call."
    return "What Customer.io answered, as a table."


def _key(spec: Spec, name: str, schema: Any) -> str:
    """One key of an answer: lists and tables name their fields (an item's, for lists)."""
    schema = spec.deref(schema) or {}
    item = spec.deref(schema.get("items", {})) if schema.get("type") == "array" else None
    inner = flatten(spec, item if item is not None else schema).props if object_like(spec, item or schema) else {}
    if list(inner) == ["series"]:
        return f"`{name}` (a table with {SERIES})"
    fields = _and([f"`{k}`" for k in list(inner)[:8]] + (["..."] if len(inner) > 8 else []))
    if item is not None:
        return f"`{name}` (an array of tables, each with {fields})" if inner else f"`{name}` (an array of values)"
    return f"`{name}` (a table with {fields})" if inner else f"`{name}`"


#: Appended to the Returns of a paginated answer whose schema does not list its cursor.
NEXT = ', and `next`: pass it as `start` for the next page ("" on the last).'
#: What a metrics answer's ``series`` holds.
SERIES = ("`series`: each metric name (sent, delivered, opened, clicked"
          ", converted, bounced, ...) maps to an array of counts, one per interval, oldest first")


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""


def _paginated(fields: list[FieldDecl]) -> bool:
    return any(f.lua == "start" and f.where == "query" and f.annotation == "str" for f in fields)


# --- examples ---------------------------------------------------------------------------------

def example(op: OpDecl) -> dict[str, Any]:
    """Params for the operation's example: required fields and the first alternative, with sample values."""
    values = model_sample(op.model)
    values.update(naming.EXAMPLES.get(op.name, {}))
    if op.key in surface.NAMES and any(f.lua == "id" and f.where == "path" for f in op.model.fields):
        values["id"] = 1  # the sample workspace's library and design studio records have id 1
    values.update(surface.EXAMPLES.get(op.name, {}))
    return {k: v for k, v in values.items() if v is not None}


def model_sample(model: ModelDecl) -> dict[str, Any]:
    """Sample values for a model's required fields (and its first one_of alternative)."""
    first = set(model.rules.get("one_of", ((),))[0])
    nested = {m.name: m for m in model.nested}
    return {f.lua: value_sample(f.annotation, f.wire, f.lua, nested) for f in model.fields
            if f.required or f.lua in first}


def value_sample(annotation: str, wire: str, lua: str, nested: dict[str, ModelDecl]) -> Any:
    """A realistic value of ``annotation`` for a field named ``wire``/``lua``."""
    for name in (wire, lua):
        if name in naming.SAMPLES and _fits(naming.SAMPLES[name], annotation):
            return naming.SAMPLES[name]
    if annotation in nested:
        return model_sample(nested[annotation])
    if annotation.startswith("Literal["):
        return _choices(annotation)[0]
    if annotation.startswith("list["):
        return [value_sample(annotation[5:-1], wire, lua, nested)]
    defaults = {"int": 1, "float": 1.5, "bool": True, "UnixTime": 1717243200, "IsoTime": "2024-06-01T12:00:00Z",
                "dict[str, Any]": {}, "int | str": 1}
    return defaults.get(annotation, "example")


def _fits(value: Any, annotation: str) -> bool:
    if annotation.startswith("Literal["):
        return value in _choices(annotation)
    kinds: dict[str, type | tuple[type, ...]] = {
        "int": int, "str": str, "Identifier": str, "ObjectTypeId": str, "EventName": str, "dict[str, Any]": dict,
        "list[str]": list, "int | str": (int, str)}
    kind = kinds.get(annotation)
    return kind is not None and isinstance(value, kind) and not isinstance(value, bool)


def _choices(annotation: str) -> list[Any]:
    """The values of a ``Literal[...]`` annotation's text."""
    return list(ast.literal_eval("[" + annotation.removeprefix("Literal[")[:-1] + "]"))


def lua_value(value: Any, indent: str = "  ") -> str:
    """A Python sample value as Lua source."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "{ " + ", ".join(lua_value(v, indent) for v in value) + " }" if value else "{}"
    if not value:
        return "{}"
    inner = indent + "  "
    rows = [f"{inner}{_lua_key(k)} = {lua_value(v, inner)}," for k, v in value.items()]
    return "{\n" + "\n".join(rows) + f"\n{indent}}}"


def _lua_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_]\w*", key) and key not in LUA_KEYWORDS else f"[{json.dumps(key)}]"


def example_code(op: OpDecl) -> str:
    """The runnable Lua of an operation's example."""
    args = lua_value(op.example, "") if op.example else "{}"
    call = f"local result = app.integrations.customerio.{op.name}({args})"
    return f"{call}\nreturn result"


# --- rendering ----------------------------------------------------------------------------------

HEADER = '''"""Generated by ``python -m integrations.customerio.specgen``; do not edit by hand.

One Operation per operation of Customer.io's OpenAPI specs ({counts}). Paths, fields,
types, enums and limits come from the specs; names, summaries, areas and sample values from
``naming.py``. Curated declarations (``curated.py``) take precedence where they cover the
same method and path (see ``catalog.py``).
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import AliasChoices, Field

from integrations.customerio.accounts import Family
from integrations.customerio.fields import EventData, EventName, Identifier, ObjectTypeId
from integrations.customerio.operations import Example, Kind, Operation
from integrations.customerio.rules import (
    MAX_BATCH_BYTES,
    MAX_CALL_BYTES,
    IsoTime,
    OpenParams,
    SpecParams,
    UnixTime,
    batched,
    paged,
    typed,
)

__all__ = ["OPERATIONS"]
'''


def render(ops: list[OpDecl]) -> str:
    """The text of generated.py."""
    counts: dict[str, int] = {}
    for op in ops:
        family = "Track" if op.family == "TRACK" else "Pipelines" if op.family == "PIPELINES" else "App"
        counts[family] = counts.get(family, 0) + 1
    text = HEADER.format(counts=", ".join(f"{k} {v}" for k, v in counts.items()))
    blocks = [render_operation(op) for op in ops]
    names = "".join(f"    {op.name.upper()},\n" for op in ops)
    return text + "".join(blocks) + f"\n\nOPERATIONS: tuple[Operation, ...] = (\n{names})\n"


def render_operation(op: OpDecl) -> str:
    """The params classes and the Operation constant of one operation."""
    classes = [render_model(m) for m in [*op.model.nested, op.model]]
    lines = [f"{op.name.upper()} = Operation(",
             f'    name="{op.name}", family=Family.{op.family}, method="{op.method}", path="{op.path}",',
             f"    params={op.model.name}, kind=Kind.{op.kind}, area={op.area!r},"]
    if op.query:
        lines.append(f"    query={op.query!r},")
    if op.paginated:
        lines.append("    result=paged,")
        if "`next`" not in op.returns:
            op.returns = op.returns.rstrip(".") + NEXT
    if op.call_type:
        lines.append(f"    body=typed({op.call_type!r}),")
    if op.family == "PIPELINES":
        if not op.call_type:
            lines.append("    body=batched,")
        lines.append("    idempotent=True,  # each call carries a messageId that Customer.io de-duplicates on")
    lines += [f"    summary={op.summary!r},", f"    returns={op.returns!r},",
              f"    examples=(Example({op.summary.rstrip('.')!r}, '''{example_code(op)}'''),),", ")"]
    return "".join(f"\n\n{c}\n" for c in classes) + "\n\n" + "\n".join(lines) + "\n"


def render_model(model: ModelDecl) -> str:
    """One params class."""
    rules = {k: v for k, v in model.rules.items() if k != "open_body"}
    base = "OpenParams" if model.rules.get("open_body") else "SpecParams"
    lines = [f"class {model.name}({base}):", f'    """{model.doc}"""', ""]
    for name, value in rules.items():
        kind = {"one_of": "tuple[tuple[str, ...], ...]", "one_of_optional": "bool", "one_of_combinable": "bool",
                "max_body_bytes": "int | None", "max_item_bytes": "tuple[str, int] | None",
                "recipient_fields": "tuple[str, ...]", "body_required": "bool", "person_shorthand": "bool"}[name]
        shown = value if isinstance(value, str) else repr(value)
        if name == "max_item_bytes":
            shown = f"({value[0]!r}, {value[1]})"
        lines.append(f"    {name}: ClassVar[{kind}] = {shown}")
    if rules:
        lines.append("")
    lines += [render_field(f) for f in model.fields]
    return "\n".join(lines).rstrip()


def render_field(f: FieldDecl) -> str:
    """One field line."""
    args = [] if f.required else ["None"]
    args += [f"{k}={v!r}" for k, v in f.constraints.items()]
    if f.aliases:
        args.append(f"validation_alias=AliasChoices({', '.join(repr(n) for n in (f.lua, *f.aliases))})")
    elif f.wire != f.lua and f.where != "path":
        args.append(f"serialization_alias={f.wire!r}")
        if snake(f.wire) == f.lua:  # the API's own spelling (userId) works too: agents copy it from API docs
            args.append(f"validation_alias=AliasChoices({f.lua!r}, {f.wire!r})")
    args.append(f"description={f.description!r}")
    annotation = f.annotation if f.required else f"{f.annotation} | None"
    return f"    {f.lua}: {annotation} = Field({', '.join(args)})"


def current_operations(specs: Path, ops: list[OpDecl]) -> list[OpDecl]:
    """The operations Customer.io offers beyond the specs (see ``surfacegen``); amends the spec ones."""
    from integrations.customerio import surfacegen  # it builds on this module's declarations
    from integrations.customerio.operations import route_key

    surfacegen.amend(specs, ops)
    covered = {route_key(op.method, op.path) for op in ops}
    return surfacegen.operations(specs, covered)


def main(argv: list[str] | None = None) -> int:
    """Write generated.py (or, with --check, report whether it is current)."""
    parser = argparse.ArgumentParser(prog="python -m integrations.customerio.specgen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if generated.py is out of date")
    parser.add_argument("--specs", type=Path, default=SPECS, help="directory of track/pipelines/app.json")
    args = parser.parse_args(argv)
    ops = operations(load(args.specs))
    ops += current_operations(args.specs, ops)
    for op in ops:
        op.example = example(op)
    text = render(ops)
    if args.check:
        current = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("generated.py is current" if current else "generated.py is out of date", file=sys.stderr)
        return 0 if current else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name}: {len(ops)} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
