"""The package's folders are layers: every import (at the top of a module or inside a
function) points down, and the core imports neither click, pyvis nor a presenter."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "skillgraph"

#: Each layer and the layers it may import (itself included). ``base`` is errors and vocabulary.
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "rdf": {"base", "rdf"},
    "importers": {"base", "rdf", "importers"},
    "model": {"base", "rdf", "model"},
    "algorithms": {"base", "rdf", "model", "algorithms"},
    "sparql": {"base", "rdf", "model", "sparql"},
    "present": {"base", "model", "algorithms", "sparql", "present"},
    "explorer": {"base", "rdf", "model", "algorithms", "explorer"},
    "cli": {"base", "rdf", "importers", "model", "algorithms", "sparql", "present", "explorer", "cli"},
}
#: Third-party packages that belong to the front ends only.
FRONT_END_ONLY = {"click": {"cli"}, "pyvis": set()}
#: The package's facade (``import skillgraph``) and entry point stand above every layer.
FACADE = {"skillgraph", "skillgraph.__main__"}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "skillgraph" or module in FACADE:
        return None
    if len(parts) == 2 and parts[1] in ("errors", "vocabulary"):
        return "base"
    return parts[1]


def imports_of(module: str, source: str, *, is_package: bool = False) -> set[str]:
    """Every module ``source`` imports, anywhere in the file, relative imports resolved.

    ``from package import name`` imports ``package.name`` when that is a module of the
    package, else ``package`` itself.
    """
    found = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def violations(modules: dict[str, tuple[str, bool]]) -> list[str]:
    """Return one line per import that points up a layer or into a front-end package."""
    known = set(modules)
    problems = []
    for module, (source, is_package) in sorted(modules.items()):
        layer = layer_of(module)
        if layer is None:
            continue
        for target in sorted(imports_of(module, source, is_package=is_package)):
            top = target.split(".")[0]
            if top in FRONT_END_ONLY and layer not in FRONT_END_ONLY[top]:
                problems.append(f"{module} ({layer}) imports {target}")
            if top != "skillgraph" or target not in known:
                continue
            target_layer = layer_of(target)
            if target_layer is None or target_layer not in ALLOWED[layer]:
                problems.append(f"{module} ({layer}) imports {target} ({target_layer or 'the facade'})")
    return problems


def package_modules() -> dict[str, tuple[str, bool]]:
    return {
        module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in PACKAGE.rglob("*.py")
    }


def test_every_import_points_down():
    assert violations(package_modules()) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "skillgraph.model.graph",
            "def f():\n    from skillgraph.present.html import graph_html\n",
            "skillgraph.model.graph (model) imports skillgraph.present.html (present)",
        ),
        (
            "skillgraph.algorithms.paths",
            "from ..present import text\n",
            "skillgraph.algorithms.paths (algorithms) imports skillgraph.present.text (present)",
        ),
        ("skillgraph.model.describe", "import click\n", "skillgraph.model.describe (model) imports click"),
        (
            "skillgraph.rdf.cache",
            "from skillgraph.model import graph\n",
            "skillgraph.rdf.cache (rdf) imports skillgraph.model.graph (model)",
        ),
        ("skillgraph.explorer.page", "import pyvis\n", "skillgraph.explorer.page (explorer) imports pyvis"),
    ],
)
def test_a_wrong_import_is_reported(module, source, expected):
    modules = package_modules()
    modules[module] = (modules.get(module, ("", False))[0] + "\n" + source, False)
    assert expected in violations(modules)


def test_top_level_holds_only_the_facade_errors_vocabulary_and_layers():
    files = {p.name for p in PACKAGE.iterdir() if p.suffix == ".py"}
    assert files == {"__init__.py", "__main__.py", "errors.py", "vocabulary.py"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(ALLOWED) - {"base"}


def circles(modules: dict[str, tuple[str, bool]]) -> list[list[str]]:
    """Return the import circles between modules, counting every import (also those under
    ``if TYPE_CHECKING:`` and inside functions)."""
    graph = nx.DiGraph()
    for module, (source, is_package) in modules.items():
        if module in FACADE:
            continue
        for target in imports_of(module, source, is_package=is_package):
            if target in modules and target != module and target not in FACADE:
                graph.add_edge(module, target)
    # a package re-exporting its own modules is not a circle between files
    return [
        c
        for c in nx.simple_cycles(graph)
        if not any(modules[m][1] and all(n.startswith(m) for n in c) for m in c)
    ]


def test_no_import_circle_between_modules():
    assert circles(package_modules()) == []


@pytest.mark.parametrize(
    "source",
    [
        "from skillgraph.model.graph import SkillGraph\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from skillgraph.model.graph import SkillGraph\n",
        "def f():\n    from skillgraph.model import graph\n",
    ],
)
def test_a_circle_is_reported_however_it_imports(source):
    modules = package_modules()
    resolve, is_package = modules["skillgraph.model.resolve"]
    modules["skillgraph.model.resolve"] = (resolve + "\n" + source, is_package)
    assert any(set(c) == {"skillgraph.model.graph", "skillgraph.model.resolve"} for c in circles(modules))


def _under_lazy_packages() -> list[str]:
    """The modules of the packages whose ``__init__`` loads names on first use (``__getattr__``)."""
    modules = package_modules()
    lazy = [m for m, (source, is_package) in modules.items() if is_package and "def __getattr__(" in source]
    return sorted(m for m in modules for p in lazy if m.startswith(p + ".") and p not in FACADE)


@pytest.mark.parametrize("module", _under_lazy_packages())
def test_a_module_of_a_lazy_package_imports_first(module):
    # ``from package import module`` inside the package asks the package's __getattr__ first
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
