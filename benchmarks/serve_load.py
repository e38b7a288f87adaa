"""Load test of ``skillgraph serve``: good queries alone, then under hostile traffic.

Starts ``skillgraph serve`` (a child process) on a free loopback port unless ``--url`` names
a running endpoint, then runs the saved queries (``ontology/queries/*.rq``, parameters filled
with sample values) round-robin from ``--clients`` threads, each with its own HTTP
connection, and reports throughput, p50/p99 latency and errors. The run is made twice:
once alone, once while ``--hostile`` more threads send what an attacker would (queries
nested thousands deep, SERVICE calls, updates, cross products that hit the timeout,
large flat queries, short and oversized bodies) and hold ``--idle`` half-sent connections open. The errors
and p99 of the good queries are reported side by side, with their ratio.
Goal on the curated graph: 0 errors, p99 under 100 ms without hostile traffic; 0 errors
of the good queries and 0 engine restarts with it.

Each good request says it comes from a page of another origin (``Origin``) and counts as an
error unless the answer lets that page read it (``Access-Control-Allow-Origin``).
``--proxy asgi`` runs the same load against the same checks on uvicorn
(``benchmarks/asgi_proxy.py``) instead of serve's own ``http.server`` proxy.

The saved queries repeat, so with the default ``--answer-cache`` most good queries are answered
from serve's kept answers; ``--answer-cache 0`` measures the engine on every query.

    python benchmarks/serve_load.py [--clients 16] [--seconds 30] [--hostile 4] [--idle 300]
                                    [--answer-cache MB] [--proxy serve|asgi] [--url URL]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
#: Sample values for the saved queries' parameters, by parameter name.
SAMPLE_PARAMS = {"role": "senior", "skill": "django", "node": "python"}
#: The origin the good clients say they come from, as a page of another site would.
PAGE_ORIGIN = "https://app.example"


def saved_queries() -> dict[str, str]:
    """Return the saved queries (parameters filled in, prefixes declared), ready to send."""
    from skillgraph import sparql
    from skillgraph.vocabulary import PREFIXES

    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    found = {}
    for saved in sparql.saved_queries():
        params = {p.name: SAMPLE_PARAMS[p.name] for p in saved.params}
        found[saved.name] = prologue + sparql.prepare(saved.text, params, declared=saved.params)
    return found


def start_server(answer_cache: int = 64, proxy: str = "serve") -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    program = ["-m", "skillgraph", "serve"]
    if proxy == "asgi":
        program = [str(ROOT / "benchmarks" / "asgi_proxy.py")]
    proc = subprocess.Popen(
        [sys.executable, *program, "--port", "0", "--answer-cache", str(answer_cache)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
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
                url,
                data={"query": query},
                headers={"Accept": "application/sparql-results+json", "Origin": PAGE_ORIGIN},
                timeout=10,
            )
            response.json()
            # A page of another origin must be able to read the answer too.
            ok = response.status_code == 200 and "Access-Control-Allow-Origin" in response.headers
        except (requests.RequestException, ValueError) as err:
            ok = False
            errors.append(type(err).__name__)
        else:
            if response.status_code != 200:
                errors.append(f"HTTP {response.status_code}")
            elif not ok:
                errors.append("no CORS header")
        if ok:
            latencies.append(time.perf_counter() - started)


#: What the hostile threads send (the body, its content type), round-robin.
HOSTILE: list[tuple[bytes, str]] = [
    (("ASK " + "{" * 5000 + "}" * 5000).encode(), "application/sparql-query"),
    (("SELECT * { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }").encode(), "application/sparql-query"),
    (b"SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "application/sparql-query"),
    (b"update=CLEAR+ALL", "application/x-www-form-urlencoded"),
    (b"SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "application/sparql-query"),
    (b"SELECT * { ?a ?b ?c . ?d ?e ?f }", "application/sparql-query"),
    (b"#" * (2 << 20), "application/sparql-query"),
    # Large flat queries: refused before the engine sees them.
    (
        ("SELECT * {" + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(10_000)) + "}").encode(),
        "application/sparql-query",
    ),
    (
        ("SELECT " + " ".join(f"?v{i}" for i in range(3_000)) + " { ?s ?p ?o }").encode(),
        "application/sparql-query",
    ),
    (
        (
            "SELECT " + " ".join(f"(GROUP_CONCAT(?o) AS ?g{i})" for i in range(3_000)) + " { ?s ?p ?o }"
        ).encode(),
        "application/sparql-query",
    ),
    (
        ("SELECT ?s { ?s ?p ?o } ORDER BY " + " ".join(f"?v{i}" for i in range(50_000))).encode(),
        "application/sparql-query",
    ),
    # The largest flat query let through: its plan takes a while, then it runs into the timeout.
    (
        (
            "SELECT * { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s ?p{i} ?o{i} }}" for i in range(60)) + "}"
        ).encode(),
        "application/sparql-query",
    ),
]


def hostile(url: str, stop: float, counts: dict[str, int], offset: int) -> None:
    """Send the hostile requests until ``stop``; count the answers by status."""
    session = requests.Session()
    i = offset
    while time.perf_counter() < stop:
        body, kind = HOSTILE[i % len(HOSTILE)]
        i += 1
        try:
            status = str(session.post(url, data=body, headers={"Content-Type": kind}, timeout=30).status_code)
        except requests.RequestException as err:
            status = type(err).__name__
        counts[status] = counts.get(status, 0) + 1


def half_sent(url: str, stop: float, count: int) -> None:
    """Keep ``count`` connections open that never finish their request (re-opened when cut)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    held: list[socket.socket] = []
    while time.perf_counter() < stop:
        while len(held) < count:
            try:
                sock = socket.create_connection((host, port), timeout=5)
                sock.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n")
                held.append(sock)
            except OSError:
                break
        time.sleep(0.5)
        alive = []
        for sock in held:
            try:
                sock.setblocking(False)
                if sock.recv(1) == b"":
                    sock.close()
                    continue
            except BlockingIOError:
                alive.append(sock)
                continue
            except OSError:
                sock.close()
                continue
            alive.append(sock)
        held = alive
    for sock in held:
        sock.close()


def measure(
    url: str, queries: list[str], clients: int, seconds: float, n_hostile: int, idle: int
) -> dict[str, object]:
    """Run the good clients (and the hostile ones) for ``seconds``; return the numbers."""
    latencies: list[float] = []
    errors: list[str] = []
    counts: dict[str, int] = {}
    stop = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=client, args=(url, queries, stop, latencies, errors, n))
        for n in range(clients)
    ]
    threads += [threading.Thread(target=hostile, args=(url, stop, counts, n)) for n in range(n_hostile)]
    if idle:
        threads.append(threading.Thread(target=half_sent, args=(url, stop, idle)))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0  # noqa: E731
    return {
        "ok": len(latencies),
        "errors": errors,
        "elapsed": elapsed,
        "p50": p(0.50),
        "p99": p(0.99),
        "max": latencies[-1] * 1000 if latencies else 0.0,
        "mean": statistics.fmean(latencies) * 1000 if latencies else 0.0,
        "hostile": counts,
    }


def report(name: str, numbers: dict[str, object]) -> None:
    ok, errors, elapsed = numbers["ok"], numbers["errors"], numbers["elapsed"]
    assert isinstance(ok, int) and isinstance(errors, list) and isinstance(elapsed, float)
    print(
        f"{name}: {ok} ok, {len(errors)} errors, {ok / elapsed:.0f} req/s; "
        f"p50 {numbers['p50']:.1f} ms, p99 {numbers['p99']:.1f} ms, max {numbers['max']:.1f} ms"
    )
    if errors:
        print(f"  errors: {', '.join(sorted(set(errors)))}")
    if numbers["hostile"]:
        answers = ", ".join(f"{k}: {v}" for k, v in sorted(numbers["hostile"].items()))  # type: ignore[attr-defined]
        print(f"  hostile requests answered: {answers}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--hostile", type=int, default=4, help="Threads sending hostile requests.")
    parser.add_argument("--idle", type=int, default=300, help="Half-sent connections held open.")
    parser.add_argument("--url", help="A running SPARQL endpoint (default: start skillgraph serve).")
    parser.add_argument(
        "--answer-cache", type=int, default=64, metavar="MB", help="serve --answer-cache (0: none)."
    )
    parser.add_argument(
        "--proxy",
        choices=["serve", "asgi"],
        default="serve",
        help="serve's own proxy, or the same checks on uvicorn (benchmarks/asgi_proxy.py).",
    )
    args = parser.parse_args()
    queries = saved_queries()
    proc = None
    url = args.url
    if not url:
        proc, url = start_server(args.answer_cache, args.proxy)
    try:
        # Check every query once before timing.
        for text in queries.values():
            response = requests.post(
                url, data={"query": text}, headers={"Accept": "application/sparql-results+json"}
            )
            response.raise_for_status()
        alone = measure(url, list(queries.values()), args.clients, args.seconds, 0, 0)
        attacked = measure(url, list(queries.values()), args.clients, args.seconds, args.hostile, args.idle)
    finally:
        restarts = ""
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            _, restarts = proc.communicate(timeout=30)
    print(
        f"endpoint: {url} ({len(queries)} queries, {args.clients} clients, {args.seconds:g} s per run, "
        f"answer cache {args.answer_cache} MB, proxy {args.proxy})"
    )
    report("good queries alone", alone)
    report(
        f"good queries beside {args.hostile} hostile clients and {args.idle} half-sent connections", attacked
    )
    p99_ratio = float(attacked["p99"]) / max(float(alone["p99"]), 1e-9)  # type: ignore[arg-type]
    rate_ratio = (attacked["ok"] / attacked["elapsed"]) / max(alone["ok"] / alone["elapsed"], 1e-9)  # type: ignore[operator]
    print(f"under attack: p99 x{p99_ratio:.2f}, throughput x{rate_ratio:.2f}")
    engine_restarts = (restarts or "").count("restarting")
    print(f"engine restarts: {engine_restarts}")
    verdict = (
        "OK"
        if not alone["errors"]
        and not attacked["errors"]
        and float(alone["p99"]) < 100
        and not engine_restarts  # type: ignore[arg-type]
        else "MISSED"
    )
    print(f"goal (0 errors in both runs, p99 < 100 ms alone, no engine restart): {verdict}")
    sys.exit(0 if verdict == "OK" else 1)


if __name__ == "__main__":
    main()
