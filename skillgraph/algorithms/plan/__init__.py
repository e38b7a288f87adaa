"""Personal learning plans: the gap to a target role, and the smallest plan that closes it.

*What a target requires* is its effective requirements: its own (``sg:requirement``:
skill and proficiency) plus those of the role it builds on, at the higher level, minus
explicit relaxations (:func:`skillgraph.model.ladder.effective_requirements`). *What a
person knows* is what they say plus everything it implies: the prerequisites of a known
skill are known at least at the foundational level
(:func:`skillgraph.algorithms.knowledge.implied`). A requirement is *met* when the
skill, or for a skill choice any one of its alternatives, is known at the proficiency
asked (:func:`skillgraph.algorithms.paths.is_satisfied`). Effort is per level: taking a
skill from one level to the next costs the hours between the two.

:func:`gap` lists the requirements not met. :func:`plan` finds the smallest set
of skills to learn or raise so that every requirement is met and every
prerequisite of a plan item is known or in the plan, and orders it in stages.
The optimisation criterion and the algorithm are described in ``docs/plan.md``.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = plan(g, g.resolve("junior"), {g.resolve("java"): 3})
>>> "Python" in [item.label for item in p.items], p.optimal
(False, True)
>>> p.stages[0].number, all(i.stage == 1 for i in p.stages[0].items)
(1, True)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Final

from skillgraph.algorithms.knowledge import (
    covered_items,
    held,
    implied,
    implied_level,
    is_satisfied,
    learned_first,
    taught_in_part,
)
from skillgraph.algorithms.plan.assembly import assemble
from skillgraph.algorithms.plan.index import PlanIndex, plan_index
from skillgraph.algorithms.plan.results import Gap, GapItem, LearningPlan, NodeRef, PlanItem, Stage, have_rows
from skillgraph.algorithms.plan.search import Planner
from skillgraph.algorithms.steps import SkillItem, builds_on_labels, skills_to_acquire
from skillgraph.errors import InputError
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES

#: What :func:`plan` can minimise.
OBJECTIVES: Final = ("count", "effort")

#: Search states explored before the search settles for the best plan found so far.
DEFAULT_BUDGET: Final = 20_000


def check_target(graph: SkillGraph, target: str) -> None:
    """Raise :class:`~skillgraph.errors.InputError` unless ``target`` is a role or specialization."""
    if target not in graph or graph.node(target)["type"] not in LADDER_TYPES:
        raise InputError(
            f"'{graph.label(target) if target in graph else target}' is not a role or specialization"
        )


def target_requirements(graph: SkillGraph, target: str, *, include_optional: bool = False) -> dict[str, int]:
    """Return the effective requirements of role or specialization ``target``: skill -> rank.

    Essential requirements only unless ``include_optional``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> len(target_requirements(g, g.resolve("senior"))) > len(target_requirements(g, g.resolve("junior")))
    True
    """
    check_target(graph, target)
    return {
        skill: req.rank
        for skill, req in effective_requirements(graph, target, include_optional=include_optional).items()
    }


def unstated_requirements(
    graph: SkillGraph, target: str, *, include_optional: bool = False
) -> frozenset[str]:
    """Return the requirements of ``target`` whose source states no level (any level meets them).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> unstated_requirements(g, g.resolve("senior"))
    frozenset()
    """
    found = effective_requirements(graph, target, include_optional=include_optional)
    return frozenset(skill for skill, req in found.items() if not req.stated)


def _raising(graph: SkillGraph, skill: str, learned: Mapping[str, SkillItem]) -> tuple[str, ...]:
    """The labels of the items of ``learned`` that need ``skill`` at the level it is learned to."""
    level = learned[skill].proficiency
    return tuple(
        sorted(
            item.label
            for item in learned.values()
            if skill in graph.needs.get(item.key, ()) and implied_level(item.proficiency) >= level
        )
    )


def gap(
    graph: SkillGraph,
    target: str,
    have: Mapping[str, int] | None = None,
    *,
    include_optional: bool = False,
    learning: Collection[str] = (),
) -> Gap:
    """Return what role or specialization ``target`` requires that ``have`` does not meet.

    A choice none of whose alternatives is held is counted at one being learned (``learning``).

    ``have`` maps skill keys to the proficiency rank held. A requirement held at
    a lower level is listed with ``current`` the rank held.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> d = gap(g, g.resolve("junior"), {g.resolve("python"): 1})
    >>> item = next(i for i in d.items if i.label == "Backend programming language")
    >>> item.current, item.proficiency_label
    (1, 'intermediate')
    >>> sql = next(i for i in gap(g, g.resolve("junior")).items if i.label == "SQL databases")
    >>> sql.proficiency_label, g.level_label(sql.learned_to), sql.needed_for
    ('foundational', 'intermediate', ('SQL',))
    """
    check_target(graph, target)
    known = implied(graph, have or {})
    labels = graph.proficiency_labels
    unstated = unstated_requirements(graph, target, include_optional=include_optional)
    asked = target_requirements(graph, target, include_optional=include_optional)
    wanted = {skill: rank for skill, rank in asked.items() if not is_satisfied(graph, skill, rank, known)}
    learned = {item.key: item for item in skills_to_acquire(graph, wanted, known, learning=learning)}
    # a choice is learned as the alternative path and progress count for it (held in part, or
    # building on what is known when it costs less than a typical one, or no more when it is the
    # only one): its hours are that one's
    as_picked = {item.for_choice: item for item in learned.values() if item.for_choice}
    items = []
    for skill, rank in asked.items():
        raised = learned[skill] if skill in learned and learned[skill].proficiency > rank else None
        if skill not in wanted and raised is None:
            continue  # met, and learned no further
        attrs = graph.node(skill)
        current = held(graph, skill, known)
        items.append(
            GapItem(
                key=skill,
                id=attrs["id"],
                label=graph.label(skill),
                category=attrs.get("category"),
                proficiency=rank,
                proficiency_label=graph.level_label(rank, stated=skill not in unstated),
                current=current,
                alternatives=tuple(graph.label(a) for a in graph.alternatives(skill)),
                builds_on=builds_on_labels(graph, skill, known),
                effort_hours=as_picked[graph.label(skill)].effort_hours
                if graph.label(skill) in as_picked and raised is None
                else graph.hours(skill, current, raised.proficiency if raised else rank),
                learned_by=attrs.get("learned_by", "study"),
                choose=graph.choice_count(skill),
                learned_to=raised.proficiency if raised else 0,
                needed_for=_raising(graph, skill, learned) if raised else (),
            )
        )
    items.sort(key=lambda i: graph.order_key(i.key))
    return Gap(
        target=NodeRef.of(graph, target),
        items=tuple(items),
        have=have_rows(graph, dict(have or {})),
        proficiency_labels=tuple(sorted(labels.items())),
    )


def plan(
    graph: SkillGraph,
    target: str,
    have: Mapping[str, int] | None = None,
    *,
    optimize: str = "count",
    budget: int = DEFAULT_BUDGET,
    include_optional: bool = False,
    learning: Collection[str] = (),
    skipped: Collection[str] = (),
) -> LearningPlan:
    """Return the learning plan from ``have`` (skill -> rank) to role or specialization ``target``.

    ``optimize`` is ``count`` (fewest new skills, then least effort) or
    ``effort`` (least estimated effort, then fewest new skills). The result is
    optimal (``.optimal``) unless the search met ``budget`` explored states, in
    which case it is the best plan found, still valid and closed under prerequisites.
    Only essential requirements are planned for unless ``include_optional``. A skill choice is
    met through an alternative in ``learning`` (being learned) as through one held in part, and
    never through one in ``skipped`` (chosen not to be learned) while others remain.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> p = plan(g, g.resolve("devops"), {g.resolve("linux"): 1}, optimize="effort")
    >>> {"Backend programming language", "Cloud platform"} <= {c.label for c, _ in p.choices}
    True
    >>> next(i for i in p.items if i.id == "linux").status
    'raise'
    """
    if optimize not in OBJECTIVES:
        raise InputError(f"unknown objective '{optimize}' (use {' or '.join(OBJECTIVES)})")
    check_target(graph, target)
    known = implied(graph, have or {})
    requirements = target_requirements(graph, target, include_optional=include_optional)
    planner = Planner(graph, plan_index(graph), known, optimize, budget, learning=learning, skipped=skipped)
    chosen, decided = planner.run(requirements)
    covered = covered_items(graph, chosen)  # learned with the item covering them: left out
    first = learned_first(graph, {k: r for k, r in chosen.items() if k not in covered})
    chosen = {k: first[k][0] if k in first else r for k, r in chosen.items()}
    # a prerequisite learned first only in part that is already held that far: nothing to learn
    chosen = {k: r for k, r in chosen.items() if k not in first or held(graph, k, known) < r}
    partly = taught_in_part(graph, chosen, known)  # learned after the item teaching it in part
    unstated = unstated_requirements(graph, target, include_optional=include_optional)
    return assemble(
        graph,
        target,
        known,
        requirements,
        chosen,
        decided,
        optimize,
        planner,
        have=dict(have or {}),
        unstated=unstated,
        covered=covered,
        first=first,
        partly=partly,
    )


__all__ = [
    "DEFAULT_BUDGET",
    "OBJECTIVES",
    "Gap",
    "LearningPlan",
    "NodeRef",
    "PlanIndex",
    "PlanItem",
    "Stage",
    "check_target",
    "gap",
    "plan",
    "plan_index",
    "target_requirements",
    "unstated_requirements",
]
