"""Presenters: labels that come from users' files are escaped in Markdown and Mermaid."""

from __future__ import annotations

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
