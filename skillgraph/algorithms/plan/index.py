"""What a plan search needs of a graph, computed once per graph: prerequisites, effort, choices."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from skillgraph.model.graph import SkillGraph


@dataclass(frozen=True)
class PlanIndex:
    """What the planner reads from a graph, built once per graph.

    ``prerequisites`` are the *effective* prerequisites: a skill's own, plus those
    of every skill choice it is an alternative of (a choice's prerequisites apply
    to whichever alternative is learned). ``effort`` is in hundredths of hours,
    a skill without an estimate counting as the median estimate of the graph's
    skills (skill choices left out: they are never learned as such).
    """

    prerequisites: dict[str, tuple[str, ...]]
    effort: dict[str, int]
    default_effort: int
    parents: dict[str, tuple[str, ...]]  # alternative -> the skill choices it belongs to
    labels: dict[str, str]
    order: dict[str, tuple[str, str]]  # key -> sort key (folded label, key)


def plan_index(graph: SkillGraph) -> PlanIndex:
    """Return the (memoised) :class:`PlanIndex` of ``graph``."""
    found = graph.__dict__.get("_plan_index")
    if found is None:
        found = graph.__dict__["_plan_index"] = _build_index(graph)
    return found


def _build_index(graph: SkillGraph) -> PlanIndex:
    own: dict[str, list[str]] = {}
    for u, v, rel in graph.nx.edges(keys=True):
        if rel == "has_prerequisite":
            own.setdefault(u, []).append(v)
    parents: dict[str, list[str]] = {}
    for choice, alts in graph.choices.items():
        for alt in alts:
            parents.setdefault(alt, []).append(choice)

    effective: dict[str, tuple[str, ...]] = {}

    def collect(key: str, seen: frozenset[str]) -> tuple[str, ...]:
        if key in effective:
            return effective[key]
        found = dict.fromkeys(own.get(key, ()))
        for choice in parents.get(key, ()):
            if choice not in seen:
                found.update(dict.fromkeys(collect(choice, seen | {key})))
        found.pop(key, None)
        result = tuple(found)
        if not seen:
            effective[key] = result
        return result

    for key in sorted({*own, *parents}):
        effective[key] = collect(key, frozenset())
    estimates = {
        key: round(float(attrs["effort_hours"]) * 100)
        for key, attrs in graph.nx.nodes(data=True)
        if attrs.get("effort_hours") is not None and attrs.get("type") == "skill" and key not in graph.choices
    }
    default = round(statistics.median(estimates.values())) if estimates else 0
    labels = {key: graph.label(key) for key in graph.nx}
    return PlanIndex(
        prerequisites={k: v for k, v in effective.items() if v},
        effort=estimates,
        default_effort=default,
        parents={k: tuple(v) for k, v in parents.items()},
        labels=labels,
        order={key: (label.casefold(), key) for key, label in labels.items()},
    )
