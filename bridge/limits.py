"""Hard limits of one run. Every limit has its own error code (see bridge.errors)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from bridge.errors import ConfigError, refuse_unknown_settings


@dataclass(frozen=True)
class Limits:
    """Per-run limits. The defaults suit agent snippets that make a few dozen API calls."""

    #: Lua VM instructions per run (coroutines, handlers and pcall loops included) -> instruction_limit.
    #: None (the default): not counted, and VM-bound code runs near plain Lua speed; a budget makes
    #: the VM check every instruction (loops about 2.5x slower). The deadline and memory hold either way.
    max_instructions: int | None = None
    #: Wall-clock deadline of a run, API calls included -> timeout.
    timeout_seconds: float = 30.0
    #: Lua heap the snippet may use above the runtime's baseline -> memory_limit.
    max_memory_bytes: int = 32 * 1024 * 1024
    #: Bytes of `print` output kept per run -> output_limit (the run stops there).
    max_output_bytes: int = 64 * 1024
    #: Integration calls per run -> call_limit.
    max_calls: int = 200
    #: Calls one app.parallel / app.map may have in flight at once (it asks for 8 unless told).
    max_concurrency: int = 16
    #: Size of the returned value, encoded as JSON -> result_too_large.
    max_result_bytes: int = 1024 * 1024
    #: Size of the submitted code -> code_too_large.
    max_code_bytes: int = 64 * 1024
    #: Nesting depth of a value crossing between Lua and Python -> invalid_value.
    max_depth: int = 32
    #: Number of values (table entries, all levels) in one value crossing to Python -> invalid_value.
    max_items: int = 100_000
    #: Estimated backtracking steps a Lua pattern may take on its subject (string.find and friends).
    pattern_budget: int = 50_000_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None and f.name == "max_instructions":
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"Limits.{f.name} must be a number, got {value!r}.")
            if value <= 0:
                raise ConfigError(f"Limits.{f.name} must be positive, got {value!r}.")

    @classmethod
    def from_table(cls, table: Any, where: str = "limits") -> Limits:
        """Limits from a TOML table or mapping; an unknown key is a ConfigError naming it and the valid ones."""
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where} must be a table of limits, got {type(table).__name__}.")
        refuse_unknown_settings(table, (f.name for f in fields(cls)), where)
        return cls(**table)
