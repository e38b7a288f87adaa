"""The curated ladder meets ESCO and O*NET: career paths across the role crosswalk.

The curated roles are linked to ESCO and O*NET occupations with SKOS match types
(``ontology/data/crosswalk.trig``, "our role <relation> their occupation"). No progression
joins a curated role to an imported occupation, so a path between them goes through such a
link, the *bridge*, and knowledge crosses by the rules of
:mod:`skillgraph.algorithms.crosswalk`:

- **to an occupation** (``junior`` to ESCO "software architect"): the learner holds the
  curated role (its requirements count as known, as on every path). The bridge is a curated
  role linked to the occupation that the ladder reaches from there, the role itself first,
  then by the strength of the link (exact or close, then broad or narrow, then related) and
  the fewest hours of study. The path climbs the ladder to the bridge, then crosses: the last
  step asks the occupation's essential requirements that what is known by then (carried
  across the crosswalk) does not meet, nothing when the link is exact or close (the same work);
- **from an occupation** (O*NET "Software Developers" to ``senior``): the learner holds the
  occupation (its essential requirements count as known, and are carried across). The bridge
  is a curated role linked to it from which the ladder reaches the target, the strongest link
  first, then the lowest rung (nothing is assumed of the ladder: what the occupation's
  knowledge does not meet of the bridge is on its step, unless the link is exact or close:
  then holding the occupation is holding the bridge). The first step is the occupation, the
  next the bridge.

The answer names the role link it used and the skill links through which the occupation's
requirements counted.

>>> import skillgraph
>>> g = skillgraph.load()
>>> crossing_route(g, g.resolve("junior"), g.resolve("senior")) is None  # no taxonomy loaded
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from skillgraph.algorithms.crosswalk import SAME, STRENGTH, carried, is_curated, role_links
from skillgraph.algorithms.knowledge import implied
from skillgraph.algorithms.plan.results import NodeRef
from skillgraph.algorithms.steps import CareerPath, RoleStep, SkillItem, in_role, role_skills
from skillgraph.algorithms.transitions import role_level
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements


@dataclass(frozen=True)
class Counted:
    """A requirement met across the crosswalk: ``requirement`` by ``source``, at ``rank``."""

    requirement: NodeRef
    source: NodeRef
    relation: str
    rank: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement.to_dict(),
            "met_by": self.source.to_dict(),
            "relation": self.relation,
            "rank": self.rank,
        }


@dataclass(frozen=True)
class Crossing:
    """The role link a path crossed (``role <relation> occupation``) and what counted over it."""

    role: NodeRef
    occupation: NodeRef
    relation: str
    counted: tuple[Counted, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role.to_dict(),
            "occupation": self.occupation.to_dict(),
            "relation": self.relation,
            "counted": [c.to_dict() for c in self.counted],
        }


@dataclass(frozen=True, repr=False)
class CrossedPath(CareerPath):
    """A :class:`CareerPath` that crosses the role crosswalk (``kind == "crosswalk"``)."""

    crossing: Crossing | None = None

    def to_dict(self) -> dict[str, Any]:
        """The path as :meth:`CareerPath.to_dict` gives it, with the link it crossed."""
        found = super().to_dict()
        return found | {"crosswalk": None if self.crossing is None else self.crossing.to_dict()}


def with_carried(graph: SkillGraph, known: Mapping[str, int]) -> tuple[dict[str, int], dict[str, Any]]:
    """Return ``known`` with what it meets across the crosswalk, and what was carried.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> with_carried(g, {g.resolve("python"): 3})[1]
    {}
    """
    across = carried(graph, known)
    return implied(graph, {**known, **{k: c.rank for k, c in across.items()}}), dict(across)


def _crossing(
    graph: SkillGraph, role: str, occupation: str, relation: str, counted: tuple[Counted, ...]
) -> Crossing:
    return Crossing(NodeRef.of(graph, role), NodeRef.of(graph, occupation), relation, counted)


def _counted(graph: SkillGraph, role: str, across: Mapping[str, Any]) -> tuple[Counted, ...]:
    """The essential requirements of ``role`` (or an alternative of one) met by ``across``."""
    found = []
    for skill in effective_requirements(graph, role):
        for key in (skill, *graph.alternatives(skill)):
            if key in across:
                how = across[key]
                met, source = NodeRef.of(graph, key), NodeRef.of(graph, how.source)
                found.append(Counted(met, source, how.relation, how.rank))
    return tuple(sorted(set(found), key=lambda c: c.requirement.label.casefold()))


def crossing_route(
    graph: SkillGraph,
    source: str,
    target: str,
    *,
    have: Mapping[str, int] | None = None,
    include_optional: bool = False,
) -> CrossedPath | None:
    """Return the path from ``source`` to ``target`` across the role crosswalk (see the
    module), or None when one is not a curated role and the other an occupation linked to
    the ladder (no bridge the ladder reaches).
    """
    if is_curated(source) == is_curated(target):
        return None
    if is_curated(source):
        return _to_occupation(graph, source, target, have or {}, include_optional)
    return _from_occupation(graph, source, target, have or {}, include_optional)


def _occupation_step(graph: SkillGraph, key: str, items: tuple[SkillItem, ...] = ()) -> RoleStep:
    """The step of an occupation, at its Job Zone (an ESCO occupation has no level)."""
    return replace(RoleStep.of(graph, key, items), level=role_level(graph, key))


def _ladder(
    graph: SkillGraph,
    source: str,
    target: str,
    *,
    have: Mapping[str, int],
    include_optional: bool,
    in_source: bool = False,
) -> CareerPath | None:
    """The ladder from ``source`` to ``target`` (progressions only), or None when none joins them."""
    try:
        route: list[str] = nx.shortest_path(graph.ladder, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    start = None
    if in_source:
        known, start = in_role(graph, source, have)
    else:
        known = implied(graph, have)
    steps = []
    for role in route:
        items = (
            []
            if start is not None and role == source
            else role_skills(graph, role, known, include_optional=include_optional)
        )
        known = implied(graph, {**known, **{i.key: max(known.get(i.key, 0), i.proficiency) for i in items}})
        steps.append(RoleStep.of(graph, role, tuple(items)))
    return CareerPath(source=source, target=target, steps=tuple(steps), have=tuple(sorted(have)), start=start)


def _to_occupation(
    graph: SkillGraph, source: str, target: str, have: Mapping[str, int], include_optional: bool
) -> CrossedPath | None:
    options = []
    for bridge, relation in role_links(graph, target):
        climb = _ladder(graph, source, bridge, have=have, include_optional=include_optional, in_source=True)
        if climb is not None:
            order = (bridge != source, STRENGTH[relation], climb.effort_hours, len(climb.steps))
            options.append((order, graph.label(bridge), climb, relation))
    if not options:
        return None
    _, _, climb, relation = min(options, key=lambda o: o[:2])
    known, _ = in_role(graph, source, have, include_optional=include_optional)
    for step in climb.steps:
        for item in step.skills:
            known[item.key] = max(known.get(item.key, 0), item.proficiency)
    crossed, across = with_carried(graph, implied(graph, known))
    same = relation in SAME  # the same work: holding the bridge is holding the occupation
    items = [] if same else role_skills(graph, target, crossed, include_optional=include_optional)
    bridge = climb.steps[-1].key
    return CrossedPath(
        source=source,
        target=target,
        steps=(*climb.steps, _occupation_step(graph, target, tuple(items))),
        have=climb.have,
        kind="crosswalk",
        start=climb.start,
        crossing=_crossing(graph, bridge, target, relation, _counted(graph, target, across)),
    )


def _from_occupation(
    graph: SkillGraph, source: str, target: str, have: Mapping[str, int], include_optional: bool
) -> CrossedPath | None:
    held, start = in_role(graph, source, have, include_optional=include_optional)
    crossed, across = with_carried(graph, held)
    options = []
    for bridge, relation in role_links(graph, source):
        climb = _ladder(
            graph, bridge, target, have=crossed, include_optional=include_optional, in_source=relation in SAME
        )
        if climb is not None:
            order = (STRENGTH[relation], -len(climb.steps))  # the lowest rung: nothing assumed
            options.append((order, graph.label(bridge), climb, relation))
    if not options:
        return None
    _, _, climb, relation = min(options, key=lambda o: o[:2])
    bridge = climb.steps[0].key
    return CrossedPath(
        source=source,
        target=target,
        steps=(_occupation_step(graph, source), *climb.steps),
        have=tuple(sorted(have)),
        kind="crosswalk",
        start=start,
        crossing=_crossing(graph, bridge, source, relation, _counted(graph, target, across)),
    )


__all__ = ["Counted", "CrossedPath", "Crossing", "crossing_route", "with_carried"]
