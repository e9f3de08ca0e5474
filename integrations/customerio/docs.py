"""Render the agent-facing reference from the operation declarations.

The page structure follows the seed reference: per function a description, a parameter
table (name, type, required, description), what it returns, and runnable examples; then
"Multi-Account Usage". ``python -m bridge.docgen`` writes the pages into ``lua_docs/``.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from integrations.customerio.descriptions import TASKS
from integrations.customerio.effects import EFFECT_NOTES
from integrations.customerio.fields import Accepts
from integrations.customerio.naming import AREAS
from integrations.customerio.operations import Operation
from integrations.customerio.seeds import Seed, SeedOperation

BANNER = ("<!-- Generated from the operation declarations in integrations/customerio by "
          "`python -m bridge.docgen`. Do not edit by hand. -->")
TITLE = "# Customer.io — Lua API Reference"
FAMILY_NAMES = {"track": "Track API", "app": "App API", "pipelines": "Pipelines API"}

MULTI_ACCOUNT = '''## Multi-Account Usage

If you have multiple Customer.io accounts configured, use account-specific namespaces. Every
function works the same way under each of them (`function_name` below stands for any function,
`list_segments` here):

```lua
-- Default account (always works)
app.integrations.customerio.list_segments({})

-- Explicit default (portable across setups)
app.integrations.customerio.default.list_segments({})

-- Named accounts
app.integrations.customerio.production.list_segments({})
app.integrations.customerio.staging.list_segments({})
```

All functions are identical across accounts — only the credentials differ. An account that is
not configured fails with code `unknown_account`, and the message lists the configured ones.
'''

ERRORS = '''## Errors

A failed call raises a Lua error whose value is a table `{code=, message=, operation=, account=,
status=, retryable=, details=}`; `tostring(err)` gives one readable line and `pcall` catches it:

```lua
local ok, err = pcall(app.integrations.customerio.get_campaign, { id = 999999 })
if not ok then
  print(err.code .. ": " .. err.message)
end
```

`lua_read_doc("errors")` lists every code and what to do about it.
'''


def reference(operations: Iterable[Operation], featured: Iterable[Operation] = ()) -> str:
    """The index of every function by area, the full sections of the featured ones, then errors and accounts."""
    intro = ("Agents call this integration through `app.integrations.customerio.*`; each function takes "
             "one table. `lua_read_doc(\"integrations.customerio.<function>\")` shows one function in full; "
             "the most used ones are described below the index. `lua_read_doc(\"recipes.customerio\")` shows the "
             "common tasks as snippets.\n\nResults keep Customer.io's shapes, and each page's Returns names them: "
             "`get_<thing>` gives `{ <thing> = {...} }` (`get_segment({ id = 1 }).segment.name`), except "
             "`get_campaign`, whose fields are at the top level (the seed reference's shape); `list_*` and "
             "searches give `{ <things> = { ... }, next = cursor }` (an empty list is `{}` with `#list == 0`); "
             "writes give an empty table or what Customer.io answered. A function's own id is `id` or "
             "`<thing>_id`, whichever you write (`get_segment{ segment_id = 1 }` works too).")
    sections = [intro, index(operations), *(function_section(op, level=2) for op in featured), ERRORS,
                MULTI_ACCOUNT]
    body = "\n\n---\n\n".join(section.strip() for section in sections)
    return f"{BANNER}\n\n{TITLE}\n\n{body}\n"


def index(operations: Iterable[Operation]) -> str:
    """Every function with its summary, grouped by area in the order of ``AREAS``."""
    by_area: dict[str, list[Operation]] = {area: [] for area in AREAS}
    operations = list(operations)
    for op in operations:
        by_area.setdefault(op.area or "other", []).append(op)
    routes = {(op.method, op.path) for op in operations if op.perform is None}
    lines = ["## Functions by area", "",
             f"{len(operations)} functions: {len(routes)} reach one Customer.io endpoint each, "
             f"{len(operations) - len(routes)} combine several calls or give another name's parameters."]
    for area, ops in by_area.items():
        if ops:
            lines += ["", f"### {area.capitalize()}", ""]
            lines += [f"- `{op.name}` — {op.summary}" for op in sorted(ops, key=lambda o: o.name)]
    return "\n".join(lines)


#: The note on functions whose body fields are only partly known (see surface.py).
OPEN_BODY = ("Customer.io's published facts for this endpoint name only the fields above; fields beyond them "
             "are passed as given, in the request body, under the names you write.")


def function_page(op: Operation) -> str:
    """One function on its own page."""
    return f"{BANNER}\n\n{function_section(op, level=1).strip()}\n"


def function_section(op: Operation, level: int) -> str:
    """Markdown for one function, its headings starting at ``level``."""
    h = "#" * level
    lines = [f"{h} {op.name}", "", op.summary, ""]
    if level == 1 and op.name in TASKS:  # what lua_search_docs matches a task against (not shown)
        lines += [f"<!-- tasks: {'; '.join(TASKS[op.name])} -->", ""]
    if op.description:
        lines += [op.description, ""]
    kind = f"{op.kind} ({EFFECT_NOTES[op.name]})" if op.name in EFFECT_NOTES else str(op.kind)
    lines += [f"Kind: {kind} · API: {FAMILY_NAMES[op.family]} `{op.method} {op.path}`"
              if op.perform is None else f"Kind: {kind} · composite (calls other functions)", ""]
    if op.aliases:
        lines += ["Also callable as " + ", ".join(f"`{a}`" for a in op.aliases) + ".", ""]
    lines += [f"{h}# Parameters", "", *parameter_table(op), ""]
    if op.params.model_config.get("extra") == "allow":
        lines += [OPEN_BODY, ""]
    if op.returns:
        lines += [f"{h}# Returns", "", op.returns, ""]
    lines += [f"{h}# Example" + ("s" if len(op.examples) > 1 else ""), ""]
    for example in op.examples:
        if len(op.examples) > 1:
            lines += [f"{h}## {example.title}", ""]
        lines += ["```lua", example.code.strip(), "```", ""]
    return "\n".join(lines)


def parameter_table(op: Operation) -> list[str]:
    """The parameter table rows, or "None." for functions without parameters."""
    fields = op.params.model_fields
    if not fields:
        return ["None."]
    rows = ["| Name | Type | Required | Description |", "|------|------|----------|-------------|"]
    for name, info in fields.items():
        rows.append(f"| `{name}` | {field_type(info)} | {'yes' if info.is_required() else 'no'} "
                    f"| {_describe(info)} |")
    return rows


def _describe(info: FieldInfo) -> str:
    text = _sentence((info.description or "").replace("|", "\\|"))
    bounds = {}
    for constraint in info.metadata:
        for attr in ("ge", "le"):
            value = getattr(constraint, attr, None)
            if value is not None:
                bounds[attr] = value
    spellings = getattr(info.validation_alias, "choices", [])[1:]
    also = [f"`{name}`" for name in spellings if isinstance(name, str) and f"`{name}`" not in text]
    note = f" Also accepted as {' or '.join(also)}." if also else ""
    return text + _range(bounds) + note


def _range(bounds: dict[str, Any]) -> str:
    if "ge" in bounds and "le" in bounds:
        return f" From {bounds['ge']} to {bounds['le']}."
    if bounds:
        return f" At least {bounds['ge']}." if "ge" in bounds else f" At most {bounds['le']}."
    return ""


def _sentence(text: str) -> str:
    """Descriptions read as sentences: a capital first, a full stop last."""
    text = text.strip()
    if text and text[0].islower() and text.split(" ", 1)[0] not in ("true", "false"):
        text = text[0].upper() + text[1:]
    return text if not text or text.endswith((".", ")", "?")) else text + "."


def field_type(info: FieldInfo) -> str:
    """The type column of one field: every form it accepts."""
    for meta in info.metadata:
        if isinstance(meta, Accepts):
            return meta.forms
    return lua_type(info.annotation)


def lua_type(annotation: Any) -> str:
    """How a parameter's type reads to a Lua programmer."""
    origin = get_origin(annotation)
    if origin is Annotated:
        forms = [m.forms for m in get_args(annotation)[1:] if isinstance(m, Accepts)]
        return forms[0] if forms else lua_type(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = [lua_type(a) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(dict.fromkeys(kinds))
    if origin is Literal:
        return "string (" + ", ".join(f'`"{v}"`' for v in get_args(annotation)) + ")"
    if origin in (list, tuple):
        args = get_args(annotation)
        return f"array of {lua_type(args[0])}" if args else "array"
    if origin is dict or annotation is dict:
        return "object"
    names = {str: "string", int: "integer", float: "number", bool: "boolean"}
    return names.get(annotation, "object" if hasattr(annotation, "model_fields") else "any")


def pages(operations: tuple[Operation, ...], featured: tuple[Operation, ...] = ()) -> dict[str, str]:
    """Every generated topic of this integration: the index and reference, and one page per function."""
    out = {"integrations.customerio": reference(operations, featured)}
    for op in operations:
        out[f"integrations.customerio.{op.name}"] = function_page(op)
    return out


PAGING_EXAMPLE = '''local names = {}
for newsletter in app.each(app.integrations.customerio.list_newsletters, { limit = 100 }, { max_items = 500 }) do
  names[#names + 1] = newsletter.name
end
print(#names .. " newsletters")

-- A page with several arrays: name the one to iterate.
for person in app.each(app.integrations.customerio.search_people,
    { filter = { segment = { id = 1 } }, limit = 50 }, { items = "identifiers", max_items = 200 }) do
  print(person.id)
end'''


def paging(operations: Iterable[Operation]) -> str:
    """The topic ``integrations.customerio.paging``: iterating every item of a paginated function."""
    paged = sorted(op.name for op in operations if "start" in op.query and op.perform is None)
    return "\n".join([
        BANNER, "", "# Customer.io — every item of a paginated call", "",
        "Paginated functions take `limit` and `start` and return one page: an array of items and `next`, the "
        "cursor of the page after it (`\"\"` on the last page). `app.each(fn, args, opts)` walks the pages for "
        "you and yields the items one by one; it fetches a page only when the loop needs it, so `break` "
        "stops the requests too. Each page is one call (it counts towards the run's call limit).", "",
        "Options (all optional): `max_items` (stop after that many items), `items` (the key of the array to "
        "iterate; needed when a page holds several arrays, as `search_people` does: `identifiers` and `ids`), "
        "`next` and `cursor` (the result's and the parameter's cursor names; default `next` and `start`).", "",
        "```lua", PAGING_EXAMPLE, "```", "",
        "## Paginated functions", "", *(f"- `{name}`" for name in paged), ""])


def seed_mapping(rows: Iterable[SeedOperation], seeds: Iterable[Seed]) -> str:
    """The topic ``integrations.customerio.seed_mapping``: each seed operation and the function that does it."""
    lines = [BANNER, "", "# Customer.io — seed operations and their functions", "",
             "Peer products describe Customer.io operations under their own names. Each row below names one "
             "and the function that performs it here; an alias in the row is a second Lua name of that "
             "function, so code written for the seed's names works as is. Parameters the API does not have "
             "are listed as not taken.", ""]
    rows = list(rows)
    for seed in seeds:
        mine = [r for r in rows if r.seed == seed]
        lines += [f"## {seed.title}", "", "| Seed operation | Function | Alias | Not taken | Notes |",
                  "|---|---|---|---|---|"]
        for r in mine:
            missing = ", ".join(f"`{u}`" for u in r.unsupported)
            lines.append(f"| {r.operation} | `{r.function}` | {f'`{r.alias}`' if r.alias else ''} | {missing} "
                         f"| {r.notes.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def example_files(operations: Iterable[Operation]) -> dict[str, str]:
    """examples/*.lua: one file per example of the declarations (seed examples verbatim)."""
    files = {}
    for op in operations:
        for example in op.examples:
            slug = re.sub(r"[^a-z0-9]+", "_", example.title.lower()).strip("_")
            files[f"{op.name}__{slug}.lua"] = example.code.strip() + "\n"
    return files
