"""Per-account policy: classes allowed, denied or asked; named functions; Python, env and TOML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bridge import ErrorCode, Limits, Runtime
from bridge.cli import main as cli
from bridge.errors import ConfigError
from bridge.policy import PlannedCall, Policy, Rule
from integrations.customerio import CustomerIO
from integrations.customerio.accounts import Account
from integrations.customerio.catalog import OPERATIONS as CATALOG
from tests.agent_support import ERASE_CUSTOMER, person_exists, runtime
from tests.cio_support import failed_with, succeeded

ERASE = 'return app.integrations.customerio.erase_customer({id = "gone"})'
ERASE_PROD = 'return app.integrations.customerio.production.erase_customer({id = "gone"})'


def test_permission_denied_is_a_documented_code() -> None:
    assert ErrorCode.PERMISSION_DENIED == "permission_denied"
    text = (Path(__file__).parents[1] / "lua_docs" / "errors.md").read_text(encoding="utf-8")
    assert "| `permission_denied` |" in text


def test_defaults_allow_reads_and_writes_and_deny_destructive_without_an_approver() -> None:
    rt, cio = runtime()
    succeeded(rt.run('return #app.integrations.customerio.list_segments({}).segments'))
    succeeded(rt.run('return app.integrations.customerio.identify_customer({id = "w"}).success'))
    details = failed_with(rt.run(ERASE), "permission_denied")
    assert details.pop("remedy")["env"] == "CUSTOMERIO_DEFAULT_POLICY_ALLOW=erase_customer"
    assert details == {"account": "default", "kind": "destructive", "setting": "destructive"}
    assert not person_exists(cio, "gone"), "nothing was sent"
    assert "host's approval" in rt.run(ERASE).error.message  # type: ignore[union-attr]


def test_denied_class_names_the_account_the_class_and_the_setting_and_pcall_catches_it() -> None:
    rt, _ = runtime({"production": Policy(write=Rule.DENY)})
    code = ('local ok, e = pcall(app.integrations.customerio.production.identify_customer, {id = "x"})\n'
            'return {ok = ok, code = e.code, account = e.account, kind = e.details.kind, '
            'setting = e.details.setting, message = e.message}')
    value = succeeded(rt.run(code))
    assert value["ok"] is False and value["code"] == "permission_denied"
    assert (value["account"], value["kind"], value["setting"]) == ("production", "write", "write")
    assert "account 'production'" in value["message"] and "POLICY_WRITE=allow" in value["message"]
    succeeded(rt.run('return app.integrations.customerio.identify_customer({id = "x"}).success'))  # default


def test_named_functions_override_their_class() -> None:
    policy = Policy(read=Rule.DENY, allow=frozenset({"get_region"}), deny=frozenset({"track_event"}))
    rt, _ = runtime(policy)
    assert succeeded(rt.run('return app.integrations.customerio.get_region({}).region')) == "us"
    assert failed_with(rt.run('return app.integrations.customerio.list_segments({})'),
                       "permission_denied")["setting"] == "read"
    details = failed_with(rt.run('return app.integrations.customerio.track_event({id = "a", name = "n"})'),
                          "permission_denied")
    assert details["setting"] == "deny"
    allowed = runtime(Policy(allow=frozenset({"erase_customer"})))
    succeeded(allowed[0].run(ERASE))
    assert person_exists(allowed[1], "gone")


def test_approval_sees_the_planned_request_without_secrets_and_decides() -> None:
    asked: list[PlannedCall] = []

    def approve(call: PlannedCall) -> bool:
        asked.append(call)
        return call.account == "default"

    rt, cio = runtime(approve=approve)
    succeeded(rt.run(ERASE))
    assert person_exists(cio, "gone")
    call = asked[0]
    assert (call.operation, call.kind, call.method) == ("erase_customer", "destructive", "PUT")
    assert call.url == "http://default.customerio.emulator/track/api/v1/customers/gone"
    assert "key" not in repr(call).lower()
    result = rt.run(ERASE_PROD)
    assert "host declined" in result.error.message  # type: ignore[union-attr]
    failed_with(result, "permission_denied")
    assert not person_exists(cio, "gone", "production")
    assert result.calls[0].approval == "declined"


def test_an_approver_that_raises_declines() -> None:
    def broken(call: PlannedCall) -> bool:
        raise RuntimeError("no")

    rt, _ = runtime(approve=broken)
    failed_with(rt.run(ERASE), "permission_denied")


def test_invalid_arguments_fail_validation_before_anyone_is_asked() -> None:
    asked: list[PlannedCall] = []
    rt, _ = runtime(approve=lambda c: asked.append(c) or True)
    failed_with(rt.run('return app.integrations.customerio.erase_customer({idd = "x"})'), "validation_error")
    assert asked == []


def test_policy_from_the_environment() -> None:
    cio = CustomerIO.from_env({"CUSTOMERIO_POLICY_DESTRUCTIVE": "deny", "CUSTOMERIO_POLICY_DENY": "track_event",
                               "CUSTOMERIO_PRODUCTION_POLICY_WRITE": "ask"})
    assert cio.policy("default") == Policy(destructive=Rule.DENY, deny=frozenset({"track_event"}))
    assert cio.policy("production").write is Rule.ASK and cio.policy("production").destructive is Rule.DENY
    with pytest.raises(ConfigError, match="allow, deny or ask"):
        CustomerIO.from_env({"CUSTOMERIO_POLICY_READ": "maybe"})
    with pytest.raises(ConfigError, match="nowhere"):
        CustomerIO.from_env({"CUSTOMERIO_NOWHERE_POLICY_READ": "deny"})
    with pytest.raises(ConfigError, match="unknown policy setting"):
        CustomerIO.from_env({"CUSTOMERIO_POLICY_DELETE": "deny"})


def test_policy_from_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "accounts.toml"
    config.write_text('[customerio.policy]\nwrite = "deny"\n\n[customerio.accounts.main]\nsite_id = "s"\n'
                      'track_api_key = "k"\ntrack_url = "http://127.0.0.1:9"\n\n'
                      '[customerio.accounts.main.policy]\nallow = ["identify_customer"]\n', encoding="utf-8")
    assert cli(["run", "--config", str(config), "-e",
                'return app.integrations.customerio.track_event({id = "a", name = "n"})']) == 1
    assert "permission_denied" in capsys.readouterr().err
    import tomllib
    cio = CustomerIO.from_config(tomllib.loads(config.read_text())["customerio"])
    assert cio.policy("main") == Policy(write=Rule.DENY, allow=frozenset({"identify_customer"}))


def test_policy_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match="both allowed and denied"):
        Policy(allow=frozenset({"a"}), deny=frozenset({"a"}))
    with pytest.raises(ConfigError, match="unknown setting"):
        Policy().updated({"delete": "deny"})
    with pytest.raises(ConfigError, match="not configured"):
        CustomerIO.emulated(policy={"nobody": Policy()})
    assert Policy().decide("x", "something-new") == (Rule.ASK, "destructive")


@pytest.mark.parametrize(("make", "where", "valid"), [
    (lambda: Limits.from_table({"max_call": 1, "timout": 1}, "[limits]"), "[limits]", "max_calls"),
    (lambda: Policy().updated({"max_call": 1, "timout": "deny"}), "policy", "destructive"),
    (lambda: Account.from_mapping("prod", {"max_call": 1, "timout": "x"}), "Account 'prod'", "site_id"),
], ids=["limits", "policy", "account"])
def test_every_settings_table_names_unknown_keys_the_same_way(make: Any, where: str, valid: str) -> None:
    with pytest.raises(ConfigError) as raised:
        make()
    message = raised.value.message
    assert message.startswith(f"{where}: unknown setting(s) 'max_call', 'timout'; the valid ones are "), message
    assert valid in message.split("the valid ones are ")[1]


class AgentRuntime:
    """Stands in for the CLI's factory (bridge.cli.CliRuntime), picklable for a worker process."""

    def __init__(self, *args: object, **settings: object) -> None:
        pass

    def __call__(self) -> Runtime:
        return runtime()[0]


@pytest.mark.parametrize("mode", [["--in-process"], []], ids=["in-process", "worker"])
def test_cli_denies_destructive_without_a_terminal(monkeypatch: pytest.MonkeyPatch, mode: list[str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    monkeypatch.setattr("bridge.cli.CliRuntime", AgentRuntime)
    assert cli(["run", "--approve", *mode, "-e", ERASE]) == 1
    err = capsys.readouterr().err
    assert "no terminal to ask on" in err and "PUT http://default.customerio.emulator" in err


# ------------------------------------------------------------------ effect-based classes (issue 12)

CIO = "app.integrations.customerio"


def full(policy: Policy | None = None, **options: Any) -> tuple[Runtime, CustomerIO]:
    """The emulated accounts with every declared function (the catalog) and erase_customer."""
    cio = CustomerIO.emulated()
    cio = CustomerIO(list(cio.accounts.values()), transport=cio._client.http.given, emulators=cio.emulators,
                     operations=[*CATALOG, ERASE_CUSTOMER], policy=policy)
    return Runtime([cio], **options), cio


RAISED = {
    "deletion-event": 'C.track_user_event{user_id = "u", event = "User Deleted"}',
    "device-event": 'C.send_pipelines_batch{batch = {{type = "track", userId = "u", event = "device deleted"}}}',
    "unsubscribe": 'C.identify_customer{id = "u", attributes = {unsubscribed = true}}',
    "unsubscribe-composite": 'C.create_or_update_customer{customer_id = "u", attributes = {unsubscribed = true}}',
    "bulk-unsubscribe": 'C.send_bulk{operations = {{name = "e", id = "a"}, '
                        '{type = "identify", id = "b", attributes = {unsubscribed = true}}}}',
    "merge": 'C.alias_user{previous_id = "a", user_id = "b"}',
    "relationships": 'C.identify_customer{id = "u", attributes = {cio_relationships = {action = "remove", '
                     'relationships = {{identifiers = {object_type_id = "1", object_id = "o"}}}}}}',
    "entity-delete": 'C.send_entity_batch{batch = {{type = "person", action = "identify", identifiers = {id = "a"}}, '
                     '{type = "person", action = "delete", identifiers = {id = "b"}}}}',
    "webhook": 'C.create_reporting_webhook{name = "w", endpoint = "https://elsewhere.example/in", '
               'events = {"email_sent"}}',
    "snippet": 'C.save_snippet{name = "footer", value = "hi"}',
    "unsuppress": 'C.unsuppress_customer{id = "u"}',
}
C = f"local C = {CIO} return "


@pytest.mark.parametrize("code", RAISED.values(), ids=RAISED.keys())
def test_arguments_raise_a_write_to_destructive_and_say_why(code: str) -> None:
    rt, _ = full()
    result = rt.run(C + code)
    assert failed_with(result, "permission_denied")["kind"] == "destructive"
    assert "because" in result.error.message  # type: ignore[union-attr]
    plan = succeeded(rt.run(C + code, dry_run=True))
    assert plan["kind"] == "destructive" and plan["reason"] and plan["needs_approval"] is True


PLAIN = {
    "event": 'C.track_user_event{user_id = "u", event = "purchase"}',
    "identify": 'C.identify_customer{id = "u", attributes = {unsubscribed = false, plan = "pro"}}',
    "bulk": 'C.send_bulk{operations = {{type = "identify", id = "b", attributes = {plan = "x"}}}}',
    "entity-identify": 'C.send_entity_batch{batch = {{type = "person", action = "identify", '
                       'identifiers = {id = "a"}, attributes = {plan = "x"}}}}',
}


@pytest.mark.parametrize("code", PLAIN.values(), ids=PLAIN.keys())
def test_plain_writes_stay_writes(code: str) -> None:
    rt, _ = full()
    assert succeeded(rt.run(f"local C = {CIO} local r = {code} return true")) is True
    assert rt.run(C + code).calls[0].kind == "write"


def test_the_approver_sees_why_and_is_asked_at_most_twenty_times() -> None:
    asked: list[PlannedCall] = []
    rt, _ = full(approve=lambda call: asked.append(call) or True)
    succeeded(rt.run(C + RAISED["deletion-event"]))
    assert asked[0].kind == "destructive" and "User Deleted" in asked[0].reason
    result = rt.run(f'for i = 1, 25 do {CIO}.erase_customer{{id = "p" .. i}} end')
    assert "already asked 20 times" in result.error.message  # type: ignore[union-attr]
    assert len(asked) == 1 + 20


def test_deny_lists_resolve_aliases_and_refuse_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    rt, cio = full(Policy(destructive=Rule.ALLOW, deny=frozenset({"delete_person", "customerio_create_alias"})))
    assert cio.policy("default").deny == {"delete_customer", "alias_user"}
    details = failed_with(rt.run(f'return {CIO}.delete_customer{{id = "x"}}'), "permission_denied")
    assert details["setting"] == "deny"
    failed_with(rt.run(f'return {CIO}.alias_user{{previous_id = "a", user_id = "b"}}'), "permission_denied")
    with pytest.raises(ConfigError, match=r"unknown function.*delete_persn"):
        CustomerIO.emulated(policy=Policy(deny=frozenset({"delete_persn"})))
    with pytest.raises(ConfigError, match="unknown function"):
        CustomerIO.from_env({"CUSTOMERIO_POLICY_ALLOW": "get_campain"})


def test_a_misspelt_deny_is_exit_2_in_the_cli(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CUSTOMERIO_POLICY_DENY", "delete_persn")
    assert cli(["run", "--in-process", "-e", "return 1"]) == 2
    assert "delete_persn" in capsys.readouterr().err


COMPOSITES = {
    "identify_customer": 'C.create_or_update_customer{customer_id = "u"}',
    "track_event": 'C.send_event{customer_id = "u", event_name = "e"}',
    "send_entity_batch": 'C.send_bulk{operations = {{id = "a", name = "e"}}}',
    "suppress_customer": 'C.suppress_person{identifier = "u"}',
    "get_segment": 'C.get_segment_details{segment_id = 1}',
}


@pytest.mark.parametrize(("inner", "code"), COMPOSITES.items(), ids=COMPOSITES.keys())
def test_composites_check_the_policy_of_every_call_they_make(inner: str, code: str) -> None:
    rt, _ = full(Policy(destructive=Rule.ALLOW, deny=frozenset({inner})))
    result = rt.run(C + code)
    assert failed_with(result, "permission_denied")["setting"] == "deny"
    assert inner in result.error.message  # type: ignore[union-attr]


def test_overwriting_app_dry_run_sends_nothing() -> None:
    rt, cio = full()
    code = f'app.dry_run = false rawset(app, "dry_run", false) return {CIO}.erase_customer{{id = "d"}}'
    plan = succeeded(rt.run(code, dry_run=True))
    assert plan["dry_run"] is True and not person_exists(cio, "d")
