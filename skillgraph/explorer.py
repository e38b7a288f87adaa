"""Interactive HTML explorer of a skillgraph: one self-contained file, no network needed.

The page draws the graph with vis-network, whose script and stylesheet are taken from the
copy bundled with pyvis and inlined, so the file opens from disk with no connection, and
its Content-Security-Policy forbids any request leaving the page. Nodes are coloured and
shaped by type (with a legend), edges coloured and dashed by relation; hovering shows a
node's description, category, level, effort and sources, or an edge's relation,
proficiency and source. A search box finds a node by any of its labels and focuses it,
checkboxes hide or show each node type, and nodes or edges can be highlighted (a career
path, for instance).

Labels and descriptions come from users' files: they are only ever inserted as text
(canvas labels, ``textContent``) and the embedded JSON escapes ``<``, ``>``, ``&`` and
U+2028/U+2029, so no label can close the script or inject markup.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("sgd:junior", type="role", label="Junior developer", level=1)
>>> g.add_node("sgd:mid", type="role", label="Developer", level=2)
>>> _ = g.add_edge("sgd:junior", "sgd:mid", key="progresses_to", relation="progresses_to")
>>> page = to_html(g, highlight_nodes=["sgd:mid"], title="Ladder")
>>> page.startswith("<!DOCTYPE html>")
True
>>> "<title>Ladder</title>" in page and "Junior developer" in page
True
>>> import re
>>> re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?!data:)', page) is None
True
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from skillgraph.atomic import atomic_write
from skillgraph.subsets import GraphInputError, as_nx

#: Where Debian's Chromium lives (``SKILLGRAPH_CHROMIUM`` overrides it), to open exported pages headless.
CHROMIUM = os.environ.get("SKILLGRAPH_CHROMIUM", "/usr/bin/chromium")
#: Flags for a headless Chromium on a machine without a network: no sandbox as root, no GPU,
#: and none of its own background requests (which would fail, many at a time, offline).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

__all__ = [
    "EDGE_STYLES",
    "LAYOUTS",
    "NODE_STYLES",
    "PHYSICS_LIMIT",
    "to_html",
    "write_html",
]

#: Accepted values of the ``layout`` argument.
LAYOUTS: tuple[str, ...] = ("auto", "physics", "static", "hierarchical")

#: Above this many nodes ``layout="auto"`` computes positions in Python and turns physics off.
PHYSICS_LIMIT = 300

#: Above this many edges, edges carry no text label (their style still tells the relation).
EDGE_LABEL_LIMIT = 150

HIGHLIGHT_COLOR = "#d62728"

#: Colour, vis-network shape and legend text of each node type.
NODE_STYLES: dict[str, dict[str, str]] = {
    "role": {"color": "#4e79a7", "shape": "box", "label": "Role"},
    "specialization": {
        "color": "#76b7b2",
        "shape": "ellipse",
        "label": "Specialization",
    },
    "skill": {"color": "#59a14f", "shape": "dot", "label": "Skill"},
    "trend": {"color": "#f28e2b", "shape": "star", "label": "Trend"},
    "education": {"color": "#b07aa1", "shape": "triangle", "label": "Education path"},
    "tool": {"color": "#9c755f", "shape": "square", "label": "Collaboration tool"},
    "activity": {"color": "#edc948", "shape": "diamond", "label": "Learning activity"},
}
_OTHER_NODE = {"color": "#bab0ac", "shape": "dot", "label": "Other"}

#: Colour, dash pattern (``False`` for a solid line), width and legend text of each relation.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "progresses_to": {
        "color": "#4e79a7",
        "dashes": False,
        "width": 3,
        "label": "progresses to",
    },
    "branches_from": {
        "color": "#76b7b2",
        "dashes": [8, 4],
        "width": 2,
        "label": "branches from",
    },
    "requires": {"color": "#59a14f", "dashes": False, "width": 1, "label": "requires"},
    "has_prerequisite": {
        "color": "#7f7f7f",
        "dashes": [2, 4],
        "width": 1,
        "label": "has prerequisite",
    },
    "any_of": {
        "color": "#8cd17d",
        "dashes": [6, 3, 2, 3],
        "width": 1,
        "label": "any of",
    },
    "drives": {
        "color": "#f28e2b",
        "dashes": [10, 5],
        "width": 1,
        "label": "drives demand for",
    },
    "teaches": {"color": "#b07aa1", "dashes": False, "width": 1, "label": "teaches"},
    "leads_to": {"color": "#b07aa1", "dashes": [4, 4], "width": 2, "label": "leads to"},
    "uses_tool": {
        "color": "#9c755f",
        "dashes": [3, 3],
        "width": 1,
        "label": "uses tool",
    },
    "engages_in": {
        "color": "#d4a72c",
        "dashes": [5, 2],
        "width": 1,
        "label": "engages in",
    },
    "broader": {"color": "#aaaaaa", "dashes": [1, 3], "width": 1, "label": "broader"},
    "related": {"color": "#e15759", "dashes": [1, 5], "width": 1, "label": "related to"},
}
_OTHER_EDGE = {"color": "#999999", "dashes": False, "width": 1, "label": "other"}

_LEVEL_NAMES = {1: "junior", 2: "mid-level", 3: "senior", 4: "lead"}


# --------------------------------------------------------------------------- assets --


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet bundled with pyvis, made safe to inline."""
    base = Path(pyvis.__file__).parent
    for folder in (
        base / "templates" / "lib" / "vis-9.1.2",
        base / "lib" / "vis-9.1.2",
    ):
        if (folder / "vis-network.min.js").is_file():
            break
    else:  # pragma: no cover - depends on the installed pyvis
        raise RuntimeError(f"vis-network not found in the pyvis package at {base}")
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    # A source map would be looked up by developer tools; drop the reference.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    # Nothing may end the inline element early (not the case in 9.1.2; kept as a guard).
    js = js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    css = css.replace("</style", "<\\/style")
    return js, css


def _script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    >>> _script_json({"label": "</script><b>&"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# ---------------------------------------------------------------------- graph data --


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v is not None and str(v)]


def _node_rows(key: Any, d: dict[str, Any]) -> list[list[str]]:
    """The tooltip of a node as ``[name, value]`` rows (plain text)."""
    rows = [["Type", _text(d.get("type")) or "unknown"]]
    if d.get("choice"):
        rows.append(["Choice", "satisfied by any one of its alternatives"])
    if d.get("description"):
        rows.append(["Description", _text(d["description"])])
    alt = _texts(d.get("alt_labels"))
    if alt:
        rows.append(["Also known as", ", ".join(alt)])
    if d.get("category"):
        rows.append(["Category", _text(d["category"])])
    level = d.get("level")
    if level is not None:
        name = _LEVEL_NAMES.get(level) if isinstance(level, int) else None
        rows.append(["Level", f"{level} ({name})" if name else _text(level)])
    effort = d.get("effort_hours")
    if effort is not None:
        rows.append(
            [
                "Effort",
                f"{effort:g} hours" if isinstance(effort, (int, float)) else _text(effort),
            ]
        )
    sources = _texts(d.get("sources"))
    if sources:
        rows.append(["Sources", ", ".join(sources)])
    rows.append(["ID", _text(d.get("id")) or _text(key)])
    return rows


def _edge_rows(relation: str, d: dict[str, Any], u_label: str, v_label: str) -> list[list[str]]:
    """The tooltip of an edge as ``[name, value]`` rows (plain text)."""
    rows = [["Relation", relation], ["From", u_label], ["To", v_label]]
    if d.get("proficiency_label") or d.get("proficiency") is not None:
        label = _text(d.get("proficiency_label"))
        rank = d.get("proficiency")
        if label and rank is not None:
            rows.append(["Proficiency", f"{label} ({rank})"])
        else:
            rows.append(["Proficiency", label or _text(rank)])
    sources = _texts(d.get("source"))
    if sources:
        rows.append(["Source", ", ".join(sources)])
    return rows


def _check_highlights(
    g: nx.Graph, highlight_nodes: Iterable[Any], highlight_edges: Iterable[Any]
) -> tuple[set[Any], set[tuple[Any, Any]], list[Any], list[list[Any]]]:
    nodes_hl: set[Any] = set()
    order_nodes: list[Any] = []
    for n in highlight_nodes:
        if n not in g:
            raise GraphInputError(f"highlighted node {n!r} is not in the graph")
        if n not in nodes_hl:
            nodes_hl.add(n)
            order_nodes.append(n)
    edges_hl: set[tuple[Any, Any]] = set()
    order_edges: list[list[Any]] = []
    for e in highlight_edges:
        try:
            u, v = e[0], e[1]
        except (TypeError, IndexError, KeyError):
            raise GraphInputError(f"a highlighted edge must be a (u, v) pair, got {e!r}") from None
        if not g.has_edge(u, v):
            raise GraphInputError(f"highlighted edge {u!r} -> {v!r} is not in the graph")
        if (u, v) not in edges_hl:
            edges_hl.add((u, v))
            order_edges.append([u, v])
    return nodes_hl, edges_hl, order_nodes, order_edges


def _positions(g: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Force-directed positions in pixels, computed in Python (Fruchterman-Reingold).

    Same model as ``nx.spring_layout`` but with the repulsion computed as matrix products
    (float32), which takes about a second for 2,000 nodes instead of several. Deterministic
    for a given graph and seed.
    """
    import numpy as np

    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in g.edges() if u != v]
    src = np.array([p[0] for p in pairs], dtype=np.intp)
    dst = np.array([p[1] for p in pairs], dtype=np.intp)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    k2 = np.float32(1.0 / n)
    k = np.float32(math.sqrt(1.0 / n))
    iterations = 50 if n <= 3000 else max(15, int(50 * (3000 / n) ** 2))
    temperature = np.float32(0.1)
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        sq = (pos * pos).sum(axis=1)
        d2 = sq[:, None] + sq[None, :] - 2 * (pos @ pos.T)
        np.maximum(d2, np.float32(1e-5), out=d2)
        rep = k2 / d2
        np.fill_diagonal(rep, 0)
        disp = pos * rep.sum(axis=1)[:, None] - rep @ pos
        if len(pairs):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(axis=1))[:, None]
            pull = delta * dist / k
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        # A weak pull to the centre keeps separate components from drifting away.
        disp -= (pos - pos.mean(axis=0)) * np.float32(0.05)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(1e-4))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    half_width = 40.0 * math.sqrt(n) + 200.0  # about 80 px between neighbours
    pos *= np.float32(half_width / extent)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos, strict=True)}


def _graph_data(
    g: nx.Graph,
    *,
    highlight_nodes: Iterable[Any],
    highlight_edges: Iterable[Any],
    layout: str,
    title: str,
) -> dict[str, Any]:
    """Everything the page needs, as JSON-ready data (vis-network node and edge options)."""
    if layout not in LAYOUTS:
        raise GraphInputError(f"unknown layout {layout!r} (choose from {', '.join(LAYOUTS)})")
    nodes_hl, edges_hl, order_nodes, order_edges = _check_highlights(g, highlight_nodes, highlight_edges)
    n_nodes = g.number_of_nodes()
    mode = layout
    if layout == "auto":
        mode = "physics" if n_nodes <= PHYSICS_LIMIT else "static"
    positions = _positions(g) if mode == "static" else {}
    big = n_nodes > PHYSICS_LIMIT

    labels: dict[Any, str] = {}
    nodes: list[dict[str, Any]] = []
    types_present: dict[str, int] = {}
    for key, d in g.nodes(data=True):
        kind = _text(d.get("type")) or "other"
        types_present[kind] = types_present.get(kind, 0) + 1
        style = NODE_STYLES.get(kind, _OTHER_NODE)
        label = _text(d.get("label")) or _text(d.get("id")) or _text(key)
        labels[key] = label
        names = [label, *_texts(d.get("alt_labels"))]
        if d.get("id"):
            names.append(_text(d["id"]))
        node: dict[str, Any] = {
            "id": key,
            "label": label,
            "type": kind,
            "names": names,
            "shape": style["shape"],
            "color": {
                "background": style["color"],
                "border": "#333333",
                "highlight": {"background": style["color"], "border": "#000000"},
                "hover": {"background": style["color"], "border": "#000000"},
            },
            "borderWidth": 1,
            "rows": _node_rows(key, d),
        }
        if style["shape"] in ("box", "ellipse"):
            node["font"] = {"color": "#ffffff" if kind == "role" else "#1a1a1a"}
        if key in nodes_hl:
            node["highlighted"] = True
            node["borderWidth"] = 5
            node["borderWidthSelected"] = 6
            node["color"]["border"] = HIGHLIGHT_COLOR
            node["color"]["highlight"]["border"] = HIGHLIGHT_COLOR
            node["color"]["hover"]["border"] = HIGHLIGHT_COLOR
            node["shadow"] = {
                "enabled": True,
                "color": HIGHLIGHT_COLOR,
                "size": 12,
                "x": 0,
                "y": 0,
            }
        if key in positions:
            node["x"], node["y"] = positions[key]
        nodes.append(node)

    edges: list[dict[str, Any]] = []
    relations_present: dict[str, int] = {}
    parallel: dict[frozenset[Any], int] = {}
    label_edges = g.number_of_edges() <= EDGE_LABEL_LIMIT
    if g.is_multigraph():
        edge_iter = ((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True))
    else:
        edge_iter = ((u, v, d.get("relation"), d) for u, v, d in g.edges(data=True))
    for i, (u, v, k, d) in enumerate(edge_iter):
        relation = _text(d.get("relation")) or _text(k) or "unlabelled"
        relations_present[relation] = relations_present.get(relation, 0) + 1
        style = EDGE_STYLES.get(relation, _OTHER_EDGE)
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "key": k,
            "relation": relation,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {
                "color": style["color"],
                "highlight": "#000000",
                "hover": "#000000",
                "inherit": False,
            },
            "dashes": style["dashes"],
            "width": style["width"],
            "rows": _edge_rows(relation, d, labels[u], labels[v]),
        }
        if label_edges:
            edge["label"] = style["label"] if relation in EDGE_STYLES else relation
        if (u, v) in edges_hl:
            edge["highlighted"] = True
            edge["width"] = max(5, style["width"] + 3)
            edge["color"] = {
                "color": HIGHLIGHT_COLOR,
                "highlight": HIGHLIGHT_COLOR,
                "hover": HIGHLIGHT_COLOR,
                "inherit": False,
            }
            edge["dashes"] = False
        pair = frozenset((u, v))
        rank = parallel.get(pair, 0)
        parallel[pair] = rank + 1
        if rank and not big:
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW",
                "roundness": 0.2 * rank,
            }
        elif u == v:
            edge["selfReference"] = {"size": 15}
        edges.append(edge)

    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "size": 14},
        "edges": {
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "smooth": False if big else {"enabled": True, "type": "continuous"},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": True,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
    }
    if mode == "physics":
        options["layout"] = {"randomSeed": 7}  # the same drawing each time the page opens
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 110,
                "avoidOverlap": 0.4,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 200,
                "updateInterval": 50,
                "fit": True,
            },
        }
    elif mode == "static":
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
    else:  # hierarchical
        options["physics"] = {"enabled": False}
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "shakeTowards": "roots",
                "levelSeparation": 140,
                "nodeSpacing": 170,
                "treeSpacing": 200,
            }
        }

    type_legend = [
        {"type": t, **NODE_STYLES.get(t, _OTHER_NODE), "count": types_present[t]}
        for t in [*NODE_STYLES, *sorted(set(types_present) - set(NODE_STYLES))]
        if t in types_present
    ]
    relation_legend = [
        {
            "relation": r,
            **EDGE_STYLES.get(r, {**_OTHER_EDGE, "label": r}),
            "count": relations_present[r],
        }
        for r in [*EDGE_STYLES, *sorted(set(relations_present) - set(EDGE_STYLES))]
        if r in relations_present
    ]
    return {
        "title": title,
        "layout": mode,
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "types": type_legend,
        "relations": relation_legend,
        "highlight": {
            "nodes": order_nodes,
            "edges": order_edges,
            "color": HIGHLIGHT_COLOR,
        },
    }


# ------------------------------------------------------------------------ the page --

_BOOT_JS = "window.skillgraphTimings = {start: performance.now()};"

_APP_CSS = """
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #1a1a1a; }
#sg-app { display: flex; height: 100vh; }
#sg-panel { width: 270px; flex: none; overflow-y: auto; padding: 12px 14px;
  border-right: 1px solid #ddd; background: #fafafa; box-sizing: border-box; }
#sg-panel h1 { font-size: 17px; margin: 0 0 4px; overflow-wrap: anywhere; }
#sg-stats { color: #555; font-size: 12px; margin-bottom: 10px; }
#sg-search-form { display: flex; gap: 4px; }
#sg-search-form label { position: absolute; left: -9999px; }
#sg-search { flex: 1; min-width: 0; padding: 4px 6px; font: inherit; }
#sg-search-status { min-height: 1.4em; font-size: 12px; color: #555; margin: 4px 0 8px;
  overflow-wrap: anywhere; }
fieldset { border: 1px solid #ddd; margin: 0 0 10px; padding: 6px 8px; }
legend { font-weight: 600; padding: 0 4px; }
.sg-type { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
.sg-swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #333;
  flex: none; }
.sg-swatch.dot { border-radius: 50%; } .sg-swatch.ellipse { border-radius: 40%; width: 20px; }
.sg-swatch.diamond { transform: rotate(45deg) scale(.8); }
.sg-swatch.triangle { clip-path: polygon(50% 0, 100% 100%, 0 100%); }
.sg-swatch.star { clip-path: polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%,
  21% 91%, 32% 57%, 2% 35%, 39% 35%); }
.sg-count { color: #777; font-size: 12px; margin-left: auto; }
.sg-rel { display: flex; align-items: center; gap: 6px; margin: 3px 0; font-size: 13px; }
.sg-rel svg { flex: none; }
#sg-network { flex: 1; position: relative; min-width: 0; }
div.vis-tooltip { max-width: 360px; white-space: normal !important; font: 12px/1.35 system-ui,
  sans-serif; padding: 6px 8px; }
.sg-tip-title { font-weight: 700; font-size: 13px; margin-bottom: 3px; overflow-wrap: anywhere; }
.sg-tip-row { overflow-wrap: anywhere; } .sg-tip-row b { font-weight: 600; }
"""

_APP_JS = r"""
(function () {
  "use strict";
  var timings = window.skillgraphTimings || (window.skillgraphTimings = {});
  var data = JSON.parse(document.getElementById("sg-data").textContent);

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  // Tooltips are DOM elements filled with textContent: vis-network would parse a string
  // title as HTML.
  function tooltip(heading, rows) {
    var box = el("div", "sg-tip");
    box.appendChild(el("div", "sg-tip-title", heading));
    rows.forEach(function (row) {
      var line = el("div", "sg-tip-row");
      line.appendChild(el("b", null, row[0] + ": "));
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    return box;
  }
  data.nodes.forEach(function (n) { n.title = tooltip(n.label, n.rows); });
  data.edges.forEach(function (e) { e.title = tooltip(e.relation, e.rows); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("sg-network");
  container.setAttribute("data-highlight-nodes", JSON.stringify(data.highlight.nodes));
  container.setAttribute("data-highlight-edges", JSON.stringify(data.highlight.edges));
  container.setAttribute("data-layout", data.layout);

  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  // Ready: drawn once and, with physics, stabilised (physics then stops).
  var stable = data.layout !== "physics";
  function markReady() {
    if (stable && timings.firstDraw && !timings.ready) {
      timings.ready = performance.now();
      window.skillgraphReady = true;
      container.setAttribute("data-ready", "true");
    }
  }
  network.on("afterDrawing", function () {
    if (!timings.firstDraw) {
      timings.firstDraw = performance.now();
      markReady();
    }
  });
  if (!stable) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      stable = true;
      markReady();
      if (!timings.ready) { network.redraw(); }
    });
  }

  // ---- legend and type filters
  var typeBox = document.getElementById("sg-types");
  var byType = {};
  data.nodes.forEach(function (n) { (byType[n.type] = byType[n.type] || []).push(n.id); });
  function setTypeVisible(type, visible) {
    var ids = byType[type] || [];
    nodes.update(ids.map(function (id) { return {id: id, hidden: !visible}; }));
    var box = document.querySelector('input[data-type="' + CSS.escape(type) + '"]');
    if (box) { box.checked = visible; }
  }
  data.types.forEach(function (t) {
    var label = el("label", "sg-type");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { setTypeVisible(t.type, box.checked); });
    var swatch = el("span", "sg-swatch " + t.shape);
    swatch.style.background = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, t.label));
    label.appendChild(el("span", "sg-count", String(t.count)));
    typeBox.appendChild(label);
  });
  var relBox = document.getElementById("sg-relations");
  var SVG = "http://www.w3.org/2000/svg";
  data.relations.forEach(function (r) {
    var row = el("div", "sg-rel");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "10");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", r.color);
    line.setAttribute("stroke-width", String(Math.min(r.width + 1, 4)));
    if (r.dashes) { line.setAttribute("stroke-dasharray", r.dashes.join(" ")); }
    var head = document.createElementNS(SVG, "polygon");
    head.setAttribute("points", "26,1 33,5 26,9");
    head.setAttribute("fill", r.color);
    svg.appendChild(line);
    svg.appendChild(head);
    row.appendChild(svg);
    row.appendChild(el("span", null, r.label));
    row.appendChild(el("span", "sg-count", String(r.count)));
    relBox.appendChild(row);
  });
  if (data.highlight.nodes.length || data.highlight.edges.length) {
    var hl = el("div", "sg-rel");
    var mark = el("span", "sg-swatch");
    mark.style.background = "#ffffff";
    mark.style.border = "3px solid " + data.highlight.color;
    hl.appendChild(mark);
    hl.appendChild(el("span", null, "highlighted"));
    relBox.appendChild(hl);
  }
  document.getElementById("sg-stats").textContent =
    data.nodes.length + " nodes, " + data.edges.length + " edges";

  // ---- search by any label
  var index = [];
  var datalist = document.getElementById("sg-labels");
  data.nodes.forEach(function (n) {
    var seen = {};
    n.names.forEach(function (name) {
      var low = name.trim().replace(/\s+/g, " ").toLowerCase();
      if (seen[low]) { return; }
      seen[low] = true;
      index.push([low, n.id]);
      if (data.nodes.length <= 5000) {
        var opt = el("option");
        opt.value = name;
        datalist.appendChild(opt);
      }
    });
  });
  function findNode(query) {
    var q = String(query).trim().replace(/\s+/g, " ").toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (name) { return name === q; },
      function (name) { return name.indexOf(q) === 0; },
      function (name) { return name.indexOf(q) !== -1; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < index.length; i++) {
        if (tests[t](index[i][0])) { return index[i][1]; }
      }
    }
    return null;
  }
  var status = document.getElementById("sg-search-status");
  function focusNode(id) {
    var node = nodes.get(id);
    if (!node) { return null; }
    if (node.hidden) { setTypeVisible(node.type, true); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2),
                       animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    status.textContent = "Found: " + node.label;
    return id;
  }
  function search(query) {
    var id = findNode(query);
    if (id === null) {
      status.textContent = String(query).trim() ? "No node matches \u201c" +
        String(query).trim() + "\u201d" : "";
      return null;
    }
    return focusNode(id);
  }
  var input = document.getElementById("sg-search");
  document.getElementById("sg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", function () {
    var q = input.value.trim().replace(/\s+/g, " ").toLowerCase();
    for (var i = 0; q && i < index.length; i++) {
      if (index[i][0] === q) { focusNode(index[i][1]); return; }
    }
  });

  window.skillgraphNetwork = network;
  window.skillgraphNodes = nodes;
  window.skillgraphEdges = edges;
  window.skillgraphHighlight = data.highlight;
  window.skillgraphSearch = search;
  window.skillgraphSetTypeVisible = setTypeVisible;
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@CSP@">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="skillgraph explorer">
<title>@TITLE@</title>
<link rel="icon" href="data:,">
<script>@BOOT_JS@</script>
<style>@VIS_CSS@</style>
<style>@APP_CSS@</style>
<script>@VIS_JS@</script>
</head>
<body>
<div id="sg-app">
<aside id="sg-panel">
<h1 id="sg-title">@TITLE@</h1>
<div id="sg-stats"></div>
<form id="sg-search-form" role="search" autocomplete="off">
<label for="sg-search">Find a node by name</label>
<input id="sg-search" type="search" list="sg-labels" placeholder="Find a role, skill...">
<button type="submit">Find</button>
</form>
<datalist id="sg-labels"></datalist>
<p id="sg-search-status" aria-live="polite"></p>
<fieldset id="sg-types"><legend>Node types</legend></fieldset>
<fieldset id="sg-relations"><legend>Relations</legend></fieldset>
</aside>
<div id="sg-network" role="application" aria-label="graph"></div>
</div>
<script type="application/json" id="sg-data">@DATA@</script>
<script>@APP_JS@</script>
</body>
</html>
"""


def _page(data_json: str, title: str, *, vis: tuple[str, str] | None = None) -> str:
    vis_js, vis_css = vis if vis is not None else _vis_assets()
    scripts = (_BOOT_JS, vis_js, _APP_JS)
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_csp_hash(s) for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    # One pass over the template: a placeholder inside inserted text is never replaced.
    parts = {
        "CSP": csp,
        "TITLE": html.escape(title),
        "BOOT_JS": _BOOT_JS,
        "VIS_CSS": vis_css,
        "APP_CSS": _APP_CSS,
        "VIS_JS": vis_js,
        "DATA": data_json,
        "APP_JS": _APP_JS,
    }
    chunks = _PAGE.split("@")
    out = []
    for i, chunk in enumerate(chunks):
        out.append(parts[chunk] if i % 2 else chunk)
    return "".join(out)


def to_html(
    graph: Any,
    *,
    highlight_nodes: Iterable[Any] = (),
    highlight_edges: Iterable[Any] = (),
    layout: str = "auto",
    title: str | None = None,
) -> str:
    """Render *graph* as one self-contained interactive HTML page and return its text.

    *graph* is the skillgraph ``nx.MultiDiGraph`` (or any object with it as ``.nx``).
    *highlight_nodes* are node keys and *highlight_edges* ``(u, v)`` pairs (every edge from
    ``u`` to ``v`` is highlighted) to emphasise; they must be in the graph. *layout* is
    ``"auto"`` (live physics up to ``PHYSICS_LIMIT`` nodes, positions computed beforehand
    above), ``"physics"``, ``"static"`` (positions computed beforehand, no physics) or
    ``"hierarchical"`` (top-down layers following the edges: the role ladder).

    The page exposes ``window.skillgraphNetwork``, ``skillgraphNodes``,
    ``skillgraphEdges`` (vis DataSets), ``skillgraphHighlight``, ``skillgraphSearch(q)``
    and ``skillgraphTimings`` to scripts and tests.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", type="skill", label="<img src=x onerror=alert(1)>")
    >>> page = to_html(g)
    >>> "<img src=x" in page
    False
    >>> to_html(g, layout="circular")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    skillgraph.subsets.GraphInputError: unknown layout 'circular' (choose from auto, physics, ...)
    >>> to_html(g, highlight_nodes=["nope"])
    Traceback (most recent call last):
    ...
    skillgraph.subsets.GraphInputError: highlighted node 'nope' is not in the graph
    """
    g = as_nx(graph)
    page_title = title if title is not None else _text(g.graph.get("name")) or "skillgraph"
    data = _graph_data(
        g,
        highlight_nodes=highlight_nodes,
        highlight_edges=highlight_edges,
        layout=layout,
        title=page_title,
    )
    return _page(_script_json(data), page_title)


def baseline_html() -> str:
    """A page with the same inlined vis-network and an empty network (for benchmarks).

    >>> "vis-network" in baseline_html()
    True
    """
    return to_html(nx.MultiDiGraph(), title="baseline", layout="static")


def write_html(
    path: str | os.PathLike[str],
    graph: Any,
    *,
    highlight_nodes: Iterable[Any] = (),
    highlight_edges: Iterable[Any] = (),
    layout: str = "auto",
    title: str | None = None,
) -> Path:
    """Write :func:`to_html` of *graph* to *path* atomically and return the path.

    The page is written to a temporary file in the same folder and moved into place with
    ``os.replace``, so *path* never holds a half-written page.

    >>> import pathlib, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("r", type="role", label="Developer")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_html(pathlib.Path(tmp) / "graph.html", g)
    ...     out.read_text(encoding="utf-8").count("Developer") > 0
    True
    """
    page = to_html(
        graph,
        highlight_nodes=highlight_nodes,
        highlight_edges=highlight_edges,
        layout=layout,
        title=title,
    )
    target = Path(path)
    with atomic_write(target) as out:
        out.write(page)
    return target
