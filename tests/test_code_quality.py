"""The package type-checks with mypy (strict on the model and algorithms) and is ruff clean."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

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


def _public_modules() -> list[str]:
    """Every module of the package whose dotted name has no part starting with ``_``."""
    package = ROOT / "skillgraph"
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        if not any(part.startswith("_") for part in parts):
            names.append(".".join(parts))
    return names


def _defines_public_names(module: object) -> bool:
    import inspect

    return any(
        not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and getattr(value, "__module__", None) == getattr(module, "__name__", "")
        for name, value in vars(module).items()
    )


@pytest.mark.parametrize("name", _public_modules())
def test_a_public_module_says_what_it_offers(name: str) -> None:
    # Internal modules are marked by a leading underscore; every other module that defines
    # functions or classes lists them in __all__, and every name listed exists.
    module = importlib.import_module(name)
    if not _defines_public_names(module):
        return
    listed = getattr(module, "__all__", None)
    assert listed is not None, f"{name} has no __all__"
    assert [n for n in listed if not hasattr(module, n)] == []
    if name == "skillgraph":
        assert sorted(dir(module)) == sorted(listed)  # tab completion offers the API alone
