"""Large flat queries: refused with one line naming the limit, before any engine sees them.

Oxigraph orders the joins of a query in time that grows with about the cube of its triple
patterns (no time limit reaches that part), and recurses once per element of a flat chain
(patterns, ``BIND``, ``+``, aggregates): past a few thousand the process dies of a stack
overflow. The counts of :func:`skillgraph.sparql.syntax.query_size` bound both, in the CLI,
the Python API and the served endpoint; the time limit and SIGTERM hold while a query runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph import sparql
from skillgraph.errors import InputError
from skillgraph.rdf.dataset import load_rdf
from skillgraph.sparql import syntax
from skillgraph.sparql.proxy import ProxyLimits
from skillgraph.sparql.serve import start_server
from tests.helpers import ROOT
from tests.servers import require_binary
from tests.test_adversarial import CROSS_COUNT, assert_clean_failure, assert_survived, cli

#: Flat query shapes, each a function of its number of elements.
SHAPES: dict[str, Callable[[int], str]] = {
    "patterns": lambda n: "SELECT * {" + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(n)) + "}",
    "shared subject": lambda n: "SELECT * {" + " ".join(f"?s ?p{i} ?o{i} ." for i in range(n)) + "}",
    "object list": lambda n: "SELECT * { ?s ?p " + ", ".join(f"?o{i}" for i in range(n)) + "}",
    "groups": lambda n: "SELECT * {" + " ".join(f"{{ ?s ?p{i} ?o{i} }}" for i in range(n)) + "}",
    "optionals": lambda n: (
        "SELECT * { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s ?p{i} ?o{i} }}" for i in range(n)) + "}"
    ),
    "unions": lambda n: "SELECT * {" + " UNION ".join(f"{{ ?s ?p ?o{i} }}" for i in range(n)) + "}",
    "path steps": lambda n: "SELECT * { ?s " + "/".join("sg:requires" for _ in range(n)) + " ?o }",
    "variables": lambda n: "SELECT " + " ".join(f"?v{i}" for i in range(n)) + " { ?s ?p ?o } LIMIT 1",
    "group_concat": lambda n: (
        "SELECT " + " ".join(f"(GROUP_CONCAT(?o) AS ?g{i})" for i in range(n)) + " { ?s ?p ?o }"
    ),
    "order keys": lambda n: "SELECT ?s { ?s ?p ?o } ORDER BY " + " ".join(f"?v{i}" for i in range(n)),
    "binds": lambda n: "SELECT * { ?s ?p ?o " + " ".join(f"BIND(1 AS ?b{i})" for i in range(n)) + "} LIMIT 1",
    "sum": lambda n: "ASK { FILTER(" + "+".join("1" for _ in range(n)) + ") }",
    "conjunction": lambda n: "ASK { ?s ?p ?o FILTER(" + "&&".join("?o" for _ in range(n)) + ") }",
    "negations": lambda n: "ASK { ?s ?p ?o FILTER(" + "!" * n + "?o) }",
    "values": lambda n: "SELECT ?x { VALUES ?x {" + " ".join(str(i) for i in range(n)) + "} } LIMIT 1",
}
#: The sizes the engine crashed or hung on.
HOSTILE = [
    ("patterns", 3_000),
    ("patterns", 10_000),
    ("variables", 3_000),
    ("group_concat", 3_000),
    ("order keys", 50_000),
    ("binds", 3_000),
    ("sum", 10_000),
    ("unions", 10_000),
    ("path steps", 1_000),
]


def _largest_accepted(shape: Callable[[int], str]) -> int:
    """Return the largest size of ``shape`` the limits let through (0 if none)."""

    def accepted(n: int) -> bool:
        try:
            syntax.check_size(shape(n))
        except InputError:
            return False
        return True

    high = 1
    while accepted(high):
        high *= 2
    low, high = high // 2, high - 1
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if accepted(middle) else (low, middle - 1)
    return low


@pytest.mark.parametrize(("shape", "n"), HOSTILE, ids=[f"{s}-{n}" for s, n in HOSTILE])
@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_large_flat_queries_are_refused_by_the_cli(shape: str, n: int, store: str) -> None:
    line = assert_clean_failure(cli("query", "--store", store, "-e", SHAPES[shape](n)), (2,))
    assert "the limit is" in line


def test_a_crashing_query_is_an_error_in_a_real_process(tmp_path) -> None:
    path = tmp_path / "flat.rq"
    path.write_text(SHAPES["patterns"](10_000))
    done = subprocess.run(
        [sys.executable, "-m", "skillgraph", "query", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "triple patterns" in done.stderr


@pytest.mark.parametrize(("shape", "n"), HOSTILE[:4])
def test_large_flat_queries_are_refused_by_the_python_api(shape: str, n: int) -> None:
    with pytest.raises(InputError, match="the limit is"):
        sparql.query(SHAPES[shape](n))
    with pytest.raises(InputError, match="the limit is"):
        sparql.check_query(SHAPES[shape](n))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_limit_is_an_edge(shape: str) -> None:
    """A query one element past the largest accepted size is refused with the limit's name."""
    n = _largest_accepted(SHAPES[shape])
    assert n >= 1, "a query of one element is refused"
    with pytest.raises(InputError, match=r"(the limit is|at most) [\d,]+"):
        syntax.check_size(SHAPES[shape](n + 1))


def test_the_saved_queries_fit_well_within_the_limits() -> None:
    for saved in sparql.saved_queries():
        size = syntax.query_size(saved.text)
        assert size.patterns * 2 <= syntax.MAX_PATTERNS, saved.name
        assert size.variables * 2 <= syntax.MAX_VARIABLES, saved.name
        assert size.terms * 2 <= syntax.MAX_TERMS, saved.name


def test_values_data_does_not_count_as_terms() -> None:
    size = syntax.query_size(SHAPES["values"](5_000))
    assert size.terms < 10 and size.variables == 1
    assert sparql.query(SHAPES["values"](5_000)).variables == ["x"]


def _in_a_process(*args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "skillgraph", *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )


def _reading_standard_input(pid: int) -> bool:
    """True once the main thread of ``pid`` waits in read(0, ...) (Linux)."""
    try:
        return Path(f"/proc/{pid}/syscall").read_text().startswith("0 0x0 ")
    except OSError:
        return False


def test_sigterm_stops_a_running_query() -> None:
    # The query comes on standard input once the command waits for it, so the signal
    # surely finds the command's own handlers in place, and the query running.
    proc = _in_a_process("query", "--timeout", "0", stdin=subprocess.PIPE)
    try:
        waited = time.monotonic() + 120
        while not _reading_standard_input(proc.pid) and time.monotonic() < waited and proc.poll() is None:
            time.sleep(0.05)
        assert proc.stdin is not None
        proc.stdin.write(CROSS_COUNT)
        proc.stdin.close()
        time.sleep(2)  # into the query (a cross product that runs for minutes)
        proc.send_signal(signal.SIGTERM)
        stderr = proc.stderr.read() if proc.stderr else ""
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (proc.returncode, stderr) == (143, "skillgraph: interrupted\n")


def test_the_time_limit_holds_for_the_largest_accepted_query() -> None:
    """The most expensive shape at its largest accepted size plans, then runs into --timeout."""
    text = SHAPES["optionals"](_largest_accepted(SHAPES["optionals"]))
    proc = _in_a_process("query", "--timeout", "2", "--max-rows", "10", "-e", text)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1), stderr
    if proc.returncode:
        assert stderr.count("\n") == 1 and stderr.startswith("skillgraph: error: ")


@pytest.fixture(scope="module")
def served():
    require_binary("oxigraph")
    server = start_server(load_rdf(), port=0, limits=ProxyLimits(query_timeout=2))
    yield server
    server.stop()


@pytest.mark.parametrize(("shape", "n"), HOSTILE, ids=[f"{s}-{n}" for s, n in HOSTILE])
def test_large_flat_queries_are_http_400_and_the_server_lives(served, shape: str, n: int) -> None:
    response = requests.post(
        served.query_url,
        data=SHAPES[shape](n).encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "the limit is" in response.text and len(response.text.strip().splitlines()) == 1
    assert served.running()
    ok = requests.get(served.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert ok.status_code == 200


@settings(max_examples=12, deadline=None)
@given(shape=st.sampled_from(sorted(SHAPES)), n=st.integers(0, 120_000))
def test_flat_queries_of_any_size_end_in_one_line(shape: str, n: int) -> None:
    text = SHAPES[shape](n)[: syntax.MAX_QUERY_LENGTH]
    result = cli("query", "--timeout", "3", "--max-rows", "1000", "--format", "json", "-e", text)
    assert_survived(result)


def test_an_engine_left_working_on_a_timed_out_query_is_stopped(served) -> None:
    """Oxigraph's own timeout does not stop every query (a count over a cross product runs on),
    so the engine a query timed out on is replaced and stopped once its grace is over."""
    before = served.process
    heavy = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = requests.get(served.query_url, params={"query": heavy}, timeout=60)
    assert response.status_code == 503
    ok = requests.get(served.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert ok.status_code == 200
    waited = time.monotonic() + 60
    while served.process is before and time.monotonic() < waited:
        time.sleep(0.05)  # the replacement starts right after the 503 is sent
    assert served.process is not before, "no fresh engine was started"
    try:
        before.wait(timeout=served.grace + 30)
    except subprocess.TimeoutExpired:
        pytest.fail("the engine a query timed out on is still running")
    assert served.running()
    again = requests.get(served.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert again.status_code == 200
