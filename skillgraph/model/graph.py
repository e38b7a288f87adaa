"""The NetworkX view of the skillgraph RDF graph.

:func:`build_view` projects the RDF (the source of truth) into a
:class:`SkillGraph`: a typed ``networkx.MultiDiGraph`` whose nodes are keyed by
IRI and whose edges are keyed by relation name (see ``docs/model.md``). The view
is never edited by hand; it is rebuilt (or read from the cache) from the RDF.

>>> import skillgraph
>>> g = skillgraph.load()
>>> g.node("https://w3id.org/skillgraph/id/python")["type"]
'skill'
>>> len(g.nodes("role")) >= 4
True
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from skillgraph.model.display import Displayable
from skillgraph.model.indexes import index, view_index
from skillgraph.model.resolve import resolve
from skillgraph.vocabulary import LADDER_TYPES, PROFICIENCY_LABELS, TYPES, UNSTATED_LABEL, short_id

if TYPE_CHECKING:
    import networkx as nx

    from skillgraph.rdf.dataset import RdfData

__all__ = ["SkillGraph", "build_view", "short_id"]


class SkillGraph(Displayable):
    """A typed, read-only view of the career graph over a ``networkx.MultiDiGraph``.

    ``nx`` is the graph itself: nodes keyed by IRI, edges keyed by relation.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> python = g.resolve("python")
    >>> g.label(python)
    'Python'
    """

    def __init__(self, graph: nx.MultiDiGraph, *, sources: dict[str, str] | None = None) -> None:
        self.nx = graph
        self.sources = sources or {}
        #: The indexes built from the view (:mod:`skillgraph.model.indexes`), by name.
        self.indexes: dict[str, Any] = {}
        #: The names of those that go into the view's cache entry with it.
        self.kept_with_view: set[str] = set()
        #: The key of the view's cache entry (None: not cached), which "apart" indexes are kept by.
        self.cache_key: str | None = None

    def __len__(self) -> int:
        return int(self.nx.number_of_nodes())

    def __contains__(self, key: object) -> bool:
        return key in self.nx

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {t}" for t, n in self.counts().items() if n)
        return f"<SkillGraph {len(self)} nodes, {self.nx.number_of_edges()} edges: {counts}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def __getstate__(self) -> dict[str, Any]:
        kept = {name: self.indexes[name] for name in self.kept_with_view}
        return {"nx": self.nx, "sources": self.sources, "indexes": kept}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["nx"], sources=state["sources"])  # type: ignore[misc]
        kept = state.get("indexes", {})
        self.indexes.update(kept)
        self.kept_with_view.update(kept)

    # -- nodes ---------------------------------------------------------------

    def node(self, key: str) -> dict[str, Any]:
        """Return the attributes of node ``key`` (an IRI)."""
        attrs: dict[str, Any] = self.nx.nodes[key]
        return attrs

    def label(self, key: str) -> str:
        """Return the preferred label of node ``key``."""
        return str(self.nx.nodes[key].get("label") or short_id(key))

    def order_key(self, key: str) -> tuple[str, str]:
        """The order nodes are listed in everywhere: by folded label, then by key.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> [g.label(k) for k in sorted([g.resolve("sql"), g.resolve("git")], key=g.order_key)]
        ['Git', 'SQL']
        """
        return (self.label(key).casefold(), key)

    def nodes(self, type: str | tuple[str, ...] | None = None) -> list[str]:
        """Return the node keys of one ``type`` (or all), sorted by label; for a tuple of
        types, those of each type in turn (``nodes(LADDER_TYPES)``: roles, then specializations)."""
        if isinstance(type, tuple):
            return [key for one in type for key in self.nodes(one)]
        keys = [n for n, t in self.nx.nodes(data="type") if type is None or t == type]
        return sorted(keys, key=self.order_key)

    def counts(self) -> dict[str, int]:
        """Return how many nodes there are of each type."""
        found: dict[str, int] = dict.fromkeys(TYPES, 0)
        for _, t in self.nx.nodes(data="type"):
            found[t] = found.get(t, 0) + 1
        return found

    def resolve(self, name: str, *, types: tuple[str, ...] | None = None) -> str:
        """Return the node key a person means by ``name`` (see :mod:`skillgraph.model.resolve`)."""
        return resolve(self, name, types=types)

    # -- relations -----------------------------------------------------------

    def out_edges(self, key: str, relation: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield ``(target, edge attributes)`` of the ``relation`` edges leaving ``key``."""
        for _, target, rel, data in self.nx.out_edges(key, keys=True, data=True):
            if rel == relation:
                yield target, data

    def in_edges(self, key: str, relation: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield ``(source, edge attributes)`` of the ``relation`` edges reaching ``key``."""
        for source, _, rel, data in self.nx.in_edges(key, keys=True, data=True):
            if rel == relation:
                yield source, data

    def requirements(self, key: str, *, include_optional: bool = False) -> dict[str, int]:
        """Return the skills a role or specialization requires, with the proficiency rank.

        Only essential requirements unless ``include_optional`` (an imported taxonomy's
        optional skills). An unstated proficiency counts as rank 1: any level meets it.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> g.requirements(g.resolve("junior")) == g.requirements(g.resolve("junior"), include_optional=True)
        True
        """
        return {
            skill: int(data.get("proficiency") or 1)
            for skill, data in self.out_edges(key, "requires")
            if include_optional or data.get("importance", "essential") == "essential"
        }

    def importance(self, key: str, skill: str) -> str:
        """Return how much role ``key`` needs ``skill``: ``essential`` or ``optional``.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> g.importance(g.resolve("junior"), g.resolve("git"))
        'essential'
        """
        data = self.nx.get_edge_data(key, skill, "requires") or {}
        return str(data.get("importance", "essential"))

    def alternatives(self, key: str) -> list[str]:
        """Return the alternatives of a skill choice (empty for an ordinary skill)."""
        return list(self.choices.get(key, ()))

    @view_index(kept="view")
    def choices(self) -> dict[str, tuple[str, ...]]:
        """Skill choice -> its alternatives sorted by label, for every choice that has some.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> [g.label(a) for a in g.choices[g.resolve("backend language")]]  # doctest: +NORMALIZE_WHITESPACE
        ['C#', 'Go', 'Java', 'JavaScript (Node.js)', 'Kotlin', 'PHP', 'Python', 'Ruby', 'Rust',
         'TypeScript']
        """
        found: dict[str, list[str]] = defaultdict(list)
        for u, v, rel in self.nx.edges(keys=True):
            if rel == "any_of":
                found[u].append(v)
        return {c: tuple(sorted(alts, key=lambda a: (self.label(a), a))) for c, alts in found.items()}

    def choice_count(self, key: str) -> int:
        """Return how many alternatives of skill choice ``key`` must be known (1 unless stated).

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> g.choice_count(g.resolve("backend language"))
        1
        """
        return int(self.nx.nodes[key].get("count") or 1) if key in self.nx else 1

    @view_index(kept="view")
    def covers(self) -> dict[str, tuple[tuple[str, int, int], ...]]:
        """Skill -> what knowing it covers: ``(skill covered, highest level, level needed first)``.

        Knowing Django at a level covers object-relational mapping at that level, up to the
        highest stated (see :func:`skillgraph.algorithms.knowledge.implied`).

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> g.resolve("orm") in {covered for covered, _, _ in g.covers[g.resolve("django")]}
        True
        """
        found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for u, v, rel, data in self.nx.edges(keys=True, data=True):
            if rel == "covers":
                found[u].append((v, int(data["proficiency"]), int(data.get("from_proficiency") or 1)))
        return {k: tuple(sorted(v)) for k, v in found.items()}

    def relation_graph(self, *relations: str) -> nx.DiGraph:
        """Return a plain DiGraph of the edges of the given relations (all nodes kept)."""
        import networkx as nx  # here, so that reading the view's module imports no NetworkX

        view = nx.DiGraph()
        view.add_nodes_from(self.nx.nodes)
        wanted = set(relations)
        view.add_edges_from((u, v) for u, v, rel in self.nx.edges(keys=True) if rel in wanted)
        return view

    @view_index(kept="view")
    def needs(self) -> dict[str, tuple[str, ...]]:
        """Skill -> the skills to know before it: its prerequisites, and those of every skill
        choice it is an alternative of (a choice's prerequisites apply to whichever alternative).

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> g.resolve("programming fundamentals") in g.all_prerequisites(g.resolve("python"))
        True
        """
        own: dict[str, list[str]] = {}
        for u, v, rel in self.nx.edges(keys=True):
            if rel == "has_prerequisite":
                own.setdefault(u, []).append(v)
        parents: dict[str, list[str]] = {}
        for choice, alts in self.choices.items():
            for alt in alts:
                parents.setdefault(alt, []).append(choice)
        found: dict[str, tuple[str, ...]] = {}
        for key in sorted({*own, *parents}):
            direct = dict.fromkeys(own.get(key, ()))
            seen, stack = {key}, list(parents.get(key, ()))
            while stack:
                choice = stack.pop()
                if choice not in seen:
                    seen.add(choice)
                    direct.update(dict.fromkeys(own.get(choice, ())))
                    stack.extend(parents.get(choice, ()))
            direct.pop(key, None)
            if direct:
                found[key] = tuple(direct)
        return found

    def all_prerequisites(self, key: str) -> set[str]:
        """Return every skill ``key`` transitively needs first (see :attr:`needs`)."""
        memo: dict[str, set[str]] = index(self, "all_prerequisites", dict)
        if key not in memo:
            found: set[str] = set()
            stack = list(self.needs.get(key, ()))
            while stack:
                skill = stack.pop()
                if skill not in found:
                    found.add(skill)
                    stack.extend(self.needs.get(skill, ()))
            memo[key] = found
        return memo[key]

    def hours(self, key: str, start: int, end: int) -> float | None:
        """Return the study hours to take skill ``key`` from level ``start`` to ``end`` (ranks).

        None when the skill has no estimate for those levels or is learned by practice. A skill
        choice costs what a typical alternative costs, times how many of them it asks for (a
        plan picks them and counts their own hours): the typical alternative reaches each level
        in the median of its estimated alternatives' hours to that level, so the hours of two
        steps add up to those of the whole way, as they do for a skill.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> python = g.resolve("python")
        >>> g.hours(python, 0, 2) == g.hours(python, 0, 1) + g.hours(python, 1, 2)
        True
        >>> g.hours(python, 2, 4) > g.hours(python, 0, 2)
        True
        >>> language = g.resolve("backend language")
        >>> import statistics
        >>> typical = statistics.median_low(g.hours(a, 0, 2) for a in g.alternatives(language))
        >>> g.hours(language, 0, 2) == typical
        True
        >>> g.hours(language, 0, 2) + g.hours(language, 2, 3) == g.hours(language, 0, 3)
        True
        """
        if end <= start:
            return 0.0
        if key in self.choices and not self.nx.nodes[key].get("effort"):
            reach = [self._typical_hours(key, rank) for rank in (start, end)]
            if reach[0] is None or reach[1] is None:
                return None
            return (reach[1] - reach[0]) * self.choice_count(key)
        effort = dict(self.nx.nodes[key].get("effort", ()))
        if end not in effort or (start and start not in effort):
            return None
        return float(effort[end] - (effort[start] if start else 0.0))

    def _typical_hours(self, choice: str, rank: int) -> float | None:
        """Hours from nothing to ``rank`` of a typical alternative of ``choice`` (the median)."""
        if rank == 0:
            return 0.0
        found = [h for a in self.choices[choice] if (h := self.hours(a, 0, rank)) is not None]
        return float(statistics.median_low(found)) if found else None

    @view_index()
    def prerequisites(self) -> nx.DiGraph:
        """Skill -> prerequisite skill (learn the target first)."""
        return self.relation_graph("has_prerequisite")

    @view_index(kept="view")
    def ladder(self) -> nx.DiGraph:
        """Role -> next role, and role -> the specializations that branch from it (the roles
        and specializations alone: small, so it is kept with the view; every path and plan walks it)."""
        import networkx as nx

        view = nx.DiGraph()
        view.add_nodes_from(k for k, data in self.nx.nodes(data=True) if data.get("type") in LADDER_TYPES)
        for u, v, rel in self.nx.edges(keys=True):
            if rel == "progresses_to":
                view.add_edge(u, v)
            elif rel == "branches_from":
                view.add_edge(v, u)
        return view

    @view_index(kept="view")
    def proficiency_labels(self) -> dict[int, str]:
        """Proficiency rank -> label, as used in this graph."""
        labels = dict(PROFICIENCY_LABELS)
        for _, _, data in self.nx.edges(data=True):
            if data.get("proficiency_label") and data.get("stated", True):
                labels[int(data["proficiency"])] = data["proficiency_label"]
        return labels

    def level_label(self, rank: int, *, stated: bool = True) -> str:
        """Return the label of proficiency ``rank``, or ``unstated`` when the source gives none.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> g.level_label(2), g.level_label(1, stated=False), g.level_label(9)
        ('intermediate', 'unstated', '9')
        """
        return self.proficiency_labels.get(rank, str(rank)) if stated else UNSTATED_LABEL


def build_view(rdf: RdfData, *, release: bool = False) -> SkillGraph:
    """Project the RDF graph into a :class:`SkillGraph` (see ``docs/model.md``); with ``release``
    the RDF is dropped once read (see :func:`~skillgraph.rdf.project.project`).

    >>> from skillgraph.rdf.dataset import load_rdf
    >>> view = build_view(load_rdf())
    >>> view.node("https://w3id.org/skillgraph/id/junior-backend-developer")["level"]
    1
    """
    from skillgraph.rdf.project import project

    graph, sources = project(rdf, release=release)
    return SkillGraph(graph, sources=sources)
