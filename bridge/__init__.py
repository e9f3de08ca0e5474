"""lua-agent-bridge: a sandboxed Lua 5.4 runtime in which agents call SaaS APIs.

    from bridge import Runtime
    result = Runtime.from_env().run('return app.integrations.customerio.list_segments({})')

    # the same in worker processes the host can kill (crashes and overruns end only a worker)
    with WorkerPool(RuntimeFactory(), size=4) as pool:       # RuntimeFactory is in bridge.workers
        result = pool.run('return app.integrations.customerio.list_segments({})')
"""

from typing import TYPE_CHECKING, Any

from bridge.errors import BridgeError, CallError, ConfigError, ErrorCode
from bridge.integration import CallContext, Integration
from bridge.limits import Limits
from bridge.result import CallRecord, RunError, RunResult

if TYPE_CHECKING:
    from bridge.docs import Docs
    from bridge.runtime import Runtime
    from bridge.workers import WorkerPool

#: Imported on first use: a command that only starts a worker needs neither lupa nor pydantic here.
_LAZY = {"Docs": "bridge.docs", "Runtime": "bridge.runtime", "WorkerPool": "bridge.workers"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bridge' has no attribute {name!r}")

__all__ = [
    "BridgeError",
    "CallContext",
    "CallError",
    "CallRecord",
    "ConfigError",
    "Docs",
    "ErrorCode",
    "Integration",
    "Limits",
    "RunError",
    "RunResult",
    "Runtime",
    "WorkerPool",
]
