"""Inputs that used to end in an internal error (exit 70): far dates, odd profiles, links.

Each is a one-line error naming the input, exit code 1 or 2, and the user's file is left
as it was; what every reader refuses, ``mark`` does not rewrite either.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillgraph.algorithms.profile import read_profile
from skillgraph.errors import ECHO_LIMIT
from tests.test_adversarial import assert_clean_failure, cli

HUGE = "9" * 5_000  # past Python's 4,300-digit limit of int() and str()


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "ics"])
@pytest.mark.parametrize(("hours", "start"), [("0.5", "9999-12-01"), ("0.000001", "2026-01-05")])
def test_a_schedule_past_the_calendar_is_an_error(fmt: str, hours: str, start: str) -> None:
    result = cli("plan", "--target", "senior", "--hours-per-week", hours, "--start", start, "--format", fmt)
    line = assert_clean_failure(result, (2,))
    assert "9999-12-31" in line and start in line


def test_a_schedule_ending_on_the_last_day_of_the_calendar_is_written() -> None:
    for fmt in ("text", "ics"):
        result = cli(
            "plan", "--target", "junior", "--hours-per-week", "168", "--start", "9999-12-31", "--format", fmt
        )
        assert result.exit_code in (0, 2), result.output
        if result.exit_code:
            assert_clean_failure(result, (2,))


def _profiles(tmp_path: Path) -> dict[str, Path]:
    texts = {
        "alias-key.yaml": "base: &b python\nskills:\n  *b : advanced\n",
        "alias-value.yaml": "skills:\n  python: &l advanced\n  sql: *l\n",
        "mapping-key.yaml": "skills:\n  ? {a: 1}\n  : advanced\n",
        "list-key.yaml": "skills:\n  [python, sql]: advanced\n",
        "huge-number.yaml": f"skills:\n  python: {HUGE}\n",
        "huge-number.toml": f"[skills]\npython = {HUGE}\n",
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = tmp_path / name
        paths[name].write_text(text)
    return paths


@pytest.mark.parametrize(
    "name",
    [
        "alias-key.yaml",
        "alias-value.yaml",
        "mapping-key.yaml",
        "list-key.yaml",
        "huge-number.yaml",
        "huge-number.toml",
    ],
)
@pytest.mark.parametrize("status", ["done", "learning"])
def test_mark_refuses_what_every_reader_refuses_and_leaves_it(tmp_path: Path, name: str, status: str) -> None:
    path = _profiles(tmp_path)[name]
    before = path.read_bytes()
    plan = assert_clean_failure(cli("plan", "--target", "senior", "--profile", str(path)), (2,))
    mark = assert_clean_failure(cli("mark", "sql", "--status", status, "--profile", str(path)), (2,))
    assert name in plan and name in mark
    assert path.read_bytes() == before


def test_mark_a_huge_level_is_an_error_that_does_not_echo_it_all(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    line = assert_clean_failure(cli("mark", f"python:{HUGE}", "--profile", str(path)), (2,))
    assert "unknown level" in line and len(line) < 300
    assert not path.exists()


@pytest.mark.parametrize("level", ["²", "٣", "0003"])
def test_levels_are_ascii_numbers_within_the_scale(tmp_path: Path, level: str) -> None:
    assert_clean_failure(cli("mark", f"python:{level}", "--profile", str(tmp_path / "me.yaml")), (2,))


def test_mark_adds_tables_to_a_toml_array_of_tables(tmp_path: Path, graph) -> None:
    path = tmp_path / "me.toml"
    path.write_text('# mine\n[[skills]]\nname = "python"\nlevel = "advanced"\n')
    for args in (["go:advanced"], ["sql", "--status", "learning"], ["python:expert"]):
        result = cli("mark", *args, "--profile", str(path))
        assert result.exit_code == 0, result.output
    text = path.read_text()
    assert text.startswith("# mine\n") and text.count("[[skills]]") == 3
    skills = read_profile(graph, path).skills
    assert skills[graph.resolve("go")] == 3 and skills[graph.resolve("python")] == 4
    assert read_profile(graph, path).tracked[graph.resolve("sql")][1] == "learning"


def test_mark_refuses_a_symbolic_link_loop(tmp_path: Path) -> None:
    loop = tmp_path / "me.yaml"
    loop.symlink_to(loop.name)
    line = assert_clean_failure(cli("mark", "python", "--profile", str(loop)), (2,))
    assert "me.yaml" in line and "loop" in line
    assert_clean_failure(cli("plan", "--target", "senior", "--profile", str(loop)), (2,))


@pytest.mark.parametrize("where", ["missing-folder/me.yaml", "me-elsewhere.yaml"])
def test_mark_never_writes_through_a_dangling_link(tmp_path: Path, where: str) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / where)
    line = assert_clean_failure(cli("mark", "python", "--profile", str(link)), (2,))
    assert "link.yaml" in line and where.split("/")[-1] in line
    assert link.is_symlink() and not (tmp_path / where).exists()
    assert sorted(os.listdir(tmp_path)) == ["link.yaml"]


def test_mark_still_writes_through_a_link_to_a_profile(tmp_path: Path, graph) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("skills:\n  python: advanced\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert cli("mark", "go", "--profile", str(link)).exit_code == 0
    assert link.is_symlink() and graph.resolve("go") in read_profile(graph, real).skills


@pytest.mark.parametrize("command", ["show", "path", "mark"])
def test_unknown_names_are_echoed_cut(command: str, tmp_path: Path) -> None:
    name = "q" * 5_000
    args = {
        "show": ["show", name],
        "path": ["path", "junior", name],
        "mark": ["mark", name, "--profile", str(tmp_path / "me.yaml")],
    }[command]
    line = assert_clean_failure(cli(*args), (2,))
    assert "q" * (ECHO_LIMIT + 1) not in line and "5,000 characters" in line


def test_the_explorer_port_does_not_name_the_python_version() -> None:
    import platform

    import requests

    from skillgraph.rdf.dataset import load_rdf
    from skillgraph.sparql.serve import start_server
    from tests.servers import require_binary

    require_binary("oxigraph")
    with start_server(load_rdf(), port=0, explorer_html="<p>explorer</p>", explorer_port=0) as server:
        assert server.explorer_url is not None
        for path in ("/explorer", "/missing"):
            url = server.explorer_url.replace("/explorer", path)
            header = requests.get(url, timeout=30, allow_redirects=False).headers["Server"]
            assert "Python" not in header and platform.python_version() not in header, header
