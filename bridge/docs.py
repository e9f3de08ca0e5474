"""The agent-facing documentation: markdown files under ``lua_docs/``, one topic per file.

Topic names are file paths with dots: ``lua_docs/integrations/customerio.md`` is
``integrations.customerio`` and ``lua_docs/integrations/customerio/get_campaign.md`` is
``integrations.customerio.get_campaign``. Texts are read once and kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from bridge.errors import ErrorCode, UnknownName
from bridge.params import closest

if TYPE_CHECKING:
    from bridge.integration import Integration


@cache
def docs_root() -> Path:
    """Where the docs are: inside the installed package, or at the top of a source checkout."""
    packaged = Path(str(files("bridge"))) / "lua_docs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "lua_docs"


class Docs:
    """Read, list and search the markdown topics under one root, plus ``pages`` (topic -> markdown)
    that integrations from other distributions ship (bridge.integration.Integration.doc_pages)."""

    def __init__(self, root: Path | None = None, pages: Mapping[str, str] | None = None) -> None:
        self.root = root or docs_root()
        self._pages = dict(pages or {})
        self._texts: dict[str, str] = dict(self._pages)
        #: topic, name parts, name, summary, task phrases (content words of each)
        self._index: list[tuple[str, list[str], str, str, list[frozenset[str]]]] | None = None

    @property
    def topics(self) -> list[str]:
        """Every topic name, sorted."""
        on_disk = _topics(self.root)
        return sorted({*on_disk, *self._pages}) if self._pages else on_disk

    def read(self, topic: str) -> str:
        """The markdown of one topic; UnknownName (code unknown_topic) names the nearest ones."""
        text = self._texts.get(topic)
        if text is None:
            if topic not in self.topics:
                raise self._unknown(topic)
            text = (self.root / (topic.replace(".", "/") + ".md")).read_text(encoding="utf-8")
            self._texts[topic] = text
        return text

    def search(self, query: str, limit: int = 10) -> list[dict[str, str | int]]:
        """Topics ranked by how well their name, then their title and summary, match ``query``."""
        words = [w for w in re.split(r"[\s_.]+", query.lower()) if w]
        if not words:
            return []
        if self._index is None:  # built once: every topic's name parts, summary and task phrases
            self._index = [(t, t.rsplit(".", 1)[-1].lower().split("_"), t.rsplit(".", 1)[-1].lower(),
                            _summary(self.read(t)), _tasks(self.read(t))) for t in self.topics]
        asked = {_stem(w) for w in words} - STOP_WORDS
        scored = [(_score(parts, name, summary.lower(), words) + _task_score(tasks, asked), topic, summary)
                  for topic, parts, name, summary, tasks in self._index]
        ranked = sorted((s for s in scored if s[0]), key=lambda st: (-st[0], not _is_listing(st[1]), len(st[1]), st[1]))
        return [{"topic": t, "summary": summary, "score": s} for s, t, summary in ranked[:limit]]

    def _unknown(self, topic: str) -> UnknownName:
        near = closest(topic, self.topics)
        hint = f" Closest: {', '.join(near)}." if near else ""
        top = [t for t in self.topics if t.count(".") <= 1]
        return UnknownName(
            f"No documentation topic '{topic}'.{hint} Topics include: {', '.join(top)} "
            "(lua_list_docs() lists them all).",
            code=ErrorCode.UNKNOWN_TOPIC,
            details={"topic": topic, "closest": near},
        )


def _score(parts: list[str], name: str, summary: str, words: list[str]) -> int:
    score = 0
    for word in words:
        whole = word in parts or word + "s" in parts or word.removesuffix("s") in parts
        score += 10 if whole else 6 if word in name else 0
        score += 2 if word in summary else 0
    return score


#: Words that say nothing about a task ("unsubscribe someone from all email" asks unsubscribe + email).
STOP_WORDS = frozenset({"a", "an", "the", "of", "to", "from", "all", "for", "in", "on", "by", "with", "and", "or",
                        "my", "our", "some", "someone", "their", "them", "this", "that", "how", "do", "i"})
#: A page names the tasks it is the way to do: ``<!-- tasks: unsubscribe person; stop email -->``.
_TASKS = re.compile(r"<!-- tasks: (.*?) -->")


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _tasks(markdown: str) -> list[frozenset[str]]:
    """The content words of each task phrase a page declares."""
    found = _TASKS.search(markdown)
    phrases = found.group(1).split(";") if found else []
    return [frozenset(_stem(w) for w in re.split(r"[\s_]+", p.lower()) if w) - STOP_WORDS for p in phrases]


def _task_score(tasks: list[frozenset[str]], asked: set[str]) -> int:
    """A task phrase all of whose words the query has outranks name matches: it is what the query means."""
    return max((12 * len(t) for t in tasks if t and t <= asked), default=0)


def _is_listing(topic: str) -> bool:
    """Among equal matches, listing functions come first: they are where an exploration starts."""
    return topic.rsplit(".", 1)[-1].startswith("list_")


@cache
def _topics(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root).with_suffix("")).replace("/", ".") for p in root.rglob("*.md"))


def _summary(markdown: str) -> str:
    """The first paragraph of prose after the title."""
    for block in markdown.split("\n\n"):
        line = block.strip()
        if line and not line.startswith(("#", "|", "```", ">", "<!--")):
            return " ".join(line.split())
    return ""


def shared_docs(integrations: Iterable[type[Integration]] = ()) -> Docs:
    """One Docs over the bundled topics and the pages of those ``integrations`` whose docs are not
    bundled (an integration from another distribution), shared by every Runtime that brings none."""
    bundled = _topics(docs_root())
    own = tuple(cls for cls in integrations
                if f"integrations.{cls.name}" not in bundled and _ships_pages(cls))
    return _docs_with(own)


def _ships_pages(cls: type[Integration]) -> bool:
    from bridge.integration import Integration

    return getattr(cls.doc_pages, "__func__", None) is not getattr(Integration.doc_pages, "__func__", None)


@cache
def _docs_with(integrations: tuple[type[Integration], ...]) -> Docs:
    return Docs(pages={topic: text for cls in integrations for topic, text in cls.doc_pages().items()})


def installed_docs() -> Docs:
    """The bundled topics and the pages of every installed integration (``luabridge docs``, the MCP server)."""
    from bridge import plugins

    return shared_docs(tuple(plugins.installed().values()))
