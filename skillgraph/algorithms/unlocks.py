"""What learning one skill opens up: the skills it is the last missing prerequisite of, and
the roles it brings closer.

Learning a skill at a level means knowing its prerequisites (at the implied level) first, so
what it opens up is measured from there: from what was known plus those prerequisites, to
that plus the skill (:func:`~skillgraph.algorithms.knowledge.implied` of each). A skill is
*unlocked* when it is not known, could not be started before (some prerequisite missing at
the foundational level) and can be started after: the skill was its last missing prerequisite. A role
is *brought closer* when more of its effective requirements are met afterwards.

>>> import skillgraph
>>> g = skillgraph.load()
>>> opened = unlocks(g, g.resolve("programming fundamentals"))
>>> "Python" in [s.label for s in opened.skills]
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.algorithms.frontier import startable, unmet_requirements
from skillgraph.algorithms.knowledge import held, implied, implied_level
from skillgraph.algorithms.plan.results import NodeRef
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES

__all__ = [
    "RoleGain",
    "Unlocks",
    "unlocks",
]


@dataclass(frozen=True)
class RoleGain:
    """A role and how many of its effective requirements are met before and after."""

    role: NodeRef
    before: int
    after: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        return self.role.to_dict() | {"met_before": self.before, "met_after": self.after, "total": self.total}


@dataclass(frozen=True)
class Unlocks(Displayable):
    """What learning ``skill`` at ``rank`` opens up for someone who knows ``have``."""

    skill: NodeRef
    rank: int
    rank_label: str
    skills: tuple[NodeRef, ...]
    roles: tuple[RoleGain, ...]
    known_already: bool = False

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return (
            f"<Unlocks {self.skill.label} ({self.rank_label}): "
            f"{len(self.skills)} skills, {len(self.roles)} roles>"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill.to_dict(),
            "proficiency": self.rank,
            "proficiency_label": self.rank_label,
            "known_already": self.known_already,
            "skills": [s.to_dict() for s in self.skills],
            "roles": [r.to_dict() for r in self.roles],
        }


def unlocks(
    graph: SkillGraph, skill: str, have: Mapping[str, int] | None = None, *, rank: int = 1
) -> Unlocks:
    """Return what learning ``skill`` at ``rank`` opens up, from ``have`` (or from nothing).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> u = unlocks(g, g.resolve("docker"), rank=2)
    >>> any(gain.after > gain.before for gain in u.roles)
    True
    """
    # a skill is started once its prerequisites are known: what it opens up is measured from
    # there, so a skill is listed only when ``skill`` itself is its last missing prerequisite
    start = dict(have or {})
    for prereq in graph.needs.get(skill, ()):
        start[prereq] = max(start.get(prereq, 0), implied_level(rank))
    before = implied(graph, start)
    after = implied(graph, {**before, skill: max(rank, before.get(skill, 0))})
    opened = [
        key
        for key in graph.nodes("skill")
        if key not in graph.choices
        and key != skill
        and held(graph, key, after) == 0
        and graph.needs.get(key)
        and not startable(graph, key, 1, before)
        and startable(graph, key, 1, after)
    ]
    gains = []
    for role in graph.nodes(LADDER_TYPES):
        total = len(effective_requirements(graph, role))
        was = total - len(unmet_requirements(graph, role, before))
        now = total - len(unmet_requirements(graph, role, after))
        if now > was:
            gains.append(RoleGain(NodeRef.of(graph, role), was, now, total))
    gains.sort(key=lambda g: (-(g.after - g.before), g.role.label.casefold()))
    return Unlocks(
        skill=NodeRef.of(graph, skill),
        rank=rank,
        rank_label=graph.level_label(rank),
        skills=tuple(NodeRef.of(graph, k) for k in opened),
        roles=tuple(gains),
        known_already=held(graph, skill, before) >= rank,
    )
