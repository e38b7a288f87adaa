"""Presenters: labels that come from users' files are escaped in Markdown and Mermaid."""

from __future__ import annotations

import pytest

import skillgraph
from skillgraph.present.markdown import path_markdown, plan_markdown
from skillgraph.present.mermaid import plan_mermaid

HOSTILE = "Evil [link](http://x) *bold* <b>`code`</b> # heading"


def _hostile_graph(write_ttl):
    path = write_ttl(
        f"""
ex:junior a sg:Role ; sg:level 1 ; skos:prefLabel "{HOSTILE} role"@en ; skos:altLabel "hostile junior"@en ;
    sg:progressesTo ex:senior ;
    sg:requirement [ a sg:SkillRequirement ; sg:skill ex:skill ; sg:proficiency sg:Intermediate ] .
ex:senior a sg:Role ; sg:level 2 ; skos:prefLabel "Hostile senior"@en ; skos:altLabel "hostile senior"@en .
ex:skill a sg:Skill ; sg:category sg:Framework ; skos:prefLabel "{HOSTILE} skill"@en .
""",
        name="hostile.ttl",
    )
    return skillgraph.load([path])


def test_path_markdown_escapes_labels(write_ttl):
    graph = _hostile_graph(write_ttl)
    path = skillgraph.career_path(graph, graph.resolve("hostile junior"), graph.resolve("hostile senior"))
    text = path_markdown(path)
    assert "[link](http://x)" not in text and "<b>" not in text and "*bold*" not in text
    assert r"Evil \[link\]\(http://x\) \*bold\* \<b\>\`code\`\</b\> \# heading" in text


def test_plan_markdown_and_mermaid_escape_labels(write_ttl):
    graph = _hostile_graph(write_ttl)
    plan = skillgraph.learning_plan(graph, graph.resolve("hostile junior"))
    markdown = plan_markdown(plan)
    assert "[link](http://x)" not in markdown and "<b>" not in markdown
    mermaid = plan_mermaid(plan)
    assert "<b>" not in mermaid and "#lt;b#gt;" in mermaid


def test_every_registered_renderer_exists() -> None:
    from importlib import import_module

    from skillgraph.present.registry import FORMATS

    for kind, renderers in FORMATS.items():
        module, _, name = kind.rpartition(".")
        found = getattr(import_module(module), name)
        assert f"{found.__module__}.{found.__qualname__}" == kind  # the class is defined there
        for fmt, target in renderers.items():
            module, _, name = target.partition(":")
            assert callable(getattr(import_module(module), name)), (kind, fmt)


def test_the_command_line_and_the_notebook_read_one_table(graph) -> None:
    from skillgraph.model.display import formats, render
    from tests.helpers import invoke_cli

    junior, senior = graph.resolve("junior"), graph.resolve("senior")
    path = skillgraph.career_path(graph, junior, senior, in_source=True)  # what `path` answers
    assert str(path) == render(path, "text")
    assert path._repr_html_() == render(path, "html")
    offered = [f for f in formats(skillgraph.CareerPath) if f != "html"]  # html is the notebook's
    assert {"text", "json", "markdown"} <= set(offered)
    for fmt in offered:
        printed = invoke_cli("path", "junior", "senior", "--format", fmt)
        assert printed.exit_code == 0, printed.output
        out = render(path, fmt)
        assert printed.output == out + ("" if out.endswith("\n") else "\n"), fmt


def _printed(fmt_output: str) -> str:
    return fmt_output + ("" if not fmt_output or fmt_output.endswith("\n") else "\n")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_list_prints_what_the_listing_renders(graph, fmt) -> None:
    from skillgraph.model.describe import list_nodes
    from skillgraph.model.display import render
    from tests.helpers import invoke_cli

    printed = invoke_cli("list", "--type", "skill", "--format", fmt)
    assert printed.exit_code == 0, printed.output
    assert printed.output == _printed(render(list_nodes(graph, "skill"), fmt))


@pytest.mark.parametrize(
    ("query", "fmt"),
    [
        ("SELECT ?role { ?role a sg:Role } ORDER BY ?role", "table"),
        ("SELECT ?role { ?role a sg:Role } ORDER BY ?role", "csv"),
        ("SELECT ?role { ?role a sg:Nothing }", "table"),
        ("ASK { ?role a sg:Role }", "json"),
        ("CONSTRUCT { ?role a sg:Role } WHERE { ?role a sg:Role }", "nt"),
        ("CONSTRUCT { ?role a sg:Role } WHERE { ?role a sg:Nothing }", "turtle"),
    ],
)
def test_query_prints_what_the_result_renders(query, fmt) -> None:
    from skillgraph import sparql
    from skillgraph.model.display import render
    from tests.helpers import invoke_cli

    printed = invoke_cli("query", "-e", query, "--format", fmt)
    assert printed.exit_code == 0, printed.output
    assert printed.stdout_bytes.decode() == _printed(render(sparql.query(query), fmt))
