"""From the search's choice of skills to a plan in stages, each skill after its prerequisites."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import networkx as nx

from skillgraph.algorithms.knowledge import implied_level
from skillgraph.algorithms.plan.results import LearningPlan, NodeRef, PlanItem, Stage, have_rows
from skillgraph.algorithms.plan.search import Planner
from skillgraph.errors import ValidationError
from skillgraph.model.graph import SkillGraph

__all__ = [
    "assemble",
]


def assemble(
    graph: SkillGraph,
    target: str,
    known: Mapping[str, int],
    requirements: Mapping[str, int],
    chosen: Mapping[str, int],
    decided: Mapping[str, tuple[str, ...]],
    objective: str,
    planner: Planner,
    *,
    have: Mapping[str, int],
    unstated: Collection[str] = (),
    covered: Mapping[str, str] | None = None,
    first: Mapping[str, tuple[int, str]] | None = None,
    partly: Mapping[str, tuple[int, str]] | None = None,
) -> LearningPlan:
    """Lay the chosen items out in stages. ``have`` is what the learner said they know; a
    requirement in ``unstated`` (asked with no level) keeps that label at the lowest level;
    ``covered`` maps a plan item to the planned item that covers it: it is left out of the
    plan and listed in that item's ``covers``; ``first`` maps an item learned only to a first
    level, as a prerequisite, to that level and the item that teaches the rest; ``partly`` maps
    an item another planned item teaches below the level planned to that level and that item: it
    is learned after it, from that level."""
    partly = dict(partly or {})
    labels = graph.proficiency_labels
    covering = dict(covered or {})
    # an item another planned item covers is learned with that one: left out, named in its
    # ``covers``, and what builds on it comes after the item that teaches it
    chosen = {key: rank for key, rank in chosen.items() if key not in covering}

    def provider(skill: str, rank: int = 1, depth: int = 0) -> str | None:
        """The plan item that meets ``skill`` at ``rank`` (for a choice, its picked alternative)."""
        if planner.is_met(skill, rank) or depth > len(decided):
            return None
        if skill in planner.choices:
            picked = decided.get(skill)
            return provider(picked[0], rank, depth + 1) if picked else None
        if skill in covering:
            return covering[skill]
        return skill if skill in chosen else None

    def picks(choice: str, depth: int = 0) -> list[str]:
        """The concrete skills a decided choice comes down to."""
        if choice not in decided or depth > len(decided):
            return [choice]
        return [key for alt in decided[choice] for key in picks(alt, depth + 1)]

    order = graph.order_key
    after: dict[str, list[str]] = {}
    unlocks: dict[str, list[str]] = {}
    taught: dict[str, list[str]] = {}  # an item and what it covers of the plan
    for skill, by in covering.items():
        taught.setdefault(by, []).append(skill)
    for key in chosen:
        befores = set()
        # what the covered items need comes before the item that teaches them
        needed = [
            *planner.prerequisites.get(key, ()),
            *(
                prereq
                for skill in taught.get(key, ())
                for prereq in planner.prerequisites.get(skill, ())
                if key not in graph.all_prerequisites(prereq)
            ),
            *((partly[key][1],) if key in partly else ()),
        ]
        for prereq in needed:
            found = provider(prereq, implied_level(chosen[key]))
            if found is not None and found != key:
                befores.add(found)
        after[key] = sorted(befores, key=order)
        for before in befores:
            unlocks.setdefault(before, []).append(key)
    satisfies: dict[str, list[str]] = {}
    for choice in decided:
        for key in picks(choice):
            satisfies.setdefault(key, []).append(choice)
    covers = {by: [graph.label(skill) for skill in skills] for by, skills in taught.items()}
    for skill, (rank, by) in (first or {}).items():
        covers.setdefault(by, []).append(f"{graph.label(skill)} beyond {graph.level_label(rank)}")
    for skill, (rank, by) in partly.items():
        covers.setdefault(by, []).append(f"{graph.label(skill)} to {graph.level_label(rank)}")
    required = {
        key
        for skill, rank in requirements.items()
        for key in (picks(skill) if skill in decided else [provider(skill, rank)])
    }
    required = {covering.get(key, key) for key in required if key is not None}
    stage = _stages(graph, after)

    nodes, name = graph.nx.nodes, graph.label
    items: dict[int, list[PlanItem]] = {}
    for key in sorted(chosen, key=order):
        rank = chosen[key]
        attrs = nodes[key]
        current = known.get(key, 0)
        items.setdefault(stage[key], []).append(
            PlanItem(
                key=key,
                id=attrs["id"],
                label=name(key),
                category=attrs.get("category"),
                proficiency=rank,
                proficiency_label=graph.level_label(
                    rank, stated=not (key in unstated and rank == 1 and key in required)
                ),
                current=current,
                reason="required" if key in required else "prerequisite",
                needed_for=tuple(sorted(name(k) for k in unlocks.get(key, ()))),
                alternatives=(),
                effort_hours=graph.hours(key, max(current, partly.get(key, (0, ""))[0]), rank),
                taught_to=partly.get(key, (0, ""))[0],
                learned_by=attrs.get("learned_by", "study"),
                stage=stage[key],
                after=tuple(after[key]),
                satisfies=tuple(sorted(satisfies.get(key, ()))),
                covers=tuple(sorted(covers.get(key, ()), key=str.casefold)),
            )
        )
    stages = tuple(Stage(number=n, items=tuple(items[n])) for n in sorted(items))
    picked = tuple(
        (NodeRef.of(graph, choice), NodeRef.of(graph, alt))
        for choice, alts in sorted(decided.items(), key=lambda pair: graph.order_key(pair[0]))
        for alt in alts
    )
    return LearningPlan(
        target=NodeRef.of(graph, target),
        objective=objective,
        optimal=planner.exact,
        stages=stages,
        choices=picked,
        have=have_rows(graph, have),
        proficiency_labels=tuple(sorted(labels.items())),
    )


def _stages(graph: SkillGraph, after: Mapping[str, list[str]]) -> dict[str, int]:
    """Return each item's stage: 1 + the longest chain of plan prerequisites below it."""
    order = nx.DiGraph()
    order.add_nodes_from(after)
    order.add_edges_from((before, key) for key, befores in after.items() for before in befores)
    try:
        return {
            key: number for number, keys in enumerate(nx.topological_generations(order), 1) for key in keys
        }
    except nx.NetworkXUnfeasible:
        stuck = sorted(graph.label(k) for k in set().union(*nx.simple_cycles(order)))
        raise ValidationError(
            [f"prerequisite cycle (through skill choices) among {', '.join(stuck)}"]
        ) from None
