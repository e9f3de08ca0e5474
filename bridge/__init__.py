"""lua-agent-bridge: a sandboxed Lua 5.4 runtime in which agents call SaaS APIs.

    from bridge import Runtime
    result = Runtime.from_env().run('return app.integrations.customerio.list_segments({})')

    # the same in worker processes the host can kill (crashes and overruns end only a worker)
    with WorkerPool(RuntimeFactory(), size=4) as pool:       # RuntimeFactory is in bridge.workers
        result = pool.run('return app.integrations.customerio.list_segments({})')
"""

from bridge.docs import Docs
from bridge.errors import BridgeError, CallError, ConfigError, ErrorCode
from bridge.integration import CallContext, Integration
from bridge.limits import Limits
from bridge.result import CallRecord, RunError, RunResult
from bridge.runtime import Runtime
from bridge.workers import WorkerPool

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
