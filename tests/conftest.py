"""Shared fixtures: an emulated runtime, and where the shared Customer.io specs live."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bridge import Runtime
from integrations.customerio import CustomerIO

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO.parent / "shared" / "customerio-openapi"
SEEDS = REPO.parent / "shared" / "seeds"


def need(path: Path, what: str) -> Path:
    """Skip the test, with the reason, when a shared input is absent."""
    if not path.exists():
        pytest.skip(f"{what} not found at {path}")
    return path


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record at DEBUG, the HTTP libraries' included (secret scans read them)."""
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "bridge", "integrations"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.fixture
def customerio() -> CustomerIO:
    """Three in-process emulated accounts: default, production, staging."""
    return CustomerIO.emulated()


@pytest.fixture
def runtime(customerio: CustomerIO) -> Runtime:
    return Runtime([customerio])
