"""Hostile inputs: every command survives them with one line on stderr and exit code 0, 1 or 2.

Regression tests for the hardening of the served endpoint, the stores and every input
(query nesting, credentials, FROM/SERVICE, time and row limits, torn reads, pipes and
devices, XML and JSON bombs, a broken cache, slow stores, idle connections, outputs),
then property-based tests that feed random names, levels, profiles, SPARQL text and RDF
files to the command line.
"""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillgraph import sparql
from skillgraph.cli import main
from skillgraph.errors import InputError, QueryExecutionError, QueryTimeoutError
from skillgraph.rdf.dataset import load_rdf
from skillgraph.sparql import remote
from skillgraph.sparql.credentials import one_line, redact, register_secret
from skillgraph.sparql.deadline import INTERRUPT, run_with_deadline
from skillgraph.sparql.proxy import ProxyLimits, QueryProxy
from skillgraph.sparql.serve import start_server
from tests.helpers import DATA, ROOT
from tests.servers import free_port, require_binary, start_oxigraph

TRACK = DATA / "frontend-track.ttl"
PREFIXES = (
    "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
    "@prefix sgd: <https://w3id.org/skillgraph/id/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)
DEEP_BRACES = "ASK " + "{" * 3000 + "}" * 3000
DEEP_BIND = "SELECT * { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }"
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SECRETS = ["S3cr3tPW", "pa/ss", "pa?ss", "pa#ss", "p@ss", "pa:ss", "pa%2Fss%40x", "pw?rest", "pw#rest"]


def cli(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    """Run the CLI in-process; stdout and stderr apart."""
    return CliRunner().invoke(main, [str(a) for a in args], env=env, input=input)


def assert_clean_failure(result, codes: tuple[int, ...] = (1, 2)) -> str:
    """The command failed with one of ``codes``, one line on stderr, no traceback; return the line."""
    assert result.exit_code in codes, (result.exit_code, result.output, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("skillgraph: ")
    assert "Traceback" not in result.stderr
    return lines[0]


def subprocess_cli(*args: str, env: dict[str, str] | None = None, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "skillgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=ROOT,
        timeout=120,
        **kwargs,
    )


# -- 1. query nesting is bounded before any engine ------------------------------------------


@pytest.mark.parametrize("text", [DEEP_BRACES, DEEP_BIND, "SELECT * { " + "[ " * 3000 + "] " * 3000 + "}"])
@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_deep_nesting_is_refused_by_the_cli(text: str, store: str) -> None:
    line = assert_clean_failure(cli("query", "--store", store, "-e", text), (2,))
    assert "deeper than" in line


def test_deep_nesting_in_a_real_process_is_an_error_not_a_crash() -> None:
    done = subprocess_cli("query", "-e", DEEP_BRACES)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "deeper than" in done.stderr


def test_deep_nesting_is_refused_by_the_python_api() -> None:
    with pytest.raises(InputError, match="deeper than"):
        sparql.query(DEEP_BIND)
    with pytest.raises(InputError, match="deeper than"):
        sparql.check_query(DEEP_BRACES)


def test_nesting_inside_strings_comments_and_iris_does_not_count() -> None:
    text = 'SELECT * { ?s ?p "' + "{" * 500 + '" } # ' + "(" * 500
    assert sorted(sparql.query(text + "\n", timeout=None).variables) == ["p", "s"]


# -- 2. credentials never appear -------------------------------------------------------------


@pytest.mark.parametrize("secret", SECRETS)
@pytest.mark.parametrize(
    "command",
    [
        ["push", "http://ann:{pw}@127.0.0.1:1/store"],
        ["push", "http://ann:{pw}/x@127.0.0.1:1/store"],
        ["list", "--store", "http://ann:{pw}@127.0.0.1:1/store"],
        ["query", "--store", "http://ann:{pw}@127.0.0.1:1/query", "-e", "ASK {}"],
        ["push", "http://127.0.0.1:1/store", "--query-url", "http://u:{pw}@[::1/q"],
    ],
    ids=["push", "push-slash", "list", "query", "query-url"],
)
def test_a_password_is_never_printed(command: list[str], secret: str) -> None:
    args = [part.replace("{pw}", secret) for part in command]
    result = cli(*args)
    line = assert_clean_failure(result)
    pieces = {secret, *secret.replace("%2F", "/").replace("%40", "@").split("?")}
    for piece in pieces:
        if len(piece) >= 3 and piece not in ("ann", "pw"):
            assert piece not in result.output + result.stderr, line


def test_redaction_of_any_text() -> None:
    register_secret("http://ann:Zq%2Fw9@db.example.org/sparql")
    assert "Zq" not in redact("port 'Zq/w9' and Zq%2Fw9 in http://x:y@h/p")
    assert "y@" not in redact("http://x:y@h/p")


def test_messages_are_one_line_and_bounded() -> None:
    assert "\n" not in one_line("a\nb\r\nc")
    assert len(one_line("x" * 100_000)) <= 600
    result = cli("plan", "--target", "senior", "--have", "python\nsql")
    assert_clean_failure(result, (2,))


# -- 3. FROM picks among loaded graphs, both stores agree, nothing is fetched ----------------


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b"<http://evil/s> <http://evil/p> <http://evil/o> ."
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args) -> None:
        return


@pytest.fixture
def counting_server():
    _Counting.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_from_never_fetches(store: str, counting_server: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://x/s> <http://x/p> <http://x/o> .")
    for iri in (f"{counting_server}/x.ttl", secret.as_uri()):
        for clause in ("FROM", "FROM NAMED"):
            result = cli("query", "--store", store, "-e", f"SELECT * {clause} <{iri}> {{ ?s ?p ?o }}")
            assert result.exit_code == 0, result.output
            assert "x/s" not in result.output and "evil" not in result.output
    assert _Counting.hits == []


def test_both_stores_follow_sparql_dataset_semantics() -> None:
    dk = "https://w3id.org/skillgraph/source/domain-knowledge"
    queries = {
        "SELECT (COUNT(*) AS ?n) FROM <urn:nothing> { ?s ?p ?o }": 0,
        f"SELECT (COUNT(*) AS ?n) FROM NAMED <{dk}> {{ ?s ?p ?o }}": 0,
        f"SELECT (COUNT(*) AS ?n) FROM <{dk}> {{ GRAPH ?g {{ ?s ?p ?o }} }}": 0,
        f"SELECT (COUNT(*) AS ?n) FROM <{dk}> {{ ?s ?p ?o }}": None,
        f"SELECT (COUNT(*) AS ?n) FROM NAMED <{dk}> {{ GRAPH ?g {{ ?s ?p ?o }} }}": None,
    }
    stores = [sparql.open_store(store=kind) for kind in ("oxigraph", "memory")]
    counts = {}
    for text, expected in queries.items():
        answers = [store.query(text).records()[0]["n"] for store in stores]
        assert answers[0] == answers[1], text
        if expected is not None:
            assert answers[0] == expected, text
        counts[text] = answers[0]
    values = list(counts.values())
    assert values[3] == values[4] > 0


# -- 4 and 1, 5, 11: the served endpoint ---------------------------------------------------


@pytest.fixture(scope="module")
def small_server():
    """A served endpoint over the built-in graph, started in-process (the real Oxigraph server)."""
    require_binary("oxigraph")
    limits = ProxyLimits(query_timeout=2, request_deadline=1.0, idle_timeout=1.0)
    server = start_server(load_rdf(), port=0, limits=limits)
    yield server
    server.stop()


def test_served_nesting_is_http_400_and_the_server_lives(small_server) -> None:
    for text in (DEEP_BRACES, "ASK " + "{" * 5000 + "}" * 5000, DEEP_BIND):
        response = requests.post(
            small_server.query_url,
            data=text,
            headers={"Content-Type": "application/sparql-query"},
            timeout=10,
        )
        assert response.status_code == 400
        assert "deeper than" in response.text
    assert small_server.running()
    ok = requests.get(small_server.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert ok.status_code == 200


def test_served_service_is_refused(small_server, counting_server: str) -> None:
    text = f"SELECT * {{ SERVICE <{counting_server}/sparql> {{ ?s ?p ?o }} }}"
    for response in (
        requests.get(small_server.query_url, params={"query": text}, timeout=10),
        requests.post(small_server.query_url, data={"query": text}, timeout=10),
    ):
        assert response.status_code == 400 and "SERVICE" in response.text
    assert _Counting.hits == []


def test_service_passes_the_front_when_allowed(counting_server: str) -> None:
    require_binary("oxigraph")
    with start_server(load_rdf(builtin=False), port=0, limits=ProxyLimits(allow_service=True)) as server:
        text = f"SELECT * {{ SERVICE <{counting_server}/sparql> {{ ?s ?p ?o }} }}"
        requests.get(server.query_url, params={"query": text}, timeout=20)
    assert _Counting.hits, "the engine never sent the SERVICE request"


def test_served_updates_and_writes_are_refused(small_server) -> None:
    base = small_server.base_url
    assert requests.post(base + "/update", data={"update": "CLEAR ALL"}, timeout=10).status_code == 403
    form = requests.post(small_server.query_url, data={"update": "CLEAR ALL"}, timeout=10)
    assert form.status_code == 403
    assert requests.put(base + "/store?default", data=b"", timeout=10).status_code == 403
    smuggled = requests.get(small_server.query_url, params={"query": "CLEAR ALL"}, timeout=10)
    assert smuggled.status_code == 400


def test_served_timeout_is_an_error_not_a_cut_answer(small_server) -> None:
    response = requests.get(small_server.query_url, params={"query": CROSS_COUNT}, timeout=60)
    assert response.status_code == 503
    assert "timed out" in response.text


@pytest.mark.parametrize(
    "text",
    [
        CROSS_COUNT,  # a streamed answer Oxigraph cuts: 200 with its message in place of the rest
        "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), 'x')) }",  # a 500
    ],
)
def test_engine_cancelling_first_is_still_a_timeout(text: str, tmp_path: Path) -> None:
    engine = start_oxigraph(tmp_path / "engine", "--timeout-s", "1")
    proxy = None
    try:
        body = load_rdf().store.dump(format=ox.RdfFormat.N_QUADS)
        loaded = requests.post(
            engine.store_url, data=body, headers={"Content-Type": "application/n-quads"}, timeout=30
        )
        assert loaded.ok, loaded.text
        upstream = ("127.0.0.1", urlsplit(engine.query_url).port or 80)
        # The proxy would wait an hour: a 503 within the client's two minutes is the engine's cut.
        proxy = QueryProxy("127.0.0.1", 0, upstream, ProxyLimits(query_timeout=3600))
        response = requests.get(f"http://127.0.0.1:{proxy.port}/query", params={"query": text}, timeout=120)
        assert response.status_code == 503, response.text
        assert "timed out" in response.text
        again = requests.get(f"http://127.0.0.1:{proxy.port}/query", params={"query": text}, timeout=120)
        assert again.status_code == 503, "a cut answer was kept in the answer cache"
    finally:
        if proxy is not None:
            proxy.close()
        engine.stop()


def test_head_gets_the_headers_of_get_and_no_body(small_server) -> None:
    got = requests.get(small_server.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    target = urlsplit(got.url)
    with socket.create_connection(("127.0.0.1", small_server.port), timeout=30) as sock:
        sock.sendall(
            f"HEAD {target.path}?{target.query} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
        )
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    head, _, rest = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 200") or head.startswith(b"HTTP/1.1 200"), reply
    assert rest == b"", "a HEAD answer carried a body"
    assert f"content-length: {len(got.content)}".encode() in head.lower()


def test_short_and_oversized_bodies(small_server) -> None:
    host, port = "127.0.0.1", small_server.port
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK {}"
        )
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 400")
    big = requests.post(
        small_server.query_url,
        data=b"#" * (2 << 20),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert big.status_code == 413


def test_idle_half_sent_connections_do_not_block_queries(small_server) -> None:
    idle = []
    try:
        for _ in range(400):
            sock = socket.create_connection(("127.0.0.1", small_server.port), timeout=10)
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\n")
            idle.append(sock)
        response = requests.get(small_server.query_url, params={"query": "ASK {}"}, timeout=30)
        assert response.status_code == 200
    finally:
        for sock in idle:
            sock.close()


def test_a_dead_engine_is_restarted(small_server) -> None:
    small_server.process.kill()
    small_server.process.wait()
    small_server.restart()
    response = requests.get(small_server.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert response.status_code == 200 and "true" in response.text


def start_serve(*args: str) -> tuple[subprocess.Popen[str], str]:
    require_binary("oxigraph")
    proc = subprocess.Popen(
        [sys.executable, "-m", "skillgraph", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert proc.stdout is not None
    url = ""
    for line in proc.stdout:
        if line.startswith("SPARQL endpoint: "):
            url = line.split(": ", 1)[1].strip()
        if line.startswith("Serving"):
            return proc, url
    proc.kill()
    raise AssertionError(proc.stderr.read() if proc.stderr else "serve did not start")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_serve_restarts_its_engine_says_so_and_cleans_up_on_sighup() -> None:
    proc, url = start_serve()
    try:
        (child,) = _children(proc.pid)
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        folder = Path(cmdline[cmdline.index(b"--location") + 1].decode()).parent
        os.kill(child, signal.SIGKILL)
        for _ in range(200):
            kids = _children(proc.pid)
            if kids and kids != [child]:
                break
            time.sleep(0.1)
        for _ in range(100):
            try:
                if requests.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        assert requests.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200
        proc.send_signal(signal.SIGHUP)
        proc.wait(timeout=30)
        stderr = proc.stderr.read() if proc.stderr else ""
        assert "restarting it" in stderr and "Traceback" not in stderr
        assert not folder.exists()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_serve_refuses_one_port_for_both() -> None:
    port = str(free_port())
    line = assert_clean_failure(cli("serve", "--port", port, "--explorer-port", port), (2,))
    assert "different ports" in line


# -- 5. time and rows are bounded; Ctrl-C is honoured ------------------------------------------


def test_query_timeout_and_row_limit() -> None:
    line = assert_clean_failure(cli("query", "--timeout", "1", "-e", CROSS_COUNT), (1,))
    assert "timed out" in line
    line = assert_clean_failure(
        cli("query", "--max-rows", "1000", "-e", "SELECT * { ?a ?b ?c . ?d ?e ?f }"), (1,)
    )
    assert "more than 1,000 rows" in line
    with pytest.raises(QueryTimeoutError):
        sparql.query(CROSS_COUNT, timeout=0.5)


@pytest.mark.parametrize("run", [sparql.select, sparql.ask, sparql.construct, sparql.dataframe, sparql.query])
def test_every_query_function_takes_the_limits_of_query(run) -> None:
    heavy = {
        sparql.ask: "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), '!')) }",
        sparql.construct: "CONSTRUCT { ?a ?b ?d } { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    }.get(run, CROSS_COUNT)
    with pytest.raises(QueryTimeoutError):
        run(heavy, timeout=0.5)
    many = {
        sparql.ask: None,
        sparql.construct: "CONSTRUCT { ?a ?b ?c } { ?a ?b ?c }",
    }.get(run, "SELECT * { ?a ?b ?c }")
    if many is not None:
        with pytest.raises(QueryExecutionError, match="more than 10 rows"):
            run(many, max_rows=10)


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("delay", [0.3, 3.0], ids=["start-up", "running"])
def test_ctrl_c_exits_130_with_one_line(delay: float) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "skillgraph", "query", "--timeout", "0", "-e", CROSS_COUNT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"},
        cwd=ROOT,
        preexec_fn=_sigint_default,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)  # the fault handler prints where every thread is
        _, stderr = proc.communicate(timeout=30)
        pytest.fail(f"Ctrl-C was ignored; the command was here:\n{stderr}")
    # Before Python itself has started (runpy), or while it still runs its own start-up
    # (site, .pth files: a traceback with no frame of ours), SIGINT is Python's own business.
    before_us = stderr.rstrip().endswith("KeyboardInterrupt") and f"{os.sep}skillgraph{os.sep}" not in stderr
    if "Could not import runpy" not in stderr and not before_us:
        assert (proc.returncode, stderr) in ((130, "skillgraph: interrupted\n"), (-2, ""))
    if delay > 1:
        assert proc.returncode == 130


def _python(script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh Python process from the project's folder."""
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_ctrl_c_while_a_module_is_imported_is_one_line_and_130() -> None:
    # Python wraps a Ctrl-C that lands while a class is being made (an import at start-up)
    # in a RuntimeError caused by the interruption; it is still an interruption.
    script = (
        "import skillgraph.cli, skillgraph.__main__ as entry\n"
        "def imported_when_ctrl_c_came():\n"
        "    try:\n"
        "        raise KeyboardInterrupt\n"
        "    except KeyboardInterrupt as stop:\n"
        "        raise RuntimeError('Error calling __set_name__') from stop\n"
        "skillgraph.cli.main = imported_when_ctrl_c_came\n"
        "entry.run()\n"
    )
    run = _python(script)
    assert (run.returncode, run.stderr) == (130, "skillgraph: interrupted\n")


def test_importing_the_package_leaves_the_process_alone() -> None:
    # Whatever the program is called: the signal handlers and the excepthook are the command
    # line's business while it runs, never a side effect of an import.
    script = (
        "import signal, sys\n"
        "sys.argv[0] = '/usr/bin/skillgraph'\n"
        "before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.excepthook)\n"
        "import skillgraph, skillgraph.cli, skillgraph.sparql.deadline\n"
        "skillgraph.load()\n"
        "after = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.excepthook)\n"
        "print(before == after)\n"
    )
    run = _python(script)
    assert (run.returncode, run.stdout.strip()) == (0, "True"), run.stderr


def test_a_command_run_in_process_puts_the_handlers_back() -> None:
    before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.excepthook)
    result = CliRunner().invoke(main, ["show", "junior"])
    assert result.exit_code == 0, result.output
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.excepthook) == before


def test_a_ctrl_c_that_python_lost_still_stops_a_wait() -> None:
    # Python raises Ctrl-C in whatever runs then; in a finaliser it is printed and dropped.
    # The latch the command line's handler sets is seen by the wait all the same.
    stopped = threading.Event()

    def work(cancel: threading.Event) -> None:
        if cancel.wait(30):
            stopped.set()

    INTERRUPT.set()
    try:
        with pytest.raises(KeyboardInterrupt):
            run_with_deadline(work, None)
        assert stopped.wait(5)  # the work was told to stop
    finally:
        INTERRUPT.clear()


def _deadline_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "skillgraph-deadline"]


def test_what_a_timed_call_makes_is_freed_on_the_thread_that_made_it() -> None:
    # Oxigraph's result iterators must be freed on the thread that made them.
    made: list[int] = []
    freed: list[int] = []

    class Iterator:
        def __init__(self) -> None:
            made.append(threading.get_ident())

        def __del__(self) -> None:
            freed.append(threading.get_ident())

    def call(cancel: threading.Event) -> int:
        it = Iterator()
        return id(it) and len(made)

    def failing(cancel: threading.Event) -> int:
        it = Iterator()  # noqa: F841 - held by the frame the error carries
        raise ValueError("no")

    for _ in range(5):
        assert run_with_deadline(call, 5) >= 1
        with pytest.raises(ValueError):
            run_with_deadline(failing, 5)
    deadline = time.monotonic() + 5
    while len(freed) < len(made) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert freed == made and threading.get_ident() not in made


def test_calls_one_after_the_other_do_not_pile_up_threads() -> None:
    before = len(_deadline_threads())
    for _ in range(200):
        assert run_with_deadline(lambda cancel: 1, 5) == 1
    assert len(_deadline_threads()) <= max(before, 1)


def test_a_thread_left_past_its_limit_ends_when_its_call_returns() -> None:
    release = threading.Event()
    with pytest.raises(QueryTimeoutError):
        run_with_deadline(lambda cancel: release.wait(5), 0.05)
    assert run_with_deadline(lambda cancel: 2, 5) == 2  # another thread answers meanwhile
    busy = len(_deadline_threads())
    release.set()
    deadline = time.monotonic() + 5
    while len(_deadline_threads()) >= busy and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(_deadline_threads()) < busy


def test_a_forked_child_runs_timed_calls() -> None:
    # the parent's idle threads are not in the child: the child must not wait for them
    assert run_with_deadline(lambda cancel: 1, 5) == 1
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit status
        try:
            code = 0 if run_with_deadline(lambda cancel: 7, 5) == 7 else 3
        except BaseException:  # noqa: BLE001 - any failure is the exit status
            code = 4
        os._exit(code)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail("the forked child waited for a thread it does not have")
    assert os.waitstatus_to_exitcode(status) == 0


# -- 6. a read that overlaps a push gets the complete new push --------------------------------


def test_a_read_overlapping_a_push_is_never_half(oxigraph_server, tmp_path: Path) -> None:
    graph = "https://example.org/torn"
    first = tmp_path / "first.ttl"
    first.write_text(PREFIXES + "sgd:a skos:prefLabel 'A'@en .\n")
    remote.push(load_rdf([first], builtin=False), oxigraph_server.store_url, graph=graph)
    with remote.Client() as client:
        stale = remote.read.find_push(client, oxigraph_server.query_url, graph)
    assert stale is not None
    remote.push(load_rdf([TRACK], builtin=False), oxigraph_server.store_url, graph=graph)
    with remote.Client() as client:
        results, fresh = remote.read._read_push(client, oxigraph_server.query_url, stale, graph)
    assert fresh.push_id != stale.push_id
    assert len(results.rows) == sum(fresh.sizes.values()) == len(load_rdf([TRACK], builtin=False))


# -- 7. pipes, devices, sizes, linear suggestions ---------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.ttl"
    os.mkfifo(path)
    return path


def test_pipes_and_devices_are_refused(fifo: Path, tmp_path: Path) -> None:
    for args in (
        ["list", "--data", str(fifo)],
        ["list", "--data", "/dev/zero"],
        ["plan", "--target", "senior", "--profile", str(fifo)],
        ["plan", "--target", "senior", "--profile", "/dev/zero"],
        ["query", str(fifo)],
    ):
        line = assert_clean_failure(cli(*args), (2,))
        assert "not a regular file" in line


def test_a_cache_entry_that_is_a_pipe_or_a_folder_is_rebuilt(tmp_path: Path) -> None:
    env = {"SKILLGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    first = cli("list", env=env)
    assert first.exit_code == 0
    (entry,) = (tmp_path / "cache").glob("view-*.pickle")
    for make in (lambda p: p.mkdir(), lambda p: os.mkfifo(p)):
        entry.unlink() if entry.is_file() or entry.is_fifo() else entry.rmdir()
        make(entry)
        again = cli("list", env=env)
        assert again.exit_code == 0 and again.output == first.output and again.stderr == ""


def test_many_unknown_names_are_counted_not_each_suggested(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n" + "".join(f"  - zzq{i}\n" for i in range(60_000)))
    line = assert_clean_failure(cli("plan", "--target", "senior", "--profile", str(profile)), (2,))
    assert "59,995 more" in line and len(line) < 1000
    big = tmp_path / "big.yaml"
    big.write_text("skills:\n" + "  - x\n" * 300_000)
    assert "too large" in assert_clean_failure(cli("plan", "--target", "senior", "--profile", str(big)), (2,))


# -- 8. bombs refused before parsing -----------------------------------------------------------


def test_xml_entities_and_deep_json_are_refused(tmp_path: Path) -> None:
    lol = tmp_path / "lol.rdf"
    lol.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&i;</rdf:RDF>'
    )
    assert "entity" in assert_clean_failure(cli("validate", str(lol)), (2,))
    deep = tmp_path / "deep.jsonld"
    deep.write_text('{"@id": "http://x/a", "http://x/p": ' + "[" * 20000 + "]" * 20000 + "}")
    assert "nested deeper" in assert_clean_failure(cli("validate", str(deep)), (2,))


def test_deep_yaml_and_toml_profiles(tmp_path: Path) -> None:
    yaml_file = tmp_path / "deep.yaml"
    yaml_file.write_text("skills: " + "[" * 5000 + "]" * 5000)
    toml_file = tmp_path / "deep.toml"
    toml_file.write_text("skills = " + "[" * 5000 + "]" * 5000)
    alias = tmp_path / "alias.yaml"
    alias.write_text('a: &a ["x","x","x"]\nb: &b [*a,*a,*a]\nskills: [*b,*b,*b]\n')
    for path in (yaml_file, toml_file, alias):
        assert_clean_failure(cli("plan", "--target", "senior", "--profile", str(path)), (2,))


# -- 9. a broken cache only costs a rebuild ----------------------------------------------------


@pytest.mark.parametrize("where", ["/dev/null", "file"])
def test_a_cache_folder_that_is_not_a_folder(where: str, tmp_path: Path) -> None:
    folder = where
    if where == "file":
        (tmp_path / "file").write_text("x")
        folder = str(tmp_path / "file")
    result = cli("path", "junior", "senior", env={"SKILLGRAPH_CACHE_DIR": folder})
    assert result.exit_code == 0 and result.stderr == ""


# -- 10. the store timeout is a total deadline --------------------------------------------------


def test_a_store_trickling_bytes_times_out_in_total() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def trickle() -> None:
        while not stop.is_set():
            try:
                listener.settimeout(0.5)
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 1000:
                    if stop.is_set():
                        break
                    try:
                        conn.send(bytes([byte]))
                    except OSError:
                        break
                    time.sleep(0.2)

    threading.Thread(target=trickle, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
        result = cli("push", url, env={"SKILLGRAPH_STORE_TIMEOUT": "1"})
        assert "timed out" in assert_clean_failure(result, (1,))
    finally:
        stop.set()
        listener.close()


# -- Low: user files, outputs, messages -------------------------------------------------------


def test_user_trig_cannot_write_into_a_curated_source(tmp_path: Path) -> None:
    trig = tmp_path / "mine.trig"
    trig.write_text(
        PREFIXES
        + "<https://w3id.org/skillgraph/source/domain-knowledge> { sgd:python skos:altLabel 'pyyy'@en }\n"
    )
    rows = sparql.select("SELECT ?g { GRAPH ?g { sgd:python skos:altLabel 'pyyy'@en } }", data=[trig])
    assert [r["g"] for r in rows] == [trig.resolve().as_uri()]


def test_a_user_file_cannot_retype_a_built_in_node(tmp_path: Path) -> None:
    bad = tmp_path / "retype.ttl"
    bad.write_text(PREFIXES + "sgd:python a sg:Role ; sg:level 1 ; skos:altLabel 'junior'@en .\n")
    assert "cannot make it a Role" in assert_clean_failure(cli("validate", str(bad)), (1,))


@pytest.mark.parametrize(
    "body,code",
    [
        ("sgd:rr a sg:Role ; skos:prefLabel 'RR'@en ; sg:level 'abc'^^xsd:integer .", (1,)),
        ("sgd:qq a sg:Skill ; skos:prefLabel 'QQ'@en ; sg:note <<( sgd:a sgd:b sgd:c )>> .", (2,)),
        (
            "sgd:qq a sg:Skill ; skos:prefLabel 'QQ'@en ; sg:category sg:Database ; sg:effort [ a sg:LevelEffort ;"
            " sg:proficiency sg:Foundational ; sg:hours 'INF'^^xsd:double ] .",
            (1,),
        ),
        (
            "sgd:qq a sg:Skill ; skos:prefLabel 'QQ'@en ; sg:category sg:Database ; sg:effort [ a sg:LevelEffort ;"
            " sg:proficiency sg:Foundational ; sg:hours 1e308 ] .",
            (1,),
        ),
    ],
    ids=["bad-integer", "triple-term", "infinite-hours", "huge-hours"],
)
def test_bad_values_are_one_line_errors(tmp_path: Path, body: str, code: tuple[int, ...]) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(PREFIXES + body + "\n")
    assert_clean_failure(cli("validate", str(path)), code)  # rdflib's logged tracebacks included


def test_a_huge_literal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.ttl"
    path.write_text(PREFIXES + "sgd:qq skos:definition '''" + "x" * (17 << 20) + "'''@en .\n")
    assert "too long" in assert_clean_failure(cli("validate", str(path)), (2,))
    path.write_text(PREFIXES + "sgd:qq skos:definition '''" + "x" * (2 << 20) + "'''@en .\n")
    assert "longer than" in assert_clean_failure(cli("validate", str(path)), (2,))


def test_outputs_are_checked_before_work(tmp_path: Path) -> None:
    readonly = tmp_path / "ro.html"
    readonly.write_text("keep")
    readonly.chmod(0o444)
    assert "read-only" in assert_clean_failure(cli("export", "html", str(readonly)), (2,))
    assert readonly.read_text() == "keep"
    assert "not a regular file" in assert_clean_failure(cli("export", "html", "/dev/full"), (2,))
    assert "not a regular file" in assert_clean_failure(
        cli("import", "esco", str(tmp_path), "--output", "/dev/full"), (2,)
    )
    long_name = tmp_path / ("a" * 300 + ".html")
    assert "longer than 255" in assert_clean_failure(cli("export", "html", str(long_name)), (2,))
    fits = tmp_path / ("b" * 250 + ".html")
    assert cli("export", "html", str(fits)).exit_code == 0 and fits.is_file()
    assert not list(tmp_path.glob(".*tmp"))


def test_a_full_disk_is_a_one_line_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "skillgraph", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "No space left" in done.stderr


def test_sigterm_during_an_import_leaves_no_temporary_file(tmp_path: Path) -> None:
    root = Path(os.environ.get("SKILLGRAPH_SHARED_DATA") or DATA)
    out = tmp_path / "out.nt"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "skillgraph",
            "import",
            "esco",
            str(root / "esco-1.2.0-ict"),
            "--output",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    while proc.poll() is None and not list(tmp_path.glob(".*")):
        time.sleep(0.01)  # until the output's temporary file exists (or the import is over)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stderr
    assert proc.returncode in (0, 143), stderr
    if proc.returncode:
        assert stderr == "skillgraph: interrupted\n" and not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


# -- property-based: random input to the command line ----------------------------------------

NAMES = st.one_of(
    st.sampled_from(["junior", "senior", "python", "dba", "lead", "Senior Backend Developer", "sql:2"]),
    st.text(min_size=0, max_size=40),
)
LEVELS = st.one_of(st.sampled_from(["advanced", "1", "expert", "9", "-1", ""]), st.text(max_size=8))
SPARQL_WORDS = st.sampled_from(
    [
        "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "?s", "?p", "?o", "{", "}", "(", ")", "[", "]",
        "WHERE", "FILTER", "BIND", "AS", "GRAPH", "SERVICE", "FROM", "NAMED", "<urn:x>", "sg:Role", "a",
        '"}"', "# {", ".", ";", "INSERT", "DATA", "LIMIT", "1", "OPTIONAL", "UNION", "VALUES", "COUNT",
    ]
)  # fmt: skip
PROPERTY = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_survived(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr and "S3cr3tPW" not in result.output + result.stderr
    if result.exit_code:
        assert len(result.stderr.splitlines()) == 1, result.stderr


@PROPERTY
@given(source=NAMES, target=NAMES, have=st.lists(st.tuples(NAMES, LEVELS), max_size=4))
def test_random_names_and_levels(source: str, target: str, have: list[tuple[str, str]]) -> None:
    skills = ",".join(f"{n}:{lv}" if lv else n for n, lv in have)
    for args in (
        ["path", source, target, "--have", skills],
        ["plan", "--target", target, "--have", skills],
        ["show", source],
    ):
        assert_survived(cli(*args))


@PROPERTY
@given(words=st.lists(SPARQL_WORDS, max_size=30), store=st.sampled_from(["oxigraph", "memory"]))
def test_random_sparql(words: list[str], store: str) -> None:
    result = cli(
        "query", "--store", store, "--timeout", "5", "--max-rows", "1000", "-e", " ".join(words) or "x"
    )
    assert_survived(result)


@PROPERTY
@given(
    content=st.one_of(st.text(max_size=300), st.binary(max_size=300)),
    suffix=st.sampled_from([".yaml", ".toml"]),
)
def test_random_profiles(tmp_path: Path, content: str | bytes, suffix: str) -> None:
    path = tmp_path / f"me{suffix}"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    assert_survived(cli("plan", "--target", "senior", "--profile", str(path)))


RDF_SNIPPETS = st.sampled_from(
    [
        PREFIXES, "sgd:x a sg:Skill ;", "skos:prefLabel 'X'@en .", "sgd:python sg:hasPrerequisite sgd:x .",
        "<<( sgd:a sgd:b sgd:c )>>", "[", "]", "(", ")", "{", "}", '"', "@en", "^^xsd:integer", "sg:level 3 .",
        "sgd:x a sg:Role .", "<!ENTITY a 'b'>", '{"@id": "http://x/a"}', "<rdf:RDF>", "\x00", "é",
    ]
)  # fmt: skip


@PROPERTY
@given(
    parts=st.lists(RDF_SNIPPETS, max_size=12),
    suffix=st.sampled_from([".ttl", ".trig", ".jsonld", ".rdf", ".nt"]),
)
def test_random_rdf_files(tmp_path: Path, parts: list[str], suffix: str) -> None:
    path = tmp_path / f"mine{suffix}"
    path.write_text(" ".join(parts), encoding="utf-8")
    out = tmp_path / "out.html"
    out.unlink(missing_ok=True)
    result = cli("export", "html", str(out), "--data", str(path), "--no-cache")
    assert_survived(result)
    if result.exit_code:
        assert not out.exists()
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@PROPERTY
@given(secret=st.text(alphabet="abcXYZ019/?#@:%", min_size=6, max_size=16))
def test_random_passwords_are_never_printed(secret: str) -> None:
    secret = "S3cr3tPW" + secret
    for args in (
        ["push", f"http://ann:{secret}@127.0.0.1:1/store"],
        ["list", "--store", f"http://ann:{secret}@127.0.0.1:1/q"],
    ):
        result = cli(*args)
        assert_survived(result)
        assert secret not in result.output + result.stderr


@pytest.mark.parametrize("args", [["list"], ["path", "junior", "senior"]])
def test_a_reader_that_stops_reading_is_no_error(args: list[str], tmp_path: Path) -> None:
    """`skillgraph list | head`: the reader goes away; the command ends quietly, as a program
    killed by SIGPIPE does, with nothing on stderr."""
    env = dict(os.environ, SKILLGRAPH_CACHE_DIR=str(tmp_path / "cache"))
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails
    done = subprocess.run(
        [sys.executable, "-m", "skillgraph", *args],
        stdout=write,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
    )
    os.close(write)
    assert done.stderr.decode() == ""
    assert done.returncode == 128 + signal.SIGPIPE
