"""What to learn next towards a target, and what learning one skill opens up.

*Useful* skills are the closure of the target's unmet effective requirements under
prerequisites: a requirement not met is needed at the rank asked (a skill choice through the
alternatives already held in part, which are raised as a plan does; else through those whose
own prerequisites, beyond the choice's, are held; else through every alternative, since any
may be the one learned), and
to learn a skill at
rank ``r`` its prerequisites (:attr:`SkillGraph.needs`) are needed at ``implied_level(r)``
unless already held there. The *frontier* is the useful skills, choices aside, not known at
the rank needed whose every prerequisite is already held at the implied level: what can be
started now. Each is ranked by what it brings: requirements it meets, skills it unblocks
(whose last missing prerequisite it is), then fewer hours.

The explorer's learner mode computes the same frontier in the browser
(``skillgraph/explorer/static/learner.js``); a test checks they agree exactly.

>>> import skillgraph
>>> g = skillgraph.load()
>>> steps = next_steps(g, g.resolve("junior"), {})
>>> all(not g.needs.get(s.key) for s in steps.items)  # from nothing: skills with no prerequisite
True
>>> bool(steps.items[0].meets or steps.items[0].unblocks)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from skillgraph.algorithms.knowledge import held, implied, implied_level
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements

__all__ = [
    "NextStep",
    "NextSteps",
    "frontier",
    "next_steps",
    "rank_key",
    "stands_for",
    "startable",
    "unmet_requirements",
    "useful",
]


def unmet_requirements(graph: SkillGraph, target: str, known: Mapping[str, int]) -> dict[str, int]:
    """Return the effective requirements of ``target`` that ``known`` does not meet: skill -> rank."""
    return {
        skill: req.rank
        for skill, req in effective_requirements(graph, target).items()
        if held(graph, skill, known) < req.rank
    }


def useful(graph: SkillGraph, demands: Mapping[str, int], known: Mapping[str, int]) -> dict[str, int]:
    """Return every skill (and choice) on the way to ``demands``, with the highest rank needed.

    ``known`` must be closed under :func:`~skillgraph.algorithms.knowledge.implied`.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> need = useful(g, {g.resolve("backend language"): 2}, {})
    >>> need[g.resolve("python")], need[g.resolve("programming fundamentals")]
    (2, 2)
    >>> g.resolve("java") in need  # it needs object-oriented programming first; Python does not
    False
    """
    need: dict[str, int] = {}
    stack = [(skill, rank) for skill, rank in demands.items()]
    while stack:
        skill, rank = stack.pop()
        if need.get(skill, 0) >= rank or held(graph, skill, known) >= rank:
            continue
        need[skill] = rank
        # a choice is met through the alternatives already held in part (raised, as a plan
        # does: no new skill), else through those that can be started now, else any of them
        alternatives = graph.choices.get(skill, ())
        partial = [alt for alt in alternatives if held(graph, alt, known) > 0]
        shared = set(graph.needs.get(skill, ()))  # what the choice needs of any alternative
        ready = [
            alt
            for alt in alternatives
            if all(
                p in shared or held(graph, p, known) >= implied_level(rank) for p in graph.needs.get(alt, ())
            )
        ]
        count = graph.choice_count(skill)
        pool = partial if len(partial) >= count else [*partial, *(a for a in ready if a not in partial)]
        stack.extend((alt, rank) for alt in (pool if len(pool) >= count else alternatives))
        level = implied_level(rank)
        stack.extend((prereq, level) for prereq in graph.needs.get(skill, ()))
    return need


def startable(graph: SkillGraph, skill: str, rank: int, known: Mapping[str, int]) -> bool:
    """True when every prerequisite of ``skill`` is held at the level learning it at ``rank`` needs."""
    level = implied_level(rank)
    return all(held(graph, p, known) >= level for p in graph.needs.get(skill, ()))


@dataclass(frozen=True)
class NextStep:
    """A skill one can start now, at ``rank``, and what it brings towards the target."""

    key: str
    id: str
    label: str
    rank: int
    rank_label: str
    current: int
    hours: float | None
    learned_by: str
    meets: tuple[str, ...] = ()  # labels of the target's other requirements it meets
    unblocks: tuple[str, ...] = ()  # labels of the useful skills it is the last missing prerequisite of
    status: str | None = None  # from the profile: learning (in progress) or None
    required: str | None = None  # the level the target asks of this skill itself, if it does
    opens: tuple[str, ...] = ()  # labels of the skills on the way that build on it
    value: int = 0  # how much of the way ahead it opens (see :func:`next_steps`)
    met_by: tuple[str, ...] = ()  # labels of the steps ranked above it that meet it too
    one_of: str | None = None  # the label of the skill choice on the way it is one way to meet

    @property
    def step(self) -> str:
        """What this is one way to take: its skill choice (the ways to meet one are one step), or itself."""
        return self.one_of or self.key

    @property
    def why(self) -> str:
        """One line on why this skill is worth learning now: what of the way ahead it opens."""
        parts = []
        if self.required:
            parts.append(f"required at {self.required}")
        if self.met_by:
            parts.append("met too by learning " + _listing(self.met_by) + " above")
        if self.meets:
            parts.append("meets " + _listing(self.meets))
        if self.opens:
            parts.append(
                f"opens {len(self.opens)} skill{'s' if len(self.opens) > 1 else ''} on the way: "
                + _listing(self.opens)
            )
        if not parts:
            parts.append("a prerequisite on the way")
        if self.learned_by == "practice":
            parts.append("learned by practice")
        elif self.hours is not None:
            parts.append(f"{self.hours:g} h")
        if self.status == "learning":
            parts.insert(0, "in progress")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "iri": self.key,
            "label": self.label,
            "proficiency": self.rank,
            "proficiency_label": self.rank_label,
            "current": self.current,
            "effort_hours": self.hours,
            "learned_by": self.learned_by,
            "required": self.required,
            "meets": list(self.meets),
            "opens": list(self.opens),
            "unblocks": list(self.unblocks),
            "met_by": list(self.met_by),
            "one_of": self.one_of,
            "value": self.value,
            "status": self.status,
            "why": self.why,
        }


def _listing(labels: tuple[str, ...], most: int = 3) -> str:
    shown = ", ".join(labels[:most])
    return shown + (f" and {len(labels) - most} more" if len(labels) > most else "")


@dataclass(frozen=True)
class NextSteps(Displayable):
    """The frontier towards ``target``: every skill one can start now, best first."""

    target: str
    target_label: str
    items: tuple[NextStep, ...]
    remaining: int  # unmet requirements of the target
    total: int  # effective requirements of the target
    skipped: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<NextSteps towards {self.target_label}: {len(self.items)} of {self.remaining} unmet>"

    @property
    def met(self) -> bool:
        return self.remaining == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": {"iri": self.target, "label": self.target_label},
            "met": self.met,
            "requirements": {"total": self.total, "unmet": self.remaining},
            "next": [item.to_dict() for item in self.items],
            "skipped": list(self.skipped),
        }


def frontier(graph: SkillGraph, target: str, known: Mapping[str, int]) -> dict[str, int]:
    """Return the skills one can start now towards ``target``: skill -> rank to reach.

    ``known`` is skill -> rank as stated; what it implies is added here.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> python = g.resolve("python")
    >>> python in frontier(g, g.resolve("junior"), {g.resolve("programming fundamentals"): 2})
    True
    """
    return _ahead(graph, target, implied(graph, known))[2]


def _ahead(
    graph: SkillGraph, target: str, known: Mapping[str, int]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The unmet requirements of ``target``, every skill on the way to them, and those of
    them one can start now (each: skill -> rank). ``known`` is closed under ``implied``."""
    unmet = unmet_requirements(graph, target, known)
    need = useful(graph, unmet, known)
    front = {s: r for s, r in need.items() if s not in graph.choices and startable(graph, s, r, known)}
    return unmet, need, front


def next_steps(
    graph: SkillGraph,
    target: str,
    have: Mapping[str, int],
    *,
    skipped: Iterable[str] = (),
    learning: Iterable[str] = (),
    top: int | None = None,
) -> NextSteps:
    """Return what one can start now towards ``target``, best first (see the module).

    ``skipped`` are skills the learner chose not to learn (left out), ``learning`` those in
    progress (flagged). Ranking, as a coach ranks first steps: by how much of the way ahead
    a skill opens, its *value*: the level the target asks of each requirement learning it
    meets (a skill asked at intermediate weighs two), plus one for each unmet requirement
    that builds on it (directly or not); then a skill the target asks for itself before one
    that is only a prerequisite, more requirements met, fewer hours, the label. Skills
    learned by practice come after those one can study now: they grow on the job.
    """
    known = implied(graph, have)
    unmet, need, front = _ahead(graph, target, known)
    left_aside = set(skipped)
    blocked = [s for s in need if s not in graph.choices and s not in front]
    # an alternative on the way only as one way to meet a choice is named by that choice
    # ("Serverless functions platform", not AWS Lambda and Azure Functions each)
    as_asked = {
        alt: choice
        for choice in need
        for alt in stands_for(graph, choice)
        if alt in need and alt not in unmet
    }
    in_progress = set(learning)
    items = []
    meeting: dict[str, set[str]] = {}  # skill -> the requirements learning it meets
    for skill, rank in front.items():
        if skill in left_aside:
            continue
        after = implied(graph, {**known, skill: max(rank, known.get(skill, 0))})
        met = {r: asked for r, asked in unmet.items() if held(graph, r, after) >= asked}
        meeting[skill] = set(met) - {skill}
        meets = sorted((graph.label(r) for r in met if r != skill), key=str.casefold)
        ahead = sorted(
            {
                graph.label(as_asked.get(s, s))
                for s in need
                if s != skill and s not in graph.choices and skill in graph.all_prerequisites(s)
            },
            key=str.casefold,
        )
        opens = sorted(
            (graph.label(b) for b in blocked if startable(graph, b, need[b], after)), key=str.casefold
        )
        attrs = graph.node(skill)
        current = known.get(skill, 0)
        items.append(
            NextStep(
                key=skill,
                id=attrs["id"],
                label=graph.label(skill),
                rank=rank,
                rank_label=graph.level_label(rank),
                current=current,
                hours=graph.hours(skill, current, rank),
                learned_by=attrs.get("learned_by", "study"),
                meets=tuple(meets),
                unblocks=tuple(opens),
                status="learning" if skill in in_progress else None,
                required=graph.level_label(unmet[skill]) if skill in unmet else None,
                opens=tuple(ahead),
                one_of=graph.label(as_asked[skill]) if skill in as_asked else None,
                value=sum(met.values())
                + sum(1 for s in need if s in unmet and skill in graph.all_prerequisites(s)),
            )
        )
    items.sort(key=lambda i: rank_key(graph, i))
    # a requirement that a step ranked above it meets as well says so: learning that one is enough
    items = [
        replace(
            item,
            met_by=tuple(a.label for a in items[:at] if item.key in meeting[a.key]),
        )
        for at, item in enumerate(items)
    ]
    return NextSteps(
        target=target,
        target_label=graph.label(target),
        items=tuple(_best(items, top)),
        remaining=len(unmet),
        total=len(effective_requirements(graph, target)),
        skipped=tuple(sorted(graph.label(s) for s in left_aside & set(front))),
    )


def _best(items: list[NextStep], top: int | None) -> list[NextStep]:
    """The items of the ``top`` best steps, the ways to meet one skill choice counting as one."""
    if not top:
        return items
    first = set(list(dict.fromkeys(item.step for item in items))[:top])
    return [item for item in items if item.step in first]


def stands_for(graph: SkillGraph, choice: str) -> tuple[str, ...]:
    """Return the alternatives of ``choice`` that a next step names by the choice when they are
    on the way only as ways to meet it: all of them when it asks for fewer than all, else none
    (each is then needed itself).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> g.resolve("python") in stands_for(g, g.resolve("backend language"))
    True
    """
    alternatives = graph.choices.get(choice, ())
    return tuple(alternatives) if graph.choice_count(choice) < len(alternatives) else ()


def rank_key(graph: SkillGraph, item: NextStep) -> tuple[Any, ...]:
    """The order of :func:`next_steps`: what of the way ahead a skill opens first, then hours,
    then label; practice after study."""
    estimated = item.hours is not None and item.learned_by != "practice"
    return (
        item.learned_by == "practice",
        -item.value,
        item.required is None,
        -len(item.meets),
        not estimated,
        item.hours if estimated else 0.0,
        *graph.order_key(item.key),
    )
