"""The benchmark's runner (tests/bench/runner.py): what it reads of wrk, of gunicorn and of
the processes it measures, and the nginx it puts in front of a gunicorn. wrk runs 1 s here."""

import pytest

from tests.bench.runner import FLOOR_PATH, Nginx, errors_of, fetch, parse_wrk, rss_kib, wrk
from tests.nginx import NGINX

# What Debian's wrk 4.1 prints with --latency, for a run with failures.
WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:35801/fr/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    15.53ms  713.86us   1.24s    90.39%
    Req/Sec     1.06k    25.96     1.20k    60.00%
  Latency Distribution
     50%  850.00us
     75%    3.64ms
     90%    4.14ms
     99%    1.24s
  21116 requests in 10.00s, 508.96MB read
  Socket errors: connect 0, read 2, write 1, timeout 4
  Non-2xx or 3xx responses: 11
Requests/sec:   2111.41
Transfer/sec:    50.81MB
"""


def test_parse_wrk_reads_rates_latencies_in_milliseconds_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result == {
        "rps": 2111.41,
        "requests": 21116,
        "non_2xx_3xx": 11,
        "socket_errors": 7,
        "p50": 0.85,
        "p99": 1240.0,
    }
    assert errors_of(result) == 18


def test_a_clean_run_has_no_errors():
    clean = WRK_OUTPUT.replace("  Socket errors: connect 0, read 2, write 1, timeout 4\n", "")
    clean = clean.replace("  Non-2xx or 3xx responses: 11\n", "")
    assert errors_of(parse_wrk(clean)) == 0


def test_wrk_measures_a_real_server(floor_server):
    result = wrk(floor_server.url(FLOOR_PATH), seconds=1, connections=2)
    assert result["requests"] > 0 and result["rps"] > 0
    assert 0 < result["p50"] <= result["p99"]
    assert errors_of(result) == 0
    assert errors_of(wrk(floor_server.url("/nowhere/"), seconds=1, connections=2)) > 0


def test_the_workers_and_their_memory_are_found(floor_server):
    [worker] = floor_server.workers()
    assert worker != floor_server.process.pid
    assert rss_kib(worker) > 20 * 1024  # a worker with Django loaded
    assert floor_server.worker_starts() == 1


def test_nginx_with_the_sites_configuration_proxies_and_serves_static_files(floor_server, tmp_path):
    if NGINX is None:
        pytest.skip("nginx is not installed")
    static, media = tmp_path / "static", tmp_path / "media"
    (static / "bench").mkdir(parents=True)
    media.mkdir()
    page = fetch(floor_server.url(FLOOR_PATH))
    (static / "bench" / "0.html").write_bytes(page)
    for folder in (tmp_path, static, static / "bench", media):  # nginx's workers read them
        folder.chmod(0o755)
    with Nginx(
        floor_server.port, directory=tmp_path / "nginx", static=static, media=media
    ) as nginx:
        assert fetch(nginx.url(FLOOR_PATH)) == page
        assert fetch(nginx.url("/static/bench/0.html")) == page
    assert (tmp_path / "nginx" / "access.log").read_text().count("GET ") == 2
