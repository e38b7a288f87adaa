"""What the rules derive, written as RDF for the derived named graph.

Every fact here is the answer of a rule function of the core, called as the commands call
it, never a rule written again:

- the role each role or specialization builds on (``sg:buildsOn``,
  :func:`skillgraph.model.ladder.predecessor`), and its effective requirements
  (:func:`skillgraph.model.ladder.effective_requirements`): ``sg:effectiveRequirement``
  nodes with the skill, the rank asked (``sg:requiredRank``), the role that asks it
  (``sg:askedBy``) and the importance; a requirement a role inherits is the very node of
  the role that asks it, so the graph grows with the requirements, not with the ladder;
- what knowing each skill at each level implies (:func:`skillgraph.algorithms.knowledge.implied`):
  an ``sg:KnownLevel`` node per skill and rank, linked by ``sg:implies`` to the levels of the
  skills it brings directly; ``sg:implies+`` gives all of it;
- what learning each skill to each level teaches besides itself, as a plan learns it:
  ``sg:learnedAlong`` a skill it covers that is not its prerequisite, learned with it
  (:func:`skillgraph.algorithms.knowledge.taught_with`), ``sg:completes`` a prerequisite it
  covers, learned first only as far as needed (:func:`~skillgraph.algorithms.knowledge.taught_beyond`);
  and the alternatives a skill choice stands for in a next step, ``sg:standsFor``
  (:func:`skillgraph.algorithms.frontier.stands_for`);
- the study hours from nothing to each role (``sg:studyHours``): the figure of
  ``skillgraph path FIRST ROLE`` (:func:`skillgraph.algorithms.paths.career_path` from the
  first role of its ladder, ``sg:hoursFrom``), with the skills of that path learned by
  practice (``sg:practiceSkills``) or without an estimate (``sg:unestimatedSkills``).

The terms are declared in ``ontology/skillgraph.ttl``; ``docs/model.md`` shows queries.

>>> import skillgraph
>>> g = skillgraph.load()
>>> text = derived_nquads(g).decode()
>>> "/derived/knowing/python/2>" in text and "#studyHours>" in text
True
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from skillgraph.algorithms.frontier import stands_for
from skillgraph.algorithms.knowledge import implied, taught_beyond, taught_with
from skillgraph.algorithms.paths import career_path, role_route
from skillgraph.model.derived import register
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements, ladder_chain, predecessor
from skillgraph.rdf.derived import DERIVED_GRAPH, derived_node
from skillgraph.vocabulary import LADDER_TYPES, SG, XSD

__all__ = [
    "KnownLevels",
    "derived_nquads",
    "derived_quads",
    "direct_implications",
    "hours_quads",
    "implication_quads",
    "learning_quads",
    "requirement_quads",
]

_GRAPH = ox.NamedNode(DERIVED_GRAPH)
_INTEGER = ox.NamedNode(XSD + "integer")
_DECIMAL = ox.NamedNode(XSD + "decimal")
_FALSE = ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))
_IMPORTANCE = {"essential": ox.NamedNode(SG + "Essential"), "optional": ox.NamedNode(SG + "Optional")}


def _term(name: str) -> ox.NamedNode:
    return ox.NamedNode(SG + name)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.1f}", datatype=_DECIMAL)


def requirement_quads(graph: SkillGraph) -> Iterator[ox.Quad]:
    """Yield each role's effective requirements: essential ones as the commands ask them,
    then the optional ones an imported taxonomy adds (``sg:importance sg:Optional``)."""
    described: set[str] = set()
    for key in graph.nodes(LADDER_TYPES):
        role = ox.NamedNode(key)
        before = predecessor(graph, key)
        if before is not None:
            yield ox.Quad(role, _term("buildsOn"), ox.NamedNode(before), _GRAPH)
        essential = effective_requirements(graph, key)
        optional = {
            skill: req
            for skill, req in effective_requirements(graph, key, include_optional=True).items()
            if skill not in essential
        }
        for req in [*essential.values(), *optional.values()]:
            iri = derived_node("requirement", req.asked_by, req.skill, req.rank, req.importance)
            node = ox.NamedNode(iri)
            yield ox.Quad(role, _term("effectiveRequirement"), node, _GRAPH)
            if iri in described:
                continue
            described.add(iri)
            yield ox.Quad(node, _term("skill"), ox.NamedNode(req.skill), _GRAPH)
            yield ox.Quad(node, _term("requiredRank"), _integer(req.rank), _GRAPH)
            yield ox.Quad(node, _term("askedBy"), ox.NamedNode(req.asked_by), _GRAPH)
            yield ox.Quad(node, _term("importance"), _IMPORTANCE[req.importance], _GRAPH)
            if not req.stated:
                yield ox.Quad(node, _term("levelStated"), _FALSE, _GRAPH)


def direct_implications(graph: SkillGraph, skill: str, rank: int) -> dict[str, int]:
    """Return what knowing ``skill`` at ``rank`` brings directly: each skill linked to it in
    the view (a prerequisite, a skill it covers, ...) that :func:`~skillgraph.algorithms.knowledge.implied`
    finds known, at the level it finds. Following these from skill to skill gives all of ``implied``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> direct_implications(g, g.resolve("python"), 4)[g.resolve("programming fundamentals")]
    2
    """
    known = implied(graph, {skill: rank})
    near = {*graph.nx.successors(skill), *graph.needs.get(skill, ())}
    return {other: known[other] for other in sorted(near & known.keys() - {skill})}


class KnownLevels:
    """The ``sg:KnownLevel`` nodes of the derived graph: a skill at a rank, each described (its
    ``sg:skill`` and ``sg:knownRank``) the first time it is named, so generators that share one
    write each description once.

    >>> levels = KnownLevels()
    >>> node, described = levels.node("https://w3id.org/skillgraph/id/python", 2)
    >>> len(described), len(levels.node("https://w3id.org/skillgraph/id/python", 2)[1])
    (2, 0)
    """

    def __init__(self) -> None:
        self._described: set[tuple[str, int]] = set()

    def node(self, skill: str, rank: int) -> tuple[ox.NamedNode, list[ox.Quad]]:
        """Return the node of ``skill`` known at ``rank`` and its description if not written yet."""
        node = ox.NamedNode(derived_node("knowing", skill, rank))
        if (skill, rank) in self._described:
            return node, []
        self._described.add((skill, rank))
        return node, [
            ox.Quad(node, _term("skill"), ox.NamedNode(skill), _GRAPH),
            ox.Quad(node, _term("knownRank"), _integer(rank), _GRAPH),
        ]


def implication_quads(graph: SkillGraph, levels: KnownLevels | None = None) -> Iterator[ox.Quad]:
    """Yield what knowing each skill at each rank brings directly, and what meeting each role brings.

    The levels come from :func:`~skillgraph.algorithms.knowledge.implied`: of a skill alone
    (``sg:implies`` to the skills linked to it in the view, its prerequisites or whatever
    relation the rule follows, so that ``sg:implies+`` gives the whole closure), and of a
    role's effective requirements (``sg:impliedKnowledge``, all of it, and ``sg:impliedSkill``,
    the same skills without their levels). Only skills that imply or are implied get an
    ``sg:KnownLevel`` node.
    """
    levels = levels or KnownLevels()
    ranks = sorted(graph.proficiency_labels)
    for skill in graph.nodes("skill"):
        for rank in ranks:
            brought = direct_implications(graph, skill, rank)
            if not brought:
                continue
            node, described = levels.node(skill, rank)
            yield from described
            for other, level in brought.items():
                implies, described = levels.node(other, level)
                yield from described
                yield ox.Quad(node, _term("implies"), implies, _GRAPH)
    for key in graph.nodes(LADDER_TYPES):
        asked = {skill: req.rank for skill, req in effective_requirements(graph, key).items()}
        role = ox.NamedNode(key)
        for skill, rank in sorted(implied(graph, asked).items()):
            known, described = levels.node(skill, rank)
            yield from described
            yield ox.Quad(role, _term("impliedKnowledge"), known, _GRAPH)
            yield ox.Quad(role, _term("impliedSkill"), ox.NamedNode(skill), _GRAPH)


def learning_quads(graph: SkillGraph, levels: KnownLevels | None = None) -> Iterator[ox.Quad]:
    """Yield what learning each skill to each rank teaches besides it, and what each choice stands for.

    ``sg:learnedAlong`` links the level learned to the level of a covered skill that is not its
    prerequisite (:func:`~skillgraph.algorithms.knowledge.taught_with`), ``sg:completes`` to
    the level of a prerequisite it covers (:func:`~skillgraph.algorithms.knowledge.taught_beyond`);
    ``sg:standsFor`` links a skill choice to the alternatives a next step names
    by the choice (:func:`~skillgraph.algorithms.frontier.stands_for`).
    """
    levels = levels or KnownLevels()
    ranks = sorted(graph.proficiency_labels)
    for skill in graph.nodes("skill"):
        for rank in ranks:
            for name, rule in (("learnedAlong", taught_with), ("completes", taught_beyond)):
                for other, level in rule(graph, skill, rank).items():
                    node, described = levels.node(skill, rank)
                    yield from described
                    taught, described = levels.node(other, level)
                    yield from described
                    yield ox.Quad(node, _term(name), taught, _GRAPH)
        for alternative in stands_for(graph, skill):
            yield ox.Quad(ox.NamedNode(skill), _term("standsFor"), ox.NamedNode(alternative), _GRAPH)


def hours_quads(graph: SkillGraph) -> Iterator[ox.Quad]:
    """Yield the study hours from nothing to each role, as ``path`` from the first role of its ladder.

    A path to a role passes every role before it, so one path gives the hours of all of them.
    """
    found: dict[str, tuple[str, float, int, int]] = {}
    keys = graph.nodes(LADDER_TYPES)
    routes = {key: role_route(graph, ladder_chain(graph, key)[-1], key) for key in keys}
    for key in sorted(keys, key=lambda k: -len(routes[k])):
        if key in found:
            continue
        path = career_path(graph, routes[key][0], key)
        hours, practice, unestimated = 0.0, 0, 0
        for step in path.steps:
            hours += step.effort_hours
            practice += len(step.practice)
            unestimated += sum(
                1 for item in step.skills if item.effort_hours is None and item.learned_by != "practice"
            )
            found.setdefault(step.key, (path.source, hours, practice, unestimated))
    for key in keys:
        source, hours, practice, unestimated = found[key]
        role = ox.NamedNode(key)
        yield ox.Quad(role, _term("studyHours"), _decimal(hours), _GRAPH)
        yield ox.Quad(role, _term("hoursFrom"), ox.NamedNode(source), _GRAPH)
        yield ox.Quad(role, _term("practiceSkills"), _integer(practice), _GRAPH)
        yield ox.Quad(role, _term("unestimatedSkills"), _integer(unestimated), _GRAPH)


def derived_quads(graph: SkillGraph) -> Iterator[ox.Quad]:
    """Yield every quad of the derived graph of ``graph``."""
    levels = KnownLevels()
    yield from requirement_quads(graph)
    yield from implication_quads(graph, levels)
    yield from learning_quads(graph, levels)
    yield from hours_quads(graph)


@register
def derived_nquads(graph: SkillGraph) -> bytes:
    """Return the derived graph of ``graph`` as N-Quads."""
    return ox.serialize(derived_quads(graph), format=ox.RdfFormat.N_QUADS) or b""
