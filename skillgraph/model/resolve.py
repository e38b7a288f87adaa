"""Names as people type them -> node keys, with suggestions when nothing fits.

A name matches, case-insensitively and in this order of preference: a node's
id or IRI, its preferred label, one of its alternative labels, and finally any
of those with punctuation and spaces ignored ("node js" for "Node.js"). The
first tier with a match decides; two nodes in that tier make the name ambiguous.

A name that matches nothing as typed is read the way people write it (see
:func:`forms`): a question ("What is HTTP?", "How does the internet work?",
"DNS and how it works?") stands for its subject, a leading article is dropped,
and a plural stands for its singular and back ("ORMs", "Database Indexes").
Two names joined by "and", "&", "/" or "vs" stand for the one node both name,
or offer the nodes they name as a choice.

>>> import skillgraph
>>> g = skillgraph.load()
>>> g.label(resolve(g, "Junior Backend Developer"))
'Junior Backend Developer'
>>> resolve(g, "jnior", types=("role",))
Traceback (most recent call last):
...
skillgraph.errors.UnknownNameError: unknown role 'jnior' (did you mean 'junior' or 'senior'?)
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, overload

from skillgraph.errors import AmbiguousNameError, UnknownNameError
from skillgraph.model.indexes import IndexedView, index

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Keys",
    "NameIndex",
    "NamedView",
    "forms",
    "loose",
    "name_index",
    "normalize",
    "resolve",
    "suggestions",
]

_LOOSE = re.compile(r"[^\w+#]+|_+", re.UNICODE)  # "+" and "#" name languages: C, C++, C#
_QUESTIONS = [
    re.compile(pattern)
    for pattern in (
        r"(?:what|who|which) (?:is|are|'s)(?: meant by)? (.+)",
        r"what does (.+?) (?:mean|stand for|do)",
        r"how (?:does|do|did) (.+?) work",
        r"how (?:to|do i|do you|can i|should i) (?:learn|use|get started with|start with) (.+)",
        r"(.+?),? and how (?:it|they|does it|do they) works?",
        r"(?:learn|learning|introduction to|intro to|basics of|fundamentals of|understanding) (.+)",
    )
]
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_JOINED = re.compile(r"\s*(?:&|/|,|\+|\band\b|\bor\b|\bvs\b\.?|\bversus\b)\s*")
_LAST_WORD = re.compile(r"(?<![a-z])([a-z]{3,})$")


def normalize(name: str) -> str:
    """Fold case and collapse whitespace.

    >>> normalize("  Senior   Backend DEVELOPER ")
    'senior backend developer'
    """
    return " ".join(name.casefold().split())


def loose(name: str) -> str:
    """Fold case and drop everything but letters, digits, "+" and "#" (C++ is not C#).

    >>> loose("Node.js")
    'nodejs'
    >>> loose("C++"), loose("C #")
    ('c++', 'c#')
    """
    return _LOOSE.sub("", name.casefold())


def _numbers(word: str) -> list[str]:
    """The singular and plural forms ``word`` may stand for, most likely first."""
    found: list[str] = []
    if word.endswith("s") and len(word) < 4:
        return found  # "dns", "aws", "tls": not plurals
    if word.endswith("ies") and len(word) > 4:
        found.append(word[:-3] + "y")
    if word.endswith("es"):
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    if not word.endswith("s"):
        if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
            found.append(word[:-1] + "ies")
        found.append(word + ("es" if word.endswith(("x", "z", "ch", "sh")) else "s"))
    return found


def forms(name: str) -> list[str]:
    """Return what ``name`` may stand for when it matches nothing as typed, most likely first.

    The subject of a question, the name without a leading article, and each of those with its
    last word in the other number (singular for a plural, plural for a singular).

    >>> forms("What is HTTP?")
    ['what is http', 'http', 'https']
    >>> forms("How does the internet work?")[:3]
    ['how does the internet work', 'the internet', 'internet']
    >>> forms("ORMs")
    ['orm']
    >>> forms("Database Indexes")
    ['database index', 'database indexe']
    """
    folded = normalize(name)
    text = folded.rstrip("?!. ")
    subjects = [match.group(1) for pattern in _QUESTIONS if (match := pattern.fullmatch(text))] or [text]
    subjects += [_ARTICLE.sub("", s) for s in subjects if _ARTICLE.match(s)]
    found = [text, *subjects]
    for subject in subjects:
        last = _LAST_WORD.search(subject)
        if last:
            found += [subject[: last.start()] + other for other in _numbers(last.group(1))]
    return [f for f in dict.fromkeys(found) if f and f != folded]


Keys = str | tuple[str, ...]  # one node key, or several sorted


class NamedView(IndexedView, Protocol):
    """What name resolution reads of a view (a :class:`~skillgraph.model.graph.SkillGraph`,
    which resolves names through this module): its nodes, their attributes and labels."""

    @property
    def nx(self) -> nx.MultiDiGraph: ...

    def node(self, key: str) -> dict[str, Any]: ...

    def label(self, key: str) -> str: ...


class NameIndex:
    """Lookup tables from names to node keys, built once per graph and kept with its view.

    Three tiers are kept with the view: node ids, labels and alternative labels, each
    folded. The fourth, names with everything but letters and digits dropped ("nodejs"
    for "Node.js"), is asked for only when the first three name nothing of the type
    wanted, so it is kept in a cache entry of its own (``loose_names``, beside the view's):
    at the size of ESCO it holds some 80,000 names a command need not read. :func:`name_index`
    gives the index the graph to read that tier from.

    Each tier maps a folded name to one key, or to a tuple of keys when several nodes
    share it: plain strings and tuples load from the cache several times faster than sets.
    """

    def __init__(self, graph: NamedView) -> None:
        tiers: list[dict[str, set[str]]] = [defaultdict(set) for _ in range(3)]
        ids, labels, alts = tiers
        for key, attrs in graph.nx.nodes(data=True):
            node_id = attrs.get("id") or key
            label = attrs.get("label") or ""
            ids[_folded(node_id)].add(key)
            if node_id != key:
                ids[_folded(key)].add(key)
            labels[_folded(label)].add(key)
            for text in attrs.get("alt_labels", ()):
                alts[_folded(text)].add(key)
        self.tiers: list[dict[str, Keys]] = [_shared(tier) for tier in tiers]
        # a view read from the cache gets its reader back from name_index
        self._loose: Callable[[], dict[str, Keys]] | None = lambda: _loose_tier(graph)

    def __getstate__(self) -> dict[str, Any]:
        return {"tiers": self.tiers}  # the loose tier is read from a cache entry of its own

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.tiers, self._loose = state["tiers"], None

    def lookup(self, name: str) -> Sequence[set[str]]:
        """Return the matches of ``name`` in each tier; when it matches nothing as typed, those
        of the first of its :func:`forms` that matches something."""
        found = self.exact(name)
        if any(found):
            return found
        for form in forms(name):
            found = self.exact(form)
            if any(found):
                return found
        return found

    def exact(self, name: str) -> Sequence[set[str]]:
        """Return the matches of ``name``, as typed, in each tier (the last read when asked for)."""
        folded = normalize(name)
        return _Matches([_keys(tier.get(folded)) for tier in self.tiers], lambda: self._loosely(name))

    def _loosely(self, name: str) -> set[str]:
        squeezed = loose(name)
        if not squeezed or self._loose is None:
            return set()
        return _keys(self._loose().get(squeezed))


class _Matches(Sequence[set[str]]):
    """The matches of one name in each tier of a :class:`NameIndex`, the loose tier looked up last
    and only when something reads that far (``any()`` stops at the first tier that matches)."""

    def __init__(self, first: list[set[str]], last: Callable[[], set[str]]) -> None:
        self._first, self._last = first, last
        self._found: set[str] | None = None

    def __len__(self) -> int:
        return len(self._first) + 1

    @overload
    def __getitem__(self, at: int) -> set[str]: ...

    @overload
    def __getitem__(self, at: slice) -> Sequence[set[str]]: ...

    def __getitem__(self, at: int | slice) -> set[str] | Sequence[set[str]]:
        if isinstance(at, slice):
            return [self[i] for i in range(len(self))[at]]
        if at < 0:
            at += len(self)
        if at < len(self._first):
            return self._first[at]
        if at != len(self._first):
            raise IndexError(at)
        if self._found is None:
            self._found = self._last()
        return self._found

    def __iter__(self) -> Iterator[set[str]]:
        yield from self._first
        yield self[len(self._first)]


def _folded(text: str) -> str:
    """``normalize(text)``, the very string of the node when folding changes nothing: the cache
    then stores it once (an imported taxonomy's names are mostly lower case already)."""
    folded = normalize(text)
    return text if folded == text else folded


def _shared(tier: dict[str, set[str]]) -> dict[str, Keys]:
    return {name: next(iter(keys)) if len(keys) == 1 else tuple(sorted(keys)) for name, keys in tier.items()}


def _keys(keys: Keys | None) -> set[str]:
    return set() if keys is None else {keys} if isinstance(keys, str) else set(keys)


def _loose_tier(graph: NamedView) -> dict[str, Keys]:
    """The loose tier of the names of ``graph`` (see :class:`NameIndex`), kept apart from the view."""

    def build() -> dict[str, Keys]:
        loosely: dict[str, set[str]] = defaultdict(set)
        for key, attrs in graph.nx.nodes(data=True):
            for text in (attrs.get("label") or "", *attrs.get("alt_labels", ()), attrs.get("id") or key):
                loosely[loose(text)].add(key)
        return _shared(loosely)

    return index(graph, "loose_names", build, kept="apart")


def name_index(graph: NamedView) -> NameIndex:
    """Return the (memoised) name index of ``graph``."""
    found = index(graph, "names", lambda: NameIndex(graph), kept="view")
    if found._loose is None:
        found._loose = lambda: _loose_tier(graph)
    return found


def _describe(graph: NamedView, key: str) -> str:
    attrs = graph.node(key)
    return f"{attrs['label']} ({attrs['type']} {attrs['id']})"


def suggestions(
    graph: NamedView, name: str, *, types: tuple[str, ...] | None = None, limit: int = 3
) -> list[str]:
    """Return up to ``limit`` names close to ``name``, among nodes of ``types``."""
    # The slow road (a name was not found): the names as written, from the nodes themselves.
    allowed = {n for n, t in graph.nx.nodes(data="type") if types is None or t in types}
    candidates: dict[str, str] = {}
    keys_of: dict[str, set[str]] = defaultdict(set)
    for key, attrs in graph.nx.nodes(data=True):
        if key not in allowed:
            continue
        for text in (attrs.get("label") or "", *attrs.get("alt_labels", ()), attrs.get("id") or key):
            folded = normalize(text)
            if folded and not folded.startswith(("http://", "https://")):
                candidates.setdefault(folded, text)
                keys_of[folded].add(key)
    wanted = normalize(name)
    close = difflib.get_close_matches(wanted, list(candidates), n=3 * limit, cutoff=0.6)
    close += [c for c in sorted(candidates, key=len) if wanted and wanted in c and c not in close]
    found: list[str] = []
    seen: set[str] = set()
    for text in close:
        keys = keys_of[text]
        if keys and not keys <= seen:
            seen |= keys
            found.append(candidates[text])
    return found[:limit]


def _one_concept(graph: NamedView, matches: set[str]) -> str | None:
    """The node of ``matches`` that every other one is an exact or close match of (the curated
    concept a taxonomy names the same), if there is one: a name of the same concept is not ambiguous."""
    for key in sorted(matches):
        same = {iri for rel, iri in graph.node(key).get("matches", ()) if rel in ("exactMatch", "closeMatch")}
        if matches - {key} <= same:
            return key
    return None


def _best(graph: NamedView, name: str, types: tuple[str, ...] | None) -> set[str] | None:
    """The matches of the first tier where ``name`` (or one of its forms) matches a node of ``types``."""
    for matches in name_index(graph).lookup(name):
        if types is not None:
            matches = {m for m in matches if graph.node(m)["type"] in types}
        if matches:
            return matches
    return None


def _joined(graph: NamedView, name: str, types: tuple[str, ...] | None) -> set[str] | None:
    """The nodes named by the parts of ``name`` joined by "and", "&", "/", "vs"... when every
    part names exactly one node ("Authentication & Authorization": one node; "CQRS and Event
    Sourcing": a choice of two)."""
    text = normalize(name).rstrip("?!. ")
    for pattern in _QUESTIONS:
        if match := pattern.fullmatch(text):
            text = match.group(1)
            break
    parts = [p for p in _JOINED.split(text) if p]
    if len(parts) < 2:
        return None
    found: set[str] = set()
    for part in parts:
        matches = _best(graph, part, types)
        if matches is None or len(matches) != 1:
            return None
        found |= matches
    return found


def resolve(graph: NamedView, name: str, *, types: tuple[str, ...] | None = None) -> str:
    """Return the key of the node ``name`` stands for, restricted to ``types`` if given.

    Raises :class:`~skillgraph.errors.UnknownNameError` (with suggestions) or
    :class:`~skillgraph.errors.AmbiguousNameError` (with the candidates).
    """
    if name in graph.nx and (types is None or graph.node(name)["type"] in types):
        return name  # a full IRI: no index needed
    found = _best(graph, name, types)
    if found is None:
        found = _joined(graph, name, types)
    if len(found or ()) == 1:
        return next(iter(found or ()))
    if found and (same := _one_concept(graph, found)) is not None:
        return same
    if found:
        ordered = sorted(found, key=lambda m: graph.label(m))
        raise AmbiguousNameError(name, candidates=[_describe(graph, m) for m in ordered])
    kind = "/".join(types) if types else "name"
    note = ""
    if types is not None:  # a name that exists, but as another type, says so
        other = next((m for m in name_index(graph).lookup(name) if m), set())
        if other:
            note = "; ".join(sorted(f"'{graph.label(m)}' is a {graph.node(m)['type']}" for m in other))
    raise UnknownNameError(name, suggestions=suggestions(graph, name, types=types), kind=kind, note=note)
