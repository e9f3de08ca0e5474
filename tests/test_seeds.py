"""Every operation the seed documents describe maps to a documented function, with the seed's names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bridge import Runtime
from bridge.docs import Docs
from integrations.customerio import CustomerIO
from integrations.customerio.seeds import APP_CONNECTOR, COMPOSIO, KOSMOKRATOR, MODULEX, PIPELINES_SKILL, SEED_MAP, Seed
from tests.cio_support import NS, succeeded
from tests.conftest import SEEDS, need


def seed_text(seed: Seed) -> str:
    (path,) = need(SEEDS, "seed documents").glob(seed.file_prefix + "*.txt")
    return Path(path).read_text(encoding="utf-8")


def seed_operations(seed: Seed) -> list[str]:
    """The operation list of a seed document, parsed from its text."""
    text = seed_text(seed)
    if seed is KOSMOKRATOR:
        return re.findall(r"^## (\w+)$", text.split("Raw agent markdown", 1)[1], re.M)
    if seed is COMPOSIO:
        return re.findall(r"^\*\*Slug:\*\* `(\w+)`", text, re.M)
    if seed is MODULEX:
        return re.findall(r'"title": "(\w+)Output"', text)
    if seed is APP_CONNECTOR:
        return re.findall(r"^\| ([A-Z][\w ]+) \| (?:Read|Write) \|", text, re.M)
    return [re.sub(r" \(.*\)$", "", h) for h in re.findall(r"^### (.+)$", text.split("## Core APIs", 1)[1], re.M)]


@pytest.mark.parametrize(("seed", "count"), [(KOSMOKRATOR, 7), (COMPOSIO, 24), (MODULEX, 3), (APP_CONNECTOR, 8),
                                             (PIPELINES_SKILL, 6)], ids=lambda v: getattr(v, "key", str(v)))
def test_the_table_covers_each_seed_exactly(seed: Seed, count: int) -> None:
    listed = seed_operations(seed)
    assert len(listed) == count
    assert sorted(listed) == sorted(r.operation for r in SEED_MAP if r.seed is seed)


@pytest.mark.parametrize("row", SEED_MAP, ids=lambda r: f"{r.seed.key}:{r.operation}")
def test_every_row_resolves_to_a_documented_function(row: Any, customerio: CustomerIO) -> None:
    assert customerio.resolve_function(row.function) == row.function
    if row.alias:
        assert customerio.resolve_function(row.alias) == row.function
    assert f"`{row.function}`" in Docs().read("integrations.customerio.seed_mapping")
    Docs().read(f"integrations.customerio.{row.function}")


def accepted(customerio: CustomerIO, function: str) -> set[str]:
    """The keys a function's table takes: field names and their other accepted spellings."""
    keys = set()
    for name, info in customerio.operations[function].params.model_fields.items():
        keys |= {name, *getattr(info.validation_alias, "choices", [])}
    return keys


def composio_parameters() -> dict[str, list[str]]:
    """Composio slug -> its input parameter names, from the seed's tables."""
    out = {}
    for block in seed_text(COMPOSIO).split("\n### ")[1:]:
        slug = re.search(r"\*\*Slug:\*\* `(\w+)`", block)
        inputs = block.split("#### Input Parameters", 1)[1].split("#### Output", 1)[0] if "#### Input" in block else ""
        if slug:
            out[slug.group(1)] = re.findall(r"^\| `(\w+)` \|", inputs, re.M)
    return out


def test_composio_parameter_names_are_taken(customerio: CustomerIO) -> None:
    params = composio_parameters()
    for row in (r for r in SEED_MAP if r.seed is COMPOSIO):
        missing = set(params[row.operation]) - accepted(customerio, row.function) - set(row.unsupported)
        assert not missing, (row.operation, missing)


SEED_CALLS = {
    "create_or_update_customer": '{ customer_id = "user-1001", email = "ada@example.com", created_at = 1700000000, '
                                 'attributes = { plan = "pro" } }',
    "send_event": '{ customer_id = "user-1001", event_name = "/pricing", event_type = "page", data = { a = 1 } }',
    "add_customers_to_segment": '{ segment_id = "4", customer_ids = { "user-1001" }, id_type = "id" }',
    "customerio_create_alias": '{ userId = "user-1001", previousId = "anon-42" }',
    "customerio_identify_person": '{ userId = "user-1001", traits = { plan = "pro" }, '
                                  'timestamp = "2024-06-01T12:00:00Z" }',
    "customerio_track_page": '{ userId = "user-1001", name = "Pricing", properties = { url = "/pricing" } }',
    "customerio_customer_io_suppress_person": '{ identifier = "user-1002" }',
    "customerio_get_segment_details": "{ segment_id = 1 }",
    "customerio_unsubscribe_delivery": '{ delivery_id = "RPILAgABcRhIBqSp7kiPekGBIeVh", unsubscribe = true }',
    "search_customers": '{ filter = { segment = { id = 1 } } }',
    "get_campaign_metrics": '{ campaign_id = 42, period = "days", steps = 7 }',
    "get_person_attributes": '{ email = "ada@example.com" }',
    "send_transactional_email": '{ transactional_message_id = 11, to = "ada@example.com", '
                                'identifiers = { email = "ada@example.com" }, message_data = { first = "Ada" } }',
}


@pytest.mark.parametrize(("function", "args"), SEED_CALLS.items(), ids=list(SEED_CALLS))
def test_seed_shaped_calls_succeed_against_the_emulator(function: str, args: str, customerio: CustomerIO) -> None:
    succeeded(Runtime([customerio], approve=lambda request: True).run(f"return {NS}.{function}({args})"))


def test_the_functions_the_issue_names_exist(customerio: CustomerIO) -> None:
    for name in ("send_push", "send_sms", "remove_customers_from_segment", "add_device", "delete_device",
                 "merge_customers", "unsuppress_customer", "track_anonymous_event", "get_region"):
        assert customerio.resolve_function(name) == name
