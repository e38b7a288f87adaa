"""What extraction reads from a graph, built once per graph and kept beside its cached view.

- ``names``: the keys of every name of a skill (preferred label, alternative labels, the
  label without a parenthesised qualifier, "Java" for "Java (computer programming)", and the
  usual abbreviations of :data:`ABBREVIATIONS` whose full name the graph has, and the phrases of
  postings of :mod:`.idioms`: "team player" for work in teams) -> the skills.
- ``terms``, ``weights``: a BM25 index over each skill's words (label, alternative labels,
  description), a sparse term x skill matrix, so a clause is scored against every skill at once.
- ``label_said``: how much of each skill's label each term says (its share of the label's idf,
  for labels of two terms or more), so a clause saying most of a label in its own order and
  inflections ("testing automation", "automated testing processes") is found at once;
  ``label_rare`` the same with the words of a two-term label weighed by their rarity (n / df),
  for a text that names skills ("Cloud" beside Java and NoSQL says "cloud technologies").
- ``required_by``: skill -> the roles and occupations that require it or a skill choice it is
  an alternative of (the graph's neighbourhood of a skill), ``requires`` the other way round,
  and ``role_sizes``: how many requirements each has.

>>> import skillgraph
>>> g = skillgraph.load()
>>> index = extract_index(g)
>>> [g.label(s) for s, _ in index.names[("k8s",)]]
['Kubernetes']
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import numpy as np
from scipy.sparse import csr_matrix

from skillgraph.algorithms.extract.idioms import IDIOMS
from skillgraph.algorithms.extract.text import keys, scan
from skillgraph.algorithms.similarity import fold, stem, tokens
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import LADDER_TYPES

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "ABBREVIATIONS",
    "COMMON_WORDS",
    "FIELD_WEIGHTS",
    "K1",
    "LABEL_K1",
    "LAYOUT",
    "POSTING_WORDS",
    "B",
    "ExtractIndex",
    "build_index",
    "extract_index",
    "plain_words",
    "term",
    "words",
]

#: Short forms people write -> the full name a graph may hold.
ABBREVIATIONS: Final[dict[str, tuple[str, ...]]] = {
    "k8s": ("Kubernetes",),
    "postgres": ("PostgreSQL",),
    "psql": ("PostgreSQL",),
    "js": ("JavaScript",),
    "ts": ("TypeScript",),
    "golang": ("Go",),
    "py": ("Python",),
    "rest apis": ("RESTful APIs", "REST API", "REST"),
    "restful": ("RESTful APIs", "REST API", "REST"),
    "ci/cd": ("CI/CD", "continuous integration"),
    "gcp": ("Google Cloud", "Google Cloud Platform"),
    "aws": ("Amazon Web Services",),
    "mssql": ("SQL Server",),
    "ms sql": ("SQL Server",),
    "tf": ("Terraform",),
    "ml": ("machine learning",),
    "ai": ("artificial intelligence",),
    "nlp": ("natural language processing",),
    "oop": ("object-oriented programming",),
    "tdd": ("test-driven development",),
    "devops": ("DevOps",),
    "saas": ("software as a service",),
    "k8": ("Kubernetes",),
    "react.js": ("React", "ReactJS"),
    "reactjs": ("React",),
    "vue.js": ("Vue", "Vue.js"),
    "node": ("Node.js",),
    "nodejs": ("Node.js",),
    "mongo": ("MongoDB",),
    "es": ("Elasticsearch",),
    "html5": ("HTML",),
    "css3": ("CSS",),
    "sre": ("site reliability engineering",),
    "ux": ("user experience",),
    "ui": ("user interface",),
}

#: Names that are also common words: they count only written with a capital ("Go", "Rust"),
#: and never as words of a description.
COMMON_WORDS: Final = frozenset(
    "go rest spring swift rust ruby express flask chef puppet node nest shell lambda broker "
    "sessions workers terminal monolith auth cache metrics secrets compliance sizing mocha solid explain "
    "c r d sh ws py rb kt ts es".split()
)
_QUALIFIER: Final = re.compile(r"\s*\([^)]*\)\s*$")

#: A word that is one of several in the labels of more skills than this tells none of them apart,
#: so alone it describes none ("apply your depth of knowledge" guesses neither "apply HACCP" nor
#: "apply for patents", which start like hundreds of ESCO's labels). An ordinary word that starts
#: the labels of more competences than this is their verb: a one-word label too ("plan", beside
#: "plan marketing campaigns"), it names its skill only beside skills of the skill's trade.
ONE_WORD_SPREAD: Final = 20

#: BM25 parameters, and the weight of each field of a skill's words.
K1: Final = 1.2
B: Final = 0.75
FIELD_WEIGHTS: Final = {"label": 2.0, "alt": 1.0, "description": 0.1}
#: BM25's k1 for the index of names read over whole clauses.
LABEL_K1: Final = 1.5


def term(word: str) -> str:
    """The retrieval form of a word: its stem cut to seven letters ("observable", "observability").

    >>> term("observable") == term("observability")
    True
    """
    return word[:7]


#: Words of postings that say nothing of a skill (beside the similarity module's stop words).
POSTING_WORDS: Final = frozenset(
    "you your we our us will would can able ability who what which how all any also well work "
    "working team teams join looking role candidate candidates job position company new good great "
    "strong solid proven experience experienced knowledge understanding skill skills year years "
    "plus nice have has must required preferred ideally expert expertise familiar familiarity do does "
    "make get build help etc competent proficient proficiency extensive excellent thorough comfortable "
    "exposure mastery depth demonstrated successful passionate passion ability abilities advanced basic "
    "practical responsibility responsibilities duty duties benefits perks profile "
    "about".split()  # "About the role" is no skill of "speak about your work in public"
)
_POSTING_STEMS: Final = frozenset(stem(w) for w in POSTING_WORDS | COMMON_WORDS)
#: The keys of the common words as names are matched ("sizing" and "sized" alike).
_COMMON_KEYS: Final = frozenset(keys(w)[0] for w in COMMON_WORDS)


#: Short words of postings -> the words they stand for, read so by the descriptions pass (the
#: names pass has :data:`ABBREVIATIONS`): "SQL DBs" says databases, "app issues" applications.
SHORT_WORDS: Final = {
    "db": "database",
    "dbs": "databases",
    "app": "application",
    "apps": "applications",
    "dev": "development",
    "ops": "operations",
    "infra": "infrastructure",
    "config": "configuration",
    "env": "environment",
    "admin": "administration",
    "qa": "quality assurance",
    "os": "operating system",
    "repo": "repository",
    "repos": "repositories",
    "docs": "documentation",
    "perf": "performance",
}
_SHORT_WORD: Final = re.compile(r"\b(?:" + "|".join(SHORT_WORDS) + r")\b", re.IGNORECASE)
#: A word joined by a hyphen ("life-cycle"), also read joined ("lifecycle").
_COMPOUND: Final = re.compile(r"\b([a-z]{2,})-([a-z]{2,})\b")


def words(text: str) -> list[str]:
    """Return the retrieval terms of ``text``: its content words, short words read in full, and
    each hyphenated word joined too.

    >>> words("You will keep our services observable")
    ['keep', 'servic', 'observa']
    >>> words("SQL DBs, the life-cycle")
    ['sql', 'databas', 'life', 'cycl', 'lifecyc']
    """
    text = _SHORT_WORD.sub(lambda m: SHORT_WORDS[m.group().casefold()], text)
    found = [term(t) for t in tokens(text) if t not in _POSTING_STEMS]
    return found + [term(stem(a + b)) for a, b in _COMPOUND.findall(text.casefold())]


def plain_words(text: str) -> list[str]:
    """Return the words of ``text`` as written (folded), but the words of postings that say nothing
    of a skill (:data:`POSTING_WORDS`), for the names pass over whole clauses.

    >>> plain_words("Experience with multithreaded, concurrent C++")
    ['with', 'multithreaded', 'concurrent', 'c++']
    """
    return [w for w in _PLAIN.findall(fold(text)) if w not in _PLAIN_STOP]


_PLAIN: Final = re.compile(r"(?:[^\W_]|[+#])+")
_PLAIN_STOP: Final = POSTING_WORDS | COMMON_WORDS


class _Bm25(NamedTuple):
    """A BM25 index: term -> its row in ``weights`` (term x skill number: the tf part), idf."""

    terms: dict[str, int]
    weights: csr_matrix
    idf: dict[str, float]
    rarest: float  # the highest idf


@dataclass(frozen=True)
class ExtractIndex:
    """See the module docstring. ``kinds`` says how each name of a skill was derived."""

    names: dict[tuple[str, ...], tuple[tuple[str, str], ...]]  # name keys -> (skill, kind)
    longest: int
    cased: dict[tuple[str, ...], frozenset[str]]  # names that are common words -> how they are written
    plain: frozenset[tuple[str, ...]]  # one-word alternative names that are ordinary words ("worker")
    strict: dict[tuple[str, ...], str]  # one-word names read only in their own form -> kind (see _strict)
    spellings: dict[tuple[str, ...], dict[str, frozenset[str]]]  # shared names -> skill -> as written
    label_terms: tuple[
        frozenset[str], ...
    ]  # per skill number: the retrieval terms of its label (unqualified)
    alt_terms: tuple[tuple[frozenset[str], ...], ...]  # per skill number: the terms of each alternative label
    marks: tuple[tuple[tuple[str, str], ...], ...]  # per skill number, per name (label, then alt_terms):
    # its telling (rarest) term and its last term
    label_size: tuple[int, ...]  # per skill number: how many content words its label has (posting words too)
    pairs: dict[tuple[str, str], tuple[int, ...]]  # the terms of a two-term label, in order -> skill numbers
    role_names: dict[tuple[str, ...], tuple[str, ...]]  # names of two words or more -> roles
    role_longest: int
    role_nouns: dict[tuple[str, ...], frozenset[str]]  # role names -> their last word as written, and plural
    terms: dict[str, int]  # term -> its row in ``weights``
    weights: csr_matrix  # term x skill number: the BM25 tf part
    idf: dict[str, float]
    named: _Bm25  # the same over labels and alternative labels only, words as written
    label_said: csr_matrix  # term x skill number: the term's share of the label's idf (labels of 2+ terms)
    label_rare: csr_matrix  # the same, a two-term label's words weighed by their rarity (n / df)
    skills: tuple[str, ...]
    required_by: dict[str, tuple[str, ...]]
    requires: dict[str, tuple[str, ...]]  # role -> the skills it requires
    role_sizes: dict[str, int]

    @cached_property
    def spread(self) -> np.ndarray:
        """Term row -> how many labels of two terms or more have the term."""
        return np.diff(self.label_said.indptr)

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The first keys of the names of two words or more ("apache" of "Apache Kafka")."""
        return frozenset(k[0] for k in self.names if len(k) > 1)


#: Bump when the index's layout or the way it is built changes, so old cache entries are ignored.
LAYOUT = 30


def extract_index(graph: SkillGraph) -> ExtractIndex:
    """Return the :class:`ExtractIndex` of ``graph``, built once and kept beside its cached view."""
    from skillgraph.model.indexes import index

    return index(graph, f"extract-{LAYOUT}", lambda: build_index(graph), kept="apart")


def _skills(graph: SkillGraph) -> list[str]:
    return [k for k, a in graph.nx.nodes(data=True) if a.get("type") == "skill" and k not in graph.choices]


def build_index(graph: SkillGraph) -> ExtractIndex:
    """Build the :class:`ExtractIndex` of ``graph`` (see :func:`extract_index`)."""
    skills = sorted(_skills(graph))
    found: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
    by_label: dict[str, list[str]] = defaultdict(list)
    rank = {"label": 0, "alt": 1, "short": 2, "abbreviation": 3, "idiom": 4}

    spelled: dict[tuple[str, ...], set[str]] = defaultdict(set)  # how the data writes a name
    by_skill: dict[tuple[tuple[str, ...], str], set[str]] = defaultdict(set)  # ... of one skill
    capitals: set[tuple[str, ...]] = set()  # names the data writes in capitals ("CALL")
    written: set[tuple[str, ...]] = set()  # names it writes otherwise

    def add(name: str, skill: str, kind: str) -> None:
        name_keys = keys(name)
        if kind not in ("abbreviation", "idiom"):
            spelled[name_keys].update(w for w in (name.strip(), name.strip().upper()) if not w.islower())
            (capitals if name.strip().isupper() else written).add(name_keys)
            by_skill[name_keys, skill].add(name.strip())
        if name_keys and (kind not in rank or rank[kind] < rank.get(found[name_keys].get(skill, ""), 9)):
            found[name_keys][skill] = kind

    for skill in skills:
        attrs = graph.node(skill)
        label = str(attrs.get("label") or "")
        by_label[" ".join(keys(label))].append(skill)
        add(label, skill, "label")
        for alt in attrs.get("alt_labels", ()):
            add(alt, skill, "alt")
            by_label[" ".join(keys(alt))].append(skill)
        short = _QUALIFIER.sub("", label)
        if short and short != label:
            add(short, skill, "short")
    for kind, table in (("abbreviation", ABBREVIATIONS), ("idiom", IDIOMS)):
        for short_form, full_names in table.items():
            for full in full_names:
                for skill in by_label.get(" ".join(keys(full)), ()):
                    add(short_form, skill, kind)
    names = {k: tuple(sorted(v.items())) for k, v in found.items()}
    # a one-word name counts only as written when it is a common word, a label's short form, or an
    # alternative name its skill's description writes with a capital, or an acronym, while the
    # descriptions mostly write the word in lower case (ESCO's "Source", a game engine, and "CALL",
    # computer-assisted language learning; "open source" and "phone calls" are no names)
    prose, proper = _ordinary_words(graph, skills)
    cased: dict[tuple[str, ...], frozenset[str]] = {
        k: frozenset(spelled[k])
        for k, found_skills in names.items()
        if len(k) == 1
        and (
            k[0] in _COMMON_KEYS
            or all(how == "short" for _, how in found_skills)
            or (
                k[0] in prose
                and all(h in ("alt", "short") for _, h in found_skills)
                and (
                    all(k[0] in proper[s] for s, _ in found_skills)
                    or k not in written  # an acronym: "CALL" is no call
                )
            )
        )
    }
    # a name that is one skill's own and another's alternative, written differently by each
    # ("SPARK", ESCO's Java web framework; "Spark", Apache Spark's): who writes it how
    own = ("label", "short")
    spellings = {
        k: {s: frozenset(by_skill[k, s]) for s, _ in found_skills}
        for k, found_skills in names.items()
        if any(h in own for _, h in found_skills)
        and any(h == "alt" for _, h in found_skills)
        and len({frozenset(by_skill[k, s]) for s, _ in found_skills}) > 1
    }
    # an ordinary word that is only ever an alternative name, or the verb many labels of
    # competences start with ("plan marketing campaigns"; a label alone too), names only in a
    # posting of its skill's trade ("worker" of background jobs; "a hard worker"; "Plan the
    # weekly routes" asks no skill "plan")
    verbs = Counter(
        k[0]
        for k in (
            keys(str(graph.node(s).get("label") or ""))
            for s in skills
            if graph.node(s).get("skill_type") == "competence"
        )
        if len(k) > 1
    )
    plain = frozenset(
        k
        for k, found_skills in names.items()
        if len(k) == 1
        and k[0] in prose
        and k not in cased
        and (
            all(how == "alt" for _, how in found_skills)
            or (
                verbs[k[0]] > ONE_WORD_SPREAD
                and all(w.islower() for s, _ in found_skills for w in by_skill[k, s])
            )
        )
    )
    terms, weights, idf, _ = _bm25(graph, skills)
    unqualified = [_QUALIFIER.sub("", str(graph.node(s).get("label") or "")) for s in skills]
    label_words = [words(label) for label in unqualified]
    alt_words = [[w for w in (words(a) for a in graph.node(s).get("alt_labels", ())) if w] for s in skills]
    label_terms = tuple(frozenset(w) for w in label_words)
    alt_terms = tuple(tuple(frozenset(w) for w in alts) for alts in alt_words)
    # of each name, its rarest word among skills (the one that tells it from others) and its last
    # (the head of the noun it names: "database" of "maintain warehouse database")
    marks = tuple(
        tuple((max(w, key=lambda t: (idf.get(t, 0.0), t)), w[-1]) if w else ("", "") for w in (label, *alts))
        for label, alts in zip(label_words, alt_words, strict=True)
    )
    # "manage a team" is two words, though "team" says nothing of a skill in a posting
    label_size = tuple(len(tokens(label)) for label in unqualified)
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, ordered in enumerate(label_words):
        if len(ordered) == 2:
            pairs[ordered[0], ordered[1]].append(number)
    named = _bm25(graph, skills, {"label": 1.0, "alt": 1.0}, plain_words, LABEL_K1)
    required_by: dict[str, list[str]] = defaultdict(list)
    requires: dict[str, list[str]] = defaultdict(list)
    sizes: dict[str, int] = {}
    for role, attrs in graph.nx.nodes(data=True):
        if attrs.get("type") in LADDER_TYPES:
            asked = list(effective_requirements(graph, role, include_optional=True))  # roles accumulate
            sizes[role] = len(asked)
            # a skill choice is met by one alternative: each alternative is of the role's trade
            for skill in dict.fromkeys([*asked, *(a for c in asked for a in graph.choices.get(c, ()))]):
                required_by[skill].append(role)
                requires[role].append(skill)
    role_names: dict[tuple[str, ...], set[str]] = defaultdict(set)
    role_nouns: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for role in graph.nodes(LADDER_TYPES):
        attrs = graph.node(role)
        for name in (attrs.get("label") or "", *attrs.get("alt_labels", ())):
            if len(keys(name)) >= 2:
                role_names[keys(name)].add(role)
                last = name.split()[-1].casefold()
                role_nouns[keys(name)] |= {last, last + "s", last + "es"}
    return ExtractIndex(
        names=names,
        longest=max((len(k) for k in names), default=1),
        cased=cased,
        spellings=spellings,
        plain=plain,
        strict=_strict(names, spelled, written),
        label_terms=label_terms,
        label_size=label_size,
        pairs={k: tuple(v) for k, v in pairs.items()},
        alt_terms=alt_terms,
        marks=marks,
        role_names={k: tuple(sorted(v)) for k, v in role_names.items()},
        role_longest=max((len(k) for k in role_names), default=1),
        role_nouns={k: frozenset(v) for k, v in role_nouns.items()},
        terms=terms,
        weights=weights,
        idf=idf,
        named=named,
        label_said=_label_said(label_terms, terms, idf),
        label_rare=_label_said(label_terms, terms, idf, rarity=True),
        skills=tuple(skills),
        required_by={s: tuple(sorted(r)) for s, r in required_by.items()},
        requires={r: tuple(sorted(s)) for r, s in requires.items()},
        role_sizes=sizes,
    )


def _strict(
    names: dict[tuple[str, ...], Any], spelled: dict[tuple[str, ...], set[str]], written: set[tuple[str, ...]]
) -> dict[tuple[str, ...], str]:
    """The one-word names read only in their own form, by kind: a short ``acronym`` the data
    writes only in capitals is no word written with one capital ("ST" is a system test, "St
    Aldhelm's" a saint), and a noun in ``-ics`` is no adjective ("electronics" is no "electronic
    patient record"). The form is checked where a name is found (:func:`matches_form`).
    """
    found: dict[tuple[str, ...], str] = {}
    for k in names:
        if len(k) != 1:
            continue
        forms = {f.casefold() for f in spelled.get(k, ())}
        if forms and all(f.endswith("ics") for f in forms):
            found[k] = "-ics"
        elif k not in written and len(k[0]) <= 3 and k[0].isalpha():
            found[k] = "acronym"
    return found


def matches_form(kind: str, word: str) -> bool:
    """Whether ``word`` as written may be a strict one-word name of ``kind`` (see :func:`_strict`).

    >>> matches_form("acronym", "St"), matches_form("acronym", "ST"), matches_form("-ics", "electronic")
    (False, True, False)
    """
    if kind == "-ics":
        return word.casefold().endswith("ics")
    return not (word[:1].isupper() and word[1:].islower())


def _ordinary_words(graph: SkillGraph, skills: list[str]) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The keys of the words the skills' descriptions write in lower case more often than not
    (ordinary words: "source" of "open source"), and skill -> the keys its own description
    writes with a capital (its names: "Source", the game engine)."""
    lower: Counter[str] = Counter()
    written: Counter[str] = Counter()
    proper: dict[str, set[str]] = defaultdict(set)
    for skill in skills:
        for t in scan(str(graph.node(skill).get("description") or "")):
            written[t.key] += 1
            lower[t.key] += t.text.islower()
            if not t.text.islower():
                proper[skill].add(t.key)
    return frozenset(k for k, n in lower.items() if 2 * n > written[k]), proper


def _label_said(
    label_terms: tuple[frozenset[str], ...],
    terms: dict[str, int],
    idf: dict[str, float],
    *,
    rarity: bool = False,
) -> csr_matrix:
    """Term x skill number: each term's share of the weight of the label it is a word of (labels of
    two terms or more; a label of one term is a name the mentions pass finds): its idf, or with
    ``rarity`` in a label of two terms its rarity."""
    rows, columns, values = [], [], []
    for number, label in enumerate(label_terms):
        known = sorted(t for t in label if t in terms)
        # with rarity, a word of a two-word label weighs by how rare it is (n / df, BM25's idf
        # before its log), so the telling word says nearly all of it ("automation technology");
        # a longer label keeps idf, so one word never says most of it ("conduct analysis of ship data")
        weight = {t: math.exp(idf[t]) if rarity and len(known) == 2 else idf[t] for t in known}
        total = sum(weight.values())
        if len(known) < 2 or total <= 0:
            continue
        for t in known:
            rows.append(terms[t])
            columns.append(number)
            values.append(weight[t] / total)
    return csr_matrix((values, (rows, columns)), shape=(len(terms), len(label_terms)), dtype=np.float64)


def _bm25(
    graph: SkillGraph,
    skills: list[str],
    fields: dict[str, float] = FIELD_WEIGHTS,
    split: Callable[[str], list[str]] = words,
    k1: float = K1,
) -> _Bm25:
    """A BM25 index over the ``fields`` of each skill (each with its weight), words cut by ``split``."""
    counts: list[dict[str, float]] = []
    for skill in skills:
        attrs = graph.node(skill)
        tf: dict[str, float] = defaultdict(float)
        texts = {
            "label": [str(attrs.get("label") or "")],
            "alt": list(attrs.get("alt_labels", ())),
            "description": [str(attrs.get("description") or "")],
        }
        for name, weight in fields.items():
            for text in texts[name] if weight else ():
                for word in set(split(text)):
                    tf[word] += weight
        counts.append(tf)
    average = sum(sum(c.values()) for c in counts) / max(1, len(counts))
    df: Counter[str] = Counter(w for c in counts for w in c)
    n = len(counts)
    idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items()}
    terms = {w: row for row, w in enumerate(sorted(df))}
    rows, columns, values = [], [], []
    for number, tf in enumerate(counts):
        norm = k1 * (1 - B + B * sum(tf.values()) / max(average, 1e-9))
        for word, f in tf.items():
            rows.append(terms[word])
            columns.append(number)
            values.append(f * (k1 + 1) / (f + norm))
    weights = csr_matrix((values, (rows, columns)), shape=(len(terms), n), dtype=np.float64)
    return _Bm25(terms, weights, idf, max(idf.values(), default=0.0))
