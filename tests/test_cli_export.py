"""``skillgraph export html``: CliRunner tests, and the curated graph in Chromium."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

import skillgraph
from skillgraph import explorer
from skillgraph.cli.export import LAYOUTS
from tests.helpers import ROOT, Opened, assert_drawn_exactly, edge_triples, invoke_cli, page_data

SGD = "https://w3id.org/skillgraph/id/"


@pytest.fixture(scope="module")
def curated(graph: skillgraph.SkillGraph) -> skillgraph.SkillGraph:
    return graph


def run(*args: str) -> Any:
    return invoke_cli(*args)


def test_layout_choices_match_the_explorer() -> None:
    assert LAYOUTS == explorer.LAYOUTS


def test_export_whole_graph(tmp_path: Path, curated: skillgraph.SkillGraph) -> None:
    out = tmp_path / "graph.html"
    result = run("export", "html", str(out))
    assert result.exit_code == 0, result.output
    g = curated.nx
    assert f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges" in result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(g.nodes)
    assert sorted((e["from"], e["to"], e["key"]) for e in data["edges"]) == edge_triples(g)
    assert data["title"] == "skillgraph"


def test_export_around(tmp_path: Path, curated: skillgraph.SkillGraph) -> None:
    out = tmp_path / "python.html"
    result = run("export", "html", str(out), "--around", "python", "--depth", "1")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    python = SGD + "python"
    near = {python, *curated.nx.successors(python), *curated.nx.predecessors(python)}
    assert {n["id"] for n in data["nodes"]} == near
    assert "around Python (depth 1)" in data["title"]


def test_export_types_and_path(tmp_path: Path, curated: skillgraph.SkillGraph) -> None:
    out = tmp_path / "ladder.html"
    result = run(
        "export",
        "html",
        str(out),
        "--type",
        "role",
        "--type",
        "Specialization",
        "--path",
        "junior",
        "lead",
        "--layout",
        "hierarchical",
    )
    assert result.exit_code == 0, result.output
    assert "4 highlighted nodes" in result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["type"] for n in data["nodes"]} == {"role", "specialization"}
    path = skillgraph.career_path(curated, curated.resolve("junior"), curated.resolve("lead"))
    keys = [step.key for step in path.steps]
    assert data["highlight"]["nodes"] == keys
    assert data["highlight"]["edges"] == [[a, b] for a, b in itertools.pairwise(keys)]
    assert data["layout"] == "hierarchical"


def test_export_path_keeps_its_roles_in_a_filtered_view(tmp_path: Path) -> None:
    out = tmp_path / "skills.html"
    result = run("export", "html", str(out), "--type", "skill", "--path", "junior", "senior")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    types = {n["type"] for n in data["nodes"]}
    assert types == {"skill", "role"}
    assert {n["id"] for n in data["nodes"] if n["type"] == "role"} == set(data["highlight"]["nodes"])


def test_export_with_data_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/zig> a sg:Skill ; skos:prefLabel "Zig <b>"@en ;\n'
        '    skos:definition "</script><script>alert(1)</script>"@en .\n',
        encoding="utf-8",
    )
    out = tmp_path / "mine.html"
    result = run("export", "html", str(out), "--data", str(extra), "--no-cache")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    labels = {n["label"] for n in page_data(page)["nodes"]}
    assert "Zig <b>" in labels


def test_export_errors(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = run("export", "html", str(out), "--around", "no such skill")
    assert result.exit_code == 2
    assert "unknown name 'no such skill'" in result.output
    result = run("export", "html", str(out), "--depth", "2")
    assert result.exit_code == 2
    assert "--depth needs --around" in result.output
    result = run("export", "html", str(out), "--type", "robot")
    assert result.exit_code == 2
    assert "robot" in result.output
    result = run("export", "html", str(out), "--layout", "circular")
    assert result.exit_code == 2
    result = run("export", "html", str(out), "--path", "junior", "python")
    assert result.exit_code == 2
    assert "'python'" in result.output and "unknown role" in result.output
    result = run("export", "html", str(out), "--around", "python", "--depth", "-1")
    assert result.exit_code == 2
    assert not out.exists()


def test_export_help() -> None:
    result = run("export", "html", "--help")
    assert result.exit_code == 0
    for option in ("--around", "--depth", "--type", "--path", "--layout", "--data"):
        assert option in result.output
    result = run("--help")
    assert result.exit_code == 0
    assert re.search(r"^\s+export\b", result.output, re.MULTILINE)


def test_browser_draws_the_curated_graph(
    browser: Any, tmp_path: Path, curated: skillgraph.SkillGraph
) -> None:
    out = tmp_path / "curated.html"
    result = run("export", "html", str(out), "--path", "junior", "lead")
    assert result.exit_code == 0, result.output
    opened = Opened(browser, out)
    try:
        assert_drawn_exactly(opened.page, curated.nx)
        # a path export opens on its roadmap: the path's roles and skills, nothing else
        shown = opened.page.evaluate(
            "window.skillgraphNodes.get({filter: n => !n.hidden && !n.anchor}).map(n => n.id)"
        )
        path = skillgraph.career_path(curated, curated.resolve("junior"), curated.resolve("lead"))
        expected = {s.key for s in path.steps} | {i.key for s in path.steps for i in s.skills}
        assert set(shown) == expected
        opened.page.locator("#sg-whole-graph").click()
        assert opened.page.evaluate("window.skillgraphNodes.get({filter: n => n.hidden}).length") == 0
        highlighted = opened.page.evaluate("window.skillgraphHighlight.nodes")
        assert highlighted[0] == SGD + "junior-backend-developer"
        assert highlighted[-1] == SGD + "lead-backend-developer"
        box = opened.page.locator("#sg-search")
        box.fill("Mid-level Backend Developer")  # an alternative label
        box.press("Enter")
        selected = opened.page.evaluate("window.skillgraphNetwork.getSelectedNodes()")
        assert selected == [curated.resolve("Mid-level Backend Developer")]
        opened.page.locator('#sg-types input[data-type="skill"]').uncheck()
        hidden = opened.page.evaluate("window.skillgraphNodes.get({filter: n => n.hidden}).map(n => n.id)")
        assert sorted(hidden) == sorted(curated.nodes("skill"))
        assert json.loads(opened.page.get_attribute("#sg-network", "data-highlight-nodes")) == (highlighted)
        opened.check_clean()
    finally:
        opened.close()


@pytest.mark.parametrize("script", ["explorer_screenshot", "learner_screenshot"])
def test_the_screenshot_scripts_write_a_png(script: str, browser: Any, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(script, ROOT / "docs" / f"{script}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.screenshot(tmp_path / "shot.png", width=800, height=500, browser=browser)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_plan_highlights_the_plan(tmp_path: Path, curated: skillgraph.SkillGraph) -> None:
    out = tmp_path / "plan.html"
    result = run(
        "export", "html", str(out), "--plan", "senior", "--have", "python,sql,git", "--type", "skill"
    )
    assert result.exit_code == 0, result.output
    found = skillgraph.learning_plan(
        curated,
        curated.resolve("senior"),
        _known(curated, "python,sql,git"),
    )
    data = page_data(out.read_text(encoding="utf-8"))
    expected = [found.target.key, *(item.key for item in found.items)]
    assert data["highlight"]["nodes"] == expected
    assert SGD + "python" not in expected and SGD + "senior-backend-developer" in expected
    drawn = {n["id"] for n in data["nodes"]}
    assert set(expected) <= drawn  # the target stays in view beside the skills
    assert all(a in expected and b in expected for a, b in data["highlight"]["edges"])
    assert f"plan for Senior Backend Developer ({len(found.items)} skills)" in data["title"]


def _known(graph: skillgraph.SkillGraph, have: str) -> dict[str, int]:
    from skillgraph.algorithms.profile import parse_have

    return parse_have(graph, [have]).ranks()


def test_export_have_without_plan_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = run("export", "html", str(out), "--have", "python")
    assert result.exit_code == 2
    assert "--have and --profile go with --plan ROLE" in result.output
    assert not out.exists()


def test_export_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "graph.html"
    result = run("export", "html", str(out))
    assert result.exit_code == 2
    assert result.output.strip() == f"skillgraph: error: {out}: the folder {out.parent} does not exist"
