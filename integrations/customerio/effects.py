"""What a Customer.io call will do, judged from its arguments: the class the policy applies.

Each call starts from its declared class (``Operation.kind``); the rules below raise it to
"destructive" when the arguments ask for an effect that deletes, suppresses, unsubscribes, merges,
removes relationships, sends data out of the workspace or changes live message content. The reason
goes into the plan the approver sees and into permission_denied. The rules, for the docs page
(``RULES``), are written once here.

The entity functions (``BY_CONTENT``) are declared writes and classed by what they hold: a batch of
plain identifies and events is a write, one delete makes it destructive, and unreadable arguments get
the strictest class (validation refuses them right after).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

#: Data Pipelines semantic events that delete or suppress (contract note, section on semantic events).
DESTRUCTIVE_EVENTS = frozenset({"user deleted", "user suppressed", "user unsuppressed", "device deleted",
                                "relationship deleted", "object deleted"})
#: Track v2 entity actions that delete, suppress, unsuppress or merge.
DESTRUCTIVE_ACTIONS = frozenset({"delete", "suppress", "unsuppress", "delete_relationships", "delete_device",
                                 "merge"})
#: Functions whose every call is destructive whatever their declared class, and why.
ALWAYS = {
    "alias_user": "alias_user merges the two people's profiles (as merge_customers does)",
    "unsuppress_customer": "unsuppress_customer lets messages reach a person who was suppressed",
    "create_reporting_webhook": "a reporting webhook sends the workspace's message events to an outside URL",
    "update_reporting_webhook": "a reporting webhook sends the workspace's message events to an outside URL",
    "save_snippet": "a snippet is live content used by sent messages",
    **{name: f"{name} rewrites content of live messages" for name in (
        "update_broadcast_action", "update_broadcast_action_translation", "update_campaign_action",
        "update_campaign_action_translation", "update_newsletter_content", "update_newsletter_test_translation",
        "update_newsletter_translation", "update_transactional_content", "update_transactional_translation")},
}

#: The rules in words, for the policy docs page.
RULES = (
    "A Data Pipelines event named " + ", ".join(f'"{e.title()}"' for e in sorted(DESTRUCTIVE_EVENTS))
    + " (track_user_event, send_pipelines_batch) is destructive: it deletes or suppresses.",
    "Setting `unsubscribed = true` (identify_customer, create_or_update_customer, identify_user, send_bulk, "
    "entity batches) is destructive, as unsubscribe_delivery is.",
    "Removing relationships through identify (`cio_relationships` with a remove action) is destructive.",
    "An entity batch or operation (send_entity_batch, send_entity_operation) is a write unless an item's "
    "action is one of " + ", ".join(sorted(DESTRUCTIVE_ACTIONS)) + " (then destructive).",
    "Always destructive: " + ", ".join(sorted(ALWAYS)) + " (merges, unsuppressing, data leaving the workspace "
    "through reporting webhooks, live message content and snippets).",
)


def classify(function: str, declared: str, args: Any) -> tuple[str, str]:
    """(class, reason) of one call: ``declared`` raised by what ``args`` ask for; reason "" when not raised."""
    if function in ALWAYS:
        return "destructive", ALWAYS[function]
    check = _CHECKS.get(function)
    why = check(args) if check is not None and isinstance(args, Mapping) else ""
    return ("destructive", why) if why else (declared, "")


def _event(name: Any, where: str = "") -> str:
    if isinstance(name, str) and name.strip().lower() in DESTRUCTIVE_EVENTS:
        return f'{where}a Data Pipelines "{name.strip()}" event deletes or suppresses'
    return ""


def _unsubscribes(attributes: Any, where: str = "") -> str:
    if not isinstance(attributes, Mapping):
        return ""
    if attributes.get("unsubscribed") is True or str(attributes.get("unsubscribed")).lower() == "true":
        return f"{where}sets unsubscribed = true (an unsubscribe, as unsubscribe_delivery is)"
    relations = attributes.get("cio_relationships")
    action = relations.get("action") if isinstance(relations, Mapping) else None
    if isinstance(action, str) and ("remove" in action or "delete" in action):
        return f"{where}removes relationships"
    return ""


def _identify(args: Mapping[str, Any]) -> str:
    return _unsubscribes(args.get("attributes")) or _unsubscribes(args)


def _first(items: Any, check: Callable[[Any, str], str]) -> str:
    for index, item in enumerate(items if isinstance(items, Iterable) and not isinstance(items, str | bytes)
                                 else (), 1):
        why = check(item, f"item {index}: ") if isinstance(item, Mapping) else ""
        if why:
            return why
    return ""


def _pipelines_item(item: Mapping[str, Any], where: str) -> str:
    if item.get("type") == "alias":
        return f"{where}an alias merges two people"
    return _event(item.get("event"), where) or _unsubscribes(item.get("traits"), where)


def _entity(item: Mapping[str, Any], where: str = "") -> str:
    action = item.get("action")
    if not isinstance(action, str):  # unreadable: the strictest class (validation refuses it right after)
        return f"{where}its action is not given as text"
    if action in DESTRUCTIVE_ACTIONS:
        return f"{where}its action is {action}"
    return _unsubscribes(item.get("attributes"), where)


def _entity_batch(args: Mapping[str, Any]) -> str:
    batch = args.get("batch")
    return _first(batch, _entity) if isinstance(batch, list) else "its batch is not a list of operations"


def _bulk_item(item: Mapping[str, Any], where: str) -> str:
    return _unsubscribes(item.get("attributes"), where) or _unsubscribes(item, where)


_CHECKS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "track_user_event": lambda a: _event(a.get("event")),
    "send_pipelines_batch": lambda a: _first(a.get("batch"), _pipelines_item),
    "identify_customer": _identify,
    "create_or_update_customer": _identify,
    "identify_user": lambda a: _unsubscribes(a.get("traits")),
    "send_bulk": lambda a: _first(a.get("operations"), _bulk_item),
    "send_entity_batch": _entity_batch,
    "send_entity_operation": _entity,
}


def policy_page(operations: Iterable[Any], max_approvals: int) -> str:
    """The ``integrations.customerio.policy`` doc page: classes, the rules that raise them, dry runs."""
    post_reads = sorted(op.name for op in operations if str(op.kind) == "read" and op.method == "POST")
    rules = "\n".join(f"- {rule}" for rule in RULES)
    return f"""# Policy: which calls need approval

Every call has a class: `read`, `write` or `destructive`. Each account's policy allows, denies or asks
the host about each class (default: reads and writes allowed, destructive calls need the host's
approval), and may allow or deny functions by name (aliases count as the function they name). A call
that is not allowed fails with `permission_denied` before anything is sent.

A call's class is its function's declared class (on its doc page), raised by what its arguments ask for:

{rules}

When the arguments raised the class, `permission_denied`'s message says why (", because ..."), and so
does a dry run's plan (`reason`) and the approval request the host sees. Functions that make several
requests (send_bulk, send_event, suppress_person, create_or_update_customer, get_segment_details, ...)
are judged for each request they make too: denying `identify_customer` also stops
`create_or_update_customer`.

A run asks the host for approval at most {max_approvals} times; later calls that need approval fail
with `permission_denied` without asking (make them in a new run).

Arguments holding one of the host's credentials are refused with `validation_error` and never sent.

## Dry runs

In a dry run (`app.dry_run == true`) writes and destructive calls return their plan instead of being
sent. Reads are sent as usual, including those that use POST: {", ".join(post_reads) or "none"}.
"""


#: Functions classed by what each call holds: declared writes (catalog.py), raised by _CHECKS.
BY_CONTENT = frozenset({"send_entity_operation", "send_entity_batch"})

_ACTIONS = ", ".join(sorted(DESTRUCTIVE_ACTIONS))
#: What the docs say of a function classed per call.
EFFECT_NOTES = {
    "send_entity_operation": f"destructive when `action` is one of {_ACTIONS}",
    "send_entity_batch": f"destructive when any operation's `action` is one of {_ACTIONS}",
}
