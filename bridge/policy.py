"""Per-account call policy: what each class of call (read, write, destructive) may do.

A policy is a bridge concept applied to what an integration reports: the integration
says which class a function and a call belong to (``function_kind``, ``call_kind``) and which policy an account has
(``policy``); the bridge decides, before anything is sent, whether the call is allowed,
denied, or needs the host's approval. An approval request shows the planned request
(``Integration.prepare``), with secrets removed.

Settings, the same in Python, TOML and the environment::

    read = "allow"            # allow | deny | ask
    write = "allow"
    destructive = "ask"       # the default: a destructive call needs the host's approval
    allow = ["get_campaign"]  # functions allowed whatever their class
    deny = ["track_event"]    # functions denied whatever their class
    preset = "read-only"      # refuses every write and destructive call, whatever the settings above

Environment: ``<PREFIX>POLICY_<SETTING>`` for every account and
``<PREFIX><ACCOUNT>_POLICY_<SETTING>`` for one (lists comma-separated), e.g.
``CUSTOMERIO_POLICY_DESTRUCTIVE=deny``, ``CUSTOMERIO_PRODUCTION_POLICY_DENY=track_event``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bridge.errors import ConfigError, refuse_unknown_settings


class Rule(StrEnum):
    """What a policy does with a class of calls."""

    ALLOW = "allow"
    DENY = "deny"
    ASK = "ask"


class Kind(StrEnum):
    """The class of a call: what it does to the remote side (policy, approvals, dry runs and docs use it).
    The one definition: integrations declare their functions with it (``Kind.WRITE``) or its strings."""

    READ = "read"
    WRITE = "write"
    DESTRUCTIVE = "destructive"


#: The classes of call, as integrations report them.
KINDS = tuple(str(kind) for kind in Kind)
#: The class of a call whose integration cannot tell (bridge.integration.Integration.function_kind): the
#: strictest policy applies, and dry runs and read-only mode refuse it.
UNKNOWN_KIND = "unknown"
_SETTINGS = (*KINDS, "allow", "deny", "preset")
#: The presets a policy may name: ``read-only`` refuses every call that is not a read.
PRESETS = ("read-only",)


@dataclass(frozen=True)
class Policy:
    """One account's policy. The default allows reads and writes and asks before destructive calls."""

    read: Rule = Rule.ALLOW
    write: Rule = Rule.ALLOW
    destructive: Rule = Rule.ASK
    #: Functions allowed whatever their class (no approval asked).
    allow: frozenset[str] = field(default_factory=frozenset)
    #: Functions denied whatever their class.
    deny: frozenset[str] = field(default_factory=frozenset)
    #: Refuse every write and destructive call, even ones listed under ``allow`` (``preset = "read-only"``).
    read_only: bool = False

    def __post_init__(self) -> None:
        for kind in KINDS:
            try:
                object.__setattr__(self, kind, Rule(getattr(self, kind)))
            except ValueError:
                raise ConfigError(f"Policy setting {kind!r} must be allow, deny or ask, "
                                  f"got {getattr(self, kind)!r}.") from None
        object.__setattr__(self, "allow", frozenset(self.allow))
        object.__setattr__(self, "deny", frozenset(self.deny))
        both = sorted(self.allow & self.deny)
        if both:
            raise ConfigError(f"Policy: {', '.join(both)} both allowed and denied by name.")

    def decide(self, function: str, kind: str) -> tuple[Rule, str]:
        """The rule for one call and the setting that gave it (``deny``, ``allow``, ``preset`` or the class)."""
        if self.read_only and kind != "read":
            return Rule.DENY, "preset"
        if function in self.deny:
            return Rule.DENY, "deny"
        if function in self.allow:
            return Rule.ALLOW, "allow"
        if kind not in KINDS:  # an integration reporting an unknown class gets the strictest one
            kind = "destructive"
        rule: Rule = getattr(self, kind)
        return rule, kind

    def resolved(self, resolve: Callable[[str], str | None], where: str = "policy") -> Policy:
        """This policy with ``allow``/``deny`` names mapped to canonical function names through ``resolve``
        (aliases and metadata names included); a name that resolves to nothing is a ConfigError, so a
        misspelt deny never fails open."""
        lists: dict[str, frozenset[str]] = {}
        for setting in ("allow", "deny"):
            names = getattr(self, setting)
            unknown = sorted(n for n in names if resolve(n) is None)
            if unknown:
                raise ConfigError(f"{where}: `{setting}` names unknown function(s) {', '.join(unknown)}; "
                                  "use the names lua_read_doc lists.")
            lists[setting] = frozenset(str(resolve(n)) for n in names)
        return replace(self, allow=lists["allow"], deny=lists["deny"])

    def updated(self, settings: Mapping[str, Any], where: str = "policy") -> Policy:
        """This policy with the settings of a TOML table or parsed environment applied; unknown keys refused."""
        refuse_unknown_settings(settings, _SETTINGS, where)
        values: dict[str, Any] = {}
        for key, value in settings.items():
            if key == "preset":
                values["read_only"] = _read_only_preset(value, f"{where}.preset")
            elif key in KINDS:
                values[key] = value
            else:
                values[key] = _names(value, f"{where}.{key}")
        return replace(self, **values)


def _read_only_preset(value: Any, where: str) -> bool:
    if value not in PRESETS:
        raise ConfigError(f"{where} must be one of {', '.join(PRESETS)}, got {value!r}.")
    return True


def _names(value: Any, where: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of function names.")
    return frozenset(value)


def policies_from_env(environ: Mapping[str, str], prefix: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Policy settings found in the environment: (for every account, {account: its own})."""
    pattern = re.compile(rf"^{re.escape(prefix)}(?:([A-Z0-9_]+?)_)?POLICY_([A-Z]+)$")
    common: dict[str, str] = {}
    per_account: dict[str, dict[str, str]] = {}
    for key, value in environ.items():
        found = pattern.match(key)
        if not found or not value:
            continue
        account, setting = found.group(1), found.group(2).lower()
        if setting not in _SETTINGS:
            raise ConfigError(f"{key}: unknown policy setting; known: {', '.join(s.upper() for s in _SETTINGS)}.")
        (per_account.setdefault(account.lower(), {}) if account else common)[setting] = value
    return common, per_account


@dataclass(frozen=True)
class PlannedCall:
    """What a host's approval callback sees for one call that needs approval."""

    integration: str
    account: str
    operation: str
    kind: str
    method: str | None
    url: str | None
    body: Any
    run_id: str
    #: Why the call is in its class when its arguments raised it (e.g. "the delete action"), else "".
    reason: str = ""


#: The host's answer to "may this call go ahead?": True sends it, False fails it with permission_denied.
Approver = Callable[[PlannedCall], bool]


class Declined(Exception):
    """Raised by an approver to decline a call with the reason the agent should be told.

    ``reason`` completes "<function> was not sent: on account 'x' of <integration>, ...", e.g.
    "the user declined it", and is followed by what would permit the call.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
