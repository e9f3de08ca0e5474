"""``luabridge mcp``: its arguments, and how they become a served Runner.

By default each snippet runs in a ``WorkerPool`` (``--workers`` processes): a snippet that hangs
or crashes its worker ends with ``timeout`` or ``sandbox_crashed``, the worker is replaced and the
server keeps serving. ``--in-process`` runs snippets in the server's own process instead.
``--http [HOST:]PORT`` serves Streamable HTTP at ``http://HOST:PORT/mcp`` (HOST defaults to
127.0.0.1) instead of stdio; every request needs ``Authorization: Bearer <token>``, the token
coming from ``LUABRIDGE_MCP_TOKEN`` or ``--token-file``. Bound beyond loopback, the server refuses
to start without one; on loopback without one it makes a token for the session and prints it.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from bridge.audit import JsonLinesSink
from bridge.errors import ConfigError

#: The environment variable holding the bearer token of ``luabridge mcp --http``.
TOKEN_VARIABLE = "LUABRIDGE_MCP_TOKEN"
DEFAULT_WORKERS = 2


def add_mcp_command(sub: Any) -> None:
    """Add ``luabridge mcp`` to the CLI's subcommands."""
    from bridge.cli import ALLOW_HELP, READ_ONLY_HELP

    mcp = sub.add_parser("mcp", help="serve run_lua and the docs as MCP tools (stdio, or --http)")
    mcp.add_argument("--account", metavar="NAME", help="the account that `default` means")
    mcp.add_argument("--config", metavar="FILE", type=Path, help="TOML file with accounts and limits")
    mcp.add_argument("--audit", metavar="FILE", type=Path, help="append one JSON line per call to FILE")
    mcp.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)
    mcp.add_argument("--allow", metavar="FUNCTION|CLASS", action="append", default=[], help=ALLOW_HELP)
    mcp.add_argument("--in-process", action="store_true",
                     help="run snippets in the server's process, not in worker processes that can be killed")
    mcp.add_argument("--workers", metavar="N", type=int, default=DEFAULT_WORKERS,
                     help=f"worker processes, i.e. snippets run at once (default {DEFAULT_WORKERS})")
    mcp.add_argument("--http", metavar="[HOST:]PORT",
                     help="serve Streamable HTTP at http://HOST:PORT/mcp (HOST defaults to 127.0.0.1)")
    mcp.add_argument("--token-file", metavar="FILE", type=Path,
                     help=f"file holding the bearer token HTTP clients must send (else ${TOKEN_VARIABLE})")
    mcp.set_defaults(handler=run_mcp)


def run_mcp(args: argparse.Namespace) -> int:
    """Serve until the client goes away (stdio) or the process is stopped (HTTP)."""
    from bridge import mcp_server  # the mcp SDK is only needed for this command
    from bridge.cli import EXIT_OK
    from bridge.docs import installed_docs  # every `luabridge` command builds this parser: import when serving
    from bridge.mcp_approvals import approve_through_client

    address = parse_address(args.http) if args.http else None
    token = bearer_token(args.token_file, os.environ, address[0]) if address else ""
    audit = JsonLinesSink(args.audit) if args.audit else None

    def serve(runner: mcp_server.Runner) -> None:
        if address is None:
            mcp_server.serve(runner, installed_docs())
            return
        print(f"luabridge: serving MCP at http://{_url_host(address[0])}:{address[1]}/mcp", file=sys.stderr)
        mcp_server.serve_http(runner, installed_docs(), address[0], address[1], token)

    if args.in_process:
        serve(_in_process_runtime(args, audit, approve_through_client))
    else:
        with _pool(args, audit, approve_through_client) as pool:
            serve(pool)
    return EXIT_OK


def _in_process_runtime(args: argparse.Namespace, audit: JsonLinesSink | None, approve: Any) -> Any:
    from bridge.cli import runtime_from_args

    runtime = runtime_from_args(args.config, args.account, args.read_only, tuple(args.allow))
    runtime.audit, runtime.approve = audit, approve
    return runtime


def _pool(args: argparse.Namespace, audit: JsonLinesSink | None, approve: Any) -> Any:
    from bridge.cli import CliRuntime, _notify
    from bridge.workers import WorkerPool

    if args.workers < 1:
        raise ConfigError("--workers must be at least 1.")
    config = args.config.resolve() if args.config else None
    factory = CliRuntime(config, args.account, dict(os.environ), args.read_only, tuple(args.allow))
    pool = WorkerPool(factory, size=args.workers, audit=audit, approve=approve)
    _notify(pool.notices)
    return pool


def parse_address(text: str) -> tuple[str, int]:
    """``[HOST:]PORT`` (``[::1]:8000`` for IPv6) as (host, port); the host defaults to 127.0.0.1."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ConfigError(f"--http {text}: expected [HOST:]PORT, such as 127.0.0.1:8000 or 8000.")
    return host, int(port)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (localhost, 127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bearer_token(path: Path | None, environ: Any, host: str) -> str:
    """The token HTTP clients must send: from ``path`` or the environment; on loopback, made if missing."""
    token = path.read_text(encoding="utf-8").strip() if path else environ.get(TOKEN_VARIABLE, "").strip()
    if path and not token:
        raise ConfigError(f"--token-file {path} is empty.")
    if token:
        return str(token)
    if not is_loopback(host):
        raise ConfigError(f"luabridge mcp --http on {host} would serve beyond this machine, so it needs a bearer "
                          f"token: set {TOKEN_VARIABLE} or pass --token-file FILE.")
    token = secrets.token_urlsafe(32)
    print(f"luabridge: no {TOKEN_VARIABLE} or --token-file given; clients must send "
          f"'Authorization: Bearer {token}' (made for this session)", file=sys.stderr)
    return token


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
