"""What a plain install does, and what a feature of an extra says when its package is missing."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from skillgraph.sparql import serve
from tests.helpers import ROOT, invoke_cli

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The extras of features, and the module each brings (what is absent without it).
EXTRAS = {"server": None, "calendar": "icalendar", "transitions": "scipy"}


def test_the_test_install_brings_every_extra() -> None:
    extras = PYPROJECT["optional-dependencies"]
    assert set(EXTRAS) | {"all", "test"} <= set(extras)
    assert f"skillgraph[{','.join(EXTRAS)}]" in extras["all"]
    assert "skillgraph[all]" in extras["test"]
    core = {re.split(r"[<>=\[]", requirement)[0] for requirement in PYPROJECT["dependencies"]}
    for extra in EXTRAS:
        for requirement in extras[extra]:
            assert re.split(r"[<>=\[]", requirement)[0] not in core  # the core does not bring it anyway


def test_a_plain_path_needs_no_extra() -> None:
    blocked = [module for module in EXTRAS.values() if module]
    script = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None  # as if not installed\n"
        "from skillgraph.cli import main\n"
        "main(['path', 'junior', 'senior', '--no-cache'])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert "Senior Backend Developer" in run.stdout


@pytest.mark.parametrize(
    "extra, args",
    [
        ("calendar", ["plan", "--target", "senior", "--hours-per-week", "8", "--format", "ics"]),
        ("transitions", ["transitions", "junior", "--no-cache"]),
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
