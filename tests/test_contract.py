"""The plug-in contract (bridge.integration) and its one loader (bridge.plugins)."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

from bridge import Runtime, plugins
from bridge.errors import ConfigError
from bridge.integration import HOOKS, CallContext, Integration, Prepared
from integrations.customerio import CustomerIO
from tests.conftest import REPO
from tests.helpers import Echo, Simple

#: Public names of Integration that are not hooks: the namespace name and a convenience for hosts.
NOT_HOOKS = {"name", "call"}


def test_every_hook_of_the_contract_is_listed_and_documented() -> None:
    public = {n for n in dir(Integration) if not n.startswith("_")} | set(Integration.__annotations__)
    assert public - NOT_HOOKS == set(HOOKS)
    for hook in HOOKS:
        doc = inspect.getdoc(getattr(Integration, hook))
        assert doc and len(doc) > 30, f"Integration.{hook} needs a docstring saying what it must do"


def test_required_hooks_are_abstract_and_the_others_have_defaults() -> None:
    required = {"from_env", "account_names", "resolve_account", "function_names", "resolve_function", "prepare",
                "send"}
    assert Integration.__abstractmethods__ == required
    for hook in required:
        assert inspect.getdoc(getattr(Integration, hook)).startswith("Required.")  # type: ignore[union-attr]


def test_customerio_is_found_by_the_one_loader() -> None:
    assert plugins.installed()["customerio"] is CustomerIO
    assert "customerio" in plugins.names() and "integrations.customerio" in plugins.modules()


def test_something_that_is_not_an_integration_is_refused() -> None:
    class DuckTyped:
        name = "duck"

    with pytest.raises(ConfigError, match=r"not a bridge\.integration\.Integration"):
        Runtime([DuckTyped()])  # type: ignore[list-item]


def test_an_entry_point_that_names_no_integration_is_refused() -> None:
    class FakeEntryPoint:
        name, value = "bad", "somewhere:thing"

        def load(self) -> Any:
            return dict

    with pytest.raises(ConfigError, match=r"not a bridge\.integration\.Integration subclass"):
        plugins._load(FakeEntryPoint())


class Unclassed(Simple):
    """Sends its calls but cannot say which are reads (``function_kind`` left at the contract's default)."""

    name = "unclassed"

    def __init__(self) -> None:
        self.sent: list[str] = []

    def account_names(self) -> tuple[str, ...]:
        return ("main",)

    def resolve_account(self, name: str) -> str | None:
        return "main" if name in ("default", "main") else None

    def function_names(self) -> tuple[str, ...]:
        return ("erase",)

    def resolve_function(self, name: str) -> str | None:
        return name if name == "erase" else None

    def function_kind(self, function: str) -> str | None:
        return Integration.function_kind(self, function)

    def prepare(self, function: str, account: str, args: Any, ctx: CallContext) -> Prepared:
        return Prepared(function, account, method="DELETE", url="https://example.invalid/all")

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        self.sent.append(function)
        return True


def test_a_dry_run_refuses_a_call_whose_class_is_unknown_instead_of_sending_it() -> None:
    target = Unclassed()
    result = Runtime([target], approve=lambda call: True).run("return app.integrations.unclassed.erase({})",
                                                               dry_run=True)
    assert result.error is not None and result.error.code == "permission_denied"
    assert "dry run cannot tell" in result.error.message and result.error.details["setting"] == "dry_run"
    assert target.sent == [] and [c.kind for c in result.calls] == ["unknown"]


def test_a_call_of_unknown_class_gets_the_strictest_policy() -> None:
    target = Unclassed()
    denied = Runtime([target]).run("return app.integrations.unclassed.erase({})")
    assert denied.error is not None and denied.error.code == "permission_denied"  # destructive: asks; no approver
    assert target.sent == []
    assert Runtime([target], approve=lambda call: True).run("return app.integrations.unclassed.erase({})").ok
    assert target.sent == ["erase"]


def test_integration_call_prepares_and_sends_once() -> None:
    echo = Echo()
    assert echo.call("back", "main", {"value": 3}, CallContext(run_id="r", deadline=1e12)) == 3
    assert echo.seen == [("back", "main", {"value": 3})]


def test_every_file_architecture_md_names_exists() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:bridge|integrations|examples|tests)/[\w/.]+)`", text))
    bare = {f"integrations/customerio/{n}" for n in re.findall(r"`(\w+\.py)`", text) if "/" not in n}
    missing = sorted(p for p in named | bare if not (REPO / p).exists() and "bridge/http" not in p)
    assert len(named) > 15 and missing == [], missing


class Documented(Echo):
    """Echo under another name, shipping its own doc pages (not under lua_docs/)."""

    name = "documented"

    @classmethod
    def doc_pages(cls) -> dict[str, str]:
        return {"integrations.documented": "# documented\n\nAn integration whose pages come with it.\n",
                "integrations.documented.back": "# documented.back\n\nReturns its value.\n"}


def test_an_integrations_own_doc_pages_are_listed_read_and_searched() -> None:
    code = """return { lua_read_doc("integrations.documented.back"), #lua_search_docs("documented back"),
                       lua_read_doc("integrations.customerio") }"""
    result = Runtime([Documented(), CustomerIO.emulated()]).run(code)
    assert result.ok, result.error
    assert result.value[0].startswith("# documented.back") and result.value[1] >= 1
    assert result.value[2] == (REPO / "lua_docs" / "integrations" / "customerio.md").read_text(encoding="utf-8")
    listed = Runtime([Documented()]).run("return lua_list_docs()").value
    assert "integrations.documented" in listed and "errors" in listed
