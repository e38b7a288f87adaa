"""Projection of the RDF (the source of truth) into the NetworkX view.

One pass over the quads: typed nodes keyed by IRI with their attributes and the
source of each, typed edges keyed by relation name (``docs/model.md``). The model
layer wraps the result in a :class:`~skillgraph.model.graph.SkillGraph`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from skillgraph.vocabulary import (
    CLASS_TYPES,
    DCTERMS,
    IMPORTANCE,
    PREFIXES,
    RDF_TYPE,
    RDFS,
    RELATIONS,
    SG,
    SKOS,
    UNSTATED_LABEL,
    short_id,
)

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "MATCH_TYPES",
    "project",
]

_ATTRIBUTE_ORDER = (
    "type",
    "label",
    "alt_labels",
    "description",
    "level",
    "category",
    "effort",
    "learned_by",
    "skill_type",
    "years",
    "references",
    "matches",
    "tasks",
    "job_zone",
    "groups",
    "count",
)
#: ESCO's type of a skill: knowledge (its label a noun phrase: "blockchain openness") or a
#: skill/competence (its label starts with a verb: "plan marketing campaigns").
_SKILL_TYPE = PREFIXES["esco"] + "skillType"
_DESCRIPTION_PREDICATES = (SKOS + "definition", DCTERMS + "description", RDFS + "comment")
#: The SKOS mapping relations, strongest first.
MATCH_TYPES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
_MATCH_PREDICATES = {SKOS + name: name for name in MATCH_TYPES}


def _literal_text(term: Any) -> str:
    return str(term.value)


def project(rdf: RdfData, *, release: bool = False) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """Project the RDF into the typed ``nx.MultiDiGraph`` of ``docs/model.md`` and the source labels.

    With ``release`` the store is emptied (:meth:`RdfData.release`) once its statements are
    read, before the view is built, so the two never take memory at the same time.

    >>> from skillgraph.rdf.dataset import load_rdf
    >>> graph, sources = project(load_rdf())
    >>> graph.nodes["https://w3id.org/skillgraph/id/junior-backend-developer"]["level"]
    1
    """
    import pyoxigraph as ox

    def graph_key(g: Any) -> str:
        return "" if isinstance(g, ox.DefaultGraph) else g.value

    def term_key(t: Any) -> str:
        return f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value

    # Equal source lists are one tuple: a full-size import has some 150,000 edges and nodes
    # citing a handful of sources, and one object each loads from the cache much faster.
    seen_sources: dict[tuple[str, ...], tuple[str, ...]] = {}

    def shared(found_in: set[str]) -> tuple[str, ...]:
        listed = tuple(sorted(found_in))
        return seen_sources.setdefault(listed, listed)

    # Likewise equal provenance tables (every node of one import has the same one).
    seen_provenance: dict[tuple[tuple[str, tuple[str, ...]], ...], dict[str, tuple[str, ...]]] = {}

    def shared_provenance(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return seen_provenance.setdefault(tuple(table.items()), table)

    # One pass over the quads, grouped by subject. A fact naming an IRI ("a requirement",
    # "at level intermediate", "in this file") is held once however many subjects state it:
    # at the size of ESCO that is some 250 MB less at the peak of a first load.
    by_subject: dict[str, list[tuple[str, Any, str]]] = defaultdict(list)
    subclass_of: dict[str, set[str]] = defaultdict(set)
    held: dict[str, str] = {}
    once: dict[tuple[str, str, str], tuple[str, Any, str]] = {}
    for quad in rdf.quads():
        subject = term_key(quad.subject)
        predicate = held.setdefault(quad.predicate.value, quad.predicate.value)
        graph_name = graph_key(quad.graph_name)
        graph_name = held.setdefault(graph_name, graph_name)
        obj = quad.object
        if isinstance(obj, ox.NamedNode):
            fact = once.setdefault((predicate, obj.value, graph_name), (predicate, obj, graph_name))
        else:
            fact = (predicate, obj, graph_name)
        by_subject[subject].append(fact)
        if predicate == RDFS + "subClassOf" and isinstance(obj, ox.NamedNode):
            subclass_of[subject].add(obj.value)
    del held, once
    if release:
        rdf.release()

    # Class IRI -> node type, following rdfs:subClassOf to the skillgraph classes.
    def type_of_class(cls: str, seen: frozenset[str] = frozenset()) -> str | None:
        if cls in CLASS_TYPES:
            return CLASS_TYPES[cls]
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
        attrs: dict[str, Any] = {
            "level": None,
            "category": None,
            "learned_by": "study",
            "skill_type": None,
            "years": None,
            "job_zone": None,
            "count": None,
        }
        effort: dict[int, float] = {}
        years: dict[str, float] = {}
        references: list[str] = []
        matches: list[tuple[str, str]] = []
        tasks: list[str] = []
        groups: list[str] = []
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
            elif predicate == SG + "effort":
                level, hours = None, None
                for p2, o2, _ in by_subject.get(term_key(obj), ()):
                    if p2 == SG + "proficiency":
                        level = ranks.get(o2.value)
                    elif p2 == SG + "hours":
                        hours = float(o2.value)
                if level is not None and hours is not None:
                    effort[level] = hours
                    provenance["effort"].add(where)
            elif predicate == SG + "learnedBy" and obj.value == SG + "Practice":
                attrs["learned_by"] = "practice"
                provenance["learned_by"].add(where)
            elif predicate in (SG + "typicalYearsMin", SG + "typicalYearsMax"):
                years[predicate[len(SG) + len("typicalYears") :].lower()] = float(obj.value)
                provenance["years"].add(where)
            elif predicate == DCTERMS + "source" and isinstance(obj, ox.NamedNode):
                references.append(obj.value)
                provenance["references"].add(where)
            elif predicate == SG + "task" and isinstance(obj, ox.Literal):
                tasks.append(_literal_text(obj))
                provenance["tasks"].add(where)
            elif predicate == SG + "choiceCount":
                attrs["count"] = int(obj.value)
                provenance["count"].add(where)
            elif predicate == _SKILL_TYPE and isinstance(obj, ox.NamedNode):
                attrs["skill_type"] = "knowledge" if obj.value.endswith("/knowledge") else "competence"
                provenance["skill_type"].add(where)
            elif predicate == SG + "jobZone":
                attrs["job_zone"] = int(obj.value)
                provenance["job_zone"].add(where)
            elif predicate == SKOS + "broader" and isinstance(obj, ox.NamedNode):
                groups.append(obj.value)
                provenance["groups"].add(where)
            elif predicate in _MATCH_PREDICATES:
                matches.append((_MATCH_PREDICATES[predicate], obj.value))
                provenance["matches"].add(where)
        description = next(
            (preferred(descriptions[p]) for p in _DESCRIPTION_PREDICATES if descriptions[p]), None
        )
        if years:
            low = years.get("min", years.get("max"))
            attrs["years"] = (low, years.get("max", low))
        graph.add_node(
            subject,
            id=short_id(subject),
            type=kind,
            label=preferred(pref) or short_id(subject),
            alt_labels=tuple(sorted(set(alt), key=str.casefold)),
            description=description,
            choice=subject in choices,
            matches=tuple(sorted(set(matches))),
            effort=tuple(sorted(effort.items())),
            references=tuple(sorted(set(references))),
            tasks=tuple(tasks),
            groups=tuple(sorted(set(groups))),
            provenance=shared_provenance(
                {k: shared(provenance[k]) for k in _ATTRIBUTE_ORDER if k in provenance}
            ),
            sources=shared(set().union(*provenance.values())) if provenance else (),
            **attrs,
        )

    # Edges.
    for subject in node_types:
        edge_sources: dict[tuple[str, str], set[str]] = defaultdict(set)
        requirements: dict[str, tuple[int, bool, bool, set[str]]] = {}
        relaxed: dict[str, tuple[str | None, int | None, str]] = {}
        covered: dict[str, tuple[int, int, set[str]]] = {}
        for predicate, obj, g in by_subject[subject]:
            relation = RELATIONS.get(predicate)
            if relation and isinstance(obj, ox.NamedNode) and obj.value in node_types:
                edge_sources[(obj.value, relation)].add(source_label(g))
            elif predicate == SG + "relaxation":
                skill_key, note, lowered = None, None, None
                for p2, o2, _ in by_subject.get(term_key(obj), ()):
                    if p2 == SG + "skill":
                        skill_key = o2.value
                    elif p2 == SKOS + "note" and isinstance(o2, ox.Literal):
                        note = _literal_text(o2)
                    elif p2 == SG + "proficiency":
                        lowered = ranks.get(o2.value)
                if skill_key in node_types:
                    relaxed[skill_key] = (note, lowered, source_label(g))
            elif predicate == SG + "covers":
                skill_key, cap, start = None, None, 1
                for p2, o2, _ in by_subject.get(term_key(obj), ()):
                    if p2 == SG + "skill":
                        skill_key = o2.value
                    elif p2 == SG + "proficiency":
                        cap = ranks.get(o2.value)
                    elif p2 == SG + "fromProficiency":
                        start = ranks.get(o2.value, 1)
                if skill_key in node_types and cap is not None:
                    # two coverages of one skill: the one that reaches higher
                    prior_cover = covered.get(skill_key)
                    if prior_cover is None or cap > prior_cover[0]:
                        covered[skill_key] = (cap, start, (prior_cover[2] if prior_cover else set()))
                    covered[skill_key][2].add(source_label(g))
            elif predicate == SG + "requirement":
                skill: str | None = None
                rank, stated, essential = 1, False, True
                for p2, o2, _ in by_subject.get(term_key(obj), ()):
                    if p2 == SG + "skill":
                        skill = o2.value
                    elif p2 == SG + "proficiency":
                        rank, stated = ranks.get(o2.value, 1), True
                    elif p2 == SG + "importance":
                        essential = IMPORTANCE.get(o2.value, "essential") == "essential"
                if skill in node_types:
                    # Two requirements of one skill: the higher level, stated if either
                    # states one, essential if either is.
                    prior = requirements.get(skill, (0, False, False, set()))
                    requirements[skill] = (
                        max(rank, prior[0]),
                        stated or prior[1],
                        essential or prior[2],
                        prior[3] | {source_label(g)},
                    )
        for (target, relation), edge_found_in in edge_sources.items():
            graph.add_edge(subject, target, key=relation, relation=relation, sources=shared(edge_found_in))
        for skill, (note, lowered, found) in relaxed.items():
            graph.add_edge(
                subject,
                skill,
                key="relaxes",
                relation="relaxes",
                note=note,
                proficiency=lowered,
                sources=(found,),
            )
        for skill, (cap, start, found_in) in covered.items():
            graph.add_edge(
                subject,
                skill,
                key="covers",
                relation="covers",
                proficiency=cap,
                proficiency_label=labels_of.get(_rank_iri(ranks, cap), str(cap)),
                from_proficiency=start,
                sources=shared(found_in),
            )
        for skill, (rank, stated, essential, found_in) in requirements.items():
            graph.add_edge(
                subject,
                skill,
                key="requires",
                relation="requires",
                proficiency=rank,
                proficiency_label=(
                    labels_of.get(_rank_iri(ranks, rank), str(rank)) if stated else UNSTATED_LABEL
                ),
                stated=stated,
                importance="essential" if essential else "optional",
                sources=shared(found_in),
            )
    _share_edge_attributes(graph)
    return graph, {k: v for k, v in sources.items() if k}


def _share_edge_attributes(graph: nx.MultiDiGraph) -> None:
    """Let edges with equal attributes share one dict, and node pairs with equal edges one
    table of them; then freeze the graph (:func:`networkx.freeze`): the view is read-only.

    A full-size import has some 150,000 edges but a few dozen distinct attribute sets, so the
    view takes less memory and loads from the cache in about half the time (each shared
    table is read once). A copy of the graph, as ``subgraph(...).copy()`` makes, has its own
    dicts again and can be changed.
    """
    pool: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}
    tables: dict[tuple[tuple[str, int], ...], dict[str, dict[str, Any]]] = {}
    predecessors = graph._pred  # the raw tables: networkx offers only read-only views of them
    for node, neighbours in graph.adjacency():
        for neighbour, keyed in neighbours.items():
            shareable = True
            for key, attrs in keyed.items():
                try:
                    keyed[key] = pool.setdefault(tuple(sorted(attrs.items())), attrs)
                except TypeError:  # an unhashable value: keep the edge's own dict
                    shareable = False
            if shareable:
                table = tables.setdefault(tuple((key, id(attrs)) for key, attrs in keyed.items()), keyed)
                if table is not keyed:  # the same table in both directions, as networkx keeps it
                    neighbours[neighbour] = predecessors[neighbour][node] = table
    nx.freeze(graph)


def _rank_iri(ranks: dict[str, int], rank: int) -> str:
    return next((iri for iri, r in ranks.items() if r == rank), "")
