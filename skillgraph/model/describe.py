"""Everything the graph says about one node, with where each fact comes from.

>>> import skillgraph
>>> g = skillgraph.load()
>>> d = describe(g, g.resolve("senior"))
>>> d.type, d.attributes["level"]
('role', 3)
>>> "requires" in d.grouped() and "inherits" in d.grouped()
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import Requirement, effective_requirements
from skillgraph.vocabulary import LADDER_TYPES, RELATION_LABELS

__all__ = [
    "NodeDescription",
    "NodeListing",
    "Relation",
    "describe",
    "list_nodes",
]


@dataclass(frozen=True)
class Relation:
    """One edge seen from the described node."""

    relation: str
    wording: str
    direction: str
    key: str
    id: str
    label: str
    type: str
    sources: tuple[str, ...] = ()
    proficiency_label: str | None = None
    note: str | None = None
    importance: str | None = None


@dataclass(frozen=True)
class NodeDescription(Displayable):
    """A node's attributes, its relations in and out, and their provenance."""

    key: str
    id: str
    type: str
    label: str
    alt_labels: tuple[str, ...]
    description: str | None
    attributes: dict[str, Any]
    provenance: dict[str, tuple[str, ...]]
    matches: tuple[tuple[str, str, str | None], ...]
    relations: tuple[Relation, ...] = field(default=())
    references: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<NodeDescription {self.type} {self.id} ({self.label}): {len(self.relations)} relations>"

    def grouped(self) -> dict[str, list[Relation]]:
        """Return the relations grouped by their wording ("requires", "required by", ...)."""
        groups: dict[str, list[Relation]] = defaultdict(list)
        for rel in self.relations:
            groups[rel.wording].append(rel)
        return dict(groups)

    def to_dict(self) -> dict[str, Any]:
        """Return the description as plain data."""
        return {
            "id": self.id,
            "iri": self.key,
            "type": self.type,
            "label": self.label,
            "alt_labels": list(self.alt_labels),
            "description": self.description,
            **self.attributes,
            "provenance": {k: list(v) for k, v in self.provenance.items()},
            "references": list(self.references),
            "matches": [{"relation": r, "iri": iri, "label": label} for r, iri, label in self.matches],
            "relations": {
                wording: [
                    {
                        "id": r.id,
                        "iri": r.key,
                        "label": r.label,
                        "type": r.type,
                        "sources": list(r.sources),
                        **({"proficiency": r.proficiency_label} if r.proficiency_label else {}),
                        **({"note": r.note} if r.note else {}),
                    }
                    for r in rels
                ]
                for wording, rels in self.grouped().items()
            },
        }


def _relation(
    graph: SkillGraph, other: str, relation: str, wording: str, direction: str, **extra: Any
) -> Relation:
    attrs = graph.node(other)
    return Relation(
        relation=relation,
        wording=wording,
        direction=direction,
        key=other,
        id=attrs["id"],
        label=attrs["label"],
        type=attrs["type"],
        **extra,
    )


def describe(graph: SkillGraph, key: str) -> NodeDescription:
    """Return what ``graph`` holds about node ``key``.

    A role whose source tells essential from optional requirements (an ESCO or O*NET
    import) has them grouped as ``requires (essential)`` and ``requires (optional)``.
    """
    attrs = graph.node(key)
    relations = []
    graded = any(
        data.get("importance") == "optional"
        for _, _, rel, data in graph.nx.out_edges(key, keys=True, data=True)
        if rel == "requires"
    )
    for direction, edges in (
        ("out", graph.nx.out_edges(key, keys=True, data=True)),
        ("in", graph.nx.in_edges(key, keys=True, data=True)),
    ):
        for source, target, rel, data in edges:
            other = target if direction == "out" else source
            out_word, in_word = RELATION_LABELS.get(rel, (rel, f"{rel} (inverse)"))
            importance = data.get("importance") if rel == "requires" else None
            level_label = data.get("proficiency_label")
            if rel == "relaxes" and data.get("proficiency"):  # a relaxation that lowers a level
                out_word, in_word = "lowers", "lowered by"
                level_label = graph.level_label(int(data["proficiency"]))
            if importance == "optional" or (importance and direction == "out" and graded):
                out_word, in_word = f"{out_word} ({importance})", f"{in_word} ({importance})"
            relations.append(
                _relation(
                    graph,
                    other,
                    rel,
                    out_word if direction == "out" else in_word,
                    direction,
                    sources=tuple(data.get("sources", ())),
                    proficiency_label=level_label,
                    note=data.get("note"),
                    importance=importance,
                )
            )
    if attrs["type"] in LADDER_TYPES:
        # what the role asks because the role it builds on asks it (docs/plan.md)
        for skill, req in effective_requirements(graph, key).items():
            if req.inherited:
                relations.append(
                    _relation(
                        graph,
                        skill,
                        "inherits",
                        "inherits",
                        "out",
                        sources=(_asked(graph, req),),
                        proficiency_label=graph.level_label(req.rank, stated=req.stated),
                        importance=req.importance,
                    )
                )
    relations.sort(key=lambda r: (r.direction != "out", r.wording, r.label.casefold()))
    attributes: dict[str, Any] = {
        name: attrs.get(name) for name in ("level", "category") if attrs.get(name) is not None
    }
    if attrs.get("effort"):
        attributes["effort"] = {graph.level_label(rank): hours for rank, hours in attrs["effort"]}
    if attrs.get("learned_by") == "practice":
        attributes["learned_by"] = "practice"
    if attrs.get("years"):
        attributes["typical_years_in_role"] = list(attrs["years"])
    if attrs.get("choice"):
        attributes["choice"] = True
    return NodeDescription(
        key=key,
        id=attrs["id"],
        type=attrs["type"],
        label=attrs["label"],
        alt_labels=tuple(attrs.get("alt_labels", ())),
        description=attrs.get("description"),
        attributes=attributes,
        provenance=dict(attrs.get("provenance", {})),
        matches=tuple(
            (rel, iri, graph.label(iri) if iri in graph else None) for rel, iri in attrs.get("matches", ())
        ),
        relations=tuple(relations),
        references=tuple(attrs.get("references", ())),
    )


@dataclass(frozen=True)
class NodeListing(Displayable):
    """Nodes of the graph in its order: the id, IRI, type and label of each."""

    nodes: tuple[tuple[str, str, str, str], ...]

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<NodeListing {len(self.nodes)} nodes>"

    def records(self) -> list[dict[str, str]]:
        """Return one dict a node: ``id``, ``iri``, ``type``, ``label``."""
        return [
            {"id": id_, "iri": iri, "type": type_, "label": label} for id_, iri, type_, label in self.nodes
        ]


def list_nodes(graph: SkillGraph, type: str | None = None) -> NodeListing:
    """Return the nodes of ``graph``, or those of one ``type``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> roles = list_nodes(g, "role")
    >>> "Junior Backend Developer" in [r["label"] for r in roles.records()]
    True
    >>> {r["type"] for r in roles.records()}
    {'role'}
    """
    return NodeListing(
        tuple((graph.node(k)["id"], k, graph.node(k)["type"], graph.label(k)) for k in graph.nodes(type))
    )


def _asked(graph: SkillGraph, req: Requirement) -> str:
    """Where an inherited requirement comes from: the role asking it, and the one lowering it."""
    said = f"asked by {graph.label(req.asked_by)}"
    if req.lowered_by is not None and req.lowered_from is not None:
        said += f" at {graph.level_label(req.lowered_from)}, lowered by {graph.label(req.lowered_by)}"
    return said
