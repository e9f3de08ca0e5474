"""Customer.io accounts: credentials, region and base URLs, from code, the environment or TOML.

Environment (the default account; a named account NAME uses ``CUSTOMERIO_NAME_`` in place
of ``CUSTOMERIO_``, e.g. ``CUSTOMERIO_PRODUCTION_APP_API_KEY``):

    CUSTOMERIO_SITE_ID, CUSTOMERIO_TRACK_API_KEY   Track API (Basic site_id:key)
    CUSTOMERIO_APP_API_KEY                         App API (Bearer)
    CUSTOMERIO_PIPELINES_API_KEY                   Pipelines API (Basic key:)
    CUSTOMERIO_REGION                              us (default), eu, or auto (asked once)
    CUSTOMERIO_TRACK_URL, CUSTOMERIO_APP_URL,      base-URL overrides (an emulator, a proxy)
    CUSTOMERIO_PIPELINES_URL
    CUSTOMERIO_EMAIL                               the account owner's address (get_current_user)
    CUSTOMERIO_TIMEOUT                             seconds per request (default 10)
    CUSTOMERIO_CONNECT_TIMEOUT, _READ_TIMEOUT,     finer timeouts (seconds; default: TIMEOUT): opening a
    _WRITE_TIMEOUT, _POOL_TIMEOUT                  connection, each read, each write, waiting for a
                                                   pooled connection. All are cut to the run's deadline.
    CUSTOMERIO_DEFAULT_ACCOUNT                     which named account `default` means when no
                                                   unprefixed account is configured
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any
from urllib.parse import unquote

import httpx
from pydantic import SecretStr

from bridge.errors import ConfigError, refuse_unknown_settings
from bridge.scrub import Scrubber


class Region(StrEnum):
    """Where the account's data lives; picks the hosts."""

    US = "us"
    EU = "eu"
    #: Ask Track's region endpoint once per account (CustomerIO does, and caches the answer).
    AUTO = "auto"


class Family(StrEnum):
    """The API families: each has its own hosts and its own kind of credentials."""

    TRACK = "track"
    APP = "app"
    PIPELINES = "pipelines"


FAMILY_NAMES = {Family.TRACK: "Track API", Family.APP: "App API", Family.PIPELINES: "Pipelines API"}

HOSTS: dict[tuple[Family, Region], str] = {
    (Family.TRACK, Region.US): "https://track.customer.io",
    (Family.TRACK, Region.EU): "https://track-eu.customer.io",
    (Family.APP, Region.US): "https://api.customer.io",
    (Family.APP, Region.EU): "https://api-eu.customer.io",
    (Family.PIPELINES, Region.US): "https://cdp.customer.io/v1",
    (Family.PIPELINES, Region.EU): "https://cdp-eu.customer.io/v1",
}

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_SECRETS = ("track_api_key", "app_api_key", "pipelines_api_key")
_TEXT = ("site_id", *_SECRETS, "region", "track_url", "app_url", "pipelines_url", "email")
_TIMEOUTS = ("timeout", "connect_timeout", "read_timeout", "write_timeout", "pool_timeout")
_SETTINGS = (*_TEXT, *_TIMEOUTS)
#: Settings that make an account real; with none of them anywhere, the emulated workspace is used.
CREDENTIALS = ("site_id", *_SECRETS)


@dataclass(frozen=True, repr=False)
class Account:
    """One Customer.io workspace's credentials. Keys are SecretStr: their repr shows no value."""

    name: str = "default"
    site_id: str | None = None
    #: Keys may be given as plain strings; they are kept as SecretStr.
    track_api_key: SecretStr | str | None = None
    app_api_key: SecretStr | str | None = None
    pipelines_api_key: SecretStr | str | None = None
    region: Region | str = Region.US
    track_url: str | None = None
    app_url: str | None = None
    pipelines_url: str | None = None
    email: str | None = None
    timeout: float = 10.0
    #: Finer timeouts (None: ``timeout``): connecting, each socket read, each write, waiting for the pool.
    connect_timeout: float | None = None
    read_timeout: float | None = None
    write_timeout: float | None = None
    pool_timeout: float | None = None
    overrides: dict[Family, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ConfigError(f"Account name {self.name!r} must be lower-case letters, digits and _ "
                              "(starting with a letter, at most 40 characters).")
        try:
            object.__setattr__(self, "region", Region(self.region))
        except ValueError:
            raise ConfigError(f"Account {self.name!r}: region must be 'us', 'eu' or 'auto', "
                              f"got {self.region!r}.") from None
        for key in _SECRETS:
            value = getattr(self, key)
            if isinstance(value, str):
                object.__setattr__(self, key, SecretStr(value) if value else None)
        for setting in _TIMEOUTS:
            value = getattr(self, setting)
            if value is not None and value <= 0:
                raise ConfigError(f"Account {self.name!r}: {setting} must be positive.")
        urls = {Family.TRACK: self.track_url, Family.APP: self.app_url, Family.PIPELINES: self.pipelines_url}
        object.__setattr__(self, "overrides", {f: u.rstrip("/") for f, u in urls.items() if u})

    def __repr__(self) -> str:
        """The fields, keys masked (SecretStr) and passwords in base URLs scrubbed."""
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return Scrubber(self.secrets()).text(f"Account({shown})")

    def base_url(self, family: Family) -> str:
        """The base URL of a family for this account: an override, else the region's host."""
        if family in self.overrides:
            return self.overrides[family]
        if self.region is Region.AUTO:
            raise ConfigError(f"Account {self.name!r}: region 'auto' must be resolved before a request is built.")
        return HOSTS[(family, Region(self.region))]

    def timeouts(self) -> tuple[float, float, float, float]:
        """(connect, read, write, pool) seconds; each finer setting defaults to ``timeout``."""
        return (self.connect_timeout or self.timeout, self.read_timeout or self.timeout,
                self.write_timeout or self.timeout, self.pool_timeout or self.timeout)

    def secret(self, key: str) -> str | None:
        """The value of one key setting (track_api_key, app_api_key, pipelines_api_key), or None."""
        value = getattr(self, key)
        return value.get_secret_value() if isinstance(value, SecretStr) else value

    def basic_token(self, family: Family) -> str | None:
        """The HTTP Basic token of the Track or Pipelines API, or None when a setting is missing."""
        if family is Family.TRACK:
            key = self.secret("track_api_key")
            pair = f"{self.site_id}:{key}" if self.site_id and key else None
        else:
            key = self.secret("pipelines_api_key")
            pair = f"{key}:" if key else None
        return base64.b64encode(pair.encode()).decode() if pair else None

    def secrets(self) -> tuple[str, ...]:
        """The secret values and the auth tokens made from them, for scrubbing text the bridge emits."""
        keys = [self.secret(k) for k in _SECRETS]
        tokens = [self.basic_token(f) for f in (Family.TRACK, Family.PIPELINES)]
        return tuple(v for v in (*keys, *tokens, *self._userinfo()) if v)

    def _userinfo(self) -> list[str]:
        """Credentials written into base URLs (``http://user:pass@host``): the password, the pair, and
        the Basic token httpx makes of it."""
        found = []
        for url in self.overrides.values():
            parsed = httpx.URL(url)
            if parsed.userinfo:
                pair = parsed.userinfo.decode("ascii", "replace")
                found += [pair, unquote(pair), parsed.password or "", base64.b64encode(unquote(pair).encode()).decode()]
        return found

    @classmethod
    def from_mapping(cls, name: str, settings: Mapping[str, Any]) -> Account:
        """An account from a settings table (TOML or parsed environment); unknown keys are refused."""
        refuse_unknown_settings(settings, _SETTINGS, f"Account {name!r}")
        values = dict(settings)
        wrong = sorted(k for k in _TEXT if k in values and not isinstance(values[k], str))
        if wrong:
            raise ConfigError(f"Account {name!r}: {', '.join(wrong)} must be text (quote the value).")
        for setting in _TIMEOUTS:
            if setting not in values:
                continue
            try:
                values[setting] = float(values[setting])
            except (TypeError, ValueError):
                raise ConfigError(f"Account {name!r}: {setting} must be a number of seconds.") from None
        return cls(name=name, **values)


def accounts_from_env(environ: Mapping[str, str]) -> tuple[list[Account], str | None]:
    """Accounts found in ``CUSTOMERIO_*`` variables and the name `default` should mean."""
    found: dict[str, dict[str, str]] = {}
    for key, value in environ.items():
        parsed = _parse_env_key(key)
        if parsed and value:
            account, setting = parsed
            found.setdefault(account, {})[setting] = value
    accounts = [Account.from_mapping(name, settings) for name, settings in sorted(found.items())]
    return accounts, environ.get("CUSTOMERIO_DEFAULT_ACCOUNT") or None


def _parse_env_key(key: str) -> tuple[str, str] | None:
    if not key.startswith("CUSTOMERIO_") or key == "CUSTOMERIO_DEFAULT_ACCOUNT":
        return None
    rest = key.removeprefix("CUSTOMERIO_")
    for setting in sorted(_SETTINGS, key=len, reverse=True):
        upper = setting.upper()
        if rest == upper:
            return "default", setting
        if rest.endswith("_" + upper):
            return rest.removesuffix("_" + upper).lower(), setting
    return None
