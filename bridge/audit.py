"""The audit trail: one CallRecord per integration call, redacted, handed to a pluggable sink.

    runtime = Runtime([...], audit=JsonLinesSink("calls.jsonl"), redaction=Redaction(emails="hash"))

A sink is any callable taking a CallRecord. It runs inside the call (after the call
finished), so it should be quick; a sink that raises is logged and the run goes on.
Records never hold secrets: the bridge replaces every configured secret value, and
:class:`Redaction` decides what else of the arguments is kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from bridge.result import CallRecord
from bridge.scrub import REDACTED, Scrubber

log = logging.getLogger("bridge.audit")

#: Where call records go.
AuditSink = Callable[[CallRecord], None]

#: Anything shaped like local@domain (no TLD needed, so an address cut short is still caught). The match
#: may only start where a run of address characters starts, and the quantifiers never give back: one
#: pass over the text, however many "@" it holds (a plain ``[^@]+@`` is quadratic on long runs).
_STOP = r"""@\s"'<>(),;:"""
_EMAIL = re.compile(rf"(?<![^{_STOP}])[^{_STOP}]++@[^{_STOP}]*+")
#: Argument names whose values are never recorded (matched as parts of lower-cased names).
SECRET_NAMES = ("password", "secret", "token", "api_key", "apikey", "authorization", "credential")
#: Argument names longer than this are cut in records.
_MAX_KEY = 1024
#: Values recorded as they are.
_KEPT = frozenset({type(None), bool, int, float})
#: What stands for the values of a record past its size budget.
CUT = "[cut: record size limit]"


class _Budget:
    """Characters (and values, one each) a record may still keep: shared by the whole walk."""

    __slots__ = ("room",)

    def __init__(self, room: int) -> None:
        self.room = room


@dataclass(frozen=True)
class Redaction:
    """How call arguments are recorded.

    ``emails``: "hash" (default) replaces each address with ``sha256:<16 hex>`` of its lower-cased
    form (the same address always gives the same hash, so records still correlate); "drop"
    replaces it with ``[email]``; "keep" leaves it. Values of arguments whose names contain one of
    ``secret_names`` become ``[redacted]``; strings are cut at ``max_string`` characters and
    containers at ``max_items`` entries. A record keeps at most ``max_record`` characters of strings
    and keys (each value counting one more): past that, values read ``[cut: record size limit]``, so
    a record (and its audit line) stays under about ``max_record`` bytes however the arguments share
    or repeat their parts. Secrets are scrubbed before anything is cut.
    """

    emails: Literal["keep", "hash", "drop"] = "hash"
    secret_names: tuple[str, ...] = SECRET_NAMES
    max_string: int = 256
    max_items: int = 50
    salt: str = ""
    max_record: int = 16 * 1024

    def apply(self, value: Any, secrets: Iterable[str] | Scrubber = ()) -> Any:
        """A redacted copy of plain data; ``secrets`` (values or a Scrubber) are replaced wherever they appear."""
        scrubber = secrets if isinstance(secrets, Scrubber) else Scrubber(secrets)
        return self._value(value, scrubber, 0, _Budget(self.max_record))

    def _value(self, value: Any, secrets: Scrubber, depth: int, budget: _Budget) -> Any:
        if budget.room <= 0:
            return CUT
        budget.room -= 1
        kind = type(value)  # the common cases first, by exact type; subclasses take the general path
        if kind in _KEPT:
            return value
        if kind is str:
            return self._text(value, secrets, budget)
        if kind is dict and depth < 8:
            return self._dict(value, secrets, depth, budget)
        if isinstance(value, str):
            return self._text(value, secrets, budget)
        if depth >= 8 and isinstance(value, dict | list | tuple):
            return "[nested]"
        if isinstance(value, dict):
            return self._dict(value, secrets, depth, budget)
        if isinstance(value, list | tuple):
            kept = [self._value(v, secrets, depth + 1, budget) for v in value[:self.max_items]]
            return kept + ([f"... {len(value) - self.max_items} more"] if len(value) > self.max_items else [])
        return value if isinstance(value, bool | int | float) else REDACTED

    def _dict(self, value: dict[Any, Any], secrets: Scrubber, depth: int, budget: _Budget) -> dict[str, Any]:
        out = {}
        known = self._secret_names_seen
        # Strings without "@" up to this long are kept as they are: too short to hold a secret, not cut.
        keep = min(self.max_string, secrets.shortest - 1) if secrets.secrets else self.max_string
        items = value.items() if len(value) <= self.max_items else islice(value.items(), self.max_items)
        for k, v in items:
            if budget.room <= 0:
                out["..."] = CUT
                return out
            name = k if type(k) is str else str(k)
            secret = known.get(name)
            if secret is None:
                secret = self._secret_name(name)
            if len(name) > keep or "@" in name:  # keys lose secrets and addresses too, but are cut only when huge
                name = self._text(name, secrets, budget, max(self.max_string, _MAX_KEY))
            else:
                budget.room -= len(name)
            if secret:
                out[name] = REDACTED
            elif type(v) is str:
                budget.room -= 1
                out[name] = v if len(v) <= keep and "@" not in v else self._text(v, secrets, budget)
                budget.room -= len(v) if len(v) <= keep else 0
            elif type(v) in _KEPT:
                budget.room -= 1
                out[name] = v
            else:
                out[name] = self._value(v, secrets, depth + 1, budget)
        if len(value) > self.max_items:
            out["..."] = f"{len(value) - self.max_items} more"
        return out

    def _text(self, text: str, secrets: Scrubber, budget: _Budget, cut: int | None = None) -> str:
        text = secrets.cut(text, self.max_string if cut is None else cut)
        budget.room -= len(text)
        return _EMAIL.sub(self._email, text) if "@" in text and self.emails != "keep" else text

    def _email(self, found: re.Match[str]) -> str:
        if self.emails == "drop":
            return "[email]"
        digest = self._salted.copy()  # cheaper than a new sha256 object (OpenSSL looks the algorithm up)
        digest.update(found.group(0).lower().encode())
        return f"sha256:{digest.hexdigest()[:16]}"

    @cached_property
    def _salted(self) -> hashlib._Hash:
        """sha256 fed with the salt: each address hash continues a copy of it."""
        return hashlib.sha256(self.salt.encode())

    @cached_property
    def _secret_names_seen(self) -> dict[str, bool]:
        """Argument names already checked against ``secret_names`` (few distinct names recur)."""
        return {}

    def _secret_name(self, name: str) -> bool:
        known = self._secret_names_seen
        if len(known) >= 4096:
            known.clear()
        lowered = name.lower()
        known[name] = secret = any(part in lowered for part in self.secret_names)
        return secret


class JsonLinesSink:
    """Append each record as one JSON line to a file (thread-safe; the file is opened per write)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def __call__(self, record: CallRecord) -> None:
        line = json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line)


class MemorySink:
    """Keep records in a list (tests, and hosts that ship records themselves)."""

    def __init__(self) -> None:
        self.records: list[CallRecord] = []

    def __call__(self, record: CallRecord) -> None:
        self.records.append(record)


def deliver(sink: Callable[[CallRecord], object] | None, record: CallRecord) -> None:
    """Hand a record to the host's audit sink; a failing sink is logged and the run goes on."""
    if sink is None:
        return
    try:
        sink(record)
    except Exception:
        log.exception("the audit sink failed on a call record")
