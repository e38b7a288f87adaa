"""What a person knows, all of it: the skills they name and everything those are built on.

Knowing a skill at some level implies knowing its prerequisites, transitively (and, for
an alternative of a skill choice such as Python for "a backend language", the choice's
prerequisites too): at the same level, up to intermediate, and never below foundational.
Someone who works independently with Python (intermediate) works independently with the
programming fundamentals it is built on; an expert in Kubernetes is not thereby an expert
in Linux. Knowing a skill also brings what it *covers* (``sg:covers``, :attr:`SkillGraph.covers`):
an advanced Django developer knows object-relational mapping and schema migrations, at the
level they know Django up to the level the coverage states, and everything those imply in
turn. A coverage is not a prerequisite (Django can be learned without studying ORMs first)
and never runs the other way (knowing AWS says nothing of Lambda; knowing Lambda covers AWS
only as far as stated). Every answer (paths, plans, gaps, next steps) starts from this
closure, so none asks a person for what they already know. :func:`held` tells the level
held in a skill or a skill choice (through as many alternatives as the choice asks for).

>>> import skillgraph
>>> g = skillgraph.load()
>>> known = implied(g, {g.resolve("python"): 4})
>>> known[g.resolve("python")], known[g.resolve("programming fundamentals")]
(4, 2)
>>> implied(g, {g.resolve("python"): 1})[g.resolve("programming fundamentals")]
1
>>> implied(g, {g.resolve("django"): 3})[g.resolve("orm")]
3
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "IMPLIED_CAP",
    "building_on",
    "covered_items",
    "covered_level",
    "implied",
    "implied_level",
    "learned_first",
    "taught_beyond",
    "taught_in_part",
    "taught_with",
]


#: The highest level a prerequisite is implied at (intermediate).
IMPLIED_CAP = 2


def implied_level(rank: int) -> int:
    """Return the level a prerequisite is implied at by knowing a skill at ``rank``.

    >>> [implied_level(r) for r in (1, 2, 3, 4, 99)]
    [1, 2, 2, 2, 2]
    """
    return max(1, min(rank, IMPLIED_CAP))


def implied(graph: SkillGraph, have: Mapping[str, int]) -> dict[str, int]:
    """Return ``have`` (skill -> level rank) with every prerequisite it implies.

    A level stated in ``have`` is never lowered; an implied level is the highest any known
    skill implies: :func:`implied_level` for a prerequisite, :func:`covered_level` for a
    skill it covers.
    """
    known = {skill: rank for skill, rank in have.items() if rank > 0}
    stack = list(known)
    covers = graph.covers
    while stack:
        skill = stack.pop()
        rank = known[skill]
        level = implied_level(rank)
        for prereq in graph.needs.get(skill, ()):
            if known.get(prereq, 0) < level:
                known[prereq] = level
                stack.append(prereq)
        for covered, cap, start in covers.get(skill, ()):
            reach = covered_level(rank, cap, start)
            if known.get(covered, 0) < reach:
                known[covered] = reach
                stack.append(covered)
    return known


def covered_level(rank: int, cap: int, start: int = 1) -> int:
    """Return the level a coverage up to ``cap`` gives someone who knows its skill at ``rank``.

    Nothing below ``start`` (the level the covering skill must be known at first).

    >>> [covered_level(r, 3) for r in (1, 2, 3, 4)]
    [1, 2, 3, 3]
    >>> covered_level(1, 3, start=2)
    0
    """
    return min(rank, cap) if rank >= start else 0


def covered_items(graph: SkillGraph, planned: Mapping[str, int]) -> dict[str, str]:
    """Return the items of ``planned`` (skill -> rank) that another planned item covers at the
    rank planned (:func:`taught_with`), each with the item that covers it: learning that one
    teaches them.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> django, orm = g.resolve("django"), g.resolve("orm")
    >>> covered_items(g, {django: 2, orm: 2}) == {orm: django}
    True
    """
    found: dict[str, str] = {}
    for skill in sorted(planned):
        for covered, level in taught_with(graph, skill, planned[skill]).items():
            if covered in planned and covered not in found and level >= planned[covered]:
                found[covered] = skill
    return found


def learned_first(graph: SkillGraph, planned: Mapping[str, int]) -> dict[str, tuple[int, str]]:
    """Return the items of ``planned`` (skill -> rank) that are prerequisites of another
    planned item covering them up to the rank planned (:func:`taught_beyond`), each with the
    rank to learn first (what the items building on it need) and the item that teaches the
    rest: infrastructure as code to intermediate before Terraform, which at advanced teaches the rest.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> terraform, iac = g.resolve("terraform"), g.resolve("infrastructure as code")
    >>> learned_first(g, {terraform: 3, iac: 3}) == {iac: (2, terraform)}
    True
    """
    found: dict[str, tuple[int, str]] = {}
    for skill in sorted(planned):
        for covered, level in taught_beyond(graph, skill, planned[skill]).items():
            if covered in planned and covered not in found and level >= planned[covered]:
                first = max(
                    implied_level(rank)
                    for other, rank in planned.items()
                    if covered in graph.needs.get(other, ())
                )
                if first < planned[covered]:
                    found[covered] = (first, skill)
    return found


def taught_in_part(
    graph: SkillGraph, planned: Mapping[str, int], known: Mapping[str, int]
) -> dict[str, tuple[int, str]]:
    """Return the items of ``planned`` (skill -> rank) that another planned item teaches only
    below the rank planned (:func:`taught_with`), above what ``known`` holds, each with the
    highest level taught and the item teaching it: learned after that item, from that level
    (Go at advanced teaches debugging to intermediate, so debugging asked at advanced costs the
    hours from intermediate up).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> go, debugging = g.resolve("go"), g.resolve("debugging")
    >>> taught_in_part(g, {go: 3, debugging: 3}, {}) == {debugging: (2, go)}
    True
    """
    found: dict[str, tuple[int, str]] = {}
    for skill in sorted(planned):
        for covered, level in taught_with(graph, skill, planned[skill]).items():
            if (
                covered in planned
                and held(graph, covered, known) < level < planned[covered]
                and level > found.get(covered, (0, ""))[0]
            ):
                found[covered] = (level, skill)
    return found


def taught_with(graph: SkillGraph, skill: str, rank: int) -> dict[str, int]:
    """Return what learning ``skill`` to ``rank`` teaches of the skills it covers that are not
    among its prerequisites, each at the level it teaches: a plan learns such a skill, asked at
    that level or below, with ``skill`` (a prerequisite has to be learned first).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> taught_with(g, g.resolve("django"), 2)[g.resolve("orm")]
    2
    """
    return _taught(graph, skill, rank, lambda covered: covered not in graph.all_prerequisites(skill))


def taught_beyond(graph: SkillGraph, skill: str, rank: int) -> dict[str, int]:
    """Return what learning ``skill`` to ``rank`` teaches of its own prerequisites it covers,
    each at the level it teaches: a plan learns such a prerequisite first only to the level
    what builds on it needs, and the rest with ``skill``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> taught_beyond(g, g.resolve("terraform"), 3)[g.resolve("infrastructure as code")]
    3
    """
    return _taught(graph, skill, rank, lambda covered: covered in graph.needs.get(skill, ()))


def _taught(graph: SkillGraph, skill: str, rank: int, keep: Callable[[str], bool]) -> dict[str, int]:
    found: dict[str, int] = {}
    for covered, cap, start in graph.covers.get(skill, ()):
        level = covered_level(rank, cap, start)
        if level and level > found.get(covered, 0) and keep(covered):
            found[covered] = level
    return found


def is_satisfied(graph: SkillGraph, skill: str, rank: int, known: Mapping[str, int]) -> bool:
    """True when ``skill`` (or, for a choice, one of its alternatives) is known at ``rank``.

    Alternatives that are choices themselves count through their own alternatives.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> language, java = g.resolve("backend language"), g.resolve("java")
    >>> is_satisfied(g, language, 2, {java: 3}), is_satisfied(g, language, 4, {java: 3})
    (True, False)
    """
    return held(graph, skill, known) >= rank


def held(graph: SkillGraph, skill: str, known: Mapping[str, int], _seen: frozenset[str] = frozenset()) -> int:
    """Return the proficiency rank held in ``skill``: for a choice of one, the best of its
    alternatives; for a choice of k (``sg:choiceCount``), the level at which k of them are held.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> held(g, g.resolve("backend language"), {g.resolve("python"): 2})
    2
    """
    rank = known.get(skill, 0)
    alternatives = graph.choices.get(skill, ())
    if alternatives:
        inner = _seen | {skill}  # once per choice, not per alternative
        levels = [held(graph, alt, known, inner) for alt in alternatives if alt not in _seen]
        count = graph.choice_count(skill)
        if count == 1:  # the usual choice: its best alternative, no sort
            rank = max([rank, *levels])
        elif len(levels) >= count:
            rank = max(rank, sorted(levels, reverse=True)[count - 1])
    return rank


def building_on(graph: SkillGraph, choice: str, known: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Return the alternatives of ``choice`` that build on an alternative the learner picked.

    An alternative builds on a pick when one of its prerequisites is itself the alternative of
    a choice (a language, say) and the learner knows it: a Go developer's web framework is Gin
    or Go's net/http, not Django. So does one built on a skill of its own kind the learner knows:
    a JavaScript developer's backend language is JavaScript on Node.js or TypeScript; and one
    that covers a pick, as a platform's own service covers the platform: an Azure engineer's
    functions platform is Azure Functions, not AWS Lambda. Each is
    mapped to the picks it builds on; alternatives that all share a prerequisite tell nothing
    apart and are left out (``{}`` when none fits).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> fits = building_on(g, g.resolve("backend web framework"), {g.resolve("go"): 2})
    >>> sorted(g.label(a) for a in fits), {g.label(p) for picks in fits.values() for p in picks}
    (['Gin', 'Go net/http'], {'Go'})
    >>> fits = building_on(g, g.resolve("serverless functions platform"), {g.resolve("azure"): 3})
    >>> [g.label(a) for a in fits]
    ['Azure Functions']
    """
    alternatives = graph.choices.get(choice, ())
    if not alternatives:  # not a choice: nothing to tell apart (the picks are not looked for)
        return {}
    picks = {alt for alts in graph.choices.values() for alt in alts if known.get(alt, 0) > 0}

    def builds_on(alt: str, prerequisite: str) -> bool:
        if prerequisite in picks:
            return True
        kind = graph.node(alt).get("category")
        return (
            known.get(prerequisite, 0) > 0
            and kind is not None
            and graph.node(prerequisite).get("category") == kind
        )

    found = {
        alt: tuple(
            sorted(
                {p for p in graph.needs.get(alt, ()) if builds_on(alt, p)}
                | {c for c, _, _ in graph.covers.get(alt, ()) if c in picks}
            )
        )
        for alt in alternatives
    }
    found = {alt: ps for alt, ps in found.items() if ps}
    return found if len(found) < len(alternatives) else {}
