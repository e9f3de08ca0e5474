"""``CustomerIO``: the Customer.io integration as a plug-in of the bridge.

It knows nothing about Lua: it takes plain data, validates it against the declared
params model, and performs the declared request for the chosen account.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import SecretStr

from bridge.errors import ConfigError
from bridge.http.client import HttpRequest
from bridge.http.retry import RetryPolicy
from bridge.integration import CallContext, Integration, Prepared
from bridge.params import Params, validate
from bridge.policy import KINDS, Policy, policies_from_env
from integrations.customerio import effects, ratelimit
from integrations.customerio.accounts import CREDENTIALS, Account, Family, Region, accounts_from_env
from integrations.customerio.client import Client
from integrations.customerio.functions import Functions
from integrations.customerio.operations import Operation

if TYPE_CHECKING:
    from integrations.customerio.emulator import Emulator

# The declarations (catalog, curated), the emulator, docs and CLI commands are imported where they
# are used: building every params model is most of the import time, and `return 1` needs none of it.

EMULATED_ACCOUNTS = ("default", "production", "staging")
_ENV_POLICY = "CUSTOMERIO_*POLICY_* variables"
#: Where every process shares the rate-limit budgets, e.g. redis://localhost:6379 (default: in process).
RATE_LIMIT_STORAGE_ENV = "CUSTOMERIO_RATE_LIMIT_STORAGE"
#: Retries after a retryable failure (default 3; 0 turns retries off). TOML: max_retries in [customerio].
MAX_RETRIES_ENV = "CUSTOMERIO_MAX_RETRIES"


class CustomerIO(Integration):
    """``app.integrations.customerio``: every declared operation, for each configured account."""

    name = "customerio"

    def __init__(self, accounts: Sequence[Account], *, default: str | None = None,
                 transport: httpx.BaseTransport | None = None, operations: Iterable[Operation] | None = None,
                 emulators: Mapping[str, Emulator] | None = None,
                 policy: Policy | Mapping[str, Policy] | None = None, retry: RetryPolicy | None = None,
                 limiter: ratelimit.Limiter | None = None) -> None:
        """``policy``: one Policy for every account, or one per account name (others get the default:
        reads and writes allowed, destructive calls need the host's approval). ``retry``: when failed
        requests are sent again (retry.RetryPolicy). ``limiter``: client-side rate limits (default: the
        process-wide in-memory one; ratelimit.StoreLimiter shares a budget between processes).
        ``operations``: the functions (default: every declared one, catalog.OPERATIONS)."""
        if not accounts:
            raise ConfigError("CustomerIO needs at least one account.")
        self.operations = Functions(operations)
        self.accounts = {a.name: a for a in accounts}
        if len(self.accounts) != len(accounts):
            raise ConfigError("Two Customer.io accounts have the same name.")
        clash = sorted(set(self.accounts) & set(self.operations))
        if clash:
            raise ConfigError(f"Account name(s) {', '.join(clash)} are also function names; "
                              "rename the account(s) so Lua can tell them apart.")
        self.default = _pick_default(self.accounts, default)
        self.policies = {name: p.resolved(self.resolve_function, f"The policy of account {name!r}")
                         for name, p in _policies(self.accounts, policy).items()}
        #: The emulated workspaces behind the accounts, when running against the emulator (built on first use).
        self.emulators: Mapping[str, Emulator] = (
            emulators if isinstance(emulators, _Emulators) else dict(emulators or {}))
        self._client = Client(transport, retry=retry, limiter=limiter)
        self._regions: dict[str, Region] = {}
        self._regions_lock = threading.Lock()

    # -- construction --------------------------------------------------------------------
    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> CustomerIO:
        """Accounts from ``CUSTOMERIO_*`` variables; the emulated workspace when there are none."""
        environ = os.environ if environ is None else environ
        accounts, default = accounts_from_env(environ)
        common, per_account = policies_from_env(environ, "CUSTOMERIO_")
        if not any(getattr(a, key) for a in accounts for key in CREDENTIALS):
            return cls.emulated(policy=_configured(EMULATED_ACCOUNTS, common, per_account, _ENV_POLICY))
        names = [a.name for a in accounts]
        return cls(accounts, default=default, policy=_configured(names, common, per_account, _ENV_POLICY),
                   limiter=_limiter(environ.get(RATE_LIMIT_STORAGE_ENV)), retry=_retry(environ.get(MAX_RETRIES_ENV)))

    @classmethod
    def from_config(cls, table: Mapping[str, Any]) -> CustomerIO:
        """Accounts from a TOML table: ``[customerio.accounts.NAME]`` sections, optional ``default_account``."""
        sections = table.get("accounts")
        if not isinstance(sections, Mapping) or not sections:
            raise ConfigError("The [customerio] configuration needs at least one [customerio.accounts.NAME] table.")
        own: dict[str, Mapping[str, Any]] = {}
        accounts = []
        for name, settings in sections.items():
            settings = dict(settings)
            own[name] = _table(settings.pop("policy", {}), f"[customerio.accounts.{name}.policy]")
            accounts.append(Account.from_mapping(name, settings))
        common = _table(table.get("policy", {}), "[customerio.policy]")
        policy = _configured(list(sections), common, own, "[customerio] policy tables")
        return cls(accounts, default=table.get("default_account"), policy=policy,
                   limiter=_limiter(table.get("rate_limit_storage")), retry=_retry(table.get("max_retries")))

    @classmethod
    def emulated(cls, names: Sequence[str] = EMULATED_ACCOUNTS, *,
                 policy: Policy | Mapping[str, Policy] | None = None, retry: RetryPolicy | None = None,
                 limiter: ratelimit.Limiter = ratelimit.UNLIMITED) -> CustomerIO:
        """Accounts backed by in-process emulated workspaces (one per account, each its own keys).

        The emulator enforces no rate limits, so by default neither does the client."""
        emulators, accounts = _Emulators(names), []
        for name in names:
            keys = _emulated_keys(name)
            base = f"http://{name}.customerio.emulator"
            accounts.append(Account(
                name=name, site_id=keys["site_id"], track_api_key=SecretStr(keys["track_api_key"]),
                app_api_key=SecretStr(keys["app_api_key"]), pipelines_api_key=SecretStr(keys["pipelines_api_key"]),
                track_url=f"{base}/track", app_url=f"{base}/app", pipelines_url=f"{base}/cdp",
                email=f"{name}@acme.example"))
        return cls(accounts, transport=_HostRouter(emulators), emulators=emulators, policy=policy, retry=retry,
                   limiter=limiter)

    @classmethod
    def doc_pages(cls) -> dict[str, str]:
        """The generated doc topics of this integration (see bridge.docgen), editor types included."""
        from bridge import luals
        from bridge.runtime import MAX_APPROVALS
        from integrations.customerio import docs, recipes
        from integrations.customerio.catalog import OPERATIONS
        from integrations.customerio.curated import GET_REGION, LIST_WORKSPACES, SEED_OPERATIONS
        from integrations.customerio.seeds import SEED_MAP, SEEDS

        return {**docs.pages(OPERATIONS, featured=(*SEED_OPERATIONS, GET_REGION, LIST_WORKSPACES)),
                "integrations.customerio.seed_mapping": docs.seed_mapping(SEED_MAP, SEEDS),
                "integrations.customerio.paging": docs.paging(OPERATIONS),
                "recipes.customerio": recipes.page(),
                "integrations.customerio.policy": effects.policy_page(OPERATIONS, MAX_APPROVALS),
                f"types.{cls.name}": luals.page(cls.name, cls.type_stubs())}

    @classmethod
    def type_files(cls) -> dict[str, str]:
        """Generated files under lua_docs/types/: the LuaLS definitions, for editors."""
        return {f"{cls.name}.lua": cls.type_stubs()}

    @classmethod
    def type_stubs(cls) -> str:
        """LuaLS ``---@meta`` definitions of every function, from the declarations."""
        from bridge import luals
        from integrations.customerio.catalog import OPERATIONS

        return luals.render(cls.name, (
            luals.FunctionType(name=op.name, summary=op.summary, kind=str(op.kind), params=op.params,
                               returns=op.returns, aliases=op.aliases) for op in OPERATIONS))

    @classmethod
    def example_files(cls) -> dict[str, str]:
        """The generated example files of this integration (see bridge.docgen)."""
        from integrations.customerio import docs
        from integrations.customerio.curated import SEED_OPERATIONS

        return docs.example_files(SEED_OPERATIONS)

    @classmethod
    def source_files(cls) -> dict[str, str]:
        """Generated files of the package itself (see bridge.docgen): the function index."""
        from integrations.customerio.catalog import OPERATIONS
        from integrations.customerio.functions import INDEX_FILE, index_text

        return {str(INDEX_FILE.relative_to(INDEX_FILE.parents[2])): index_text(OPERATIONS)}

    @classmethod
    def add_cli_commands(cls, sub: Any) -> None:
        """Add ``luabridge emulator`` to the CLI."""
        from integrations.customerio import commands

        commands.add_commands(sub)

    def setup_notice(self) -> str | None:
        """What the CLI should tell the user about where calls go."""
        if not self.emulated_mode:
            return None
        return ("no Customer.io credentials are configured (CUSTOMERIO_*), so calls go to a built-in emulated "
                f"workspace; accounts: {', '.join(self.accounts)}.")

    def allow(self, name: str) -> bool:
        """Allow a function (by name or alias) or a class of call on every account, as ``--allow`` asks;
        False when ``name`` is neither. A function denied by name is allowed too: the flag is explicit."""
        function = self.resolve_function(name)
        for account, policy in self.policies.items():
            if name in KINDS:
                self.policies[account] = policy.updated({name: "allow"})
            elif function is not None:
                self.policies[account] = policy.updated({"allow": [*policy.allow, function],
                                                         "deny": list(policy.deny - {function})})
        return name in KINDS or function is not None

    def use_default(self, name: str) -> None:
        """Make ``name`` the account that `default` (and the bare namespace) means."""
        self.default = _pick_default(self.accounts, name)

    @property
    def emulated_mode(self) -> bool:
        """True when calls go to in-process emulated workspaces."""
        return bool(self.emulators)

    # -- the bridge's plug-in contract (bridge.integration.Integration) ------------------------
    def account_names(self) -> tuple[str, ...]:
        return tuple(self.accounts)

    def resolve_account(self, name: str) -> str | None:
        if name == "default":
            return self.default
        return name if name in self.accounts else None

    def function_names(self) -> tuple[str, ...]:
        return tuple(self.operations)

    def resolve_function(self, name: str) -> str | None:
        return self.operations.canonical(name)

    def prepare(self, function: str, account: str, args: Any, ctx: CallContext) -> Prepared:
        """Validate once (a track_event's ULID is made here, once) and build the request; an account
        with region 'auto' has its region looked up first, so dry runs and approvals show the real URL."""
        op = self.operations[function]
        params = validate(op.params, args, op.name)
        located = self.located(self.accounts[account], ctx)
        if op.perform is not None:  # several requests: the plan shows the validated arguments
            return Prepared(function, account, body=params.model_dump(by_alias=True, exclude_none=True),
                            request=_Pending(op, located, params, None))
        request = self._client.prepare(op, located, params)
        return Prepared(function, account, method=op.method, url=request.full_url, body=request.body,
                        content=request.content, request=_Pending(op, located, params, request))

    def send(self, prepared: Prepared, ctx: CallContext) -> Any:
        pending: _Pending = prepared.request
        if pending.request is None:
            return self._client.call(pending.op, pending.account, pending.params, ctx)
        return self._client.send(pending.op, pending.account, pending.params, pending.request, ctx)

    def located(self, account: Account, ctx: CallContext) -> Account:
        """The account with region 'auto' replaced by its real region, asked of Track once and cached."""
        if account.region is not Region.AUTO or len(account.overrides) == len(Family):
            return account
        with self._regions_lock:
            region = self._regions.get(account.name)
        if region is None:
            from integrations.customerio.curated import GET_REGION, NoParams

            answer = self._client.call(GET_REGION, dataclasses.replace(account, region=Region.US), NoParams(), ctx)
            found = str(answer.get("region") or answer.get("data_center") or "") if isinstance(answer, dict) else ""
            region = Region.EU if found.lower() == "eu" else Region.US
            with self._regions_lock:
                self._regions[account.name] = region
        return dataclasses.replace(account, region=region)

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for account in self.accounts.values() for s in account.secrets())

    # -- what the bridge's policy needs ------------------------------------------------------
    def function_kind(self, function: str) -> str:
        return self.operations.kind(function)

    def call_kind(self, function: str, args: Any) -> tuple[str, str]:
        """The class of one call judged from its arguments, and why it was raised (see effects.py)."""
        return effects.classify(function, self.function_kind(function), args)

    def policy(self, account: str) -> Policy:
        return self.policies[account]

    def close(self) -> None:
        """Close pooled HTTP connections."""
        self._client.close()


@dataclass(frozen=True)
class _Pending:
    """What ``send`` needs of a prepared call: the operation, the located account, the validated
    arguments and the HTTP request (None for an operation that makes several requests)."""

    op: Operation
    account: Account
    params: Params
    request: HttpRequest | None


def _retry(setting: Any) -> RetryPolicy | None:
    """The retry policy with ``max_retries`` from the environment or TOML, or None for the default."""
    if setting is None or setting == "":
        return None
    try:
        retries = int(setting)
    except (TypeError, ValueError):
        retries = -1
    if retries < 0 or retries > 10 or isinstance(setting, bool | float):
        raise ConfigError(f"max_retries ({MAX_RETRIES_ENV}) must be a whole number from 0 to 10, got {setting!r}.")
    return RetryPolicy(max_retries=retries)


def _limiter(storage: Any) -> ratelimit.Limiter | None:
    """A limiter over a shared store (``redis://host:port``), or None for the in-process default."""
    if storage is None or storage == "":
        return None
    if not isinstance(storage, str) or "://" not in storage:
        raise ConfigError(f"The rate-limit storage must be a URI such as redis://host:6379 ({RATE_LIMIT_STORAGE_ENV} "
                          "or rate_limit_storage in [customerio]).")
    try:
        return ratelimit.StoreLimiter(storage)
    except ImportError:
        raise ConfigError("A shared rate-limit storage needs the `limits` package: "
                          "pip install 'lua-agent-bridge[shared-limits]'.") from None


def _pick_default(accounts: Mapping[str, Account], chosen: str | None) -> str | None:
    """The account `default` means; None when several are configured and none was chosen
    (then only named accounts work, and `default` fails with unknown_account)."""
    if chosen:
        if chosen not in accounts:
            raise ConfigError(f"The default account {chosen!r} is not configured; accounts: {', '.join(accounts)}.")
        return chosen
    if "default" in accounts:
        return "default"
    return next(iter(accounts)) if len(accounts) == 1 else None


def _policies(accounts: Mapping[str, Account], policy: Policy | Mapping[str, Policy] | None) -> dict[str, Policy]:
    if policy is None or isinstance(policy, Policy):
        return {name: policy or Policy() for name in accounts}
    unknown = sorted(set(policy) - set(accounts))
    if unknown:
        raise ConfigError(f"A policy names account(s) {', '.join(unknown)}, which are not configured; "
                          f"accounts: {', '.join(accounts)}.")
    return {name: policy.get(name) or Policy() for name in accounts}


def _configured(names: Sequence[str], common: Mapping[str, Any], own: Mapping[str, Mapping[str, Any]],
                where: str) -> dict[str, Policy]:
    """Per-account policies from settings for every account plus each account's own settings."""
    unknown = sorted(set(own) - set(names))
    if unknown:
        raise ConfigError(f"{where}: a policy is set for account(s) {', '.join(unknown)}, which are not "
                          f"configured; accounts: {', '.join(names)}.")
    base = Policy().updated(common, where)
    return {name: base.updated(own.get(name, {}), f"{where} (account {name!r})") for name in names}


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table of policy settings.")
    return value


def _emulated_keys(name: str) -> dict[str, str]:
    """The keys of emulated workspace ``name`` (each workspace its own)."""
    return {"site_id": f"{name}-site", "track_api_key": f"{name}-track-key", "app_api_key": f"{name}-app-key",
            "pipelines_api_key": f"{name}-pipelines-key"}


class _Emulators(Mapping[str, "Emulator"]):
    """Emulated workspaces by account name, each built (and the emulator imported) on first use."""

    def __init__(self, names: Sequence[str]) -> None:
        self._names = tuple(names)
        self._built: dict[str, Emulator] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Emulator:
        if name not in self._names:
            raise KeyError(name)
        with self._lock:
            if name not in self._built:
                from integrations.customerio.emulator import Credentials, Emulator

                self._built[name] = Emulator(credentials=Credentials(**_emulated_keys(name)))
            return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _HostRouter(httpx.BaseTransport):
    """In-process transport that sends ``http://NAME.customerio.emulator/...`` to emulator NAME."""

    def __init__(self, emulators: Mapping[str, Emulator]) -> None:
        self._emulators = {f"{name}.customerio.emulator": name for name in emulators}
        self._all = emulators
        self._transports: dict[str, httpx.BaseTransport] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        transport = self._transports.get(host)
        if transport is None:
            name = self._emulators.get(host)
            if name is None:
                return httpx.Response(502, json={"errors": [{"detail": "no emulated workspace at this host"}]})
            transport = self._transports.setdefault(host, self._all[name].transport())
        return transport.handle_request(request)
