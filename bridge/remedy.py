"""What to change so that a refused call goes through: the exact setting, three ways.

A ``permission_denied`` message names the environment variable, the TOML key and the command-line
flag that would allow the call, for that account and function (or its whole class), following the
settings convention of bridge.policy: ``<NAME>_<ACCOUNT>_POLICY_<SETTING>`` and
``[<name>.accounts.<account>.policy]``. The agent cannot change them; it can tell its host which one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Remedy:
    """The settings that would allow one refused call."""

    env: str
    toml: str
    cli: str

    def sentence(self) -> str:
        """One sentence for the error message."""
        return (f"To allow it, the host sets {self.env} (environment), or {self.toml}, "
                f"or runs `{self.cli}` for one run (`luabridge mcp` takes `--allow` too)")

    def as_details(self) -> dict[str, str]:
        """The same, for ``details.remedy``."""
        return {"env": self.env, "toml": self.toml, "cli": self.cli}


def remedy(integration: str, account: str, function: str, setting: str) -> Remedy:
    """The settings that allow ``function`` on ``account`` by name (``setting`` is the one that refused it)."""
    prefix = f"{_env(integration)}_{_env(account)}_POLICY"
    table = f"[{integration}.accounts.{account}.policy]"
    if setting == "deny":
        return Remedy(env=f"{prefix}_DENY without {function}", toml=f"`deny` without \"{function}\" in {table}",
                      cli=f"luabridge run --allow {function} ...")
    return Remedy(env=f"{prefix}_ALLOW={function}", toml=f"allow = [\"{function}\"] in {table}",
                  cli=f"luabridge run --allow {function} ...")


def class_remedy(integration: str, account: str, kind: str) -> Remedy:
    """The settings that allow every call of class ``kind`` on ``account``."""
    return Remedy(env=f"{_env(integration)}_{_env(account)}_POLICY_{kind.upper()}=allow",
                  toml=f"{kind} = \"allow\" in [{integration}.accounts.{account}.policy]",
                  cli=f"luabridge run --allow {kind} ...")


def _env(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")
