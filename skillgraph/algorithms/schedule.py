"""A learning plan laid over the calendar at a weekly budget of study hours.

Study items are taken stage by stage (so each after its prerequisites), what the learner is
already learning first within its stage. Skills are learned side by side: up to
:data:`SIDE_BY_SIDE` at once, as many as the hours a week give each at least
:data:`HOURS_PER_SKILL` (spread evenly over the seven days of a week); each takes its study
hours at its share of the budget and starts when a place is free and its prerequisites are
learned. Items without an estimate take no study time and are flagged. Skills learned by
practice are not study: they are recurring practice from the day their prerequisites are
learned to the end of the schedule. When the schedule runs past the years people typically
work before the target (see :attr:`Schedule.overrun`), it says so.

>>> import datetime, skillgraph
>>> from skillgraph.algorithms.plan import plan
>>> g = skillgraph.load()
>>> p = plan(g, g.resolve("junior"), {g.resolve("python"): 2})
>>> s = schedule(p, hours_per_week=10, start=datetime.date(2026, 1, 5))
>>> s.entries[0].start, s.side_by_side
(datetime.date(2026, 1, 5), 3)
>>> all(e.start >= s.start for e in s.entries), s.end >= s.start
(True, True)
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skillgraph.algorithms.plan.results import LearningPlan, PlanItem
from skillgraph.errors import InputError
from skillgraph.model.display import Displayable

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "HOURS_PER_SKILL",
    "SIDE_BY_SIDE",
    "Entry",
    "Schedule",
    "schedule",
    "side_by_side",
]

#: The fewest study hours a week worth giving one skill: below twice this, one skill at a time.
HOURS_PER_SKILL = 3.0
#: The most skills learned side by side.
SIDE_BY_SIDE = 3


@dataclass(frozen=True)
class Entry:
    """One plan item on the calendar: ``start`` to ``end`` (both included)."""

    item: PlanItem
    start: datetime.date
    end: datetime.date
    hours: float | None
    practice: bool
    learning: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item.id,
            "iri": self.item.key,
            "label": self.item.label,
            "proficiency": self.item.proficiency,
            "proficiency_label": self.item.proficiency_label,
            "stage": self.item.stage,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "hours": self.hours,
            "kind": "practice" if self.practice else ("study" if self.hours is not None else "unestimated"),
            "learning": self.learning,
        }


@dataclass(frozen=True)
class Schedule(Displayable):
    """A plan on the calendar: study entries by start date, then practice entries.

    ``typical_years`` are the years people typically work before the target role (None
    when the ladder does not say).
    """

    plan: LearningPlan
    hours_per_week: float
    start: datetime.date
    end: datetime.date
    entries: tuple[Entry, ...]
    side_by_side: int = 1
    typical_years: tuple[float, float] | None = None

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return (
            f"<Schedule {self.plan.target.label}: {len(self.entries)} entries, "
            f"{self.hours_per_week:g} h a week, {self.start} to {self.end}>"
        )

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7 + 1

    @property
    def years(self) -> float:
        """How many years the schedule takes."""
        return ((self.end - self.start).days + 1) / 365.25

    @property
    def overrun(self) -> str | None:
        """A warning when the schedule takes longer than people typically work before the target."""
        if self.typical_years is None or self.years <= self.typical_years[1]:
            return None
        low, high = self.typical_years
        return (
            f"at {self.hours_per_week:g} h a week this takes {self.years:.1f} years, past the "
            f"{low:g}-{high:g} years people typically work before {self.plan.target.label}: "
            "much of it is learned on the job in the roles on the way, or with more hours a week"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.plan.target.to_dict(),
            "hours_per_week": self.hours_per_week,
            "side_by_side": self.side_by_side,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": self.weeks,
            "years": round(self.years, 2),
            "typical_years": list(self.typical_years) if self.typical_years else None,
            "warning": self.overrun,
            "entries": [e.to_dict() for e in self.entries],
        }


def side_by_side(hours_per_week: float) -> int:
    """Return how many skills to learn at once at ``hours_per_week``.

    >>> [side_by_side(h) for h in (2, 5, 6, 10, 40)]
    [1, 1, 2, 3, 3]
    """
    return max(1, min(SIDE_BY_SIDE, math.floor(hours_per_week / HOURS_PER_SKILL)))


def _order(plan: LearningPlan, learning: Collection[str]) -> list[PlanItem]:
    """The plan's items stage by stage, what the learner is learning first within a stage."""
    return [
        item
        for stage in plan.stages
        for item in sorted(stage.items, key=lambda i: i.key not in learning)  # stable: plan order kept
    ]


def schedule(
    plan: LearningPlan,
    *,
    hours_per_week: float,
    start: datetime.date | None = None,
    learning: Collection[str] = (),
    graph: SkillGraph | None = None,
) -> Schedule:
    """Return ``plan`` laid over the weeks from ``start`` (default today) at ``hours_per_week``.

    ``learning`` holds the skills the learner is learning now (they come first in their
    stage); with ``graph``, the schedule knows the years people typically work before the
    target (the years of the roles on the way, as ``path`` counts them).
    """
    if not hours_per_week > 0 or math.isinf(hours_per_week):
        raise InputError(f"hours per week must be a positive number, not {hours_per_week:g}")
    start = start or datetime.date.today()
    places = side_by_side(hours_per_week)
    per_day = hours_per_week / 7.0 / places  # each skill learned side by side gets its share
    done_at: dict[str, float] = {}  # item key -> days elapsed when it is learned
    free = [0.0] * places  # days elapsed when each place is free again
    study: list[Entry] = []
    practice: list[PlanItem] = []

    def day(days: float) -> datetime.date:
        try:
            return start + datetime.timedelta(days=math.floor(days + 1e-9))
        except OverflowError:
            raise InputError(
                f"at {hours_per_week:g} hours a week from {start.isoformat()} the plan runs past the "
                "last day of the calendar (9999-12-31): start earlier or give more hours a week"
            ) from None

    for item in _order(plan, learning):
        ready = max((done_at.get(k, 0.0) for k in item.after), default=0.0)
        if item.learned_by == "practice":
            practice.append(item)
            done_at[item.key] = ready
            continue
        hours = item.effort_hours
        begin = max(heapq.heappop(free), ready)
        finish = begin + (hours or 0.0) / per_day
        heapq.heappush(free, finish)
        done_at[item.key] = finish
        last = day(finish) - datetime.timedelta(days=1) if hours else day(begin)
        study.append(Entry(item, day(begin), max(last, day(begin)), hours, False, item.key in learning))
    study.sort(key=lambda e: (e.start, not e.learning))
    end = max([e.end for e in study], default=start)
    firsts = [(item, day(done_at[item.key])) for item in practice]
    last_day = max([end, *(first for _, first in firsts)])
    entries = [*study, *(Entry(i, first, last_day, None, True, i.key in learning) for i, first in firsts)]
    typical = _typical_years(graph, plan)
    return Schedule(plan, hours_per_week, start, last_day, tuple(entries), places, typical)


def _typical_years(graph: SkillGraph | None, plan: LearningPlan) -> tuple[float, float] | None:
    """The years people typically work before the plan's target, as ``path`` counts them."""
    if graph is None:
        return None
    from skillgraph.algorithms.paths import career_path
    from skillgraph.model.ladder import ladder_chain

    target = plan.target.key
    return career_path(graph, ladder_chain(graph, target)[-1], target).years
