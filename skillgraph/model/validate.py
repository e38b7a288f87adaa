"""Checks a skillgraph graph must pass: SHACL shapes (on the RDF), acyclic ladders and prerequisites.

>>> from skillgraph.rdf.dataset import load_rdf
>>> from skillgraph.model.graph import build_view
>>> cycle_problems(build_view(load_rdf()))
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from skillgraph.errors import ValidationError
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import ladder_problems
from skillgraph.rdf.validity import validate_sources
from skillgraph.vocabulary import short_id

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "check",
    "cycle_problems",
]

_SH = "http://www.w3.org/ns/shacl#"


def cycle_problems(view: SkillGraph) -> list[str]:
    """Return one line per cycle among prerequisites or role progressions, showing the cycle,
    and per cycle of coverage (``sg:covers``)."""
    problems = []
    for name, relations in (
        ("prerequisite", ("has_prerequisite",)),
        ("progression", ("progresses_to",)),
        ("coverage", ("covers",)),
    ):
        graph = view.relation_graph(*relations)
        for component in nx.strongly_connected_components(graph):
            start = min(component)
            if len(component) == 1 and not graph.has_edge(start, start):
                continue
            cycle = nx.find_cycle(graph.subgraph(component), source=start)
            names = [short_id(u) for u, _ in cycle] + [short_id(cycle[0][0])]
            problems.append(f"{name} cycle: {' -> '.join(names)}")
    return sorted(problems)


def check(rdf: RdfData, *, reuse: bool = False, release: bool = False) -> SkillGraph:
    """Validate ``rdf`` (SHACL, cycles, then the ladder rules) and return its view, or raise ValidationError.

    The ladder rules (:func:`skillgraph.model.ladder.ladder_problems`): a role never asks
    less than the role it builds on unless it relaxes the requirement explicitly, a
    relaxation must be of something inherited and not needed by what is still required,
    levels rise along progressions and effort rises with the proficiency level.

    The shapes are checked as SPARQL on the store (:mod:`skillgraph.rdf.core_shapes`); with
    ``reuse``, sources found valid before are not checked again (:mod:`skillgraph.rdf.validity`);
    with ``release`` the RDF is dropped once the view is read from it (a caller that needs the
    view alone: the checks after the shapes read the view).
    """
    from skillgraph.model.graph import build_view

    problems = validate_sources(rdf, reuse=reuse)
    if problems:
        raise ValidationError(problems)
    view = build_view(rdf, release=release)
    problems = cycle_problems(view)
    if problems:
        raise ValidationError(problems)
    problems = ladder_problems(view)
    if problems:
        raise ValidationError(problems)
    return view
