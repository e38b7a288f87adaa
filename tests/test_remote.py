"""--store URL and skillgraph push against real SPARQL servers on loopback (Oxigraph, Virtuoso)."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.errors import StoreError
from skillgraph.rdf.dataset import load_rdf
from skillgraph.sparql import remote
from tests.helpers import invoke_cli
from tests.servers import free_port

DATA = Path(__file__).resolve().parent / "data"
TRACK = DATA / "frontend-track.ttl"

COMMANDS = [
    ["path", "junior", "senior"],
    ["path", "junior", "lead", "--format", "json"],
    ["path", "junior fe", "frontend developer"],
    ["show", "python"],
    ["show", "frontend developer", "--format", "json"],
    ["show", "aws"],
    ["list"],
    ["list", "--type", "skill", "--format", "json"],
    ["plan", "--have", "python,sql", "--target", "senior"],
    ["gap", "--have", "python,sql:intermediate,git", "--target", "lead", "--format", "json"],
    ["query", "--name", "role-ladder"],
    ["query", "--name", "role-gap", "--param", "role=senior", "--format", "csv"],
    ["query", "--name", "prerequisites", "--param", "skill=react", "--format", "json"],
    ["query", "--name", "skills-by-category"],
    ["query", "-e", "ASK { sgd:python sg:hasPrerequisite sgd:programming-fundamentals }"],
    [
        "query",
        "-e",
        "CONSTRUCT { sgd:django ?p ?o } WHERE { sgd:django ?p ?o FILTER(isIRI(?o)) }",
        "--format",
        "nt",
    ],
]


def run(*args: str, env: dict[str, str] | None = None):
    return invoke_cli(*args, env=env)


@pytest.fixture(params=["oxigraph", "virtuoso"], scope="module")
def pushed(request: pytest.FixtureRequest):
    """A server holding the built-in graph plus the frontend track, pushed with skillgraph push."""
    server = request.getfixturevalue(f"{request.param}_server")
    env = {}
    if server.user:
        env = {"SKILLGRAPH_STORE_USER": server.user, "SKILLGRAPH_STORE_PASSWORD": server.password}
    result = run("push", server.store_url, "--data", str(TRACK), env=env)
    assert result.exit_code == 0, result.output
    assert "pushed" in result.output
    return server


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_store_gives_the_same_answers_as_the_embedded_store(pushed, args: list[str]) -> None:
    embedded = run(*args, "--data", str(TRACK))
    assert embedded.exit_code == 0, embedded.output
    for extra in ([], ["--no-cache"]):
        remote_run = run(*args, "--store", pushed.query_url, *extra)
        assert remote_run.exit_code == 0, remote_run.output
        assert remote_run.output == embedded.output


def test_the_graph_store_url_works_for_reading_too(pushed) -> None:
    assert run("show", "python", "--store", pushed.store_url).output == run("show", "python").output


def test_show_reports_the_sources_of_pushed_facts(pushed) -> None:
    result = run("show", "frontend developer", "--store", pushed.query_url)
    assert result.exit_code == 0, result.output
    assert "frontend-track.ttl" in result.output
    assert "unattributed" not in run("show", "python", "--store", pushed.query_url).output


def test_sparql_over_the_pushed_graph_matches_the_embedded_store(pushed) -> None:
    query = (
        "SELECT ?role ?label WHERE { GRAPH ?g { ?role a <https://w3id.org/skillgraph/ontology#Role> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } } ORDER BY ?role"
    )
    with remote.Client() as client:
        pushed_graph = remote.find_push(client, pushed.query_url)
        assert pushed_graph is not None and pushed_graph.graph == remote.DEFAULT_GRAPH
        got = remote.select(
            client, pushed.query_url, query.replace("GRAPH ?g", ""), default_graphs=[remote.DEFAULT_GRAPH]
        )
    expected = load_rdf([TRACK]).store.query(query)
    assert [[t.value for t in row] for row in got.rows] == [
        [s["role"].value, s["label"].value] for s in expected
    ]


def test_push_replaces_the_graph_and_removes_the_old_parts(pushed) -> None:
    env = {}
    if pushed.user:
        env = {"SKILLGRAPH_STORE_USER": pushed.user, "SKILLGRAPH_STORE_PASSWORD": pushed.password}
    assert run("push", pushed.store_url, env=env).exit_code == 0  # without the frontend track
    try:
        with remote.Client() as client:
            found = remote.find_push(client, pushed.query_url)
            assert found is not None
            prefix = remote.DEFAULT_GRAPH + "/"
            graphs = remote.select(
                client,
                pushed.query_url,
                f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}',
            )
        assert {row[0].value for row in graphs.rows} == set(found.parts)
        result = run("show", "frontend developer", "--store", pushed.query_url)
        assert result.exit_code == 2 and "unknown name" in result.output
        assert run("list", "--store", pushed.query_url).output == run("list").output
    finally:
        assert run("push", pushed.store_url, "--data", str(TRACK), env=env).exit_code == 0


def test_validate_a_store(pushed) -> None:
    result = run("validate", "--store", pushed.query_url)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: ")


def test_data_and_store_do_not_mix(pushed) -> None:
    result = run("path", "junior", "senior", "--store", pushed.query_url, "--data", str(TRACK))
    assert result.exit_code == 2
    assert "--data cannot be combined with --store" in result.output


# -- credentials --------------------------------------------------------------------------


def test_virtuoso_wants_a_login_to_push(virtuoso_server) -> None:
    result = run(
        "push",
        virtuoso_server.store_url,
        env={"SKILLGRAPH_STORE_USER": None, "SKILLGRAPH_STORE_PASSWORD": None, "HOME": "/nonexistent"},
    )
    assert result.exit_code == 1
    assert "login refused (HTTP 401)" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_wrong_credentials_are_refused_and_never_printed(virtuoso_server) -> None:
    env = {"SKILLGRAPH_STORE_USER": "dba", "SKILLGRAPH_STORE_PASSWORD": "wrong-s3cret"}
    result = run("push", virtuoso_server.store_url, env=env)
    assert result.exit_code == 1
    line = result.output.strip()
    assert line == f"skillgraph: error: store {virtuoso_server.store_url}: login refused (HTTP 401)"
    assert "wrong-s3cret" not in result.output


def test_credentials_in_the_url_work_and_are_redacted(virtuoso_server) -> None:
    url = virtuoso_server.store_url.replace("http://", "http://dba:dba@")
    result = run("push", url, "--data", str(TRACK))
    assert result.exit_code == 0, result.output
    assert "dba:dba" not in result.output and virtuoso_server.store_url in result.output
    bad = virtuoso_server.store_url.replace("http://", "http://dba:n0pe-pw@")
    result = run("push", bad)
    assert result.exit_code == 1 and "n0pe-pw" not in result.output
    assert "login refused" in result.output


def test_netrc_credentials(virtuoso_server, tmp_path: Path) -> None:
    host = virtuoso_server.store_url.split("/")[2].split(":")[0]
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine {host} login dba password dba\n")
    netrc.chmod(0o600)
    result = run("push", virtuoso_server.store_url, "--data", str(TRACK), env={"NETRC": str(netrc)})
    assert result.exit_code == 0, result.output


# -- an endpoint that cannot answer --------------------------------------------------------


def test_unreachable_endpoint() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run("show", "python", "--store", url)
    assert result.exit_code == 1
    assert result.output == f"skillgraph: error: store {url}: cannot connect (connection refused)\n"


def test_unreachable_endpoint_with_credentials_in_the_url() -> None:
    port = free_port()
    result = run("path", "junior", "senior", "--store", f"http://zed-user:hunter22@127.0.0.1:{port}/query")
    assert result.exit_code == 1
    assert "hunter22" not in result.output and "zed-user" not in result.output
    assert f"http://127.0.0.1:{port}/query" in result.output


def test_a_store_that_never_answers_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # accepts connections, never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        result = run("list", "--store", url, env={"SKILLGRAPH_STORE_TIMEOUT": "0.5"})
    assert result.exit_code == 1
    assert result.output == f"skillgraph: error: store {url}: no answer within 0.5 s (timed out)\n"


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        ("text/html", b"<html>hello</html>", "not SPARQL JSON results (text/html)"),
        (
            # What Oxigraph sends when its own timeout cancels a streamed answer.
            "application/sparql-results+json",
            b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled',
            'the answer broke off (the store\'s last words: ...{"head"',
        ),
        ("application/sparql-results+json", b'{"head": 1}', "not SPARQL JSON results (application/"),
        ("application/sparql-results+json", b"", "not SPARQL JSON results (application/"),
    ],
)
def test_an_endpoint_that_is_not_sparql(kind: str, body: bytes, expected: str) -> None:
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.handle_request, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/query"
    try:
        result = run("list", "--store", url)
    finally:
        httpd.server_close()
    assert result.exit_code == 1
    assert expected in result.output and result.output.count("\n") == 1
    if b"cancelled" in body:
        assert result.output.endswith("The SPARQL operation has been cancelled)\n")
    assert "Traceback" not in result.output


def test_parse_results_maps_any_blank_node_label() -> None:
    body = (
        '{"head": {"vars": ["s", "o"]}, "results": {"bindings": ['
        '{"s": {"type": "bnode", "value": "nodeID://b1"}, "o": {"type": "typed-literal", "value": "2", '
        '"datatype": "http://www.w3.org/2001/XMLSchema#integer"}},'
        '{"s": {"type": "bnode", "value": "nodeID://b1"}, "o": {"type": "literal", "value": "x", "xml:lang": "en"}}]}}'
    )
    rows = remote.parse_results(body).rows
    assert rows[0][0] == rows[1][0] and isinstance(rows[0][0], ox.BlankNode)
    assert rows[0][1] == ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert rows[1][1] == ox.Literal("x", language="en")


class _Breaking:
    """A store that cuts its answer halfway ``breaks`` times, then answers whole."""

    def __init__(self, breaks: int) -> None:
        import http.server

        self.seen: list[tuple[str, bytes]] = []
        store = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                store.seen.append((self.command, body))
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                if len(store.seen) <= breaks:
                    self.wfile.write(b"10\r\nhalf an ans")  # a chunk cut short, then the socket closes
                    self.close_connection = True
                else:
                    self.wfile.write(b"2\r\nok\r\n0\r\n\r\n")

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("breaks", [1, 2])
def test_an_answer_cut_halfway_is_asked_once_more(breaks: int) -> None:
    store = _Breaking(breaks)
    try:
        with remote.Client(timeout=10) as client:
            if breaks == 1:
                response = client.request(
                    "PUT", store.url, params={"graph": "urn:g"}, data=b"<a> <b> <c> .\n"
                )
                assert response.text == "ok"
            else:  # cut twice: a clean error, after exactly two attempts
                with pytest.raises(StoreError, match="request failed"):
                    client.request("PUT", store.url, params={"graph": "urn:g"}, data=b"<a> <b> <c> .\n")
        assert store.seen == [("PUT", b"<a> <b> <c> .\n")] * 2
    finally:
        store.close()


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://nohost.invalid/sparql", "unknown host"), (None, "connection refused")],
)
def test_a_store_that_cannot_be_reached_is_tried_once(url, reason, monkeypatch) -> None:
    url = url or f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    calls: list[str] = []
    real = remote.Client._exchange

    def counted(self, session, method, clean, auth, **kwargs):
        calls.append(method)
        return real(self, session, method, clean, auth, **kwargs)

    monkeypatch.setattr(remote.Client, "_exchange", counted)
    with (
        remote.Client(timeout=10) as client,
        pytest.raises(StoreError, match=f"cannot connect \\({reason}\\)"),
    ):
        client.request("GET", url)
    assert calls == ["GET"]
