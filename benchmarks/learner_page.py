"""Benchmark: the explorer's learner mode updating after a click, on a 2,000-node graph.

A generated career graph (layered skills with prerequisites and skill choices, a ladder of
roles asking skills at levels) is exported with the learner mode and opened in headless
Chromium. Each "click" marks the first skill the page says to start now (through the same
function a node click calls) and the page recomputes what is implied, the frontier and the
plan, and repaints the progress marks and lists; the time of the recomputation alone and of
the whole update are read from the page. Both views are clicked in, one after the other: the
whole graph (every node drawn) and the plan's roadmap (each click lays it out again: the
marks, the skills the plan no longer needs kept in place). The baseline, in the same run and
page, is one ``DataSet.update`` of a node's colour (the least a vis-network page repaints).
Target: in each view, the page updated (recomputed and repainted) within 100 ms of a click.

Run: ``PYTHONPATH=. python benchmarks/learner_page.py [--nodes 2000] [--clicks 30]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from skillgraph import explorer
from skillgraph.explorer._browser import headless_chromium, opened_page
from skillgraph.explorer.learner import learner_data
from skillgraph.model.graph import SkillGraph

TARGET_MS = 100.0
SG = "https://w3id.org/skillgraph/id/"


def generate(n: int, seed: int = 3) -> SkillGraph:
    """A career-shaped graph of ``n`` nodes: 10 roles on a ladder, the rest skills (a tenth of
    them choices of 3 alternatives), each skill with up to 3 prerequisites among earlier ones.

    >>> g = generate(200)
    >>> len(g), len(g.nodes("role"))
    (200, 10)
    """
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    roles = [f"{SG}role{i}" for i in range(10)]
    skills = [f"{SG}skill{i}" for i in range(n - len(roles))]
    for i, key in enumerate(roles):
        g.add_node(key, type="role", id=f"role{i}", label=f"Role {i}", level=i + 1, alt_labels=())
        if i:
            g.add_edge(roles[i - 1], key, key="progresses_to", relation="progresses_to")
    for i, key in enumerate(skills):
        base = rng.choice([10.0, 20.0, 40.0])
        effort = tuple((r, base * r * r) for r in range(1, 5))
        g.add_node(
            key,
            type="skill",
            id=f"skill{i}",
            label=f"Skill {i}",
            alt_labels=(),
            effort=effort if i % 13 else (),
            learned_by="practice" if i % 13 == 0 else "study",
            choice=False,
        )
        for p in rng.sample(range(i), min(i, rng.randint(0, 3))):
            g.add_edge(key, skills[p], key="has_prerequisite", relation="has_prerequisite")
    for i in range(0, len(skills) - 3, 10):  # every tenth skill: a choice among the next three
        choice = skills[i]
        g.nodes[choice].update(choice=True, effort=())
        for alt in skills[i + 1 : i + 4]:
            g.add_edge(choice, alt, key="any_of", relation="any_of")
    for r, role in enumerate(roles):
        for skill in rng.sample(skills, 12):
            g.add_edge(
                role, skill, key="requires", relation="requires", proficiency=rng.randint(1, min(4, r + 1))
            )
    return SkillGraph(g)


def _clicks(page: Any, clicks: int) -> tuple[list[float], list[float], list[float]]:
    """Mark the first skill to start now, ``clicks`` times; the recompute, whole update and
    baseline times (ms) of each click."""
    compute, update, baseline = [], [], []
    for _ in range(clicks):
        first = page.evaluate("(window.skillgraphLearner.state().frontier[0] || [null])[0]")
        if first is None:
            break
        timing = page.evaluate(
            """k => { window.skillgraphLearner.setLevel(k, 4);
                      return Object.assign({}, window.skillgraphLearner.timings); }""",
            first,
        )
        compute.append(timing["compute"])
        update.append(timing["update"])
        baseline.append(
            page.evaluate(
                """k => { const t = performance.now();
                          window.skillgraphNodes.update({id: k, borderWidth: 3});
                          return performance.now() - t; }""",
                first,
            )
        )
    return compute, update, baseline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args(argv)
    graph = generate(args.nodes)
    target = graph.nodes("role")[-1]
    views: dict[str, tuple[list[float], list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, headless_chromium() as browser:
        page_file = explorer.write_html(
            Path(tmp) / "learner.html",
            graph.nx,
            title=f"{args.nodes} nodes",
            learner=learner_data(graph, target=target),
        )
        page: Any
        with opened_page(browser, page_file, width=1280, height=800, ready_ms=120_000) as page:
            views["whole graph"] = _clicks(page, args.clicks)
            page.click("#sg-roadmap")  # the plan's roadmap, laid out again by each click
            views["plan's roadmap"] = _clicks(page, args.clicks)
    if not all(compute for compute, _, _ in views.values()):
        print("nothing to start on this graph")
        return 1
    print(f"{args.nodes} nodes, {graph.nx.number_of_edges()} edges, {args.clicks} clicks a view (medians)")
    ok = True
    for view, (compute, update, baselines) in views.items():
        med_c, med_u = statistics.median(compute), statistics.median(update)
        base = statistics.median(baselines)
        ok = ok and med_u <= TARGET_MS
        print(f"  {view}:")
        print(f"    baseline: one DataSet.update        {base:8.2f} ms")
        for what, ms in (
            ("recompute implied, frontier, plan", med_c),
            ("whole update (recompute + repaint)", med_u),
        ):
            print(f"    {what:36}{ms:8.2f} ms  {ms / max(base, 0.01):6.2f}x baseline")
        print(f"    worst whole update                  {max(update):8.2f} ms")
    print(
        f"page updated after a click within {TARGET_MS:.0f} ms in every view: {'met' if ok else 'MISSED'}"
        " (the repaint alone: see the baseline)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
