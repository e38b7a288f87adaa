"""Progress towards a target, step by step along the ladder: what is done and what is left.

The steps are the career path from the first role of the target's ladder to the target,
computed from nothing (:func:`~skillgraph.algorithms.paths.career_path`), so every skill
the ladder asks appears once, at the step that first asks it. Each is *done* when what the
learner knows (with everything it implies) meets the level asked, otherwise *learning*,
*skipped* (as the profile says) or *left*. Hours left are what the same path walked by
this learner (``career_path(..., have=...)``, what ``skillgraph path FIRST TARGET --have ...``
prints) counts for the skill at that step: from the level held, or from the level an
earlier step already asks, never twice; for a skill choice, the alternative the learner
already holds is the one raised, and the tick names it ("Backend programming language:
Go"). So the hours left add up to that command's figure.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = progress(g, g.resolve("senior"), {g.resolve("python"): 3})
>>> [s.label for s in p.steps][-1], p.done > 0, p.left > 0
('Senior Backend Developer', True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.algorithms.knowledge import held, implied
from skillgraph.algorithms.paths import career_path
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import ladder_chain

__all__ = [
    "Progress",
    "StepProgress",
    "Tick",
    "ladder_start",
    "progress",
    "started_alternatives",
]


@dataclass(frozen=True)
class Tick:
    """A skill a step asks, and where the learner stands with it."""

    key: str
    id: str
    label: str
    proficiency: int
    proficiency_label: str
    held: int
    status: str  # done, learning, skipped or left
    hours_left: float | None
    learned_by: str
    chosen: tuple[str, ...] = ()  # for a skill choice: the alternatives the learner has started
    chosen_labels: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "iri": self.key,
            "label": self.label,
            "chosen": [
                {"iri": k, "label": lab} for k, lab in zip(self.chosen, self.chosen_labels, strict=True)
            ],
            "proficiency": self.proficiency,
            "proficiency_label": self.proficiency_label,
            "held": self.held,
            "status": self.status,
            "hours_left": self.hours_left,
            "learned_by": self.learned_by,
        }


@dataclass(frozen=True)
class StepProgress:
    """A role on the way and the state of each skill it adds."""

    key: str
    label: str
    skills: tuple[Tick, ...]

    @property
    def done(self) -> int:
        return sum(1 for t in self.skills if t.status == "done")

    @property
    def hours_left(self) -> float:
        return sum(t.hours_left or 0.0 for t in self.skills if t.status in ("left", "learning"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": self.key,
            "label": self.label,
            "done": self.done,
            "total": len(self.skills),
            "hours_left": self.hours_left,
            "skills": [t.to_dict() for t in self.skills],
        }


@dataclass(frozen=True)
class Progress(Displayable):
    """Every step from the bottom of the ladder to ``target``, with what is done and left."""

    target: str
    target_label: str
    steps: tuple[StepProgress, ...]

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<Progress towards {self.target_label}: {self.done} of {self.total} skills>"

    @property
    def done(self) -> int:
        return sum(s.done for s in self.steps)

    @property
    def total(self) -> int:
        return sum(len(s.skills) for s in self.steps)

    @property
    def left(self) -> int:
        return self.total - self.done

    @property
    def hours_left(self) -> float:
        return sum(s.hours_left for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": {"iri": self.target, "label": self.target_label},
            "done": self.done,
            "total": self.total,
            "hours_left": self.hours_left,
            "steps": [s.to_dict() for s in self.steps],
        }


def ladder_start(graph: SkillGraph, target: str) -> str:
    """Return the first role of the ladder ``target`` is on (itself when nothing comes before).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> g.label(ladder_start(g, g.resolve("lead")))
    'Junior Backend Developer'
    """
    return ladder_chain(graph, target)[-1]


def started_alternatives(graph: SkillGraph, key: str, known: Mapping[str, int]) -> tuple[str, ...]:
    """Return the alternatives of the choice ``key`` the learner knows at some level, best first.

    As many as the choice counts (one of, two of...); nothing for a skill that is not a choice.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> [g.label(k) for k in started_alternatives(g, g.resolve("backend language"), {g.resolve("go"): 2})]
    ['Go']
    """
    ranked = sorted(
        (k for k in graph.alternatives(key) if known.get(k, 0) > 0),
        key=lambda k: (-known[k], graph.label(k)),
    )
    return tuple(ranked[: graph.choice_count(key)])


def progress(
    graph: SkillGraph,
    target: str,
    have: Mapping[str, int],
    *,
    learning: Iterable[str] = (),
    skipped: Iterable[str] = (),
) -> Progress:
    """Return the progress of someone who knows ``have`` towards ``target`` (see the module)."""
    known = implied(graph, have)
    start = ladder_start(graph, target)
    path = career_path(graph, start, target)
    in_progress, left_aside = set(learning), set(skipped)
    # the same steps, walked by this learner (a choice at the alternative being learned)
    ahead = career_path(graph, start, target, have=have, learning=in_progress)
    steps = []
    for step, walked in zip(path.steps, ahead.steps, strict=True):
        cost = {item.key: item.effort_hours for item in walked.skills}
        ticks = []
        for item in step.skills:
            rank = held(graph, item.key, known)
            started = started_alternatives(graph, item.key, known)
            learned = tuple(k for k in graph.alternatives(item.key) if k in in_progress and k in cost)
            if rank >= item.proficiency:
                status = "done"
            elif item.key in in_progress or learned:  # a choice: one of its alternatives
                status = "learning"
            elif item.key in left_aside:
                status = "skipped"
            else:
                status = "left"
            started = started or learned
            hours = None
            if status != "done":  # the skill, or the alternative of a choice the learner raises
                hours = next((cost[k] for k in (item.key, *graph.alternatives(item.key)) if k in cost), None)
            ticks.append(
                Tick(
                    key=item.key,
                    id=item.id,
                    label=item.label,
                    proficiency=item.proficiency,
                    proficiency_label=item.proficiency_label,
                    held=rank,
                    status=status,
                    hours_left=hours,
                    learned_by=item.learned_by,
                    chosen=started,
                    chosen_labels=tuple(graph.label(k) for k in started),
                )
            )
        steps.append(StepProgress(step.key, step.label, tuple(ticks)))
    return Progress(target, graph.label(target), tuple(steps))
