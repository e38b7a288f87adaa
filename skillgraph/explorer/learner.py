"""What the explorer's learner mode needs to compute in the browser, as JSON-ready data.

The page (``static/learner.js``) recomputes, after each click, what a profile implies, the
frontier towards a target and a plan, with the same rules as
:func:`skillgraph.algorithms.knowledge.implied` and
:func:`skillgraph.algorithms.frontier.next_steps`. What the browser cannot recompute
cheaply is given here: each skill's prerequisites as :attr:`SkillGraph.needs` (own plus
those of the choices it is an alternative of), the alternatives of each choice, the
effort per level, what each skill covers (:attr:`SkillGraph.covers`), how many alternatives
each choice asks for, each role's *effective* requirements
(:func:`skillgraph.model.ladder.effective_requirements`), and the skill choices the
exported plan resolved (the exact optimisation over choices stays in Python).

>>> import skillgraph
>>> g = skillgraph.load()
>>> data = learner_data(g, target=g.resolve("junior"), have={g.resolve("python"): 2})
>>> data["target"] == g.resolve("junior"), data["cap"]
(True, 2)
>>> g.resolve("programming fundamentals") in data["skills"][g.resolve("python")]["needs"]
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from skillgraph.algorithms.knowledge import IMPLIED_CAP
from skillgraph.algorithms.profile import UNSTATED
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES


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
    skills: dict[str, Any] = {}
    ordered = graph.nodes("skill")
    for n, key in enumerate(ordered):
        attrs = graph.node(key)
        skills[key] = {
            "id": attrs["id"],
            "label": graph.label(key),
            "names": [graph.label(key), *attrs.get("alt_labels", ()), attrs["id"]],
            "order": n,
            "needs": list(graph.needs.get(key, ())),
            "alts": list(graph.choices.get(key, ())),
            "count": graph.choice_count(key),
            "covers": [list(c) for c in graph.covers.get(key, ())],
            "effort": [[int(r), float(h)] for r, h in attrs.get("effort", ())],
            "practice": attrs.get("learned_by") == "practice",
        }
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
        "target": target,
        "have": dict(have or {}),
        "choices": {choice: list(alts) for choice, alts in (choices or {}).items()},
        "skip": list(skipped),
        "learning": list(learning),
        "levels": {str(r): label for r, label in sorted(graph.proficiency_labels.items())},
        "unstated": UNSTATED,
        "cap": IMPLIED_CAP,
        "roadmap": list(roadmap),
    }
