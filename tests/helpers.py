"""Helpers the tests share: paths, a hand-built sample graph, the CLI runner, page readers.

Fixtures live in ``conftest.py``; plain functions and classes the tests import live here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
#: The real ESCO and O*NET files shared beside the project (the full O*NET 29.2 text files).
SHARED_DATA = Path(os.environ.get("SKILLGRAPH_SHARED_DATA") or ROOT.parent / "shared" / "data")
#: Every O*NET occupation where the full release sits beside the checkout (or in
#: $SKILLGRAPH_SHARED_DATA), else the software slice the repository carries.
ONET_FULL = (
    SHARED_DATA / "onet-29.2-full"
    if (SHARED_DATA / "onet-29.2-full" / "Occupation Data.txt").is_file()
    else DATA / "onet-29.2-software"
)


SG = "https://w3id.org/skillgraph/id/"


def _role(g: nx.MultiDiGraph, name: str, label: str, level: int, **extra: Any) -> str:
    key = SG + name
    g.add_node(
        key,
        type="role",
        id=name,
        label=label,
        alt_labels=extra.pop("alt", ()),
        description=f"{label}: builds and runs software.",
        level=level,
        category=None,
        choice=False,
        effort=(),
        learned_by="study",
        years=(1.0, 2.0),
        matches=(),
        sources=("seed-4-senior-lead",),
    )
    return key


def _node(g: nx.MultiDiGraph, kind: str, name: str, label: str, **extra: Any) -> str:
    key = SG + name
    attrs = {
        "type": kind,
        "id": name,
        "label": label,
        "alt_labels": (),
        "description": f"About {label}.",
        "level": None,
        "category": None,
        "choice": False,
        "effort": (),
        "learned_by": "study",
        "matches": (),
        "sources": ("domain-knowledge",),
    }
    attrs.update(extra)
    g.add_node(key, **attrs)
    return key


def _edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, **extra: Any) -> None:
    g.add_edge(u, v, key=relation, relation=relation, source="domain-knowledge", **extra)


def build_sample_graph() -> nx.MultiDiGraph:
    """A hand-built graph with every node type and relation of ``docs/model.md``."""
    g = nx.MultiDiGraph()
    junior = _role(
        g,
        "junior-backend-developer",
        "Junior Backend Developer",
        1,
        alt=("Junior backend engineer",),
    )
    mid = _role(g, "backend-developer", "Backend Developer", 2, alt=("Backend engineer",))
    senior = _role(g, "senior-backend-developer", "Senior Backend Developer", 3)
    lead = _role(
        g,
        "lead-backend-developer",
        "Lead Backend Developer",
        4,
        alt=("Tech lead", "Team lead"),
    )
    sre = _node(
        g,
        "specialization",
        "site-reliability-engineer",
        "Site Reliability Engineer",
        alt_labels=("SRE",),
    )
    python = _node(
        g,
        "skill",
        "python",
        "Python",
        category="Programming languages",
        effort=((1, 30.0), (2, 120.0), (3, 400.0), (4, 1500.0)),
    )
    lang = _node(
        g,
        "skill",
        "backend-language",
        "Backend programming language",
        choice=True,
        category="Programming languages",
    )
    sql = _node(
        g, "skill", "sql", "SQL", category="Data", effort=((1, 10.0), (2, 40.0), (3, 120.0), (4, 300.0))
    )
    design = _node(
        g,
        "skill",
        "system-design",
        "System design",
        category="Architecture",
        effort=((1, 50.0), (2, 200.0), (3, 500.0), (4, 1000.0)),
    )
    kube = _node(
        g,
        "skill",
        "kubernetes",
        "Kubernetes",
        alt_labels=("k8s",),
        category="Operations",
    )
    ai = _node(g, "trend", "ai-assisted-development", "AI-assisted development")
    cs = _node(g, "education", "cs-degree", "Computer science degree")
    jira = _node(g, "tool", "jira", "Jira")
    review = _node(g, "activity", "code-review", "Code review")
    _edge(g, junior, mid, "progresses_to")
    _edge(g, mid, senior, "progresses_to")
    _edge(g, senior, lead, "progresses_to")
    _edge(g, sre, senior, "branches_from")
    for role, skill, rank, label in [
        (junior, lang, 1, "Basic"),
        (junior, sql, 1, "Basic"),
        (mid, lang, 2, "Intermediate"),
        (mid, sql, 2, "Intermediate"),
        (senior, design, 3, "Advanced"),
        (lead, design, 4, "Expert"),
        (sre, kube, 3, "Advanced"),
    ]:
        _edge(g, role, skill, "requires", proficiency=rank, proficiency_label=label)
    _edge(g, lang, python, "any_of")
    _edge(g, design, sql, "has_prerequisite")
    _edge(g, ai, python, "drives")
    _edge(g, cs, sql, "teaches")
    _edge(g, cs, junior, "leads_to")
    _edge(g, mid, jira, "uses_tool")
    _edge(g, mid, review, "engages_in")
    _edge(g, review, design, "teaches")
    _edge(g, kube, design, "broader")
    # Two relations between the same pair, to exercise parallel edges.
    _edge(g, senior, lead, "broader")
    return g


def invoke_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    """Run ``skillgraph ARGS`` with click's CliRunner; fail on a traceback or an internal error."""
    from click.testing import CliRunner

    from skillgraph.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env)
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not escaped, f"uncaught {result.exception!r} from skillgraph {' '.join(map(str, args))}"
    assert result.exit_code != 70, result.output
    return result


def page_data(page: str) -> dict[str, Any]:
    """The JSON the page embeds (it stays valid JSON with its escapes)."""
    m = re.search(r'<script type="application/json" id="sg-data">(.*?)</script>', page, re.DOTALL)
    assert m is not None
    return json.loads(m.group(1))


def edge_triples(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted((u, v, k) for u, v, k in g.edges(keys=True))


class Opened:
    """A page opened from a file, with what it reported."""

    def __init__(
        self,
        browser: Any,
        path: Path,
        wait_ready: bool = True,
        *,
        width: int = 1280,
        height: int = 800,
        phone: bool = False,
    ) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone
        )
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
        )

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(path.resolve().as_uri())
        if wait_ready:
            self.page.wait_for_function("() => window.skillgraphReady === true", timeout=30_000)

    def check_clean(self) -> None:
        outside = [u for u in self.requests if not u.startswith(("file:", "data:", "about:", "blob:"))]
        assert outside == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.console_errors == []  # e.g. a Content-Security-Policy violation

    def close(self) -> None:
        self.context.close()


def click_node(page: Any, key: str, scale: float = 1.2) -> None:
    """A real mouse click on a node of the explorer's canvas (brought into view first).

    The page may still be laying itself out after the last click (a side panel opening resizes
    the canvas): the node is focused again until its place on the screen holds for two frames
    and is the node's, and only then clicked."""
    point = None
    for _ in range(50):
        found = page.evaluate(
            """async ([k, s]) => {
                 const net = window.skillgraphNetwork;
                 const canvas = document.querySelector('#sg-network canvas');
                 const place = () => { const p = net.getPositions([k])[k], d = net.canvasToDOM(p),
                                              r = canvas.getBoundingClientRect();
                                       return [r.left + d.x, r.top + d.y, d.x, d.y]; };
                 net.focus(k, {scale: s, animation: false});
                 const first = place();
                 await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                 net.focus(k, {scale: s, animation: false});
                 const then = place();
                 const same = Math.abs(first[0] - then[0]) < 1 && Math.abs(first[1] - then[1]) < 1;
                 return same && net.getNodeAt({x: then[2], y: then[3]}) === k ? then.slice(0, 2) : null;
               }""",
            [key, scale],
        )
        if found is not None:
            point = found
            break
    assert point is not None, f"{key} never held still on the canvas"
    page.mouse.click(point[0], point[1])


def drawn(page: Any) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The graph's nodes and edges in the page (not the lines and group marks of a roadmap)."""
    nodes = page.evaluate("window.skillgraphNodes.get({filter: n => !n.anchor}).map(n => n.id)")
    edges = page.evaluate(
        "window.skillgraphEdges.get({filter: e => !e.roadmap}).map(e => [e.from, e.to, e.key])"
    )
    return sorted(nodes), sorted(tuple(e) for e in edges)


def assert_drawn_exactly(page: Any, g: nx.MultiDiGraph) -> None:
    nodes, edges = drawn(page)
    assert nodes == sorted(g.nodes)
    assert edges == edge_triples(g)
    # What the network itself holds, not only the DataSets it was given
    in_network = page.evaluate(
        "Object.values(window.skillgraphNetwork.body.nodes)"
        ".filter(n => !/^(edgeId:|sg-roadmap-)/.test(String(n.id))).length"
    )
    assert in_network == g.number_of_nodes()
    in_edges = "Object.values(window.skillgraphNetwork.body.edges).filter(e => !String(e.id).startsWith('sg-roadmap-')).length"
    assert page.evaluate(in_edges) == g.number_of_edges()
