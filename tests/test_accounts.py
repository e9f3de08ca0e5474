"""Accounts from the environment and from TOML: names, keys, region, URL overrides, the default account."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import Runtime
from bridge.cli import main
from bridge.errors import ConfigError
from integrations.customerio import CustomerIO, Family, Region
from tests.cio_support import NS, Served, failed_with, served, succeeded

KEYS = {"CUSTOMERIO_SITE_ID": "site-1", "CUSTOMERIO_TRACK_API_KEY": "track-1",
        "CUSTOMERIO_APP_API_KEY": "app-1"}
PRODUCTION = {"CUSTOMERIO_PRODUCTION_SITE_ID": "site-p", "CUSTOMERIO_PRODUCTION_TRACK_API_KEY": "track-p",
              "CUSTOMERIO_PRODUCTION_APP_API_KEY": "app-p"}
STAGING = {"CUSTOMERIO_STAGING_APP_API_KEY": "app-s"}


def secret(value: object) -> str | None:
    get = getattr(value, "get_secret_value", None)
    return get() if get else None


@pytest.fixture
def site() -> Iterator[Served]:
    with served("default") as s:
        yield s


def env_for(site: Served, prefix: str = "CUSTOMERIO_") -> dict[str, str]:
    """Environment variables pointing an account at a served emulator."""
    creds, urls = site.credentials, site.server.base_urls()
    return {f"{prefix}SITE_ID": creds.site_id, f"{prefix}TRACK_API_KEY": creds.track_api_key,
            f"{prefix}APP_API_KEY": creds.app_api_key, f"{prefix}TRACK_URL": urls["track"],
            f"{prefix}APP_URL": urls["app"], f"{prefix}PIPELINES_URL": urls["pipelines"]}


# ------------------------------------------------------------------------------- environment


def test_unprefixed_variables_make_the_default_account() -> None:
    cio = CustomerIO.from_env({**KEYS, "CUSTOMERIO_PIPELINES_API_KEY": "pipe-1",
                               "CUSTOMERIO_EMAIL": "me@x.io", "CUSTOMERIO_TIMEOUT": "2.5"})

    assert list(cio.accounts) == ["default"] and not cio.emulated_mode
    account = cio.accounts["default"]
    assert account.site_id == "site-1"
    keys = (account.track_api_key, account.app_api_key, account.pipelines_api_key)
    assert [secret(k) for k in keys] == ["track-1", "app-1", "pipe-1"]
    assert (account.email, account.timeout, account.region) == ("me@x.io", 2.5, Region.US)
    assert account.base_url(Family.TRACK) == "https://track.customer.io"
    assert account.base_url(Family.APP) == "https://api.customer.io"


def test_prefixed_variables_make_named_accounts() -> None:
    cio = CustomerIO.from_env({**KEYS, **PRODUCTION, **STAGING})

    assert sorted(cio.accounts) == ["default", "production", "staging"]
    production = cio.accounts["production"]
    assert (production.site_id, secret(production.track_api_key), secret(production.app_api_key)) == (
        "site-p", "track-p", "app-p")
    assert secret(cio.accounts["staging"].app_api_key) == "app-s"
    assert cio.accounts["staging"].track_api_key is None
    assert cio.resolve_account("default") == "default"


def test_region_eu_picks_the_eu_hosts() -> None:
    cio = CustomerIO.from_env({**KEYS, "CUSTOMERIO_REGION": "eu", **PRODUCTION})

    eu, us = cio.accounts["default"], cio.accounts["production"]
    assert eu.region is Region.EU and us.region is Region.US
    assert (eu.base_url(Family.TRACK), eu.base_url(Family.APP)) == (
        "https://track-eu.customer.io", "https://api-eu.customer.io")


def test_url_overrides_send_calls_to_the_emulator(site: Served) -> None:
    env = env_for(site)
    env["CUSTOMERIO_APP_URL"] += "/"  # a trailing slash must not double up
    cio = CustomerIO.from_env(env)
    try:
        result = Runtime([cio]).run(f'{NS}.identify_customer{{id = "env-user"}} '
                                    f"return #{NS}.list_segments{{}}.segments")
    finally:
        cio.close()

    assert succeeded(result) == len(site.emulator.workspace.segments)
    assert [(r.method, r.path, r.status) for r in site.requests] == [
        ("PUT", "/track/api/v1/customers/env-user", 200), ("GET", "/app/v1/segments", 200)]


def test_a_named_account_from_the_environment_reaches_its_emulator(site: Served) -> None:
    cio = CustomerIO.from_env({**KEYS, **env_for(site, "CUSTOMERIO_PRODUCTION_")})
    try:
        result = Runtime([cio]).run(f"return {NS}.production.get_campaign{{id = 42}}.name")
    finally:
        cio.close()

    assert succeeded(result) == "Welcome Series"
    assert [c.account for c in result.calls] == ["production"]
    assert site.requests[0].headers["authorization"] == f"Bearer {site.credentials.app_api_key}"


def test_default_account_variable_picks_a_named_account() -> None:
    cio = CustomerIO.from_env({**PRODUCTION, **STAGING, "CUSTOMERIO_DEFAULT_ACCOUNT": "staging"})

    assert sorted(cio.accounts) == ["production", "staging"]
    assert cio.resolve_account("default") == "staging"


def test_a_single_named_account_is_the_default() -> None:
    cio = CustomerIO.from_env(PRODUCTION)

    assert cio.resolve_account("default") == "production"


@pytest.mark.parametrize("env", [
    pytest.param({**PRODUCTION, "CUSTOMERIO_DEFAULT_ACCOUNT": "staging"},
                 id="default-names-a-missing-account"),
    pytest.param({**KEYS, "CUSTOMERIO_REGION": "mars"}, id="bad-region"),
    pytest.param({**KEYS, "CUSTOMERIO_REGION": "EU"}, id="upper-case-region"),
    pytest.param({"CUSTOMERIO_PROD-EU_APP_API_KEY": "k"}, id="name-with-dash"),
    pytest.param({"CUSTOMERIO_1ST_APP_API_KEY": "k"}, id="name-starting-with-digit"),
    pytest.param({"CUSTOMERIO_LIST_SEGMENTS_APP_API_KEY": "k", **KEYS}, id="name-of-a-function"),
    pytest.param({**KEYS, "CUSTOMERIO_TIMEOUT": "soon"}, id="timeout-not-a-number"),
    pytest.param({**KEYS, "CUSTOMERIO_TIMEOUT": "0"}, id="timeout-zero"),
])
def test_bad_environments_are_config_errors(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        CustomerIO.from_env(env)


@pytest.mark.parametrize("env", [
    pytest.param({}, id="empty"),
    pytest.param({"HOME": "/root", "APP_API_KEY": "not-ours"}, id="unrelated-variables"),
    pytest.param({"CUSTOMERIO_APP_API_KEY": "", "CUSTOMERIO_SITE_ID": ""}, id="empty-values"),
])
def test_no_credentials_means_the_emulated_workspace(env: dict[str, str]) -> None:
    cio = CustomerIO.from_env(env)

    assert cio.emulated_mode
    assert cio.setup_notice() is not None
    assert sorted(cio.accounts) == ["default", "production", "staging"]
    assert Runtime([cio]).run(f"return {NS}.get_campaign{{id = 42}}.name").value == "Welcome Series"


def test_credentials_mean_no_emulation() -> None:
    cio = CustomerIO.from_env(KEYS)

    assert not cio.emulated_mode and cio.setup_notice() is None


def test_an_account_without_an_app_key_fails_app_calls_only(site: Served) -> None:
    env = {k: v for k, v in env_for(site).items() if k != "CUSTOMERIO_APP_API_KEY"}
    cio = CustomerIO.from_env(env)
    try:
        rt = Runtime([cio])
        read = rt.run(f"return {NS}.list_segments{{}}")
        write = rt.run(f'return {NS}.identify_customer{{id = "u"}}')
    finally:
        cio.close()

    failed_with(read, "missing_credentials")
    succeeded(write)
    assert [r.path for r in site.requests] == ["/track/api/v1/customers/u"]


# -------------------------------------------------------------------------------------- TOML

TOML = """
[customerio]
default_account = "production"

[customerio.accounts.production]
site_id = "site-p"
track_api_key = "track-p"
app_api_key = "app-p"

[customerio.accounts.staging]
app_api_key = "app-s"
region = "eu"
app_url = "http://localhost:9999/app"
timeout = 3
"""


def test_accounts_from_a_toml_table() -> None:
    cio = CustomerIO.from_config(tomllib.loads(TOML)["customerio"])

    assert sorted(cio.accounts) == ["production", "staging"]
    assert cio.resolve_account("default") == "production"
    staging = cio.accounts["staging"]
    assert (staging.region, staging.timeout, secret(staging.app_api_key)) == (Region.EU, 3.0, "app-s")
    assert staging.base_url(Family.APP) == "http://localhost:9999/app"
    assert staging.base_url(Family.TRACK) == "https://track-eu.customer.io"


def with_account(settings: str, *, name: str = "default", top: str = "") -> str:
    return f"[customerio]\n{top}\n[customerio.accounts.{name}]\n{settings}\n"


TWO_ACCOUNTS = """
[customerio.accounts.alpha]
app_api_key = "k"
[customerio.accounts.beta]
app_api_key = "k"
"""


@pytest.mark.parametrize("text", [
    pytest.param(with_account('app_api_key = "k"\nregion = "apac"'), id="bad-region"),
    pytest.param(with_account('app_api_key = "k"', name="Production"), id="upper-case-name"),
    pytest.param(with_account('app_api_key = "k"', name='"my-account"'), id="name-with-dash"),
    pytest.param(with_account('app_api_key = "k"', name="get_campaign"), id="name-of-a-function"),
    pytest.param(with_account('api_key = "k"'), id="unknown-setting"),
    pytest.param(with_account('app_api_key = "k"\ntimeout = -1'), id="negative-timeout"),
    pytest.param(with_account('app_api_key = "k"\ntimeout = "soon"'), id="timeout-not-a-number"),
    pytest.param(with_account('app_api_key = "k"', top='default_account = "nope"'),
                 id="default-not-configured"),
    pytest.param("[customerio]\n", id="no-accounts"),
    pytest.param("[customerio.accounts]\n", id="empty-accounts"),
])
def test_bad_toml_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError):
        CustomerIO.from_config(tomllib.loads(text)["customerio"])


@pytest.mark.parametrize("settings", [
    pytest.param('site_id = "s"\ntrack_api_key = 12345', id="numeric-key"),
    pytest.param('app_api_key = "k"\ntimeout = [1]', id="timeout-is-a-list"),
])
def test_toml_values_of_the_wrong_type_are_config_errors(settings: str) -> None:
    with pytest.raises(ConfigError):
        CustomerIO.from_config(tomllib.loads(with_account(settings))["customerio"])


def cli_config(site: Served, tmp_path: Path, top: str) -> Path:
    """A config file with a working `staging` account and a `production` one whose key is wrong."""
    creds, urls = site.credentials, site.server.base_urls()
    config = tmp_path / "luabridge.toml"
    config.write_text(f"""
[customerio]
{top}
[customerio.accounts.staging]
app_api_key = "{creds.app_api_key}"
app_url = "{urls["app"]}"

[customerio.accounts.production]
app_api_key = "wrong-key"
app_url = "{urls["app"]}"
""", encoding="utf-8")
    return config


@pytest.mark.parametrize("top", [
    pytest.param('default_account = "production"', id="overriding-default_account"),
    pytest.param("", id="without-default_account"),
])
def test_the_cli_account_flag_picks_the_default_account_of_a_config_file(
    site: Served, tmp_path: Path, capsys: pytest.CaptureFixture[str], top: str
) -> None:
    config = cli_config(site, tmp_path, top)

    code = main(["run", "--config", str(config), "--account", "staging", "-e",
                 f"return {NS}.get_campaign{{id = 42}}.name"])

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert '"Welcome Series"' in captured.out
    assert [(r.path, r.headers["authorization"]) for r in site.requests] == [
        ("/app/v1/campaigns/42", f"Bearer {site.credentials.app_api_key}")]


def test_several_named_accounts_without_a_default_leave_only_named_namespaces() -> None:
    rt = Runtime([CustomerIO.from_env({**PRODUCTION, **STAGING})])
    unnamed = rt.run("return app.integrations.customerio.list_segments({})")
    assert unnamed.error is not None and unnamed.error.code == "unknown_account"
    assert "none is the default" in unnamed.error.message
