"""The first load of ESCO and O*NET costs the same whatever the cache already holds.

Imports the real ESCO ICT slice and the full O*NET 29.2 text files, then times, in fresh
processes, the first ``skillgraph show "software developers" --data esco.nt --data onet.ttl``:

- from an empty cache (the baseline: every source validated in one full check);
- after a curated-only cache (``skillgraph path junior senior`` run first, so the built-in
  graph is known valid and only the two imports are new: the incremental check).

Each road starts from a fresh cache folder and is repeated ``--runs`` times, alternating; the
ratio of the medians is printed with a target of at most 1.2x (and under 30 s).

    python benchmarks/first_load.py [--esco DIR] [--onet DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from cold_path import timed  # this folder is on the path of a script run from it

from skillgraph.importers import import_esco, import_onet

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TARGET_RATIO = 1.2
TARGET_SECONDS = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DATA / "esco-1.2.0-ict")
    parser.add_argument("--onet", type=Path, default=DATA / "onet-29.2-full")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skillgraph-first-load-") as tmp:
        esco, onet = Path(tmp) / "esco.nt", Path(tmp) / "onet.ttl"
        import_esco(args.esco, esco)
        import_onet(args.onet, onet)
        cli = [sys.executable, "-m", "skillgraph"]
        show = [*cli, "show", "software developers", "--data", str(esco), "--data", str(onet)]
        curated = [*cli, "path", "junior", "senior"]
        times: dict[str, list[float]] = {"empty": [], "curated": []}
        for run in range(args.runs):
            for road in times:
                env = dict(os.environ, SKILLGRAPH_CACHE_DIR=str(Path(tmp) / f"cache-{road}-{run}"))
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                if road == "curated":
                    timed(curated, env)
                times[road].append(timed(show, env))
        empty, after = statistics.median(times["empty"]), statistics.median(times["curated"])
        ratio = after / empty
        print(f"first show with ESCO ICT + full O*NET, median of {args.runs} fresh caches:")
        print(f"  from an empty cache (baseline)       {empty:6.1f} s  1.00x")
        print(f"  after a curated-only cache           {after:6.1f} s  {ratio:4.2f}x")
        verdict = "meets" if ratio <= TARGET_RATIO and after <= TARGET_SECONDS else "misses"
        print(f"{verdict} the target ({TARGET_RATIO}x of the baseline, under {TARGET_SECONDS:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
