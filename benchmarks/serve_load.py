"""Load test of ``skillgraph serve``: 16 concurrent clients for 30 s from a second process.

Starts ``skillgraph serve`` (a child process) on a free loopback port unless ``--url`` names
a running endpoint, then runs the saved queries (``ontology/queries/*.rq``, parameters filled
with sample values) round-robin from ``--clients`` threads, each with its own HTTP
connection, and reports throughput, p50/p99 latency and errors.
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
#: Sample values for the saved queries' parameters, by parameter name.
SAMPLE_PARAMS = {"role": "senior", "skill": "django", "node": "python"}


def saved_queries() -> dict[str, str]:
    """Return the saved queries (parameters filled in, prefixes declared), ready to send."""
    from skillgraph import sparql
    from skillgraph.rdf.namespace import PREFIXES

    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    found = {}
    for saved in sparql.saved_queries():
        params = {p.name: SAMPLE_PARAMS[p.name] for p in saved.params}
        found[saved.name] = prologue + sparql.prepare(saved.text, params, declared=saved.params)
    return found


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
