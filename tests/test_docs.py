"""The docs agents read: generated from the declarations, current, complete, and every example runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bridge import ErrorCode, Runtime
from bridge.cli import main as cli
from bridge.docgen import generated, stale
from bridge.docs import Docs
from integrations.customerio import CustomerIO
from integrations.customerio.catalog import OPERATIONS
from integrations.customerio.curated import SEED_OPERATIONS
from tests.conftest import REPO, SEEDS, need

LUA_BLOCK = re.compile(r"```lua\n(.*?)```", re.S)
DOC_FILES = [*sorted((REPO / "lua_docs").rglob("*.md")), REPO / "README.md"]


def lua_blocks() -> list[tuple[str, str]]:
    blocks = []
    for path in DOC_FILES:
        for i, code in enumerate(LUA_BLOCK.findall(path.read_text(encoding="utf-8"))):
            blocks.append((f"{path.relative_to(REPO)}#{i + 1}", code))
    return blocks


def test_generated_docs_and_examples_are_current() -> None:
    differ = [str(p.relative_to(REPO)) for p, text in generated().items()
              if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert differ == [], "run `python -m bridge.docgen` and commit the result"
    assert stale() == []


@pytest.mark.parametrize(("where", "code"), lua_blocks(), ids=[w for w, _ in lua_blocks()])
def test_every_lua_block_in_the_docs_runs(where: str, code: str, customerio: CustomerIO) -> None:
    # The examples show destructive calls too; the host of this test approves them.
    result = Runtime([customerio], approve=lambda request: True).run(code, name=where)
    assert result.error is None, f"{where}: {result.error}"


def test_documented_error_codes_are_exactly_the_code_set() -> None:
    text = (REPO / "lua_docs" / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.M))
    assert documented == {code.value for code in ErrorCode}


def test_lua_and_cli_give_the_same_reference(runtime: Runtime, capsys: pytest.CaptureFixture[str]) -> None:
    in_lua = runtime.run('return lua_read_doc("integrations.customerio")').value
    assert cli(["docs", "integrations.customerio"]) == 0
    assert capsys.readouterr().out == in_lua
    assert in_lua == (REPO / "lua_docs" / "integrations" / "customerio.md").read_text(encoding="utf-8")


def test_reference_follows_the_seed_structure() -> None:
    text = Docs().read("integrations.customerio")
    assert text.splitlines()[2] == "# Customer.io — Lua API Reference"
    for op in SEED_OPERATIONS:
        section = text.split(f"\n## {op.name}\n", 1)[1].split("\n---\n", 1)[0]
        assert "### Parameters" in section and "```lua" in section
        for name, info in op.params.model_fields.items():
            required = "yes" if info.is_required() else "no"
            assert re.search(rf"^\| `{name}` \| [^|]+ \| {required} \| .+ \|$", section, re.M), (op.name, name)
    assert text.index("## Multi-Account Usage") > text.index(f"## {SEED_OPERATIONS[-1].name}")


def test_seed_parameter_tables_are_honoured() -> None:
    """Every parameter row of the seed reference appears, same name, type and required flag."""
    seed = need(SEEDS, "seed documents") / "000_f09f86e25cb78416.txt"
    raw = seed.read_text(encoding="utf-8").split("Raw agent markdown", 1)[1]
    ours = Docs().read("integrations.customerio")
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \| (yes|no) \|", raw, re.M)
    assert len(rows) == 8  # identify 4, track_event 3, get_campaign 1
    for name, kind, required in rows:
        assert re.search(rf"^\| `{name}` \| {kind} \| {required} \|", ours, re.M), (name, kind, required)


def test_one_page_per_function_and_topics_listed(runtime: Runtime) -> None:
    topics = runtime.run("return lua_list_docs()").value
    for op in OPERATIONS:
        assert f"integrations.customerio.{op.name}" in topics
        page = runtime.run(f'return lua_read_doc("integrations.customerio.{op.name}")').value
        assert page.splitlines()[2] == f"# {op.name}"
    assert {"index", "errors", "sandbox", "integrations.customerio"} <= set(topics)


def test_unknown_topic_names_the_known_ones(runtime: Runtime) -> None:
    result = runtime.run('return lua_read_doc("integrations.customerio.list_segmentz")')
    assert result.error is not None and result.error.code == "unknown_topic"
    assert "integrations.customerio.list_segments" in result.error.message


def test_search_puts_segment_functions_first(runtime: Runtime) -> None:
    hits = runtime.run('return lua_search_docs("segment")').value
    assert hits[0]["topic"] == "integrations.customerio.list_segments"


def test_docs_are_read_from_an_explicit_root(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.md").write_text("# B\n\nAbout b.\n", encoding="utf-8")
    docs = Docs(tmp_path)
    assert docs.topics == ["a.b"]
    assert docs.read("a.b").startswith("# B")
    assert docs.search("b")[0]["summary"] == "About b."
