"""How feasible a move from one role to another is: a directional, documented score.

For an origin role ``o`` and a destination ``d`` (roles and specializations of any graph:
the curated ladder, an ESCO or O*NET import), four components in [0, 1], each weighted
by how rare its items are (the smooth ``idf(x) = 1 + log((1 + N) / (1 + df(x)))`` over the
``N`` roles: a skill every role asks, such as an office suite, counts least):

``essential``
    the share of the destination's essential skills the origin already has,
    ``w(E_o & E_d) / (w(E_d) + 5)`` (directional; the ``+ 5`` shrinks the score of
    destinations asking only one or two skills). ``E`` is a role's effective essential
    requirements with every prerequisite they imply (knowing a skill implies them).
``optional``
    the weighted Jaccard overlap of all the skills of both roles, essential and optional.
``groups``
    the weighted Jaccard overlap of their skills' groups (``skos:broader``: the ESCO skills
    hierarchy, O*NET commodity classes; the curated categories).
``tasks``
    the cosine of TF-IDF vectors of the work the roles do: task statements (``sg:task``)
    with the role's title, description and alternative titles.

A component is left out of a pair when a side has nothing for it (no task statements on
the curated graph or ESCO), and the weights are renormalised over the rest::

    score(o, d) = sum_k w_k c_k(o, d) / sum_{k present} w_k

The default weights (0.1, 0.1, 0.1, 1.0) were chosen on O*NET 29.2's related occupations
(``benchmarks/onet_related.py``): task text is the strongest signal there; without task
statements the three skill components weigh the same, as in Nesta's Mapping Career
Causeways. A move may not climb more than :data:`MAX_CLIMB` levels (O*NET Job Zone, or the
curated seniority level; a specialization sits at the level of the role it branches from),
except to a role its ladder progresses to (senior to engineering manager), and the roles a
role builds on (those below it on its ladder) are not moves from it.
See ``docs/transitions.md``.

>>> import skillgraph
>>> g = skillgraph.load()
>>> result = transitions(g, g.resolve("junior"), top=20)
>>> "DevOps Engineer" in [t.destination.label for t in result.rows]
True
>>> "Senior Backend Developer" in [t.destination.label for t in result.rows]  # two levels up
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from skillgraph.algorithms.knowledge import implied
from skillgraph.algorithms.plan.results import NodeRef
from skillgraph.algorithms.similarity import incidence, tfidf, tokens
from skillgraph.algorithms.steps import (
    CareerPath,
    RoleStep,
    SkillItem,
    in_role,
    role_skills,
    skills_to_acquire,
)
from skillgraph.errors import InputError, NoPathError
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.indexes import index as kept_index
from skillgraph.model.ladder import effective_requirements, ladder_chain, predecessor
from skillgraph.vocabulary import LADDER_TYPES

if TYPE_CHECKING:
    import scipy.sparse as sp

#: The components of the score, in display order.
COMPONENTS: Final = ("essential", "optional", "groups", "tasks")
#: The weight of each component (renormalised over the components a pair has).
DEFAULT_WEIGHTS: Final[Mapping[str, float]] = {"essential": 0.1, "optional": 0.1, "groups": 0.1, "tasks": 1.0}
#: Added to the weight of the destination's essential skills: a destination asking few skills
#: is not an easy move because the origin has those few.
COVERAGE_PRIOR: Final = 5.0
#: How many levels (Job Zones, seniority levels) a move may climb.
MAX_CLIMB: Final = 1


@dataclass(frozen=True)
class RoleProfile:
    """What the score compares of a role: skills, their groups, the work done, the level."""

    essential: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    texts: tuple[str, ...] = ()
    level: int | None = None


def role_level(graph: SkillGraph, key: str) -> int | None:
    """Return the level a move to or from ``key`` is bounded by: its Job Zone, else its level.

    A specialization without a level sits at the level of the role it branches from;
    imported occupations (level 0, unranked) have none unless a Job Zone is given.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> role_level(g, g.resolve("devops")) == role_level(g, g.resolve("mid-level"))
    True
    """
    seen: set[str] = set()
    while key not in seen:
        seen.add(key)
        attrs = graph.node(key)
        if attrs.get("job_zone"):
            return int(attrs["job_zone"])
        if attrs.get("level"):
            return int(attrs["level"])
        before = predecessor(graph, key) if attrs.get("type") == "specialization" else None
        if before is None:
            return None
        key = before
    return None


def across(graph: SkillGraph, known: dict[str, int]) -> dict[str, int]:
    """Return ``known`` with what it meets across the crosswalk (ESCO, O*NET and curated
    skills alike: a curated role and an imported occupation compare on the same ground).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> across(g, {g.resolve("python"): 3}) == {g.resolve("python"): 3}  # no taxonomy loaded
    True
    """
    from skillgraph.algorithms.crosswalk import carried

    return {**known, **{k: c.rank for k, c in carried(graph, known).items()}}


def role_profile(graph: SkillGraph, key: str) -> RoleProfile:
    """Return the :class:`RoleProfile` of role or specialization ``key``; its skills count
    what they meet across the crosswalk.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> p = role_profile(g, g.resolve("senior"))
    >>> g.resolve("python") in p.optional, p.texts, p.level
    (False, (), 3)
    """
    required = effective_requirements(graph, key, include_optional=True)
    essential = across(
        graph, implied(graph, {s: r.rank for s, r in required.items() if r.importance == "essential"})
    )
    every = across(graph, implied(graph, {s: r.rank for s, r in required.items()}))
    nodes = graph.nx.nodes
    groups: set[str] = set()
    for skill in every:
        groups.update(nodes[skill].get("groups", ()))
        if nodes[skill].get("category"):
            groups.add("category:" + str(nodes[skill]["category"]))
    attrs = nodes[key]
    texts: tuple[str, ...] = tuple(attrs.get("tasks", ()))
    if texts:
        title = f"{attrs.get('label', '')}. {attrs.get('description') or ''}"
        texts = (*texts, title, *attrs.get("alt_labels", ()))
    return RoleProfile(
        essential=frozenset(essential),
        optional=frozenset(every),
        groups=frozenset(groups),
        texts=texts,
        level=role_level(graph, key),
    )


# ---------------------------------------------------------------- index --


@dataclass(frozen=True)
class _Rows:
    """A sparse matrix as the arrays of its compressed rows (scipy's CSR layout)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray

    @classmethod
    def of(cls, matrix: sp.csr_matrix) -> _Rows:
        return cls(np.asarray(matrix.data), np.asarray(matrix.indices), np.asarray(matrix.indptr))

    def times_row(self, other: _Rows, i: int, size: int) -> np.ndarray:
        """Return row ``i`` of ``other`` times this matrix, as a dense vector of ``size``.

        >>> import scipy.sparse as sp
        >>> a = sp.csr_matrix(np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]))
        >>> b = sp.csr_matrix(np.array([[1.0, 4.0], [0.0, 5.0], [6.0, 0.0]]))
        >>> _Rows.of(b).times_row(_Rows.of(a), 0, 2).tolist(), (a[0] @ b).toarray().ravel().tolist()
        ([13.0, 4.0], [13.0, 4.0])
        """
        start, end = other.indptr[i], other.indptr[i + 1]
        parts = [
            (
                self.indices[self.indptr[j] : self.indptr[j + 1]],
                value * self.data[self.indptr[j] : self.indptr[j + 1]],
            )
            for j, value in zip(other.indices[start:end], other.data[start:end], strict=True)
        ]
        if not parts:
            return np.zeros(size)
        columns = np.concatenate([c for c, _ in parts])
        values = np.concatenate([v for _, v in parts])
        return np.bincount(columns, weights=values, minlength=size).astype(float)


class TransitionIndex:
    """The components of every move from one role, computed a row at a time.

    Built once from role profiles (``role key -> RoleProfile``); :meth:`components` and
    :meth:`scores` answer for one origin against every role. ``idf=False`` weighs every
    skill and group the same (plain Jaccard overlaps, for baselines).

    >>> index = TransitionIndex({
    ...     "a": RoleProfile(essential=frozenset("xy"), optional=frozenset("xyz"), level=1),
    ...     "b": RoleProfile(essential=frozenset("xz"), optional=frozenset("xz"), level=2),
    ...     "c": RoleProfile(essential=frozenset("q"), optional=frozenset("q"), level=3),
    ...     "d": RoleProfile(essential=frozenset("w"), optional=frozenset("w"), level=1),
    ... })
    >>> [key for key, _ in index.rank("a")]  # c climbs two levels: not a feasible move
    ['b', 'd']
    """

    def __init__(
        self,
        profiles: Mapping[str, RoleProfile],
        *,
        weights: Mapping[str, float] | None = None,
        max_climb: int | None = MAX_CLIMB,
        coverage_prior: float = COVERAGE_PRIOR,
        idf: bool = True,
    ) -> None:
        self.keys = list(profiles)
        self.position = {key: i for i, key in enumerate(self.keys)}
        found = [profiles[k] for k in self.keys]
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        unknown = set(self.weights) - set(COMPONENTS)
        if unknown:
            raise InputError(f"unknown score component {sorted(unknown)[0]!r} (use {', '.join(COMPONENTS)})")
        self.max_climb = max_climb
        self.coverage_prior = coverage_prior
        self.levels = np.array([np.nan if p.level is None else p.level for p in found], dtype=float)
        # the matrices are kept as numpy arrays (see _Rows), so that the index kept with a view
        # answers without importing scipy, which only builds it
        self._sets: dict[str, tuple[_Rows, _Rows, np.ndarray]] = {}
        self.sizes: dict[str, np.ndarray] = {}
        for name, sets in (
            ("essential", [p.essential for p in found]),
            ("optional", [p.optional for p in found]),
            ("groups", [p.groups for p in found]),
        ):
            matrix, weight = incidence(sets)
            weighted = matrix.multiply(weight[None, :]).tocsr() if idf else matrix
            mass = np.asarray(weighted.sum(axis=1)).ravel()
            self._sets[name] = (_Rows.of(matrix), _Rows.of(weighted.T.tocsr()), mass)
            self.sizes[name] = np.asarray(matrix.sum(axis=1)).ravel()
        self.has_texts = np.array([bool(p.texts) for p in found])
        self._texts: tuple[_Rows, _Rows] | None = None
        if self.has_texts.any():
            texts = tfidf([tokens(" ".join(p.texts)) for p in found])
            self._texts = (_Rows.of(texts), _Rows.of(texts.T.tocsr()))
        self._excluded: dict[str, set[int]] = {}
        self._progressions: dict[str, set[int]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def components(self, origin: str) -> dict[str, np.ndarray]:
        """Return each component of the moves from ``origin`` to every role (NaN: not present)."""
        i = self.position[origin]
        found: dict[str, np.ndarray] = {}
        for name, (matrix, weighted_t, mass) in self._sets.items():
            shared = weighted_t.times_row(matrix, i, len(self.keys))
            with np.errstate(invalid="ignore", divide="ignore"):
                if name == "essential":
                    value = shared / (mass + self.coverage_prior)
                    present = self.sizes[name] > 0
                else:
                    value = shared / (mass[i] + mass - shared)
                    value = np.where(mass[i] + mass - shared > 0, value, 0.0)
                    present = (self.sizes[name] > 0) & (self.sizes[name][i] > 0)
            found[name] = np.where(present, value, np.nan)
        if self._texts is not None and self.has_texts[i]:
            rows, columns = self._texts
            cosine = columns.times_row(rows, i, len(self.keys))
            found["tasks"] = np.where(self.has_texts, cosine, np.nan)
        else:
            found["tasks"] = np.full(len(self.keys), np.nan)
        return found

    def exclude(self, origin: str, keys: Iterable[str]) -> None:
        """Never offer a move from ``origin`` to ``keys`` (the roles it builds on)."""
        self._excluded.setdefault(origin, set()).update(self.position[k] for k in keys if k in self.position)

    def progress(self, origin: str, keys: Iterable[str]) -> None:
        """Always offer the moves from ``origin`` to ``keys`` (the roles its ladder leads to),
        however many levels they climb."""
        self._progressions.setdefault(origin, set()).update(
            self.position[k] for k in keys if k in self.position
        )

    def scores(
        self, origin: str, components: Mapping[str, np.ndarray] | None = None, *, bounded: bool = True
    ) -> np.ndarray:
        """Return the score of the move from ``origin`` to every role (-inf: not a feasible move).

        Without ``bounded``, a move that climbs further than :attr:`max_climb` keeps its score.
        """
        parts = self.components(origin) if components is None else components
        total = np.zeros(len(self.keys))
        weight = np.zeros(len(self.keys))
        for name, w in self.weights.items():
            if w:
                present = ~np.isnan(parts[name])
                total += np.where(present, w * np.nan_to_num(parts[name]), 0.0)
                weight += np.where(present, w, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = np.where(weight > 0, total / weight, -np.inf)
        i = self.position[origin]
        score[i] = -np.inf
        score[sorted(self._excluded.get(origin, ()))] = -np.inf
        if bounded and self.max_climb is not None:
            ladder = sorted(self._progressions.get(origin, ()))
            kept = score[ladder]
            with np.errstate(invalid="ignore"):
                score[self.levels > self.levels[i] + self.max_climb] = -np.inf  # NaN: unbounded
            score[ladder] = kept  # a progression of the ladder is a move, whatever it climbs
        return score

    def rank(
        self, origin: str, top: int | None = 10, components: Mapping[str, np.ndarray] | None = None
    ) -> list[tuple[str, float]]:
        """Return the ``top`` feasible destinations from ``origin`` with their score, best first."""
        score = self.scores(origin, components)
        order = np.argsort(-score, kind="stable")
        chosen = [j for j in order if np.isfinite(score[j])][: top if top is not None else None]
        return [(self.keys[j], float(score[j])) for j in chosen]


def transition_index(graph: SkillGraph) -> TransitionIndex:
    """Return the (memoised) :class:`TransitionIndex` of every role and specialization of ``graph``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> len(transition_index(g)) == len(g.nodes("role")) + len(g.nodes("specialization"))
    True
    """

    def build() -> TransitionIndex:
        keys = graph.nodes(LADDER_TYPES)
        index = TransitionIndex({k: role_profile(graph, k) for k in keys})
        for key in keys:
            index.exclude(key, below(graph, key))
            index.progress(key, graph.ladder.successors(key) if key in graph.ladder else ())
        return index

    # the layout in the name: an entry kept by an older layout is not read
    return kept_index(graph, "transitions-across-numpy", build, kept="apart")


def below(graph: SkillGraph, key: str) -> list[str]:
    """Return the roles ``key`` builds on, nearest first (its ladder below it).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> [g.label(k) for k in below(g, g.resolve("senior"))]
    ['Backend Developer', 'Junior Backend Developer']
    """
    return ladder_chain(graph, key)[1:]


# --------------------------------------------------------------- results --


@dataclass(frozen=True)
class Transition:
    """One move: its score, each component (None: not present), and the skills it needs."""

    destination: NodeRef
    score: float
    components: dict[str, float | None]
    missing: int
    level: int | None
    hours: float | None = None  # the study hours of ``path`` to it (see paths.with_path_hours)

    def to_dict(self) -> dict[str, Any]:
        return {
            "destination": self.destination.to_dict(),
            "score": round(self.score, 4),
            "components": {k: None if v is None else round(v, 4) for k, v in self.components.items()},
            "skills_needed": self.missing,
            "effort_hours": self.hours,
            "level": self.level,
        }


@dataclass(frozen=True)
class LinkedMove:
    """A role the role crosswalk links to the origin (``origin <relation> destination``, or
    the reverse for an imported origin), with how many skills the move asks to learn."""

    destination: NodeRef
    relation: str
    missing: int
    level: int | None
    hours: float | None = None  # the study hours of ``path`` to it (see paths.with_path_hours)

    def to_dict(self) -> dict[str, Any]:
        return {
            "destination": self.destination.to_dict(),
            "relation": self.relation,
            "skills_needed": self.missing,
            "effort_hours": self.hours,
            "level": self.level,
        }


@dataclass(frozen=True)
class Transitions(Displayable):
    """The feasible moves from ``origin``, best first, and the roles the crosswalk links it to."""

    origin: NodeRef
    level: int | None
    rows: tuple[Transition, ...]
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_climb: int | None = MAX_CLIMB
    linked: tuple[LinkedMove, ...] = ()

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<Transitions from {self.origin.label}: {len(self.rows)} moves>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin.to_dict(),
            "level": self.level,
            "weights": self.weights,
            "max_climb": self.max_climb,
            "transitions": [row.to_dict() for row in self.rows],
            "crosswalk": [move.to_dict() for move in self.linked],
        }


def _origin_knowledge(graph: SkillGraph, origin: str) -> dict[str, int]:
    """What someone doing role ``origin`` knows: its essential requirements and what they imply."""
    required = effective_requirements(graph, origin)
    return across(graph, implied(graph, {s: r.rank for s, r in required.items()}))


def move_skills(
    graph: SkillGraph, origin: str, destination: str, *, known: Mapping[str, int] | None = None
) -> list[SkillItem]:
    """Return what a move from ``origin`` to ``destination`` asks to learn, prerequisites first.

    ``known`` is what doing ``origin`` implies, when the caller has it already.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> items = move_skills(g, g.resolve("junior"), g.resolve("devops"))
    >>> len(items) > 0 and all(i.key in g for i in items)
    True
    """
    wanted = {s: r.rank for s, r in effective_requirements(graph, destination).items()}
    return skills_to_acquire(graph, wanted, _origin_knowledge(graph, origin) if known is None else known)


def transitions(
    graph: SkillGraph,
    origin: str,
    *,
    top: int | None = 10,
    index: TransitionIndex | None = None,
) -> Transitions:
    """Return the ``top`` most feasible moves from role or specialization ``origin``.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> best = transitions(g, g.resolve("devops"), top=3).rows[0]
    >>> sorted(k for k, v in best.components.items() if v is not None)
    ['essential', 'groups', 'optional']
    """
    if origin not in graph or graph.node(origin)["type"] not in LADDER_TYPES:
        raise InputError(
            f"'{graph.label(origin) if origin in graph else origin}' is not a role or specialization"
        )
    if top is not None and top < 1:
        raise InputError(f"top must be at least 1 (got {top})")
    index = index or transition_index(graph)
    parts = index.components(origin)
    known = _origin_knowledge(graph, origin)
    rows = []
    for key, score in index.rank(origin, top, parts):
        j = index.position[key]
        rows.append(
            Transition(
                destination=NodeRef.of(graph, key),
                score=score,
                components={
                    name: None if np.isnan(parts[name][j]) else float(parts[name][j]) for name in COMPONENTS
                },
                missing=len(move_skills(graph, origin, key, known=known)),
                level=role_level(graph, key),
            )
        )
    from skillgraph.algorithms.crosswalk import role_links

    linked = tuple(
        LinkedMove(
            destination=NodeRef.of(graph, key),
            relation=relation,
            missing=len(move_skills(graph, origin, key, known=known)),
            level=role_level(graph, key),
        )
        for key, relation in role_links(graph, origin)
    )
    linked = tuple(sorted(linked, key=lambda m: (m.level or 0, m.destination.label.casefold())))
    return Transitions(
        origin=NodeRef.of(graph, origin),
        level=role_level(graph, origin),
        rows=tuple(rows),
        weights=dict(index.weights),
        max_climb=index.max_climb,
        linked=linked,
    )


def direct_move(
    graph: SkillGraph,
    source: str,
    target: str,
    *,
    have: Mapping[str, int] | None = None,
    include_optional: bool = False,
) -> CareerPath:
    """Return the direct transition from ``source`` to ``target`` (``kind == "transition"``),
    for two roles no progression chain joins: what :func:`..paths.career_path` answers then.

    Raises :class:`~skillgraph.errors.NoPathError` as :func:`..paths.career_path` does.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> direct_move(g, g.resolve("devops"), g.resolve("dba")).kind
    'transition'
    """
    no_move = NoPathError(graph.label(source), graph.label(target))
    if source not in graph or target not in graph or source == target:
        raise no_move
    kinds = {graph.node(source)["type"], graph.node(target)["type"]}
    if not kinds <= set(LADDER_TYPES):
        raise NoPathError(graph.label(source), graph.label(target), "not a role")
    if target in below(graph, source):
        raise no_move  # a role one builds on is not a move from it
    index = transition_index(graph)
    parts = index.components(source)
    j = index.position[target]
    values = [parts[name][j] for name in COMPONENTS if not np.isnan(parts[name][j])]
    if not any(v > 0 for v in values):
        raise NoPathError(graph.label(source), graph.label(target), "and nothing in common for a transition")
    # beyond the climb bound a transition is still the answer, with its unbounded score
    score = float(index.scores(source, parts, bounded=False)[j])
    score = score if np.isfinite(score) else 0.0
    known, start = in_role(graph, source, have)
    items = role_skills(graph, target, across(graph, known), include_optional=include_optional)
    return CareerPath(
        source=source,
        target=target,
        steps=(RoleStep.of(graph, source), RoleStep.of(graph, target, tuple(items))),
        have=tuple(sorted(have or {})),
        kind="transition",
        score=score,
        start=start,
    )


__all__ = [
    "COMPONENTS",
    "COVERAGE_PRIOR",
    "DEFAULT_WEIGHTS",
    "MAX_CLIMB",
    "LinkedMove",
    "RoleProfile",
    "Transition",
    "TransitionIndex",
    "Transitions",
    "move_skills",
    "role_level",
    "role_profile",
    "transition_index",
    "transitions",
]
