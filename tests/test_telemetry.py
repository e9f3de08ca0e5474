"""OpenTelemetry: a span per run and per call, children of the host's current span, holding no secret."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from bridge import telemetry
from bridge.workers import RuntimeFactory, WorkerPool
from integrations.customerio.emulator import Credentials
from tests.cio_support import NS, Served, runtime_for, served

CANARIES = Credentials(site_id="site-canary-otel-1", track_api_key="trk-canary-otel-2",
                       app_api_key="app-canary-otel-3", pipelines_api_key="pipe-canary-otel-4")
EMAIL = "otel.person@example.com"
SNIPPET = f'''
-- arguments holding a key are refused (validation_error), and recorded with the key scrubbed
pcall({NS}.identify_customer, {{id = "otel-1", email = "{EMAIL}", attributes = {{note = "{CANARIES.app_api_key}"}}}})
local ok, err = pcall({NS}.get_campaign, {{id = 999999}})
return #{NS}.list_segments({{}}).segments
'''


@pytest.fixture(scope="module")
def sdk() -> tuple[TracerProvider, InMemorySpanExporter]:
    provider, memory = TracerProvider(), InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    return provider, memory


@pytest.fixture
def spans(sdk: tuple[TracerProvider, InMemorySpanExporter],
          monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """Spans recorded in memory while the test runs, as if the host had installed the SDK's provider
    (patched in for the test only, so that other tests run untraced)."""
    provider, memory = sdk
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: provider)
    memory.clear()
    yield memory


def by_name(finished: tuple[ReadableSpan, ...]) -> dict[str, ReadableSpan]:
    return {span.name: span for span in finished}


def assert_no_secret(finished: tuple[ReadableSpan, ...]) -> None:
    text = "".join(span.to_json() for span in finished)
    for value in (CANARIES.site_id, CANARIES.track_api_key, CANARIES.app_api_key, CANARIES.pipelines_api_key, EMAIL):
        assert value not in text


def check_trace(finished: tuple[ReadableSpan, ...], host: ReadableSpan) -> None:
    named = by_name(finished)
    run = named["luabridge.run"]
    assert run.parent is not None and run.parent.span_id == host.context.span_id
    assert run.attributes is not None and run.attributes["luabridge.run.outcome"] == "ok"
    assert run.attributes["luabridge.run.calls"] == 3 and run.attributes["luabridge.dry_run"] is False
    calls = [named[f"luabridge.call customerio.{op}"] for op in ("identify_customer", "get_campaign", "list_segments")]
    for span in calls:
        assert span.parent is not None and span.parent.span_id == run.context.span_id
        assert span.attributes is not None and span.attributes["luabridge.run_id"] == run.attributes["luabridge.run_id"]
        assert span.start_time is not None and run.start_time is not None and span.start_time >= run.start_time
    identify, missing, segments = (dict(span.attributes or {}) for span in calls)
    params = json.loads(identify.pop("luabridge.call.params"))
    assert params["email"].startswith("sha256:") and params["attributes"]["note"] == "[redacted]"
    assert identify == {
        "luabridge.integration": "customerio", "luabridge.operation": "identify_customer",
        "luabridge.account": "default", "luabridge.call.class": "write", "luabridge.call.outcome": "error",
        "error.type": "validation_error", "luabridge.call.attempts": 0,
        "luabridge.run_id": run.attributes["luabridge.run_id"], "luabridge.dry_run": False,
    }
    assert missing["luabridge.call.outcome"] == "error" and missing["error.type"] == "not_found"
    assert missing["http.response.status_code"] == 404 and missing["luabridge.call.class"] == "read"
    assert calls[1].status.status_code is trace.StatusCode.ERROR
    assert segments["luabridge.call.outcome"] == "ok" and segments["luabridge.call.attempts"] == 1
    assert_no_secret(finished)


def test_an_in_process_run_is_traced_under_the_host_span(spans: InMemorySpanExporter) -> None:
    tracer = trace.get_tracer("host")
    with served(credentials=CANARIES) as workspace, runtime_for(workspace.account()) as runtime:
        with tracer.start_as_current_span("agent step") as host:
            assert runtime.run(SNIPPET).ok
        failed = runtime.run("error('boom')")
    finished = spans.get_finished_spans()
    check_trace(finished[:-1], host)  # type: ignore[arg-type]
    last = finished[-1]
    assert last.name == "luabridge.run" and last.parent is None
    assert last.attributes is not None and last.attributes["error.type"] == "runtime_error" == failed.error.code  # type: ignore[union-attr]
    assert last.status.status_code is trace.StatusCode.ERROR


def test_arun_carries_the_host_span_into_its_thread(spans: InMemorySpanExporter) -> None:
    tracer = trace.get_tracer("host")
    with served(credentials=CANARIES) as workspace, runtime_for(workspace.account()) as runtime:
        async def main() -> Any:
            with tracer.start_as_current_span("agent step") as host:
                assert (await runtime.arun(SNIPPET)).ok
            return host
        host = asyncio.run(main())
    check_trace(spans.get_finished_spans(), host)


def pool_environ(workspace: Served) -> dict[str, str]:
    keys, urls = workspace.credentials, workspace.server.base_urls()
    return {"CUSTOMERIO_SITE_ID": keys.site_id, "CUSTOMERIO_TRACK_API_KEY": keys.track_api_key,
            "CUSTOMERIO_APP_API_KEY": keys.app_api_key, "CUSTOMERIO_PIPELINES_API_KEY": keys.pipelines_api_key,
            **{f"CUSTOMERIO_{family.upper()}_URL": url for family, url in urls.items()}}


@pytest.mark.slow
def test_a_worker_pool_run_is_traced_in_the_host(spans: InMemorySpanExporter) -> None:
    tracer = trace.get_tracer("host")
    with served(credentials=CANARIES) as workspace, WorkerPool(RuntimeFactory(pool_environ(workspace))) as pool:
        async def main() -> Any:
            with tracer.start_as_current_span("agent step") as host:
                assert (await pool.arun(SNIPPET)).ok
            return host
        host = asyncio.run(main())
    check_trace(spans.get_finished_spans(), host)


def test_without_an_sdk_provider_nothing_is_traced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: trace.ProxyTracerProvider())
    assert telemetry._tracer() is None
