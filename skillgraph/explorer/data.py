"""The data an explorer page draws: vis-network nodes and edges, tooltips, legend, highlights.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("r", type="role", label="Developer", level=2)
>>> data = graph_data(g, highlight_nodes=["r"], highlight_edges=[], layout="static", title="t")
>>> [n["label"] for n in data["nodes"]]
['Developer']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from skillgraph.explorer.layout import positions as _positions
from skillgraph.explorer.styles import (
    _LEVEL_NAMES,
    _OTHER_EDGE,
    _OTHER_NODE,
    EDGE_LABEL_LIMIT,
    EDGE_STYLES,
    HIGHLIGHT_COLOR,
    LAYOUTS,
    NODE_STYLES,
    PHYSICS_LIMIT,
)
from skillgraph.model.subsets import GraphInputError
from skillgraph.vocabulary import PROFICIENCY_LABELS

__all__ = [
    "graph_data",
]

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
    effort = d.get("effort")
    if effort:
        rows.append(
            [
                "Study hours",
                ", ".join(f"{PROFICIENCY_LABELS.get(rank, rank)} {hours:g} h" for rank, hours in effort),
            ]
        )
    if d.get("learned_by") == "practice":
        rows.append(["Learned by", "practice on the job"])
    years = d.get("years")
    if years:
        rows.append(["Typical years in role", f"{years[0]:g}-{years[1]:g}"])
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


def graph_data(
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
            "category": _text(d.get("category")),
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
            edge["width"] = max(5, int(style["width"]) + 3)
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
