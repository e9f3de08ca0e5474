"""Bad arguments are refused before any request, with a code and the field to fix; good ones arrive intact.

Requests go to an in-process recording transport: a test that expects a refusal also asserts that
nothing was sent, and one that expects success reads the JSON body that was sent.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import Field

from bridge import Runtime
from bridge.errors import ConfigError
from bridge.params import Params
from bridge.result import RunError
from integrations.customerio import Account, CustomerIO, Family, Kind, Operation
from integrations.customerio.curated import OPERATIONS, SEED_OPERATIONS
from integrations.customerio.fields import check_attributes
from tests.cio_support import (
    NS,
    assert_no_traceback,
    failed_with,
    recording_transport,
    runtime_for,
    succeeded,
)

ACCOUNT = {"site_id": "site", "track_api_key": "track-key", "app_api_key": "app-key"}
#: Snippets below call ``cio.<function>``.
PRELUDE = f"local cio = {NS}\n"


@pytest.fixture
def wire() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    return recording_transport()


@pytest.fixture
def sent(wire: tuple[httpx.MockTransport, list[httpx.Request]]) -> list[httpx.Request]:
    return wire[1]


@pytest.fixture
def rt(wire: tuple[httpx.MockTransport, list[httpx.Request]]) -> Iterator[Runtime]:
    with runtime_for(Account(**ACCOUNT), transport=wire[0]) as runtime:
        yield runtime


def refused(rt: Runtime, sent: list[httpx.Request], snippet: str, code: str) -> RunError:
    """Run ``snippet``; assert it failed with ``code``, sent nothing and shows no traceback."""
    result = rt.run(PRELUDE + snippet)
    failed_with(result, code)
    assert sent == [], "a request was sent for arguments that should have been refused"
    assert_no_traceback(result)
    assert result.error is not None
    return result.error


def names(field: str | None, expected: str) -> bool:
    """Whether ``details.field`` names ``expected`` (or a value inside it)."""
    return field == expected or (field or "").startswith(expected + ".")


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content)


# ----------------------------------------------------------------------- wrong shapes and types


def case(name: str, snippet: str, field: str) -> Any:
    return pytest.param(snippet, field, id=name)


VALIDATION_ERRORS = [
    case("identify id is a number", "return cio.identify_customer{id = 42}", "id"),
    case("identify email is a table", 'return cio.identify_customer{id = "u", email = {}}', "email"),
    case("identify name is a boolean", 'return cio.identify_customer{id = "u", name = true}', "name"),
    case("attributes is a string", 'return cio.identify_customer{id = "u", attributes = "x"}', "attributes"),
    case("attributes is an array", 'return cio.identify_customer{id = "u", attributes = {"a", "b"}}',
         "attributes"),
    case("identify without id", 'return cio.identify_customer{email = "a@example.com"}', "id"),
    case("identify with no argument", "return cio.identify_customer()", "id"),
    case("event data is an array", 'return cio.track_event{id = "u", name = "n", data = {1, 2}}', "data"),
    case("event data is a string", 'return cio.track_event{id = "u", name = "n", data = "x"}', "data"),
    case("event name is a number", 'return cio.track_event{id = "u", name = 7}', "name"),
    case("event name is blank", 'return cio.track_event{id = "u", name = "   "}', "name"),
    case("event timestamp is a string", 'return cio.track_event{id = "u", name = "n", timestamp = "now"}',
         "timestamp"),
    case("event id is a number", 'return cio.track_event{id = "u", name = "n", event_id = 5}', "event_id"),
    case("track_event without name", 'return cio.track_event{id = "u"}', "name"),
    case("track_event without id", 'return cio.track_event{name = "n"}', "id"),
    case("campaign id is a string", 'return cio.get_campaign{id = "42"}', "id"),
    case("campaign id is a float", "return cio.get_campaign{id = 42.5}", "id"),
    case("campaign id is zero", "return cio.get_campaign{id = 0}", "id"),
    case("campaign id is negative", "return cio.get_campaign{id = -3}", "id"),
    case("get_campaign without id", "return cio.get_campaign{}", "id"),
    case("newsletter limit 101", "return cio.list_newsletters{limit = 101}", "limit"),
    case("newsletter limit 0", "return cio.list_newsletters{limit = 0}", "limit"),
    case("newsletter sort sideways", 'return cio.list_newsletters{sort = "sideways"}', "sort"),
    case("newsletter start is a number", "return cio.list_newsletters{start = 5}", "start"),
    case("identify unknown key", 'return cio.identify_customer{id = "u", emial = "a@example.com"}', "emial"),
    case("list_segments takes no keys", "return cio.list_segments{limit = 5}", "limit"),
    case("list_campaigns takes no keys", 'return cio.list_campaigns{state = "running"}', "state"),
    case("get_current_user takes no keys", 'return cio.get_current_user{email = "x"}', "email"),
]


@pytest.mark.parametrize(("snippet", "field"), VALIDATION_ERRORS)
def test_wrong_arguments_are_a_validation_error_naming_the_field(
    rt: Runtime, sent: list[httpx.Request], snippet: str, field: str
) -> None:
    assert refused(rt, sent, snippet, "validation_error").details["field"] == field


@pytest.mark.parametrize("snippet", [
    pytest.param('return cio.identify_customer("x")', id="string"),
    pytest.param("return cio.identify_customer(42)", id="number"),
    pytest.param("return cio.identify_customer(true)", id="boolean"),
    pytest.param('return cio.identify_customer{"user-1"}', id="array"),
    pytest.param('return cio.track_event("u", "signup")', id="positional"),
])
def test_a_non_table_argument_is_a_validation_error(rt: Runtime, sent: list[httpx.Request],
                                                     snippet: str) -> None:
    assert refused(rt, sent, snippet, "validation_error").details.get("field") is None


# ------------------------------------------------------------------------- values Lua can't pass

NESTED_40 = "local t = {} local c = t for i = 1, 40 do c.x = {} c = c.x end\n"

INVALID_VALUES = [
    case("function", 'return cio.identify_customer{id = "u", attributes = {f = print}}', "attributes.f"),
    case("coroutine", 'return cio.track_event{id = "u", name = "n", data = {co = coroutine.create(print)}}',
         "data.co"),
    case("cycle", 'local t = {} t.self = t return cio.identify_customer{id = "u", attributes = t}',
         "attributes"),
    case("NaN", 'return cio.track_event{id = "u", name = "n", data = {x = 0/0}}', "data.x"),
    case("infinity", 'return cio.track_event{id = "u", name = "n", data = {x = -1/0}}', "data.x"),
    case("mixed table", 'return cio.track_event{id = "u", name = "n", data = {1, a = 2}}', "data"),
    case("array with holes", 'return cio.track_event{id = "u", name = "n", data = {l = {1, nil, 3}}}',
         "data.l"),
    case("float key", 'return cio.identify_customer{id = "u", attributes = {[1.5] = 1}}', "attributes"),
    case("boolean key", 'return cio.identify_customer{id = "u", attributes = {[true] = 1}}', "attributes"),
    case("invalid UTF-8 value",
         'return cio.identify_customer{id = "u", attributes = {plan = string.char(255)}}', "attributes"),
    case("invalid UTF-8 key", 'return cio.identify_customer{id = "u", attributes = {[string.char(255)] = 1}}',
         "attributes"),
    case("invalid UTF-8 nested", 'return cio.track_event{id = "u", name = "n", data = {d = {s = "\\xC3"}}}',
         "data.d"),
    case("nested too deep", NESTED_40 + 'return cio.track_event{id = "u", name = "n", data = t}', "data"),
]


@pytest.mark.parametrize(("snippet", "field"), INVALID_VALUES)
def test_values_that_cannot_cross_are_invalid_value_naming_where(
    rt: Runtime, sent: list[httpx.Request], snippet: str, field: str
) -> None:
    error = refused(rt, sent, snippet, "invalid_value")
    assert names(error.details["field"], field), error.details["field"]


def test_a_function_as_the_argument_is_invalid_value(rt: Runtime, sent: list[httpx.Request]) -> None:
    refused(rt, sent, "return cio.identify_customer(print)", "invalid_value")


def test_invalid_utf8_in_a_top_level_field_names_the_field(rt: Runtime, sent: list[httpx.Request]) -> None:
    snippet = 'return cio.identify_customer{id = "u", name = string.char(255)}'
    error = refused(rt, sent, snippet, "invalid_value")
    assert error.details.get("field") == "name"


# ------------------------------------------------------------------------------ byte limits


def limit_case(name: str, over: str, at_limit: str, field: str) -> Any:
    return pytest.param(over, at_limit, field, id=name)


def many_attributes(n: int) -> str:
    return f'local a = {{}} for i = 1, {n} do a["k" .. i] = i end\n'


BYTE_LIMITS = [
    limit_case("identify id 151 bytes of 2-byte chars",
               'return cio.identify_customer{id = string.rep("é", 75) .. "a"}',
               'return cio.identify_customer{id = string.rep("é", 75)}', "id"),
    limit_case("track id 151 bytes of 3-byte chars",
               'return cio.track_event{id = string.rep("名", 50) .. "a", name = "n"}',
               'return cio.track_event{id = string.rep("名", 50), name = "n"}', "id"),
    limit_case("event name 101 bytes",
               'return cio.track_event{id = "u", name = string.rep("é", 50) .. "a"}',
               'return cio.track_event{id = "u", name = string.rep("é", 50)}', "name"),
    limit_case("event data over 100000 bytes",
               'return cio.track_event{id = "u", name = "n", data = {blob = string.rep("x", 99990)}}',
               'return cio.track_event{id = "u", name = "n", data = {blob = string.rep("x", 99989)}}',
               "data"),
    limit_case("301 attributes",
               many_attributes(301) + 'return cio.identify_customer{id = "u", attributes = a}',
               many_attributes(300) + 'return cio.identify_customer{id = "u", attributes = a}', "attributes"),
    limit_case("attribute name 151 bytes",
               'return cio.identify_customer{id = "u", attributes = {[string.rep("k", 151)] = 1}}',
               'return cio.identify_customer{id = "u", attributes = {[string.rep("k", 150)] = 1}}',
               "attributes"),
    limit_case("attribute value 1001 bytes",
               'return cio.identify_customer{id = "u", attributes = {bio = string.rep("é", 500) .. "a"}}',
               'return cio.identify_customer{id = "u", attributes = {bio = string.rep("é", 500)}}',
               "attributes"),
    # 4-byte characters, either side of the quarter-length shortcut (at most limit/4 characters always fit)
    limit_case("attribute value of 251 four-byte characters",
               'return cio.identify_customer{id = "u", attributes = {bio = string.rep("😀", 251)}}',
               'return cio.identify_customer{id = "u", attributes = {bio = string.rep("😀", 250)}}',
               "attributes"),
    limit_case("attribute name of 38 four-byte characters",
               'return cio.identify_customer{id = "u", attributes = {[string.rep("😀", 38)] = 1}}',
               'return cio.identify_customer{id = "u", attributes = {[string.rep("😀", 37)] = 1}}',
               "attributes"),
]


@pytest.mark.parametrize(("over", "at_limit", "field"), BYTE_LIMITS)
def test_byte_limits_refuse_one_byte_over_and_send_at_the_limit(
    rt: Runtime, sent: list[httpx.Request], over: str, at_limit: str, field: str
) -> None:
    assert refused(rt, sent, over, "validation_error").details["field"] == field

    succeeded(rt.run(PRELUDE + at_limit))
    assert len(sent) == 1


@pytest.mark.parametrize(("snippet", "fields"), [
    pytest.param('return cio.identify_customer{id = "u", name = string.rep("n", 1001)}', {"name"},
                 id="name value 1001 bytes"),
    pytest.param(many_attributes(300)
                 + 'return cio.identify_customer{id = "u", email = "e@x.io", attributes = a}',
                 {"attributes", "email"}, id="300 attributes plus email"),
])
def test_limits_on_the_merged_identify_body_name_a_field(
    rt: Runtime, sent: list[httpx.Request], snippet: str, fields: set[str]
) -> None:
    assert refused(rt, sent, snippet, "validation_error").details["field"] in fields


# ------------------------------------------------------------------------ messages and Lua side


@pytest.mark.parametrize(("snippet", "suggestion"), [
    pytest.param('return cio.identify_customer{id = "u", emial = "a@example.com"}', "email", id="emial"),
    pytest.param('return cio.track_event{id = "u", nmae = "signup"}', "name", id="nmae"),
    pytest.param('return cio.track_event{id = "u", name = "n", evnt_id = "x"}', "event_id", id="evnt_id"),
    pytest.param("return cio.list_newsletters{limt = 5}", "limit", id="limt"),
])
def test_unknown_keys_get_a_did_you_mean(rt: Runtime, sent: list[httpx.Request], snippet: str,
                                         suggestion: str) -> None:
    error = refused(rt, sent, snippet, "validation_error")
    assert f"`{suggestion}`" in error.message


def test_validation_errors_are_catchable_with_their_details(rt: Runtime, sent: list[httpx.Request]) -> None:
    value = succeeded(rt.run(PRELUDE + """
        local ok, err = pcall(cio.identify_customer, {id = "u", emial = "a@example.com"})
        return {ok = ok, code = err.code, field = err.details.field, status = err.status,
                retryable = err.retryable, one_line = not tostring(err):find("\\n")}
    """))

    assert value == {"ok": False, "code": "validation_error", "field": "emial", "retryable": False,
                     "one_line": True}
    assert sent == []


# ------------------------------------------------------------------------ what arrives intact


def test_empty_tables_for_object_fields_are_sent_as_empty_objects(rt: Runtime,
                                                                  sent: list[httpx.Request]) -> None:
    succeeded(rt.run(PRELUDE + """
        cio.identify_customer{id = "u", attributes = {}}
        cio.track_event{id = "u", name = "n", data = {}}
    """))

    identify, track = (body_of(r) for r in sent)
    assert identify == {}
    assert track["data"] == {}


def _list_fields(model: type[Params]) -> list[str]:
    return [name for name, f in model.model_fields.items()
            if list in {typing.get_origin(a) or a for a in (f.annotation, *typing.get_args(f.annotation))}]


SEED_LIST_FIELDS = [(op.name, name) for op in SEED_OPERATIONS for name in _list_fields(op.params)]


NO_LIST_FIELD = pytest.param(None, None, marks=pytest.mark.skip(reason="no seed function has a list-typed "
                                                                 "parameter"))


@pytest.mark.parametrize(("function", "field"), SEED_LIST_FIELDS or [NO_LIST_FIELD])
def test_an_empty_table_for_a_seed_list_field_is_sent_as_an_empty_array(
    rt: Runtime, sent: list[httpx.Request], function: str, field: str
) -> None:
    rt.run(PRELUDE + f"return cio.{function}{{{field} = {{}}}}")
    assert sent and body_of(sent[0])[field] == []


class _Tagging(Params):
    tags: list[str] = Field(description="Tags")
    labels: dict[str, str] | None = Field(None, description="Labels")


_TAG_PEOPLE = Operation(name="tag_people", family=Family.APP, method="POST", path="/v1/tags", params=_Tagging,
                        kind=Kind.WRITE, summary="Test-only operation with a list and a map parameter.")


def test_an_empty_table_becomes_an_empty_array_where_the_schema_says_list() -> None:
    transport, sent = recording_transport()
    integration = CustomerIO([Account(**ACCOUNT)], transport=transport, operations=(*OPERATIONS, _TAG_PEOPLE))
    try:
        succeeded(Runtime([integration]).run(f"{NS}.tag_people{{tags = {{}}, labels = {{}}}}"))
    finally:
        integration.close()

    assert sent[0].content == b'{"tags":[],"labels":{}}'


def test_integers_stay_integers_and_floats_stay_floats(rt: Runtime, sent: list[httpx.Request]) -> None:
    succeeded(rt.run(PRELUDE + """
        cio.track_event{id = "u", name = "purchase",
                        data = {amount = 99.00, qty = 42, big = math.maxinteger, ratio = 0.5, neg = -7}}
        cio.identify_customer{id = "u", attributes = {mrr = 299, score = 1.0}}
    """))

    track, identify = sent
    raw = track.content.decode()
    for key, literal in (("amount", "99.0"), ("qty", "42"), ("big", str(2**63 - 1)), ("ratio", "0.5"),
                         ("neg", "-7")):
        assert re.search(rf'"{key}":{re.escape(literal)}[,}}]', raw), (key, raw)
    data = body_of(track)["data"]
    assert {k: type(v) for k, v in data.items()} == {"amount": float, "qty": int, "big": int, "ratio": float,
                                                     "neg": int}
    assert body_of(identify) == {"mrr": 299, "score": 1.0}
    assert isinstance(body_of(identify)["mrr"], int) and isinstance(body_of(identify)["score"], float)


# ------------------------------------------------------------------------- the seed's own forms


def test_the_seed_metadata_example_fails_on_attributes(rt: Runtime, sent: list[httpx.Request]) -> None:
    error = refused(rt, sent, """
        local result = app.integrations.customerio.customerio_identify_customer({
          id = "example_id",
          email = "example_email",
          name = "example_name",
          attributes = "example_attributes"
        })
        print(result)
    """, "validation_error")

    assert error.details["field"] == "attributes"


MINIMAL_ARGS = {
    "identify_customer": '{id = "u"}', "track_event": '{id = "u", name = "n"}', "list_segments": "{}",
    "list_campaigns": "{}", "get_campaign": "{id = 42}", "list_newsletters": "{}", "get_current_user": "{}",
}


@pytest.mark.parametrize("function", [op.name for op in SEED_OPERATIONS])
def test_customerio_prefixed_aliases_make_the_same_request(rt: Runtime, sent: list[httpx.Request],
                                                           function: str) -> None:
    assert set(MINIMAL_ARGS) == {op.name for op in SEED_OPERATIONS}
    canonical = rt.run(f"return {NS}.{function}{MINIMAL_ARGS[function]}")
    direct = [(r.method, r.url.path) for r in sent]
    sent.clear()
    alias = rt.run(f"return {NS}.customerio_{function}{MINIMAL_ARGS[function]}")

    succeeded(canonical)
    succeeded(alias)
    assert direct and [(r.method, r.url.path) for r in sent] == direct
    assert [c.operation for c in alias.calls] == [function]


# ------------------------------------------------------------------------- names and accounts


@pytest.mark.parametrize(("typo", "closest"), [
    ("list_segmnts", "list_segments"),
    ("identfy_customer", "identify_customer"),
    ("get_campaigns", "get_campaign"),
    ("customerio_list_newsleters", "list_newsletters"),
    ("track_events", "track_event"),
])
def test_an_unknown_function_suggests_the_closest(rt: Runtime, sent: list[httpx.Request], typo: str,
                                                  closest: str) -> None:
    result = rt.run(PRELUDE + f"return cio.{typo}{{}}")
    details = failed_with(result, "unknown_function")
    assert details["closest"][0] == closest
    assert details["name"] == typo
    assert sent == []
    assert_no_traceback(result)


@pytest.mark.parametrize("snippet", [
    pytest.param("return cio.prod.list_segments{}", id="call-in-unknown-account"),
    pytest.param("return cio.staging.identify_customer{id = 'u'}", id="unconfigured-staging"),
    pytest.param("local ns = cio.prod return ns.list_segments", id="index-in-unknown-account"),
])
def test_an_unknown_account_is_unknown_account(rt: Runtime, sent: list[httpx.Request], snippet: str) -> None:
    result = rt.run(PRELUDE + snippet)

    details = failed_with(result, "unknown_account")
    assert details["accounts"] == ["default"]
    assert sent == []


@pytest.mark.parametrize("name", ["list_segments", "customerio_identify_customer", "get_region",
                                  "track_event"])
def test_an_account_named_like_a_function_is_refused(name: str) -> None:
    with pytest.raises(ConfigError):
        CustomerIO([Account(**ACCOUNT), Account(name=name, **ACCOUNT)])


@pytest.mark.parametrize(("value", "fits"), [
    (10**899, True), (-(10**899), True), (10**999, True), (10**1000, False), (-(10**999), False),
    (1.5e308, True), (True, True), ("é" * 500, True), ("é" * 500 + "a", False), ("😀" * 250, True),
    ({"nested": "x" * 987}, True), ({"nested": "x" * 988}, False),
])
def test_attribute_values_from_python_hosts_are_measured_as_json(value: object, fits: bool) -> None:
    if fits:
        check_attributes({"v": value})
    else:
        with pytest.raises(ValueError, match="value of 100"):
            check_attributes({"v": value})


@pytest.mark.parametrize("moment", ["1e300", "-1e300", "2^63", "math.maxinteger", "math.mininteger"])
@pytest.mark.parametrize("call", [
    'cio.track_event{{id = "c1", name = "x", timestamp = {t}}}',
    'cio.track_user_event{{user_id = "c1", event = "x", timestamp = {t}}}',
], ids=["unix-seconds", "iso-8601"])
def test_a_time_outside_the_calendar_is_a_validation_error_naming_the_field(
        rt: Runtime, sent: list[httpx.Request], moment: str, call: str) -> None:
    error = refused(rt, sent, "return " + call.format(t=moment), "validation_error")
    assert "`timestamp`" in error.message and "years 1 to 9999" in error.message
    assert "timestamp" in (error.details.get("fields") or [error.details.get("field")])


def test_an_iso_time_the_utc_calendar_cannot_hold_is_a_validation_error(rt: Runtime, sent: list[httpx.Request]) -> None:
    error = refused(rt, sent, 'return cio.track_user_event{user_id = "c1", event = "x", '
                    'timestamp = "0001-01-01T00:00:00+01:00"}', "validation_error")
    assert "`timestamp`" in error.message and "years 1 to 9999" in error.message
