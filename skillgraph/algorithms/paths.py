"""Career paths: the roles from one to another and the skills each step asks for.

A path follows role progressions (and branches into specializations) from the
starting role to the target. Every role on the way, the first included, is a
step. Someone asking the way from a role they hold (``in_source=True``, what
``skillgraph path FROM TO`` answers) knows what that role asks: its requirements count
as known, the first step adds nothing, and the path tells how many hours that role
takes from nothing and which of its requirements were taken on trust. A
step a step lists what that role effectively requires (its own requirements and
those it inherits, see :mod:`skillgraph.model.ladder`) that is not yet known, from
``have`` (with everything it implies, see :mod:`skillgraph.algorithms.knowledge`) or
from the earlier steps, together with the prerequisites of those skills, ordered so
that each skill comes after its prerequisites. A skill already held at a lower
proficiency appears again with the higher one asked, and costs the hours between the
two levels. A skill choice (such as "a backend programming language") counts as known
when any one of its alternatives is. Each step also tells the study hours it takes and
the typical years spent in the role.

>>> import skillgraph
>>> g = skillgraph.load()
>>> path = career_path(g, g.resolve("junior"), g.resolve("senior"))
>>> [step.label for step in path.steps]
['Junior Backend Developer', 'Backend Developer', 'Senior Backend Developer']
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import networkx as nx

from skillgraph.algorithms.knowledge import implied
from skillgraph.algorithms.steps import (
    CareerPath,
    RoleStep,
    SkillItem,
    StartRole,
    in_role,
    role_skills,
    skills_to_acquire,
)
from skillgraph.errors import NoPathError
from skillgraph.model.graph import SkillGraph

if TYPE_CHECKING:
    from skillgraph.algorithms.transitions import Transitions


def role_route(graph: SkillGraph, source: str, target: str) -> list[str]:
    """Return the roles (and specializations) from ``source`` to ``target``, both included."""
    try:
        route: list[str] = nx.shortest_path(graph.ladder, source, target)
        return route
    except nx.NetworkXNoPath:
        raise NoPathError(graph.label(source), graph.label(target)) from None
    except nx.NodeNotFound:
        raise NoPathError(graph.label(source), graph.label(target), "not a role") from None


def career_path(
    graph: SkillGraph,
    source: str,
    target: str,
    *,
    have: Mapping[str, int] | None = None,
    include_optional: bool = False,
    in_source: bool = False,
    learning: Collection[str] = (),
) -> CareerPath:
    """Return the career path from role ``source`` to role ``target`` (node keys).

    ``have`` maps skills already known to the proficiency rank held; they are
    left out of every step. Each step asks the role's essential requirements (and its
    optional ones with ``include_optional``). With ``in_source`` the learner holds
    ``source``: what it asks counts as known besides ``have`` (see :func:`in_role`), which
    is what ``skillgraph path FROM TO`` answers. A choice none of whose alternatives is held is
    met by one in ``learning`` (the skills being learned), as ``plan`` and ``progress`` meet it.

    Between a curated role and an ESCO or O*NET occupation the path crosses the role
    crosswalk (``kind == "crosswalk"``, :mod:`skillgraph.algorithms.crossings`). Otherwise,
    when no chain of progressions joins the two roles (imported taxonomies have none), the
    answer is the direct transition (``kind == "transition"``, scored as
    ``skillgraph transitions`` scores it), which always starts from ``source`` held; the
    scoring (NumPy, SciPy) is loaded only then. Raises
    :class:`~skillgraph.errors.NoPathError` when the two roles have nothing in common, or
    when ``target`` is a role ``source`` builds on (down its own ladder).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> junior, senior = g.resolve("junior"), g.resolve("senior")
    >>> held_junior = career_path(g, junior, senior, in_source=True)
    >>> held_junior.steps[0].skills, held_junior.start.hours > 0
    ((), True)
    >>> whole = career_path(g, junior, senior)  # from nothing: junior's skills are the first step
    >>> round(whole.effort_hours - held_junior.effort_hours - held_junior.start.hours, 6)
    0.0
    >>> move = career_path(g, g.resolve("devops"), g.resolve("database administrator"))
    >>> move.kind, [s.label for s in move.steps]
    ('transition', ['DevOps Engineer', 'Database Administrator'])
    """
    try:
        route = role_route(graph, source, target)
    except NoPathError:
        from skillgraph.algorithms.crossings import crossing_route
        from skillgraph.algorithms.transitions import direct_move

        crossed = crossing_route(graph, source, target, have=have, include_optional=include_optional)
        if crossed is not None:  # a curated role and an occupation the role crosswalk links
            return crossed
        return direct_move(graph, source, target, have=have, include_optional=include_optional)
    start = None
    if in_source:
        known, start = in_role(graph, source, have, learning=learning)  # a role is held by its essentials
    else:
        known = implied(graph, have or {})
    steps = []
    for role in route:
        items = (
            []
            if start is not None and role == source
            else role_skills(graph, role, known, include_optional=include_optional, learning=learning)
        )
        for item in items:
            known[item.key] = max(known.get(item.key, 0), item.proficiency)
        known = implied(graph, known)
        steps.append(RoleStep.of(graph, role, tuple(items)))
    return CareerPath(
        source=source, target=target, steps=tuple(steps), have=tuple(sorted(have or {})), start=start
    )


__all__ = [
    "CareerPath",
    "RoleStep",
    "SkillItem",
    "StartRole",
    "career_path",
    "in_role",
    "role_route",
    "role_skills",
    "skills_to_acquire",
    "with_path_hours",
]


def with_path_hours(graph: SkillGraph, moves: Transitions) -> Transitions:
    """Return ``moves`` with each move's study hours: what :func:`career_path` (``skillgraph path
    ORIGIN DESTINATION``) counts, the origin held, so the two answers give one figure. None where
    no path joins them, or the taxonomy estimates no hours (not 0 h).

    >>> import skillgraph
    >>> from skillgraph.algorithms.transitions import transitions
    >>> g = skillgraph.load()
    >>> moves = with_path_hours(g, transitions(g, g.resolve("junior"), top=1))
    >>> moves.rows[0].hours > 0
    True
    """

    def hours(destination: str) -> float | None:
        try:
            path = career_path(graph, moves.origin.key, destination, in_source=True)
        except NoPathError:
            return None
        studied = [i for step in path.steps for i in step.skills if i.learned_by != "practice"]
        if not path.effort_hours and any(i.effort_hours is None for i in studied):
            return None
        return round(path.effort_hours, 1)

    return replace(
        moves,
        rows=tuple(replace(row, hours=hours(row.destination.key)) for row in moves.rows),
        linked=tuple(replace(move, hours=hours(move.destination.key)) for move in moves.linked),
    )
