"""The served endpoint as web clients use it: CORS and preflights, the SPARQL 1.1 Service
Description and VoID, the query page at ``/``, with a real Chromium and real HTTP requests."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
import requests
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF, VOID

from skillgraph.rdf.dataset import load_rdf
from skillgraph.sparql import queries
from skillgraph.sparql.proxy import ProxyLimits
from skillgraph.sparql.serve import SparqlServer, start_server
from tests.helpers import DATA, ROOT, invoke_cli
from tests.servers import free_port, popen_logged, require_binary, stop_process, wait_for_http

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
SG = "https://w3id.org/skillgraph/ontology#"
TRACK = DATA / "frontend-track.ttl"
ROLES = (
    "SELECT ?role ?label WHERE { ?role a <https://w3id.org/skillgraph/ontology#Role> ; "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label"
)

#: The terms of the SPARQL 1.1 Service Description vocabulary: classes, and the properties with
#: the class their subject belongs to (domain) and their object's class (range; None: any).
SD_CLASSES = {
    "Service", "Feature", "Language", "Function", "Aggregate", "EntailmentRegime",
    "EntailmentProfile", "GraphCollection", "Dataset", "Graph", "NamedGraph",
}  # fmt: skip
SD_INSTANCES = {
    "SPARQL10Query": "Language", "SPARQL11Query": "Language", "SPARQL11Update": "Language",
    "DereferencesURIs": "Feature", "UnionDefaultGraph": "Feature", "RequiresDataset": "Feature",
    "EmptyGraphs": "Feature", "BasicFederatedQuery": "Feature",
}  # fmt: skip
SD_PROPERTIES: dict[str, tuple[str, str | None]] = {
    "endpoint": ("Service", None),
    "feature": ("Service", "Feature"),
    "defaultEntailmentRegime": ("Service", "EntailmentRegime"),
    "supportedLanguage": ("Service", "Language"),
    "resultFormat": ("Service", None),
    "inputFormat": ("Service", None),
    "defaultDataset": ("Service", "Dataset"),
    "availableGraphs": ("Service", "GraphCollection"),
    "defaultGraph": ("Dataset", "Graph"),
    "namedGraph": ("GraphCollection", "NamedGraph"),
    "name": ("NamedGraph", None),
    "graph": ("NamedGraph", "Graph"),
}
#: Classes whose instances are also instances of another (sd:Dataset is a graph collection).
SD_SUPER = {"Dataset": "GraphCollection"}


def _serve(rdf: Any, **limits: Any) -> SparqlServer:
    require_binary("oxigraph")
    return start_server(rdf, port=0, limits=ProxyLimits(query_timeout=60, **limits))


class _Pages(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def pages() -> Iterator[Any]:
    """Make static servers of tests/data (each another loopback origin) and return their bases."""
    started: list[http.server.ThreadingHTTPServer] = []

    def start() -> str:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Pages, directory=str(DATA)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[SparqlServer]:
    """The built-in graph served with the default (public) CORS policy."""
    server = _serve(load_rdf())
    yield server
    server.stop()


def _count(server: SparqlServer, query: str) -> int:
    response = requests.post(
        server.query_url,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return len(response.json()["results"]["bindings"])


def _rendered_rows(browser: Any, page_url: str) -> tuple[str, int, Any]:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(page_url)
        page.wait_for_function("document.body.dataset.state !== undefined", timeout=30_000)
        state = page.evaluate("document.body.dataset.state")
        rows = page.locator("#rows tbody tr").count()
        return (
            state,
            rows,
            page.evaluate(
                "document.body.dataset.description || document.getElementById('error').textContent"
            ),
        )
    finally:
        context.close()


# -- CORS ---------------------------------------------------------------------------------


def test_a_page_of_another_origin_queries_the_endpoint_with_fetch(browser, pages, endpoint) -> None:
    base = pages()
    assert base.rsplit(":", 1)[1] != endpoint.base_url.rsplit(":", 1)[1]  # another origin
    state, rows, described = _rendered_rows(browser, f"{base}/cors-client.html?endpoint={endpoint.query_url}")
    assert state == "done", described
    assert rows == _count(endpoint, ROLES) > 0
    assert described.startswith("application/ld+json")  # the service description, read cross-origin


def test_a_preflight_is_answered_with_what_is_allowed(endpoint) -> None:
    asked = {
        "Origin": "https://app.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept",
    }
    for path in ("/query", "/sparql"):
        answer = requests.options(endpoint.base_url + path, headers=asked, timeout=10)
        assert answer.status_code == 204
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        methods = {m.strip() for m in answer.headers["Access-Control-Allow-Methods"].split(",")}
        assert {"GET", "POST"} <= methods and not methods & {"PUT", "DELETE", "PATCH"}
        allowed = {h.strip().lower() for h in answer.headers["Access-Control-Allow-Headers"].split(",")}
        assert {"content-type", "accept"} <= allowed
        assert answer.content == b""


@pytest.mark.parametrize(
    ("path", "method"), [("/update", "POST"), ("/store", "PUT"), ("/query", "PUT"), ("/query", "DELETE")]
)
def test_a_preflight_for_a_write_is_refused(endpoint, path: str, method: str) -> None:
    answer = requests.options(
        endpoint.base_url + path,
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": method},
        timeout=10,
    )
    assert answer.status_code == 403
    assert "read-only" in answer.text
    assert not any(h.lower().startswith("access-control-allow") for h in answer.headers)


@pytest.mark.parametrize(
    ("send", "status", "says"),
    [
        (dict(params={"query": "SELECT * WHERE {"}), 400, "line 1"),
        (dict(params={"query": "SELECT * {" * 100 + "}" * 100}), 400, "nest"),
        (dict(method="POST", data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}), 403, "INSERT"),
        (
            dict(method="POST", data="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
            403,
            "CLEAR",
        ),
        (
            dict(
                method="POST", data="DROP GRAPH <a:g>", headers={"Content-Type": "application/sparql-query"}
            ),
            400,
            "DROP",
        ),
    ],
    ids=["syntax", "nesting", "update-form", "update-body", "update-as-query"],
)
def test_error_answers_carry_cors_headers(endpoint, send: dict[str, Any], status: int, says: str) -> None:
    send = dict(send)
    method = send.pop("method", "GET")
    headers = {"Origin": "https://app.example", **send.pop("headers", {})}
    answer = requests.request(method, endpoint.query_url, headers=headers, timeout=10, **send)
    assert answer.status_code == status
    assert says.lower() in answer.text.lower()
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Content-Type"].startswith("text/plain")


def test_the_sparql_path_answers_queries_as_query_does(endpoint) -> None:
    def ask(path: str) -> requests.Response:
        return requests.post(
            endpoint.base_url + path,
            data={"query": ROLES},
            headers={"Accept": "application/sparql-results+json"},
            timeout=10,
        )

    assert ask("/sparql").json() == ask("/query").json()


@pytest.fixture(scope="module")
def narrowed(pages) -> Iterator[tuple[SparqlServer, str, str]]:
    """The built-in graph and a user's file, readable only by pages of one origin."""
    allowed, other = pages(), pages()
    server = _serve(load_rdf([TRACK]), cors_origins=(allowed,))
    yield server, allowed, other
    server.stop()


def test_a_narrowed_endpoint_answers_only_pages_of_its_origins(browser, narrowed) -> None:
    server, allowed, other = narrowed
    state, rows, message = _rendered_rows(browser, f"{allowed}/cors-client.html?endpoint={server.query_url}")
    assert state == "done", message
    assert rows == _count(server, ROLES) > 0
    state, rows, message = _rendered_rows(browser, f"{other}/cors-client.html?endpoint={server.query_url}")
    assert (state, rows) == ("error", 0)
    assert "fetch" in message.lower()


def test_a_narrowed_endpoint_names_the_origin_and_varies_by_it(narrowed) -> None:
    server, allowed, other = narrowed
    for origin in (allowed, other):
        answer = requests.get(
            server.query_url, params={"query": "ASK {}"}, headers={"Origin": origin}, timeout=10
        )
        assert answer.status_code == 200
        assert "Origin" in answer.headers["Vary"]
        assert answer.headers.get("Access-Control-Allow-Origin") == (origin if origin == allowed else None)
    refused = requests.options(
        server.query_url, headers={"Origin": other, "Access-Control-Request-Method": "POST"}, timeout=10
    )
    assert refused.status_code == 403 and other in refused.text


def test_a_bad_origin_is_a_one_line_error() -> None:
    result = invoke_cli("serve", "--port", "0", "--cors-origin", "example.org/path")
    assert result.exit_code == 2
    assert (
        result.output.strip()
        .splitlines()[-1]
        .endswith("'example.org/path' is not an origin: give scheme://host[:port], e.g. https://example.org")
    )


# -- the service description and VoID -------------------------------------------------------


def _description(server: SparqlServer, path: str, accept: str) -> rdflib.Graph:
    answer = requests.get(server.base_url + path, headers={"Accept": accept}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith(accept)
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld"}[accept]
    return rdflib.Graph().parse(data=answer.content, format=fmt, publicID=server.query_url)


def test_the_service_description_uses_the_vocabulary_as_defined(endpoint) -> None:
    turtle = _description(endpoint, "/query", "text/turtle")
    assert to_isomorphic(turtle) == to_isomorphic(_description(endpoint, "/query", "application/ld+json"))
    types: dict[Any, set[str]] = {}
    for node, kind in turtle.subject_objects(RDF.type):
        if str(kind).startswith(str(SD)):
            name = str(kind)[len(str(SD)) :]
            assert name in SD_CLASSES, kind
            types.setdefault(node, set()).update({name, SD_SUPER.get(name, name)})
    for subject, predicate, obj in turtle:
        if str(predicate).startswith(str(SD)):
            name = str(predicate)[len(str(SD)) :]
            assert name in SD_PROPERTIES, predicate
            domain, range_ = SD_PROPERTIES[name]
            assert domain in types.get(subject, set()), (subject, predicate)
            if range_ is not None:
                found = types.get(obj) or ({SD_INSTANCES[str(obj)[len(str(SD)) :]]} if obj in SD else set())
                assert range_ in found, (predicate, obj)
    (service,) = turtle.subjects(RDF.type, SD.Service)
    assert turtle.value(service, SD.endpoint) == rdflib.URIRef(endpoint.query_url)
    assert set(turtle.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}  # no update
    formats = {str(f) for f in turtle.objects(service, SD.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats
    assert SD.UnionDefaultGraph in set(turtle.objects(service, SD.feature))
    assert SD.BasicFederatedQuery not in set(turtle.objects(service, SD.feature))


def test_each_stated_result_format_is_answered(endpoint) -> None:
    media = {
        "SPARQL_Results_JSON": ("application/sparql-results+json", "SELECT * { ?s ?p ?o } LIMIT 1"),
        "SPARQL_Results_XML": ("application/sparql-results+xml", "SELECT * { ?s ?p ?o } LIMIT 1"),
        "SPARQL_Results_CSV": ("text/csv", "SELECT * { ?s ?p ?o } LIMIT 1"),
        "SPARQL_Results_TSV": ("text/tab-separated-values", "SELECT * { ?s ?p ?o } LIMIT 1"),
        "Turtle": ("text/turtle", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
        "N-Triples": ("application/n-triples", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
        "RDF_XML": ("application/rdf+xml", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
        "N-Quads": ("application/n-quads", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
        "TriG": ("application/trig", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
    }
    described = _description(endpoint, "/query", "text/turtle")
    stated = {str(f).rsplit("/", 1)[1] for f in described.objects(None, SD.resultFormat)}
    assert stated <= set(media)
    for name in stated:
        kind, query = media[name]
        answer = requests.get(
            endpoint.query_url, params={"query": query}, headers={"Accept": kind}, timeout=10
        )
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith(kind), name


def _served(server: SparqlServer) -> list[Any]:
    """Every quad the endpoint serves, read whole through its Graph Store (not through SPARQL)."""
    answer = requests.get(server.base_url + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    assert answer.status_code == 200
    return list(ox.parse(answer.content, format=ox.RdfFormat.N_QUADS))


def _graph_sizes(quads: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


def _described_graphs(described: rdflib.Graph) -> dict[str, int]:
    found = {}
    for named in described.subjects(RDF.type, SD.NamedGraph):
        graph = described.value(named, SD.graph)
        found[str(described.value(named, SD.name))] = int(described.value(graph, VOID.triples))
    return found


@pytest.mark.parametrize("which", ["endpoint", "narrowed"])
def test_the_named_graphs_described_are_those_served(request, which: str) -> None:
    server = request.getfixturevalue(which)
    server = server[0] if isinstance(server, tuple) else server
    served = _served(server)
    described = _description(server, "/query", "text/turtle")
    assert _described_graphs(described) == _graph_sizes(served)
    (default,) = described.objects(None, SD.defaultGraph)
    assert int(described.value(default, VOID.triples)) == len({q.triple for q in served})
    loaded = load_rdf([TRACK]) if which == "narrowed" else load_rdf()
    for name in loaded.store.named_graphs():  # every source graph, a user's file's too
        assert name.value in _described_graphs(described)
    if which == "narrowed":
        assert TRACK.resolve().as_uri() in _described_graphs(described)


def test_the_void_description_counts_what_is_served(endpoint) -> None:
    void = _description(endpoint, "/.well-known/void", "text/turtle")
    assert to_isomorphic(void) == to_isomorphic(
        _description(endpoint, "/.well-known/void", "application/ld+json")
    )
    (dataset,) = [d for d in void.subjects(RDF.type, VOID.Dataset) if void.value(d, VOID.sparqlEndpoint)]
    assert void.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(endpoint.query_url)
    served = _served(endpoint)
    distinct = {q.triple for q in served}
    assert int(void.value(dataset, VOID.triples)) == len(distinct)
    assert int(void.value(dataset, VOID.properties)) == len({t.predicate for t in distinct})
    assert int(void.value(dataset, VOID.distinctSubjects)) == len({t.subject for t in distinct})
    subsets = {
        str(void.value(s, SD.name)): int(void.value(s, VOID.triples))
        for s in void.objects(dataset, VOID.subset)
    }
    assert subsets == _graph_sizes(served)
    partitions = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(dataset, VOID.classPartition)
    }
    roles = {
        t.subject for t in distinct if t.predicate.value == str(RDF.type) and t.object.value == SG + "Role"
    }
    assert partitions[rdflib.URIRef(SG + "Role")] == len(roles) > 0
    # The service description names the same dataset.
    service = _description(endpoint, "/query", "text/turtle")
    assert dataset in set(service.objects(None, SD.defaultDataset))


def test_a_description_nobody_can_read_is_406(endpoint) -> None:
    answer = requests.get(
        endpoint.query_url, headers={"Accept": "application/sparql-results+json"}, timeout=10
    )
    assert answer.status_code == 406
    assert "text/turtle" in answer.text


def test_the_service_description_is_kept_with_the_answers() -> None:
    server = _serve(load_rdf())
    try:
        first = {
            accept: requests.get(server.query_url, headers={"Accept": accept}, timeout=10)
            for accept in ("text/turtle", "application/ld+json")
        }
        server.process.kill()  # the engine is gone: the kept descriptions still come, each in its syntax
        server.process.wait()
        for accept, kept in first.items():
            again = requests.get(server.query_url, headers={"Accept": accept}, timeout=10)
            assert (again.status_code, again.content) == (200, kept.content)
            assert again.headers["Content-Type"] == kept.headers["Content-Type"]
            assert again.headers["Access-Control-Allow-Origin"] == "*"
        # Another name for the endpoint is another description: it is not the kept one.
        proxied = requests.get(
            server.query_url,
            headers={
                "Accept": "text/turtle",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "sparql.example",
            },
            timeout=10,
        )
        assert proxied.status_code == 200
        graph = rdflib.Graph().parse(data=proxied.content, format="turtle")
        assert rdflib.URIRef("https://sparql.example/query") in set(graph.objects(None, SD.endpoint))
    finally:
        server.stop()


# -- the query page --------------------------------------------------------------------------


def _open_page(browser: Any, base: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/")
    page.locator("body[data-state=ready]").wait_for(timeout=30_000)  # no script of ours: the page's CSP
    assert not errors
    return context, page, asked


def _run(page: Any) -> str:
    page.click("#sg-run")
    page.locator("body[data-state=done], body[data-state=error]").wait_for(timeout=30_000)
    return str(page.get_attribute("body", "data-state"))


def test_the_query_page_runs_a_select_in_the_browser(browser, endpoint) -> None:
    context, page, asked = _open_page(browser, endpoint.base_url)
    try:
        query = page.input_value("#sg-query")
        assert _run(page) == "done"
        assert page.locator("#sg-results tbody tr").count() == _count(endpoint, query) > 0
        # Every example is a saved query; picking one runs it.
        names = page.eval_on_selector_all("#sg-example option", "os => os.map(o => o.textContent)")[1:]
        assert names == [q.name for q in queries.saved_queries()]
        page.select_option("#sg-example", label="role-ladder")
        assert "sg:progressesTo" in page.input_value("#sg-query")
        assert _run(page) == "done"
        assert page.locator("#sg-results tbody tr").count() == _count(endpoint, page.input_value("#sg-query"))
        # An update is refused, and the page says which.
        page.fill("#sg-query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert _run(page) == "error"
        assert "INSERT" in page.text_content("#sg-status")
        assert all(url.startswith(endpoint.base_url + "/") for url in asked)  # nothing from elsewhere
    finally:
        context.close()


def test_every_example_of_the_page_is_answered(endpoint) -> None:
    from skillgraph.sparql.page import examples

    found = examples()
    assert [e["name"] for e in found] == [q.name for q in queries.saved_queries()]
    for example in found:
        answer = requests.post(
            endpoint.query_url,
            data={"query": example["query"]},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        assert answer.status_code == 200, (example["name"], answer.text)


# -- behind the reverse proxy of docs/security.md -----------------------------------------------


def _proxy_config(server: SparqlServer, port: int, folder: Path) -> str:
    """The nginx configuration of docs/security.md, on ``port`` without TLS, in front of ``server``."""
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    block = text.split("```nginx\n", 1)[1].split("```", 1)[0]
    assert "listen 443 ssl;" in block and "OPTIONS" in block
    lines = [ln for ln in block.splitlines() if "ssl_certificate" not in ln]
    block = "\n".join(lines).replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    block = block.replace("127.0.0.1:7878", f"127.0.0.1:{server.port}")
    block = block.replace("127.0.0.1:7879", f"127.0.0.1:{server.explorer_port}")
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\ndaemon off;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{ worker_connections 256; }}\n"
        f"http {{\n    access_log off;\n{temp}\n{block}\n}}\n"
    )


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SparqlServer, str]]:
    """The built-in graph served behind nginx configured as docs/security.md says."""
    nginx = require_binary("nginx")
    require_binary("oxigraph")
    folder = tmp_path_factory.mktemp("nginx")
    server = start_server(load_rdf(), port=0, explorer_html="<p>explorer</p>", explorer_port=0)
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(_proxy_config(server, port, folder))
    proc = popen_logged([nginx, "-c", str(conf), "-p", str(folder)], folder)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", proc, timeout=30)
        yield server, f"http://127.0.0.1:{port}"
    finally:
        stop_process(proc)
        server.stop()


def test_the_documented_proxy_passes_preflights_and_queries(proxied) -> None:
    server, base = proxied
    preflight = requests.options(
        base + "/query",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"  # once: nginx adds none of its own
    direct = requests.post(
        server.query_url, data={"query": ROLES}, headers={"Accept": "text/csv"}, timeout=10
    )
    through = requests.post(
        base + "/query", data={"query": ROLES}, headers={"Accept": "text/csv"}, timeout=10
    )
    assert (through.status_code, through.text) == (200, direct.text)
    assert requests.put(base + "/query", data=b"", timeout=10).status_code == 403
    described = rdflib.Graph().parse(
        data=requests.get(base + "/query", headers={"Accept": "text/turtle"}, timeout=10).content,
        format="turtle",
    )
    assert set(described.objects(None, SD.endpoint)) == {rdflib.URIRef(base + "/query")}
    void = requests.get(base + "/.well-known/void", headers={"Accept": "application/ld+json"}, timeout=10)
    assert void.status_code == 200 and void.headers["Content-Type"].startswith("application/ld+json")
    assert requests.get(base + "/explorer", timeout=10).text == "<p>explorer</p>"


def test_pages_use_the_endpoint_through_the_documented_proxy(browser, pages, proxied) -> None:
    _, base = proxied
    state, rows, message = _rendered_rows(browser, f"{pages()}/cors-client.html?endpoint={base}/query")
    assert (state, message.split(";")[0]) == ("done", "application/ld+json")
    assert rows > 0
    context, page, asked = _open_page(browser, base)
    try:
        assert _run(page) == "done"
        assert page.locator("#sg-results tbody tr").count() == rows
        assert all(url.startswith(base + "/") for url in asked)
    finally:
        context.close()
