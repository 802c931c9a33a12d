"""The load generator's driver: its figures, the yardstick check, and a real wrk run."""

import shutil
from urllib.parse import parse_qs

import pytest

from bench import wrk

SAMPLE = (
    "Running 1s test @ http://127.0.0.1:8000/\n"
    'BENCH_JSON {"requests": 2000, "duration_us": 2000000, "bytes": 10, "status_errors": 3, '
    '"connect": 0, "read": 1, "write": 0, "timeout": 1, '
    '"p50_us": 4000, "p95_us": 9000, "p99_us": 12000, "max_us": 20000}\n'
)


def test_figures_are_read_from_the_scripts_summary_line():
    figures = wrk.parse(SAMPLE, "", wall=2.0, threads=2, cpu=1.0)
    assert figures["rps"] == 1000
    assert figures["errors"] == 5  # HTTP errors and socket errors alike
    assert (figures["p50"], figures["p95"], figures["p99"]) == (4.0, 9.0, 12.0)
    assert figures["generator_cpu"] == 0.25  # 1 s of CPU over 2 threads for 2 s


def test_a_run_without_the_summary_line_is_an_error_not_zero():
    with pytest.raises(RuntimeError):
        wrk.parse("connection refused", "", wall=1.0, threads=1, cpu=0.0)


def test_a_slow_yardstick_makes_the_figures_invalid():
    assert "too busy" in wrk.validity({"rps": 900.0}, {"rps": 100.0})
    assert wrk.validity({"rps": 2000.0}, {"rps": 100.0, "generator_cpu": 0.2}) == ""


def test_a_saturated_generator_makes_the_figures_invalid():
    assert "generator" in wrk.validity({"rps": 2000.0}, {"rps": 100.0, "generator_cpu": 0.95})


def test_ballot_bodies_choose_three_different_options():
    for body in wrk.ballot_bodies([1, 2, 3, 4, 5], count=20):
        chosen = parse_qs(body)["proposals"]
        assert len(set(chosen)) == 3


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk not installed (make bench-packages)")
def test_wrk_loads_a_live_server_through_the_lua_script(live_server):
    load = wrk.Load(paths=["/healthz/"], sessions=[])
    figures = wrk.run(live_server.url, load, seconds=1, threads=1, connections=2)
    assert figures["requests"] > 0
    # Django's test server closes each connection after answering, which wrk counts as socket
    # errors; every answer it got was a success.
    assert figures["status_errors"] == 0
    assert 0 <= figures["generator_cpu"] <= 1.5
