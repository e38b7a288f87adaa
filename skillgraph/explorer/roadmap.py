"""What the explorer's roadmap view lays out: sections, each a role and the skills it adds.

The page draws each section top to bottom: its skills in stages of prerequisite order,
grouped by category within a stage, then the section's role as a milestone below them.
A plan is one section (the target and the plan's skills); a career path has one section
per step (the skills a step adds first appear there); a page without either opens on the
ladder's trunk: the path from the entry role up to the first role the ladder forks at.

>>> import skillgraph
>>> g = skillgraph.load()
>>> [g.label(s["role"]) for s in ladder_sections(g)][:2]
['Junior Backend Developer', 'Backend Developer']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from skillgraph.algorithms.paths import CareerPath, career_path
from skillgraph.model.graph import SkillGraph

__all__ = [
    "Section",
    "ladder_sections",
    "ladder_trunk",
    "normalize",
    "path_sections",
]

#: A roadmap section: ``{"role": key or None, "skills": [keys]}`` (JSON-ready).
Section = dict[str, Any]


def path_sections(path: CareerPath) -> list[Section]:
    """One section per step of *path*: the step's role and the skills first asked there.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> path = skillgraph.career_path(g, g.resolve("junior"), g.resolve("senior"))
    >>> sections = path_sections(path)
    >>> [s["role"] for s in sections] == [step.key for step in path.steps]
    True
    >>> keys = [k for s in sections for k in s["skills"]]
    >>> len(keys) == len(set(keys))
    True
    """
    seen: set[str] = set()
    sections: list[Section] = []
    for step in path.steps:
        skills = [item.key for item in step.skills if item.key not in seen]
        seen.update(skills)
        sections.append({"role": step.key, "skills": skills})
    return sections


def ladder_trunk(graph: SkillGraph) -> list[str]:
    """The roles from the entry role (lowest level, nothing before it) up to the first fork.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> trunk = ladder_trunk(g)
    >>> g.node(trunk[0])["level"] == min(g.node(r).get("level") or 99 for r in g.nodes("role"))
    True
    """
    roles = [r for r in graph.nodes("role") if r in graph.ladder]
    entries = [r for r in roles if not any(p in roles for p in graph.ladder.predecessors(r))]
    if not entries:
        return []
    chain = [min(entries, key=lambda r: (graph.node(r).get("level") or 99, graph.order_key(r)))]
    while True:
        after = [r for r in graph.ladder.successors(chain[-1]) if r in roles and r not in chain]
        if len(after) != 1:
            return chain
        chain.append(after[0])


def ladder_sections(graph: SkillGraph) -> list[Section]:
    """The sections of the ladder's trunk (see :func:`ladder_trunk`), or none without roles.

    >>> import skillgraph
    >>> len(ladder_sections(skillgraph.load())) >= 2
    True
    """
    trunk = ladder_trunk(graph)
    if not trunk:
        return []
    return path_sections(career_path(graph, trunk[0], trunk[-1]))


def normalize(roadmap: Iterable[Any], present: Any) -> list[Section]:
    """Sections from *roadmap* (sections, or node keys: one section whose role is the last
    key that is no skill), keeping only the nodes in *present*.

    >>> normalize(["t", "a", "b", "zz"], {"t": {"type": "role"}, "a": {"type": "skill"}, "b": {}})
    [{'role': 't', 'skills': ['a', 'b']}]
    >>> normalize([{"role": None, "skills": ["a"]}], {"a": {}})
    [{'role': None, 'skills': ['a']}]
    """
    items = list(roadmap)
    if all(isinstance(item, dict) for item in items):
        return [
            {
                "role": s.get("role") if s.get("role") in present else None,
                "skills": [k for k in s.get("skills", ()) if k in present],
            }
            for s in items
        ]
    keys = [k for k in items if not isinstance(k, dict) and k in present]
    roles = [k for k in keys if present[k].get("type") in ("role", "specialization")]
    role = roles[-1] if roles else None
    return [{"role": role, "skills": [k for k in keys if k != role]}] if keys else []
