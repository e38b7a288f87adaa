"""Tests of the HTML explorer: the page's content, and the page in a headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from skillgraph import explorer
from skillgraph.model import subsets
from skillgraph.vocabulary import TYPES
from tests.helpers import SG, assert_drawn_exactly, build_sample_graph, edge_triples, page_data

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"


# ------------------------------------------------------------------------- page text --


def test_page_is_self_contained(sample_graph: nx.MultiDiGraph) -> None:
    page = explorer.to_html(sample_graph, title="Backend")
    assert page.startswith("<!DOCTYPE html>")
    assert re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE) is None
    for href in re.findall(r"<link[^>]*\bhref\s*=\s*\"([^\"]*)\"", page, re.IGNORECASE):
        assert href.startswith("data:")
    assert "sourceMappingURL" not in page
    assert "cdn." not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    assert "vis-network" in page  # the library is inlined


def test_page_holds_every_node_and_edge(sample_graph: nx.MultiDiGraph) -> None:
    data = page_data(explorer.to_html(sample_graph))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(sample_graph.nodes)
    assert sorted((e["from"], e["to"], e["key"]) for e in data["edges"]) == edge_triples(sample_graph)
    types = {t["type"] for t in data["types"]}
    assert types == {
        "role",
        "specialization",
        "skill",
        "trend",
        "education",
        "tool",
        "activity",
    }
    styles = {(r["color"], json.dumps(r["dashes"])) for r in data["relations"]}
    assert len(styles) == len(data["relations"])  # each relation drawn its own way
    by_id = {n["id"]: n for n in data["nodes"]}
    shapes = {by_id[n]["shape"] for n in by_id}
    assert len(shapes) == 7


def test_tooltip_rows_tell_the_attributes(sample_graph: nx.MultiDiGraph) -> None:
    data = page_data(explorer.to_html(sample_graph))
    python = next(n for n in data["nodes"] if n["id"] == SG + "python")
    rows = dict(python["rows"])
    assert rows["Category"] == "Programming languages"
    assert rows["Study hours"] == "foundational 30 h, intermediate 120 h, advanced 400 h, expert 1500 h"
    assert rows["Sources"] == "domain-knowledge"
    assert rows["Description"] == "About Python."
    senior = dict(next(n for n in data["nodes"] if n["id"] == SG + "senior-backend-developer")["rows"])
    assert senior["Level"] == "3 (senior)"
    req = next(
        e
        for e in data["edges"]
        if e["relation"] == "requires"
        and e["to"] == SG + "system-design"
        and e["from"].endswith("lead-backend-developer")
    )
    assert dict(req["rows"])["Proficiency"] == "Expert (4)"
    assert dict(req["rows"])["Source"] == "domain-knowledge"


def test_input_graph_is_not_changed(sample_graph: nx.MultiDiGraph) -> None:
    before = nx.node_link_data(sample_graph, edges="links")
    explorer.to_html(sample_graph, layout="static")
    assert nx.node_link_data(sample_graph, edges="links") == before


def test_accepts_object_with_nx(sample_graph: nx.MultiDiGraph) -> None:
    class Wrapped:
        nx = sample_graph

    assert explorer.to_html(Wrapped(), title="t") == explorer.to_html(sample_graph, title="t")


def test_hostile_text_is_escaped() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", type="skill", label=HOSTILE_IMG, description=HOSTILE_SCRIPT + "\u2028")
    g.add_node("b", type="role", label=HOSTILE_SCRIPT, alt_labels=("&amp; <b>",))
    g.add_edge("b", "a", key="requires", relation="requires", proficiency_label=HOSTILE_IMG)
    page = explorer.to_html(g, title=HOSTILE_SCRIPT)
    assert HOSTILE_IMG not in page
    assert "<script>alert(1)" not in page
    assert "\u2028" not in page
    # 6 script elements (boot, vis-network, data, app, roadmap, learner): none closed early
    assert page.count("</script>") == 6
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    data = page_data(page)
    assert {n["label"] for n in data["nodes"]} == {HOSTILE_IMG, HOSTILE_SCRIPT}


def test_bad_arguments(sample_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        explorer.to_html(sample_graph, layout="circle")
    with pytest.raises(ValueError, match="not in the graph"):
        explorer.to_html(sample_graph, highlight_nodes=["nope"])
    with pytest.raises(ValueError, match="not in the graph"):
        explorer.to_html(sample_graph, highlight_edges=[(SG + "python", SG + "sql")])
    with pytest.raises(ValueError, match="pair"):
        explorer.to_html(sample_graph, highlight_edges=[3])
    with pytest.raises(TypeError):
        explorer.to_html(42)


def test_highlight_is_recorded(sample_graph: nx.MultiDiGraph) -> None:
    path = [SG + "junior-backend-developer", SG + "backend-developer"]
    data = page_data(
        explorer.to_html(sample_graph, highlight_nodes=path, highlight_edges=subsets.path_edges(path))
    )
    assert data["highlight"]["nodes"] == path
    assert data["highlight"]["edges"] == [path]
    marked = {n["id"] for n in data["nodes"] if n.get("highlighted")}
    assert marked == set(path)
    edges = [e for e in data["edges"] if e.get("highlighted")]
    assert [(e["from"], e["to"]) for e in edges] == [tuple(path)]
    assert edges[0]["width"] >= 5 and edges[0]["color"]["color"] == explorer.HIGHLIGHT_COLOR


def random_graph(n: int, edges_per_node: float = 2.5, seed: int = 7) -> nx.MultiDiGraph:
    """A generated skillgraph-like graph of *n* nodes (also used by the benchmark)."""
    import random

    rng = random.Random(seed)
    kinds = TYPES
    g = nx.MultiDiGraph()
    for i in range(n):
        kind = kinds[i % len(kinds)] if i % 3 else "skill"
        g.add_node(
            f"n{i}",
            type=kind,
            id=f"n{i}",
            label=f"{kind} {i}",
            alt_labels=(),
            description=f"Generated node {i}",
            sources=("generated",),
        )
    relations = list(explorer.EDGE_STYLES)
    for _ in range(int(n * edges_per_node)):
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            rel = rng.choice(relations)
            g.add_edge(f"n{u}", f"n{v}", key=rel, relation=rel, source="generated")
    return g


def test_auto_layout_switches_to_precomputed_positions() -> None:
    small = page_data(explorer.to_html(random_graph(50)))
    assert small["layout"] == "physics" and small["options"]["physics"]["enabled"]
    assert "x" not in small["nodes"][0]
    big = page_data(explorer.to_html(random_graph(explorer.PHYSICS_LIMIT + 20)))
    assert big["layout"] == "static" and big["options"]["physics"] == {"enabled": False}
    xs = [n["x"] for n in big["nodes"]]
    ys = [n["y"] for n in big["nodes"]]
    assert max(xs) - min(xs) > 500 and max(ys) - min(ys) > 500
    assert len({(n["x"], n["y"]) for n in big["nodes"]}) == len(big["nodes"])
    again = page_data(explorer.to_html(random_graph(explorer.PHYSICS_LIMIT + 20)))
    assert [n["x"] for n in again["nodes"]] == xs  # deterministic


def test_hierarchical_layout_option(sample_graph: nx.MultiDiGraph) -> None:
    data = page_data(explorer.to_html(sample_graph, layout="hierarchical"))
    assert data["options"]["layout"]["hierarchical"]["enabled"] is True
    assert data["options"]["physics"]["enabled"] is False


def test_write_html_is_atomic(tmp_path: Path, sample_graph: nx.MultiDiGraph) -> None:
    out = tmp_path / "explorer.html"
    assert explorer.write_html(out, sample_graph, title="x") == out
    assert out.read_text(encoding="utf-8") == explorer.to_html(sample_graph, title="x")
    with pytest.raises(ValueError):
        explorer.write_html(out, sample_graph, layout="bad")
    assert out.read_text(encoding="utf-8") == explorer.to_html(sample_graph, title="x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["explorer.html"]


# -------------------------------------------------------------------------- subsets --


def test_subsets(sample_graph: nx.MultiDiGraph) -> None:
    mid = SG + "backend-developer"
    near = subsets.around(sample_graph, mid, 1)
    assert set(near) == {
        mid,
        SG + "junior-backend-developer",
        SG + "senior-backend-developer",
        SG + "backend-language",
        SG + "sql",
        SG + "jira",
        SG + "code-review",
    }
    assert near.nodes[mid] == sample_graph.nodes[mid]
    near.nodes[mid]["label"] = "changed"
    assert sample_graph.nodes[mid]["label"] == "Backend Developer"
    assert len(subsets.around(sample_graph, mid, 10)) == len(sample_graph)
    roles = subsets.of_types(sample_graph, ["role"])
    assert {d["type"] for _, d in roles.nodes(data=True)} == {"role"}
    assert edge_triples(roles) == sorted(
        (u, v, k) for u, v, k in sample_graph.edges(keys=True) if u in roles and v in roles
    )
    _nodes, edges = subsets.path_highlight(
        sample_graph,
        [SG + "site-reliability-engineer", SG + "senior-backend-developer"],
    )
    assert edges == [(SG + "site-reliability-engineer", SG + "senior-backend-developer")]


# -------------------------------------------------------------------------- browser --


def test_browser_draws_the_graph_offline(opened: Any, sample_graph: nx.MultiDiGraph) -> None:
    p = opened(sample_graph, title="Backend ladder")
    assert_drawn_exactly(p.page, sample_graph)
    assert p.page.evaluate("window.skillgraphTimings.firstDraw > 0")
    assert p.page.locator("#sg-types input[type=checkbox]").count() == 7
    assert p.page.locator("#sg-relations .sg-rel").count() == 11
    assert p.page.title() == "Backend ladder"
    p.check_clean()


def test_browser_search_focuses_a_node(opened: Any, sample_graph: nx.MultiDiGraph) -> None:
    p = opened(sample_graph)
    box = p.page.locator("#sg-search")
    box.fill("tech LEAD")  # an alternative label, other case
    box.press("Enter")
    assert p.page.evaluate("window.skillgraphNetwork.getSelectedNodes()") == [SG + "lead-backend-developer"]
    box.fill("k8s")
    box.press("Enter")
    assert p.page.evaluate("window.skillgraphNetwork.getSelectedNodes()") == [SG + "kubernetes"]
    assert p.page.locator("#sg-search-status").inner_text() == "Found: Kubernetes"
    box.fill("no such thing")
    box.press("Enter")
    assert "No node matches" in p.page.locator("#sg-search-status").inner_text()
    p.check_clean()


def test_browser_type_filter_hides_a_type(opened: Any, sample_graph: nx.MultiDiGraph) -> None:
    p = opened(sample_graph)
    hidden = "window.skillgraphNodes.get({filter: n => n.hidden === true}).map(n => n.id)"
    assert p.page.evaluate(hidden) == []
    p.page.locator('#sg-types input[data-type="skill"]').uncheck()
    skills = sorted(n for n, d in sample_graph.nodes(data=True) if d["type"] == "skill")
    assert sorted(p.page.evaluate(hidden)) == skills
    # A search for a hidden node shows its type again
    p.page.locator("#sg-search").fill("System design")
    p.page.locator("#sg-search").press("Enter")
    assert p.page.evaluate(hidden) == []
    assert p.page.locator('#sg-types input[data-type="skill"]').is_checked()
    p.check_clean()


def test_browser_highlights_a_path(opened: Any, sample_graph: nx.MultiDiGraph) -> None:
    path = [
        SG + "junior-backend-developer",
        SG + "backend-developer",
        SG + "senior-backend-developer",
    ]
    nodes, edges = subsets.path_highlight(sample_graph, path)
    p = opened(sample_graph, highlight_nodes=nodes, highlight_edges=edges)
    assert p.page.evaluate("window.skillgraphHighlight.nodes") == path
    assert p.page.evaluate("window.skillgraphHighlight.edges") == [list(e) for e in edges]
    assert json.loads(p.page.get_attribute("#sg-network", "data-highlight-nodes")) == path
    styled = p.page.evaluate(
        "Object.values(window.skillgraphNetwork.body.edges)"
        ".filter(e => e.options.width >= 5).map(e => [e.fromId, e.toId, e.options.color.color])"
    )
    assert sorted(tuple(e[:2]) for e in styled) == sorted(edges)
    assert {e[2] for e in styled} == {explorer.HIGHLIGHT_COLOR}
    bordered = p.page.evaluate(
        "Object.values(window.skillgraphNetwork.body.nodes)"
        ".filter(n => n.options.borderWidth >= 5).map(n => n.id)"
    )
    assert sorted(bordered) == sorted(path)
    p.check_clean()


def test_browser_shows_hostile_text_as_text(opened: Any) -> None:
    g = nx.MultiDiGraph()
    g.add_node(
        "a",
        type="skill",
        label=HOSTILE_IMG,
        description=HOSTILE_SCRIPT,
        alt_labels=("<b>bold</b>",),
    )
    g.add_node("b", type="role", label=HOSTILE_SCRIPT, description=HOSTILE_IMG, level=2)
    g.add_edge(
        "b",
        "a",
        key="requires",
        relation="requires",
        proficiency=2,
        proficiency_label=HOSTILE_IMG,
        source=HOSTILE_SCRIPT,
    )
    p = opened(g, title=HOSTILE_IMG)
    assert_drawn_exactly(p.page, g)
    labels = p.page.evaluate("window.skillgraphNodes.get().map(n => n.label)")
    assert sorted(labels) == sorted([HOSTILE_IMG, HOSTILE_SCRIPT])
    assert p.page.title() == HOSTILE_IMG
    assert p.page.locator("#sg-title").inner_text() == HOSTILE_IMG
    assert p.page.evaluate("document.querySelectorAll('img, b').length") == 0
    # The search finds it and tells its label literally
    p.page.locator("#sg-search").fill("<b>BOLD</b>")
    p.page.locator("#sg-search").press("Enter")
    assert p.page.evaluate("window.skillgraphNetwork.getSelectedNodes()") == ["a"]
    assert p.page.locator("#sg-search-status").inner_text() == "Found: " + HOSTILE_IMG
    # Hover the node: the tooltip shows the description as text
    p.page.evaluate("window.skillgraphNetwork.moveTo({position: {x: 0, y: 0}, scale: 1})")
    pos = p.page.evaluate(
        "(() => { const net = window.skillgraphNetwork;"
        " const c = net.getPositions(['a']).a; const d = net.canvasToDOM(c);"
        " const r = document.getElementById('sg-network').getBoundingClientRect();"
        " return [d.x + r.left, d.y + r.top]; })()"
    )
    p.page.mouse.move(pos[0] + 2, pos[1] + 2)
    p.page.mouse.move(pos[0], pos[1])
    tip = p.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert HOSTILE_IMG in text and HOSTILE_SCRIPT in text
    assert p.page.evaluate("document.querySelectorAll('img, b:not(.sg-tip-row b)').length") == 0
    p.page.wait_for_timeout(200)
    p.check_clean()


def test_browser_large_graph_uses_precomputed_layout(opened: Any) -> None:
    g = random_graph(600)
    p = opened(g)
    assert p.page.get_attribute("#sg-network", "data-layout") == "static"
    assert p.page.evaluate("window.skillgraphNetwork.physics.options.enabled") is False
    assert_drawn_exactly(p.page, g)
    p.check_clean()


def test_browser_hierarchical_layout(opened: Any, sample_graph: nx.MultiDiGraph) -> None:
    p = opened(sample_graph, layout="hierarchical")
    assert_drawn_exactly(p.page, sample_graph)
    ys = p.page.evaluate(
        "(() => { const pos = window.skillgraphNetwork.getPositions();"
        f" return ['{SG}junior-backend-developer', '{SG}backend-developer',"
        f" '{SG}senior-backend-developer', '{SG}lead-backend-developer']"
        ".map(id => pos[id].y); })()"
    )
    assert ys == sorted(ys) and len(set(ys)) == 4  # the ladder goes down, rung by rung
    p.check_clean()


def test_sample_graph_builder_is_fresh() -> None:
    assert build_sample_graph() is not build_sample_graph()
