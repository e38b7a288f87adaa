"""The notebooks: committed without outputs, run top to bottom, and write nothing into the repository."""

from __future__ import annotations

import os
import time
from pathlib import Path

import ipykernel  # noqa: F401 - the kernel the notebooks run in
import nbclient
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = ROOT / "notebooks"
EXPECTED = ["01-tour.ipynb", "02-sparql.ipynb", "03-analytics.ipynb", "04-your-own-track.ipynb"]
#: Seconds a single cell may take.
CELL_TIMEOUT = 120
#: Folders that tools (not the notebooks) fill in: byte code, linters, test caches.
_TOOL_FOLDERS = {".git", "__pycache__", ".ruff_cache", ".pytest_cache", ".ipynb_checkpoints", ".hypothesis"}


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (tool caches aside) with its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _TOOL_FOLDERS]
        for name in files:
            path = Path(folder) / name
            stat = path.stat()
            found[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_the_notebooks_are_all_there():
    assert [p.name for p in _notebooks()] == EXPECTED


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    for number, c in enumerate(code, start=1):
        assert c.outputs == [], f"code cell {number} has outputs"
        assert c.execution_count is None, f"code cell {number} has an execution count"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


@pytest.fixture
def kernel_env(monkeypatch, tmp_path):
    """The kernel imports skillgraph from this tree and keeps its own files in ``tmp_path``."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "matplotlib"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    assert os.environ.get("SKILLGRAPH_CACHE_DIR"), "the session fixture isolates the cache"


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_and_writes_nothing(path, kernel_env, record_property):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import skillgraph\nprint(skillgraph.__file__)"))
    before = _snapshot(ROOT)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # run where a user would
    )
    started = time.perf_counter()
    client.execute()  # a failing cell raises CellExecutionError with its traceback
    elapsed = time.perf_counter() - started
    record_property("seconds", round(elapsed, 2))
    print(f"{path.name}: {elapsed:.1f}s")
    assert _snapshot(ROOT) == before, "running the notebook changed files in the repository"
    code = [c for c in nb.cells if c.cell_type == "code"]
    imported = Path(code[-1].outputs[0].text.strip())
    assert imported == ROOT / "skillgraph" / "__init__.py", "the kernel imported another skillgraph"
    assert all(c.execution_count for c in code)
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    # the source on disk is untouched (still without outputs)
    on_disk = nbformat.read(path, as_version=4)
    assert all(c.outputs == [] for c in on_disk.cells if c.cell_type == "code")
