"""The package type-checks with mypy (strict on the model and algorithms) and is ruff clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_mypy_passes():
    result = _run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_passes():
    result = _run("ruff", "check", "skillgraph", "tests", "benchmarks", "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _run("ruff", "format", "--check", "skillgraph")
    assert result.returncode == 0, result.stdout + result.stderr
