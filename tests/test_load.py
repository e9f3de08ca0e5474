"""Load: threads with their own Runtimes against one emulator over loopback HTTP, and no growth over 10,000 runs.

Bounded for CI: the threaded part runs for ``SECONDS``; the growth part makes 10,000 runs, one in
ten of them with a real HTTP call. Resource counts come from ``/proc/self`` (Linux only).
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from integrations.customerio.emulator.faults import Fault
from integrations.customerio.ratelimit import UNLIMITED
from tests.cio_support import NS, Served, fast_retries, runtime_for, served

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")]

SECONDS = 3.0
THREADS = 4
#: get_segment on this id answers 200 with a body that is not JSON (an injected fault, every time).
BROKEN_SEGMENT = 3

LOAD_SNIPPET = f"""
local cio = {NS}
local who = "load-%s-" .. %d
cio.identify_customer{{id = who, attributes = {{n = %d, plan = "pro"}}}}
cio.track_event{{id = who, name = "tick", data = {{n = %d}}}}
local names = {{}}
for _, s in ipairs(cio.list_segments{{}}.segments) do names[#names + 1] = s.name end
local one = cio.get_segment{{id = 1}}.segment.name
local ok, err = pcall(cio.get_segment, {{id = {BROKEN_SEGMENT}}})
return {{count = #names, one = one, injected = (not ok) and err.code or "none"}}
"""


@pytest.fixture
def site() -> Iterator[Served]:
    with served() as site:
        yield site


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_bytes() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def test_threads_with_their_own_runtimes_see_only_the_injected_errors(site: Served) -> None:
    site.emulator.faults.add(Fault.malformed_json(family="app", path=f"/v1/segments/{BROKEN_SEGMENT}", times=None))
    outcomes: list[Counter[str]] = [Counter() for _ in range(THREADS)]
    stop = time.monotonic() + SECONDS

    def worker(index: int) -> None:
        # Load, not rate limits or retries, is tested here: retried reads of the broken segment would wait in
        # the virtual clock, which then runs ahead of the runs' real deadlines.
        with runtime_for(site.account(), limiter=UNLIMITED, retry=fast_retries(max_retries=0)) as rt:
            n = 0
            while time.monotonic() < stop:
                n += 1
                result = rt.run(LOAD_SNIPPET % (index, n, n, n))
                if not result.ok:
                    outcomes[index][f"run failed: {result.error}"] += 1
                    continue
                value = result.value
                outcomes[index]["ok" if (value["count"], value["one"]) == (5, "Active Users") else repr(value)] += 1
                outcomes[index][f"injected {value['injected']}"] += 1

    threads = [threading.Thread(target=worker, args=(i,), name=f"load-{i}") for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 30)

    assert not any(t.is_alive() for t in threads), "a load thread hung"
    total = sum(outcomes, Counter())
    runs = total["ok"]
    assert set(total) == {"ok", "injected invalid_response"}, total
    assert total["injected invalid_response"] == runs >= THREADS * 5, total
    assert all(c["ok"] > 0 for c in outcomes), "a thread made no progress"
    assert sum(1 for p in site.emulator.workspace.people if (p.id or "").startswith("load-")) == runs


GROWTH_LOCAL = """
local t = {}
for i = 1, 20 do t[i] = {n = i, s = ("x"):rep(i), nested = {i, i * 2}} end
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
co() co()
print(#json.encode(t))
local ok = pcall(error, {code = "mine"})
return {ok = ok, last = t[20].s:sub(1, 3)}
"""
GROWTH_CALL = f"""
local cio = {NS}
local name = cio.get_segment{{id = 1}}.segment.name
local ok, err = pcall(cio.get_segment, {{id = "x"}})
return {{name = name, code = err.code}}
"""
GROWTH_FAIL = "local t = setmetatable({}, {__index = function() error('boom') end}) return t.x"
RUNS, WARMUP = 10_000, 1_000


def test_no_growth_in_threads_sockets_or_memory_over_10000_runs(site: Served) -> None:
    with runtime_for(site.account(), limiter=UNLIMITED) as rt:  # load, not rate limits, is tested here
        def one(i: int) -> None:
            code = GROWTH_CALL if i % 10 == 0 else GROWTH_FAIL if i % 7 == 0 else GROWTH_LOCAL
            result = rt.run(code)
            assert result.ok == (code is not GROWTH_FAIL), result.error
            if i % 500 == 0:
                site.emulator.requests.clear()  # the emulator's own request log is not the runtime's

        for i in range(WARMUP):
            one(i)
        gc.collect()
        before = (threading.active_count(), fds(), rss_bytes())
        for i in range(WARMUP, RUNS):
            one(i)
        site.emulator.requests.clear()
        gc.collect()
        after = (threading.active_count(), fds(), rss_bytes())

    assert after[0] == before[0], f"threads: {before[0]} -> {after[0]}"
    assert after[1] <= before[1] + 2, f"open file descriptors: {before[1]} -> {after[1]}"
    growth = after[2] - before[2]
    assert growth < 4 * 1024 * 1024, f"RSS grew {growth / 1024:.0f} KiB over {RUNS - WARMUP} runs"
