"""What a plan search needs of a graph, computed once per graph: prerequisites, effort, choices."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from skillgraph.model.graph import SkillGraph
from skillgraph.model.indexes import index

__all__ = [
    "PlanIndex",
    "plan_index",
]


@dataclass(frozen=True)
class PlanIndex:
    """What the planner reads from a graph, built once per graph.

    ``prerequisites`` are the *effective* prerequisites (:attr:`SkillGraph.needs`): a
    skill's own, plus those of every skill choice it is an alternative of. ``effort``
    holds, per skill, the cumulative study hours (in hundredths) to reach each level
    rank; a study skill without an estimate counts as the median estimate of the
    graph's study skills at that level, a skill learned by practice as 0 (its time is
    experience, not study). Skill choices are left out: they are never learned as such.
    """

    prerequisites: dict[str, tuple[str, ...]]
    effort: dict[str, dict[int, int]]
    default_effort: dict[int, int]
    practice: frozenset[str]
    parents: dict[str, tuple[str, ...]]  # alternative -> the skill choices it belongs to

    def cost(self, skill: str, start: int, end: int) -> int:
        """Hundredths of study hours to take ``skill`` from level rank ``start`` to ``end``."""
        if end <= start or skill in self.practice:
            return 0
        levels = self.effort.get(skill, self.default_effort)
        top = max(levels, default=0)

        def at(rank: int) -> int:
            return 0 if rank <= 0 else levels.get(min(rank, top), 0)

        return max(0, at(end) - at(start))


def plan_index(graph: SkillGraph) -> PlanIndex:
    """Return the :class:`PlanIndex` of ``graph``, built once and kept beside its cached view.

    It reads every node, so on a large import (ESCO's 19,000 nodes) building it takes
    longer than reading it back; only the commands that plan pay for either.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> plan_index(g) is plan_index(g)
    True
    >>> plan_index(g).cost(g.resolve("git"), 0, 1) > 0
    True
    """
    return index(graph, "plan", lambda: _build_index(graph), kept="apart")


def _build_index(graph: SkillGraph) -> PlanIndex:
    parents: dict[str, list[str]] = {}
    for choice, alts in graph.choices.items():
        for alt in alts:
            parents.setdefault(alt, []).append(choice)
    estimates: dict[str, dict[int, int]] = {}
    practice = set()
    for key, attrs in graph.nx.nodes(data=True):
        if attrs.get("type") != "skill" or key in graph.choices:
            continue
        if attrs.get("learned_by") == "practice":
            practice.add(key)
        elif attrs.get("effort"):
            estimates[key] = {rank: round(float(hours) * 100) for rank, hours in attrs["effort"]}
    by_rank: dict[int, list[int]] = {}
    for levels in estimates.values():
        for rank, hundredths in levels.items():
            by_rank.setdefault(rank, []).append(hundredths)
    default = {rank: round(statistics.median(values)) for rank, values in sorted(by_rank.items())}
    return PlanIndex(
        prerequisites=graph.needs,
        effort=estimates,
        default_effort=default,
        practice=frozenset(practice),
        parents={k: tuple(v) for k, v in parents.items()},
    )
