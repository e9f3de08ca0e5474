"""Property-based run of schemathesis against the emulator, for each of the three specs.

Checks: no server error (ST101), every answer valid against the spec (ST108), every request that
breaks the spec refused (ST201), and a JSON 405 for methods an endpoint lacks. The one allowlist is
``integrations/customerio/emulator/spec_defects.json``: a failure passes only when an entry names its
operation and check, with the spec defect as its reason.

Bounded for CI: ``EMULATOR_FUZZ_EXAMPLES`` examples per operation (default 2). The longer run:

    EMULATOR_FUZZ_EXAMPLES=100 pytest tests/test_emulator_schemathesis.py   # about 15-20 minutes
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from integrations.customerio.emulator import Emulator, serve
from integrations.customerio.emulator.catalog import by_name, operations

pytest.importorskip("schemathesis", reason="schemathesis (a dev dependency) is not installed")

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "customerio-openapi"
EXAMPLES = int(os.environ.get("EMULATOR_FUZZ_EXAMPLES", "2"))
CHECKS = "not_a_server_error,response_schema_conformance,negative_data_rejection,unsupported_method"
CODES = {"ST101": "not_a_server_error", "ST108": "response_schema_conformance", "ST201": "negative_data_rejection",
         "ST204": "unsupported_method"}
#: Per spec: its family prefix in operation names, the path under the server root, and the auth.
FAMILIES = {
    "track": ("track", "", ["-a", "emulator-site:emulator-track-key"]),
    "pipelines": ("cdp", "/cdp", ["-a", "emulator-pipelines-key:", "-H", "X-Strict-Mode: 1"]),
    "app": ("app", "", ["-H", "Authorization: Bearer emulator-app-key"]),
}
RUNNER = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"


def run_schemathesis(spec: str, url: str, report_dir: Path) -> ET.Element:
    """One bounded schemathesis run; the JUnit report's root."""
    _, prefix, auth = FAMILIES[spec]
    command = [sys.executable, "-c", RUNNER, "run", str(SPEC_DIR / f"{spec}.json"), "--url", url + prefix, *auth,
               "-c", CHECKS, "--max-examples", str(EXAMPLES), "--phases", "examples,coverage,fuzzing", "-w", "1",
               "--seed", "1", "--report", "junit", "--report-dir", str(report_dir), "--no-color",
               "--suppress-health-check", "all"]  # generation health, not the emulator's
    finished = subprocess.run(command, capture_output=True, text=True, timeout=1200, check=False, cwd=report_dir)
    reports = sorted(report_dir.glob("junit-*.xml"))
    assert reports, f"schemathesis wrote no report:\n{finished.stdout[-3000:]}\n{finished.stderr[-3000:]}"
    return ET.parse(reports[-1]).getroot()


def operation_names(family: str) -> dict[str, str]:
    """``"POST /v1/send/email"`` -> ``"app.sendEmail"`` for one family."""
    return {f"{op.method} {op.path_template}": op.name for op in operations() if op.family.value == family}


def problems(root: ET.Element) -> list[tuple[str, str, str]]:
    """(test case name, check, text) for every failure and error in a JUnit report."""
    found = []
    for case in root.iter("testcase"):
        for outcome in [*case.findall("failure"), *case.findall("error")]:
            text = (outcome.text or "") + " " + outcome.get("message", "")
            codes = set(re.findall(r"\bST\d{3}\b", text)) or {"generation" if "Cannot generate" in text else "error"}
            found += [(case.get("name", ""), CODES.get(code, code), text[:600]) for code in sorted(codes)]
    return found


def allowed(name: str, check: str) -> bool:
    """Whether a spec_defects.json entry that applies to operation ``name`` (changed its schema, or
    describes its answers) lists ``check`` (factgen records them per operation as excused_checks)."""
    operation = by_name().get(name)
    return operation is not None and check in operation.excused_checks


@pytest.mark.slow
@pytest.mark.parametrize("spec", sorted(FAMILIES))
def test_schemathesis_finds_nothing_outside_the_allowlist(spec: str, tmp_path: Path) -> None:
    if not SPEC_DIR.is_dir():
        pytest.skip(f"Customer.io OpenAPI specs not found at {SPEC_DIR}; the property-based run needs them")
    with serve(Emulator()) as server:
        root = run_schemathesis(spec, server.url, tmp_path)
    names = operation_names(FAMILIES[spec][0])
    unexplained = [(case, check, text) for case, check, text in problems(root)
                   if not allowed(names.get(case.removeprefix("/cdp"), case), check)]
    assert int(root.get("tests", "0")) > 0
    assert unexplained == [], json.dumps(unexplained, indent=1)[:6000]
