"""What a person knows, all of it: the skills they name and everything those are built on.

Knowing a skill at some level implies knowing its prerequisites, transitively (and, for
an alternative of a skill choice such as Python for "a backend language", the choice's
prerequisites too): at the same level, up to intermediate, and never below foundational.
Someone who works independently with Python (intermediate) works independently with the
programming fundamentals it is built on; an expert in Kubernetes is not thereby an expert
in Linux. Every answer (paths, plans, gaps, next steps) starts from this closure, so none
asks a person for what they already know.

>>> import skillgraph
>>> g = skillgraph.load()
>>> known = implied(g, {g.resolve("python"): 4})
>>> known[g.resolve("python")], known[g.resolve("programming fundamentals")]
(4, 2)
>>> implied(g, {g.resolve("python"): 1})[g.resolve("programming fundamentals")]
1
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph


#: The highest level a prerequisite is implied at (intermediate).
IMPLIED_CAP = 2


def implied_level(rank: int) -> int:
    """Return the level a prerequisite is implied at by knowing a skill at ``rank``.

    >>> [implied_level(r) for r in (1, 2, 3, 4, 99)]
    [1, 2, 2, 2, 2]
    """
    return max(1, min(rank, IMPLIED_CAP))


def implied(graph: SkillGraph, have: Mapping[str, int]) -> dict[str, int]:
    """Return ``have`` (skill -> level rank) with every prerequisite it implies.

    A level stated in ``have`` is never lowered; an implied level is the highest any known
    skill implies (:func:`implied_level`).
    """
    known = {skill: rank for skill, rank in have.items() if rank > 0}
    stack = list(known)
    while stack:
        skill = stack.pop()
        level = implied_level(known[skill])
        for prereq in graph.needs.get(skill, ()):
            if known.get(prereq, 0) < level:
                known[prereq] = level
                stack.append(prereq)
    return known
