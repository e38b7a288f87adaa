"""The answer to "from this role to that one": the ladder when one joins them, else the direct move.

>>> import skillgraph
>>> g = skillgraph.load()
>>> route(g, g.resolve("junior"), g.resolve("lead")).kind
'ladder'
"""

from __future__ import annotations

from collections.abc import Mapping

from skillgraph.algorithms.paths import CareerPath, career_path
from skillgraph.errors import NoPathError
from skillgraph.model.graph import SkillGraph


def route(
    graph: SkillGraph,
    source: str,
    target: str,
    *,
    have: Mapping[str, int] | None = None,
    include_optional: bool = False,
) -> CareerPath:
    """Return the career path from ``source`` to ``target``, or the direct transition when no
    progression chain joins them (``kind == "transition"``, with its score).

    The learner holds ``source``: what it asks counts as known, besides ``have``, and the
    first step adds nothing (its hours and what was taken on trust are in ``path.start``).

    The transition scoring (NumPy, SciPy) is loaded only when no ladder joins the roles.
    Raises :class:`~skillgraph.errors.NoPathError` when the two roles have nothing in common
    (no skill, skill group or task words shared), or when ``target`` is a role ``source``
    builds on (down its own ladder).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> route(g, g.resolve("junior"), g.resolve("senior")).kind
    'ladder'
    >>> move = route(g, g.resolve("devops"), g.resolve("database administrator"))
    >>> move.kind, [s.label for s in move.steps]
    ('transition', ['DevOps Engineer', 'Database Administrator'])
    """
    try:
        return career_path(
            graph, source, target, have=have, include_optional=include_optional, in_source=True
        )
    except NoPathError:
        from skillgraph.algorithms.transitions import direct_move

        return direct_move(graph, source, target, have=have, include_optional=include_optional)
