"""Start-up does only what a run needs: the declarations, the emulator and lupa load when used."""

from __future__ import annotations

import json
import subprocess
import sys

from integrations.customerio import CustomerIO
from integrations.customerio.catalog import OPERATIONS
from integrations.customerio.functions import INDEX_FILE, Functions, index_text
from tests.conftest import REPO

#: Modules a `return 1` needs none of.
HEAVY = ("integrations.customerio.generated", "integrations.customerio.catalog",
         "integrations.customerio.emulator", "integrations.customerio.docs")


def loaded_after(code: str) -> set[str]:
    """The modules of HEAVY (and lupa, pydantic) that a fresh process has loaded after running ``code``."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(m for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1])) & {*HEAVY, "lupa", "pydantic"}


def test_a_runtime_that_makes_no_call_loads_no_declarations_and_no_emulator() -> None:
    assert loaded_after("from bridge import Runtime\nassert Runtime.from_env({}).run('return 1').ok") == {
        "lupa", "pydantic"}


def test_the_first_call_loads_the_declarations_and_the_emulator() -> None:
    code = ("from bridge import Runtime\n"
            "assert Runtime.from_env({}).run('return app.integrations.customerio.get_campaign{id=42}.name').ok")
    assert {"integrations.customerio.generated", "integrations.customerio.emulator"} <= loaded_after(code)


def test_the_cli_process_leaves_the_bridge_to_its_worker() -> None:
    code = ("import sys\nfrom bridge.cli import main\n"
            "assert main(['run', '-e', 'return app.integrations.customerio.get_campaign{id=42}.name']) == 0")
    assert loaded_after(code) == set()


def test_the_function_index_is_the_declarations() -> None:
    assert INDEX_FILE.read_text(encoding="utf-8") == index_text(OPERATIONS)


def test_the_index_answers_names_and_kinds_as_the_declarations_do() -> None:
    lazy, eager = Functions(), Functions(OPERATIONS)
    assert list(lazy) == list(eager) and len(lazy) == len(eager)
    for name in eager:
        assert lazy.canonical(name) == eager[name].name and lazy.kind(name) == str(eager[name].kind)
        assert name in lazy
    assert lazy.canonical("no_such_function") is None and "no_such_function" not in lazy
    assert lazy["identify_customer"] is eager["identify_customer"]


def test_given_operations_replace_the_catalog() -> None:
    only = [op for op in OPERATIONS if op.name == "list_segments"]
    cio = CustomerIO.emulated()
    custom = CustomerIO(list(cio.accounts.values()), operations=only)
    assert {custom.resolve_function(n) for n in custom.function_names()} == {"list_segments"}
    assert custom.resolve_function("get_campaign") is None
