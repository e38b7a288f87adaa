"""How often `skillgraph transitions` stays in the origin's own ISCO unit group, on real ESCO data.

ESCO has no related-occupation lists to check against, but each occupation belongs to an ISCO-08
unit group (``iscoGroup``, four digits): moves within one's unit group are the plainly
feasible ones. For every occupation of the import that has requirements, this benchmark ranks
its top 10 transitions and reports the share of them in the origin's unit group, beside the
plain Jaccard overlap of all skills computed in the same run (the baseline).

    PYTHONPATH=. python benchmarks/esco_isco.py [FOLDER]   # default: ../shared/data/esco-1.2.0-ict

This benchmark uses the ESCO classification of the European Commission.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "esco-1.2.0-ict"
K = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT, help="ESCO v1.2 CSV export")
    folder: Path = parser.parse_args().folder
    if not (folder / "occupations_en.csv").is_file():
        print(f"error: {folder} holds no ESCO CSV export (occupations_en.csv)", file=sys.stderr)
        return 2
    import skillgraph
    from skillgraph.algorithms.transitions import RoleProfile, TransitionIndex, role_profile
    from skillgraph.importers import import_esco

    with (folder / "occupations_en.csv").open(newline="", encoding="utf-8") as fh:
        unit = {r["conceptUri"]: r["iscoGroup"] for r in csv.DictReader(fh)}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        import_esco(folder, Path(tmp) / "esco.nt")
        graph = skillgraph.load([Path(tmp) / "esco.nt"], cache=False)
        loaded = time.perf_counter() - started
    keys = [k for k in graph.nodes("role") if k in unit and graph.requirements(k, include_optional=True)]
    profiles = {k: role_profile(graph, k) for k in keys}
    plain = {k: RoleProfile(optional=p.optional) for k, p in profiles.items()}
    rankings = {
        "baseline: Jaccard of all skills": TransitionIndex(plain, weights={"optional": 1.0}, idf=False),
        "skillgraph transitions": TransitionIndex(profiles),
    }
    print(f"ESCO folder: {folder}; import and load {loaded:.1f} s; {len(keys)} occupations with skills")
    for name, index in rankings.items():
        shares = []
        for origin in keys:
            top = [key for key, _ in index.rank(origin, K)]
            if top:
                shares.append(sum(unit[key] == unit[origin] for key in top) / len(top))
        print(
            f"  {name:<34} share of the top {K} in the origin's ISCO unit group: "
            f"{sum(shares) / len(shares):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
