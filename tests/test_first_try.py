"""Fixes of issue 14, each from Lua: send overrides, Pipelines messageId and retries, one id type per thing."""

from __future__ import annotations

import json

import httpx
import pytest
from pydantic import SecretStr

from bridge import Runtime
from bridge.cli import main as cli
from integrations.customerio import Account, CustomerIO
from tests.cio_support import failed_with, recording_transport, runtime_for, succeeded

CIO = "app.integrations.customerio"


def approved(customerio: CustomerIO) -> Runtime:
    return Runtime([customerio], approve=lambda call: True)


def test_send_email_takes_a_template_with_subject_body_and_from_overrides(customerio: CustomerIO) -> None:
    value = succeeded(approved(customerio).run(f'''
        return {CIO}.send_email({{
          transactional_message_id = 11, to = "ada@example.com", identifiers = {{ id = "user-1001" }},
          subject = "Your order shipped", from_address = "Shop <shop@acme.example>",
          message_data = {{ order = "A-17" }},
        }})'''))
    assert value["delivery_id"]
    sent = customerio.emulators["default"].workspace.messages[-1]
    assert sent["subject"] == "Your order shipped"


def test_send_email_still_needs_a_template_or_complete_content(customerio: CustomerIO) -> None:
    result = approved(customerio).run(f'''
        return {CIO}.send_email({{ to = "ada@example.com", identifiers = {{ id = "user-1001" }}, subject = "Hi" }})''')
    failed_with(result, "validation_error")
    assert "transactional_message_id" in result.error.message  # type: ignore[union-attr]


def pipelines_account() -> Account:
    return Account(name="default", pipelines_api_key=SecretStr("cdp-key"), pipelines_url="http://cdp.test")


def test_pipelines_calls_carry_a_message_id_and_a_5xx_is_retried_with_the_same_one() -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, json={})])
    transport, seen = recording_transport(lambda request: next(answers))
    with runtime_for(pipelines_account(), transport=transport) as runtime:
        succeeded(runtime.run(f'return {CIO}.track_user_event({{ user_id = "user-1001", event = "Order Completed" }})'))
    ids = [json.loads(request.content)["messageId"] for request in seen]
    assert len(ids) == 2 and ids[0] == ids[1] and len(ids[0]) == 26  # one ULID, sent twice


def test_a_pipelines_batch_gives_every_call_its_own_message_id_and_keeps_given_ones() -> None:
    transport, seen = recording_transport()
    with runtime_for(pipelines_account(), transport=transport) as runtime:
        succeeded(runtime.run(f'''return {CIO}.send_pipelines_batch({{ batch = {{
          {{ type = "track", userId = "user-1001", event = "A" }},
          {{ type = "track", userId = "user-1001", event = "B", messageId = "mine-1" }},
        }} }})'''))
    ids = [call["messageId"] for call in json.loads(seen[0].content)["batch"]]
    assert ids[1] == "mine-1" and len(ids[0]) == 26


def test_object_type_id_takes_a_number_or_its_digits_everywhere(runtime: Runtime) -> None:
    for type_id in ("1", '"1"'):
        succeeded(runtime.run(f'''return {CIO}.search_objects({{ object_type_id = {type_id},
          filter = {{ object_attribute = {{ field = "plan", operator = "exists", type_id = "1" }} }} }})'''))
        code = f'return {CIO}.get_object_attributes({{ object_type_id = {type_id}, object_id = "acme" }})'
        succeeded(runtime.run(code))
    failed_with(runtime.run(f'return {CIO}.get_object_attributes({{ object_type_id = "companies", object_id = "a" }})'),
                "validation_error")


SEND = (f'return {CIO}.send_email({{ transactional_message_id = 11, to = "ada@example.com", '
        'identifiers = { id = "user-1001" } })')


def test_permission_denied_names_the_env_var_toml_key_and_cli_flag(runtime: Runtime) -> None:
    result = runtime.run(SEND)
    details = failed_with(result, "permission_denied")
    assert details["remedy"] == {"env": "CUSTOMERIO_DEFAULT_POLICY_ALLOW=send_email",
                                 "toml": 'allow = ["send_email"] in [customerio.accounts.default.policy]',
                                 "cli": "luabridge run --allow send_email ..."}
    message = result.error.message  # type: ignore[union-attr]
    assert "CUSTOMERIO_DEFAULT_POLICY_DESTRUCTIVE=allow" in message and "--allow destructive" in message


def test_the_named_env_var_does_allow_the_call() -> None:
    customerio = CustomerIO.from_env({"CUSTOMERIO_DEFAULT_POLICY_ALLOW": "send_email"})
    assert succeeded(Runtime([customerio]).run(SEND))["delivery_id"]


def test_a_function_denied_by_name_is_told_to_leave_the_deny_list() -> None:
    customerio = CustomerIO.from_env({"CUSTOMERIO_PRODUCTION_POLICY_DENY": "track_event"})
    result = Runtime([customerio]).run(f'return {CIO}.production.track_event({{ id = "u", name = "x" }})')
    assert failed_with(result, "permission_denied")["remedy"]["env"] == \
        "CUSTOMERIO_PRODUCTION_POLICY_DENY without track_event"


def test_cli_allow_lets_a_function_or_a_class_through_for_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "--in-process", "-e", SEND]) == 1
    assert "--allow send_email" in capsys.readouterr().err
    assert cli(["run", "--in-process", "--allow", "send_email", "-e", SEND]) == 0
    assert cli(["run", "--in-process", "--allow", "destructive", "-e", SEND]) == 0
    assert cli(["run", "--in-process", "--allow", "send_emial", "-e", SEND]) == 2
    assert "not a class of call" in capsys.readouterr().err


EMPTY_LISTS = f'''
local members = {CIO}.list_segment_members({{ segment_id = 3 }})  -- segment 3 has nobody in it
return {{ members = members, encoded = json.encode(members), decoded = json.decode('{{"a":[],"b":{{}}}}'),
         plain = {{}} }}'''


def test_empty_lists_stay_lists_in_the_value_and_in_json_encode(runtime: Runtime) -> None:
    value = succeeded(runtime.run(EMPTY_LISTS))
    assert value["members"] == {"identifiers": [], "ids": [], "next": ""}
    assert json.loads(value["encoded"]) == {"identifiers": [], "ids": [], "next": ""}
    assert value["decoded"] == {"a": [], "b": {}}
    assert value["plain"] == {}  # a table the snippet made is still an object when empty


def test_empty_lists_stay_lists_in_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["run", "--in-process", "--json", "-e", EMPTY_LISTS]) == 0
    shown = json.loads(capsys.readouterr().out)["value"]
    assert shown["members"]["ids"] == [] and shown["decoded"]["a"] == []


def test_siblings_take_the_same_name_for_the_same_id(runtime: Runtime) -> None:
    same = succeeded(runtime.run(f'''
        local a = {CIO}.get_segment({{ id = 1 }}).segment.name
        local b = {CIO}.get_segment({{ segment_id = 1 }}).segment.name
        local c = {CIO}.get_segment_customer_count({{ id = 1 }}).count
        local d = {CIO}.get_segment_customer_count({{ segment_id = 1 }}).count
        assert(c == 2, "segment 1 has two people")
        local e = {CIO}.get_campaign({{ campaign_id = 42 }}).name
        local f = {CIO}.get_campaign_metrics({{ id = 42 }}).metric ~= nil
        return {{ a == b, c == d, e ~= nil, f }}'''))
    assert same == [True, True, True, True]


def test_a_reporting_webhook_is_id_in_get_and_update_and_the_old_name_still_works(customerio: CustomerIO) -> None:
    runtime = approved(customerio)  # a reporting webhook sends data out of the workspace: destructive
    for name in ("id", "webhook_id"):
        succeeded(runtime.run(f'return {CIO}.update_reporting_webhook({{ {name} = 1, name = "Opens", '
                              'endpoint = "https://example.com/hook", events = { "email_opened" } })'))
    page = runtime.run('return lua_read_doc("integrations.customerio.update_reporting_webhook")').value
    assert "| `id` | integer | yes |" in page and "Also accepted as `webhook_id`" in page


def test_send_push_and_sms_take_a_template_with_overrides(customerio: CustomerIO) -> None:
    value = succeeded(approved(customerio).run(f'''
        local push = {CIO}.send_push({{ transactional_message_id = 11, identifiers = {{ id = "user-1001" }},
          to = "all", title = "Shipped", message = "Your order is on its way" }})
        local sms = {CIO}.send_sms({{ transactional_message_id = 11, identifiers = {{ id = "user-1001" }},
          to = "+15555550100", message_data = {{ code = "1234" }} }})
        return {{ push.delivery_id ~= nil, sms.delivery_id ~= nil }}'''))
    assert value == [True, True]


def test_an_empty_list_from_a_result_goes_back_into_a_call_as_a_list(customerio: CustomerIO) -> None:
    runtime = Runtime([customerio])
    succeeded(runtime.run(f'''
        local none = {CIO}.list_segment_members({{ segment_id = 3 }}).ids   -- an empty list
        {CIO}.identify_customer({{ id = "user-1001", attributes = {{ tags = none }} }})'''))
    person = next(p for p in customerio.emulators["default"].workspace.people if p.id == "user-1001")
    assert person.attributes["tags"] == []


def test_every_person_function_with_id_type_takes_email_or_cio_id_directly(runtime: Runtime) -> None:
    value = succeeded(runtime.run(f'''
        local by_email = {CIO}.list_person_segments({{ email = "grace+trial@example.com" }}).segments
        local by_id = {CIO}.list_person_segments({{ id = "user-1002" }}).segments
        local by_cio = {CIO}.list_person_messages({{ cio_id = "03000001" }}).messages
        return {{ #by_email == #by_id and #by_id > 0, #by_cio > 0 }}'''))
    assert value == [True, True]
    both = runtime.run(f'return {CIO}.list_person_segments({{ id = "user-1002", email = "x@example.com" }})')
    failed_with(both, "validation_error")


def test_luabridge_mcp_takes_allow_too() -> None:
    from bridge.cli import _parser
    from bridge.mcp_cli import _in_process_runtime

    args = _parser().parse_args(["mcp", "--in-process", "--allow", "send_email"])
    runtime = _in_process_runtime(args, None, None)
    assert succeeded(runtime.run(SEND))["delivery_id"]
