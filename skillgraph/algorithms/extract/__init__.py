"""The skills a job posting (or a CV) asks for, ranked, each with its evidence and the level asked.

:func:`extract` reads a text in three passes, offline, with nothing but the graph:

1. **Mentions.** Every name of a skill (its label, alternative labels, the label without a
   parenthesised qualifier, the usual abbreviations: "k8s", "Postgres", "REST APIs"; the
   phrases postings use for a transversal skill: "team player") is
   looked for, plurals and verb endings folded, longest name first, so "JavaScript" is never
   read as "Java". A name that is also a common word ("Go", "Rust") counts only capitalised.
2. **Descriptions.** Each clause is matched (BM25) against each skill's label, alternative
   labels and description: "keep our services observable" finds observability.
3. **The graph.** The roles and occupations that require the mentioned skills are the
   posting's neighbourhood: a skill they require is preferred among the described ones, and
   among several skills sharing one name.

The words around a skill state its level and importance (:mod:`.text`): "expert in" asks the
expert level, "familiarity with" the foundational one, "nice to have" makes it optional;
without such words the level is unstated (any level meets it). The rule is in ``docs/extract.md``.

>>> import skillgraph
>>> g = skillgraph.load()
>>> found = extract(g, "Expert in Python and k8s. Familiarity with Postgres is a plus.")
>>> [(s.label, s.level_label, s.importance) for s in found.skills[:3]]  # doctest: +NORMALIZE_WHITESPACE
[('Python', 'expert', 'essential'), ('Kubernetes', 'expert', 'essential'),
 ('PostgreSQL', 'foundational', 'optional')]
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any, Final

import numpy as np

from skillgraph.algorithms.crosswalk import SAME, is_curated
from skillgraph.algorithms.extract.index import (
    ONE_WORD_SPREAD,
    ExtractIndex,
    extract_index,
    matches_form,
    plain_words,
    words,
)
from skillgraph.algorithms.extract.text import (
    FORWARD_PHRASES,
    Cue,
    Token,
    clauses,
    cues,
    is_duties_heading,
    is_heading,
    is_offers_heading,
    keys,
    scan,
    split_parts,
)
from skillgraph.model.display import Displayable
from skillgraph.model.graph import SkillGraph
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES, PROFICIENCY_LABELS, UNSTATED_LABEL

__all__ = [
    "COMMA_NAME",
    "CONTEXT_WEIGHT",
    "DEFAULT_TOP",
    "DESCRIBED_MAX",
    "DESCRIBED_MIN",
    "LABEL_SAID",
    "LABEL_SHARE",
    "MENTION_SCORES",
    "MIN_SCORE",
    "NAMED_BONUS",
    "NAMED_TOP",
    "ONE_WORD",
    "ONE_WORD_SPREAD",
    "OTHERS_NAME",
    "SHARED_NAME_SCORE",
    "TITLE_WORDS",
    "UNKNOWN_WEIGHT",
    "WEAK_SHARE",
    "WEAK_TERMS",
    "WORKING_LEVEL",
    "ExtractedSkill",
    "Extraction",
    "RoleMatch",
    "extract",
]

#: The score of a mention, by how the name was found.
MENTION_SCORES: Final = {"label": 1.0, "alt": 0.95, "short": 0.9, "abbreviation": 0.9, "idiom": 0.85}
#: The score of a mention of a name that is another skill's label, for a skill that lists it as an
#: alternative (ESCO's "database management systems" lists "SQL").
SHARED_NAME_SCORE: Final = 0.3
#: The highest score of a skill found from a description (below every mention).
DESCRIBED_MAX: Final = 0.8
#: The least share of a clause's words a description must match to be kept.
DESCRIBED_MIN: Final = 0.2
#: The least share of a skill's label (of two words or more, each weighted by its idf) a clause
#: must say, in any order and inflection, for the skill to be described by it as much as that
#: share: "an e-commerce shop" says most of "e-commerce systems", however long the clause.
LABEL_SAID: Final = 0.5
#: What a clause saying a share of a label counts (of that share), as a description's share; a
#: share said by one word counts :data:`ONE_WORD` of that.
LABEL_SHARE: Final = 0.9
#: What a description matched by one word of a longer label counts (of its share).
ONE_WORD: Final = 0.5
#: The most a description matched only by words of names found in the text scores (below what a
#: posting requires): "AWS or GCP" names Amazon Web Services, and says little of AWS Lambda.
OTHERS_NAME: Final = 0.39
#: How much being among the best names of a whole clause (BM25 over labels and alternative labels,
#: :data:`NAMED_TOP` a clause) raises a described skill: up to this factor plus one, for the best.
NAMED_BONUS: Final = 2.0
#: How many of the best names of a clause count.
NAMED_TOP: Final = 5
#: A skill whose label has at least :data:`WEAK_TERMS` words, described by words saying less than
#: this share of it (by idf), is a guess (below what a posting requires): "keep our services" says
#: little of "maintain up-to-date aeronautical information management services". So is a skill
#: described by one word of a label of two words or more: "Spring Security" asks no application
#: security, "- Design" no system design.
WEAK_SHARE: Final = 1 / 3
#: How many words a label needs for :data:`WEAK_SHARE` to apply (shorter ones are said by a word).
WEAK_TERMS: Final = 3
#: The least score a skill inferred from a description needs to be listed.
MIN_SCORE: Final = 0.12
#: How much a word no skill uses counts in what a clause says (of the rarest word's weight).
UNKNOWN_WEIGHT: Final = 0.25
#: How much the graph neighbourhood raises a described skill (at most this factor, plus one).
CONTEXT_WEIGHT: Final = 1.0
#: The level of a skill named in what the job does day to day ("Responsibilities:"), where the
#: words state none: intermediate, the level one works at.
WORKING_LEVEL: Final = 2
#: The most words of a first line read as the posting's title (which describes no skill).
TITLE_WORDS: Final = 12
#: How many skills :func:`extract` returns unless told.
DEFAULT_TOP: Final = 20


@dataclass(frozen=True)
class ExtractedSkill:
    """One skill a text asks for.

    ``how`` is ``label``, ``alt``, ``short``, ``abbreviation`` or ``idiom`` (a phrase of postings,
    :mod:`.idioms`) for a mention (``evidence``
    is the words as written), ``description`` for a skill inferred from what a clause says
    (``evidence`` quotes the clause and the words that matched).
    """

    key: str
    id: str
    label: str
    score: float
    evidence: str
    how: str
    level: int | None  # the proficiency rank the words ask, or None when they state none
    level_label: str
    importance: str  # essential or optional (``not asked`` in :attr:`Extraction.not_asked`)
    same: tuple[str, ...] = ()  # skills found too that are an exact or close match of this one (folded in)
    one_of: tuple[str, ...] = ()  # asked only as one of these alternatives ("Django or FastAPI")
    level_from: str | None = None  # the role named in the text whose level this is (words state none)

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": self.key,
            "label": self.label,
            "score": self.score,
            "evidence": self.evidence,
            "how": self.how,
            "level": self.level,
            "level_label": self.level_label,
            "level_from": self.level_from,
            "importance": self.importance,
            "same_as": list(self.same),
            "one_of": list(self.one_of),
        }


@dataclass(frozen=True)
class Extraction(Displayable):
    """The skills a text asks for, best first."""

    skills: tuple[ExtractedSkill, ...]
    #: The roles and occupations the text names ("Senior Backend Engineer"), in order.
    named: tuple[str, ...] = ()
    #: The closest curated role and imported occupation, when asked for
    #: (:func:`~skillgraph.algorithms.extract.posting.with_closest`).
    closest: tuple[RoleMatch, ...] = ()
    #: The skills the text names only to say they are not asked ("no Java needed").
    not_asked: tuple[ExtractedSkill, ...] = ()
    #: How many more skills the text asks (at a posting's required score) than ``skills`` lists.
    unlisted: int = 0

    def __repr__(self) -> str:
        """A one-line summary; ``str`` gives the whole answer."""
        return f"<Extraction {len(self.skills)} skills: {', '.join(s.label for s in self.skills[:3])}>"

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"skills": [s.to_dict() for s in self.skills]}
        if self.not_asked:
            found["not_asked"] = [s.to_dict() for s in self.not_asked]
        if self.closest:
            found["closest"] = [m.to_dict() for m in self.closest]
        if self.unlisted:
            found["unlisted"] = self.unlisted
        return found


@dataclass(frozen=True)
class RoleMatch:
    """A role (``kind`` ``role``: curated) or occupation (``occupation``: imported) close to a text:
    named in it (``named``), linked by the crosswalk to the closest role (``via``: that role and
    the match type), or sharing the most skills with it (``similarity``, a cosine)."""

    kind: str
    key: str
    label: str
    similarity: float
    named: bool = False
    via: tuple[str, str, str] | None = None  # (role, its label, match type)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "iri": self.key,
            "label": self.label,
            "similarity": self.similarity,
            "named": self.named,
            "via": {"iri": self.via[0], "label": self.via[1], "relation": self.via[2]} if self.via else None,
        }


@dataclass
class _Found:
    score: float = 0.0
    evidence: str = ""
    how: str = ""
    start: int = 0
    level: int | None = None
    importance: str = "optional"
    mentions: int = 0
    same: tuple[str, ...] = ()
    places: list[tuple[int, int | None]] = field(default_factory=list)  # where its words are
    asked: bool = False  # some place asks for it (not "no Java needed")
    alone: bool = False  # some place asks for it by itself, not as one of a choice ("Django or FastAPI")
    choices: set[int] = field(default_factory=set)  # the choices it is an alternative of
    described: tuple[int, int, list[str]] = (0, 0, [])  # the clause that describes it best, words matched
    weak: bool = False  # described by words saying little of its long label (see WEAK_SHARE)
    plain: bool = True  # named only by ordinary words that are alternative names ("worker")


def extract(
    graph: SkillGraph, text: str, *, top: int | None = DEFAULT_TOP, index: ExtractIndex | None = None
) -> Extraction:
    """Return the skills ``text`` asks for, best first (at most ``top``; all with None).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> [s.label for s in extract(g, "You will keep our services observable.").skills][:1]
    ['Observability (logging, metrics, tracing)']
    """
    index = index or extract_index(graph)
    text = _SPACED_DOT_NET.sub(" .", text)  # ". NET", as a text split at its punctuation writes it
    tokens = scan(text)
    levels = _Levels(text)
    found: dict[str, _Found] = defaultdict(_Found)
    mentioned = _brand_names_dropped(graph, index, text, tokens, _mentions(index, tokens, text))
    one_of = _one_of(
        text,
        [(tokens[a].start, tokens[b - 1].end) for a, b, _ in mentioned],
        [frozenset(k for s, _ in names for k in _kinds(graph, s)) for _, _, names in mentioned],
    )
    levels.add(
        Cue(first, last, text[first:last], None, "optional", within=True)
        for number, (first, last) in enumerate((tokens[a].start, tokens[b - 1].end) for a, b, _ in mentioned)
        # one of two things, the other no name the graph holds ("Bicep or Terraform"): a plus
        if number not in one_of
        and (_OR_BEFORE.search(text, max(0, first - 16), first) or _OR_AFTER.match(text, last))
    )
    members: dict[int, set[str]] = defaultdict(set)
    for number, (start, end, candidates) in enumerate(mentioned):
        span = text[tokens[start].start : tokens[end - 1].end]
        where = tokens[start].start
        own_name = any(how in ("label", "short") for _, how in candidates)
        plain = tuple(t.key for t in tokens[start:end]) in index.plain
        for skill, how in candidates:
            item = found[skill]
            item.mentions += 1
            item.plain = item.plain and plain
            if number in one_of:
                item.choices.add(one_of[number])
                members[one_of[number]].add(skill)
            else:
                item.alone = True
            score = MENTION_SCORES[how]
            if own_name and how not in ("label", "short", "idiom"):
                score = SHARED_NAME_SCORE  # the name is another skill's own: this one only lists it
            elif how == "short" and any(
                h == "label" and not _same(graph, skill, s) for s, h in candidates
            ):  # "JavaScript" is JavaScript's label; JavaScript (Node.js) is only written so, shorter
                score = min(score, OTHERS_NAME)
            if score > item.score:
                item.score, item.evidence, item.how, item.start = score, span, how, where
            item.places.append((where, None))
    context = _context(index, [s for s, f in found.items() if f.score >= MENTION_SCORES["short"]])
    plainly = [s for s, f in found.items() if f.plain]  # every skill found so far is mentioned
    trade = (
        _context(index, [s for s, f in found.items() if f.score >= MENTION_SCORES["short"] and not f.plain])
        if plainly
        else {}
    )
    for skill in plainly:
        item = found[skill]
        if not trade.get(skill):
            # an ordinary word names a skill only beside skills of its trade: "a hard worker" asks
            # no background jobs, "Celery workers" beside Python does
            item.score = min(item.score, OTHERS_NAME)
    roles_said = [_with_seniority(index, tokens, text, m) for m in _mentions(index, tokens, text, roles=True)]
    titles = [(tokens[a].start, tokens[b - 1].end) for a, b, _ in roles_said]
    roles_named = [m for m in roles_said if _names_the_job(text, tokens[m[0]].start)]
    titles += [m.span() for m in _ANNOUNCEMENT.finditer(text)]
    titles += _title(text)  # "Warehouse Operative" names the job: it describes no skill
    # "Key responsibilities" names no key-value store, "Requirements" no requirements analysis
    titles += levels.heads
    # what is not asked ("no Java needed", "(training provided)") describes nothing asked either
    titles += [(c.start, c.end) for c in levels.cues if c.within and c.importance == "not asked"]
    for (start, end), (skill, share, matched, weak) in _described(
        index, text, titles, technical=bool(mentioned)
    ):
        item = found[skill]
        score = DESCRIBED_MAX * share * (1 + CONTEXT_WEIGHT * context.get(skill, 0.0)) / (1 + CONTEXT_WEIGHT)
        if score > item.score:
            item.score, item.how, item.start = score, "description", start
            item.described, item.weak = (start, end, matched), weak
        if not item.mentions:  # a name says where it is asked, and how
            item.places.append((start, end))
            item.alone = True
    for skill, rank in _named(index, text, titles):
        described = found.get(skill)
        if described is not None and not described.mentions and described.score >= MIN_SCORE:
            # described clearly enough to be listed, and among the best names of the clause
            described.score = min(DESCRIBED_MAX, described.score * (1 + NAMED_BONUS / (rank + 1)))
    names_found = {w for a, b, _ in mentioned for w in words(text[tokens[a].start : tokens[b - 1].end])}
    for item in found.values():
        if item.how == "description" and set(item.described[2]) <= names_found:
            item.score = min(item.score, OTHERS_NAME)  # only words of another's name ("AWS" of AWS Lambda)
        if not item.mentions and item.weak:  # a few common words of a long label: a guess
            item.score = min(item.score, OTHERS_NAME)
    for skill, rivals in _shared_names(mentioned).items():
        # the same skill in another taxonomy is no rival: the two are folded into one below
        rivals = {r for r in rivals if not _same(graph, skill, r)}
        if rivals and context.get(skill, 0.0) < max(context.get(s, 0.0) for s in rivals):
            found[skill].score *= 0.9  # another skill of the same name fits the posting better
    for skill in [s for s, f in found.items() if f.score < MIN_SCORE]:
        del found[skill]
    folded = _fold_matches(found, graph)
    ranked = sorted(
        found.items(),
        key=lambda kv: (-round(kv[1].score + 0.01 * min(kv[1].mentions - 1, 3), 6), kv[1].start, kv[0]),
    )
    skills: list[ExtractedSkill] = []
    not_asked: list[ExtractedSkill] = []
    for skill, item in ranked:
        if top is not None and len(skills) >= top:
            break
        for where, until in item.places:  # the words around each place state its level and importance
            levels.apply(item, where, end=until)
        if item.how == "description":
            first, last, matched = item.described
            clause = _TRAILING.sub("", " ".join(text[first:last].split()))
            written = ", ".join(_as_written(clause, matched))
            item.evidence = f"described: '{_clip(clause)}' (matched {written})"
        if not item.asked and item.score <= OTHERS_NAME:
            continue  # a guess the words do not ask: nothing the text names
        alternatives = {folded.get(k, k) for c in item.choices for k in members[c]} - {skill}
        (skills if item.asked else not_asked).append(
            ExtractedSkill(
                key=skill,
                id=str(graph.node(skill).get("id") or skill),
                label=graph.label(skill),
                score=round(item.score, 3),
                evidence=item.evidence,
                how=item.how,
                level=item.level,
                level_label=PROFICIENCY_LABELS.get(item.level, str(item.level))
                if item.level
                else UNSTATED_LABEL,
                importance=item.importance if item.asked else "not asked",
                same=tuple(sorted(item.same)),
                one_of=() if item.alone else tuple(sorted(alternatives & found.keys())),
            )
        )
    named = tuple(dict.fromkeys(role for _, _, found_roles in roles_named for role, _ in found_roles))
    return Extraction(tuple(_levels_of_role(graph, named, skills)), named=named, not_asked=tuple(not_asked))


def _levels_of_role(
    graph: SkillGraph, named: tuple[str, ...], skills: list[ExtractedSkill]
) -> list[ExtractedSkill]:
    """``skills``, each whose words state no level at the level the role the text names asks of it
    (or of the choice it is an alternative of): a "Senior Backend Engineer" posting naming
    Kubernetes asks it as the graph's senior backend developer does. Unchanged when the text
    names no role of the graph's ladders, or that role asks no level of the skill. The first role
    named that states levels speaks (an imported occupation named too states none)."""
    role, asked = next(
        (
            (r, stated)
            for r in named
            if graph.node(r).get("type") in LADDER_TYPES
            and (stated := {k: q for k, q in effective_requirements(graph, r).items() if q.stated})
        ),
        (None, {}),
    )
    if role is None:
        return skills
    found = []
    for skill in skills:
        requirement = asked.get(skill.key) or next(
            (
                asked[c]
                for c, alternatives in graph.choices.items()
                if skill.key in alternatives and c in asked
            ),
            None,
        )
        if skill.level is None and requirement is not None:
            skill = replace(
                skill,
                level=requirement.rank,
                level_label=PROFICIENCY_LABELS.get(requirement.rank, str(requirement.rank)),
                level_from=graph.label(role),
            )
        found.append(skill)
    return found


#: A posting's announcement that a job is open ("We're hiring", "Acme is now hiring a ..."):
#: it names no skill, whatever its verb says; it is left out with the job's title (a skill
#: asked in the same words stays asked: "experience hiring engineers", "you will own hiring").
#: Words just before a role's name that make it the job the posting is for ("We're hiring a
#: Senior Data Engineer", "you will join us as a Backend Developer").
_THE_JOB: Final = re.compile(
    r"(?:looking\s+for|seek(?:ing)?|hiring|recruiting|\bas|you\s+are|you\s*['’]\s*re|you\s+will\s+be|"
    r"you\s*['’]\s*ll\s+be|role\s+of|position\s+of|title)\s*:?\s+(?:[\w/-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _with_seniority(
    index: ExtractIndex, tokens: list[Token], text: str, mention: tuple[int, int, tuple[tuple[str, str], ...]]
) -> tuple[int, int, tuple[tuple[str, str], ...]]:
    """A role's name with the seniority said a few words before it on its line: "Senior Java
    Backend Engineer" names the Senior Backend Developer, not the Backend Developer."""
    first, end, _ = mention
    name = tuple(t.key for t in tokens[first:end])
    levels = {k[0] for k in index.role_names if len(k) > 1 and k[1:] == name}  # senior, lead...
    for before in range(first - 1, max(-1, first - 4), -1):
        if "\n" in text[tokens[before].end : tokens[before + 1].start]:
            break
        if tokens[before].key in levels:
            roles = index.role_names[(tokens[before].key, *name)]
            return first, end, tuple((role, "role") for role in roles)
    return mention


def _title(text: str) -> list[tuple[int, int]]:
    """The span of the posting's title: its first line, when more lines follow and it is short and
    no sentence ("Warehouse Operative - Night Shift"; a one-line text is no title).

    >>> text = "Warehouse Operative\\n\\n- Forklift licence"
    >>> [text[a:b] for a, b in _title(text)], _title("Python and SQL.")
    (['Warehouse Operative'], [])
    """
    start, end = _first_line(text)
    line = text[start:end].strip() if end >= 0 else ""
    if not line or not text[end:].strip() or len(line.split()) > TITLE_WORDS or line.endswith("."):
        return []
    return [(start, start + len(text[start:end].rstrip()))]


def _first_line(text: str) -> tuple[int, int]:
    """Where the first line with words starts, and where it ends (-1: it is the only line)."""
    start = len(text) - len(text.lstrip())
    return start, text.find("\n", start)


def _names_the_job(text: str, where: int) -> bool:
    """Whether a role's name at ``where`` names the job the posting is for: in its first line (the
    title), or just after words that say so ("looking for an experienced ..."); "with our data
    engineers" names colleagues.

    >>> text = "Frontend Engineer\\n\\nYou join two backend engineers. We seek a frontend engineer."
    >>> [_names_the_job(text, text.index(w)) for w in ("Frontend", "backend", "frontend engineer.")]
    [True, False, True]
    """
    _, end = _first_line(text)
    if end < 0 or where < end:
        return True
    line = text.rfind("\n", 0, where) + 1
    return _THE_JOB.search(text, line, where) is not None


_ANNOUNCEMENT: Final = re.compile(
    r"\b(?:we\s*['’]\s*re|we\s+are|is|are|now|currently|actively)\s+"
    r"(?:(?:now|currently|actively)\s+)?(?:hiring|recruiting)\b",
    re.IGNORECASE,
)
_ANOTHER: Final = r"(?:other|another|similar|equivalent|comparable)"
#: Words after "or" that keep the kind of what precedes ("or similar", "or the like").
_LIKE: Final = r"similar|equivalent|comparable|alike|other|another|the like"
#: What joins the names of a list: "or" makes it a choice ("Django or FastAPI", "Kafka (or
#: RabbitMQ)", "Kafka or another message broker"); a comma or a slash joins the names of either
#: kind of list; "and" ends a choice ("Docker and Kubernetes" asks both).
_JOINS: Final = (
    (
        "or",
        re.compile(
            r"\s*,?\s*\(?\s*(?:either\s+)?(?:or|and/or)(?:\s+(?:any\s+)?(?:an?\s+)?" + _ANOTHER + r")?\s*",
            re.I,
        ),
    ),
    ("list", re.compile(r"\s*[,/]\s*")),
)
#: "or" just before a name, and "or" just after one followed by anything but "similar" and the
#: like: the name is one of two.
_OR_BEFORE: Final = re.compile(r"(?<![\w-])(?:and/)?or\s*\(?\s*$", re.IGNORECASE)
_OR_AFTER: Final = re.compile(
    r"\s*\)?\s*,?\s*\(?\s*(?:and/)?or\s+(?!(?:(?:any|an?|the)\s+)?(?:"
    + _LIKE
    + r"|more|less|better|above|higher|later|newer|so)\b)",
    re.IGNORECASE,
)
#: After the last name of a list: "PostgreSQL, MySQL or similar" is a choice too.
_OR_SIMILAR: Final = re.compile(r"\s*,?\s*\(?\s*or\s+(?:(?:any|an?)\s+)?(?:" + _LIKE + r")\b", re.IGNORECASE)


def _kinds(graph: SkillGraph, skill: str) -> tuple[str, ...]:
    """The kinds of thing ``skill`` is: its category (curated), its skill groups (imported)."""
    attrs = graph.node(skill)
    return (*((str(attrs["category"]),) if attrs.get("category") else ()), *attrs.get("groups", ()))


def _one_of(text: str, spans: list[tuple[int, int]], kinds: list[frozenset[str]]) -> dict[int, int]:
    """Mention number -> choice number, for the names listed as alternatives.

    A list of names joined by commas, slashes and "or" (an "and" ends it), with an "or" or
    ending with "or similar", asks one of them: "Django or FastAPI", "PostgreSQL, MySQL or similar". The
    alternatives are things of one kind (``kinds``: the categories and groups of each name; an
    empty set fits any): in "Java/Spring, AWS or GCP" the choice is of a cloud, AWS or GCP.

    Two names an "or" joins are a choice whatever their kinds ("scripting in Python or Bash").

    >>> text = "Django or FastAPI; Python and Go; Java, AWS or GCP"
    >>> names = ["Django", "FastAPI", "Python", "Go", "Java", "AWS", "GCP"]
    >>> spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    >>> kinds = [frozenset()] * 4 + [frozenset({"language"})] + [frozenset({"cloud"})] * 2
    >>> _one_of(text, spans, kinds)
    {0: 0, 1: 0, 5: 1, 6: 1}
    """
    runs: list[tuple[list[int], list[str]]] = []  # names, and the join before each but the first
    for number, (start, _) in enumerate(spans):
        if number:
            between = text[spans[number - 1][1] : start]
            join = next((kind for kind, pattern in _JOINS if pattern.fullmatch(between)), None)
            if join is not None:
                runs[-1][0].append(number)
                runs[-1][1].append(join)
                continue
        runs.append(([number], []))
    found: dict[int, int] = {}
    for numbers, joins in runs:
        similar = _OR_SIMILAR.match(text, spans[numbers[-1]][1]) is not None
        if not ("or" in joins or similar):
            continue
        last = kinds[numbers[-1]]
        alike = [n for n in numbers if not last or not kinds[n] or kinds[n] & last]
        first = next(i for i, n in enumerate(numbers) if all(m in alike for m in numbers[i:]))
        if joins[-1:] == ["or"]:  # "Python or Bash": the two an "or" joins, whatever their kinds
            first = min(first, len(numbers) - 2)
        if len(numbers) - first > 1:
            choice = len({*found.values()})
            found.update(dict.fromkeys(numbers[first:], choice))
    return found


#: ".NET" written apart from its dot, as texts split at their punctuation write it ("azure . net"):
#: a dot after a space is no full stop.
_SPACED_DOT_NET: Final = re.compile(r"(?<=\s)\.\s(?=net\b)", re.IGNORECASE)


def _same(graph: SkillGraph, one: str, other: str) -> bool:
    """Whether ``one`` and ``other`` are the same knowledge across the crosswalk (an exact or a close
    match, :data:`~skillgraph.algorithms.crosswalk.SAME`), stated from either side."""
    return any(
        kind in SAME and target == b
        for a, b in ((one, other), (other, one))
        for kind, target in graph.node(a).get("matches", ())
    )


def _fold_matches(found: dict[str, _Found], graph: SkillGraph) -> dict[str, str]:
    """Keep one of two skills found that are an exact or close match of each other (curated and imported):
    the curated one (it has a category, effort and prerequisites), else the better scored, with
    the better score of the two and its evidence, and the other's places too (its level and
    importance where they ask more) and its choices. Return which skill each one dropped was
    folded into."""
    folded: dict[str, str] = {}
    for skill in list(found):
        if skill not in found:
            continue
        for kind, other in graph.node(skill).get("matches", ()):
            if kind not in SAME or other not in found or other == skill:
                continue
            better = (is_curated(skill), found[skill].score) >= (is_curated(other), found[other].score)
            keep, drop = (skill, other) if better else (other, skill)
            kept, dropped = found[keep], found.pop(drop)
            if dropped.score > kept.score:  # the words said its other name better: they speak for both
                kept.score, kept.evidence, kept.how, kept.start = (
                    dropped.score,
                    dropped.evidence,
                    dropped.how,
                    dropped.start,
                )
                kept.described, kept.weak = dropped.described, dropped.weak
            kept.same = (*kept.same, drop, *dropped.same)
            kept.places += dropped.places
            kept.choices |= dropped.choices
            kept.alone = kept.alone or dropped.alone
            folded.update({drop: keep, **dict.fromkeys(dropped.same, keep)})
            if keep != skill:
                break
    return folded


_TRAILING: Final = re.compile(r"(?:[\s,;:-]|\b(?:and|or|as well as)\b)+$", re.IGNORECASE)


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _mentions(
    index: ExtractIndex, tokens: list[Token], text: str, *, roles: bool = False
) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    """Return the names found in ``tokens`` (of ``text``): (first token, end token, (skill, how)
    pairs), the longest at each token, in order. A name inside a longer one found is not read
    again ("SQL Server" of "Microsoft SQL Server"); one that starts inside it and runs on is
    ("enjoy working" and "working in a team"). A name of several words is never read across
    punctuation that parts them ("Apache, Kafka Streams" names no Apache Kafka), save a long
    label's own commas (ESCO's "maintain a safe, hygienic and secure working environment":
    :data:`COMMA_NAME` words or more).

    With ``roles``, the names of roles instead (as (role, ``role``) pairs).
    """
    found = []
    keys = [t.key for t in tokens]
    names: Any = index.role_names if roles else index.names
    longest = index.role_longest if roles else index.longest
    # how far a name starting at each token may run: up to punctuation parting two words
    between = [text[a.end : b.start] for a, b in pairwise(tokens)]
    parted = [bool(_PARTED.search(gap)) for gap in between] + [True]
    comma = [parted[j] or "," in gap for j, gap in enumerate(between)] + [True]
    reach = [1] * len(tokens)  # how many tokens from each one up to such punctuation
    short = [1] * len(tokens)  # the same up to a comma
    for j in range(len(tokens) - 2, -1, -1):
        reach[j] = 1 if parted[j] else reach[j + 1] + 1
        short[j] = 1 if comma[j] else short[j + 1] + 1
    i = covered = 0
    while i < len(tokens):
        for length in range(min(longest, len(tokens) - i, reach[i]), 0, -1):
            if i + length <= covered:
                break  # inside a longer name found before ("Kafka Streams" of "Apache Kafka Streams")
            if length > short[i] and length < COMMA_NAME:
                continue  # two names listed ("Apache, Kafka")
            name = tuple(keys[i : i + length])
            candidates = names.get(name)
            if candidates is None:
                continue
            if roles:
                if tokens[i + length - 1].text.casefold() not in index.role_nouns[name]:
                    continue  # "data engineering" is a field of work, not the Data Engineer
                candidates = tuple((role, "role") for role in candidates)
            spellings = index.cased.get(name)
            if spellings is not None and tokens[i].text not in spellings:
                continue
            strict = index.strict.get(name)
            if strict is not None and not matches_form(strict, tokens[i].text):
                continue  # "St Aldhelm's" says no "ST", "electronic records" no electronics
            writers = index.spellings.get(name)
            as_written = " ".join(text[tokens[i].start : tokens[i + length - 1].end].split())
            if writers is not None and not as_written.islower():
                # a name written with capitals is the skill that writes it so: "Spark" is Apache
                # Spark's name, not ESCO's SPARK (a Java web framework)
                candidates = tuple((s, h) for s, h in candidates if as_written in writers[s]) or candidates
            found.append((i, i + length, candidates))
            covered = max(covered, i + length)
            break
        i += 1
    return found


#: Punctuation that parts two words of a text into two names, and the start of a list item or
#: paragraph ("design systems\n- Testing" names no systems testing; a line wrapped is read on).
_PARTED: Final = re.compile(r"[;:()\[\]|!?]|\.\s|\n\s*(?:[-*\u2022\u2013\u2014]|\d{1,2}[.)]|\n)")
#: The fewest words of a name read across a comma (a long label that writes one).
COMMA_NAME: Final = 4


def _brand_names_dropped(
    graph: SkillGraph,
    index: ExtractIndex,
    text: str,
    tokens: list[Token],
    mentioned: list[tuple[int, int, tuple[tuple[str, str], ...]]],
) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    """``mentioned`` without the brand names that name another product of the brand: "Apache" is
    the Apache HTTP Server, but "Apache Airflow" is not. A one-word alternative name that is no
    word of its skill's own label and begins other skills' labels ("Apache Kafka") is a brand;
    followed by a capitalised word that starts no name, it is the first word of a product the
    graph does not hold."""
    starts = {a for a, _, _ in mentioned}
    kept = []
    for first, end, candidates in mentioned:
        after = tokens[end] if end < len(tokens) else None
        if (
            end - first == 1
            and after is not None
            and after.text[:1].isupper()
            and end not in starts
            and not text[tokens[first].end : after.start].strip()
            and all(how == "alt" for _, how in candidates)
            and not any(tokens[first].key in keys(graph.label(s)) for s, _ in candidates)
            and tokens[first].key in index.first_words
            and not _platform(graph, index, tokens[first].key, {s for s, _ in candidates})
        ):
            continue
        kept.append((first, end, candidates))
    return kept


def _platform(graph: SkillGraph, index: ExtractIndex, brand: str, skills: set[str]) -> bool:
    """Whether the products named after ``brand`` cover its skill (AWS Lambda covers Amazon Web
    Services): the brand is a platform, and "AWS EMR", a product of it the graph does not hold,
    still asks the platform, where "Apache Airflow" asks no Apache HTTP Server."""
    products = {
        s for name, found in index.names.items() if len(name) > 1 and name[0] == brand for s, _ in found
    }
    covers = graph.covers
    return any(covered in skills for product in products for covered, _, _ in covers.get(product, ()))


def _shared_names(
    mentioned: list[tuple[int, int, tuple[tuple[str, str], ...]]],
) -> dict[str, set[str]]:
    """Skill -> the other skills one of its mentions names as well, in the same way (two
    skills whose label it is, or two that list it as an alternative)."""
    own = ("label", "short")
    rivals: dict[str, set[str]] = defaultdict(set)
    for _, _, candidates in mentioned:
        for skill, how in candidates:
            rivals[skill] |= {s for s, h in candidates if s != skill and (h in own) == (how in own)}
    return {skill: found for skill, found in rivals.items() if found}


def _context(index: ExtractIndex, mentioned: list[str]) -> dict[str, float]:
    """Skill -> how much the roles that require the mentioned skills require it too (0 to 1)."""
    strength: dict[str, float] = defaultdict(float)
    for skill in mentioned:
        for role in index.required_by.get(skill, ()):
            strength[role] += 1 / math.sqrt(index.role_sizes[role])
    scores: dict[str, float] = defaultdict(float)
    for role, weight in strength.items():
        for skill in index.requires[role]:
            scores[skill] += weight
    if not scores:
        return {}
    top = max(scores.values())
    return {s: v / top for s, v in scores.items()}


def _pieces(text: str) -> list[tuple[int, int]]:
    """The clauses of ``text``, and the parts of those that have several (split at commas and
    conjunctions): a description is matched against each, so a long sentence does not drown it."""
    found = []
    for start, end in clauses(text):
        found.append((start, end))
        parts = [*split_parts(text, start, end), end]
        if len(parts) > 2:
            found += [(a, b) for a, b in pairwise(parts) if text[a:b].strip()]
    return found


def _described(
    index: ExtractIndex, text: str, covered: list[tuple[int, int]], *, technical: bool = False
) -> list[tuple[tuple[int, int], tuple[str, float, list[str], bool]]]:
    """The skills each clause describes: ((clause span), (skill, share of the clause matched, words,
    weak: see :data:`WEAK_SHARE`)).

    The words of a role's name (``covered``: "Senior Backend Engineer") are left out: they
    name the job, not a skill. A skill matched by one word only is kept when that word is in its
    label, and counts less (:data:`ONE_WORD`) when its label has more words ("people" says less
    of People management than "observable" says of Observability). A skill at least
    :data:`LABEL_SAID` of whose label the clause says, in any order, counts that share of its
    label (:data:`LABEL_SHARE` of it) when that is more than its share of the clause. In a
    ``technical`` text (one that names a skill), the words of a two-word label weigh by their
    rarity, so its telling word says nearly all of it ("Cloud" beside Java and NoSQL).
    """
    rarest = max(index.idf.values(), default=0.0)
    rest = _blanked(text, covered)
    found = []
    for start, end in _pieces(text):
        said = list(dict.fromkeys(words(rest[start:end])))
        query = [w for w in said if w in index.terms]
        if not query:
            continue
        # a two-word label said the other way round after a determiner is another thing, named by
        # its last word ("our design system" is no system design)
        other = {
            number
            for first, last in _compounds(rest[start:end])
            for number in index.pairs.get((last, first), ())
        }
        # a word no skill uses still counts in what the clause says, as a rare word (UNKNOWN_WEIGHT)
        unknown = UNKNOWN_WEIGHT * rarest * (len(said) - len(query))
        weight = np.array([index.idf[w] for w in query])
        mass = float(weight.sum()) + unknown
        numbers = [index.terms[w] for w in query]
        rows = index.weights[numbers].tocsc()
        shares = (rows.T @ weight) / mass  # every skill at once: the share of the clause it matches
        said_rows = index.label_said[numbers].tocsc()
        of_label = np.asarray(said_rows.sum(axis=0)).ravel()
        for number in np.flatnonzero(shares >= DESCRIBED_MIN):
            if number in other:
                continue
            share = float(shares[number])
            hits = [query[r] for r in rows.indices[rows.indptr[number] : rows.indptr[number + 1]]]
            label = index.label_terms[number]
            size = max(len(label), index.label_size[number])
            if len(hits) == 1 and hits[0] in label:
                if size >= 2 and index.spread[index.terms[hits[0]]] > ONE_WORD_SPREAD:
                    continue
                share *= 1.0 if size < 2 else ONE_WORD
            elif len(hits) == 1:
                continue
            if share >= DESCRIBED_MIN:
                # the words said of its names: enough of one (two words, and half of it) or a
                # guess; the words of its description only back them ("Warehouse Operative" says
                # one word of data warehousing, "card payments" two of the six of PCI DSS's
                # Payment Card Industry Data Security Standard)
                matched = set(hits)
                unnamed = not any(
                    len(matched & name) >= min(2, length)
                    and 2 * len(matched & name) >= length
                    and telling in matched
                    and (length < 3 or head in matched)
                    for (name, length), (telling, head) in zip(
                        ((label, size), *((a, len(a)) for a in index.alt_terms[number])),
                        index.marks[number],
                        strict=True,
                    )
                )
                weak = (
                    unnamed
                    or (len(hits) == 1 and size >= 2)
                    or (
                        len(label) >= WEAK_TERMS
                        and bool(set(hits) & label)
                        and float(of_label[number]) < WEAK_SHARE
                    )
                )
                found.append(((start, end), (index.skills[number], min(share, 1.0), hits, weak)))
        said_of_label = index.label_rare[numbers].tocsc() if technical else said_rows
        labels = np.asarray(said_of_label.sum(axis=0)).ravel() if technical else of_label
        for number in np.flatnonzero(labels >= LABEL_SAID):
            if number in other:
                continue
            hits = [
                query[r]
                for r in said_of_label.indices[
                    said_of_label.indptr[number] : said_of_label.indptr[number + 1]
                ]
            ]
            share = LABEL_SHARE * float(labels[number])
            if len(hits) < 2:
                share *= ONE_WORD  # one word of a longer label counts as in the description pass
            found.append(((start, end), (index.skills[number], min(share, 1.0), hits, len(hits) < 2)))
    return found


#: A determiner and the two words after it: a noun of two words, named by the last one.
_DETERMINED: Final = re.compile(
    r"\b(?:a|an|the|our|your|their|its|this|that|these|those|my|his|her)\s+([a-z][\w-]*)\s+([a-z][\w-]*)",
    re.IGNORECASE,
)


def _compounds(text: str) -> list[tuple[str, str]]:
    """The terms of the nouns of two words a determiner introduces in ``text``, in order.

    >>> _compounds("Build our design system in Storybook")
    [('design', 'system')]
    """
    found = []
    for match in _DETERMINED.finditer(text):
        first, last = words(match.group(1)), words(match.group(2))
        if len(first) == 1 and len(last) == 1:
            found.append((first[0], last[0]))
    return found


def _as_written(clause: str, matched: list[str]) -> list[str]:
    """The words of ``clause`` that gave the terms ``matched``, as written (folded), in its order.

    >>> _as_written("keep our services observable", ["observa"])
    ['observable']
    """
    written: dict[str, str] = {}
    for word in re.findall(r"[\w+#.-]*\w[+#]*", clause):
        for found in words(word):
            written.setdefault(found, word.casefold())
    return list(dict.fromkeys(written.get(t, t) for t in matched))


def _blanked(text: str, covered: list[tuple[int, int]]) -> str:
    """``text`` with the spans ``covered`` blanked out."""
    blanked = list(text)
    for a, b in covered:
        blanked[a:b] = " " * (b - a)
    return "".join(blanked)


def _named(index: ExtractIndex, text: str, covered: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The best names of each whole clause, as (skill, rank from 0): BM25 over skills' labels and
    alternative labels, words as written (:data:`NAMED_TOP` a clause; ``covered`` left out)."""
    bm = index.named
    rest = _blanked(text, covered)
    found = []
    for start, end in clauses(text):
        query = [w for w in dict.fromkeys(plain_words(rest[start:end])) if w in bm.terms]
        if not query:
            continue
        rows = bm.weights[[bm.terms[w] for w in query]]
        scores = rows.T @ np.array([bm.idf[w] for w in query])
        hit = np.flatnonzero(scores)
        best = hit[np.argsort(-scores[hit], kind="stable")[:NAMED_TOP]]
        found += [(index.skills[number], rank) for rank, number in enumerate(best)]
    return found


_COMMA: Final = re.compile(",")


class _Levels:
    """The level and importance the words around a place in the text state (see :mod:`.text`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cues = cues(text)  # in order of their start
        self.starts = [c.start for c in self.cues]
        self.clauses = clauses(text)
        self.headings: list[tuple[int, int, Cue | None, Cue | None]] = []  # line span, level, importance
        self.heads: list[tuple[int, int]] = []  # the headings' lines: they name no skill
        offset = 0
        current: tuple[Cue | None, Cue | None] = (None, None)
        for line in text.splitlines(keepends=True):
            if not line.strip():
                current = (None, None)
            elif is_duties_heading(line):  # what the job does every day: used at a working level
                current = (Cue(offset, offset + len(line), line.strip(), WORKING_LEVEL), None)
                self.heads.append((offset, offset + len(line)))
            elif is_offers_heading(line):  # what the employer offers: asks nothing
                current = (None, Cue(offset, offset + len(line), line.strip(), None, "not asked"))
                self.heads.append((offset, offset + len(line)))
            elif ":" in line and is_offers_heading(line.partition(":")[0]):  # "Perks: a budget"
                self.heads.append((offset, offset + len(line.partition(":")[0]) + 1))
                offers = Cue(offset, offset + len(line), line.strip(), None, "not asked")
                self.headings.append((offset, offset + len(line), None, offers))
            elif is_heading(line):
                self.heads.append((offset, offset + len(line)))
                here = cues(line)
                current = (
                    next((c for c in here if c.rank), None),
                    next((c for c in here if c.importance), None),
                )
            else:
                self.headings.append((offset, offset + len(line), *current))
            offset += len(line)
        self.clause_starts = [a for a, _ in self.clauses]  # both in order of their start
        self.heading_starts = [a for a, _, _, _ in self.headings]

    def add(self, more: Iterable[Cue]) -> None:
        """Add cues the words state beyond :func:`.text.cues` (all kept in order of their start)."""
        self.cues = sorted([*self.cues, *more], key=lambda c: c.start)
        self.starts = [c.start for c in self.cues]

    def apply(self, item: _Found, where: int, *, end: int | None = None) -> None:
        """Raise ``item``'s level and importance to what the words at ``where`` state."""
        at = bisect_right(self.clause_starts, where) - 1  # the clause around ``where``, if any
        clause = self.clauses[at] if at >= 0 and where < self.clauses[at][1] else (where, end or where)
        inside = self.cues[bisect_left(self.starts, clause[0]) : bisect_left(self.starts, clause[1])]
        at = bisect_right(self.heading_starts, where) - 1
        heading = self.headings[at][2:] if at >= 0 and where < self.headings[at][1] else (None, None)
        ranked = [c for c in inside if c.rank]
        before = [c for c in ranked if c.start < where]
        level: Cue | None = before[-1] if before else None
        if level is None:
            parts = split_parts(self.text, clause[0], clause[1])
            part_end = next((p for p in parts if p > where), clause[1])
            level = next((c for c in ranked if where <= c.start < part_end), None)
        level = level or heading[0]
        importance = self._importance(where, clause, inside, end) or (
            heading[1].importance if heading[1] else "essential"
        )
        if importance == "not asked":
            return  # the words say it is not asked: this place asks nothing of it
        item.asked = True
        if level is not None and level.rank and (item.level is None or level.rank > item.level):
            item.level = level.rank
        if importance == "essential":
            item.importance = "essential"

    def _importance(
        self, where: int, clause: tuple[int, int], inside: list[Cue], end: int | None = None
    ) -> str | None:
        """The importance the words at ``where`` state: those of its part of the clause between
        commas where that part states one, else those of the clause; "a plus" wins over "not
        required" ("not required, but a plus"), which wins over "required". A description (its
        words up to ``end``) in words that name a job held before is a plus too."""
        around = {
            c.importance
            for c in inside
            if c.within
            and (
                c.start <= where < c.end
                or (end is not None and c.importance == "optional" and where < c.end and c.start < end)
            )
        }
        # "no Java needed": the skill is inside the phrase; "Jenkins helpful but not required": a plus
        for importance in ("optional", "not asked"):
            if importance in around:
                return importance
        # "ideally" after the skill, in another part, speaks for what follows it only
        ahead = {c.start for c in inside if c.start > where and c.phrase.casefold() in FORWARD_PHRASES}
        stated = [c for c in inside if c.importance and not c.within and c.start not in ahead]
        if not stated:
            return None
        commas = [clause[0], *(m.end() for m in _COMMA.finditer(self.text, clause[0], clause[1]))]
        start = max(c for c in commas if c <= where)
        end = min([c for c in commas if c > where] or [clause[1]])
        own = [c for c in stated if start <= c.start < end]
        for importance in ("optional", "not asked", "essential"):
            if any(c.importance == importance for c in own or stated):
                return importance
        return None
