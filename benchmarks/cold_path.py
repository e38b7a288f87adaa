"""Cold start of `skillgraph path junior senior`, against `python -c "import networkx"`.

Both commands are run alternately in fresh processes, in the same run, so the
ratio holds on a noisy machine. The graph cache is warmed first (what a user
sees from the second run on); `--no-cache` timings are reported too.

    python benchmarks/cold_path.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = 1.5


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ, SKILLGRAPH_CACHE_DIR=tempfile.mkdtemp(prefix="skillgraph-bench-"))
    baseline = [sys.executable, "-c", "import networkx"]
    command = [sys.executable, "-m", "skillgraph", "path", "junior", "senior"]
    uncached = [*command, "--no-cache"]
    timed(command, env)  # fills the cache
    times: dict[str, list[float]] = {"baseline": [], "cached": [], "uncached": []}
    for _ in range(args.runs):
        times["baseline"].append(timed(baseline, env))
        times["cached"].append(timed(command, env))
    for _ in range(max(3, args.runs // 5)):
        times["uncached"].append(timed(uncached, env))
    base = statistics.median(times["baseline"])
    print(f"{'command':<44} {'median ms':>10} {'ratio':>7}")
    rows = [
        ('python -c "import networkx"', "baseline"),
        ("skillgraph path junior senior", "cached"),
        ("skillgraph path junior senior --no-cache", "uncached"),
    ]
    for label, key in rows:
        median = statistics.median(times[key])
        print(f"{label:<44} {median * 1000:>10.1f} {median / base:>6.2f}x")
    ratio = statistics.median(times["cached"]) / base
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"cold path / import networkx = {ratio:.2f}x ({verdict} the {TARGET}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
