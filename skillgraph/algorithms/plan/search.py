"""The exact search for the cheapest plan: branch and bound over the skill choices."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from skillgraph.algorithms.knowledge import held, implied_level
from skillgraph.algorithms.plan.index import PlanIndex
from skillgraph.model.graph import SkillGraph

__all__ = [
    "Cost",
    "Planner",
]

Cost = tuple[int, int, int]


@dataclass
class _State:
    added: dict[str, int]  # plan items beyond the planner's base: key -> rank
    sigma: dict[str, tuple[str, ...]]  # skill choice -> the alternatives picked (its count of them)
    opens: dict[str, int]  # skill choices still to decide -> rank asked
    cost: Cost
    fresh: tuple[str, ...] = ()  # the items the last decision added

    def copy(self) -> _State:
        return _State(dict(self.added), dict(self.sigma), dict(self.opens), self.cost)


def _plus(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _minus(a: Cost, b: Cost) -> Cost:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


class Planner:
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
        """True when what is known meets ``skill`` at ``rank`` (see :func:`..knowledge.held`)."""
        return self.held.get(skill, 0) >= rank

    def item_cost(self, skill: str, rank: int, before: int = 0) -> Cost:
        """The cost of planning ``skill`` at ``rank`` (``before``: the rank already planned)."""
        current = self.known.get(skill, 0)
        hours = self.index.cost(skill, max(current, before), rank)
        new = 1 if current == 0 and before == 0 else 0
        raised = 1 if current > 0 and before == 0 else 0
        return (new, hours, raised) if self.objective == "count" else (hours, new, raised)

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
                    stack.extend((alt, rank) for alt in picked)
                elif opens.get(skill, 0) < rank:
                    opens[skill] = rank
                continue
            current = added.get(skill) or base.get(skill)
            if current is not None:
                if rank > current:
                    added[skill] = rank
                    cost = _plus(cost, self.item_cost(skill, rank, current))
                    if implied_level(rank) > implied_level(current):
                        stack.extend((prereq, implied_level(rank)) for prereq in pre.get(skill, ()))
                continue
            added[skill] = rank
            fresh.append(skill)
            cost = _plus(cost, self.item_cost(skill, rank))
            stack.extend((prereq, implied_level(rank)) for prereq in pre.get(skill, ()))
        st.cost = cost
        return fresh

    def resolve(self, st: _State, choice: str, picked: tuple[str, ...]) -> _State:
        self.steps += 1
        nxt = st.copy()
        rank = nxt.opens.pop(choice)
        nxt.sigma[choice] = picked
        nxt.fresh = tuple(self.expand(nxt, [(alt, rank) for alt in picked]))
        return nxt

    def options(self, choice: str) -> list[tuple[str, ...]]:
        """The ways to decide ``choice``: one alternative, or every set of its count of them.

        Alternatives the learner has started (held at some level) are kept to: a choice is
        met by raising what one started before anything new is taken up, as ``path`` does,
        even where another alternative is planned anyway.
        """
        count = self.graph.choice_count(choice)
        alternatives = self.choices[choice]
        started = [alt for alt in alternatives if self.held.get(alt, 0) > 0]
        if len(started) >= count:
            return [tuple(combo) for combo in itertools.combinations(started, count)]
        rest = [alt for alt in alternatives if alt not in started]
        return [
            tuple(alt for alt in alternatives if alt in started or alt in combo)
            for combo in itertools.combinations(rest, count - len(started))
        ]

    def run(self, requirements: Mapping[str, int]) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
        root = _State({}, {}, {}, (0, 0, 0))
        self.expand(root, sorted(requirements.items(), reverse=True))
        self.base, root.added = root.added, {}
        best = self.solve(root, None)
        assert best is not None
        chosen = dict(self.base)
        for key, rank in best.added.items():
            chosen[key] = max(rank, chosen.get(key, 0))
        return chosen, best.sigma

    def settle(self, st: _State) -> tuple[_State, dict[str, list[tuple[tuple[str, ...], _State]]]]:
        """Take every free decision; return the state and each open choice's options."""
        while True:
            # an alternative already planned at the rank asked costs nothing more: take it
            # in place (one planned lower would have to be raised, which is not free)
            taken = True
            while taken:
                taken = False
                for choice in sorted(st.opens):
                    rank = st.opens[choice]
                    planned = next(
                        (o for o in self.options(choice) if all(self._planned(st, a) >= rank for a in o)),
                        None,
                    )
                    if planned is not None:
                        st.opens.pop(choice)
                        st.sigma[choice] = planned
                        self.expand(st, [(alt, rank) for alt in planned])
                        taken = True
            options: dict[str, list[tuple[tuple[str, ...], _State]]] = {}
            free = None
            for choice in sorted(st.opens):
                opts = [(picked, self.resolve(st, choice, picked)) for picked in self.options(choice)]
                free = next((nxt for _, nxt in opts if self._is_free(st, nxt, choice)), None)
                if free is not None:
                    break
                options[choice] = opts
            if free is None:
                return st, options
            st = free

    def _planned(self, st: _State, skill: str, depth: int = 0) -> int:
        """The rank the plan gives ``skill`` already (through the decision of a choice), or 0."""
        if skill in self.choices:
            picked = st.sigma.get(skill)
            if picked is None or depth >= 8:
                return 0
            return min(self._planned(st, alt, depth + 1) for alt in picked)
        return st.added.get(skill) or self.base.get(skill) or 0

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
        self,
        st: _State,
        options: Mapping[str, list[tuple[tuple[str, ...], _State]]],
        reaches: Mapping[str, set[str]],
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
                        cost = _plus(cost, self.item_cost(key, nxt.added[key]))
                least = cost if least is None or cost < least else least
            floors[choice] = least or (0, 0, 0)
        return floors

    def reach(self, st: _State, choice: str) -> set[str]:
        """Every key deciding ``choice`` could add, raise or decide (whatever the alternatives).

        An item already planned belongs to the reach when it may be raised: two choices
        that could raise the same item share it (raising it once may serve both)."""
        seen: dict[str, int] = {choice: 1 << 30}  # never visited again
        stack = [(alt, st.opens[choice]) for alt in self.choices[choice]]
        choices, pre, held, sigma, opens = self.choices, self.pre, self.held, st.sigma, st.opens
        while stack:
            skill, rank = stack.pop()
            if seen.get(skill, 0) >= rank or held.get(skill, 0) >= rank:
                continue
            if skill in choices:
                seen[skill] = rank
                picked = sigma.get(skill)
                if picked is not None:
                    stack.extend((alt, rank) for alt in picked)
                elif skill not in opens:
                    stack.extend((alt, rank) for alt in choices[skill])
                continue
            planned = st.added.get(skill) or self.base.get(skill) or 0
            if planned >= rank:
                continue
            seen[skill] = rank
            stack.extend((p, implied_level(rank)) for p in pre.get(skill, ()))
        return set(seen)

    @staticmethod
    def components(reaches: Mapping[str, set[str]]) -> list[list[str]]:
        """Split the open choices into groups whose decisions cannot affect one another."""
        groups = nx.utils.UnionFind(reaches)
        owner: dict[str, str] = {}
        for choice in sorted(reaches):
            for key in reaches[choice]:
                if key in owner:
                    groups.union(owner[key], choice)
                else:
                    owner[key] = choice
        return sorted(sorted(group) for group in groups.to_sets())
