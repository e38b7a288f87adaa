"""Benchmark: time from opening an exported explorer page to its first drawn frame.

For generated graphs of 100, 1,000 and 2,000 nodes (about 2.5 edges per node) the page
is opened from disk in headless Chromium; the page records ``performance.now()`` (time
since navigation start) at vis-network's first ``afterDrawing`` event and when it is
ready (drawn and, with physics, stabilised). A baseline measured in the same run opens a
page with the same inlined vis-network and an empty network; the ratios compare with it.
The target is a 2,000-node graph drawn and interactive within 3 s.

Run: ``PYTHONPATH=. python benchmarks/explorer_render.py [--runs 3] [--sizes 100,1000]``
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from skillgraph import explorer
from skillgraph.explorer._browser import headless_chromium
from skillgraph.vocabulary import TYPES

TARGET_MS = 3000.0


def generate_graph(n: int, edges_per_node: float = 2.5, seed: int = 1) -> nx.MultiDiGraph:
    """A skillgraph-shaped random graph: *n* nodes of every type, random relations.

    >>> g = generate_graph(100)
    >>> g.number_of_nodes(), 200 <= g.number_of_edges() <= 250
    (100, True)
    """
    rng = random.Random(seed)
    relations = list(explorer.EDGE_STYLES)
    g = nx.MultiDiGraph()
    for i in range(n):
        kind = TYPES[i % len(TYPES)] if i % 3 else "skill"
        g.add_node(
            f"https://w3id.org/skillgraph/id/n{i}",
            type=kind,
            id=f"n{i}",
            label=f"{kind.title()} {i}",
            alt_labels=(f"alias {i}",),
            description=f"Generated {kind} number {i}.",
            level=None,
            category=None,
            choice=False,
            effort_hours=float(i % 50),
            sources=("generated",),
        )
    keys = list(g.nodes)
    target = int(n * edges_per_node)
    while g.number_of_edges() < target:
        u, v = rng.sample(keys, 2)
        rel = rng.choice(relations)
        if not g.has_edge(u, v, key=rel):
            g.add_edge(u, v, key=rel, relation=rel, source="generated")
    return g


def measure(browser: Any, path: Path) -> dict[str, float]:
    """Open *path* in a fresh context; return its first-draw and ready times in ms."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.wait_for_function("() => window.skillgraphReady === true", timeout=60_000)
        timings = page.evaluate("window.skillgraphTimings")
        # One interaction once ready: a search that selects and focuses a node.
        start = time.perf_counter()
        page.evaluate("window.skillgraphSearch('skill 3')")
        search_ms = (time.perf_counter() - start) * 1000
    finally:
        context.close()
    if errors:
        raise RuntimeError(f"{path.name}: page errors {errors}")
    return {
        "first_draw": timings["firstDraw"],
        "ready": timings["ready"],
        "search": search_ms,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (and JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    results: dict[str, Any] = {"runs": args.runs, "sizes": {}}
    with tempfile.TemporaryDirectory() as tmp, headless_chromium() as browser:
        folder = Path(tmp)
        pages: dict[str, Path] = {}
        baseline = folder / "baseline.html"
        baseline.write_text(explorer.baseline_html(), encoding="utf-8")
        pages["baseline"] = baseline
        export_ms: dict[str, float] = {}
        for n in sizes:
            g = generate_graph(n)
            start = time.perf_counter()
            out = explorer.write_html(folder / f"g{n}.html", g, title=f"{n} nodes")
            export_ms[str(n)] = (time.perf_counter() - start) * 1000
            pages[str(n)] = out
            results["sizes"][str(n)] = {
                "nodes": n,
                "edges": g.number_of_edges(),
                "bytes": out.stat().st_size,
            }
        measure(browser, baseline)  # warm-up: first launch costs are not the page's
        samples: dict[str, list[dict[str, float]]] = {k: [] for k in pages}
        for _ in range(args.runs):  # interleaved, so drift affects all pages alike
            for name, path in pages.items():
                samples[name].append(measure(browser, path))

    def med(name: str, field: str) -> float:
        return statistics.median(s[field] for s in samples[name])

    base_draw, base_ready = med("baseline", "first_draw"), med("baseline", "ready")
    results["baseline"] = {
        "first_draw_ms": round(base_draw, 1),
        "ready_ms": round(base_ready, 1),
    }
    print(
        f"baseline (empty network, same inlined vis-network): first draw "
        f"{base_draw:.0f} ms, ready {base_ready:.0f} ms   (median of {args.runs})"
    )
    print(
        f"{'nodes':>6} {'edges':>6} {'MB':>5} {'export':>8} {'first draw':>11} "
        f"{'ready':>8} {'x base':>7} {'search':>7}"
    )
    ok = True
    for n in sizes:
        key = str(n)
        row = results["sizes"][key]
        draw, ready, search = (
            med(key, "first_draw"),
            med(key, "ready"),
            med(key, "search"),
        )
        row.update(
            export_ms=round(export_ms[key], 1),
            first_draw_ms=round(draw, 1),
            ready_ms=round(ready, 1),
            search_ms=round(search, 1),
            ratio_first_draw=round(draw / base_draw, 2),
            ratio_ready=round(ready / base_ready, 2),
        )
        print(
            f"{n:>6} {row['edges']:>6} {row['bytes'] / 1e6:>5.2f} {export_ms[key]:>6.0f}ms "
            f"{draw:>9.0f}ms {ready:>6.0f}ms {ready / base_ready:>6.2f}x {search:>5.0f}ms"
        )
        if n == 2000:
            ok = ready <= TARGET_MS
            print(
                f"2,000 nodes ready in {ready:.0f} ms: target {TARGET_MS:.0f} ms {'met' if ok else 'MISSED'}"
            )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
