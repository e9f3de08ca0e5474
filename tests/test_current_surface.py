"""The current Customer.io surface: every operation Customer.io offers today, from Lua, over loopback HTTP.

The coverage test reads ``current-operations.json`` (skipped with the reason when ../shared is absent)
and the SDK-only sends; the round trips write through the bridge and read back what was written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from bridge import Runtime
from integrations.customerio import CustomerIO
from integrations.customerio.catalog import OPERATIONS
from integrations.customerio.docs import OPEN_BODY, function_page
from integrations.customerio.operations import route_key
from integrations.customerio.surface import SDK_SENDS
from tests.cio_support import Served, failed_with, served, succeeded
from tests.conftest import SPECS, need

NS = "local cio = app.integrations.customerio\n"


def test_every_current_operation_is_reached_by_a_documented_function() -> None:
    facts = json.loads(need(SPECS / "current-operations.json", "current-operations.json").read_text("utf-8"))
    wanted = {route_key(f["method"], f["path"]) for f in facts}
    wanted |= {route_key("POST", path) for path in SDK_SENDS}
    assert len(wanted) == 185
    by_route = {route_key(op.method, op.path): op for op in OPERATIONS if op.perform is None}
    missing = sorted(wanted - set(by_route))
    assert not missing, f"no function reaches {missing}"
    for key in wanted:
        page = function_page(by_route[key])
        shown = re.search(rf"`{key[0]} ([^`]+)`", page)
        assert shown and route_key(key[0], shown.group(1)) == key, f"{by_route[key].name}'s page does not name {key}"


def test_functions_with_partly_known_bodies_say_so() -> None:
    page = function_page(next(op for op in OPERATIONS if op.name == "update_design_email"))
    assert OPEN_BODY in page
    closed = function_page(next(op for op in OPERATIONS if op.name == "send_in_app_message"))
    assert OPEN_BODY not in closed


@pytest.fixture
def site() -> Iterator[tuple[Served, Runtime]]:
    with served("default") as s:
        integration = CustomerIO([s.account()])
        try:
            yield s, Runtime([integration], approve=lambda call: True)
        finally:
            integration.close()


def run(runtime: Runtime, code: str) -> object:
    return succeeded(runtime.run(NS + code))


RESOURCES = [  # (create, get, update, delete, key, create args)
    ("create_asset_folder", "get_asset_folder", "update_asset_folder", "delete_asset_folder", "folder",
     '{ name = "Logos" }'),
    ("create_design_folder", "get_design_folder", "update_design_folder", "delete_design_folder", "folder",
     '{ name = "Drafts" }'),
    ("create_design_component", "get_design_component", "update_design_component", "delete_design_component",
     "component", '{ name = "Header", tag = "x-header", content = "<h1>Hi</h1>" }'),
    ("create_design_email", "get_design_email", "update_design_email", "delete_design_email", "email",
     '{ name = "Launch", subject = "We launched" }'),
]


@pytest.mark.parametrize(("create", "get", "update", "delete", "key", "args"), RESOURCES, ids=[r[0] for r in RESOURCES])
def test_library_and_design_records_round_trip(site: tuple[Served, Runtime], create: str, get: str, update: str,
                                               delete: str, key: str, args: str) -> None:
    s, runtime = site
    value = run(runtime, f"""
local made = cio.{create}({args}).{key}
local before = cio.{get}({{ id = made.id }}).{key}
cio.{update}({{ id = made.id, name = "Renamed" }})
local after = cio.{get}({{ id = made.id }}).{key}
cio.{delete}({{ id = made.id }})
local ok, err = pcall(cio.{get}, {{ id = made.id }})
return {{ before.name, after.name, ok, err.code }}""")
    assert value[1:] == ["Renamed", False, "not_found"]
    assert value[0] != "Renamed"
    methods = [r.method for r in s.requests]
    assert methods == ["POST", "GET", "PUT", "GET", "DELETE", "GET"]


def test_design_email_translations_round_trip(site: tuple[Served, Runtime]) -> None:
    _, runtime = site
    value = run(runtime, """
local email = cio.create_design_email({ name = "Launch" }).email
cio.create_design_email_translation({ id = email.id, language = "de", subject = "Hallo" })
cio.update_design_email_translation({ id = email.id, language = "de", subject = "Guten Tag" })
local one = cio.get_design_email_translation({ id = email.id, language = "de" }).translation
local all = cio.list_design_email_translations({ id = email.id }).translations
cio.delete_design_email_translation({ id = email.id, language = "de" })
local ok, err = pcall(cio.get_design_email_translation, { id = email.id, language = "de" })
return { one.subject, #all, ok, err.code }""")
    assert value == ["Guten Tag", 1, False, "not_found"]


def test_upload_asset_sends_multipart_and_the_file_reads_back(site: tuple[Served, Runtime]) -> None:
    s, runtime = site
    value = run(runtime, """
local up = cio.upload_asset({ name = "pixel.png", content_base64 = "iVBORw0KGgo=", content_type = "image/png",
                              parent_folder_id = 1 }).asset
local got = cio.get_asset({ id = up.id }).asset
local listed = cio.list_assets({ parent_folder_id = 1 }).assets
return { got.name, got.size, got.content_type, #listed }""")
    assert value == ["pixel.png", 8, "image/png", 2]
    upload = s.requests[0]
    assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert s.emulator.workspace.asset_bytes[max(s.emulator.workspace.asset_bytes)] == b"\x89PNG\r\n\x1a\n"


def test_upload_asset_limits_are_checked_before_sending(site: tuple[Served, Runtime]) -> None:
    s, runtime = site
    for args in ('{ name = "big.txt", content = string.rep("a", 10 * 1024 * 1024 + 1) }',
                 '{ name = "a/b.txt", content = "x" }', '{ name = "x.bin", content_base64 = "not base64!" }',
                 '{ name = "x.txt", content = "a", content_base64 = "YQ==" }'):
        failed_with(runtime.run(NS + f"return cio.upload_asset({args})"), "validation_error")
    assert s.requests == []


def test_newsletter_created_sent_and_its_deliveries_listed(site: tuple[Served, Runtime]) -> None:
    _, runtime = site
    value = run(runtime, """
local n = cio.create_newsletter({ name = "May update", recipient_segment_ids = { 1 } }).newsletter
local draft = cio.get_newsletter({ id = n.id }).newsletter.state
cio.create_newsletter_translation({ newsletter_id = n.id, language = "de" })
local group = cio.create_newsletter_test_group({ newsletter_id = n.id }).test_group
cio.create_newsletter_test_translation({ newsletter_id = n.id, test_group_id = group.id, language = "de" })
cio.delete_newsletter_test_translation({ newsletter_id = n.id, test_group_id = group.id, language = "de" })
cio.delete_newsletter_translation({ newsletter_id = n.id, language = "de" })
cio.send_newsletter({ newsletter_id = n.id })
local sent = cio.get_newsletter({ id = n.id }).newsletter
local messages = cio.list_newsletter_messages({ newsletter_id = n.id }).messages
local ok, err = pcall(cio.send_newsletter, { newsletter_id = n.id })
return { draft, sent.state, #messages, ok, err.code }""")
    assert value == ["draft", "sent", 2, False, "api_error"]


def test_schedule_newsletter_keeps_the_schedule(site: tuple[Served, Runtime]) -> None:
    s, runtime = site
    value = run(runtime, """
cio.schedule_newsletter({ newsletter_id = 9, send_at = 1767261600 })
return cio.get_newsletter({ id = 9 }).newsletter.state""")
    assert value == "scheduled"
    assert s.emulator.workspace.newsletters[9]["schedule"] == {"send_at": 1767261600}


def test_snippets_created_listed_and_deleted(site: tuple[Served, Runtime]) -> None:
    _, runtime = site
    value = run(runtime, """
cio.create_snippet({ name = "sig", value = "The team" })
local ok, err = pcall(cio.create_snippet, { name = "sig", value = "again" })
cio.save_snippet({ name = "sig", value = "The whole team" })
local found
for _, s in ipairs(cio.list_snippets({}).snippets) do if s.name == "sig" then found = s.value end end
cio.delete_snippet({ snippet_name = "sig" })
local left = 0
for _, s in ipairs(cio.list_snippets({}).snippets) do if s.name == "sig" then left = left + 1 end end
return { ok, err.code, found, left }""")
    assert value == [False, "api_error", "The whole team", 0]


def test_domain_suppressions_round_trip(site: tuple[Served, Runtime]) -> None:
    _, runtime = site
    value = run(runtime, """
cio.add_email_suppression({ suppression_type = "bounces", email_address = "gone@mail.example.org" })
local by_domain = cio.list_domain_email_suppressions({ domain_name = "mail.example.org",
                                                       suppression_type = "bounces" }).suppressions
local other = cio.list_domain_email_suppressions({ domain_name = "example.com", suppression_type = "bounces" })
cio.remove_email_suppression({ suppression_type = "bounces", email_address = "gone@mail.example.org" })
local after = cio.list_domain_email_suppressions({ domain_name = "mail.example.org", suppression_type = "bounces" })
return { #by_domain, by_domain[1].email, #other.suppressions, #after.suppressions }""")
    assert value == [1, "gone@mail.example.org", 1, 0]


@pytest.mark.parametrize(("function", "kind"), [("send_inbox_message", "in_app"), ("send_in_app_message", "in_app"),
                                                ("send_whatsapp", "twilio")])
def test_sdk_only_sends_record_a_delivery(site: tuple[Served, Runtime], function: str, kind: str) -> None:
    s, runtime = site
    value = run(runtime, f"""
local sent = cio.{function}({{ identifiers = {{ id = "user-1001" }}, transactional_message_id = 11,
                              message_data = {{ order = "A1" }} }})
local m = cio.get_message({{ id = sent.delivery_id }}).message
return {{ m.type, m.customer_id }}""")
    assert value == [kind, "user-1001"]
    assert json.loads(s.requests[0].body)["message_data"] == {"order": "A1"}


def test_sdk_only_sends_refuse_unknown_fields_and_missing_templates(site: tuple[Served, Runtime]) -> None:
    s, runtime = site
    failed_with(runtime.run(NS + 'return cio.send_in_app_message({ identifiers = { id = "u" }, subjekt = "x" })'),
                "validation_error")
    assert s.requests == []


def test_sends_of_the_current_surface_are_destructive() -> None:
    kinds = {op.name: op.kind for op in OPERATIONS}
    for name in ("send_newsletter", "schedule_newsletter", "send_inbox_message", "send_in_app_message",
                 "send_whatsapp", "delete_design_email"):
        assert kinds[name] == "destructive", name
    assert kinds["create_design_email"] == "write"


def test_subscription_channels_token_and_metadata(site: tuple[Served, Runtime]) -> None:
    s, runtime = site
    value = run(runtime, """
local channels = cio.list_subscription_channels({}).channels
local token = cio.get_subscription_center_token({ customer_id = "user-1001" }).token
local ok, err = pcall(cio.get_subscription_center_token, { customer_id = "nobody" })
cio.describe_attributes({ attributes = { { name = "plan", display_name = "Plan" } } })
cio.describe_events({ events = { { name = "signed_up", description = "Finished sign-up" } } })
return { #channels, #token, ok, err.code }""")
    assert value == [3, 32, False, "not_found"]
    held = s.emulator.workspace.library
    assert [e["display_name"] for e in held["data_index_attributes"].values()] == ["Plan"]
    assert [e["description"] for e in held["data_index_events"].values()] == ["Finished sign-up"]


def test_message_reads_take_get_tracked_responses(site: tuple[Served, Runtime]) -> None:
    s, runtime = site
    run(runtime, "return cio.list_messages({ get_tracked_responses = true })")
    assert "get_tracked_responses=true" in s.requests[0].query
