"""The answer for operations the emulator does not model: the spec-valid sample, paged if needed.

Path ids naming records the workspace holds (campaigns, broadcasts, newsletters, transactional
messages, segments) are still looked up, so an unknown id is a 404 as in Customer.io.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .catalog import Operation
from .paging import page_limit, paginate
from .shapes import sample_response
from .wire import Call, Rejected, Reply
from .workspace import Workspace

_COLLECTIONS: dict[str, Callable[[Workspace], dict[int, Any]]] = {
    "campaign_id": lambda workspace: workspace.campaigns,
    "broadcast_id": lambda workspace: workspace.broadcasts,
    "newsletter_id": lambda workspace: workspace.newsletters,
    "transactional_id": lambda workspace: workspace.transactional,
    "segment_id": lambda workspace: workspace.segments,
}
DEFAULT_PAGE = (50, 1000)


def canned_handler(operation: Operation) -> Callable[[Call], Reply]:
    """A handler answering ``operation``'s sample after checking the ids in its path."""

    def answer(call: Call) -> Reply:
        require_known_ids(call)
        body = sample_response(operation.name)
        if operation.paginated and isinstance(body, dict):
            page_first_list(call, body)
        return Reply(operation.success_status, body)

    answer.__doc__ = f"``{operation.method} {operation.path_template}``: the spec's sample answer."
    return answer


def require_known_ids(call: Call) -> None:
    """404 when a path id names a campaign, broadcast, newsletter, template or segment not held."""
    for name, collection in _COLLECTIONS.items():
        raw = call.params.get(name)
        if raw is not None and raw.lstrip("-").isdigit() and int(raw) not in collection(call.workspace):
            raise Rejected(404, f"{name.removesuffix('_id')} {raw} not found")  # detail text is ours


def page_first_list(call: Call, body: dict[str, Any], limits: tuple[int, int] = DEFAULT_PAGE) -> None:
    """Page the first list in ``body`` with ``start``/``limit`` and set ``next``."""
    key = next((name for name, value in body.items() if isinstance(value, list)), None)
    if key is None:
        return
    body[key], body["next"] = paginate(body[key], call.query_value("start"), page_limit(call, *limits))
