"""A second integration from its own distribution (examples/notes_integration) gets everything from the bridge.

The bridge and the example are installed (built as wheels) into a fresh virtual environment; the
snippets run there through ``luabridge``, from outside the source tree, against a loopback notes
service. Nothing of bridge/ knows about notes: namespaces, validation, docs, policy, dry runs, audit
records and retries all come through the plug-in contract.
"""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.loopback import Loopback, loopback

pytestmark = pytest.mark.slow
EXAMPLE = REPO / "examples" / "notes_integration"
TOKEN = "notes-token-canary-5521"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the bridge and the example installed as wheels. Their dependencies (lupa,
    httpx, pydantic...) come from this interpreter's site-packages, put behind the venv's own."""
    home = tmp_path_factory.mktemp("fresh")
    venv.create(home / "venv", with_pip=True)
    python = home / "venv" / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "host_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    built = subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(REPO), str(EXAMPLE)],
                           capture_output=True, text=True, cwd=home, timeout=600)
    if built.returncode != 0:
        pytest.skip(f"could not build the wheels (hatchling comes from the package index): {built.stderr[-300:]}")
    return home


@pytest.fixture
def notes() -> Iterator[Loopback]:
    answers: dict[tuple[str, str], Any] = {
        ("POST", "/notes"): (201, {"id": "n1", "title": "hello", "text": "world"}),
        ("GET", "/notes"): [(503, {"error": "busy"}), (200, {"notes": [{"id": "n1", "title": "hello"}]})],
    }
    with loopback(answers) as server:
        yield server


def luabridge(fresh: Path, server: Loopback, code: str, *flags: str, **env: str) -> dict[str, Any]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("CUSTOMERIO_", "NOTES_", "PYTHON"))}
    environ.update(NOTES_URL=server.url, NOTES_TOKEN=TOKEN, **env)
    done = subprocess.run([fresh / "venv" / "bin" / "luabridge", "run", "--json", *flags, "-e", code],
                          capture_output=True, text=True, cwd=fresh, env=environ, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert TOKEN not in done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_bridge_and_the_example_come_from_the_fresh_venv(fresh: Path) -> None:
    python = fresh / "venv" / "bin" / "python"
    where = subprocess.run([python, "-c", "import bridge, integrations.notes, integrations.customerio as c; "
                            "from bridge import plugins; print(bridge.__file__, integrations.notes.__file__, "
                            "c.__file__, sorted(plugins.installed()))"],
                           capture_output=True, text=True, cwd=fresh, env={"PATH": os.environ["PATH"]}, check=True)
    files = where.stdout.split()
    assert all(f.startswith(str(fresh / "venv")) for f in files[:3]), where.stdout  # not this source tree
    assert "['customerio', 'notes']" in where.stdout
    assert not (REPO / "bridge" / "notes").exists() and "notes" not in (REPO / "bridge" / "runtime.py").read_text()


SNIPPET = """
local notes = app.integrations.notes
local out = { created = notes.create_note{ title = "hello", text = "world" }, listed = notes.list_notes{} }
local _, bad = pcall(notes.create_note, { title = "" })
local _, typo = pcall(notes.create_note, { titel = "x" })
local _, unknown = pcall(function() return notes.creat_note{} end)
local _, denied = pcall(notes.delete_note, { id = "n1" })
out.errors = { bad.code, bad.details.field, typo.code, unknown.code, denied.code }
out.doc = lua_read_doc("integrations.notes.create_note")
out.index = lua_read_doc("integrations.notes")
out.both = app.integrations.customerio ~= nil
return out
"""


def test_lua_gets_namespaces_validation_docs_policy_records_and_retries(fresh: Path, notes: Loopback,
                                                                        tmp_path: Path) -> None:
    audit = tmp_path / "calls.jsonl"
    result = luabridge(fresh, notes, SNIPPET, "--in-process", "--audit", str(audit))
    assert result["ok"], result["error"]
    value = result["value"]
    assert value["created"]["id"] == "n1" and value["listed"]["notes"][0]["title"] == "hello"
    assert value["errors"] == ["validation_error", "title", "validation_error", "unknown_function",
                               "permission_denied"]
    assert "`title`: The note's title" in value["doc"] and "delete_note` | destructive" in value["index"]
    assert value["both"] is True
    sent = [(s.method, s.path) for s in notes.seen]
    assert sent == [("POST", "/notes"), ("GET", "/notes"), ("GET", "/notes")]  # the 503 was retried
    assert json.loads(notes.seen[0].body) == {"title": "hello", "text": "world"}
    assert notes.seen[0].headers["Authorization"] == f"Bearer {TOKEN}"
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [(r["integration"], r["operation"], r["outcome"]) for r in records[:2]] == [
        ("notes", "create_note", "ok"), ("notes", "list_notes", "ok")]
    assert records[1]["attempts"] == 2 and records[1]["status"] == 200
    assert [r["error_code"] for r in records[2:]] == ["validation_error", "validation_error", "permission_denied"]
    assert TOKEN not in audit.read_text()


def test_a_dry_run_sends_reads_and_returns_the_plan_of_writes(fresh: Path, notes: Loopback) -> None:
    code = "return { notes.create_note{ title = 'draft' }, notes.get_note{ id = 'n1' } }".replace(
        "notes.", "app.integrations.notes.")
    result = luabridge(fresh, notes, code, "--in-process", "--dry-run")
    assert result["ok"], result["error"]
    plan, note = result["value"]
    assert plan == {"dry_run": True, "operation": "notes.create_note", "kind": "write", "needs_approval": False,
                    "method": "POST", "url": notes.url + "/notes", "body": {"title": "draft", "text": ""}}
    assert note == {} and [(s.method, s.path) for s in notes.seen] == [("GET", "/notes/n1")]


def test_the_integrations_policy_comes_from_its_own_settings(fresh: Path, notes: Loopback) -> None:
    result = luabridge(fresh, notes, "return app.integrations.notes.create_note{ title = 'x' }",
                       NOTES_POLICY_WRITE="deny")
    assert result["error"]["code"] == "permission_denied" and notes.seen == []  # through a worker, too
    assert "NOTES_DEFAULT_POLICY_ALLOW=create_note" in result["error"]["message"]


def test_the_example_is_small() -> None:
    lines = sum(len(p.read_text().splitlines()) for p in EXAMPLE.rglob("*") if p.suffix in (".py", ".toml"))
    assert lines < 150, f"the example integration is {lines} lines"


def test_luabridge_docs_serves_the_integrations_pages(fresh: Path) -> None:
    run = [fresh / "venv" / "bin" / "luabridge", "docs"]
    listed = subprocess.run(run, capture_output=True, text=True, cwd=fresh, check=True).stdout.split()
    page = subprocess.run([*run, "integrations.notes.delete_note"], capture_output=True, text=True, cwd=fresh,
                          check=True).stdout
    assert "integrations.notes" in listed and "integrations.customerio" in listed
    assert page.startswith("# notes.delete_note") and "destructive; `DELETE /notes/{id}`" in page
