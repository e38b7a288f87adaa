"""A posting as a target: its skills become the requirements of a role, and the nearest roles.

:func:`posting_target` returns the graph with one more role, the posting, that requires each
skill extracted with a score of at least :data:`REQUIRED_SCORE` (every mention, and what the
descriptions show clearly) at the level its words ask (unstated when they ask none: any level meets it)
and with the importance they give (a "nice to have" skill is optional). ``gap`` and ``plan``
then answer for it exactly as for any role: knowing a skill implies its prerequisites, a skill
choice is met by one alternative, effort is per level, optional skills count only when asked.

:func:`closest_roles` ranks the roles and occupations by how much of what they require the
posting asks (the cosine of the two skill sets): a curated role, an imported occupation.

>>> import skillgraph
>>> from skillgraph.algorithms.extract import extract
>>> g = skillgraph.load()
>>> found = extract(g, "Strong Python and Docker; Kubernetes is a plus.")
>>> view, key = posting_target(g, found)
>>> sorted(g.label(s) for s in view.requirements(key))
['Containers (Docker)', 'Python']
>>> sorted(g.label(s) for s in view.requirements(key, include_optional=True))
['Containers (Docker)', 'Kubernetes', 'Python']
>>> key in g
False
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from typing import Final

from skillgraph.algorithms.crosswalk import is_curated, role_links
from skillgraph.algorithms.extract import ExtractedSkill, Extraction, RoleMatch
from skillgraph.algorithms.extract.idioms import IDIOMS
from skillgraph.algorithms.extract.index import extract_index
from skillgraph.errors import OutOfScopeError
from skillgraph.model.graph import SkillGraph
from skillgraph.model.indexes import share_indexes
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES

__all__ = [
    "POSTING_IRI",
    "REQUIRED_SCORE",
    "closest_roles",
    "is_curated",
    "posting_target",
    "required",
    "with_closest",
]

#: The least score of a skill the posting's role requires: every mention, and the skills its
#: descriptions show clearly (a weak inference is listed by ``extract``, not required).
REQUIRED_SCORE: Final = 0.4
#: Where the posting's node lives (it is never written anywhere).
POSTING_IRI: Final = "urn:skillgraph:posting:"

#: The indexes of a view that do not depend on its roles, shared with the posting's view.
_SHARED: Final = (
    "names",
    "choices",
    "needs",
    "proficiency_labels",
    "plan",
    "all_prerequisites",
)


def posting_target(
    graph: SkillGraph, extraction: Extraction, *, name: str = "the posting"
) -> tuple[SkillGraph, str]:
    """Return a view of ``graph`` with the posting as a role, and the posting's key.

    ``graph`` itself is left as it was (the posting is added to a copy of its NetworkX graph). A
    posting that asks no skill of the graph but what every job asks (:func:`of_every_job`: a
    nurse's or a warehouse operative's, on the curated graph alone) is outside its trades: no gap
    to it can be measured (:class:`~skillgraph.errors.OutOfScopeError`).
    """
    wanted = required(extraction)
    every_job = [s.label for s in wanted if of_every_job(graph, s)]
    if len(every_job) == len(wanted):
        raise OutOfScopeError(name, every_job)
    digest = hashlib.sha256(
        "\n".join(f"{s.key} {s.level} {s.importance} {s.one_of}" for s in wanted).encode()
    )
    key = POSTING_IRI + digest.hexdigest()[:16]
    copy = graph.nx.copy()
    copy.add_node(
        key,
        id="posting",
        type="role",
        label=name,
        alt_labels=(),
        description="the skills a posting asks for, as extracted from its text",
        level=None,
        provenance={},
        sources=("the posting",),
    )
    labels = graph.proficiency_labels
    choices = _choices(wanted)
    # a choice one of whose alternatives the posting also asks on its own is met by that one:
    # "via Apache Kafka" and "(Kafka or RabbitMQ)" ask Kafka, not RabbitMQ
    met = [alts for alts in choices if any(not s.one_of for s in alts)]
    choices = [alts for alts in choices if alts not in met]
    only_as_alternative = {s.key for alts in met for s in alts if s.one_of}
    alone = [
        s
        for s in wanted
        if s.key not in only_as_alternative and not any(s in alternatives for alternatives in choices)
    ]
    for number, alternatives in enumerate(choices, start=1):  # "Django or FastAPI": one of them
        choice = f"{key}-choice-{number}"
        copy.add_node(
            choice,
            id=f"posting-choice-{number}",
            type="skill",
            label=" or ".join(s.label for s in alternatives),
            alt_labels=(),
            description="one of the skills a posting lists as alternatives",
            choice=True,
            count=1,
            category=_shared_category(graph, alternatives),
            level=None,
            provenance={},
            sources=("the posting",),
        )
        for alternative in alternatives:
            copy.add_edge(choice, alternative.key, "any_of")
    asked = [
        *((s.key, s.level, s.importance) for s in alone),
        *(
            (
                f"{key}-choice-{number}",
                max((s.level for s in alts if s.level is not None), default=None),
                "essential" if any(s.importance == "essential" for s in alts) else "optional",
            )
            for number, alts in enumerate(choices, start=1)
        ),
    ]
    for skill, level, importance in asked:
        stated = level is not None
        rank = level if level is not None else 1
        copy.add_edge(
            key,
            skill,
            "requires",
            proficiency=rank,
            proficiency_label=labels.get(rank) if stated else None,
            stated=stated,
            importance=importance,
        )
    view = SkillGraph(copy, sources=graph.sources)
    share_indexes(graph, view, _SHARED)
    if choices:  # the posting's choices are the graph's, and one more each
        view.indexes.pop("plan", None)
        view.indexes["choices"] = {
            **graph.choices,
            **{f"{key}-choice-{n}": tuple(s.key for s in alts) for n, alts in enumerate(choices, start=1)},
        }
    return view, key


def _choices(wanted: list[ExtractedSkill]) -> list[list[ExtractedSkill]]:
    """The choices among the skills ``wanted``: each skill asked only as one of others, with
    those others that are wanted too (a choice left with one alternative is that skill)."""
    by_key = {s.key: s for s in wanted}
    found: dict[tuple[str, ...], list[ExtractedSkill]] = {}
    for skill in wanted:
        if skill.one_of:
            group = tuple(sorted({skill.key, *(k for k in skill.one_of if k in by_key)}))
            found[group] = sorted((by_key[k] for k in group), key=lambda s: (s.label, s.key))
    return [alternatives for alternatives in found.values() if len(alternatives) > 1]


def _shared_category(graph: SkillGraph, skills: list[ExtractedSkill]) -> str | None:
    """The category of the alternatives of a choice, when they have one."""
    categories = {graph.node(s.key).get("category") for s in skills}
    return next(iter(categories)) if len(categories) == 1 else None


#: The category of the curated skills every job asks for: they tell no role apart.
EVERY_JOB_CATEGORY: Final = "soft skill"
_EVERY_JOB_NAMES: Final = frozenset(name.casefold() for names in IDIOMS.values() for name in names)


def of_every_job(graph: SkillGraph, skill: ExtractedSkill) -> bool:
    """Whether ``skill`` is one every job asks for: a soft skill, or one the phrases of postings
    name (:mod:`.idioms`: "team player" is ESCO's "work in teams").

    >>> import skillgraph
    >>> from skillgraph.algorithms.extract import extract
    >>> g = skillgraph.load()
    >>> [(s.label, of_every_job(g, s)) for s in extract(g, "Python and good communication skills").skills]
    [('Python', False), ('Communication', True)]
    """
    return (
        skill.how == "idiom"
        or graph.node(skill.key).get("category") == EVERY_JOB_CATEGORY
        or skill.label.casefold() in _EVERY_JOB_NAMES
    )


def required(extraction: Extraction) -> list[ExtractedSkill]:
    """Return the skills of ``extraction`` a posting's role requires (:data:`REQUIRED_SCORE` or more)."""
    return [s for s in extraction.skills if s.score >= REQUIRED_SCORE]


def closest_roles(graph: SkillGraph, extraction: Extraction, *, top: int = 3) -> list[tuple[str, float]]:
    """Return the roles and occupations closest to the posting, with their similarity (0 to 1).

    The roles the posting names come first ("Senior Backend Engineer"), then the others by the
    cosine of the skills the posting asks (:data:`REQUIRED_SCORE` or more: none when it asks
    none) and the role's effective requirements (optional ones included). A skill choice a
    role requires is shared when the posting asks one of its alternatives (Python meets the
    backend language). A posting that asks only skills every job asks (:func:`of_every_job`) is
    close to no role but those it names, and a role must share two of the skills asked when the
    posting asks two or more.

    >>> import skillgraph
    >>> from skillgraph.algorithms.extract import extract
    >>> g = skillgraph.load()
    >>> found = extract(g, "Replication and failover, backups and recovery, query tuning, PostgreSQL")
    >>> [g.label(k) for k, _ in closest_roles(g, found, top=1)]
    ['Database Administrator']
    >>> found = extract(g, "Platform Engineer: Kubernetes and Terraform")  # a name of DevOps Engineer
    >>> [g.label(k) for k, _ in closest_roles(g, found, top=1)]
    ['DevOps Engineer']
    """
    # what the posting asks, not the guesses (a description that says little): a posting asking
    # nothing (a warehouse operative's, in a graph of software careers) is close to no role
    sure = [s for s in extraction.skills if s.score >= REQUIRED_SCORE]
    asked = {k for s in sure for k in (s.key, *s.same)}
    telling = [s for s in sure if not of_every_job(graph, s)]
    if not telling:
        asked = set()  # a shop assistant's communication is no backend developer's
    # one skill in common of several asked is no likeness ("card payments" and a payments engineer)
    least = min(2, len(telling))
    index = extract_index(graph)
    # a choice is met by one alternative: a posting asking Python asks a backend language
    met = asked | {c for c, alternatives in graph.choices.items() if asked.intersection(alternatives)}
    candidates = {r for s in met for r in index.required_by.get(s, ())}
    candidates |= {k for k in graph.nodes(LADDER_TYPES) if is_curated(k)}
    ranked = []
    for role in candidates:
        required = set(effective_requirements(graph, role, include_optional=True))
        shared = len(met & required)
        if shared and shared >= least:
            ranked.append((role, min(1.0, shared / math.sqrt(len(asked) * len(required)))))
    named = {role: rank for rank, role in enumerate(extraction.named)}
    ranked += [(role, 0.0) for role in named if role not in {r for r, _ in ranked}]
    ranked.sort(key=lambda rs: (named.get(rs[0], len(named)), -rs[1], graph.order_key(rs[0])))
    return [(role, round(score, 3)) for role, score in ranked[:top]]


def with_closest(graph: SkillGraph, extraction: Extraction) -> Extraction:
    """Return ``extraction`` naming its closest curated role and imported occupation (where any).

    The occupation is the one the text names; else the one the crosswalk links to the closest
    role, the closest link first (Senior Backend Developer: ESCO's software developer, a broad
    match); else the one sharing the most skills with the posting (:func:`closest_roles`).

    >>> import skillgraph
    >>> from skillgraph.algorithms.extract import extract
    >>> g = skillgraph.load()
    >>> [m.kind for m in with_closest(g, extract(g, "Python, SQL, Git")).closest]
    ['role']
    """
    ranked = closest_roles(graph, extraction, top=len(graph))
    similarity = dict(ranked)
    found: list[RoleMatch] = []
    for kind, curated in (("role", True), ("occupation", False)):
        best = next((r for r, _ in ranked if is_curated(r) == curated), None)
        via = None
        if not curated and best not in extraction.named and found:
            role = found[0].key
            link = next(((k, rel) for k, rel in role_links(graph, role) if not is_curated(k)), None)
            if link is not None:
                best, via = link[0], (role, graph.label(role), link[1])
        if best is not None:
            found.append(
                RoleMatch(
                    kind, best, graph.label(best), similarity.get(best, 0.0), best in extraction.named, via
                )
            )
    return replace(extraction, closest=tuple(found))
