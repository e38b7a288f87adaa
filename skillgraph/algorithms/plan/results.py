"""What a gap and a learning plan hold: plain, displayable results with ``to_dict()``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.algorithms.profile import UNSTATED
from skillgraph.algorithms.steps import SkillItem, builds_on_dicts
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph

__all__ = [
    "Gap",
    "GapItem",
    "LearningPlan",
    "NodeRef",
    "PlanItem",
    "Stage",
    "have_rows",
]


@dataclass(frozen=True)
class NodeRef:
    """A node as results name it."""

    key: str
    id: str
    label: str
    type: str

    @classmethod
    def of(cls, graph: SkillGraph, key: str) -> NodeRef:
        attrs = graph.node(key)
        return cls(key=key, id=attrs["id"], label=graph.label(key), type=attrs["type"])

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "iri": self.key, "label": self.label, "type": self.type}


def have_rows(graph: SkillGraph, have: Mapping[str, int]) -> tuple[dict[str, Any], ...]:
    rows = []
    for key in sorted(have, key=graph.order_key):
        rank = have[key]
        stated = rank if rank < UNSTATED else None
        rows.append(
            {
                "id": graph.node(key)["id"],
                "iri": key,
                "label": graph.label(key),
                "level": stated,
                "level_label": None if stated is None else graph.level_label(rank),
            }
        )
    return tuple(rows)


def _item_dict(item: SkillItem, labels: Mapping[int, str]) -> dict[str, Any]:
    return {
        "id": item.id,
        "iri": item.key,
        "label": item.label,
        "category": item.category,
        "proficiency": item.proficiency,
        "proficiency_label": item.proficiency_label,
        "current": item.current,
        "current_label": labels.get(item.current) if item.current else None,
        "status": "raise" if item.current else "new",
        "alternatives": list(item.alternatives),
        "effort_hours": item.effort_hours,
        "learned_by": item.learned_by,
    }


def _gap_dict(item: GapItem, labels: Mapping[int, str]) -> dict[str, Any]:
    return {
        "builds_on": builds_on_dicts(item),
        "learned_to": item.learned_to or None,
        "learned_to_label": labels.get(item.learned_to) if item.learned_to else None,
        "prerequisite_of": list(item.needed_for) if item.learned_to else [],
    }


@dataclass(frozen=True)
class GapItem(SkillItem):
    """A requirement of a gap. ``learned_to`` is the level a plan learns it to when that is
    above the level asked: the rank another requirement needs of it as a prerequisite (the
    labels of those requirements in ``needed_for``); 0 when the level asked is the level learned.
    """

    learned_to: int = 0

    @property
    def met(self) -> bool:
        """True when the level asked is held, and the item is listed for ``learned_to`` only."""
        return self.current >= self.proficiency


@dataclass(frozen=True)
class Gap(Displayable):
    """The requirements of ``target`` that ``have`` does not meet, in the target's order."""

    target: NodeRef
    items: tuple[GapItem, ...]
    have: tuple[dict[str, Any], ...] = ()
    proficiency_labels: tuple[tuple[int, str], ...] = ()

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<Gap {self.target.label}: {self.missing} requirements not met>"

    @property
    def met(self) -> bool:
        """True when nothing is missing."""
        return not self.items

    @property
    def missing(self) -> int:
        """How many requirements are not held at the level asked (the rest are raised further)."""
        return sum(1 for item in self.items if not item.met)

    def by_category(self) -> dict[str, list[GapItem]]:
        """Return the items grouped by category (sorted; uncategorised last)."""
        groups: dict[str, list[GapItem]] = {}
        for item in sorted(self.items, key=lambda i: (i.category is None, i.category or "", i.label)):
            groups.setdefault(item.category or "uncategorised", []).append(item)
        return groups

    def to_dict(self) -> dict[str, Any]:
        """Return the gap as plain data; the keys are documented in ``docs/plan.md``."""
        labels = dict(self.proficiency_labels)
        return {
            "target": self.target.to_dict(),
            "have": list(self.have),
            "met": self.met,
            "missing": self.missing,
            "categories": [
                {
                    "category": name,
                    "skills": [_item_dict(i, labels) | _gap_dict(i, labels) for i in items],
                }
                for name, items in self.by_category().items()
            ],
        }


@dataclass(frozen=True)
class PlanItem(SkillItem):
    """A skill of a learning plan: learn it (``current`` 0) or raise it to ``proficiency``.

    ``after`` holds the keys of the plan items to learn first, ``satisfies`` the
    keys of the skill choices it was picked for, ``covers`` the labels of the skills it covers
    that the plan therefore leaves out (or learns after it from a level: "Debugging to
    intermediate"), ``stage`` its stage (1 first), ``taught_to`` the level another planned item
    teaches it to, from which its hours count (0: none).
    """

    stage: int = 1
    after: tuple[str, ...] = ()
    satisfies: tuple[str, ...] = ()
    taught_to: int = 0  # the level another planned item teaches it to: its hours start there

    @property
    def status(self) -> str:
        """``new`` for a skill not known at all, ``raise`` for one known at a lower level."""
        return "raise" if self.current else "new"


@dataclass(frozen=True)
class Stage:
    """Plan items that can be learned side by side: their prerequisites are in earlier stages."""

    number: int
    items: tuple[PlanItem, ...]

    @property
    def effort_hours(self) -> float:
        """The study hours of this stage: new skills to their level, raises from the level held."""
        return sum(i.effort_hours or 0.0 for i in self.items)

    @property
    def unestimated(self) -> int:
        """How many new skills of this stage have no effort estimate."""
        return sum(1 for i in self.items if i.learned_by != "practice" and i.effort_hours is None)

    @property
    def practice(self) -> tuple[PlanItem, ...]:
        """The items of this stage learned by practice on the job: time, not study hours."""
        return tuple(i for i in self.items if i.learned_by == "practice")


@dataclass(frozen=True)
class LearningPlan(Displayable):
    """A learning plan towards ``target``: stages of skills, each after its prerequisites."""

    target: NodeRef
    objective: str
    optimal: bool
    stages: tuple[Stage, ...]
    choices: tuple[tuple[NodeRef, NodeRef], ...] = ()
    have: tuple[dict[str, Any], ...] = ()
    proficiency_labels: tuple[tuple[int, str], ...] = ()

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        found = "optimal" if self.optimal else "best found"
        return (
            f"<LearningPlan {self.target.label} ({self.objective}, {found}): {self.new_count} new, "
            f"{self.raise_count} raised in {len(self.stages)} stages, {self.effort_hours:.0f} h>"
        )

    @property
    def items(self) -> list[PlanItem]:
        """Every item, in learning order (stage by stage)."""
        return [item for stage in self.stages for item in stage.items]

    @property
    def met(self) -> bool:
        """True when the target's requirements are already met: nothing to learn."""
        return not self.stages

    @property
    def new_count(self) -> int:
        """How many skills are new (the ``count`` objective)."""
        return sum(1 for i in self.items if i.status == "new")

    @property
    def raise_count(self) -> int:
        """How many known skills are to be raised to a higher level."""
        return sum(1 for i in self.items if i.status == "raise")

    @property
    def effort_hours(self) -> float:
        """The estimated hours of the new skills."""
        return sum(stage.effort_hours for stage in self.stages)

    @property
    def unestimated(self) -> int:
        """How many new skills have no effort estimate."""
        return sum(stage.unestimated for stage in self.stages)

    @property
    def practice(self) -> tuple[PlanItem, ...]:
        """The items learned by practice on the job (leadership, communication...)."""
        return tuple(i for stage in self.stages for i in stage.practice)

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as plain data; the keys are documented in ``docs/plan.md``."""
        labels = dict(self.proficiency_labels)
        ids = {item.key: item.id for item in self.items}
        unlocks: dict[str, list[str]] = {}
        for item in self.items:
            for before in item.after:
                unlocks.setdefault(before, []).append(item.id)

        def item_dict(item: PlanItem) -> dict[str, Any]:
            data = _item_dict(item, labels)
            data.update(
                reason=item.reason,
                stage=item.stage,
                prerequisites=[ids[k] for k in item.after],
                needed_for=unlocks.get(item.key, []),
                satisfies=[self._choice_id(k) for k in item.satisfies],
                covers=list(item.covers),
                taught_to=item.taught_to or None,
            )
            return data

        return {
            "target": self.target.to_dict(),
            "objective": self.objective,
            "optimal": self.optimal,
            "met": self.met,
            "have": list(self.have),
            "choices": [{"choice": c.to_dict(), "picked": p.to_dict()} for c, p in self.choices],
            "summary": {
                "skills": len(self.items),
                "new": self.new_count,
                "raise": self.raise_count,
                "stages": len(self.stages),
                "effort_hours": self.effort_hours,
                "unestimated": self.unestimated,
                "practice": len(self.practice),
            },
            "stages": [
                {
                    "stage": stage.number,
                    "effort_hours": stage.effort_hours,
                    "skills": [item_dict(item) for item in stage.items],
                }
                for stage in self.stages
            ],
            "order": [item.id for item in self.items],
        }

    def _choice_id(self, key: str) -> str:
        return next((c.id for c, _ in self.choices if c.key == key), key)
