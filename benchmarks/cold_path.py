"""Cold start of `skillgraph path junior senior`, against `python -c "import networkx"`,
and of the learner's commands (next, unlocks, progress, mark) against `path junior senior`.

The commands are run alternately in fresh processes, in the same run, so the
ratios hold on a noisy machine. The graph cache and the compiled bytecode are warmed
first (what a user sees from the second run on); `--no-cache` timings are reported too. Targets: the
path within 1.5x of importing networkx; each learner command within 1.2x of the path.

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
LEARNER_TARGET = 1.2


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ, SKILLGRAPH_CACHE_DIR=tempfile.mkdtemp(prefix="skillgraph-bench-"))
    # As on a user's machine, the first run leaves compiled bytecode behind, as networkx's
    # installation did for the baseline: an environment that forbids it is not the user's road.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    baseline = [sys.executable, "-c", "import networkx"]
    command = [sys.executable, "-m", "skillgraph", "path", "junior", "senior"]
    uncached = [*command, "--no-cache"]
    folder = tempfile.mkdtemp(prefix="skillgraph-profile-")
    profile = os.path.join(folder, "me.yaml")
    with open(profile, "w", encoding="utf-8") as out:
        out.write("# my skills\nskills:\n  python: intermediate  # day job\n  git:\n  sql: 2\n")
    cli = [sys.executable, "-m", "skillgraph"]
    learner = {
        "next": [*cli, "next", "--target", "senior", "--profile", profile],
        "unlocks": [*cli, "unlocks", "docker", "--profile", profile],
        "progress": [*cli, "progress", "--target", "senior", "--profile", profile],
        "mark": [*cli, "mark", "docker:LEVEL", "--profile", profile],
    }
    timed(command, env)  # fills the cache
    times: dict[str, list[float]] = {"baseline": [], "cached": [], "uncached": []}
    times.update({name: [] for name in learner})
    for run in range(args.runs):
        times["baseline"].append(timed(baseline, env))
        times["cached"].append(timed(command, env))
        for name, cmd in learner.items():  # mark changes the file each time
            level = ("foundational", "intermediate", "advanced")[run % 3]
            times[name].append(timed([c.replace("LEVEL", level) for c in cmd], env))
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
    path_median = statistics.median(times["cached"])
    for name in learner:
        median = statistics.median(times[name])
        ratio = median / path_median
        verdict = "meets" if ratio <= LEARNER_TARGET else "misses"
        print(
            f"skillgraph {name:<9} {median * 1000:>8.1f} ms = {ratio:.2f}x path junior senior "
            f"({verdict} the {LEARNER_TARGET}x target)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
