"""The benchmark's load generator (ops/loadgen.py): percentiles, and an open loop that lets
queueing show where a closed loop would hide it."""

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ops import loadgen

SERVICE_SECONDS = 0.05  # each request takes 50 ms, one at a time: at most 20 a second


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 — the http.server name
        time.sleep(SERVICE_SECONDS)
        status = 200 if self.path == "/" else 404
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.cookies.append(self.headers.get("Cookie"))

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Slow)  # one request at a time
    httpd.request_queue_size = 128
    httpd.cookies = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))
    assert loadgen.percentile(values, 50) == 50
    assert loadgen.percentile(values, 95) == 95
    assert loadgen.percentile([7], 99) == 7
    assert loadgen.percentile([], 50) is None


def test_below_capacity_latency_is_the_service_time(server):
    result = loadgen.open_loop("127.0.0.1", server.server_port, "/", cookie="sessionid=x",
                               rate=10, seconds=1)
    assert result.requests == 10 and result.errors == 0
    assert result.percentile(95) < 4 * SERVICE_SECONDS * 1000
    assert server.cookies == ["sessionid=x"] * 10


def test_over_capacity_the_open_loop_shows_the_queue(server):
    """40 a second into a server that does 20: requests wait, and their latency counts from
    when they were due. A closed loop on the same server sees only the service time."""
    overloaded = loadgen.open_loop("127.0.0.1", server.server_port, "/", rate=40, seconds=1)
    assert overloaded.requests == 40 and overloaded.errors == 0
    assert overloaded.percentile(95) > 15 * SERVICE_SECONDS * 1000  # ≈ 20 requests queued
    closed = loadgen.closed_loop("127.0.0.1", server.server_port, "/", concurrency=1,
                                 seconds=0.5)
    assert closed.percentile(95) < 4 * SERVICE_SECONDS * 1000
    assert 5 <= closed.throughput <= 1 / SERVICE_SECONDS + 1


def test_an_unexpected_status_or_no_server_is_an_error(server):
    result = loadgen.open_loop("127.0.0.1", server.server_port, "/missing", rate=5, seconds=1)
    assert result.errors == 5 and result.statuses == {"404": 5}
    server.shutdown()
    server.server_close()
    gone = loadgen.open_loop("127.0.0.1", server.server_port, "/", rate=5, seconds=0.4)
    assert gone.errors == gone.requests == 2 and gone.statuses == {"0": 2}


def test_a_run_cut_into_windows_by_when_each_request_was_due(server):
    """The soak reads p95 and errors per window: each request falls in the window of the
    second it was due, whenever its answer came."""
    result = loadgen.open_loop("127.0.0.1", server.server_port, "/", rate=10, seconds=2)
    first, second = result.window(0, 1), result.window(1, 2)
    assert first.requests == second.requests == 10
    assert first.errors == second.errors == 0 and first.seconds == 1
    assert first.percentile(95) < 4 * SERVICE_SECONDS * 1000
    assert result.window(2, 3).requests == 0
    missing = loadgen.open_loop("127.0.0.1", server.server_port, "/missing", rate=10,
                                seconds=1)
    assert missing.window(0.5, 1).requests == missing.window(0.5, 1).errors == 5
