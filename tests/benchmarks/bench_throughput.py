"""B1 loopback throughput (bridge vs raw httpx vs the customerio SDK) and B6 concurrency."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import quote

import httpx

from tests.benchmarks.common import (
    SITE_ID,
    TRACK_KEY,
    Report,
    bridge_runtime,
    fmt_us,
    fmt_x,
    identify_payload,
    interleaved,
    lua_identify_loop,
    median,
    run_ok,
    section,
    timed,
)
from tests.benchmarks.server import ServerProcess


def sdk_client(base_url: str) -> Any:
    """The official SDK's Track client pointed at ``base_url`` over plain http, or None if not installed.

    ``customerio.CustomerIO`` always builds ``https://{host}:{port}/{url_prefix}`` (client_base.py
    ``setup_base_url``) and mounts its retrying keep-alive adapter on ``https://`` only; here the
    scheme is swapped after construction and the same adapter is mounted on ``http://``.
    """
    try:
        from customerio import CustomerIO as SDK
    except ImportError:
        return None
    host, port = base_url.removeprefix("http://").split(":")
    sdk = SDK(SITE_ID, TRACK_KEY, host=host, port=int(port), url_prefix="/api/v1")
    sdk.base_url = sdk.base_url.replace("https://", "http://", 1)
    sdk.http.mount("http://", sdk.http.get_adapter("https://example.invalid"))
    return sdk


def b1_throughput(report: Report, server: ServerProcess, *, n: int, rounds: int) -> None:
    section(f"B1 loopback throughput: {n} identify calls per round, {rounds} interleaved rounds")
    runtime = bridge_runtime(server.url)
    code = lua_identify_loop(n)
    raw = httpx.Client(auth=(SITE_ID, TRACK_KEY))
    sdk = sdk_client(server.url)

    def bridge() -> None:
        run_ok(runtime, code)

    def raw_httpx() -> None:
        for i in range(1, n + 1):
            customer, body = identify_payload(i)
            response = raw.put(f"{server.url}/api/v1/customers/{quote(customer, safe='')}", json=body)
            if response.status_code != 200:
                raise RuntimeError(f"raw httpx got {response.status_code}")

    def official_sdk() -> None:
        for i in range(1, n + 1):
            customer, body = identify_payload(i)
            sdk.identify(customer, **body)

    contenders = {"bridge": bridge, "raw httpx": raw_httpx}
    if sdk is None:
        print("  customerio SDK not installed (pip install -e '.[bench]'): SDK comparison skipped")
    else:
        contenders["customerio SDK"] = official_sdk
    for fn in contenders.values():  # warm up: connections, caches
        fn()
    server.reset()
    times = interleaved(contenders, rounds)
    sent = server.requests()
    expected = n * rounds * len(contenders)
    if sent != expected:
        raise RuntimeError(f"B1: the server saw {sent} requests, expected {expected}")
    per_call = {name: median(t) / n for name, t in times.items()}
    for name, seconds in per_call.items():
        report.add("B1", f"{name}: per call (median of rounds)", fmt_us(seconds))
        report.add("B1", f"{name}: calls/s", f"{1 / seconds:,.0f}")
    vs_raw = per_call["raw httpx"] / per_call["bridge"]
    report.add("B1", "bridge throughput / raw httpx", fmt_x(vs_raw), ">= 1.0x", vs_raw >= 1.0)
    if sdk is not None:
        vs_sdk = per_call["customerio SDK"] / per_call["bridge"]
        report.add("B1", "bridge throughput / customerio SDK", fmt_x(vs_sdk), ">= 1.3x", vs_sdk >= 1.3)
        sdk.close()
    raw.close()


def b6_concurrency(report: Report, server: ServerProcess, *, calls: int, rounds: int,
                   threads: int = 8, latency_ms: int = 20) -> None:
    section(f"B6 concurrency: {threads} threads x 1 Runtime each, {latency_ms} ms server latency, "
            f"{calls} calls per thread")
    url = f"{server.url}/_latency/{latency_ms}"
    runtimes = [bridge_runtime(url) for _ in range(threads)]
    code = lua_identify_loop(calls)

    def single() -> None:
        run_ok(runtimes[0], code)

    def parallel() -> None:
        errors: list[BaseException] = []

        def work(index: int) -> None:
            try:
                run_ok(runtimes[index], code)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if errors:
            raise errors[0]

    for rt in runtimes:  # warm up every runtime's connection
        run_ok(rt, lua_identify_loop(1))
    timed(single)
    times = interleaved({"1 thread": single, f"{threads} threads": parallel}, rounds)
    one = calls / median(times["1 thread"])
    many = threads * calls / median(times[f"{threads} threads"])
    report.add("B6", "1 thread: calls/s", f"{one:,.1f}")
    report.add("B6", f"{threads} threads: calls/s", f"{many:,.1f}")
    report.add("B6", f"{threads} threads / 1 thread throughput", fmt_x(many / one), ">= 6.5x", many / one >= 6.5)
    report.add("B6", "latency floor per call (server)", fmt_us(latency_ms / 1000))
