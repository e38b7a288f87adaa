"""What a learner knows, carried across the crosswalk to ESCO and O*NET concepts (and back).

The curated graph links its skills to ESCO and O*NET concepts with SKOS match types, read
as "our concept <relation> their concept" (``ontology/data/crosswalk.trig``). Knowing one
side of a link counts on the other side by these rules:

- ``exactMatch`` and ``closeMatch``: the same knowledge, at the same level, both ways
  (knowing Python at advanced meets ESCO "Python (computer programming)" at advanced, and
  the reverse);
- ``broadMatch`` (theirs is broader) and ``narrowMatch`` (theirs is narrower): knowing the
  narrower concept counts as knowing the broader one, an example of it, at most at
  intermediate (depth in one example is not depth in the whole); never the reverse
  (knowing Django meets O*NET "web platform development software" as a class, knowing
  "unit testing" meets automated testing; knowing "DevOps" does not meet CI/CD);
- ``relatedMatch``: nothing is carried;
- within a taxonomy, a skill's ``skos:broader`` skill (ESCO "Java (computer programming)" ->
  "computer programming") is met as by a broad match: at most at intermediate.

Knowledge is carried after its prerequisites are implied (knowing Django implies Python,
which carries to ESCO Python), and through the curated concept from one taxonomy to the
other (ESCO Python known -> Python -> O*NET Python).

>>> import skillgraph
>>> g = skillgraph.load()
>>> carried(g, {g.resolve("python"): 3})  # no taxonomy loaded: nothing to carry to
{}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skillgraph.algorithms.knowledge import implied, implied_level
from skillgraph.model.indexes import index as kept_index
from skillgraph.vocabulary import LADDER_TYPES, SGD

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "SAME",
    "STRENGTH",
    "Carried",
    "carried",
    "is_curated",
    "links",
    "role_links",
]

#: Match types that carry knowledge both ways at the level held.
SAME: frozenset[str] = frozenset({"exactMatch", "closeMatch"})

#: The strength of a role link: the lower, the closer the two roles.
STRENGTH: Mapping[str, int] = {
    **dict.fromkeys(SAME, 0),
    "broadMatch": 1,
    "narrowMatch": 1,
    "relatedMatch": 2,
}


@dataclass(frozen=True)
class Carried:
    """A skill known through the crosswalk: at ``rank``, from ``source`` by ``relation``."""

    rank: int
    source: str
    relation: str


def links(graph: SkillGraph) -> tuple[tuple[str, str, str, bool], ...]:
    """Return ``(from, to, relation, capped)`` for every way knowledge flows over a match.

    ``capped``: the level carried is at most intermediate (a narrower concept to a broader).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> links(g)  # no ESCO or O*NET concept loaded
    ()
    """
    # Kept in a cache entry beside the view's: a full-size taxonomy has some 150,000 edges
    # to walk, and the commands that carry knowledge read the links at every call.
    return kept_index(graph, "crosswalk_links", lambda: _links(graph), kept="apart")


def _links(graph: SkillGraph) -> tuple[tuple[str, str, str, bool], ...]:
    found: list[tuple[str, str, str, bool]] = []
    for key, attrs in graph.nx.nodes(data=True):
        for relation, target in attrs.get("matches", ()):
            if target not in graph.nx or target == key:
                continue
            if relation in SAME:
                found += [(key, target, relation, False), (target, key, relation, False)]
            elif relation == "broadMatch":  # theirs is broader: ours counts towards it
                found.append((key, target, relation, True))
            elif relation == "narrowMatch":  # theirs is narrower: theirs counts towards ours
                found.append((target, key, relation, True))
    nodes = graph.nx.nodes
    for narrow, broad, attrs in graph.nx.edges(data=True):  # a taxonomy's own skill hierarchy
        if (
            attrs.get("relation") == "broader"
            and nodes[narrow].get("type") == nodes[broad].get("type") == "skill"
        ):
            if not nodes[broad].get("choice"):  # an O*NET class is a choice of its tools already
                found.append((narrow, broad, "broader", True))
    return tuple(found)


def carried(graph: SkillGraph, have: Mapping[str, int]) -> dict[str, Carried]:
    """Return the skills ``have`` (skill -> rank) meets across the crosswalk, not already held as high.

    Each carries the rank it is known at, the skill it was carried from (one the learner
    named, or one implied by those) and the match type.
    """
    flows = links(graph)
    if not flows:
        return {}
    known = implied(graph, have)
    found: dict[str, Carried] = {}
    changed = True
    while changed:
        changed = False
        for source, target, relation, capped in flows:
            rank = known.get(source, 0)
            if rank <= 0:
                continue
            level = implied_level(rank) if capped else rank
            if known.get(target, 0) < level:
                origin = found[source].source if source in found else source
                found[target] = Carried(level, origin, relation)
                known = implied(graph, {**known, target: level})
                changed = True
    return {key: c for key, c in found.items() if have.get(key, 0) < c.rank}


def is_curated(key: str) -> bool:
    """True for a node of the curated graph (not of an imported taxonomy).

    >>> is_curated("https://w3id.org/skillgraph/id/junior-backend-developer")
    True
    """
    return key.startswith(SGD)


def role_links(graph: SkillGraph, key: str) -> list[tuple[str, str]]:
    """Return ``(curated role, relation)`` linked to occupation ``key``, or ``(occupation,
    relation)`` linked to curated role ``key``, closest first; those loaded only.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> role_links(g, g.resolve("junior"))  # no taxonomy loaded
    []
    """
    found: list[tuple[str, str]] = []
    if is_curated(key):
        found = [(iri, rel) for rel, iri in graph.node(key).get("matches", ()) if iri in graph.nx]
    else:
        for role in graph.ladder:  # the roles and specializations the view keeps apart
            if is_curated(role):
                found += [(role, rel) for rel, iri in graph.node(role).get("matches", ()) if iri == key]
    links = [(k, rel) for k, rel in found if rel in STRENGTH and graph.node(k)["type"] in LADDER_TYPES]
    return sorted(links, key=lambda link: (STRENGTH[link[1]], graph.label(link[0])))
