"""Load test of ``skillgraph serve``: 16 concurrent clients for 30 s from a second process.

Starts ``skillgraph serve`` (a child process) on a free loopback port unless ``--url`` names
a running endpoint, then runs the saved queries (``ontology/queries/*.rq`` when there are
any, else a representative set) round-robin from ``--clients`` threads, each with its own
HTTP connection, and reports throughput, p50/p99 latency and errors.
Goal on the curated graph: 0 errors, p99 under 100 ms.

    python benchmarks/serve_load.py [--clients 16] [--seconds 30] [--url URL]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX sg: <https://w3id.org/skillgraph/ontology#>
PREFIX sgd: <https://w3id.org/skillgraph/id/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
QUERIES = {
    "roles": "SELECT ?role ?label ?level WHERE { ?role a sg:Role ; skos:prefLabel ?label ; sg:level ?level } "
    "ORDER BY ?level",
    "senior-skills": "SELECT ?skill ?label WHERE { sgd:senior-backend-developer sg:requirement ?r . "
    "?r sg:skill ?skill . ?skill skos:prefLabel ?label } ORDER BY ?label",
    "prerequisite-chains": "SELECT ?skill (COUNT(?pre) AS ?n) WHERE { ?skill sg:hasPrerequisite+ ?pre } "
    "GROUP BY ?skill ORDER BY DESC(?n) LIMIT 20",
    "search-label": "SELECT ?s ?label WHERE { ?s skos:prefLabel|skos:altLabel ?label "
    'FILTER(CONTAINS(LCASE(STR(?label)), "data")) }',
    "facts-per-source": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "skills-by-category": "SELECT ?cat (COUNT(?skill) AS ?n) WHERE { ?skill a sg:Skill ; sg:category ?cat } "
    "GROUP BY ?cat",
    "trend-demand": "SELECT ?trend ?skill WHERE { ?trend sg:drivesDemandFor ?skill }",
    "describe-python": "SELECT ?p ?o WHERE { sgd:python ?p ?o }",
}


def saved_queries() -> dict[str, str]:
    """Return the saved queries of the ontology, or the representative set above."""
    folder = ROOT / "ontology" / "queries"
    found = {p.stem: p.read_text() for p in sorted(folder.glob("*.rq"))} if folder.is_dir() else {}
    return found or {name: PREFIXES + text for name, text in QUERIES.items()}


def start_server() -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "skillgraph", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    url = ""
    for line in proc.stdout:
        found = re.match(r"SPARQL endpoint: (\S+)", line)
        if found:
            url = found.group(1)
        if line.startswith("Serving"):
            return proc, url
    raise SystemExit("skillgraph serve did not start")


def client(
    url: str, queries: list[str], stop: float, latencies: list[float], errors: list[str], offset: int
) -> None:
    session = requests.Session()
    i = offset
    while time.perf_counter() < stop:
        query = queries[i % len(queries)]
        i += 1
        started = time.perf_counter()
        try:
            response = session.post(
                url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=10
            )
            response.json()
            ok = response.status_code == 200
        except (requests.RequestException, ValueError) as err:
            ok = False
            errors.append(type(err).__name__)
        else:
            if not ok:
                errors.append(f"HTTP {response.status_code}")
        if ok:
            latencies.append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--url", help="A running SPARQL endpoint (default: start skillgraph serve).")
    args = parser.parse_args()
    queries = saved_queries()
    proc = None
    url = args.url
    if not url:
        proc, url = start_server()
    try:
        # Check every query once before timing.
        for text in queries.values():
            response = requests.post(
                url, data={"query": text}, headers={"Accept": "application/sparql-results+json"}
            )
            response.raise_for_status()
        latencies: list[float] = []
        errors: list[str] = []
        stop = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=client, args=(url, list(queries.values()), stop, latencies, errors, n))
            for n in range(args.clients)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    print(f"endpoint: {url} ({len(queries)} queries, {args.clients} clients, {elapsed:.1f} s)")
    print(
        f"requests: {len(latencies)} ok, {len(errors)} errors; "
        f"throughput {len(latencies) / elapsed:.0f} req/s"
    )
    print(
        f"latency: p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms, "
        f"mean {statistics.fmean(latencies) * 1000:.1f} ms"
    )
    verdict = "OK" if not errors and p(0.99) < 100 else "MISSED"
    print(f"goal (0 errors, p99 < 100 ms): {verdict}")
    if errors:
        print("errors:", ", ".join(sorted(set(errors))))
    sys.exit(0 if verdict == "OK" else 1)


if __name__ == "__main__":
    main()
