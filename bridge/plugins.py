"""The one loader of installed integrations: the ``lua_agent_bridge.integrations`` entry points.

The runtime (``Runtime.from_env``), the CLI (``--config``, integration commands), docgen, the
worker pool's preload and the MCP server (through the CLI's runtime) all find integrations
here. An entry point names a subclass of bridge.integration.Integration; its name is the
integration's name (``customerio = "integrations.customerio:CustomerIO"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from bridge.errors import ConfigError
from bridge.integration import Integration

GROUP = "lua_agent_bridge.integrations"


@cache
def _entry_points() -> tuple[Any, ...]:
    from importlib.metadata import entry_points  # costs a built-in CLI command a third of its start-up

    return tuple(sorted(entry_points(group=GROUP), key=lambda ep: str(ep.name)))


def names() -> tuple[str, ...]:
    """The names of the installed integrations, without importing them."""
    return tuple(ep.name for ep in _entry_points())


def modules() -> tuple[str, ...]:
    """The modules the installed integrations live in, without importing them."""
    return tuple(ep.module for ep in _entry_points())


def installed() -> dict[str, type[Integration]]:
    """Every installed integration class by name (imported on first call, then cached)."""
    return {ep.name: _load(ep) for ep in _entry_points()}


@cache
def _load(ep: Any) -> type[Integration]:
    try:
        found = ep.load()
    except Exception as exc:
        raise ConfigError(f"Integration {ep.name} ({ep.value}) could not be imported: {type(exc).__name__}: "
                          f"{exc}") from exc
    if not (isinstance(found, type) and issubclass(found, Integration)):
        raise ConfigError(f"Integration {ep.name} ({ep.value}) is not a bridge.integration.Integration subclass.")
    if getattr(found, "name", None) != ep.name:
        raise ConfigError(f"Integration {ep.value} is registered as {ep.name!r} but is named "
                          f"{getattr(found, 'name', None)!r}; the two must agree.")
    return found


def from_env(environ: Mapping[str, str] | None = None) -> list[Integration]:
    """Every installed integration configured from the environment."""
    found = installed()
    if not found:
        raise ConfigError(f"No integration is installed (entry point group {GROUP}).")
    return [cls.from_env(environ) for cls in found.values()]


def from_tables(table: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> list[Integration]:
    """Every installed integration: from its TOML table ``[<name>]`` when there is one, else the environment."""
    return [cls.from_config(table[name]) if name in table else cls.from_env(environ)
            for name, cls in installed().items()]
