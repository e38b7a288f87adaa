"""The exact search for the cheapest plan: branch and bound over the skill choices."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import networkx as nx

from skillgraph.algorithms.knowledge import building_on, held, implied_level
from skillgraph.algorithms.plan.index import PlanIndex
from skillgraph.model.graph import SkillGraph

__all__ = [
    "Cost",
    "Planner",
]

Cost = tuple[int, int, int]


@dataclass
class _SearchState:
    added: dict[str, int]  # plan items beyond the planner's base: key -> rank
    decided: dict[str, tuple[str, ...]]  # skill choice -> the alternatives picked (its count of them)
    undecided: dict[str, int]  # skill choices still to decide -> rank asked
    cost: Cost
    fresh: tuple[str, ...] = ()  # the items the last decision added

    def copy(self) -> _SearchState:
        return _SearchState(dict(self.added), dict(self.decided), dict(self.undecided), self.cost)


#: One way to decide a choice: the alternatives picked and the state they lead to.
Branch = tuple[tuple[str, ...], _SearchState]


def _add(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _subtract(a: Cost, b: Cost) -> Cost:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


class Planner:
    """Branch and bound over the alternatives of the skill choices a plan meets.

    A plan is the prerequisite closure of the requirements once each open
    choice is given an alternative; its cost is a vector compared
    lexicographically: (new skills, effort, raises) for ``count`` and
    (effort, new skills, raises) for ``effort``. See ``docs/plan.md``.
    """

    def __init__(
        self,
        graph: SkillGraph,
        index: PlanIndex,
        known: Mapping[str, int],
        objective: str,
        budget: int,
        *,
        learning: Collection[str] = (),
        skipped: Collection[str] = (),
    ) -> None:
        self.graph = graph
        self.learning = frozenset(learning)
        self.skipped = frozenset(skipped)
        self.choices = graph.choices
        self.prerequisites = index.prerequisites
        self.index = index
        self.known = known
        self.objective = objective
        self.budget = budget
        self.steps = 0
        self.exact = True
        self._fits: dict[str, dict[str, tuple[str, ...]]] = {}
        self.base: dict[str, int] = {}
        # the rank held in every skill a known skill bears on: itself and the choices above it
        self.held: dict[str, int] = {}
        stack = [key for key, rank in known.items() if rank > 0]
        while stack:
            key = stack.pop()
            if key not in self.held:
                self.held[key] = held(graph, key, known)
                stack.extend(index.parents.get(key, ()))

    def is_met(self, skill: str, rank: int) -> bool:
        """True when what is known meets ``skill`` at ``rank`` (see :func:`..knowledge.held`)."""
        return self.held.get(skill, 0) >= rank

    def item_cost(self, skill: str, rank: int, before: int = 0) -> Cost:
        """The cost of planning ``skill`` at ``rank`` (``before``: the rank already planned)."""
        current = self.known.get(skill, 0)
        hours = self.index.cost(skill, max(current, before), rank)
        new = 1 if current == 0 and before == 0 else 0
        raised = 1 if current > 0 and before == 0 else 0
        return (new, hours, raised) if self.objective == "count" else (hours, new, raised)

    def expand(self, state: _SearchState, demands: list[tuple[str, int]]) -> list[str]:
        """Add the closure of ``demands`` (skill, rank) to ``state``, stopping at undecided choices.

        Return the items added (not counting rank changes of items already there)."""
        fresh: list[str] = []
        stack = demands
        added, base, decided, undecided = state.added, self.base, state.decided, state.undecided
        choices, prerequisites, held, cost = self.choices, self.prerequisites, self.held, state.cost
        while stack:
            skill, rank = stack.pop()
            if held.get(skill, 0) >= rank:
                continue
            if skill in choices:
                picked = decided.get(skill)
                if picked is not None:
                    stack.extend((alt, rank) for alt in picked)
                elif undecided.get(skill, 0) < rank:
                    undecided[skill] = rank
                continue
            current = added.get(skill) or base.get(skill)
            if current is not None:
                if rank > current:
                    added[skill] = rank
                    cost = _add(cost, self.item_cost(skill, rank, current))
                    if implied_level(rank) > implied_level(current):
                        stack.extend((prereq, implied_level(rank)) for prereq in prerequisites.get(skill, ()))
                continue
            added[skill] = rank
            fresh.append(skill)
            cost = _add(cost, self.item_cost(skill, rank))
            stack.extend((prereq, implied_level(rank)) for prereq in prerequisites.get(skill, ()))
        state.cost = cost
        return fresh

    def decide(self, state: _SearchState, choice: str, picked: tuple[str, ...]) -> _SearchState:
        self.steps += 1
        child = state.copy()
        rank = child.undecided.pop(choice)
        child.decided[choice] = picked
        child.fresh = tuple(self.expand(child, [(alt, rank) for alt in picked]))
        return child

    def options(self, choice: str) -> list[tuple[str, ...]]:
        """The ways to decide ``choice``: one alternative, or every set of its count of them.

        Alternatives the learner has started (held at some level, or being learned) are kept
        to: a choice is met by raising what one started before anything new is taken up, as
        ``path`` does, even where another alternative is planned anyway. Alternatives the
        learner chose not to learn are left out while enough others remain. Alternatives building
        on what the learner knows come first (see :func:`..knowledge.building_on`), so they are
        planned where they cost no more than another: an Azure engineer's Azure Functions.
        """
        count = self.graph.choice_count(choice)
        alternatives = self.choices[choice]
        wanted = tuple(alt for alt in alternatives if alt not in self.skipped)
        if len(wanted) >= count:
            alternatives = wanted
        started = [alt for alt in alternatives if self.held.get(alt, 0) > 0 or alt in self.learning]
        if len(started) >= count:
            return [tuple(combo) for combo in itertools.combinations(started, count)]
        if choice not in self._fits:
            self._fits[choice] = building_on(self.graph, choice, self.known)
        fits = self._fits[choice]
        # of two options costing the same, the first is kept: one building on what is known
        rest = sorted((alt for alt in alternatives if alt not in started), key=lambda alt: alt not in fits)
        return [
            tuple(alt for alt in alternatives if alt in started or alt in combo)
            for combo in itertools.combinations(rest, count - len(started))
        ]

    def run(self, requirements: Mapping[str, int]) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
        root = _SearchState({}, {}, {}, (0, 0, 0))
        self.expand(root, sorted(requirements.items(), reverse=True))
        self.base, root.added = root.added, {}
        best = self.solve(root, None)
        assert best is not None
        chosen = dict(self.base)
        for key, rank in best.added.items():
            chosen[key] = max(rank, chosen.get(key, 0))
        return chosen, best.decided

    def settle(self, state: _SearchState) -> tuple[_SearchState, dict[str, list[Branch]]]:
        """Take every free decision; return the state and each open choice's options."""
        while True:
            # an alternative already planned at the rank asked costs nothing more: take it
            # in place (one planned lower would have to be raised, which is not free)
            taken = True
            while taken:
                taken = False
                for choice in sorted(state.undecided):
                    rank = state.undecided[choice]
                    planned = next(
                        (
                            option
                            for option in self.options(choice)
                            if all(self._planned(state, alt) >= rank for alt in option)
                        ),
                        None,
                    )
                    if planned is not None:
                        state.undecided.pop(choice)
                        state.decided[choice] = planned
                        self.expand(state, [(alt, rank) for alt in planned])
                        taken = True
            options: dict[str, list[Branch]] = {}
            free = None
            for choice in sorted(state.undecided):
                branches = [(picked, self.decide(state, choice, picked)) for picked in self.options(choice)]
                free = next((child for _, child in branches if self._is_free(state, child, choice)), None)
                if free is not None:
                    break
                options[choice] = branches
            if free is None:
                return state, options
            state = free

    def _planned(self, state: _SearchState, skill: str, depth: int = 0) -> int:
        """The rank the plan gives ``skill`` already (through the decision of a choice), or 0."""
        if skill in self.choices:
            picked = state.decided.get(skill)
            if picked is None or depth >= 8:
                return 0
            return min(self._planned(state, alt, depth + 1) for alt in picked)
        return state.added.get(skill) or self.base.get(skill) or 0

    @staticmethod
    def _is_free(state: _SearchState, child: _SearchState, choice: str) -> bool:
        # no new item and no choice asked more: no other decision can do better
        return (
            child.cost == state.cost
            and len(child.undecided) == len(state.undecided) - 1
            and all(
                child.undecided.get(other) == rank
                for other, rank in state.undecided.items()
                if other != choice
            )
        )

    def solve(self, state: _SearchState, bound: Cost | None) -> _SearchState | None:
        """Return the cheapest completion of ``state`` costing less than ``bound``, or None."""
        state, options = self.settle(state)
        if bound is not None and state.cost >= bound:
            return None
        if not state.undecided:
            return state
        reaches = {choice: self.reach(state, choice) for choice in sorted(state.undecided)}
        if len(state.undecided) > 1:
            groups = self.components(reaches)
            if len(groups) > 1:
                result = state.copy()
                result.undecided = {}
                for group in groups:
                    part = state.copy()
                    part.undecided = {choice: state.undecided[choice] for choice in group}
                    best = self.solve(part, None)
                    assert best is not None
                    for key, rank in best.added.items():
                        result.added[key] = max(rank, result.added.get(key, 0))
                    result.decided.update(best.decided)
                    result.cost = _add(result.cost, _subtract(best.cost, state.cost))
                return None if bound is not None and result.cost >= bound else result
        floors = {choice: min(child.cost for _, child in branches) for choice, branches in options.items()}
        private = self.private_floors(state, options, reaches)
        total = state.cost
        for cost in private.values():
            total = _add(total, cost)
        if bound is not None and (max(floors.values()) >= bound or total >= bound):
            return None
        # branch on the choice whose cheapest option costs most (it bounds best)
        choice = max(sorted(options), key=lambda choice: (floors[choice], -len(options[choice])))
        others = _subtract(total, _add(state.cost, private[choice]))
        best = None
        for _, child in sorted(options[choice], key=lambda branch: branch[1].cost):
            if bound is not None and _add(child.cost, others) >= bound:
                break
            if best is not None and self.steps > self.budget:
                self.exact = False
                break
            found = self.solve(child, bound)
            if found is not None:
                best, bound = found, found.cost
        return best

    def private_floors(
        self,
        state: _SearchState,
        options: Mapping[str, list[Branch]],
        reaches: Mapping[str, set[str]],
    ) -> dict[str, Cost]:
        """For each open choice, the least cost its options add in skills no other open
        choice can reach. Those skills are disjoint, so ``state.cost`` plus their sum bounds
        every completion from below, and so does a decided option plus the others' floors."""
        seen: dict[str, int] = {}
        for reach in reaches.values():
            for key in reach:
                seen[key] = seen.get(key, 0) + 1
        floors: dict[str, Cost] = {}
        for choice, branches in options.items():
            least: Cost | None = None
            for _, child in branches:
                cost = (0, 0, 0)
                for key in child.fresh:
                    if seen.get(key) == 1:
                        cost = _add(cost, self.item_cost(key, child.added[key]))
                least = cost if least is None or cost < least else least
            floors[choice] = least or (0, 0, 0)
        return floors

    def reach(self, state: _SearchState, choice: str) -> set[str]:
        """Every key deciding ``choice`` could add, raise or decide (whatever the alternatives).

        An item already planned belongs to the reach when it may be raised: two choices
        that could raise the same item share it (raising it once may serve both)."""
        seen: dict[str, int] = {choice: 1 << 30}  # never visited again
        stack = [(alt, state.undecided[choice]) for alt in self.choices[choice]]
        choices, prerequisites, held = self.choices, self.prerequisites, self.held
        decided, undecided = state.decided, state.undecided
        while stack:
            skill, rank = stack.pop()
            if seen.get(skill, 0) >= rank or held.get(skill, 0) >= rank:
                continue
            if skill in choices:
                seen[skill] = rank
                picked = decided.get(skill)
                if picked is not None:
                    stack.extend((alt, rank) for alt in picked)
                elif skill not in undecided:
                    stack.extend((alt, rank) for alt in choices[skill])
                continue
            planned = state.added.get(skill) or self.base.get(skill) or 0
            if planned >= rank:
                continue
            seen[skill] = rank
            stack.extend((prereq, implied_level(rank)) for prereq in prerequisites.get(skill, ()))
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
