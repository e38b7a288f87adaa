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

from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx

from .namespace_iris import (
    DCTERMS,
    RDF_TYPE,
    RDFS,
    SG,
    SGD,
    SKOS,
)

if TYPE_CHECKING:
    from .store import RdfData

#: Node type names, by the class that makes a node one.
NODE_TYPES: dict[str, str] = {
    SG + "Role": "role",
    SG + "Specialization": "specialization",
    SG + "Skill": "skill",
    SG + "SkillChoice": "skill",
    SG + "Trend": "trend",
    SG + "EducationPath": "education",
    SG + "CollaborationTool": "tool",
    SG + "LearningActivity": "activity",
}

#: The proficiency levels of the ontology (``sg:rank`` -> label), for graphs that define none.
PROFICIENCY_LABELS: dict[int, str] = {1: "foundational", 2: "intermediate", 3: "advanced", 4: "expert"}

#: The node types a career path or a learning plan can lead to.
LADDER_TYPES: tuple[str, ...] = ("role", "specialization")

#: Every node type, in display order.
TYPES: tuple[str, ...] = ("role", "specialization", "skill", "trend", "education", "tool", "activity")

#: Edge relation names, by predicate IRI.
RELATIONS: dict[str, str] = {
    SG + "progressesTo": "progresses_to",
    SG + "branchesFrom": "branches_from",
    SG + "hasPrerequisite": "has_prerequisite",
    SG + "anyOf": "any_of",
    SG + "drivesDemandFor": "drives",
    SG + "teaches": "teaches",
    SG + "leadsTo": "leads_to",
    SG + "usesTool": "uses_tool",
    SG + "engagesIn": "engages_in",
    SKOS + "broader": "broader",
    SKOS + "related": "related",
}

#: Human wording of each relation, outgoing and incoming.
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "progresses_to": ("progresses to", "progressed to from"),
    "branches_from": ("branches from", "branches into"),
    "requires": ("requires", "required by"),
    "has_prerequisite": ("has prerequisite", "prerequisite of"),
    "any_of": ("any one of", "alternative for"),
    "drives": ("drives demand for", "demand driven by"),
    "teaches": ("teaches", "taught by"),
    "leads_to": ("leads to", "reached from"),
    "uses_tool": ("uses tool", "used by"),
    "engages_in": ("engages in", "engaged in by"),
    "broader": ("broader", "narrower"),
    "related": ("related to", "related from"),
}

_ATTRIBUTE_ORDER = (
    "type",
    "label",
    "alt_labels",
    "description",
    "level",
    "category",
    "effort_hours",
    "matches",
)
_DESCRIPTION_PREDICATES = (SKOS + "definition", DCTERMS + "description", RDFS + "comment")
_MATCH_PREDICATES = {SKOS + "exactMatch": "exactMatch", SKOS + "closeMatch": "closeMatch"}


def short_id(iri: str) -> str:
    """Return the short id of a node: its local name in the curated namespace, else the IRI.

    >>> short_id("https://w3id.org/skillgraph/id/python")
    'python'
    >>> short_id("http://data.europa.eu/esco/skill/abc")
    'http://data.europa.eu/esco/skill/abc'
    """
    return iri[len(SGD) :] if iri.startswith(SGD) else iri


class SkillGraph:
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

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def __contains__(self, key: object) -> bool:
        return key in self.nx

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {t}" for t, n in self.counts().items() if n)
        return f"<SkillGraph {len(self)} nodes, {self.nx.number_of_edges()} edges: {counts}>"

    def _repr_html_(self) -> str:
        from .notebook import graph_html

        return graph_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def __getstate__(self) -> dict[str, Any]:
        return {"nx": self.nx, "sources": self.sources}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["nx"], sources=state["sources"])  # type: ignore[misc]

    # -- nodes ---------------------------------------------------------------

    def node(self, key: str) -> dict[str, Any]:
        """Return the attributes of node ``key`` (an IRI)."""
        return self.nx.nodes[key]

    def label(self, key: str) -> str:
        """Return the preferred label of node ``key``."""
        return str(self.nx.nodes[key].get("label") or short_id(key))

    def nodes(self, type: str | None = None) -> list[str]:
        """Return the node keys of one ``type`` (or all), sorted by label."""
        keys = [n for n, t in self.nx.nodes(data="type") if type is None or t == type]
        return sorted(keys, key=lambda n: (self.label(n).casefold(), n))

    def counts(self) -> dict[str, int]:
        """Return how many nodes there are of each type."""
        found: dict[str, int] = dict.fromkeys(TYPES, 0)
        for _, t in self.nx.nodes(data="type"):
            found[t] = found.get(t, 0) + 1
        return found

    def resolve(self, name: str, *, types: tuple[str, ...] | None = None) -> str:
        """Return the node key a person means by ``name`` (see :mod:`skillgraph.resolve`)."""
        from .resolve import resolve

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

    def requirements(self, key: str) -> dict[str, int]:
        """Return the skills a role or specialization requires, with the proficiency rank."""
        return {skill: int(data.get("proficiency") or 1) for skill, data in self.out_edges(key, "requires")}

    def alternatives(self, key: str) -> list[str]:
        """Return the alternatives of a skill choice (empty for an ordinary skill)."""
        return list(self.choices.get(key, ()))

    @cached_property
    def choices(self) -> dict[str, tuple[str, ...]]:
        """Skill choice -> its alternatives sorted by label, for every choice that has some.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> [g.label(a) for a in g.choices[g.resolve("backend language")]]
        ['Java', 'JavaScript (Node.js)', 'Python']
        """
        found: dict[str, list[str]] = defaultdict(list)
        for u, v, rel in self.nx.edges(keys=True):
            if rel == "any_of":
                found[u].append(v)
        return {c: tuple(sorted(alts, key=lambda a: (self.label(a), a))) for c, alts in found.items()}

    def relation_graph(self, *relations: str) -> nx.DiGraph:
        """Return a plain DiGraph of the edges of the given relations (all nodes kept)."""
        view = nx.DiGraph()
        view.add_nodes_from(self.nx.nodes)
        wanted = set(relations)
        view.add_edges_from((u, v) for u, v, rel in self.nx.edges(keys=True) if rel in wanted)
        return view

    @cached_property
    def prerequisites(self) -> nx.DiGraph:
        """Skill -> prerequisite skill (learn the target first)."""
        return self.relation_graph("has_prerequisite")

    @cached_property
    def ladder(self) -> nx.DiGraph:
        """Role -> next role, and role -> the specializations that branch from it."""
        view = self.relation_graph("progresses_to")
        view.add_edges_from((v, u) for u, v, rel in self.nx.edges(keys=True) if rel == "branches_from")
        return view

    @cached_property
    def proficiency_labels(self) -> dict[int, str]:
        """Proficiency rank -> label, as used in this graph."""
        labels = dict(PROFICIENCY_LABELS)
        for _, _, data in self.nx.edges(data=True):
            if data.get("proficiency_label"):
                labels[int(data["proficiency"])] = data["proficiency_label"]
        return labels


def _literal_text(term: Any) -> str:
    return str(term.value)


def build_view(rdf: RdfData) -> SkillGraph:
    """Project the RDF graph into a :class:`SkillGraph` (see ``docs/model.md``).

    >>> from skillgraph.store import load_rdf
    >>> view = build_view(load_rdf())
    >>> view.node("https://w3id.org/skillgraph/id/junior-backend-developer")["level"]
    1
    """
    import pyoxigraph as ox

    def graph_key(g: Any) -> str:
        return "" if isinstance(g, ox.DefaultGraph) else g.value

    def term_key(t: Any) -> str:
        return f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value

    # One pass over the quads, grouped by subject.
    by_subject: dict[str, list[tuple[str, Any, str]]] = defaultdict(list)
    subclass_of: dict[str, set[str]] = defaultdict(set)
    for quad in rdf.quads():
        subject = term_key(quad.subject)
        predicate = quad.predicate.value
        by_subject[subject].append((predicate, quad.object, graph_key(quad.graph_name)))
        if predicate == RDFS + "subClassOf" and isinstance(quad.object, ox.NamedNode):
            subclass_of[subject].add(quad.object.value)

    # Class IRI -> node type, following rdfs:subClassOf to the skillgraph classes.
    def type_of_class(cls: str, seen: frozenset[str] = frozenset()) -> str | None:
        if cls in NODE_TYPES:
            return NODE_TYPES[cls]
        for parent in subclass_of.get(cls, ()):
            if parent not in seen:
                found = type_of_class(parent, seen | {cls})
                if found:
                    return found
        return None

    # Source labels: sg:Source nodes' rdfs:label; user files by path, with the
    # source a file declares (an imported taxonomy names itself) when it has one.
    sources: dict[str, str] = {"": "unattributed"}
    declared_in: dict[str, list[str]] = defaultdict(list)
    for subject, facts in by_subject.items():
        if not any(p == RDF_TYPE and getattr(o, "value", None) == SG + "Source" for p, o, _ in facts):
            continue
        for predicate, obj, g in facts:
            if predicate == RDFS + "label":
                sources[subject] = _literal_text(obj)
                if g.startswith("file://"):
                    declared_in[g].append(_literal_text(obj))

    def source_label(graph: str) -> str:
        if graph not in sources:
            if graph.startswith("file://"):
                from urllib.parse import unquote, urlparse

                path = unquote(urlparse(graph).path)
                names = sorted(set(declared_in.get(graph, ())))
                sources[graph] = f"{', '.join(names)} ({path})" if names else path
            else:
                sources[graph] = graph
        return sources[graph]

    def preferred(literals: list[Any]) -> str | None:
        ranked = sorted(literals, key=lambda lit: (lit.language not in (None, "en"), lit.language or ""))
        return _literal_text(ranked[0]) if ranked else None

    ranks: dict[str, int] = {}
    labels_of: dict[str, str] = {}
    for subject, facts in by_subject.items():
        for predicate, obj, _ in facts:
            if predicate == SG + "rank":
                ranks[subject] = int(obj.value)
            elif predicate == SKOS + "prefLabel" and isinstance(obj, ox.Literal):
                if obj.language in (None, "en") or subject not in labels_of:
                    labels_of[subject] = _literal_text(obj)

    graph = nx.MultiDiGraph()
    node_types: dict[str, str] = {}
    choices: set[str] = set()
    for subject, facts in by_subject.items():
        for predicate, obj, _ in facts:
            if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
                kind = type_of_class(obj.value)
                if kind and (subject not in node_types or kind != "skill"):
                    node_types[subject] = kind
                if obj.value == SG + "SkillChoice":
                    choices.add(subject)

    for subject, kind in node_types.items():
        provenance: dict[str, set[str]] = defaultdict(set)
        pref: list[Any] = []
        alt: list[str] = []
        descriptions: dict[str, list[Any]] = defaultdict(list)
        attrs: dict[str, Any] = {"level": None, "category": None, "effort_hours": None}
        matches: list[tuple[str, str]] = []
        for predicate, obj, g in by_subject[subject]:
            where = source_label(g)
            if predicate == RDF_TYPE:
                provenance["type"].add(where)
            elif predicate == SKOS + "prefLabel" and isinstance(obj, ox.Literal):
                pref.append(obj)
                provenance["label"].add(where)
            elif predicate == SKOS + "altLabel" and isinstance(obj, ox.Literal):
                alt.append(_literal_text(obj))
                provenance["alt_labels"].add(where)
            elif predicate in _DESCRIPTION_PREDICATES and isinstance(obj, ox.Literal):
                descriptions[predicate].append(obj)
                provenance["description"].add(where)
            elif predicate == SG + "level":
                attrs["level"] = int(obj.value)
                provenance["level"].add(where)
            elif predicate == SG + "category":
                attrs["category"] = labels_of.get(obj.value, short_id(obj.value))
                provenance["category"].add(where)
            elif predicate == SG + "effortHours":
                attrs["effort_hours"] = float(obj.value)
                provenance["effort_hours"].add(where)
            elif predicate in _MATCH_PREDICATES:
                matches.append((_MATCH_PREDICATES[predicate], obj.value))
                provenance["matches"].add(where)
        description = next(
            (preferred(descriptions[p]) for p in _DESCRIPTION_PREDICATES if descriptions[p]), None
        )
        graph.add_node(
            subject,
            id=short_id(subject),
            type=kind,
            label=preferred(pref) or short_id(subject),
            alt_labels=tuple(sorted(set(alt), key=str.casefold)),
            description=description,
            choice=subject in choices,
            matches=tuple(sorted(set(matches))),
            provenance={k: tuple(sorted(provenance[k])) for k in _ATTRIBUTE_ORDER if k in provenance},
            sources=tuple(sorted(set().union(*provenance.values()))) if provenance else (),
            **attrs,
        )

    # Edges.
    for subject in node_types:
        edge_sources: dict[tuple[str, str], set[str]] = defaultdict(set)
        requirements: dict[str, tuple[int, set[str]]] = {}
        for predicate, obj, g in by_subject[subject]:
            relation = RELATIONS.get(predicate)
            if relation and isinstance(obj, ox.NamedNode) and obj.value in node_types:
                edge_sources[(obj.value, relation)].add(source_label(g))
            elif predicate == SG + "requirement":
                skill, rank = None, 1
                for p2, o2, _ in by_subject.get(term_key(obj), ()):
                    if p2 == SG + "skill":
                        skill = o2.value
                    elif p2 == SG + "proficiency":
                        rank = ranks.get(o2.value, 1)
                if skill in node_types:
                    prior_rank, prior_sources = requirements.get(skill, (0, set()))
                    requirements[skill] = (max(rank, prior_rank), prior_sources | {source_label(g)})
        for (target, relation), where in edge_sources.items():
            graph.add_edge(subject, target, key=relation, relation=relation, sources=tuple(sorted(where)))
        for skill, (rank, where) in requirements.items():
            graph.add_edge(
                subject,
                skill,
                key="requires",
                relation="requires",
                proficiency=rank,
                proficiency_label=labels_of.get(_rank_iri(ranks, rank), str(rank)),
                sources=tuple(sorted(where)),
            )
    return SkillGraph(graph, sources={k: v for k, v in sources.items() if k})


def _rank_iri(ranks: dict[str, int], rank: int) -> str:
    return next((iri for iri, r in ranks.items() if r == rank), "")
