"""The steps of a career path: the skills a role adds to what a learner knows, and the
results paths and transitions return (see :mod:`skillgraph.algorithms.paths`).

A step lists what a role effectively requires (see :mod:`skillgraph.model.ladder`) that is
not yet known, with the prerequisites of those skills, each after its prerequisites. A skill
held at a lower proficiency appears again with the higher one asked, and costs the hours
between the two levels. A skill choice counts as known when any one of its alternatives is
(as many of them as it asks for).

>>> import skillgraph
>>> g = skillgraph.load()
>>> items = role_skills(g, g.resolve("junior"), {})
>>> items[0].key in g and all(i.proficiency >= 1 for i in items)
True
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx

from skillgraph.algorithms.knowledge import (
    building_on,
    covered_items,
    held,
    implied,
    implied_level,
    is_satisfied,
    learned_first,
    taught_in_part,
)
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements

__all__ = [
    "CareerPath",
    "RoleStep",
    "SkillItem",
    "StartRole",
    "in_role",
    "role_skills",
    "skills_to_acquire",
]


@dataclass(frozen=True)
class SkillItem:
    """A skill to acquire on a step, at the proficiency rank ``proficiency``."""

    key: str
    id: str
    label: str
    category: str | None
    proficiency: int
    proficiency_label: str
    current: int = 0
    reason: str = "required"
    needed_for: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    effort_hours: float | None = None
    learned_by: str = "study"
    choose: int = 1  # for a skill choice: how many of the alternatives it asks for
    covers: tuple[str, ...] = ()  # labels of the skills learned with this one, left out for it
    builds_on: tuple[tuple[str, str], ...] = ()  # for a choice: (alternative, pick it builds on), labels
    for_choice: str | None = None  # the label of the skill choice this alternative is learned for


@dataclass(frozen=True)
class RoleStep:
    """A role on a career path and the skills it adds."""

    key: str
    id: str
    label: str
    type: str
    level: int | None
    skills: tuple[SkillItem, ...] = ()
    years: tuple[float, float] | None = None

    @classmethod
    def of(cls, graph: SkillGraph, key: str, skills: tuple[SkillItem, ...] = ()) -> RoleStep:
        """The step of role (or specialization) ``key`` of ``graph``, adding ``skills``."""
        attrs = graph.node(key)
        return cls(
            key=key,
            id=attrs["id"],
            label=attrs["label"],
            type=attrs["type"],
            level=attrs.get("level"),
            skills=skills,
            years=attrs.get("years"),
        )

    @property
    def effort_hours(self) -> float:
        """The study hours of this step's skills (practice skills and unestimated ones count 0)."""
        return sum(item.effort_hours or 0.0 for item in self.skills)

    @property
    def practice(self) -> tuple[SkillItem, ...]:
        """The skills of this step learned by practice on the job, not by study."""
        return tuple(item for item in self.skills if item.learned_by == "practice")


@dataclass(frozen=True)
class StartRole:
    """The role a path starts from when the learner holds it: its requirements count as known.

    ``hours`` is the study it takes from what was given (or from nothing), ``assumed`` the
    skills it asks that the given knowledge lacked (all of them when nothing was given).
    """

    hours: float
    assumed: tuple[str, ...] = ()


@dataclass(frozen=True)
class CareerPath(Displayable):
    """The roles from ``source`` to ``target`` with the skills of each step.

    ``kind`` is ``ladder`` (a chain of progressions) or ``transition`` (no chain joins the
    two roles: a direct move, scored ``score`` by :mod:`skillgraph.algorithms.transitions`).
    """

    source: str
    target: str
    steps: tuple[RoleStep, ...]
    have: tuple[str, ...] = field(default=())
    kind: str = "ladder"
    score: float | None = None
    start: StartRole | None = None

    def __repr__(self) -> str:
        """A short form: the roles and the hours; ``str`` gives the whole answer."""
        roles = " -> ".join(step.label for step in self.steps)
        return f"<CareerPath {self.kind} {roles}: {self.effort_hours:.0f} h>"

    @property
    def effort_hours(self) -> float:
        """The study hours of the whole path."""
        return sum(step.effort_hours for step in self.steps)

    @property
    def years(self) -> tuple[float, float] | None:
        """Typical years of experience before the target: the years spent in each earlier role."""
        spans = [step.years for step in self.steps[:-1]]
        if not spans or any(span is None for span in spans):
            return None
        return (sum(s[0] for s in spans if s), sum(s[1] for s in spans if s))

    def to_dict(self) -> dict[str, Any]:
        """Return the path as plain data; its keys are documented in ``docs/cli.md``."""
        first, last = self.steps[0], self.steps[-1]
        return {
            "from": {"id": first.id, "iri": first.key, "label": first.label},
            "to": {"id": last.id, "iri": last.key, "label": last.label},
            "kind": self.kind,
            "transition_score": None if self.score is None else round(self.score, 4),
            "have": list(self.have),
            "effort_hours": self.effort_hours,
            "typical_years": list(self.years) if self.years else None,
            "start_counted_as_known": None
            if self.start is None
            else {"hours_from_given": self.start.hours, "assumed": list(self.start.assumed)},
            "steps": [
                {
                    "id": step.id,
                    "iri": step.key,
                    "label": step.label,
                    "type": step.type,
                    "level": step.level,
                    "effort_hours": step.effort_hours,
                    "typical_years_in_role": list(step.years) if step.years else None,
                    "skills": [
                        {
                            k: (list(v) if isinstance(v, tuple) else v)
                            for k, v in asdict(item).items()
                            if k != "key"
                        }
                        | {"iri": item.key, "builds_on": builds_on_dicts(item)}
                        for item in step.skills
                    ],
                }
                for step in self.steps
            ],
        }


def builds_on_labels(graph: SkillGraph, key: str, known: Mapping[str, int]) -> tuple[tuple[str, str], ...]:
    """Return ``(alternative, pick)`` labels: the alternatives of choice ``key`` building on a pick.

    See :func:`~skillgraph.algorithms.knowledge.building_on`.
    """
    return tuple(
        (graph.label(alt), graph.label(pick))
        for alt, picks in building_on(graph, key, known).items()
        for pick in picks
    )


def builds_on_dicts(item: SkillItem) -> list[dict[str, str]]:
    """The alternatives of a choice that build on what the learner picked, as JSON objects.

    >>> builds_on_dicts(SkillItem("k", "k", "Framework", None, 2, "intermediate", builds_on=(("Gin", "Go"),)))
    [{'alternative': 'Gin', 'builds_on': 'Go'}]
    """
    return [{"alternative": alt, "builds_on": pick} for alt, pick in item.builds_on]


def _hours(graph: SkillGraph, skill: str, known: Mapping[str, int], rank: int) -> float:
    """The study hours from what is held of ``skill`` to ``rank`` (practice and unknown: none)."""
    return graph.hours(skill, held(graph, skill, known), rank) or 0.0


def skills_to_acquire(
    graph: SkillGraph,
    wanted: Mapping[str, int],
    known: Mapping[str, int],
    *,
    learning: Collection[str] = (),
) -> list[SkillItem]:
    """Return what ``wanted`` (skill -> rank) adds to ``known``, prerequisites first.

    A choice is met by the alternative held in part, else by one being learned (``learning``),
    else by the one building on what is known where that costs less than a typical one.

    A skill another listed skill covers at the level needed is learned with that one: left
    out, and named in its ``covers`` (Terraform at advanced teaches infrastructure as code). One
    it covers below the level needed is learned after it, from the level it teaches
    (:func:`~skillgraph.algorithms.knowledge.taught_in_part`).
    """
    need: dict[str, int] = {}
    reasons: dict[str, str] = {}
    needed_for: dict[str, set[str]] = {}
    picked: dict[str, str] = {}  # a choice -> the alternative learned for it
    for skill, rank in wanted.items():
        if not is_satisfied(graph, skill, rank, known):
            choice = skill
            # a choice whose alternative is held at a lower level (or being learned): raise that
            # alternative; else
            # one asking a single alternative, some of which build on what is known: the least
            # costly of those when it costs less than a typical alternative (JavaScript on
            # Node.js for a JavaScript developer, 30 h where a typical backend language is 130 h),
            # or the only one when it costs no more (Azure Functions for an Azure engineer)
            partial = [alt for alt in graph.alternatives(skill) if known.get(alt, 0) or alt in learning]
            if partial:
                skill = max(partial, key=lambda alt: (known.get(alt, 0), graph.label(alt)))
            elif graph.choice_count(skill) == 1:
                fits = [
                    (_hours(graph, a, known, rank), graph.label(a), a)
                    for a in building_on(graph, skill, known)
                ]
                cheapest = min(fits, default=None)
                typical = _hours(graph, skill, known, rank)
                if cheapest is not None and (
                    cheapest[0] < typical or (len(fits) == 1 and cheapest[0] <= typical)
                ):  # cheaper than a typical one, or the one alternative building on what is known
                    skill = cheapest[2]
            if skill != choice:
                picked[choice] = skill
            need[skill] = max(rank, need.get(skill, 0))
            reasons[skill] = "required"
    frontier = list(need)
    while frontier:
        skill = frontier.pop()
        level = implied_level(need[skill])  # to learn a skill at a level, know its prerequisites so far
        for prereq in graph.needs.get(skill, ()):
            if is_satisfied(graph, prereq, level, known):
                continue
            prereq = picked.get(prereq, prereq)  # a choice is learned as the alternative picked for it
            if prereq == skill:
                continue
            needed_for.setdefault(prereq, set()).add(skill)
            if need.get(prereq, 0) < level:
                need[prereq] = level
                reasons.setdefault(prereq, "prerequisite")
                frontier.append(prereq)

    covering = covered_items(graph, need)
    teaches: dict[str, list[str]] = {}
    for skill, by in covering.items():
        teaches.setdefault(by, []).append(skill)
        del need[skill]
    beyond: dict[str, list[str]] = {}  # what a skill teaches past what is learned first
    for skill, (first, by) in learned_first(graph, need).items():
        beyond.setdefault(by, []).append(f"{graph.label(skill)} beyond {graph.level_label(first)}")
        need[skill] = first
        if held(graph, skill, known) >= first:  # already held as far as it is learned first
            del need[skill]
    # a skill another listed skill teaches below the level needed: learned after it, from there
    partly = taught_in_part(graph, need, known)
    for skill, (level, by) in partly.items():
        beyond.setdefault(by, []).append(f"{graph.label(skill)} to {graph.level_label(level)}")
    order = nx.DiGraph()
    order.add_nodes_from(need)
    for s in need:  # what a skill needs (and what the skills it teaches need) comes first
        for taught in [s, *teaches.get(s, ())]:
            for p in graph.needs.get(taught, ()):
                p = covering.get(p, p)
                if p in need and p != s and s not in graph.all_prerequisites(p):
                    order.add_edge(p, s)
        if s in partly:
            order.add_edge(partly[s][1], s)
    ranked = nx.lexicographical_topological_sort(order, key=lambda n: graph.label(n).casefold())
    chosen_for = {alt: choice for choice, alt in picked.items()}
    items = []
    for key in ranked:
        attrs = graph.node(key)
        items.append(
            SkillItem(
                key=key,
                id=attrs["id"],
                label=attrs["label"],
                category=attrs.get("category"),
                proficiency=need[key],
                proficiency_label=graph.level_label(need[key]),
                current=held(graph, key, known),
                reason=reasons[key],
                needed_for=tuple(sorted(graph.label(s) for s in needed_for.get(key, ()))),
                alternatives=tuple(graph.label(a) for a in graph.alternatives(key)),
                builds_on=tuple(  # an alternative learned for a choice: what it builds on
                    (alt, pick)
                    for alt, pick in builds_on_labels(graph, chosen_for[key], known)
                    if alt == attrs["label"]
                )
                if key in chosen_for
                else builds_on_labels(graph, key, known),
                for_choice=graph.label(chosen_for[key]) if key in chosen_for else None,
                effort_hours=graph.hours(
                    key, max(held(graph, key, known), partly.get(key, (0, ""))[0]), need[key]
                ),
                learned_by=attrs.get("learned_by", "study"),
                choose=graph.choice_count(key),
                covers=tuple(
                    sorted(
                        [*(graph.label(c) for c in teaches.get(key, ())), *beyond.get(key, ())],
                        key=str.casefold,
                    )
                ),
            )
        )
    return items


def role_skills(
    graph: SkillGraph,
    role: str,
    known: Mapping[str, int],
    *,
    include_optional: bool = False,
    learning: Collection[str] = (),
) -> list[SkillItem]:
    """Return what role ``role`` asks beyond ``known``, prerequisites first (a choice met by
    the alternative being learned, in ``learning``, where none is held).

    A requirement whose source states no level is labelled ``unstated``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> items = role_skills(g, g.resolve("junior"), {})
    >>> len(items) > 0, any(i.proficiency_label == "unstated" for i in items)  # all levels stated
    (True, False)
    """
    effective = effective_requirements(graph, role, include_optional=include_optional)
    wanted = {skill: req.rank for skill, req in effective.items()}
    unstated = {skill for skill, req in effective.items() if not req.stated}
    return [
        replace(item, proficiency_label=graph.level_label(1, stated=False))
        if item.key in unstated and item.proficiency == 1 and item.reason == "required"
        else item
        for item in skills_to_acquire(graph, wanted, known, learning=learning)
    ]


def in_role(
    graph: SkillGraph,
    role: str,
    have: Mapping[str, int] | None = None,
    *,
    include_optional: bool = False,
    learning: Collection[str] = (),
) -> tuple[dict[str, int], StartRole]:
    """Return what someone doing ``role`` knows (its requirements and ``have``, with all they
    imply) and the :class:`StartRole` that says what was taken on trust (a choice taken as the
    alternative being learned, in ``learning``, where none is held).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> known, start = in_role(g, g.resolve("mid"))
    >>> start.hours > 0 and len(start.assumed) > 0
    True
    >>> role_skills(g, g.resolve("mid"), known)  # nothing left of the role held
    []
    """
    given = implied(graph, have or {})
    lacking = role_skills(graph, role, given, include_optional=include_optional, learning=learning)
    known = dict(given)
    for item in lacking:
        known[item.key] = max(known.get(item.key, 0), item.proficiency)
    start = StartRole(
        hours=sum(item.effort_hours or 0.0 for item in lacking),
        assumed=tuple(item.label for item in lacking),
    )
    return implied(graph, known), start
