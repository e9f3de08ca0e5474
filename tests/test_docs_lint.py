"""The docs lint: the mechanical part of "every parameter description says what the parameter is".

Runs over every function page under lua_docs/integrations/customerio/: a description must not
only repeat its name, must be a full sentence, must not speak of a person on another resource's
parameters, must not point at an `id_type` the function does not have, and notes ("Also accepted
as") stand as their own sentence, once. A Returns section that names a list names its items' fields.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

PAGES = sorted((REPO / "lua_docs" / "integrations" / "customerio").glob("*.md"))
FUNCTION_PAGES = [p for p in PAGES if p.stem not in ("paging", "seed_mapping", "recipes")]
ROW = re.compile(r"^\| `(\w+)` \| ([^|]+) \| (yes|no) \| (.*) \|$", re.M)
#: Words that say nothing about a parameter by themselves.
FILLER = {"the", "a", "an", "of", "its", "id", "ids", "to", "or", "and", "for", "this", "is", "in", "s"}
PERSON_WORDS = re.compile(r"\bperson's (identifier|id)\b|\bthe person, by\b", re.I)


def rows(page: Path) -> list[tuple[str, str, str, str]]:
    return ROW.findall(page.read_text(encoding="utf-8"))


def problems(page: Path) -> list[str]:
    """Every lint finding on one function page."""
    text = page.read_text(encoding="utf-8")
    found = []
    params = {name for name, *_ in rows(page)}
    person_page = "/customers" in text.split("\n## Parameters", 1)[0] or "people" in page.stem
    for name, _kind, _required, description in rows(page):
        found += [f"{page.stem}.{name}: {p}" for p in description_problems(name, description, params, person_page)]
    found += [f"{page.stem}: {p}" for p in returns_problems(text)]
    return found


def description_problems(name: str, description: str, params: set[str], person_page: bool) -> list[str]:
    """What is wrong with one parameter's description."""
    out = []
    core = re.sub(r"Also accepted as .*|At (least|most) \d+\.|From \d+ to \d+\.", "", description)
    words = set(re.findall(r"[a-z0-9]+", core.lower())) - FILLER
    if words <= set(name.split("_")) | FILLER:
        out.append(f"only repeats its name: {description!r}")
    sentence = re.match(r"^([A-Z`\"'0-9]|true |false )", description) and description.rstrip().endswith((".", ")"))
    if not sentence:
        out.append(f"not a full sentence: {description!r}")
    if "id_type" in description and "id_type" not in params and name != "id_type":
        out.append("mentions `id_type`, which this function does not take")
    if name == "id" and not person_page and PERSON_WORDS.search(description):
        out.append("speaks of a person on another resource's id")
    if description.count("Also accepted as") > 1:
        out.append("repeats its 'Also accepted as' note")
    if re.search(r"[^.)] Also accepted as", description):
        out.append("glues 'Also accepted as' to the previous sentence")
    return out


def returns_problems(text: str) -> list[str]:
    """A list in Returns must come with its items' fields: `x`: an array of ... with `a`, `b`."""
    section = text.split("\n## Returns\n", 1)[1].split("\n## ", 1)[0] if "\n## Returns\n" in text else ""
    out = []
    for clause in re.split(r"(?<=[.;])\s", section):
        if re.search(r"\b(array|list)s?\b", clause) and not re.search(r"\bwith `|`\{", clause) \
                and "as given" not in clause:
            out.append(f"Returns names a list without its items' fields: {clause.strip()!r}")
    return out


def test_there_is_a_page_per_function() -> None:
    assert len(FUNCTION_PAGES) > 100


@pytest.mark.parametrize("page", FUNCTION_PAGES, ids=[p.stem for p in FUNCTION_PAGES])
def test_function_page_passes_the_docs_lint(page: Path) -> None:
    assert problems(page) == []


def test_the_lint_catches_each_kind_of_problem() -> None:
    assert description_problems("tz", "Tz", set(), False)
    assert description_problems("email_address", "Email address.", set(), False)
    assert description_problems("id", "The person's identifier (see `id_type`).", {"id"}, False) == [
        "mentions `id_type`, which this function does not take", "speaks of a person on another resource's id"]
    assert description_problems("user_id", "The user id Also accepted as `userId`.", set(), True)
    assert description_problems("x", "Has a meaning. Also accepted as `y`. Also accepted as `y`.", set(), True)
    assert returns_problems("\n## Returns\n\n`results`: an array of people.\n") != []
    assert returns_problems("\n## Returns\n\n`results`: an array of people with `id` and `email`.\n") == []
    assert description_problems("segment_id", "Which segment: its number, as `list_segments` returns it.",
                                set(), False) == []


#: Where the emulator's answer differs from the spec's schema the Returns text follows (reported, not hidden).
ANSWER_DIFFERS = {"get_archived_message": "the emulator answers `message`, the spec `archived_message`",
                  "get_collection_contents": "the answer is the collection's own data, keys as stored"}


def test_returns_names_what_each_example_actually_gets_back() -> None:
    """Run every function's example against the emulator: each key of a small answer, and each list's
    item fields, must appear in the function's Returns."""
    from bridge import Runtime
    from integrations.customerio import CustomerIO
    from integrations.customerio.catalog import OPERATIONS

    missing = []
    for op in (o for o in OPERATIONS if o.examples and o.name not in ANSWER_DIFFERS):
        value = Runtime([CustomerIO.emulated()], approve=lambda call: True).run(op.examples[0].code).value
        for key, item in (value.items() if isinstance(value, dict) and len(value) <= 8 else ()):
            if f"`{key}`" not in op.returns:
                missing.append(f"{op.name}: `{key}`")
            elif isinstance(item, list) and item and isinstance(item[0], dict) and \
                    not any(f"`{field}`" in op.returns for field in item[0]):
                missing.append(f"{op.name}: the fields of `{key}`")
    assert missing == []


def test_no_declared_field_has_a_placeholder_description() -> None:
    """Nested tables' fields too (they reach the editor types and validation messages)."""
    import inspect

    from integrations.customerio import generated
    from integrations.customerio.descriptions import placeholder

    found = [f"{name}.{field}" for name, cls in inspect.getmembers(generated, inspect.isclass)
             if cls.__module__ == generated.__name__ and hasattr(cls, "model_fields")
             for field, info in cls.model_fields.items() if info.description == placeholder(field)]
    assert found == []
