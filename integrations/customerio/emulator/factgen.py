"""Derive the emulator's operation facts from Customer.io's OpenAPI specs (a development tool).

    python -m integrations.customerio.emulator.factgen [--specs DIR] [--check]

Reads ``track.json``, ``pipelines.json`` and ``app.json`` and writes ``facts.json`` beside this
module: per operation its family, method, path, whether it is public, the request checks (body
required fields, top-level field types and enums, query parameter rules, integer path parameters)
and one response sample that validates against the spec's schema for the success status. Only
facts are taken (names, types, enums, shapes); no descriptions. The emulator reads ``facts.json``
at run time, so the specs are needed only to regenerate it (``request`` holds each operation's body
and parameter schemas as self-contained JSON Schema, see ``specschema``); ``--check`` fails when it is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .specschema import apply_defects, load_defects, overlapping_one_ofs, request_facts

FACTS_PATH = Path(__file__).with_name("facts.json")
DEFECTS_PATH = Path(__file__).with_name("spec_defects.json")
DEFAULT_SPECS = Path(__file__).resolve().parents[4] / "shared" / "customerio-openapi"
SPEC_FAMILIES = {"track": "track", "pipelines": "cdp", "app": "app"}
METHODS = ("get", "post", "put", "patch", "delete")
MAX_DEPTH = 6  # deeper parts of a sample are cut to the schema's minimum

Spec = dict[str, Any]


def load_specs(folder: Path) -> dict[str, Spec]:
    """The three specs by family name (``track``, ``cdp``, ``app``)."""
    return {
        family: json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for name, family in SPEC_FAMILIES.items()
    }


def resolve(spec: Spec, node: Any) -> Any:
    """``node`` with any local ``$ref`` chain followed."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(method, path, path item, operation) for every operation of ``spec``."""
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item, item[method]


# ---------------------------------------------------------------- samples


def validator_for(spec: Spec, schema: Any, *, reading: bool = True) -> Any:
    """An openapi_schema_validator validator for ``schema`` with the spec's components in scope."""
    import openapi_schema_validator as osv  # a development dependency, needed only with the specs

    if spec["openapi"].startswith("3.0"):
        cls = osv.OAS30ReadValidator if reading else osv.OAS30WriteValidator
    else:
        cls = osv.OAS31Validator
    root = {**schema, "components": spec.get("components", {})} if isinstance(schema, dict) else schema
    return cls(root)


def is_valid(spec: Spec, schema: Any, value: Any, *, reading: bool = True) -> bool:
    """Whether ``value`` validates against ``schema``."""
    return bool(validator_for(spec, schema, reading=reading).is_valid(value))


def sample(spec: Spec, schema: Any, *, reading: bool = True, depth: int = 0) -> Any:
    """A value valid against ``schema``: examples for scalars, every property for objects."""
    node = resolve(spec, schema)
    if not isinstance(node, dict):
        return None
    for key in ("oneOf", "anyOf"):
        if key in node:
            return _choose(spec, node, node[key], reading, depth)
    if "allOf" in node:
        return _merge(spec, node, reading, depth)
    kind = _primary_type(node)
    if kind == "object" or (kind is None and "properties" in node):
        return _object(spec, node, reading, depth)
    if kind == "array":
        return _array(spec, node, reading, depth)
    return _scalar(spec, node, kind)


def _choose(spec: Spec, node: dict[str, Any], options: list[Any], reading: bool, depth: int) -> Any:
    """The first option whose sample satisfies the whole ``oneOf``/``anyOf`` node."""
    for option in options:
        candidate = sample(spec, option, reading=reading, depth=depth)
        if is_valid(spec, node, candidate, reading=reading):
            return candidate
    return sample(spec, options[0], reading=reading, depth=depth)


def _merge(spec: Spec, node: dict[str, Any], reading: bool, depth: int) -> Any:
    """An ``allOf`` sample: the parts' object samples merged (or the first non-object sample)."""
    merged: dict[str, Any] = {}
    rest = {key: value for key, value in node.items() if key != "allOf"}
    for part in [*node["allOf"], rest] if rest.get("properties") else node["allOf"]:
        value = sample(spec, part, reading=reading, depth=depth)
        if not isinstance(value, dict):
            return value
        merged.update(value)
    return merged


def _primary_type(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        return kinds[0] if kinds else "null"
    return kind if isinstance(kind, str) else None


def _object(spec: Spec, node: dict[str, Any], reading: bool, depth: int) -> dict[str, Any]:
    required = set(node.get("required", []))
    result: dict[str, Any] = {}
    for name, prop in node.get("properties", {}).items():
        resolved = resolve(spec, prop)
        skip = resolved.get("writeOnly") if reading else resolved.get("readOnly")
        if name not in required and (skip or depth >= MAX_DEPTH):
            continue
        value = sample(spec, prop, reading=reading, depth=depth + 1)
        if name in required or is_valid(spec, prop, value, reading=reading):
            result[name] = value
    return result


def _array(spec: Spec, node: dict[str, Any], reading: bool, depth: int) -> list[Any]:
    count = max(int(node.get("minItems", 0)), 0 if depth >= MAX_DEPTH else 1)
    item = sample(spec, node.get("items", {}), reading=reading, depth=depth + 1)
    return [item] * count if count else []


def _scalar(spec: Spec, node: dict[str, Any], kind: str | None) -> Any:
    candidates = [node["example"]] if "example" in node else []
    candidates += list(node.get("enum", [])) + ([node["default"]] if "default" in node else [])
    candidates += _typed_defaults(kind, node)
    for candidate in candidates:
        if is_valid(spec, node, candidate):
            return candidate
    return None


def _typed_defaults(kind: str | None, node: dict[str, Any]) -> list[Any]:
    fmt = node.get("format", "")
    if kind == "string":
        by_format = {"date-time": "2025-01-01T00:00:00Z", "date": "2025-01-01", "email": "person@example.com"}
        return [by_format.get(fmt, "https://example.com/x" if fmt in ("uri", "url") else "sample")]
    if kind == "integer":
        return [node.get("minimum", 1), 1, 0]
    if kind == "number":
        return [node.get("minimum", 1.5), 1.5, 0]
    if kind == "boolean":
        return [True, False]
    return [None, {}, "sample", 1]


# ---------------------------------------------------------------- request checks


def json_types(spec: Spec, schema: Any) -> list[str]:
    """The JSON types a schema admits at its top level; [] when any type is allowed."""
    node = resolve(spec, schema)
    if not isinstance(node, dict):
        return []
    options = node.get("oneOf") or node.get("anyOf")
    if options:
        unions = [json_types(spec, option) for option in options]
        return [] if any(not u for u in unions) else sorted({t for u in unions for t in u})
    if "allOf" in node:
        for part in node["allOf"]:
            if found := json_types(spec, part):
                return found
    kind = node.get("type")
    kinds = list(kind) if isinstance(kind, list) else [kind] if isinstance(kind, str) else []
    if kinds and node.get("nullable"):
        kinds.append("null")
    return sorted(set(kinds))


def _shapes(spec: Spec, schema: Any) -> list[dict[str, Any]]:
    """The object shapes a body may take: one per ``oneOf``/``anyOf`` option, ``allOf`` merged."""
    node = resolve(spec, schema)
    if not isinstance(node, dict):
        return [{}]
    options = node.get("oneOf") or node.get("anyOf")
    if options:
        return [shape for option in options for shape in _shapes(spec, option)]
    shape: dict[str, Any] = {"required": list(node.get("required", [])), "properties": dict(node.get("properties", {}))}
    for part in node.get("allOf", []):
        for sub in _shapes(spec, part)[:1]:
            shape["required"] += sub["required"]
            shape["properties"].update(sub["properties"])
    return [shape]


def body_rule(spec: Spec, operation: dict[str, Any]) -> dict[str, Any] | None:
    """Required fields and top-level field rules common to every shape the body may take."""
    body = resolve(spec, operation.get("requestBody"))
    if not body:
        return None
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    shapes = _shapes(spec, schema)
    required = set.intersection(*(set(shape["required"]) for shape in shapes))
    fields: dict[str, dict[str, Any]] = {}
    for shape in shapes:
        for name, prop in shape["properties"].items():
            _add_field_rule(spec, fields, name, prop)
    return {
        "required_body": bool(body.get("required")),
        "types": json_types(spec, schema),
        "required": sorted(required),
        "fields": {name: fields[name] for name in sorted(fields)},
    }


def _add_field_rule(spec: Spec, fields: dict[str, dict[str, Any]], name: str, prop: Any) -> None:
    node = resolve(spec, prop)
    types = json_types(spec, prop)
    enum = node.get("enum") if isinstance(node, dict) else None
    if enum is not None and node.get("nullable"):
        enum = [*enum, None]
    rule = {"types": types, "enum": enum}
    if name not in fields:
        fields[name] = rule
        return
    known = fields[name]
    known["types"] = [] if not (known["types"] and types) else sorted(set(known["types"]) | set(types))
    known["enum"] = None if known["enum"] is None or enum is None else list(dict.fromkeys([*known["enum"], *enum]))


def parameter_rules(spec: Spec, item: dict[str, Any], operation: dict[str, Any], where: str) -> dict[str, Any]:
    """Rules for the ``query`` or ``path`` parameters: required, JSON types, enum, maximum."""
    rules: dict[str, Any] = {}
    for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = resolve(spec, raw)
        if parameter.get("in") != where:
            continue
        schema = resolve(spec, parameter.get("schema", {}))
        rules[parameter["name"]] = {
            "required": bool(parameter.get("required")),
            "types": json_types(spec, schema),
            "enum": schema.get("enum"),
            "sample": sample(spec, schema),
        }
    return rules


# ---------------------------------------------------------------- facts


def success_response(spec: Spec, operation: dict[str, Any]) -> tuple[int, Any]:
    """The first 2xx status and a sample of its JSON schema (None when it has no JSON body)."""
    status = min(code for code in operation["responses"] if code.startswith("2"))
    response = resolve(spec, operation["responses"][status])
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return int(status), None if schema is None else sample(spec, schema)


def error_styles(spec: Spec, operation: dict[str, Any]) -> dict[str, str]:
    """The envelope each documented 4xx answer uses: ``meta.errors``, ``meta.error``, ``errors``
    (App's ``detail`` items) or ``errors.reason`` (Track v2's ``reason/field/message`` items)."""
    styles: dict[str, str] = {}
    for status, raw in operation["responses"].items():
        schema = resolve(spec, raw).get("content", {}).get("application/json", {}).get("schema")
        if not status.startswith("4") or status == "429" or schema is None:
            continue
        body = sample(spec, schema)
        if isinstance(body.get("meta"), dict):
            styles[status] = "meta.errors" if "errors" in body["meta"] else "meta.error"
        elif isinstance(body.get("errors"), list) and body["errors"] and "reason" in body["errors"][0]:
            styles[status] = "errors.reason"
        else:
            styles[status] = "errors"
    return styles


#: The overlapping-oneOf defects found by the last ``build_facts`` (written to spec_defects.json).
GENERATED_DEFECTS: list[dict[str, Any]] = []


def overlap_defects(name: str, request: dict[str, Any]) -> list[dict[str, Any]]:
    """A spec-defect entry for every oneOf of ``request`` whose options overlap, innermost first."""
    schemas = [("body", request["body"])] if request.get("body") is not None else []
    schemas += [(f"{p['in']} {p['name']}", p["schema"]) for p in request["parameters"]]
    found = [
        {"operation": name, "schema": where, "pointer": pointer, "fix": "anyOf", "generated": True,
         "checks": ["negative_data_rejection"],
         "reason": f"{reason}: values fitting several options are refused; read as anyOf"}
        for where, schema in schemas for pointer, reason in overlapping_one_ofs(schema)
    ]
    return sorted(found, key=lambda d: len(d["pointer"]), reverse=True)


def render_defects(generated: list[dict[str, Any]]) -> str:
    """spec_defects.json with its generated entries replaced by ``generated``."""
    current = json.loads(DEFECTS_PATH.read_text(encoding="utf-8"))
    current["defects"] = [d for d in current["defects"] if not d.get("generated")] + generated
    return json.dumps(current, indent=2, ensure_ascii=False) + "\n"


def operation_facts(family: str, spec: Spec) -> list[dict[str, Any]]:
    """One facts record per operation of ``spec``."""
    records = []
    defects = [d for d in load_defects() if not d.get("generated")]
    for method, path, item, operation in operations(spec):
        status, response = success_response(spec, operation)
        records.append(
            {
                "family": family,
                "operation_id": operation["operationId"],
                "method": method.upper(),
                "path": path,
                "public": operation.get("security") == [],
                "success_status": status,
                "body": body_rule(spec, operation),
                "query": parameter_rules(spec, item, operation, "query"),
                "path_params": parameter_rules(spec, item, operation, "path"),
                "response": response,
                "error_styles": error_styles(spec, operation),
                "request": request_facts(spec, item, operation),
            }
        )
        name = f"{family}.{operation['operationId']}"
        excused = apply_defects(name, records[-1]["request"], defects)
        overlaps = overlap_defects(name, records[-1]["request"])
        excused |= apply_defects(name, records[-1]["request"], overlaps)
        records[-1]["excused_checks"] = sorted(excused)
        GENERATED_DEFECTS.extend(overlaps)
    return records


def build_facts(folder: Path) -> list[dict[str, Any]]:
    """Facts for all operations of the three specs, in spec order (Track, Pipelines, App)."""
    specs = load_specs(folder)
    return [record for family, spec in specs.items() for record in operation_facts(family, spec)]


def render(facts: list[dict[str, Any]]) -> str:
    """The committed text of ``facts.json``: one operation per line, stable across runs."""
    lines = [json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for record in facts]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` verify) ``facts.json``; exit 1 when the check finds it stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    GENERATED_DEFECTS.clear()
    text = render(build_facts(args.specs))
    defects = render_defects(GENERATED_DEFECTS)
    if args.check:
        current = FACTS_PATH.read_text(encoding="utf-8") if FACTS_PATH.is_file() else ""
        if current != text or DEFECTS_PATH.read_text(encoding="utf-8") != defects:
            print("facts.json is stale: regenerate it with python -m integrations.customerio.emulator.factgen")
            return 1
        return 0
    FACTS_PATH.write_text(text, encoding="utf-8")
    DEFECTS_PATH.write_text(defects, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
