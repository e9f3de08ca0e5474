"""The operation set of ``CustomerIO``: the curated declarations plus the generated ones.

Where a curated operation covers the same method and path as a generated one, the curated
declaration wins; the generated name, when different, becomes an alias of it, and its area
is taken over when the curated one has none. Composite curated operations (``perform``)
cover no route: they are extra functions, or replace the generated operation of the same name.
Last, the seed mapping (``seeds.py``) adds its seed-style aliases.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from integrations.customerio.curated import OPERATIONS as CURATED
from integrations.customerio.descriptions import DETAILS, RETURNS
from integrations.customerio.effects import BY_CONTENT
from integrations.customerio.generated import OPERATIONS as GENERATED
from integrations.customerio.operations import Kind, Operation, route_key
from integrations.customerio.seeds import seed_aliases
from integrations.customerio.uploads import OPERATIONS as UPLOADS


def route(op: Operation) -> tuple[str, str]:
    """Method and path template with placeholder names erased (names differ between the two)."""
    return route_key(op.method, op.path)


def merge(curated: Iterable[Operation], generated: Iterable[Operation]) -> tuple[Operation, ...]:
    """Curated first (in their order), then the generated operations nobody curated."""
    chosen = list(curated)
    index = {route(op): i for i, op in enumerate(chosen) if op.perform is None}
    names = {op.name for op in chosen}
    for op in generated:
        at = index.get(route(op))
        if at is None and op.name in names:
            continue  # a composite curated operation of that name replaces it
        if at is None:
            chosen.append(op)
            continue
        mine = chosen[at]
        aliases = mine.aliases + ((op.name,) if op.name != mine.name and op.name not in mine.aliases else ())
        chosen[at] = dataclasses.replace(mine, aliases=aliases, area=mine.area or op.area)
    return tuple(chosen)


def with_aliases(operations: Iterable[Operation], aliases: dict[str, tuple[str, ...]]) -> tuple[Operation, ...]:
    """The operations with ``aliases[name]`` added to each (those already declared are kept once)."""
    out = []
    for op in operations:
        extra = tuple(a for a in aliases.get(op.name, ()) if a not in op.aliases and a != op.name)
        out.append(dataclasses.replace(op, aliases=op.aliases + extra) if extra else op)
    return tuple(out)


def with_details(operations: Iterable[Operation], details: dict[str, str]) -> tuple[Operation, ...]:
    """The operations with ``details[name]`` added to their description (descriptions.DETAILS)."""
    return tuple(dataclasses.replace(op, description="\n\n".join(filter(None, (op.description, details[op.name]))))
                 if op.name in details else op for op in operations)


def with_returns(operations: Iterable[Operation], returns: dict[str, str]) -> tuple[Operation, ...]:
    """The operations with ``returns[name]`` where their declaration says nothing specific (descriptions.RETURNS)."""
    return tuple(dataclasses.replace(op, returns=returns[op.name]) if op.name in returns else op
                 for op in operations)


def with_effects(operations: Iterable[Operation], by_content: frozenset[str]) -> tuple[Operation, ...]:
    """The operations classed by what each call holds (effects.BY_CONTENT) are declared writes;
    effects.classify raises a call of them to destructive when an item deletes, suppresses or merges."""
    return tuple(dataclasses.replace(op, kind=Kind.WRITE) if op.name in by_content else op for op in operations)


_NAMED = with_aliases(merge((*CURATED, *UPLOADS), GENERATED), seed_aliases())
OPERATIONS = with_effects(with_returns(with_details(_NAMED, DETAILS), RETURNS), BY_CONTENT)
