"""A stateful emulation of a Customer.io workspace behind its Track, App and Pipelines HTTP APIs.

Used in process as an httpx transport when no real credentials are configured, and over loopback
HTTP for end-to-end tests. URLs carry the family as their first path segment (``/track``,
``/app``, ``/cdp``) followed by the path Customer.io's OpenAPI spec gives for that family.

    emulator = Emulator()                       # the "Acme Demo" sample workspace
    client = httpx.Client(transport=emulator.transport(), base_url="http://customerio.emulator")
    with serve(emulator) as server:             # or over real HTTP
        urls = server.base_urls()               # {"track": ..., "app": ..., "pipelines": ...}
    emulator.faults.add(Fault.rate_limited(retry_after=2, operation="app.sendEmail"))
    emulator.processed["app.sendEmail"]         # requests the workspace accepted, per operation
"""

from .auth import Credentials
from .emulator import ConnectionDropped, Emulator, RecordedRequest
from .families import Family
from .faults import Fault, FaultKind, Faults
from .routes import ROUTES, Route
from .sample import sample_workspace
from .server import EmulatorServer, serve
from .workspace import Event, Person, Workspace

__all__ = [
    "ROUTES",
    "ConnectionDropped",
    "Credentials",
    "Emulator",
    "EmulatorServer",
    "Event",
    "Family",
    "Fault",
    "FaultKind",
    "Faults",
    "Person",
    "RecordedRequest",
    "Route",
    "Workspace",
    "sample_workspace",
    "serve",
]
