"""Request schemas for ``facts.json``: each operation's body and parameter schemas as plain JSON Schema.

A development tool beside ``factgen``. Every schema is made self-contained (the components it uses,
directly or through other components, go under ``$defs``, so recursive filters stay exact) and
turned into JSON Schema 2020-12: OpenAPI 3.0's ``nullable`` becomes a ``null`` type, boolean
``exclusiveMinimum``/``exclusiveMaximum`` become numbers, and a ``readOnly`` property becomes
``false`` (a request may not carry it). Annotations (descriptions, examples) are dropped: facts only.
"""

from __future__ import annotations

import json
from typing import Any

Spec = dict[str, Any]

#: Schema keywords that only annotate; dropped from the stored schemas.
ANNOTATIONS = frozenset({"description", "example", "examples", "title", "externalDocs", "xml", "discriminator",
                         "deprecated", "$comment", "writeOnly", "default"})
#: Keywords whose value maps names to schemas (their keys are names, not keywords).
NAMED_SCHEMAS = ("properties", "patternProperties", "$defs", "dependentSchemas")
#: Keywords holding one schema, and those holding a list of schemas.
ONE_SCHEMA = ("items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else",
              "unevaluatedProperties", "unevaluatedItems", "additionalItems")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def def_name(ref: str) -> str:
    """``#/components/schemas/Filter`` -> ``schemas.Filter`` (its key under ``$defs``)."""
    return ".".join(ref.removeprefix("#/components/").split("/"))


def self_contained(spec: Spec, schema: Any) -> Any:
    """``schema`` with the components it references copied under ``$defs`` and refs rewritten."""
    defs: dict[str, Any] = {}
    root = _convert(spec, schema, defs, legacy=spec["openapi"].startswith("3.0"))
    if defs and isinstance(root, dict):
        root = {**root, "$defs": dict(sorted(defs.items()))}
    return root


def _target(spec: Spec, ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _convert(spec: Spec, node: Any, defs: dict[str, Any], legacy: bool) -> Any:
    """One schema node converted; referenced components are converted once into ``defs``."""
    if not isinstance(node, dict):
        return node
    if "$ref" in node and isinstance(node["$ref"], str) and node["$ref"].startswith("#/components/"):
        name = def_name(node["$ref"])
        if name not in defs:
            defs[name] = {}  # placeholder: a recursive reference finds it and stops
            defs[name] = _convert(spec, _target(spec, node["$ref"]), defs, legacy)
        return {"$ref": f"#/$defs/{name}"}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ANNOTATIONS or key.startswith("x-") or (legacy and key == "nullable"):
            continue
        if key in NAMED_SCHEMAS and isinstance(value, dict):
            out[key] = {name: _convert(spec, sub, defs, legacy) for name, sub in value.items()}
        elif key in ONE_SCHEMA:
            out[key] = _convert(spec, value, defs, legacy)
        elif key in SCHEMA_LISTS and isinstance(value, list):
            out[key] = [_convert(spec, sub, defs, legacy) for sub in value]
        else:
            out[key] = value
    if legacy:
        out = _legacy_fixes(node, out)
    return _drop_read_only(spec, out)


def _legacy_fixes(original: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI 3.0 forms in JSON Schema 2020-12 terms (nullable, boolean exclusive bounds)."""
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(bound), bool):
            flag = out.pop(bound)
            if flag and limit in out:
                out[bound] = out.pop(limit)
    if original.get("nullable"):
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif "type" not in out:
            out = {"anyOf": [out, {"type": "null"}]}
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


def _drop_read_only(spec: Spec, out: dict[str, Any]) -> dict[str, Any]:
    """A ``readOnly`` property may not be sent: its schema becomes ``false`` and it is not required."""
    properties = out.get("properties")
    if not isinstance(properties, dict):
        return out
    read_only = [name for name, sub in properties.items() if _is_read_only(spec, sub, name)]
    if not read_only:
        return out
    out["properties"] = {name: (False if name in read_only else sub) for name, sub in properties.items()}
    if isinstance(out.get("required"), list):
        out["required"] = [name for name in out["required"] if name not in read_only]
    return out


#: Read-only fields a request may not carry: the ones the workspace assigns (ids, times). Other
#: read-only fields (an action's ``type``, ``name``, ``from``, ``language``...) are accepted and
#: ignored, since Customer.io's answer to them is undocumented and our own callers send them.
ASSIGNED = frozenset({"id", "created", "updated", "created_at", "updated_at", "deduplicate_id", "_last_status"})


def _is_read_only(spec: Spec, schema: Any, name: str = "") -> bool:
    return isinstance(schema, dict) and schema.get("readOnly") is True and name in ASSIGNED


def request_facts(spec: Spec, item: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The body schema (None when no JSON body) and every parameter with its schema."""
    from .factgen import resolve

    body = resolve(spec, operation.get("requestBody")) or {}
    media = body.get("content", {}).get("application/json")
    parameters = []
    for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = resolve(spec, raw)
        parameters.append({
            "name": parameter["name"], "in": parameter["in"], "required": bool(parameter.get("required")),
            "schema": self_contained(spec, parameter.get("schema", {})),
        })
    return {
        "body": None if media is None else self_contained(spec, media.get("schema", {})),
        "body_required": bool(body.get("required")),
        "parameters": parameters,
    }



def load_defects() -> list[dict[str, Any]]:
    """The entries of ``spec_defects.json`` (the spec defects the emulator corrects)."""
    import json
    from pathlib import Path

    text = Path(__file__).with_name("spec_defects.json").read_text(encoding="utf-8")
    defects: list[dict[str, Any]] = json.loads(text)["defects"]
    return defects


def defect_applies(defect: dict[str, Any], name: str) -> bool:
    """Whether a defect entry names operation ``name`` (``track.identify``; ``track.*`` = all Track)."""
    wanted = defect["operation"]
    return wanted == name or (wanted.endswith(".*") and name.startswith(wanted[:-1]))


def apply_defects(name: str, request: dict[str, Any], defects: list[dict[str, Any]]) -> set[str]:
    """Correct ``request`` (an operation's request facts) for every defect that names it; the
    schemathesis checks those defects excuse for this operation (only the ones that touched it, or
    that describe its answers)."""
    excused: set[str] = set()
    for defect in defects:
        if not defect_applies(defect, name):
            continue
        if defect["schema"] == "response":
            excused.update(defect.get("checks", []))
        for holder, key in _schema_slots(request, defect["schema"]):
            before = json.dumps(holder[key], sort_keys=True)
            holder[key] = _fixed(holder[key], defect["pointer"], defect["fix"], defect.get("option"))
            if json.dumps(holder[key], sort_keys=True) != before:
                excused.update(defect.get("checks", []))
    return excused


def _schema_slots(request: dict[str, Any], where: str) -> list[tuple[dict[str, Any], str]]:
    if where == "response":
        return []  # an answer's defect: listed for the property-based run, nothing to correct here
    if where == "body":
        return [(request, "body")] if request.get("body") is not None else []
    place, _, pname = where.partition(" ")
    return [(p, "schema") for p in request["parameters"] if p["in"] == place and p["name"] == pname]


def _fixed(schema: Any, pointer: str, fix: str, option: Any = None) -> Any:
    if fix.startswith("optional "):
        return _unrequire(schema, fix.removeprefix("optional "))
    if pointer == "":
        return _fix_node(schema, fix, option)
    parts = [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]
    node = schema
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.get(part, {})
    last: Any = int(parts[-1]) if isinstance(node, list) else parts[-1]
    if isinstance(node, dict) and last not in node:
        return schema  # an operation-wide entry (``cdp.*``) names a part this operation lacks
    node[last] = _fix_node(node[last], fix, option)
    return schema


def _unrequire(node: Any, name: str) -> Any:
    """``node`` with ``name`` taken out of every ``required`` list in it."""
    if isinstance(node, list):
        return [_unrequire(sub, name) for sub in node]
    if not isinstance(node, dict):
        return node
    fixed = {key: _unrequire(sub, name) for key, sub in node.items() if key != "required"}
    if isinstance(node.get("required"), list):
        fixed["required"] = [field for field in node["required"] if field != name]
    return fixed


def _fix_node(node: Any, fix: str, option: Any = None) -> Any:
    if fix == "accept":
        return {}
    if fix == "add option" and isinstance(node, dict) and isinstance(node.get("anyOf"), list):
        return {**node, "anyOf": [*node["anyOf"], option]}
    if fix in ("nullable", "also integer"):
        return {"anyOf": [node, {"type": "null" if fix == "nullable" else "integer"}]}
    if fix == "anyOf" and isinstance(node, dict) and "oneOf" in node:
        return {("anyOf" if key == "oneOf" else key): value for key, value in node.items()}
    raise ValueError(f"spec_defects.json: fix {fix!r} does not fit {node!r}")


# ---------------------------------------------------------------- overlapping oneOf options


def overlapping_one_ofs(schema: Any) -> list[tuple[str, str]]:
    """(JSON pointer, reason) for each ``oneOf`` in ``schema`` whose options overlap.

    Such a ``oneOf`` refuses the very values it documents (Customer.io means "one of these shapes"),
    so factgen reads it as ``anyOf``. Only the identifier kind (each option requires its own single
    field) keeps its exactly-one meaning. The reason shows a value two options accept when a small
    value built for each option finds one.
    """

    defs = schema.get("$defs", {}) if isinstance(schema, dict) else {}
    found = []
    for pointer, node in _walk(schema, ""):
        options = node.get("oneOf")
        if isinstance(options, list) and not _one_key_each(options, defs):
            found.append((pointer, _overlap_reason(options, defs)))
    return found


def _one_key_each(options: list[Any], defs: dict[str, Any]) -> bool:
    """Whether each option is an object requiring one field no other option names (the
    ``{"id"} | {"email"} | {"cio_id"}`` identifiers): there "exactly one" is meant and kept."""
    keys = []
    for option in options:
        resolved = defs.get(option["$ref"].removeprefix("#/$defs/"), {}) if "$ref" in option else option
        required = resolved.get("required") if isinstance(resolved, dict) else None
        if not isinstance(required, list) or len(required) != 1:
            return False
        keys.append(required[0])
    return len(set(keys)) == len(keys)


def _overlap_reason(options: list[Any], defs: dict[str, Any]) -> str:
    import jsonschema_rs

    checks = [jsonschema_rs.Draft202012Validator({"$defs": defs, **_as_dict(o)}) for o in options]
    for index, option in enumerate(options):
        value = _minimal(option, defs, 0)
        others = [other for other, check in enumerate(checks) if other != index and check.is_valid(value)]
        if checks[index].is_valid(value) and others:
            return f"oneOf options {index} and {others[0]} both accept {json_text(value)}"
    return "oneOf options do not exclude one another (none requires a field that the others forbid)"


def json_text(value: Any) -> str:
    """Compact JSON for a reason text."""
    import json

    return json.dumps(value, separators=(",", ":"))[:120]


def _as_dict(option: Any) -> dict[str, Any]:
    return option if isinstance(option, dict) else {"not": {}} if option is False else {}


def _walk(node: Any, pointer: str) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(node, list):
        return [hit for index, sub in enumerate(node) for hit in _walk(sub, f"{pointer}/{index}")]
    if not isinstance(node, dict):
        return []
    found = [(pointer, node)]
    for key, sub in node.items():
        found += _walk(sub, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
    return found


def _minimal(node: Any, defs: dict[str, Any], depth: int) -> Any:
    """A small value meant to be valid for ``node`` (not guaranteed: callers check)."""
    if not isinstance(node, dict) or depth > 8:
        return None
    if "$ref" in node:
        return _minimal(defs.get(node["$ref"].removeprefix("#/$defs/"), {}), defs, depth + 1)
    if "const" in node:
        return node["const"]
    if node.get("enum"):
        return node["enum"][0]
    for key in ("oneOf", "anyOf"):
        if node.get(key):
            return _minimal(node[key][0], defs, depth + 1)
    if "allOf" in node:
        merged: dict[str, Any] = {}
        for part in node["allOf"]:
            value = _minimal(part, defs, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    return _typed_minimal(node, defs, depth)


def _typed_minimal(node: dict[str, Any], defs: dict[str, Any], depth: int) -> Any:
    kind = node.get("type")
    kind = next((k for k in kind if k != "null"), "null") if isinstance(kind, list) else kind
    if kind == "string":
        return {"email": "a@example.com", "date-time": "2025-01-01T00:00:00Z"}.get(node.get("format", ""), "a")
    if kind in ("integer", "number"):
        return max(node.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    if kind == "array":
        return [_minimal(node.get("items", {}), defs, depth + 1)] * max(node.get("minItems", 1), 1)
    properties = node.get("properties", {})
    names = node.get("required") or list(properties)[:1]
    return {name: _minimal(properties.get(name, {}), defs, depth + 1) for name in names}
