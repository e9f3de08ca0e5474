"""The one secret scrubber: every host string that reaches Lua, an audit record or a log goes through it.

A :class:`Scrubber` knows the configured secret values (keys, the HTTP Basic tokens made from them,
passwords in base URLs) and replaces each occurrence with ``[redacted]``. Rules it keeps:

- whole values only, longest first, and before any cut (cutting first would leave a key minus its last
  characters, and a snippet could recover the rest by moving the cut);
- URL userinfo (``scheme://user:pass@host``) is a secret wherever it appears, configured or not;
- linear time in its input: plain ``str.replace`` and one non-backtracking pattern, no scan that
  restarts on agent text.

Runtime (results, error tables, plans, approval requests, log records) and audit records share it.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"
#: Secrets shorter than this are not replaced: they would mangle ordinary text.
MIN_SECRET = 4
#: ``scheme://userinfo@``: the character class excludes "/" and "@", so each match scans its run once.
_USERINFO = re.compile(r"(?<=://)[^/@\s?#\"'<>]+@")


class Scrubber:
    """Replaces configured secrets (and URL userinfo) in text and plain data."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        found = {s for s in secrets if isinstance(s, str) and len(s) >= MIN_SECRET}
        #: Longest first, so that a key inside a longer token is not replaced first.
        self.secrets: tuple[str, ...] = tuple(sorted(found, key=len, reverse=True))
        self.shortest = min(map(len, self.secrets)) if self.secrets else 0

    def text(self, text: str) -> str:
        """``text`` without any secret value or URL userinfo."""
        if len(text) < self.shortest and "@" not in text:  # too short to hold a secret (most values)
            return text
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if "://" in text and "@" in text:
            text = _USERINFO.sub(REDACTED + "@", text)
        return text

    def cut(self, text: str, limit: int, tail: str = "...") -> str:
        """Scrub, then cut to ``limit`` characters (scrubbing first: a cut never splits a secret)."""
        text = self.text(text)
        return text if len(text) <= limit else text[:limit] + tail

    def data(self, value: Any, depth: int = 0) -> Any:
        """A copy of plain data (dicts, lists, scalars) with every string scrubbed, keys included."""
        kind = type(value)
        if kind is str:
            return self.text(value)
        if kind is dict:
            return {self.text(k) if type(k) is str else k: self.data(v, depth + 1) for k, v in value.items()}
        if kind is list or kind is tuple:
            return [self.data(v, depth + 1) for v in value]
        return value

    def holds(self, value: Any) -> bool:
        """True when a string anywhere in plain data contains a configured secret (agent arguments).

        Each distinct string and table is looked at once (a value repeated 95,000 times costs one look)."""
        if not self.secrets:
            return False
        seen: set[int] = set()
        texts: set[str] = set()
        stack = [value]
        while stack:
            item = stack.pop()
            kind = type(item)
            if kind is str:
                if len(item) >= self.shortest and item not in texts:
                    texts.add(item)
                    if any(s in item for s in self.secrets):
                        return True
                continue
            if id(item) in seen:
                continue
            seen.add(id(item))
            if kind is dict:
                stack += item.keys()
                stack += item.values()
            elif kind is list or kind is tuple:
                stack += item
        return False


# -- log records ------------------------------------------------------------------------------
#: Loggers whose records are scrubbed (a logger's filters see only its own records, so the
#: httpcore children are named one by one).
LOGGERS = ("bridge", "bridge.audit", "bridge.workers", "bridge.mcp", "integrations", "integrations.customerio",
           "integrations.customerio.emulator.emulator", "httpx", "httpcore", "httpcore.connection",
           "httpcore.http11", "httpcore.http2", "httpcore.proxy", "httpcore.socks")
_PREFIXES = ("bridge.", "integrations.", "httpx.", "httpcore.")


class LogFilter(logging.Filter):
    """Scrubs the secrets of every live registered Scrubber from records of :data:`LOGGERS`."""

    def __init__(self) -> None:
        super().__init__()
        self._scrubbers: weakref.WeakSet[Scrubber] = weakref.WeakSet()
        self._lock = threading.Lock()

    def register(self, scrubber: Scrubber) -> None:
        """Scrub this scrubber's secrets from log records while it lives."""
        with self._lock:
            self._scrubbers.add(scrubber)

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            scrubbers = list(self._scrubbers)
        if not scrubbers:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for scrubber in scrubbers:
            message = scrubber.text(message)
            record.exc_text = scrubber.text(record.exc_text) if record.exc_text else record.exc_text
        record.msg, record.args, record.exc_info = message, None, None
        return True


_FILTER = LogFilter()
_installed = False


def guard_logs(scrubber: Scrubber) -> None:
    """Install the shared log filter on :data:`LOGGERS` (once) and register ``scrubber`` with it."""
    global _installed
    _FILTER.register(scrubber)
    if not _installed:
        existing = [name for name in logging.root.manager.loggerDict if name.startswith(_PREFIXES)]
        for name in {*LOGGERS, *existing}:
            logging.getLogger(name).addFilter(_FILTER)
        _installed = True
