"""The ontology ships in the wheel and is found from an editable install too."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from skillgraph.rdf.resources import builtin_files, ontology_dir

ROOT = Path(__file__).resolve().parent.parent


def test_source_tree_ontology_is_found():
    assert ontology_dir() == ROOT / "ontology"
    names = [p.name for p in builtin_files()]
    assert names[:2] == ["skillgraph.ttl", "sources.ttl"] and "backend-career.trig" in names


def test_wheel_carries_the_ontology_and_runs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("skillgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in (
        "py.typed",
        "explorer/static/app.js",
        "explorer/static/learner.js",
        "explorer/static/app.css",
        "explorer/static/page.html",
    ):
        assert f"skillgraph/{data_file}" in names, data_file
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies come from the environment running the tests (a virtual environment's
    # own site-packages, not the base interpreter's): a path line in a .pth file adds them
    # after the throwaway environment's own folder, which holds the wheel.
    here = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    (Path(site) / "test-dependencies.pth").write_text("\n".join(sorted(here)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", site, str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import skillgraph, skillgraph.rdf.resources as r, sys; "
        "print(r.ontology_dir()); "
        "g = skillgraph.load(cache=False); "
        "print(skillgraph.career_path(g, g.resolve('junior'), g.resolve('senior')).steps[-1].label)"
    )
    result = subprocess.run(
        [python, "-I", "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    where, last = result.stdout.splitlines()
    assert Path(where) == Path(site) / "skillgraph" / "ontology"
    assert (Path(where) / "shapes.ttl").is_file()
    assert last == "Senior Backend Developer"
