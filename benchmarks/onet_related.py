"""Check `skillgraph transitions` against O*NET's own Related Occupations (primary tiers).

O*NET 29.2 publishes, for each occupation, about ten *primary* related occupations
(Primary-Short and Primary-Long tiers), computed by O*NET from tasks, work activities,
knowledge and titles. No one here wrote them, so they are a fair check of the transition
score. This benchmark takes the user's road:

1. imports the full O*NET text files with ``skillgraph import onet`` (a fresh process),
2. loads the import as ``--data`` (the view, as every command sees it),
3. ranks the transitions from every occupation with the package's score,

and reports precision@10 and recall@10 against the primary related occupations, over the
occupations that have both task statements and primary related occupations, beside
baselines computed in the same run from the same view:

* B1: plain Jaccard of the technologies of two occupations;
* B2: plain Jaccard of the commodity classes of their technologies;
* B3: TF-IDF cosine of task statements alone.

Run (the folder defaults to ../shared/data/onet-29.2-full next to the repository)::

    PYTHONPATH=. python benchmarks/onet_related.py [FOLDER]

Data: O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training
Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET is a trademark of
USDOL/ETA.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "onet-29.2-full"
K = 10


def primary_related(folder: Path) -> dict[str, set[str]]:
    """O*NET-SOC code -> its primary related occupations' codes."""
    gold: dict[str, set[str]] = defaultdict(set)
    with open(folder / "Related Occupations.txt", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["Relatedness Tier"].startswith("Primary"):
                gold[row["O*NET-SOC Code"]].add(row["Related O*NET-SOC Code"])
    return gold


def evaluate(top: dict[str, list[str]], gold: dict[str, set[str]], origins: list[str]) -> tuple[float, float]:
    """Mean precision@K and recall@K over ``origins``."""
    precision = recall = 0.0
    for origin in origins:
        hits = len(set(top.get(origin, [])[:K]) & gold[origin])
        precision += hits / K
        recall += hits / len(gold[origin])
    return precision / len(origins), recall / len(origins)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT, help="O*NET 29.2 text files")
    args = parser.parse_args()
    folder: Path = args.folder
    if not (folder / "Related Occupations.txt").is_file() or not (folder / "Task Statements.txt").is_file():
        print(
            f"error: {folder} does not hold the O*NET text files (Related Occupations.txt, "
            "Task Statements.txt, ...); pass the folder of the full O*NET 29.2 database",
            file=sys.stderr,
        )
        return 2

    import numpy as np

    import skillgraph
    from skillgraph.algorithms.transitions import MAX_CLIMB, RoleProfile, TransitionIndex, role_profile
    from skillgraph.importers.onet import OCCUPATION

    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "onet.nt"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "skillgraph", "import", "onet", str(folder), "--output", str(output)],
            check=True,
            capture_output=True,
        )
        imported = time.perf_counter() - started
        started = time.perf_counter()
        graph = skillgraph.load([output], cache=False)
        loaded = time.perf_counter() - started

    # Ranked among the O*NET occupations: the built-in roles loaded beside them are not in
    # O*NET's lists (they have no task statements, and never reach a top 10 here anyway).
    started = time.perf_counter()
    keys = [k for k in graph.nodes("role") if k.startswith(OCCUPATION)]
    profiles = {k: role_profile(graph, k) for k in keys}
    index = TransitionIndex(profiles)
    built = time.perf_counter() - started
    code_of = {key: key.rsplit("/", 1)[-1] for key in index.keys}  # .../occupation/15-1252.00
    gold_codes = primary_related(folder)
    gold = {
        key: {k for k in index.keys if code_of[k] in gold_codes.get(code_of[key], set())}
        for key in index.keys
    }
    origins = [k for k in index.keys if graph.node(k).get("tasks") and gold[k]]

    def top_of(idx: TransitionIndex) -> dict[str, list[str]]:
        return {origin: [key for key, _ in idx.rank(origin, K)] for origin in origins}

    started = time.perf_counter()
    full = top_of(index)
    ranked = time.perf_counter() - started

    only = {
        "B1 Jaccard of technologies": ({"optional": 1.0}, lambda k, p: RoleProfile(optional=p.optional)),
        "B2 Jaccard of commodity classes": ({"groups": 1.0}, lambda k, p: RoleProfile(groups=p.groups)),
        "B3 TF-IDF of task statements": (
            {"tasks": 1.0},
            lambda k, p: RoleProfile(texts=tuple(graph.node(k).get("tasks", ()))),
        ),
        "B4 TF-IDF of tasks, titles, description": ({"tasks": 1.0}, lambda k, p: RoleProfile(texts=p.texts)),
    }
    print(f"O*NET folder: {folder}")
    print(
        f"import {imported:.1f} s, load {loaded:.1f} s, transition index {built:.1f} s, "
        f"rank {len(origins)} origins {ranked:.1f} s"
    )
    print(
        f"{len(index)} occupations; evaluated on {len(origins)} "
        "with task statements and primary related ones\n"
    )
    print(f"{'ranking':52s} {'P@10':>6s} {'R@10':>6s}")
    for name, (weights, keep) in only.items():
        baseline = TransitionIndex(
            {k: keep(k, p) for k, p in profiles.items()},
            weights=weights,
            coverage_prior=0.0,
            idf=False,
        )
        baseline.max_climb = None if name.startswith(("B1", "B2", "B3")) else MAX_CLIMB
        p, r = evaluate(top_of(baseline), gold, origins)
        print(f"{name:52s} {p:6.3f} {r:6.3f}")
    p, r = evaluate(full, gold, origins)
    print(f"{'skillgraph transitions (all components, Job Zone +1)':52s} {p:6.3f} {r:6.3f}")

    example = (
        next(k for k in origins if code_of[k] == "15-1252.00")
        if any(code_of[k] == "15-1252.00" for k in origins)
        else origins[0]
    )
    parts = index.components(example)
    print(f"\nexample: {graph.label(example)} ({code_of[example]})")
    for key, score in index.rank(example, 5):
        j = index.position[key]
        shown = ", ".join(f"{n} {'-' if np.isnan(parts[n][j]) else f'{parts[n][j]:.3f}'}" for n in parts)
        mark = "*" if key in gold[example] else " "
        print(f" {mark} {graph.label(key)[:45]:45s} {score:.3f}  ({shown})")
    print("(* = one of O*NET's primary related occupations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
