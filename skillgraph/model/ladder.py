"""What a role asks once the ladder is taken into account, and the checks the ladder must pass.

A role builds on the role it progresses from (a specialization on the role it branches
from): its *effective* requirements are its own plus those of the role it builds on, each
at the higher of the two levels, minus the skills it explicitly relaxes (``sg:relaxation``),
or at the lower level a relaxation states. So a higher role never asks less than the one
below unless the data says so.

>>> import skillgraph
>>> g = skillgraph.load()
>>> senior, junior = g.resolve("senior"), g.resolve("junior")
>>> set(effective_requirements(g, junior)) <= set(effective_requirements(g, senior))
True
>>> ladder_problems(g)
[]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from skillgraph.model.indexes import index
from skillgraph.vocabulary import LADDER_TYPES

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "Requirement",
    "effective_requirements",
    "ladder_chain",
    "ladder_problems",
    "lowered",
    "predecessor",
    "relaxations",
]


@dataclass(frozen=True)
class Requirement:
    """A skill a role asks for, at ``rank``, and the role whose own requirement sets that rank.

    ``importance`` is ``essential`` or ``optional`` (an imported taxonomy's optional skill);
    ``stated`` is False when the source gives no level (any level meets it; ``rank`` is 1).
    """

    skill: str
    rank: int
    asked_by: str
    inherited: bool
    importance: str = "essential"
    stated: bool = True
    lowered_by: str | None = None  # the role that lowered it, when one did
    lowered_from: int | None = None  # the rank ``asked_by`` asks before that


def predecessor(graph: SkillGraph, key: str) -> str | None:
    """Return the role ``key`` builds on: the role progressing to it, or the one it branches from.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> g.label(predecessor(g, g.resolve("senior")))
    'Backend Developer'
    >>> predecessor(g, g.resolve("junior")) is None
    True
    """
    before = sorted(source for source, _ in graph.in_edges(key, "progresses_to"))
    if not before:
        before = sorted(target for target, _ in graph.out_edges(key, "branches_from"))
    # a role reached from several (a manager from a senior developer or from a lead) builds
    # on the highest of them: the lower ones' requirements are in its requirements already
    return max(before, key=lambda role: graph.node(role).get("level") or 0) if before else None


def relaxations(graph: SkillGraph, key: str) -> dict[str, str | None]:
    """Return the skills role ``key`` explicitly relaxes (drops or lowers), with the reason given."""
    return {skill: data.get("note") for skill, data in graph.out_edges(key, "relaxes")}


def lowered(graph: SkillGraph, key: str) -> dict[str, int]:
    """Return the skills role ``key`` still requires but at a lower level: skill -> that level.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> manager = g.resolve("engineering manager")
    >>> all(level >= 1 for level in lowered(g, manager).values())
    True
    """
    return {
        skill: int(data["proficiency"])
        for skill, data in graph.out_edges(key, "relaxes")
        if data.get("proficiency")
    }


def ladder_chain(graph: SkillGraph, key: str) -> list[str]:
    """Return ``key`` and the roles it builds on, nearest first (each one's :func:`predecessor`).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> [g.label(k) for k in ladder_chain(g, g.resolve("senior"))]
    ['Senior Backend Developer', 'Backend Developer', 'Junior Backend Developer']
    """
    chain = [key]
    while (before := predecessor(graph, chain[-1])) is not None and before not in chain:
        chain.append(before)
    return chain


def effective_requirements(
    graph: SkillGraph, key: str, *, include_optional: bool = False
) -> dict[str, Requirement]:
    """Return what role or specialization ``key`` asks, inherited requirements included.

    Essential requirements only, unless ``include_optional``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> lead = effective_requirements(g, g.resolve("lead"))
    >>> sql = lead[g.resolve("sql")]
    >>> sql.inherited, g.label(sql.asked_by) != "Lead Backend Developer"
    (True, True)
    """
    memo: dict[tuple[str, bool], dict[str, Requirement]] = index(graph, "effective_requirements", dict)
    if (key, include_optional) in memo:
        return memo[(key, include_optional)]
    found: dict[str, Requirement] = {}
    for role in reversed(ladder_chain(graph, key)):
        lower = lowered(graph, role)
        for skill in relaxations(graph, role):
            prior = found.pop(skill, None)
            if prior is not None and skill in lower and lower[skill] < prior.rank:
                found[skill] = replace(
                    prior, rank=lower[skill], lowered_by=role, lowered_from=prior.lowered_from or prior.rank
                )
        for skill, data in graph.out_edges(role, "requires"):  # one read of each edge
            importance = str(data.get("importance", "essential"))
            if importance != "essential" and not include_optional:
                continue
            rank, stated = int(data.get("proficiency") or 1), bool(data.get("stated", True))
            prior = found.get(skill)
            if prior is None or rank > prior.rank or (rank == prior.rank and stated and not prior.stated):
                if prior is not None and prior.importance == "essential":
                    importance = "essential"
                found[skill] = Requirement(skill, rank, role, role != key, importance, stated)
            elif importance == "essential" and prior.importance != "essential":
                found[skill] = replace(prior, importance="essential")
    result = {s: replace(r, inherited=r.asked_by != key) for s, r in found.items()}
    memo[(key, include_optional)] = result
    return result


def ladder_problems(graph: SkillGraph) -> list[str]:
    """Return one line per place where the ladder asks less than it says, or contradicts itself.

    - a role's own requirement below the level the role it builds on already asks;
    - a relaxation of a skill the role does not inherit, or of a prerequisite of a skill it
      still requires (knowing that skill implies its prerequisites);
    - a seniority level that does not rise along a progression;
    - effort estimates per level that do not rise with the level.
    """
    problems = []
    label = graph.label
    for key in graph.nodes(LADDER_TYPES):
        before = predecessor(graph, key)
        inherited = effective_requirements(graph, before) if before else {}
        relaxed = relaxations(graph, key)
        for skill, rank in graph.requirements(key).items():
            below = inherited.get(skill)
            if below is not None and rank < below.rank and skill not in relaxed:
                problems.append(
                    f"{label(key)} asks {label(skill)} at {graph.level_label(rank)}, "
                    f"below the {graph.level_label(below.rank)} that "
                    f"{label(below.asked_by)} asks: drop it, or relax it explicitly"
                )
        still = effective_requirements(graph, key)
        needed = {p for skill in still for p in graph.all_prerequisites(skill)}
        lower = lowered(graph, key)
        for skill in relaxed:
            if skill not in inherited:
                problems.append(f"{label(key)} relaxes {label(skill)}, which it does not inherit")
            elif skill in lower:
                if lower[skill] >= inherited[skill].rank:
                    problems.append(
                        f"{label(key)} lowers {label(skill)} to {graph.level_label(lower[skill])}, "
                        f"not below the {graph.level_label(inherited[skill].rank)} it inherits"
                    )
            elif skill in needed:
                problems.append(
                    f"{label(key)} relaxes {label(skill)}, a prerequisite of a skill it still requires"
                )
        for source, _ in graph.in_edges(key, "progresses_to"):
            if before is not None and source != before and source not in ladder_chain(graph, before):
                problems.append(
                    f"{label(key)} is reached from {label(source)} and from {label(before)}, "
                    "but neither builds on the other"
                )
        level = graph.node(key).get("level")
        for after, _ in graph.out_edges(key, "progresses_to"):
            next_level = graph.node(after).get("level")
            if level is not None and next_level is not None and next_level <= level:
                problems.append(
                    f"{label(key)} (level {level}) progresses to {label(after)} (level {next_level})"
                )
    for key in graph.nodes("skill"):
        hours = [h for _, h in graph.node(key).get("effort", ())]
        if any(b <= a for a, b in itertools.pairwise(hours)):
            problems.append(f"{label(key)}: the hours to reach each level must rise with the level")
    return sorted(problems)
