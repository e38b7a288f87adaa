"""The words of a posting: tokens with their place in the text, clauses, and the phrases that
state a level or an importance.

A token is a run of letters, digits, ``+`` and ``#``, with inner dots kept (``node.js``,
``asp.net``, ``.net``); its *key* folds case and strips a plural or verb ending (the
:func:`~skillgraph.algorithms.similarity.stem` of the similarity module), so "REST APIs" and
"REST API" have the same keys.

>>> [t.key for t in scan("Kubernetes and REST APIs, C# / .NET")]
['kubernet', 'and', 'rest', 'api', 'c#', '.net']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from skillgraph.algorithms.similarity import fold, stem

__all__ = [
    "ESSENTIAL_PHRASES",
    "FORWARD_PHRASES",
    "LEVEL_PHRASES",
    "MAX_TEXT_BYTES",
    "OPTIONAL_PHRASES",
    "Cue",
    "Token",
    "clauses",
    "cues",
    "decode",
    "is_duties_heading",
    "is_heading",
    "is_offers_heading",
    "key",
    "keys",
    "scan",
    "split_parts",
]

#: A word: letters and digits of any script, "+" and "#" ("C++", "C#"), dots inside ("Node.js")
#: and one before (".NET").
_TOKEN: Final = re.compile(r"(?<![\w.])\.?[^\W_](?:[^\W_]|[+#])*(?:\.[^\W_](?:[^\W_]|[+#])*)*")


@dataclass(frozen=True)
class Token:
    """One word of the text: ``key`` for matching, ``start``/``end`` its characters in the text."""

    key: str
    text: str
    start: int
    end: int


def key(word: str) -> str:
    """Return the matching key of one word: folded, without a plural or verb ending.

    >>> [key(w) for w in ("APIs", "Databases", "testing", "C++", "k8s")]
    ['api', 'databas', 'test', 'c++', 'k8s']
    """
    folded = fold(word)
    return stem(folded) if folded.isalpha() else folded


def scan(text: str) -> list[Token]:
    """Return the tokens of ``text`` in order.

    >>> [(t.text, t.start) for t in scan("Go, Node.js")]
    [('Go', 0), ('Node.js', 4)]
    """
    return [Token(key(m.group()), m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def keys(text: str) -> tuple[str, ...]:
    """Return the keys of the tokens of ``text`` (how a name is matched).

    >>> keys("CI/CD pipelines")
    ('ci', 'cd', 'pipelin')
    """
    return tuple(t.key for t in scan(text))


#: Proficiency rank -> the phrases that state it (see ``docs/extract.md``). Longer phrases win
#: over the shorter ones they contain ("some experience" over "experience").
LEVEL_PHRASES: Final[dict[int, tuple[str, ...]]] = {
    4: (
        "expert",
        "experts",
        "expertise",
        "mastery",
        "master of",
        "deep knowledge",
        "deep understanding",
        "deep experience",
        "in-depth",
        "in depth",
    ),
    3: (
        "strong",
        "solid",
        "proven",
        "extensive",
        "advanced",
        "proficient",
        "proficiency",
        "hands-on",
        "excellent",
        "thorough",
        "very good",
        "significant experience",
    ),
    2: (
        "experience",
        "experienced",
        "working knowledge",
        "good knowledge",
        "good understanding",
        "knowledge of",
        "competent",
        "practical",
        "comfortable",
    ),
    1: (
        "familiarity",
        "familiar",
        "basic",
        "basics",
        "exposure",
        "awareness",
        "understanding of",
        "some experience",
        "some knowledge",
        "interest in",
        "willingness to learn",
        "eager to learn",
    ),
}

#: Phrases that make a requirement optional, and those that say it is essential.
OPTIONAL_PHRASES: Final = (
    "nice to have",
    "nice-to-have",
    "nice to haves",
    "nice-to-haves",
    "pluses",
    "extra credit",
    "a plus",
    "is a plus",
    "bonus",
    "preferred",
    "preferably",
    "preferable",
    "desirable",
    "ideally",
    "an advantage",
    "advantageous",
    "optional",
    "would be great",
    "would love",
    "we'd love",
    "we’d love",
    "helpful",
    "welcome",
)
#: Of those, the ones that speak only for what follows them: "Docker and Kubernetes, ideally on
#: GCP" makes GCP a plus, not Docker.
FORWARD_PHRASES: Final = frozenset({"ideally", "preferably"})
#: Phrases that say a skill is not asked at all ("Kubernetes is not required", "Not needed:").
NOT_ASKED_PHRASES: Final = (
    "not required",
    "not needed",
    "not necessary",
    "not essential",
    "not mandatory",
    "not expected",
    "not a requirement",
    "not a must",
    "no need for",
    "no need to know",
    "don't need",
    "do not need",
    "needn't",
    "you won't need",
    "you will not need",
)
#: Phrases that start what the employer offers ("We offer hybrid working and a learning
#: budget"): the clause asks nothing of the candidate.
OFFER_PHRASES: Final = (
    "we offer",
    "we provide",
    "we give you",
    "you'll get",
    "you’ll get",
    "you will get",
    "you'll enjoy",
    "you’ll enjoy",
    "you will enjoy",
)
ESSENTIAL_PHRASES: Final = (
    "must",
    "must have",
    "must-have",
    "required",
    "requirements",
    "essential",
    "mandatory",
)


@dataclass(frozen=True)
class Cue:
    """A phrase found in the text that states a level (``rank``) or an importance."""

    start: int
    end: int
    phrase: str
    rank: int | None = None
    importance: str | None = None
    within: bool = False  # it speaks for the words inside it only ("no Java needed")


def _pattern(phrases: dict[str, tuple[int | None, str | None]]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])", re.IGNORECASE
    )


#: Nouns that follow a level's adjective and belong to its phrase ("solid experience").
_NOUNS: Final = ("experience", "knowledge", "understanding", "skills", "background", "command", "grasp")
_MEANING: Final[dict[str, tuple[int | None, str | None]]] = {
    **{p: (rank, None) for rank, phrases in LEVEL_PHRASES.items() for p in phrases},
    **{
        f"{p} {noun}": (rank, None)
        for rank, phrases in LEVEL_PHRASES.items()
        for p in phrases
        if " " not in p and p not in _NOUNS
        for noun in _NOUNS
    },
    **dict.fromkeys(OPTIONAL_PHRASES, (None, "optional")),
    **dict.fromkeys(ESSENTIAL_PHRASES, (None, "essential")),
    **dict.fromkeys(NOT_ASKED_PHRASES, (None, "not asked")),
    **dict.fromkeys(OFFER_PHRASES, (None, "not asked")),
}
_CUES: Final = _pattern(_MEANING)
#: "no Java needed", "no prior Kubernetes experience required": the words between are not asked.
_NO_NEED: Final = re.compile(
    r"(?<![\w-])no\s+(?:[^\s.;:!?,]+\s+){1,5}?(?:is\s+|are\s+)?(?:needed|required|necessary|expected)(?![\w-])",
    re.IGNORECASE,
)
#: "(training provided)", "(full training given)": what the employer gives asks nothing.
_PROVIDED: Final = re.compile(
    r"\((?:[^\s().;:]+\s+){1,4}?(?:is\s+|are\s+|will\s+be\s+)?(?:provided|given|offered)\)",
    re.IGNORECASE,
)
#: "in a DevOps, SRE or cloud infrastructure role": the words between name the kinds of job the
#: candidate may have held, one or another, not a skill asked of them (a plus).
_OR: Final = re.compile(r"(?<![\w-])or(?![\w-])", re.IGNORECASE)
_BACKGROUND: Final = re.compile(
    r"(?<![\w-])(?:in|as|from)\s+(?:an?|the|one)\s+(?:[^\s.;:!?]+\s+){1,6}?"
    r"(?:role|roles|position|positions|capacity|background|job|jobs)(?![\w-])",
    re.IGNORECASE,
)
_YEARS: Final = re.compile(
    # "5+ years of professional experience": the years say the level, not the word "experience"
    r"(?<!\w)(\d{1,2})\s*\+?\s*(?:years|yrs)(?!\w)"
    r"(?:\s+of\s+(?:[a-z-]+\s+){0,2}?(?:experience|expertise)(?!\w))?"
    # "5+ years of development, at least 3 with Node.js": the years of what follows
    r"|(?<!\w)(?:at\s+least|including|of\s+which)\s+(\d{1,2})\s*\+?(?=\s+(?:with|in|using|on)\b)",
    re.IGNORECASE,
)


#: Words in parentheses, and the words of an aside that name nothing ("(would be a plus)").
_ASIDE: Final = re.compile(r"\([^()]*\)")
_ASIDE_PART: Final = re.compile(r"[;,]")
_FILLER: Final = re.compile(
    r"\b(?:is|are|also|would|will|be|it|this|that|a|an|the|very|much)\b|[^\w]+", re.IGNORECASE
)


def cues(text: str) -> list[Cue]:
    """Return the level and importance phrases of ``text`` in order.

    "N years" states a level too: 5 or more years expert, 3 or more advanced, else intermediate.
    "no ... needed" says the words between are not asked (the cue spans them); "in a ... or ...
    role" says the words between name kinds of job held before, a plus.

    >>> [(c.phrase, c.rank, c.importance) for c in cues("Expert in Go; Docker is a plus; 3+ years of SQL")]
    [('Expert', 4, None), ('is a plus', None, 'optional'), ('3+ years', 3, None)]
    >>> [(c.phrase, c.rank) for c in cues("6 years of backend work, at least 2 with Go")]
    [('6 years', 4), ('at least 2', 2)]
    >>> [(c.phrase, c.importance) for c in cues("No Java needed. Kubernetes is not required")]
    [('No Java needed', 'not asked'), ('not required', 'not asked')]
    >>> [(c.phrase, c.importance) for c in cues("Drive forklifts (training provided)")]
    [('(training provided)', 'not asked')]
    >>> [(c.phrase, c.importance) for c in cues("4+ years in a DevOps or SRE role")]
    [('4+ years', None), ('in a DevOps or SRE role', 'optional')]
    >>> [(c.phrase, c.importance, c.within) for c in cues("Python (Java is a plus), Docker (a plus)")]
    [('Java is a plus', 'optional', True), ('a plus', 'optional', False)]
    """
    found = []
    denied = [(m.start(), m.end()) for m in (*_NO_NEED.finditer(text), *_PROVIDED.finditer(text))]
    for a, b in denied:
        found.append(Cue(a, b, text[a:b], None, "not asked", within=True))
    for m in _BACKGROUND.finditer(text):
        if _OR.search(m.group()):  # kinds of job to choose from; "in a Python backend role" asks Python
            found.append(Cue(m.start(), m.end(), m.group(), None, "optional", within=True))
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    years = list(_YEARS.finditer(text))
    for m in _CUES.finditer(text):
        if any(a <= m.start() < b for a, b in denied):
            continue  # a word of "no ... required"
        if any(y.start() <= m.start() < y.end() for y in years):
            continue  # the experience of "5+ years of experience": the years say its level
        rank, importance = _MEANING[m.group().casefold()]
        aside = next(((a, b) for a, b in asides if a < m.start() < b), None)
        if importance and aside:
            # the part of the aside the phrase is in: "(GitHub Actions; Jenkins helpful but not required)"
            first = max([aside[0] + 1, *(p.end() for p in _ASIDE_PART.finditer(text, aside[0], m.start()))])
            last = min([aside[1] - 1, *(p.start() for p in _ASIDE_PART.finditer(text, m.end(), aside[1]))])
            if _FILLER.sub("", text[first : m.start()]).strip():
                # "Python (Java or Scala is a plus)": the aside's own names are the plus
                found.append(Cue(first, last, text[first:last], None, importance, within=True))
                continue
        found.append(Cue(m.start(), m.end(), m.group(), rank, importance))
    for m in years:
        count = int(m.group(1) or m.group(2))
        found.append(Cue(m.start(), m.end(), m.group(), 4 if count >= 5 else 3 if count >= 3 else 2))
    return sorted(found, key=lambda c: c.start)


#: Where a clause ends: sentence punctuation, semicolons, bullets, line ends (unless the next
#: line goes on in lower case: a wrapped sentence).
_CLAUSE_END: Final = re.compile(r"[.;!?](?=\s|$)|\n(?![ \t]*[a-z])|[\u2022*]|\s[-\u2013\u2014]\s")
_PART_END: Final = re.compile(r",|\band\b|\bor\b|\bas well as\b", re.IGNORECASE)


def clauses(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each clause of ``text``: a cue speaks for its clause.

    >>> text = "Expert in Go. Familiar with Docker"
    >>> [text[a:b].strip() for a, b in clauses(text)]
    ['Expert in Go', 'Familiar with Docker']
    """
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


#: Words that, beside a level or importance phrase, name a list ("Bonus points").
_LIST_NOUNS: Final = frozenset(
    "points point qualifications qualification skills skill requirements requirement extras "
    "extra things stuff items criteria profile experience knowledge the our your you if have "
    "it also know already bring".split()
)
#: A list item's mark: a bullet, a dash or a number ("- ", "* ", "\u2022 ", "2. ", "3) ").
_ITEM: Final = re.compile(r"\s*(?:[-*\u2022\u2013\u2014]|\d{1,2}[.)])\s")


def is_heading(line: str) -> bool:
    """Whether ``line`` heads a list ("Nice to have:", "Requirements"): its cues speak for the lines below.

    A list item is a heading only when it ends with a colon: "- Knowledge of Kafka" under "Nice to
    have:" is one of its items, not a new heading.

    >>> is_heading("Nice to have:"), is_heading("Bonus points"), is_heading("- Familiarity with Kafka")
    (True, True, False)
    >>> is_heading("- Some experience"), is_heading("- Nice to have:"), is_heading("Knowledge of Kafka")
    (False, True, False)
    """
    stripped = line.strip().strip("#*:-_ ").strip()
    found = cues(stripped)
    if not stripped or not found:
        return False
    if line.rstrip().endswith(":"):
        return True
    if _ITEM.match(line):
        return False
    rest = stripped
    for cue in reversed(found):
        rest = rest[: cue.start] + " " + rest[cue.end :]
    # the line is the phrase and words that name a list ("Bonus points", "Preferred qualifications")
    return all(word.casefold() in _LIST_NOUNS for word in re.findall(r"[\w'-]+", rest))


#: A heading over what the job does day to day ("Responsibilities", "What you'll do").
_DUTIES: Final = re.compile(
    r"\s*(?:#+\s*)?(?:key\s+|main\s+|your\s+)?(?:responsibilities|duties|tasks|"
    r"what\s+you\s*(?:'|\u2019)?ll\s+do|what\s+you\s+will\s+do|what\s+you\s+do|the\s+role|your\s+role|"
    r"in\s+this\s+role(?:\s+you\s+will)?|day[\s-]to[\s-]day)\s*:?\s*$",
    re.IGNORECASE,
)


#: A heading over what the employer offers ("What we offer", "Benefits"): the lines below ask nothing.
_OFFERS: Final = re.compile(
    r"\s*(?:#+\s*)?(?:what\s+we\s+offer|we\s+offer|our\s+offer|(?:our\s+)?benefits|perks|"
    r"perks\s+(?:and|&)\s+benefits|benefits\s+(?:and|&)\s+perks|why\s+join\s+us|"
    r"what\s*(?:'|\u2019)?s\s+in\s+it\s+for\s+you|what\s+you\s*(?:'|\u2019)?ll\s+get|what\s+you\s+get)\s*:?\s*$",
    re.IGNORECASE,
)


def is_offers_heading(line: str) -> bool:
    """Whether ``line`` heads what the employer offers: the lines below ask for no skill.

    >>> is_offers_heading("What we offer:"), is_offers_heading("Benefits"), is_offers_heading("Requirements")
    (True, True, False)
    """
    return _OFFERS.fullmatch(line.rstrip("\n")) is not None


def is_duties_heading(line: str) -> bool:
    """Whether ``line`` heads what the job does day to day: the skills below are used at work.

    >>> is_duties_heading("Key responsibilities:"), is_duties_heading("What you'll do")
    (True, True)
    >>> is_duties_heading("- Responsibilities for the budget"), is_duties_heading("Requirements:")
    (False, False)
    """
    return _DUTIES.fullmatch(line.rstrip("\n")) is not None


def split_parts(text: str, start: int, end: int) -> list[int]:
    """Return where the parts of a clause begin (after commas and conjunctions), ``start`` first."""
    return [start] + [start + m.end() for m in _PART_END.finditer(text[start:end])]


#: The largest posting (or batch of lines) read, in bytes.
MAX_TEXT_BYTES: Final = 4 << 20


def decode(data: bytes, name: str) -> str:
    """Return ``data`` (the content of file ``name``) as text, or raise a one-line error.

    Refused: binary content (a NUL byte), text that is not UTF-8, an empty or blank text.

    >>> decode(b"\\xef\\xbb\\xbfPython and SQL\\n", "job.txt")
    'Python and SQL\\n'
    >>> decode(b"\\xff\\xfeP\\x00y\\x00", "job.txt")
    Traceback (most recent call last):
    ...
    skillgraph.errors.DataFileError: job.txt, line 1: UTF-16 text, not UTF-8: save it as UTF-8
    >>> decode(b"caf\\xe9 au lait", "job.txt")
    Traceback (most recent call last):
    ...
    skillgraph.errors.DataFileError: job.txt, line 1: not UTF-8 text (invalid continuation byte)
    """
    from skillgraph.errors import DataFileError

    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a byte-order mark of UTF-16: text, but not UTF-8
        raise DataFileError(name, "UTF-16 text, not UTF-8: save it as UTF-8", line=1)
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise DataFileError(name, "a binary file, not text", line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DataFileError(name, f"not UTF-8 text ({err.reason})", line=line) from None
    if not text.strip():
        raise DataFileError(name, "empty: no text to read skills from")
    return text
