"""Every recipe of ``recipes.customerio`` runs against the emulator and does what its title says."""

from __future__ import annotations

from typing import Any

import pytest

from bridge import Runtime
from integrations.customerio import CustomerIO
from integrations.customerio.recipes import RECIPES

#: What each recipe returns in the sample workspace (by title).
EXPECTED: dict[str, Any] = {
    "Find people by an attribute": 1,
    "Look a person up by email and read their attributes": "Ada",
    "Page through everyone in a segment": ["ada@example.com", "grace+trial@example.com", "linus@example.org"],
    "Count the people in a segment": 2,
    "Create or update a person": "trial",
    "Track an event for a person": True,
    "Send many events (or identifies) at once": {"sent": 101, "failed": 0},
    "Unsubscribe someone from all marketing email (and keep them)": True,
    "Add people to a manual segment": 1,
    "Create a company and relate a person to it": "globex",
    "Relate a person to a company through Pipelines": "Initech",
    "Read a company and the people related to it": {"name": "Acme", "people": 1},
    "Send a transactional email with data": True,
    "Trigger a broadcast for a list of people": 2,
    "Check how a broadcast trigger went": {"processed": True, "errors": 0},
    "List the messages sent to a person": 3,
    "Merge two profiles of the same person": 0,
    "Delete a person for an erasure request": True,
    "Preview a write without sending it, and handle refusals": "not_found",
    "Check which account and workspace the credentials reach": {"account": "default", "region": "us"},
}


def test_there_are_twenty_recipes_and_the_index_lists_the_page(runtime: Runtime) -> None:
    assert len(RECIPES) >= 20
    assert "recipes.customerio" in runtime.run('return lua_read_doc("index")').value
    page = runtime.run('return lua_read_doc("recipes.customerio")').value
    assert all(f"## {r.title}" in page for r in RECIPES)


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.title for r in RECIPES])
def test_recipe_runs_against_the_emulator(recipe: Any) -> None:
    result = Runtime([CustomerIO.emulated()], approve=lambda call: True).run(recipe.code, name=recipe.title)
    assert result.error is None, result.error
    if recipe.title == "Read a campaign's metrics":
        assert isinstance(result.value, int) and result.value >= 0
    elif recipe.title == "List the messages sent to a person":
        assert result.value >= 1
    else:
        assert result.value == EXPECTED[recipe.title]


def test_the_unsubscribe_search_finds_the_unsubscribe_path_first(runtime: Runtime) -> None:
    hits = runtime.run('return lua_search_docs("unsubscribe person from all email")').value
    assert hits[0]["topic"] in ("recipes.customerio", "integrations.customerio.identify_customer")
    assert "suppress" not in hits[0]["topic"]


@pytest.mark.parametrize(("query", "first"), [
    ("create a company and relate a person", "send_entity_operation"),
    ("send transactional email with data", "send_email"),
    ("find people by attribute", "search_people"),
    ("segment", "list_segments"),
])
def test_search_ranks_by_what_the_task_means(runtime: Runtime, query: str, first: str) -> None:
    hits = runtime.run(f'return lua_search_docs("{query}")').value
    assert hits[0]["topic"] == f"integrations.customerio.{first}"
