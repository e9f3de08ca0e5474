"""``luabridge emulator``: serve an emulated Customer.io workspace over HTTP on loopback."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: every `luabridge` command builds this parser
    from integrations.customerio.emulator import Credentials

_FLAGS = (("site_id", "CUSTOMERIO_SITE_ID"), ("track_api_key", "CUSTOMERIO_TRACK_API_KEY"),
          ("app_api_key", "CUSTOMERIO_APP_API_KEY"), ("pipelines_api_key", "CUSTOMERIO_PIPELINES_API_KEY"))


def add_commands(sub: Any) -> None:
    """Register ``luabridge emulator`` on the CLI's subparsers."""
    parser = sub.add_parser("emulator", help="serve an emulated Customer.io workspace on loopback")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    parser.add_argument("--region", choices=("us", "eu"), default=os.environ.get("CUSTOMERIO_REGION", "us"))
    for name, env in _FLAGS:
        parser.add_argument("--" + name.replace("_", "-"), dest=name, metavar="VALUE",
                            help=f"the accepted {name} (default: ${env}, else an emulator value)")
    parser.set_defaults(handler=run_emulator)


def credentials_from(args: argparse.Namespace) -> Credentials:
    """Credentials from the flags, then the environment, then the emulator's defaults."""
    from integrations.customerio.emulator import Credentials

    defaults = Credentials()
    values = {name: getattr(args, name) or os.environ.get(env) or getattr(defaults, name) for name, env in _FLAGS}
    return Credentials(**values)


def sdk_lines(sdk: dict[str, str], credentials: Credentials) -> list[str]:
    """Comment lines telling how Customer.io's official SDKs reach the emulator unchanged."""
    track = f"CustomerIO(site_id, api_key, host=\"{sdk['track_host']}\", port={sdk['track_port']})"
    return [
        "# Official SDKs, unchanged (the Track SDK always uses https: trust the emulator's loopback certificate):",
        f"#   customerio (Track):   {track}  with REQUESTS_CA_BUNDLE={sdk['ca_bundle']}",
        f"#   customerio (App):     APIClient(app_api_key, url=\"{sdk['app_url']}\")",
        f"#   customerio-cdp-analytics (Pipelines): analytics.host = \"{sdk['pipelines_host']}\"",
        f"#   (the Pipelines key is {credentials.pipelines_api_key!r}; an sk_/pk_ key is also sent as Bearer)",
    ]


def run_emulator(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Serve until interrupted (or until ``stop`` is set), after printing the client's environment."""
    from integrations.customerio.emulator import Emulator, serve

    credentials = credentials_from(args)
    with serve(Emulator(credentials=credentials, region=args.region), args.host, args.port) as server:
        urls = server.base_urls()
        lines = {
            "CUSTOMERIO_SITE_ID": credentials.site_id, "CUSTOMERIO_TRACK_API_KEY": credentials.track_api_key,
            "CUSTOMERIO_APP_API_KEY": credentials.app_api_key,
            "CUSTOMERIO_PIPELINES_API_KEY": credentials.pipelines_api_key, "CUSTOMERIO_REGION": args.region,
            "CUSTOMERIO_TRACK_URL": urls["track"], "CUSTOMERIO_APP_URL": urls["app"],
            "CUSTOMERIO_PIPELINES_URL": urls["pipelines"],
        }
        print("# An emulated Customer.io workspace is listening. Point a client at it with:")
        print("\n".join(f"export {key}={value}" for key, value in lines.items()))
        print("\n".join(sdk_lines(server.sdk_settings(), credentials)), flush=True)
        print(f"# Serving on {server.url}; press Ctrl-C to stop.", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()
    return 0
