"""A learning plan laid over the calendar at a weekly budget of study hours.

Study items are taken stage by stage (so each after its prerequisites), what the learner is
already learning first within its stage. Skills are learned side by side: up to
:data:`SIDE_BY_SIDE` at once, as many as the hours a week give each at least
:data:`HOURS_PER_SKILL` (spread evenly over the seven days of a week); they start in the plan's
order when a place is free and their prerequisites are learned, and share the week's hours
evenly, so the whole budget goes to the skills being learned, however few. Items without an
estimate take no study time and are flagged. Skills learned by practice are not study: they are
recurring practice from the day their prerequisites are learned to the end of the schedule.
When the schedule runs past the years people typically work before the target (see
:attr:`Schedule.overrun`), it says so.

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
    """The plan's items stage by stage; within a stage, what the learner is learning first, then
    what more of the plan builds on (directly or not), as ``next`` ranks what opens most: a
    beginner starts with programming fundamentals, not with what nothing else needs."""
    items = [item for stage in plan.stages for item in stage.items]
    below: dict[str, set[str]] = {item.key: set() for item in items}  # item -> the items built on it
    for item in reversed(items):  # a stage's items come after their prerequisites' stages
        for before in item.after:
            if before in below:
                below[before] |= {item.key, *below[item.key]}
    return [
        item
        for stage in plan.stages
        for item in sorted(stage.items, key=lambda i: (i.key not in learning, -len(below[i.key])))
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
    budget = hours_per_week / 7.0  # study hours a day, shared by the skills being learned
    everything = _order(plan, learning)
    practice = [item for item in everything if item.learned_by == "practice"]
    order = [item for item in everything if item.learned_by != "practice"]
    by_key = {item.key: item for item in everything}
    done_at: dict[str, float] = {}  # item key -> days elapsed when it is learned
    begun: dict[str, float] = {}
    left: dict[str, float] = {}  # the skills being learned -> study hours left
    study: list[Entry] = []

    def day(days: float) -> datetime.date:
        try:
            return start + datetime.timedelta(days=math.floor(days + 1e-9))
        except OverflowError:
            raise InputError(
                f"at {hours_per_week:g} hours a week from {start.isoformat()} the plan runs past the "
                "last day of the calendar (9999-12-31): start earlier or give more hours a week"
            ) from None

    def learned(key: str) -> float | None:
        """When ``key`` is learned (a practice skill: when what it builds on is), or None: not yet."""
        if key not in by_key:
            return 0.0
        if by_key[key].learned_by != "practice":
            return done_at.get(key)
        after = [learned(k) for k in by_key[key].after]
        return None if None in after else max([0.0, *(a for a in after if a is not None)])

    now, head = 0.0, 0
    while head < len(order) or left:
        # start skills in the order of the plan while a place is free and the next one's
        # prerequisites are learned (unestimated ones take no study time)
        while head < len(order) and len(left) < places:
            item = order[head]
            if left and any(learned(k) is None for k in item.after):
                break
            if item.effort_hours:
                begun[item.key], left[item.key] = now, item.effort_hours
            else:
                done_at[item.key] = now
                study.append(Entry(item, day(now), day(now), item.effort_hours, False, item.key in learning))
            head += 1
        if not left:
            continue
        # the week's hours are shared evenly by the skills being learned: on to the next finish
        first = min(left, key=left.__getitem__)
        spent = left.pop(first)
        now += spent / (budget / (len(left) + 1))
        for key in left:
            left[key] -= spent
        done_at[first] = now
        last = max(day(now) - datetime.timedelta(days=1), day(begun[first]))
        study.append(
            Entry(
                by_key[first], day(begun[first]), last, by_key[first].effort_hours, False, first in learning
            )
        )
    study.sort(key=lambda e: (e.start, not e.learning))
    end = max([e.end for e in study], default=start)
    firsts = [(item, day(learned(item.key) or 0.0)) for item in practice]
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
