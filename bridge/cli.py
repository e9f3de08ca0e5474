"""``luabridge``: run snippets, read the docs, serve an emulated workspace.

``luabridge run`` runs the snippet in a worker process (bridge.workers) so that a crash or a C call
no hook can stop ends only the worker; ``--in-process`` runs it in the CLI's own process instead.
Approval (``--approve``) and ``--audit`` work in both modes: the worker asks the CLI over its pipe.

Exit codes: 0 ok; 1 the snippet or one of its calls failed (message on stderr);
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bridge.audit import JsonLinesSink
from bridge.errors import BridgeError, ConfigError
from bridge.limits import Limits
from bridge.policy import KINDS, PlannedCall
from bridge.result import RunResult

if TYPE_CHECKING:
    from bridge.runtime import Runtime
    from bridge.workers import StartMethod

# bridge.runtime (lupa, pydantic, the integrations) is imported where a Runtime is built: `luabridge run`
# with a worker leaves that to the worker, so the CLI process does not pay it too.

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Commands of the bridge itself: for these, the integrations' own commands are not loaded.
_BUILT_IN = ("run", "mcp", "docs")
READ_ONLY_HELP = "refuse every write and destructive call before anything is sent (reads still run)"
ALLOW_HELP = ("allow a function (send_email) or a class (write, destructive) on every account, whatever the "
              "policy says; repeatable")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``luabridge`` console script."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(plugins=not argv or argv[0] not in _BUILT_IN)
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except (ConfigError, OSError, tomllib.TOMLDecodeError) as exc:
        print(f"luabridge: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _parser(plugins: bool = True) -> argparse.ArgumentParser:
    """The CLI's parser; ``plugins``: with the commands integrations add (loading them imports the integration)."""
    parser = argparse.ArgumentParser(prog="luabridge", description="Sandboxed Lua for agents that call SaaS APIs.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a Lua snippet (a file, or -e CODE)")
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="the .lua file to run ('-' for standard input)")
    source.add_argument("-e", dest="code", metavar="CODE", help="the Lua code to run")
    run.add_argument("--json", action="store_true", help="print the whole RunResult as JSON")
    run.add_argument("--account", metavar="NAME", help="the account that `default` means")
    run.add_argument("--config", metavar="FILE", type=Path, help="TOML file with accounts and limits")
    run.add_argument("--dry-run", action="store_true",
                     help="send reads; validate writes and print their planned requests instead of sending them")
    run.add_argument("--approve", action="store_true",
                     help="ask on the terminal before each call the policy marks 'ask' (without it they are denied)")
    run.add_argument("--audit", metavar="FILE", type=Path, help="append one JSON line per call to FILE")
    run.add_argument("--allow", metavar="FUNCTION|CLASS", action="append", default=[], help=ALLOW_HELP)
    run.add_argument("--in-process", action="store_true",
                     help="run the snippet in this process, not in a worker process that can be killed")
    run.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)
    run.set_defaults(handler=_run)
    from bridge.mcp_cli import add_mcp_command  # its own module: the mcp SDK is imported only to serve

    add_mcp_command(sub)
    docs = sub.add_parser("docs", help="print a documentation topic (no topic: list them)")
    docs.add_argument("topic", nargs="?")
    docs.set_defaults(handler=_docs)
    if plugins:  # importlib.metadata alone costs a built-in command a third of its start-up
        from bridge import plugins as installed

        for integration in installed.installed().values():
            integration.add_cli_commands(sub)
    return parser


def runtime_from_args(config: Path | None, account: str | None, read_only: bool = False,
                      allow: tuple[str, ...] = ()) -> Runtime:
    """The Runtime a CLI invocation asks for: a TOML file, or the environment."""
    runtime = CliRuntime(config, account, None, read_only, allow)()
    _notify(i.setup_notice() for i in runtime.integrations.values())
    return runtime


@dataclass(frozen=True)
class CliRuntime:
    """Builds the Runtime of a CLI invocation; picklable, so that a worker process can build it.

    ``environ`` None means ``os.environ``; the CLI hands its environment to workers this way
    (over the worker's pipe, never in argv).
    """

    config: Path | None
    account: str | None
    environ: Mapping[str, str] | None = None
    read_only: bool = False
    #: ``--allow``: functions or classes of call allowed for this run.
    allow: tuple[str, ...] = ()

    def __call__(self) -> Runtime:
        from bridge.runtime import Runtime

        runtime = from_config(self.config, self.environ) if self.config else Runtime.from_env(self.environ)
        runtime.read_only = self.read_only
        for integration in runtime.integrations.values():
            if self.account is not None:
                integration.use_default(self.account)
        _allow(runtime, self.allow)
        return runtime


def _allow(runtime: Runtime, names: Sequence[str]) -> None:
    """Apply ``--allow``: each name must be a class of call or a function some integration has."""
    for name in names:
        taken = [i.allow(name) for i in runtime.integrations.values()]
        if not any(taken):
            raise ConfigError(f"--allow {name}: not a class of call ({', '.join(KINDS)}) nor a function of "
                              "any integration.")


def from_config(path: Path, environ: Mapping[str, str] | None = None) -> Runtime:
    """A Runtime from a TOML file: ``[limits]`` and one table per integration (others from the environment)."""
    from bridge import plugins
    from bridge.runtime import Runtime

    table = tomllib.loads(path.read_text(encoding="utf-8"))
    limits = Limits.from_table(table.get("limits", {}), "[limits]")
    return Runtime(plugins.from_tables(table, environ), limits)


def _notify(notices: Any) -> None:
    for notice in notices:
        if notice:
            print(f"luabridge: {notice}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.code is not None:
        code, name = args.code, "-e"
    elif args.file == "-":
        code, name = sys.stdin.read(), "stdin"
    else:
        code, name = Path(args.file).read_text(encoding="utf-8"), Path(args.file).name
    result = _in_process(args, code, name) if args.in_process else _in_worker(args, code, name)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(terminal_safe(result.output))
        if result.value is not None:
            print(json.dumps(result.value, ensure_ascii=False, indent=2, sort_keys=True))
    if result.error is not None:
        print(f"error: {result.error.code}: {terminal_safe(result.error.message)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _in_process(args: argparse.Namespace, code: str, name: str) -> RunResult:
    runtime = CliRuntime(args.config, args.account, None, args.read_only, tuple(args.allow))()
    _notify(i.setup_notice() for i in runtime.integrations.values())
    runtime.audit = JsonLinesSink(args.audit) if args.audit else None
    runtime.approve = _prompt if args.approve else None
    return runtime.run(code, name=name, dry_run=args.dry_run)


def _in_worker(args: argparse.Namespace, code: str, name: str) -> RunResult:
    from bridge.workers import WorkerPool  # multiprocessing: only for runs in a worker

    config = args.config.resolve() if args.config else None  # the worker may start elsewhere
    factory = CliRuntime(config, args.account, dict(os.environ), args.read_only, tuple(args.allow))
    # One worker, forked straight from this process: a fork server would be one more interpreter (and
    # its resource tracker) importing everything the worker imports anyway. Only while this process is
    # single-threaded (as the command is; main() called by a threaded host is not): a fork copies locks.
    single = threading.active_count() == 1
    method: StartMethod = "fork" if single and sys.platform.startswith("linux") else "forkserver"
    with WorkerPool(factory, size=1, audit=JsonLinesSink(args.audit) if args.audit else None,
                    approve=_prompt if args.approve else None, start_method=method) as pool:
        _notify(pool.notices)
        return pool.run(code, name=name, dry_run=args.dry_run)


#: Control characters a terminal acts on (escape sequences, carriage return, C1): never printed raw.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` without the control characters a terminal would act on (newlines and tabs stay), so a
    snippet's print cannot move the cursor, recolour or retitle the user's terminal."""
    return _CONTROLS.sub("", text)


def _prompt(call: PlannedCall) -> bool:
    """Ask on the terminal whether one call may be sent; anything but y/yes (or no terminal) declines."""
    body = "" if call.body is None else "\n  " + json.dumps(call.body, ensure_ascii=False)
    target = f"{call.method} {call.url}" if call.method else "(several requests)"
    why = f", because {call.reason}" if call.reason else ""
    print(terminal_safe(f"luabridge: {call.integration}.{call.operation} ({call.kind}{why}) on account "
                        f"'{call.account}' wants to send:\n  {target}{body}"), file=sys.stderr)
    if not sys.stdin.isatty():
        print("luabridge: no terminal to ask on; declined.", file=sys.stderr)
        return False
    print("Allow it? [y/N] ", end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _docs(args: argparse.Namespace) -> int:
    from bridge.docs import installed_docs

    docs = installed_docs()
    if args.topic is None:
        print("\n".join(docs.topics))
        return EXIT_OK
    try:
        sys.stdout.write(docs.read(args.topic))
    except BridgeError as exc:
        print(f"luabridge: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
