"""skillgraph serve: a real read-only Oxigraph server in a child process, queried over loopback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.helpers import invoke_cli
from tests.servers import require_binary

ROOT = Path(__file__).resolve().parent.parent
TRACK = Path(__file__).resolve().parent / "data" / "frontend-track.ttl"


def start_serve(
    *args: str, env_extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """Start ``skillgraph serve`` in a subprocess; return it and the URLs it printed."""
    require_binary("oxigraph")
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "skillgraph", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    urls: dict[str, str] = {}
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        found = re.match(r"(SPARQL endpoint|Explorer): (\S+)", line)
        if found:
            urls[found.group(1)] = found.group(2)
        if line.startswith("Serving"):
            return proc, urls
    proc.kill()
    raise AssertionError(f"serve did not start: {proc.stderr.read() if proc.stderr else ''}")


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


@pytest.fixture(scope="module")
def served():
    proc, urls = start_serve("--port", "0", "--data", str(TRACK))
    yield urls
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)


def run(*args: str):
    return invoke_cli(*args)


@pytest.mark.parametrize(
    "args",
    [
        ["path", "junior", "senior"],
        ["path", "junior fe", "frontend developer"],
        ["show", "python"],
        ["list"],
        ["plan", "--have", "python", "--target", "senior"],
    ],
    ids=" ".join,
)
def test_served_graph_gives_the_same_answers(served, args: list[str]) -> None:
    embedded = run(*args, "--data", str(TRACK))
    remote_run = run(*args, "--store", served["SPARQL endpoint"])
    assert remote_run.exit_code == 0, remote_run.output
    assert remote_run.output == embedded.output


def test_queries_without_graph_see_every_source_graph(served) -> None:
    response = requests.post(
        served["SPARQL endpoint"],
        data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/skillgraph/ontology#Role> }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert response.status_code == 200
    import rdflib

    role = (rdflib.RDF.type, rdflib.URIRef("https://w3id.org/skillgraph/ontology#Role"))
    curated_data = rdflib.Dataset(default_union=True)
    for path in sorted((ROOT / "ontology" / "data").glob("*.trig")):
        curated_data.parse(path, format="trig")
    curated = len(set(curated_data.subjects(*role)))
    track = len(set(rdflib.Graph().parse(TRACK, format="turtle").subjects(*role)))
    assert curated >= 5 and track == 2
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == curated + track


def test_updates_are_refused(served) -> None:
    base = served["SPARQL endpoint"].rsplit("/", 1)[0]
    update = requests.post(base + "/update", data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}, timeout=10)
    assert 400 <= update.status_code < 500
    put = requests.put(
        base + "/store?default", data=b"", headers={"Content-Type": "application/n-triples"}, timeout=10
    )
    assert 400 <= put.status_code < 500
    assert (
        run("list", "--store", served["SPARQL endpoint"]).output == run("list", "--data", str(TRACK)).output
    )


def test_the_explorer_is_served_beside_the_endpoint(served) -> None:
    response = requests.get(served["Explorer"], timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Senior Backend Developer" in response.text
    assert requests.get(served["Explorer"].replace("/explorer", "/nope"), timeout=10).status_code == 404


def test_a_port_in_use_is_a_one_line_error(served) -> None:
    port = served["SPARQL endpoint"].split(":")[2].split("/")[0]
    result = subprocess.run(
        [sys.executable, "-m", "skillgraph", "serve", "--port", port],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"skillgraph: error: port {port} on 127.0.0.1 is already in use (choose another with --port)\n"
    )


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_server_and_its_child(sig: int) -> None:
    proc, urls = start_serve("--port", "0")
    kids = children(proc.pid)
    assert len(kids) == 1
    cmdline = Path(f"/proc/{kids[0]}/cmdline").read_bytes().split(b"\0")
    folder = Path(cmdline[cmdline.index(b"--location") + 1].decode()).parent
    assert folder.is_dir()
    assert requests.get(urls["SPARQL endpoint"], params={"query": "ASK {}"}, timeout=10).status_code == 200
    proc.send_signal(sig)
    assert proc.wait(timeout=30) == 0
    time.sleep(0.2)
    assert (
        not Path(f"/proc/{kids[0]}").exists() or "Z" in Path(f"/proc/{kids[0]}/stat").read_text().split()[2]
    )
    assert not folder.exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(urls["SPARQL endpoint"], params={"query": "ASK {}"}, timeout=5)


def test_an_invalid_data_file_is_reported_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    result = run("serve", "--port", "0", "--data", str(bad))
    assert result.exit_code == 2
    assert "bad.ttl, line 1" in result.output


def test_served_answers_are_kept_and_volatile_ones_are_not() -> None:
    from skillgraph.rdf.dataset import load_rdf
    from skillgraph.sparql.proxy import ProxyLimits
    from skillgraph.sparql.serve import start_server

    require_binary("oxigraph")
    server = start_server(load_rdf(), port=0, limits=ProxyLimits(query_timeout=5))
    try:

        def get(query: str, accept: str) -> requests.Response:
            return requests.get(
                server.query_url, params={"query": query}, headers={"Accept": accept}, timeout=10
            )

        count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
        volatile = "SELECT (STRUUID() AS ?u) {}"
        csv, json = get(count, "text/csv"), get(count, "application/sparql-results+json")
        first = get(volatile, "text/csv")
        assert csv.status_code == json.status_code == first.status_code == 200
        assert get(volatile, "text/csv").text != first.text  # run each time
        server.process.kill()  # the engine is gone: kept answers still come, each in its own type
        server.process.wait()
        for kept in (csv, json):
            again = get(count, kept.request.headers["Accept"])
            assert (again.status_code, again.text) == (200, kept.text)
            assert again.headers["Content-Type"] == kept.headers["Content-Type"]
        after = get(volatile, "text/csv")  # needs the engine: refused, or a fresh answer once restarted
        assert after.status_code == 502 or after.text != first.text
    finally:
        server.stop()
