"""Personal learning plans: the gap to a target role, and the smallest plan that closes it.

*What a target requires* is its own list of requirements (``sg:requirement``:
skill and proficiency; roles do not inherit them, see ``docs/model.md``). A
requirement is *met* when the skill, or for a skill choice any one of its
alternatives, is known at the proficiency asked (:func:`skillgraph.algorithms.paths.is_satisfied`).

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

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from skillgraph.algorithms.paths import SkillItem, held, is_satisfied
from skillgraph.algorithms.profile import UNSTATED
from skillgraph.errors import InputError, ValidationError
from skillgraph.model.graph import SkillGraph

#: What :func:`plan` can minimise.
OBJECTIVES: Final = ("count", "effort")

#: Search states explored before the search settles for the best plan found so far.
DEFAULT_BUDGET: Final = 20_000

Cost = tuple[int, int, int]


# -- results ------------------------------------------------------------------


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


def _have_rows(graph: SkillGraph, have: Mapping[str, int]) -> tuple[dict[str, Any], ...]:
    rows = []
    for key in sorted(have, key=lambda k: (graph.label(k).casefold(), k)):
        rank = have[key]
        stated = rank if rank < UNSTATED else None
        rows.append(
            {
                "id": graph.node(key)["id"],
                "iri": key,
                "label": graph.label(key),
                "level": stated,
                "level_label": None if stated is None else graph.proficiency_labels.get(rank, str(rank)),
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
    }


@dataclass(frozen=True)
class Gap:
    """The requirements of ``target`` that ``have`` does not meet, in the target's order."""

    target: NodeRef
    items: tuple[SkillItem, ...]
    have: tuple[dict[str, Any], ...] = ()
    proficiency_labels: tuple[tuple[int, str], ...] = ()

    @property
    def met(self) -> bool:
        """True when nothing is missing."""
        return not self.items

    def __str__(self) -> str:
        from skillgraph.present.text import gap_text

        return gap_text(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        from skillgraph.present.html import gap_html

        return gap_html(self)

    def by_category(self) -> dict[str, list[SkillItem]]:
        """Return the items grouped by category (sorted; uncategorised last)."""
        groups: dict[str, list[SkillItem]] = {}
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
            "missing": len(self.items),
            "categories": [
                {"category": name, "skills": [_item_dict(i, labels) for i in items]}
                for name, items in self.by_category().items()
            ],
        }


@dataclass(frozen=True)
class PlanItem(SkillItem):
    """A skill of a learning plan: learn it (``current`` 0) or raise it to ``proficiency``.

    ``after`` holds the keys of the plan items to learn first, ``satisfies`` the
    keys of the skill choices it was picked for, ``stage`` its stage (1 first).
    """

    stage: int = 1
    after: tuple[str, ...] = ()
    satisfies: tuple[str, ...] = ()

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
        """The estimated hours of the new skills of this stage (raises are not estimated)."""
        return sum(i.effort_hours or 0.0 for i in self.items if i.status == "new")

    @property
    def unestimated(self) -> int:
        """How many new skills of this stage have no effort estimate."""
        return sum(1 for i in self.items if i.status == "new" and i.effort_hours is None)


@dataclass(frozen=True)
class LearningPlan:
    """A learning plan towards ``target``: stages of skills, each after its prerequisites."""

    target: NodeRef
    objective: str
    optimal: bool
    stages: tuple[Stage, ...]
    choices: tuple[tuple[NodeRef, NodeRef], ...] = ()
    have: tuple[dict[str, Any], ...] = ()
    proficiency_labels: tuple[tuple[int, str], ...] = ()

    def __str__(self) -> str:
        from skillgraph.present.text import plan_text

        return plan_text(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        from skillgraph.present.html import plan_html

        return plan_html(self)

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


# -- the core -----------------------------------------------------------------


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


def check_target(graph: SkillGraph, target: str) -> None:
    """Raise :class:`~skillgraph.errors.InputError` unless ``target`` is a role or specialization."""
    if target not in graph or graph.node(target)["type"] not in ("role", "specialization"):
        raise InputError(
            f"'{graph.label(target) if target in graph else target}' is not a role or specialization"
        )


def gap(graph: SkillGraph, target: str, have: Mapping[str, int] | None = None) -> Gap:
    """Return what role or specialization ``target`` requires that ``have`` does not meet.

    ``have`` maps skill keys to the proficiency rank held. A requirement held at
    a lower level is listed with ``current`` the rank held.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> d = gap(g, g.resolve("junior"), {g.resolve("python"): 1})
    >>> item = next(i for i in d.items if i.label == "Backend programming language")
    >>> item.current, item.proficiency_label
    (1, 'intermediate')
    """
    check_target(graph, target)
    known = dict(have or {})
    labels = graph.proficiency_labels
    items = []
    for skill, rank in graph.requirements(target).items():
        if is_satisfied(graph, skill, rank, known):
            continue
        attrs = graph.node(skill)
        items.append(
            SkillItem(
                key=skill,
                id=attrs["id"],
                label=graph.label(skill),
                category=attrs.get("category"),
                proficiency=rank,
                proficiency_label=labels.get(rank, str(rank)),
                current=held(graph, skill, known),
                alternatives=tuple(graph.label(a) for a in graph.alternatives(skill)),
                effort_hours=attrs.get("effort_hours"),
            )
        )
    items.sort(key=lambda i: (i.label.casefold(), i.key))
    return Gap(
        target=NodeRef.of(graph, target),
        items=tuple(items),
        have=_have_rows(graph, known),
        proficiency_labels=tuple(sorted(labels.items())),
    )


def plan(
    graph: SkillGraph,
    target: str,
    have: Mapping[str, int] | None = None,
    *,
    optimize: str = "count",
    budget: int = DEFAULT_BUDGET,
) -> LearningPlan:
    """Return the learning plan from ``have`` (skill -> rank) to role or specialization ``target``.

    ``optimize`` is ``count`` (fewest new skills, then least effort) or
    ``effort`` (least estimated effort, then fewest new skills). The result is
    optimal (``.optimal``) unless the search met ``budget`` explored states, in
    which case it is the best plan found, still valid and closed under prerequisites.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> p = plan(g, g.resolve("devops"), {g.resolve("linux"): 1}, optimize="effort")
    >>> [c.label + " -> " + picked.label for c, picked in p.choices]
    ['Backend programming language -> JavaScript (Node.js)', 'Cloud platform -> Amazon Web Services']
    >>> next(i for i in p.items if i.id == "linux").status
    'raise'
    """
    if optimize not in OBJECTIVES:
        raise InputError(f"unknown objective '{optimize}' (use {' or '.join(OBJECTIVES)})")
    check_target(graph, target)
    known = dict(have or {})
    requirements = graph.requirements(target)
    planner = _Planner(graph, plan_index(graph), known, optimize, budget)
    chosen, sigma = planner.run(requirements)
    return _assemble(graph, target, known, requirements, chosen, sigma, optimize, planner)


# -- the search ---------------------------------------------------------------


@dataclass
class _State:
    added: dict[str, int]  # plan items beyond the planner's base: key -> rank
    sigma: dict[str, str]  # skill choice -> the alternative picked
    opens: dict[str, int]  # skill choices still to decide -> rank asked
    cost: Cost
    fresh: tuple[str, ...] = ()  # the items the last decision added

    def copy(self) -> _State:
        return _State(dict(self.added), dict(self.sigma), dict(self.opens), self.cost)


def _plus(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _minus(a: Cost, b: Cost) -> Cost:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


class _Planner:
    """Branch and bound over the alternatives of the skill choices a plan meets.

    A plan is the prerequisite closure of the requirements once each open
    choice is given an alternative; its cost is a vector compared
    lexicographically: (new skills, effort, raises) for ``count`` and
    (effort, new skills, raises) for ``effort``. See ``docs/plan.md``.
    """

    def __init__(
        self, graph: SkillGraph, index: PlanIndex, known: Mapping[str, int], objective: str, budget: int
    ) -> None:
        self.graph = graph
        self.choices = graph.choices
        self.pre = index.prerequisites
        self.index = index
        self.known = known
        self.objective = objective
        self.budget = budget
        self.steps = 0
        self.exact = True
        self.base: dict[str, int] = {}
        # the rank held in every skill a known skill bears on: itself and the choices above it
        self.held: dict[str, int] = {}
        stack = [key for key, rank in known.items() if rank > 0]
        while stack:
            key = stack.pop()
            if key not in self.held:
                self.held[key] = held(graph, key, known)
                stack.extend(index.parents.get(key, ()))

    def sat(self, skill: str, rank: int) -> bool:
        """True when what is known meets ``skill`` at ``rank`` (see :func:`..paths.held`)."""
        return self.held.get(skill, 0) >= rank

    def item_cost(self, skill: str) -> Cost:
        if self.known.get(skill, 0) > 0:
            return (0, 0, 1)
        effort = self.index.effort.get(skill, self.index.default_effort)
        return (1, effort, 0) if self.objective == "count" else (effort, 1, 0)

    def expand(self, st: _State, demands: list[tuple[str, int]]) -> list[str]:
        """Add the closure of ``demands`` (skill, rank) to ``st``, stopping at undecided choices.

        Return the items added (not counting rank changes of items already there)."""
        fresh: list[str] = []
        stack = demands
        added, base, sigma, opens = st.added, self.base, st.sigma, st.opens
        choices, pre, held, cost = self.choices, self.pre, self.held, st.cost
        while stack:
            skill, rank = stack.pop()
            if held.get(skill, 0) >= rank:
                continue
            if skill in choices:
                picked = sigma.get(skill)
                if picked is not None:
                    stack.append((picked, rank))
                elif opens.get(skill, 0) < rank:
                    opens[skill] = rank
                continue
            current = added.get(skill) or base.get(skill)
            if current is not None:
                if rank > current:
                    added[skill] = rank
                continue
            added[skill] = rank
            fresh.append(skill)
            cost = _plus(cost, self.item_cost(skill))
            for prereq in pre.get(skill, ()):
                stack.append((prereq, 1))
        st.cost = cost
        return fresh

    def resolve(self, st: _State, choice: str, alternative: str) -> _State:
        self.steps += 1
        nxt = st.copy()
        rank = nxt.opens.pop(choice)
        nxt.sigma[choice] = alternative
        nxt.fresh = tuple(self.expand(nxt, [(alternative, rank)]))
        return nxt

    def run(self, requirements: Mapping[str, int]) -> tuple[dict[str, int], dict[str, str]]:
        root = _State({}, {}, {}, (0, 0, 0))
        self.expand(root, sorted(requirements.items(), reverse=True))
        self.base, root.added = root.added, {}
        best = self.solve(root, None)
        assert best is not None
        chosen = dict(self.base)
        for key, rank in best.added.items():
            chosen[key] = max(rank, chosen.get(key, 0))
        return chosen, best.sigma

    def settle(self, st: _State) -> tuple[_State, dict[str, list[tuple[str, _State]]]]:
        """Take every free decision; return the state and each open choice's options."""
        while True:
            # an alternative already in the plan costs nothing more: take it in place
            taken = True
            while taken:
                taken = False
                for choice in sorted(st.opens):
                    planned = next((a for a in self.choices[choice] if self._planned(st, a)), None)
                    if planned is not None:
                        rank = st.opens.pop(choice)
                        st.sigma[choice] = planned
                        self.expand(st, [(planned, rank)])
                        taken = True
            options: dict[str, list[tuple[str, _State]]] = {}
            free = None
            for choice in sorted(st.opens):
                opts = [(alt, self.resolve(st, choice, alt)) for alt in self.choices[choice]]
                free = next((nxt for _, nxt in opts if self._is_free(st, nxt, choice)), None)
                if free is not None:
                    break
                options[choice] = opts
            if free is None:
                return st, options
            st = free

    def _planned(self, st: _State, skill: str, depth: int = 0) -> bool:
        """True when ``skill`` is a plan item already (or a choice decided for one)."""
        if skill in self.choices:
            picked = st.sigma.get(skill)
            return picked is not None and depth < 8 and self._planned(st, picked, depth + 1)
        return skill in st.added or skill in self.base

    @staticmethod
    def _is_free(st: _State, nxt: _State, choice: str) -> bool:
        # no new item and no choice asked more: no other decision can do better
        return (
            nxt.cost == st.cost
            and len(nxt.opens) == len(st.opens) - 1
            and all(nxt.opens.get(c) == r for c, r in st.opens.items() if c != choice)
        )

    def solve(self, st: _State, bound: Cost | None) -> _State | None:
        """Return the cheapest completion of ``st`` costing less than ``bound``, or None."""
        st, options = self.settle(st)
        if bound is not None and st.cost >= bound:
            return None
        if not st.opens:
            return st
        reaches = {choice: self.reach(st, choice) for choice in sorted(st.opens)}
        if len(st.opens) > 1:
            groups = self.components(reaches)
            if len(groups) > 1:
                result = st.copy()
                result.opens = {}
                for group in groups:
                    part = st.copy()
                    part.opens = {c: st.opens[c] for c in group}
                    best = self.solve(part, None)
                    assert best is not None
                    for key, rank in best.added.items():
                        result.added[key] = max(rank, result.added.get(key, 0))
                    result.sigma.update(best.sigma)
                    result.cost = _plus(result.cost, _minus(best.cost, st.cost))
                return None if bound is not None and result.cost >= bound else result
        floors = {c: min(nxt.cost for _, nxt in opts) for c, opts in options.items()}
        private = self.private_floors(st, options, reaches)
        total = st.cost
        for cost in private.values():
            total = _plus(total, cost)
        if bound is not None and (max(floors.values()) >= bound or total >= bound):
            return None
        # branch on the choice whose cheapest option costs most (it bounds best)
        choice = max(sorted(options), key=lambda c: (floors[c], -len(options[c])))
        others = _minus(total, _plus(st.cost, private[choice]))
        best = None
        for _, nxt in sorted(options[choice], key=lambda o: o[1].cost):
            if bound is not None and _plus(nxt.cost, others) >= bound:
                break
            if best is not None and self.steps > self.budget:
                self.exact = False
                break
            found = self.solve(nxt, bound)
            if found is not None:
                best, bound = found, found.cost
        return best

    def private_floors(
        self, st: _State, options: Mapping[str, list[tuple[str, _State]]], reaches: Mapping[str, set[str]]
    ) -> dict[str, Cost]:
        """For each open choice, the least cost its options add in skills no other open
        choice can reach. Those skills are disjoint, so ``st.cost`` plus their sum bounds
        every completion from below, and so does a decided option plus the others' floors."""
        seen: dict[str, int] = {}
        for reach in reaches.values():
            for key in reach:
                seen[key] = seen.get(key, 0) + 1
        floors: dict[str, Cost] = {}
        for choice, opts in options.items():
            least: Cost | None = None
            for _, nxt in opts:
                cost = (0, 0, 0)
                for key in nxt.fresh:
                    if seen.get(key) == 1:
                        cost = _plus(cost, self.item_cost(key))
                least = cost if least is None or cost < least else least
            floors[choice] = least or (0, 0, 0)
        return floors

    def reach(self, st: _State, choice: str) -> set[str]:
        """Every key deciding ``choice`` could add or decide (whatever the alternatives)."""
        seen = {choice}
        stack = [(alt, st.opens[choice]) for alt in self.choices[choice]]
        choices, pre, held, sigma, opens = self.choices, self.pre, self.held, st.sigma, st.opens
        while stack:
            skill, rank = stack.pop()
            if skill in seen or held.get(skill, 0) >= rank:
                continue
            if skill in choices:
                seen.add(skill)
                picked = sigma.get(skill)
                if picked is not None:
                    stack.append((picked, rank))
                elif skill not in opens:
                    stack.extend((alt, rank) for alt in choices[skill])
            elif skill not in st.added and skill not in self.base:
                seen.add(skill)
                stack.extend((p, 1) for p in pre.get(skill, ()))
        return seen

    @staticmethod
    def components(reaches: Mapping[str, set[str]]) -> list[list[str]]:
        """Split the open choices into groups whose decisions cannot affect one another."""
        parent = {c: c for c in reaches}

        def find(c: str) -> str:
            while parent[c] != c:
                parent[c] = parent[parent[c]]
                c = parent[c]
            return c

        owner: dict[str, str] = {}
        for choice in sorted(reaches):
            for key in reaches[choice]:
                if key in owner:
                    parent[find(choice)] = find(owner[key])
                else:
                    owner[key] = choice
        groups: dict[str, list[str]] = {}
        for choice in sorted(reaches):
            groups.setdefault(find(choice), []).append(choice)
        return list(groups.values())


# -- assembling the result ----------------------------------------------------


def _assemble(
    graph: SkillGraph,
    target: str,
    known: Mapping[str, int],
    requirements: Mapping[str, int],
    chosen: Mapping[str, int],
    sigma: Mapping[str, str],
    objective: str,
    planner: _Planner,
) -> LearningPlan:
    labels = graph.proficiency_labels

    def provider(skill: str, rank: int = 1, depth: int = 0) -> str | None:
        """The plan item that meets ``skill`` at ``rank`` (for a choice, its picked alternative)."""
        if planner.sat(skill, rank) or depth > len(sigma):
            return None
        if skill in planner.choices:
            picked = sigma.get(skill)
            return provider(picked, rank, depth + 1) if picked else None
        return skill if skill in chosen else None

    def pick(choice: str) -> str:
        """The concrete skill a decided choice comes down to."""
        seen = {choice}
        while choice in sigma and sigma[choice] not in seen:
            choice = sigma[choice]
            seen.add(choice)
        return choice

    order = planner.index.order
    after: dict[str, list[str]] = {}
    unlocks: dict[str, list[str]] = {}
    for key in chosen:
        befores = set()
        for prereq in planner.pre.get(key, ()):
            found = provider(prereq)
            if found is not None and found != key:
                befores.add(found)
        after[key] = sorted(befores, key=order.__getitem__)
        for before in befores:
            unlocks.setdefault(before, []).append(key)
    satisfies: dict[str, list[str]] = {}
    for choice in sigma:
        satisfies.setdefault(pick(choice), []).append(choice)
    required = {provider(skill, rank) for skill, rank in requirements.items()}
    stage = _stages(graph, after, unlocks)

    nodes, names = graph.nx.nodes, planner.index.labels
    items: dict[int, list[PlanItem]] = {}
    for key in sorted(chosen, key=order.__getitem__):
        rank = chosen[key]
        attrs = nodes[key]
        current = known.get(key, 0)
        items.setdefault(stage[key], []).append(
            PlanItem(
                key=key,
                id=attrs["id"],
                label=names[key],
                category=attrs.get("category"),
                proficiency=rank,
                proficiency_label=labels.get(rank, str(rank)),
                current=current,
                reason="required" if key in required else "prerequisite",
                needed_for=tuple(sorted(names[k] for k in unlocks.get(key, ()))),
                alternatives=(),
                effort_hours=None if current else attrs.get("effort_hours"),
                stage=stage[key],
                after=tuple(after[key]),
                satisfies=tuple(sorted(satisfies.get(key, ()))),
            )
        )
    stages = tuple(Stage(number=n, items=tuple(items[n])) for n in sorted(items))
    picked = tuple(
        (NodeRef.of(graph, c), NodeRef.of(graph, a))
        for c, a in sorted(sigma.items(), key=lambda ca: (graph.label(ca[0]).casefold(), ca[0]))
    )
    return LearningPlan(
        target=NodeRef.of(graph, target),
        objective=objective,
        optimal=planner.exact,
        stages=stages,
        choices=picked,
        have=_have_rows(graph, known),
        proficiency_labels=tuple(sorted(labels.items())),
    )


def _stages(
    graph: SkillGraph, after: Mapping[str, list[str]], unlocks: Mapping[str, list[str]]
) -> dict[str, int]:
    """Return each item's stage: 1 + the longest chain of plan prerequisites below it."""
    waiting = {key: len(befores) for key, befores in after.items()}
    depth = dict.fromkeys(after, 1)
    ready = [key for key, n in waiting.items() if n == 0]
    done = 0
    while ready:
        key = ready.pop()
        done += 1
        here = depth[key] + 1
        for nxt in unlocks.get(key, ()):
            if depth[nxt] < here:
                depth[nxt] = here
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                ready.append(nxt)
    if done < len(after):
        stuck = sorted(graph.label(k) for k, n in waiting.items() if n > 0)
        raise ValidationError([f"prerequisite cycle (through skill choices) among {', '.join(stuck)}"])
    return depth
