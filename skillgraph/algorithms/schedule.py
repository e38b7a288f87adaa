"""A learning plan laid over the calendar at a weekly budget of study hours.

Study items are taken in the plan's order (stage by stage, so each after its
prerequisites) and given consecutive study time at ``hours_per_week`` (spread evenly over
the seven days of a week): an item starts when the one before it ends, so it never starts
before its prerequisites are learned. Items without an estimate take no study time and
are flagged. Skills learned by practice are not study: they are shown as ongoing practice,
from the day their prerequisites are learned to the end of the schedule.

>>> import datetime, skillgraph
>>> from skillgraph.algorithms.plan import plan
>>> g = skillgraph.load()
>>> p = plan(g, g.resolve("junior"), {g.resolve("python"): 2})
>>> s = schedule(p, hours_per_week=10, start=datetime.date(2026, 1, 5))
>>> s.entries[0].start
datetime.date(2026, 1, 5)
>>> all(e.start >= s.start for e in s.entries), s.end >= s.start
(True, True)
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from skillgraph.algorithms.plan.results import LearningPlan, PlanItem
from skillgraph.errors import InputError


@dataclass(frozen=True)
class Entry:
    """One plan item on the calendar: ``start`` to ``end`` (both included)."""

    item: PlanItem
    start: datetime.date
    end: datetime.date
    hours: float | None
    practice: bool

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
        }


@dataclass(frozen=True)
class Schedule:
    """A plan on the calendar: study entries in order, then practice entries."""

    plan: LearningPlan
    hours_per_week: float
    start: datetime.date
    end: datetime.date
    entries: tuple[Entry, ...]

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7 + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.plan.target.to_dict(),
            "hours_per_week": self.hours_per_week,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": self.weeks,
            "entries": [e.to_dict() for e in self.entries],
        }


def schedule(plan: LearningPlan, *, hours_per_week: float, start: datetime.date | None = None) -> Schedule:
    """Return ``plan`` laid over the weeks from ``start`` (default today) at ``hours_per_week``."""
    if not hours_per_week > 0 or math.isinf(hours_per_week):
        raise InputError(f"hours per week must be a positive number, not {hours_per_week:g}")
    start = start or datetime.date.today()
    per_day = hours_per_week / 7.0
    done_at: dict[str, float] = {}  # item key -> study hours elapsed when it is learned
    elapsed = 0.0
    study: list[Entry] = []
    practice: list[PlanItem] = []

    def day(hours: float) -> datetime.date:
        try:
            return start + datetime.timedelta(days=math.floor(hours / per_day + 1e-9))
        except OverflowError:
            raise InputError(
                f"at {hours_per_week:g} hours a week from {start.isoformat()} the plan runs past the "
                "last day of the calendar (9999-12-31): start earlier or give more hours a week"
            ) from None

    for item in plan.items:
        if item.learned_by == "practice":
            practice.append(item)
            done_at[item.key] = max((done_at.get(k, 0.0) for k in item.after), default=0.0)
            continue
        hours = item.effort_hours
        begin = elapsed
        elapsed += hours or 0.0
        done_at[item.key] = elapsed
        last = day(elapsed) - datetime.timedelta(days=1) if hours else day(begin)
        study.append(Entry(item, day(begin), max(last, day(begin)), hours, False))
    firsts = {item.key: day(done_at[item.key]) for item in practice}
    last_day = max([start, *(e.end for e in study), *firsts.values()])
    entries = list(study)
    for item in practice:  # ongoing from the day it can start to the end of the schedule
        entries.append(Entry(item, firsts[item.key], last_day, None, True))
    return Schedule(plan, hours_per_week, start, last_day, tuple(entries))
