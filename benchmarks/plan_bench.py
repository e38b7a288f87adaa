"""Learning plans on a generated graph the size of ESCO, against networkx's closure + order.

The graph is built directly as a SkillGraph (no RDF): about 20,000 skills (some
of them skill choices with 2-4 alternatives), 3,000 roles, 150,000 prerequisite
and requirement edges. For each sampled role it times, in the same run:

- ``plan``: skillgraph.algorithms.plan.plan(...) with a random profile of known skills;
- ``baseline``: nx.ancestors() of every required skill plus nx.topological_sort()
  of that subgraph (every alternative of every choice included: no decisions).

and prints the medians and their ratio (target: a median plan under 100 ms). Each
timing is the best of ``--repeat`` runs; the graph is moved out of the garbage
collector's reach once built (``gc.freeze()``), as a long-lived process would.

    python benchmarks/plan_bench.py [--roles 40] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from skillgraph.algorithms.plan import plan, plan_index
from skillgraph.model.graph import SkillGraph

TARGET_MS = 100.0


def _attrs(key: str, kind: str, *, choice: bool = False, effort: float | None = None) -> dict:
    return {
        "id": key,
        "type": kind,
        "label": key,
        "alt_labels": (),
        "description": None,
        "level": None,
        "category": f"cat{hash(key) % 12}" if kind == "skill" else None,
        "choice": choice,
        "effort_hours": effort,
        "matches": (),
        "sources": (),
    }


def generate(
    rng: random.Random,
    skills: int = 20_000,
    roles: int = 3_000,
    choices: int = 500,
    prerequisite_edges: int = 30_000,
    requirement_edges: int = 120_000,
) -> SkillGraph:
    """Return a random, acyclic, ESCO-sized SkillGraph."""
    g = nx.MultiDiGraph()
    names = [f"s{i}" for i in range(skills)]
    for name in names:
        g.add_node(name, **_attrs(name, "skill", effort=float(rng.randint(5, 200))))

    def edge(u: str, v: str, rel: str, **extra: object) -> None:
        g.add_edge(u, v, key=rel, relation=rel, sources=(), **extra)

    # prerequisites point to lower indices: acyclic
    for _ in range(prerequisite_edges):
        i = rng.randrange(1, skills)
        edge(names[i], names[rng.randrange(max(0, i - 3_000), i)], "has_prerequisite")
    # skill choices: alternatives above the choice's own prerequisites, the choice below its users
    choice_names = []
    for c in range(choices):
        alts = sorted(rng.sample(range(500, skills - 500), rng.randint(2, 4)))
        key = f"c{c}"
        g.add_node(key, **_attrs(key, "skill", choice=True, effort=50.0))
        for a in alts:
            edge(key, names[a], "any_of")
        for _ in range(rng.randint(0, 2)):
            edge(key, names[rng.randrange(0, alts[0])], "has_prerequisite")
        for _ in range(rng.randint(0, 3)):
            if alts[-1] + 1 < skills:
                edge(names[rng.randrange(alts[-1] + 1, skills)], key, "has_prerequisite")
        choice_names.append(key)
    per_role = requirement_edges // roles
    for r in range(roles):
        role = f"r{r}"
        g.add_node(role, **_attrs(role, "role"))
        wanted = rng.sample(names, per_role - 3) + rng.sample(choice_names, 3)
        for s in wanted:
            rank = rng.randint(1, 3)
            edge(role, s, "requires", proficiency=rank, proficiency_label=str(rank))
    return SkillGraph(g)


def baseline(order: nx.DiGraph, wanted: list[str]) -> list[str]:
    """The networkx baseline: the closure of ``wanted`` and a topological order of it."""
    closure = set(wanted)
    for skill in wanted:
        closure |= nx.ancestors(order, skill)
    return list(nx.topological_sort(order.subgraph(closure)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=40, help="roles to plan for (default 40)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, best kept (default 3)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    start = time.perf_counter()
    graph = generate(rng)
    built = time.perf_counter() - start
    prereq = sum(1 for *_, k in graph.nx.edges(keys=True) if k == "has_prerequisite")
    required = sum(1 for *_, k in graph.nx.edges(keys=True) if k == "requires")
    any_of = sum(1 for *_, k in graph.nx.edges(keys=True) if k == "any_of")
    print(
        f"graph: {graph.counts()['skill']} skills ({len(graph.choices)} choices), "
        f"{graph.counts()['role']} roles; {prereq} prerequisite + {required} requirement "
        f"+ {any_of} any_of edges (built in {built:.1f} s)"
    )
    start = time.perf_counter()
    plan_index(graph)
    _ = graph.proficiency_labels
    print(f"one-time plan index: {1000 * (time.perf_counter() - start):.0f} ms")
    # learning order for the baseline: prerequisite -> skill, alternative -> choice
    order = nx.DiGraph()
    order.add_nodes_from(graph.nx.nodes)
    for u, v, k in graph.nx.edges(keys=True):
        if k in ("has_prerequisite", "any_of"):
            order.add_edge(v, u)
    gc.collect()
    gc.freeze()

    def best_of(func, *call_args, **kwargs):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = func(*call_args, **kwargs)
            times.append(time.perf_counter() - t0)
        return min(times), result

    skills = graph.nodes("skill")
    roles = rng.sample(graph.nodes("role"), args.roles)
    rows = {"count": [], "effort": []}
    base_times, sizes, optimal, decided = [], [], 0, 0
    for role in roles:
        known = {s: rng.choice([1, 2, 3]) for s in rng.sample(skills, 30)}
        wanted = list(graph.requirements(role))
        base_times.append(best_of(baseline, order, wanted)[0])
        for objective in rows:
            took, result = best_of(plan, graph, role, known, optimize=objective)
            rows[objective].append(took)
            optimal += result.optimal
            decided += len(result.choices)
        sizes.append(len(result.items))

    base = statistics.median(base_times) * 1000
    print(
        f"{len(roles)} roles; plan size median {statistics.median(sizes):.0f} skills "
        f"(min {min(sizes)}, max {max(sizes)}); {decided / (2 * len(roles)):.1f} choices decided per plan; "
        f"optimal {optimal}/{2 * len(roles)}"
    )
    print(f"baseline (ancestors + topological_sort): median {base:.1f} ms")
    medians = []
    for objective, times in rows.items():
        med = statistics.median(times) * 1000
        medians.append(med)
        print(
            f"plan --optimize {objective}: median {med:.1f} ms, max {max(times) * 1000:.1f} ms, "
            f"ratio to baseline {med / base:.2f}x"
        )
    ok = max(medians) < TARGET_MS
    print(f"target: median plan under {TARGET_MS:.0f} ms: {'OK' if ok else 'SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
