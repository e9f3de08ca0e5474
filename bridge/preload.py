"""What the worker pool's fork server imports before it forks any worker (bridge.workers).

The bridge and every installed integration, so that each worker starts with them imported
instead of importing them itself, and the process that starts the pool (``luabridge run``)
imports neither, nor ``importlib.metadata`` to find them: the imports are paid once, here.
"""

from __future__ import annotations

import logging

import bridge.runtime  # noqa: F401  (imported for the workers)
from bridge import plugins

try:
    plugins.installed()
except Exception:  # the worker's factory meets the same error and reports it to the host
    logging.getLogger("bridge.workers").debug("could not preload the integrations", exc_info=True)
