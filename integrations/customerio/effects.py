"""Per-call classes: what a call does decides whether it is a write or a destructive call.

Most functions have one class (``Operation.kind``). Some do very different things depending on
their arguments: a Track v2 entity operation is a plain identify, or a deletion. For those,
``Operation.effect`` reads the call's arguments (plain data, before validation) and returns the
class of that call; the bridge's policy applies to it (``CustomerIO.describe_call``). Unreadable
arguments get the strictest class: validation refuses them right after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integrations.customerio.operations import Kind

#: Track v2 actions that cannot be taken back: the person or object is gone, or merged away.
DESTRUCTIVE_ACTIONS = frozenset({"delete", "suppress", "merge"})


def entity_effect(args: Any) -> Kind:
    """One Track v2 operation: destructive for delete, suppress and merge; a write otherwise."""
    action = args.get("action") if isinstance(args, dict) else None
    if not isinstance(action, str):
        return Kind.DESTRUCTIVE
    return Kind.DESTRUCTIVE if action in DESTRUCTIVE_ACTIONS else Kind.WRITE


def batch_effect(args: Any) -> Kind:
    """A Track v2 batch: destructive when any of its operations is, else a write."""
    items = args.get("batch") if isinstance(args, dict) else None
    if not isinstance(items, list) or not items:
        return Kind.DESTRUCTIVE if not isinstance(items, list) else Kind.WRITE
    return max((entity_effect(item) for item in items), key=_rank)


def _rank(kind: Kind) -> int:
    return (Kind.READ, Kind.WRITE, Kind.DESTRUCTIVE).index(kind)


#: Function -> how to class one call of it. Its declared kind becomes the mildest it can be.
EFFECTS: dict[str, Callable[[Any], Kind]] = {
    "send_entity_operation": entity_effect,
    "send_entity_batch": batch_effect,
}

#: What the docs say of a function classed per call.
EFFECT_NOTES = {
    "send_entity_operation": "destructive when `action` is delete, suppress or merge",
    "send_entity_batch": "destructive when any operation's `action` is delete, suppress or merge",
}
