"""A small HTTP load generator for the benchmark (``ops/bench.py``), on asyncio sockets.

``open_loop`` sends requests at a fixed arrival rate whatever the server does: a request's
latency runs from the moment it was *due*, so time spent queueing (in the listen backlog,
behind busy workers) shows in the percentiles instead of slowing the sender down, which is
what a closed loop (send, wait, send) would hide. ``closed_loop`` keeps ``concurrency``
requests in flight for a while and counts how many complete: the saturation throughput.

One connection per request (``Connection: close``), as gunicorn's sync workers answer.
Each request keeps the second it was due (or sent) since the start, so a long run can be cut
into windows afterwards (``Result.window``): the benchmark's soak reads p95 per 10 seconds.
"""

import asyncio
import math
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    """What one run measured; latencies in milliseconds."""

    requests: int = 0
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    seconds: float = 0.0
    latencies: list = field(default_factory=list, repr=False)
    offsets: list = field(default_factory=list, repr=False)
    oks: list = field(default_factory=list, repr=False)

    @property
    def throughput(self) -> float:
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float | None:
        return percentile(self.latencies, p)

    def window(self, start: float, end: float) -> "Result":
        """The requests due (open loop) or sent (closed loop) from ``start`` up to ``end``
        seconds after the run began; ``seconds`` is the window's length."""
        inside = Result(seconds=end - start)
        for offset, latency, ok in zip(self.offsets, self.latencies, self.oks, strict=True):
            if start <= offset < end:
                inside.add(offset, latency, ok)
        return inside

    def add(self, offset: float, latency_ms: float, ok: bool):
        self.requests += 1
        self.errors += not ok
        self.offsets.append(offset)
        self.latencies.append(latency_ms)
        self.oks.append(ok)

    def summary(self) -> dict:
        return {
            "requests": self.requests, "errors": self.errors, "statuses": self.statuses,
            "seconds": round(self.seconds, 2), "throughput_rps": round(self.throughput, 1),
            **{f"p{p}_ms": _round(self.percentile(p)) for p in (50, 95, 99)},
            "max_ms": _round(max(self.latencies, default=None)),
        }


def _round(value):
    return None if value is None else round(value, 1)


def percentile(values, p: float) -> float | None:
    """The nearest-rank percentile (the smallest value with ``p`` % of values at or below)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


async def fetch(host: str, port: int, path: str, cookie: str = "",
                timeout: float = 60.0) -> tuple[int, int]:
    """GET ``path``; returns (status, body bytes). Status 0: no answer (refused, timeout)."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (TimeoutError, OSError):
        return 0, 0
    try:
        headers = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close",
                   "Accept-Encoding: identity", "User-Agent: congdoan-bench"]
        if cookie:
            headers.append(f"Cookie: {cookie}")
        writer.write(("\r\n".join(headers) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
        status_line = data.split(b"\r\n", 1)[0].split()
        status = int(status_line[1]) if len(status_line) > 1 else 0
        return status, len(data)
    except (TimeoutError, OSError, ValueError):
        return 0, 0
    finally:
        writer.close()


def _record(result: Result, status: int, offset: float, latency_ms: float, expect: int):
    result.statuses[str(status)] = result.statuses.get(str(status), 0) + 1
    result.add(offset, latency_ms, status == expect)


async def _open_loop(host, port, path, cookie, rate, seconds, expect, timeout) -> Result:
    result, loop = Result(), asyncio.get_running_loop()
    count = int(rate * seconds)
    start = loop.time()

    async def one(due):
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        status, _size = await fetch(host, port, path, cookie, timeout)
        _record(result, status, due - start, (loop.time() - due) * 1000, expect)

    await asyncio.gather(*(one(start + i / rate) for i in range(count)))
    result.seconds = loop.time() - start
    return result


async def _closed_loop(host, port, path, cookie, concurrency, seconds, expect) -> Result:
    result, loop = Result(), asyncio.get_running_loop()
    start = loop.time()
    stop = start + seconds

    async def client():
        while loop.time() < stop:
            sent = loop.time()
            status, _size = await fetch(host, port, path, cookie)
            _record(result, status, sent - start, (loop.time() - sent) * 1000, expect)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    result.seconds = loop.time() - start
    return result


def open_loop(host, port, path, *, cookie="", rate=30.0, seconds=20.0, expect=200,
              timeout=60.0) -> Result:
    """``rate`` requests a second for ``seconds``, each timed from when it was due; one
    unanswered after ``timeout`` seconds is an error (status 0)."""
    return asyncio.run(_open_loop(host, port, path, cookie, rate, seconds, expect, timeout))


def closed_loop(host, port, path, *, cookie="", concurrency=8, seconds=10.0,
                expect=200) -> Result:
    """``concurrency`` clients, each sending its next request when the last one answers."""
    return asyncio.run(_closed_loop(host, port, path, cookie, concurrency, seconds, expect))


def wait_until_up(host, port, path="/login/", seconds=30.0) -> bool:
    """Poll until the server answers anything, or give up after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _size = asyncio.run(fetch(host, port, path, timeout=2))
        if status:
            return True
        time.sleep(0.2)
    return False

