"""What a plain install does, and what a feature of an extra says when its package is missing."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator

import pytest

from skillgraph.sparql import serve
from tests.helpers import ROOT, invoke_cli

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The extras of features, and the module each brings (what is absent without it).
EXTRAS = {"server": None, "calendar": "icalendar"}


def test_the_test_install_brings_every_extra() -> None:
    extras = PYPROJECT["optional-dependencies"]
    assert set(EXTRAS) | {"all", "test"} <= set(extras)
    assert f"skillgraph[{','.join(EXTRAS)}]" in extras["all"]
    assert "skillgraph[all]" in extras["test"]
    core = {re.split(r"[<>=\[]", requirement)[0] for requirement in PYPROJECT["dependencies"]}
    for extra in EXTRAS:
        for requirement in extras[extra]:
            assert re.split(r"[<>=\[]", requirement)[0] not in core  # the core does not bring it anyway


POSTING = "Backend engineer: strong Python and PostgreSQL, REST APIs, Docker; Kubernetes is a plus.\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["path", "junior", "senior"], "Senior Backend Developer"),
        (["transitions", "junior"], "Backend Developer"),
        (["extract", "{posting}"], "PostgreSQL"),
        (["gap", "--have", "python", "--posting", "{posting}"], "PostgreSQL"),
    ],
)
def test_a_core_command_needs_no_extra(args: list[str], expected: str, tmp_path) -> None:
    """Every command but the two of the extras runs on a plain install (their modules blocked)."""
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    argv = [a.format(posting=posting) for a in args] + ["--no-cache"]
    blocked = [module for module in EXTRAS.values() if module]
    script = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None  # as if not installed\n"
        "from skillgraph.cli import main\n"
        f"main({argv!r})\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert expected in run.stdout


def _unguarded_imports(tree: ast.AST) -> Iterator[str]:
    """The modules ``tree`` imports, but under ``if TYPE_CHECKING`` or in a ``try`` that catches
    ImportError (a feature that says what to install)."""

    def walk(node: ast.AST) -> Iterator[str]:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (name for child in node.orelse for name in walk(child))
            return
        if isinstance(node, ast.Try) and any(
            h.type is not None and "ImportError" in ast.unparse(h.type) for h in node.handlers
        ):
            children: list[ast.AST] = [*node.handlers, *node.orelse, *node.finalbody]
            yield from (name for child in children for name in walk(child))
            return
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
        for child in ast.iter_child_nodes(node):
            yield from walk(child)

    return walk(tree)


def test_every_module_the_package_imports_is_installed_by_it() -> None:
    """A module the package imports comes with a plain install, unless it is an extra's or its
    import says what to install; a private module the package never imports (a test and
    benchmark tool) may need what those install."""
    core = {re.split(r"[<>=\[ ]", r)[0].lower().replace("_", "-") for r in PYPROJECT["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8")) for path in (ROOT / "skillgraph").rglob("*.py")
    }
    imported = {name for tree in trees.values() for name in _unguarded_imports(tree)}
    missing = set()
    for path, tree in trees.items():
        dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if path.stem.startswith("_") and path.stem != "__init__" and dotted not in imported:
            continue
        for name in _unguarded_imports(tree):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top == "skillgraph" or top in EXTRAS.values():
                continue
            owners = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
            if not owners & core:
                missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, sorted(missing)


@pytest.mark.parametrize(
    "extra, args",
    [
        ("calendar", ["plan", "--target", "senior", "--hours-per-week", "8", "--format", "ics"]),
    ],
)
def test_a_feature_without_its_extra_says_what_to_install(
    extra: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = EXTRAS[extra]
    assert module is not None
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")] + [module]:
        monkeypatch.setitem(sys.modules, name, None)
    result = invoke_cli(*args)
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1
    assert f"pip install 'skillgraph[{extra}]'" in result.output


def test_serve_without_the_server_says_what_to_install(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve.shutil, "which", lambda name: None)
    monkeypatch.setattr(serve.sys, "executable", str(tmp_path / "python"))
    with pytest.raises(serve.ServeError, match=r"pip install 'skillgraph\[server\]'"):
        serve.oxigraph_binary()
