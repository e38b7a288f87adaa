"""What the explorer's learner mode reads in the browser, as JSON-ready data.

The page (``static/learner.js``) keeps the frontier towards a target and the plan in the
browser, recomputed after each click as :func:`skillgraph.algorithms.frontier.next_steps`
ranks them, but states none of the rules itself: it reads their answers here, as the derived
graph publishes them (:mod:`skillgraph.algorithms.derived`):

- ``implies``: what knowing each skill at each rank brings directly
  (:func:`~skillgraph.algorithms.derived.direct_implications`, the ``sg:implies`` of the
  derived graph: prerequisites and coverage with their levels), listed from the rank on
  which it changes; following it gives :func:`~skillgraph.algorithms.knowledge.implied`;
- ``teaches`` and ``teachesBeyond``: what learning each skill to each rank teaches of the
  skills it covers, apart from its prerequisites (:func:`~skillgraph.algorithms.knowledge.taught_with`:
  a plan learns them with it, :func:`~skillgraph.algorithms.knowledge.covered_items`) and of its
  own prerequisites (:func:`~skillgraph.algorithms.knowledge.taught_beyond`: learned first only
  as far as needed, :func:`~skillgraph.algorithms.knowledge.learned_first`), rows as ``implies``
  (these three only where not empty);
- ``standsFor``: the alternatives a choice names in a next step's "opens"
  (:func:`~skillgraph.algorithms.frontier.stands_for`);
- ``prerequisiteLevel``: the level a skill's prerequisites are needed at to learn it at each
  rank (:func:`~skillgraph.algorithms.knowledge.implied_level`);
- each role's *effective* requirements (:func:`skillgraph.model.ladder.effective_requirements`,
  the ``sg:effectiveRequirement`` of the derived graph, relaxations applied);

and the graph itself: each skill's prerequisites as :attr:`SkillGraph.needs` (own plus those
of the choices it is an alternative of), the alternatives of each choice and how many it asks
for, the effort per level, and the skill choices the exported plan resolved (the exact
optimisation over choices stays in Python).

>>> import skillgraph
>>> g = skillgraph.load()
>>> data = learner_data(g, target=g.resolve("junior"), have={g.resolve("python"): 2})
>>> data["target"] == g.resolve("junior")
True
>>> g.resolve("programming fundamentals") in data["skills"][g.resolve("python")]["needs"]
True
>>> data["prerequisiteLevel"]["4"]
2
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from skillgraph.algorithms.derived import direct_implications
from skillgraph.algorithms.frontier import stands_for
from skillgraph.algorithms.knowledge import implied_level, taught_beyond, taught_with
from skillgraph.algorithms.profile import TAXONOMIES, UNSTATED, taxonomy_name
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES

__all__ = [
    "implication_rows",
    "learner_data",
]


def learner_data(
    graph: SkillGraph,
    *,
    target: str | None = None,
    have: Mapping[str, int] | None = None,
    choices: Mapping[str, Sequence[str]] | None = None,
    skipped: Iterable[str] = (),
    learning: Iterable[str] = (),
    roadmap: Iterable[str] = (),
) -> dict[str, Any]:
    """Return the learner-mode data of ``graph`` (see the module).

    ``have`` is the profile the page starts from (skill -> rank, :data:`UNSTATED` for a skill
    known without a level), ``choices`` the skill choice -> the alternatives a plan picked,
    ``roadmap`` the nodes the page opens on in the roadmap view (a path or a plan).
    """
    ranks = [*sorted(graph.proficiency_labels), UNSTATED]
    skills: dict[str, Any] = {}
    ordered = graph.nodes("skill")
    index = {key: n for n, key in enumerate(ordered)}
    for n, key in enumerate(ordered):
        attrs = graph.node(key)
        readable = taxonomy_name(graph, key)  # esco:label, as a profile names an imported skill
        skills[key] = {
            "id": readable or attrs["id"],
            "label": graph.label(key),
            "names": [graph.label(key), *attrs.get("alt_labels", ()), attrs["id"], *filter(None, [readable])],
            "order": n,
            "needs": list(graph.needs.get(key, ())),
            "alts": list(graph.choices.get(key, ())),
            "count": graph.choice_count(key),
            "implies": implication_rows(graph, key, ranks, index),
            "effort": [[int(r), float(h)] for r, h in attrs.get("effort", ())],
            "practice": attrs.get("learned_by") == "practice",
        }
        decided = {  # written only where there is something to say, to keep the page small
            "teaches": _rows(partial(taught_with, graph, key), ranks, index),
            "teachesBeyond": _rows(partial(taught_beyond, graph, key), ranks, index),
            "standsFor": [index.get(alt, alt) for alt in stands_for(graph, key)],
        }
        skills[key].update({name: table for name, table in decided.items() if table})
    roles: dict[str, Any] = {}
    for key in graph.nodes(LADDER_TYPES):
        reqs = effective_requirements(graph, key)
        roles[key] = {
            "label": graph.label(key),
            "level": graph.node(key).get("level"),
            "requirements": [[s, r.rank] for s, r in reqs.items()],
        }
    return {
        "skills": skills,
        "roles": roles,
        "taxonomies": list(TAXONOMIES),  # the prefixes of esco:label names in a profile
        "target": target,
        "have": dict(have or {}),
        "choices": {choice: list(alts) for choice, alts in (choices or {}).items()},
        "skip": list(skipped),
        "learning": list(learning),
        "levels": {str(r): label for r, label in sorted(graph.proficiency_labels.items())},
        "unstated": UNSTATED,
        "prerequisiteLevel": {str(rank): implied_level(rank) for rank in ranks},
        "roadmap": list(roadmap),
    }


def implication_rows(
    graph: SkillGraph, skill: str, ranks: Sequence[int], index: Mapping[str, int] | None = None
) -> list[list[Any]]:
    """Return what knowing ``skill`` brings directly, as ``[rank, [[skill, level], ...]]`` rows
    for the ranks (ascending) on which it changes: a rank reads the last row at or below it.
    A skill in ``index`` is written as its number there (the page's ``order``), to keep the page small.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> python, fundamentals = g.resolve("python"), g.resolve("programming fundamentals")
    >>> rows = implication_rows(g, python, [1, 2, 3, 4, UNSTATED])
    >>> [rank for rank, _ in rows], [fundamentals, 2] in rows[1][1]
    ([1, 2], True)
    >>> [7, 2] in implication_rows(g, python, [1, 2], {fundamentals: 7})[1][1]
    True
    """
    return _rows(lambda rank: direct_implications(graph, skill, rank), ranks, index or {})


def _rows(
    by_rank: Callable[[int], dict[str, int]], ranks: Sequence[int], index: Mapping[str, int]
) -> list[list[Any]]:
    """``by_rank`` for each of ``ranks`` as ``[rank, [[skill, level], ...]]`` rows, one per change."""
    rows: list[list[Any]] = []
    previous: dict[str, int] = {}
    for rank in ranks:
        found = by_rank(rank)
        if found != previous:
            rows.append([rank, [[index.get(other, other), level] for other, level in found.items()]])
            previous = found
    return rows
