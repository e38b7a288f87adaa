"""Cut views out of the skillgraph NetworkX graph, for drawing or export.

Every function takes the ``nx.MultiDiGraph`` described in ``docs/model.md`` (or any
object with such a graph as its ``.nx`` attribute, like a ``SkillGraph``) and returns a
new, independent ``nx.MultiDiGraph`` (node and edge attributes are copied), so the
result can be changed without touching the source graph.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for key, kind in [("a", "role"), ("b", "role"), ("c", "skill"), ("d", "skill")]:
...     g.add_node(key, type=kind, label=key.upper())
>>> _ = g.add_edge("a", "b", key="progresses_to", relation="progresses_to")
>>> _ = g.add_edge("b", "c", key="requires", relation="requires")
>>> _ = g.add_edge("c", "d", key="has_prerequisite", relation="has_prerequisite")
>>> sorted(around(g, "b", 1))
['a', 'b', 'c']
>>> sorted(of_types(g, ["skill"]))
['c', 'd']
>>> path_edges(["a", "b", "c"])
[('a', 'b'), ('b', 'c')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from skillgraph.errors import InputError, UnknownNameError
from skillgraph.vocabulary import TYPES

__all__ = [
    "GraphInputError",
    "around",
    "as_nx",
    "career_highlight",
    "of_types",
    "path_edges",
    "path_highlight",
    "union_with",
]


class GraphInputError(InputError, ValueError):
    """A depth, node type, edge or drawing option that the graph cannot use.

    A :class:`~skillgraph.errors.InputError` (so the CLI reports it in one line, exit
    code 2) and a ``ValueError`` (for callers of the Python API).
    """


def as_nx(graph: Any) -> nx.MultiDiGraph:
    """Return the NetworkX graph behind *graph* (itself, or its ``.nx`` attribute).

    >>> g = nx.MultiDiGraph()
    >>> as_nx(g) is g
    True
    >>> class Wrapper:
    ...     nx = g
    >>> as_nx(Wrapper()) is g
    True
    >>> as_nx(42)
    Traceback (most recent call last):
    ...
    TypeError: expected a networkx graph or an object with a .nx graph, got int
    """
    if isinstance(graph, nx.Graph):
        return graph
    inner = getattr(graph, "nx", None)
    if isinstance(inner, nx.Graph):
        return inner
    raise TypeError(f"expected a networkx graph or an object with a .nx graph, got {type(graph).__name__}")


def _induced(g: nx.Graph, nodes: Iterable[Any]) -> nx.MultiDiGraph:
    """A new MultiDiGraph holding *nodes* of *g* and every edge between them."""
    keep = set(nodes)
    if isinstance(g, nx.MultiDiGraph):
        return g.subgraph(keep).copy()
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.add_nodes_from((n, dict(d)) for n, d in g.nodes(data=True) if n in keep)
    if g.is_multigraph():
        out.add_edges_from(
            (u, v, k, dict(d)) for u, v, k, d in g.edges(keys=True, data=True) if u in keep and v in keep
        )
    else:
        for u, v, d in g.edges(data=True):
            if u in keep and v in keep:
                out.add_edge(u, v, key=d.get("relation"), **d)
    return out


def around(graph: Any, node: Any, depth: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of *node*: every node at most *depth* edges away, either direction.

    The result holds those nodes and every edge of the graph between them.

    >>> g = nx.MultiDiGraph()
    >>> nx.add_path(g, ["a", "b", "c", "d"])
    >>> sorted(around(g, "c", 1))
    ['b', 'c', 'd']
    >>> sorted(around(g, "a", 2))
    ['a', 'b', 'c']
    >>> sorted(around(g, "a", 0))
    ['a']
    >>> around(g, "zzz", 1)
    Traceback (most recent call last):
    ...
    skillgraph.errors.UnknownNameError: unknown node 'zzz'
    >>> around(g, "a", -1)
    Traceback (most recent call last):
    ...
    skillgraph.model.subsets.GraphInputError: depth must be a non-negative integer, got -1
    """
    g = as_nx(graph)
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise GraphInputError(f"depth must be a non-negative integer, got {depth!r}")
    if node not in g:
        raise UnknownNameError(str(node), kind="node")
    if depth == 0:
        return _induced(g, [node])
    seen = nx.ego_graph(g, node, radius=depth, undirected=True).nodes
    return _induced(g, seen)


def of_types(graph: Any, types: Iterable[str]) -> nx.MultiDiGraph:
    """The nodes whose ``type`` attribute is one of *types*, with the edges between them.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("r", type="role")
    >>> g.add_node("s", type="skill")
    >>> g.add_node("t", type="tool")
    >>> _ = g.add_edge("r", "s", key="requires")
    >>> h = of_types(g, ["role", "skill"])
    >>> sorted(h.nodes), list(h.edges(keys=True))
    (['r', 's'], [('r', 's', 'requires')])
    >>> of_types(g, ["robot"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    skillgraph.model.subsets.GraphInputError: unknown node type 'robot' (known: role, specialization, ...)
    """
    g = as_nx(graph)
    wanted = set()
    for t in types:
        if t not in TYPES:
            raise GraphInputError(f"unknown node type {t!r} (known: {', '.join(TYPES)})")
        wanted.add(t)
    return _induced(g, (n for n, d in g.nodes(data=True) if d.get("type") in wanted))


def path_edges(path: Sequence[Any]) -> list[tuple[Any, Any]]:
    """The ``(u, v)`` pairs of consecutive nodes of *path*.

    >>> path_edges(["junior", "mid", "senior"])
    [('junior', 'mid'), ('mid', 'senior')]
    >>> path_edges(["alone"])
    []
    """
    return list(nx.utils.pairwise(path))


def path_highlight(graph: Any, path: Sequence[Any]) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Nodes and edges to emphasise for a path of node keys, checked against *graph*.

    Returns ``(nodes, edges)`` fit for ``explorer.to_html(highlight_nodes=...,
    highlight_edges=...)``. A step may follow an edge in either direction (a path found
    on the undirected view); each returned pair is oriented as the graph's edge is.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="progresses_to")
    >>> _ = g.add_edge("c", "b", key="branches_from")
    >>> path_highlight(g, ["a", "b", "c"])
    (['a', 'b', 'c'], [('a', 'b'), ('c', 'b')])
    >>> path_highlight(g, ["a", "c"])
    Traceback (most recent call last):
    ...
    skillgraph.model.subsets.GraphInputError: no edge between 'a' and 'c' in the graph
    """
    g = as_nx(graph)
    for n in path:
        if n not in g:
            raise UnknownNameError(str(n), kind="node")
    edges: list[tuple[Any, Any]] = []
    for u, v in path_edges(path):
        if g.has_edge(u, v):
            edges.append((u, v))
        elif g.has_edge(v, u):
            edges.append((v, u))
        else:
            raise GraphInputError(f"no edge between {u!r} and {v!r} in the graph")
    return list(path), edges


def union_with(subset: nx.MultiDiGraph, graph: Any, nodes: Iterable[Any]) -> nx.MultiDiGraph:
    """*subset* grown by *nodes* of *graph*, with every edge of *graph* between the nodes.

    Handy to keep a highlighted path visible in a neighbourhood or type-filtered view.

    >>> g = nx.MultiDiGraph()
    >>> nx.add_path(g, ["a", "b", "c"])
    >>> sorted(union_with(around(g, "a", 0), g, ["c"]))
    ['a', 'c']
    >>> sorted(union_with(around(g, "a", 0), g, ["b"]).edges())
    [('a', 'b')]
    """
    g = as_nx(graph)
    return _induced(g, set(subset) | set(nodes))


def career_highlight(
    graph: Any, path: Any, *, skills: bool = False
) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Nodes and edges to emphasise for a career path (a :class:`skillgraph.CareerPath`).

    The roles of the path's steps and the edges between consecutive steps; with *skills*,
    also the skills each step adds and the edges from the step's role to them, where the
    graph has such an edge (a prerequisite pulled in by another skill has none).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> path = skillgraph.career_path(g, g.resolve("junior"), g.resolve("mid-level"))
    >>> nodes, edges = career_highlight(g, path)
    >>> [g.label(n) for n in nodes]
    ['Junior Backend Developer', 'Backend Developer']
    >>> len(edges)
    1
    >>> with_skills = career_highlight(g, path, skills=True)
    >>> len(with_skills[0]) > len(nodes) and len(with_skills[1]) > len(edges)
    True
    """
    g = as_nx(graph)
    nodes, edges = path_highlight(g, [step.key for step in path.steps])
    if skills:
        seen = set(nodes)
        for step in path.steps:
            for item in step.skills:
                if item.key in g and item.key not in seen:
                    seen.add(item.key)
                    nodes.append(item.key)
                if g.has_edge(step.key, item.key):
                    edges.append((step.key, item.key))
    return nodes, edges


def plan_highlight(graph: Any, plan: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Nodes and edges to emphasise for a learning plan (a :class:`skillgraph.algorithms.plan.LearningPlan`).

    The target, every skill of the plan, the target's requirement edges to them and
    the prerequisite edges between them.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> p = skillgraph.learning_plan(g, g.resolve("junior"), {})
    >>> nodes, edges = plan_highlight(g, p)
    >>> nodes[0] == g.resolve("junior") and len(nodes) == len(p.items) + 1
    True
    """
    g = as_nx(graph)
    nodes = [plan.target.key, *(item.key for item in plan.items if item.key in g)]
    inside = set(nodes)
    edges = [(u, v) for u, v in g.edges(nodes) if v in inside and u != v]
    return nodes, list(dict.fromkeys(edges))
