"""Regenerate the generated docs and examples: ``python -m bridge.docgen`` (``--check`` to verify).

Generated: ``lua_docs/errors.md`` (from bridge.errors), every installed integration's pages
under ``lua_docs/integrations/`` (and ``lua_docs/types/``: editor definitions) and its example
files ``examples/<function>__<title>.lua``, and files an integration derives for its own package
(``source_files()``: Customer.io's function index).
Hand-written: ``lua_docs/index.md``, ``lua_docs/sandbox.md``, other ``examples/*.lua``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bridge import plugins
from bridge.errors import errors_markdown
from bridge.integration import Integration

ROOT = Path(__file__).resolve().parent.parent


def generated(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file with its expected text."""
    out = {root / "lua_docs" / "errors.md": errors_markdown()}
    for integration in in_tree(root):
        for topic, text in integration.doc_pages().items():
            out[root / "lua_docs" / (topic.replace(".", "/") + ".md")] = text
        for name, code in integration.example_files().items():
            out[root / "examples" / name] = code
        for name, text in integration.type_files().items():  # LuaLS definitions
            out[root / "lua_docs" / "types" / name] = text
        for name, text in integration.source_files().items():  # indexes inside the package
            out[root / name] = text
    return out


def in_tree(root: Path = ROOT) -> list[type[Integration]]:
    """The installed integrations whose code lives in this source tree: their pages ship with the bridge.
    Others (from their own distributions) serve their pages themselves (bridge.docs)."""
    return [cls for cls in plugins.installed().values() if _defined_under(cls, root)]


def _defined_under(cls: type[Integration], root: Path) -> bool:
    module = sys.modules[cls.__module__]
    return Path(module.__file__ or "/").resolve().is_relative_to(root)


def stale(root: Path = ROOT) -> list[Path]:
    """Generated-looking files that no declaration produces any more."""
    expected = set(generated(root))
    candidates = [*(root / "lua_docs" / "integrations").rglob("*.md"), *(root / "examples").glob("*__*.lua")]
    return sorted(p for p in candidates if p not in expected)


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) every generated file; exit 1 when --check finds a difference."""
    parser = argparse.ArgumentParser(prog="python -m bridge.docgen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if any generated file is out of date")
    args = parser.parse_args(argv)
    files, old = generated(), stale()
    differ = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in [*differ, *old]:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if differ or old else 0
    for path in differ:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
    for path in old:
        path.unlink()
    print(f"{len(differ)} written, {len(old)} removed, {len(files)} generated files in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
