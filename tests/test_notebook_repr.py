"""Rich display in notebooks: HTML tables for graphs, paths and nodes, escaped; text elsewhere."""

from __future__ import annotations

import html
import re

import pytest

import skillgraph
from skillgraph.explorer import notebook
from tests.helpers import ROOT

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def evil_graph(write_ttl):
    """A user's track whose labels and descriptions carry markup."""
    path = write_ttl(
        f"""
ex:evil-junior a sg:Role ; sg:level 1 ;
    skos:prefLabel "{EVIL}"@en ; skos:altLabel "evil junior"@en ;
    skos:definition "A role <script>alert('d')</script> & more"@en ;
    sg:progressesTo ex:evil-senior ;
    sg:requirement [ a sg:SkillRequirement ; sg:skill ex:evil-skill ; sg:proficiency sg:Intermediate ] .
ex:evil-senior a sg:Role ; sg:level 2 ; skos:prefLabel "Evil \\"Senior\\""@en ;
    sg:requirement [ a sg:SkillRequirement ; sg:skill sgd:sql ; sg:proficiency sg:Advanced ] .
ex:evil-skill a sg:Skill ; sg:category sg:Framework ; skos:prefLabel "<b onmouseover=x>skill</b>"@en ;
    sg:hasPrerequisite sgd:git .
""",
        name="evil.ttl",
    )
    return skillgraph.load([path])


def _no_raw_markup(fragment: str) -> None:
    assert "<img" not in fragment
    assert "<script" not in fragment
    assert "<b onmouseover" not in fragment
    assert "onerror=alert" not in fragment or "&lt;img src=x onerror=alert(1)&gt;" in fragment


def test_graph_renders_counts_as_a_table(graph):
    page = graph._repr_html_()
    assert page.startswith('<div class="skillgraph">') and "<table>" in page
    counts = graph.counts()
    assert f'<td style="text-align:left;vertical-align:top">{counts["skill"]}</td>' in page
    # each type's row names its first nodes as examples, and says when there are more
    roles = [graph.label(n) for n in graph.nodes("role")]
    assert all(html.escape(label) in page for label in roles[:4])
    assert ("…" in page) == any(len(graph.nodes(kind)) > 4 for kind in counts)
    assert repr(graph).startswith("<SkillGraph ")


def test_path_renders_a_table_per_step(graph):
    path = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("senior"))
    page = path._repr_html_()
    assert page.count("<table>") == len(path.steps)
    for step in path.steps:
        assert html.escape(step.label) in page
        for item in step.skills:
            assert html.escape(item.label) in page
    assert str(path).startswith("Junior Backend Developer -> Backend Developer -> Senior Backend Developer")


def test_node_renders_facts_and_relations(graph):
    desc = skillgraph.describe(graph, graph.resolve("python"))
    page = desc._repr_html_()
    assert "Python" in page and "alternative for" in page and "<table>" in page
    assert str(desc).splitlines()[0].startswith("Python  [skill]")


def test_plan_and_gap_render_tables(graph):
    have = {graph.resolve("java"): 3, graph.resolve("linux"): 1}
    plan = skillgraph.learning_plan(graph, graph.resolve("devops"), have, optimize="effort")
    page = plan._repr_html_()
    assert page.count("<table>") == len(plan.stages) + 1  # the stages and the choices made
    assert "Stage 1" in page and "raise" in page
    for item in plan.items:
        assert html.escape(item.label) in page
    assert str(plan).startswith("Learning plan for DevOps Engineer")
    gap = skillgraph.skill_gap(graph, graph.resolve("senior"), have)
    page = gap._repr_html_()
    assert "Gap to Senior Backend Developer" in page
    assert all(html.escape(item.label) in page for item in gap.items)
    assert str(gap).startswith("Gap to Senior Backend Developer")
    done = skillgraph.learning_plan(graph, graph.resolve("junior"), dict.fromkeys(graph.nodes("skill"), 4))
    assert "nothing to learn" in done._repr_html_()


def test_pretty_text_in_ipython(graph):
    from IPython.lib.pretty import pretty

    path = skillgraph.career_path(graph, graph.resolve("senior"), graph.resolve("lead"))
    assert pretty(path) == str(path)
    desc = skillgraph.describe(graph, graph.resolve("aws"))
    assert pretty(desc) == str(desc)
    assert pretty(graph) == repr(graph)
    plan = skillgraph.learning_plan(graph, graph.resolve("junior"))
    assert pretty(plan) == str(plan)
    gap = skillgraph.skill_gap(graph, graph.resolve("junior"))
    assert pretty(gap) == str(gap)


def test_labels_from_a_user_file_are_escaped(evil_graph):
    junior = evil_graph.resolve("evil junior")
    assert evil_graph.label(junior) == EVIL
    path = skillgraph.career_path(evil_graph, junior, evil_graph.resolve("evil senior"))
    desc = skillgraph.describe(evil_graph, junior)
    skill = skillgraph.describe(evil_graph, "https://example.org/track/evil-skill")
    plan = skillgraph.learning_plan(evil_graph, junior)
    gap = skillgraph.skill_gap(evil_graph, evil_graph.resolve("evil senior"))
    pages = [path, desc, skill, evil_graph, plan, gap]
    for page in (shown._repr_html_() for shown in pages):
        _no_raw_markup(page)
    escaped = html.escape(EVIL)
    assert escaped in path._repr_html_() and escaped in desc._repr_html_()
    assert "&lt;script&gt;alert(&#x27;d&#x27;)&lt;/script&gt; &amp; more" in desc._repr_html_()
    assert "Evil &quot;Senior&quot;" in path._repr_html_() and "Evil &quot;Senior&quot;" in gap._repr_html_()
    assert escaped in plan._repr_html_() and "&lt;b onmouseover=x&gt;skill&lt;/b&gt;" in plan._repr_html_()
    # the only tags are the presenter's own
    tags = set(re.findall(r"<\s*([a-zA-Z]+)", path._repr_html_() + desc._repr_html_()))
    assert tags <= {"div", "p", "strong", "span", "table", "thead", "tbody", "tr", "th", "td"}


def test_iframe_escapes_the_page_into_srcdoc():
    page = "<html><script>var s = \"a & b\" + '<';</script></html>"
    tag = notebook.iframe(page, height=320)
    srcdoc = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts allow-same-origin" .*height="320".*</iframe>', tag
    )
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == page


def test_iframe_round_trips_any_page():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.text())
    def round_trip(page):
        tag = notebook.iframe(page)
        srcdoc = tag[len('<iframe srcdoc="') : tag.index('" sandbox=')]
        assert '"' not in srcdoc and "<" not in srcdoc
        assert html.unescape(srcdoc) == page

    round_trip()


def _files(*roots):
    return {
        str(p): p.stat().st_mtime_ns
        for root in roots
        for p in root.rglob("*")
        if "__pycache__" not in p.parts
    }


def test_explorer_embeds_the_page_in_srcdoc_and_writes_nothing(graph, tmp_path, monkeypatch):
    from skillgraph.explorer import to_html

    monkeypatch.chdir(tmp_path)
    root = ROOT / "skillgraph"
    before = _files(tmp_path, root)
    shown = notebook.explorer(graph, title="Careers")
    tag = shown._repr_html_()
    assert _files(tmp_path, root) == before, "the explorer wrote a file"
    found = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts allow-same-origin" (.*)></iframe>', tag, re.S
    )
    assert found is not None
    assert f'height="{notebook.EXPLORER_HEIGHT}"' in found.group(2)
    assert html.unescape(found.group(1)) == shown.html == to_html(graph, title="Careers")
    assert "src=" not in found.group(2)  # the page is inline, never a file
    assert notebook.explorer(graph, height=300)._repr_html_().count('height="300"') == 1


def test_embedded_explorer_draws_in_a_browser(browser, graph):
    """The iframe as a notebook output shows it: scripts run in the sandbox, no request leaves."""
    path = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("senior"))
    shown = notebook.explorer(graph, highlight_nodes=[step.key for step in path.steps], height=500)
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("request", lambda req: requests.append(req.url))
        page.set_content(f"<!DOCTYPE html><html><body><h1>Out[1]:</h1>{shown._repr_html_()}</body></html>")
        frame = page.frame_locator("iframe")
        frame.locator("body").wait_for(timeout=10_000)
        inner = next(f for f in page.frames if f is not page.main_frame)
        inner.wait_for_function("() => window.skillgraphReady === true", timeout=30_000)
        assert inner.evaluate("window.skillgraphNodes.getIds().length") == len(graph)
        box = page.locator("iframe").bounding_box()
        assert box is not None and round(box["height"]) == 500
        assert errors == []
        assert [u for u in requests if not u.startswith(("about:", "data:", "blob:"))] == []
    finally:
        context.close()


def _every_result(graph):
    """One answer of each result class the package displays, from its public functions."""
    from skillgraph.algorithms.extract import extract
    from skillgraph.algorithms.frontier import next_steps
    from skillgraph.algorithms.progress import progress
    from skillgraph.algorithms.schedule import schedule
    from skillgraph.algorithms.transitions import transitions
    from skillgraph.algorithms.unlocks import unlocks
    from skillgraph.model.describe import list_nodes

    senior, python = graph.resolve("senior"), graph.resolve("python")
    have = {python: 1}
    plan = skillgraph.learning_plan(graph, senior, have)
    return [
        skillgraph.career_path(graph, graph.resolve("junior"), senior),
        plan,
        skillgraph.skill_gap(graph, senior, have),
        skillgraph.describe(graph, python),
        list_nodes(graph, "skill"),
        next_steps(graph, senior, have),
        unlocks(graph, graph.resolve("sql")),
        progress(graph, senior, have),
        transitions(graph, senior),
        extract(graph, "Expert in Python and SQL, nice to have Docker."),
        schedule(plan, hours_per_week=8),
    ]


def test_every_result_class_is_covered(graph):
    from skillgraph.present.registry import FORMATS

    displayed = {name for name, renderers in FORMATS.items() if "text" in renderers}
    covered = {f"{type(r).__module__}.{type(r).__qualname__}" for r in _every_result(graph)}
    assert displayed - covered <= {"skillgraph.model.graph.SkillGraph"}


def test_a_result_repr_is_one_short_line_and_str_the_whole_answer(graph):
    from skillgraph.model.display import render

    for result in _every_result(graph):
        name = type(result).__name__
        short, whole = repr(result), str(result)
        assert short.startswith(f"<{name} ") and short.endswith(">"), short
        assert "\n" not in short and len(short) < 160, short
        assert whole == render(result, "text") and len(whole) > len(short), name
