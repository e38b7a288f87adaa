"""Names as people type them -> node keys, with suggestions when nothing fits.

A name matches, case-insensitively and in this order of preference: a node's
id or IRI, its preferred label, one of its alternative labels, and finally any
of those with punctuation and spaces ignored ("node js" for "Node.js"). The
first tier with a match decides; two nodes in that tier make the name ambiguous.

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
from typing import TYPE_CHECKING

from skillgraph.errors import AmbiguousNameError, UnknownNameError

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

_LOOSE = re.compile(r"[\W_]+", re.UNICODE)


def normalize(name: str) -> str:
    """Fold case and collapse whitespace.

    >>> normalize("  Senior   Backend DEVELOPER ")
    'senior backend developer'
    """
    return " ".join(name.casefold().split())


def loose(name: str) -> str:
    """Fold case and drop everything but letters and digits.

    >>> loose("Node.js")
    'nodejs'
    """
    return _LOOSE.sub("", name.casefold())


class NameIndex:
    """Lookup tables from names to node keys, built once per graph."""

    def __init__(self, graph: SkillGraph) -> None:
        self.tiers: list[dict[str, set[str]]] = [defaultdict(set) for _ in range(4)]
        self.display: dict[str, str] = {}
        self.keys_of: dict[str, set[str]] = defaultdict(set)
        ids, labels, alts, loosely = self.tiers
        for key, attrs in graph.nx.nodes(data=True):
            node_id = attrs.get("id") or key
            label = attrs.get("label") or ""
            alt_labels = attrs.get("alt_labels", ())
            ids[normalize(node_id)].add(key)
            if node_id != key:
                ids[normalize(key)].add(key)
            for text in (label, *alt_labels, node_id):
                folded = normalize(text)
                if text is label:
                    labels[folded].add(key)
                elif text is not node_id:
                    alts[folded].add(key)
                loosely[loose(text)].add(key)
                self.display.setdefault(folded, text)
                self.keys_of[folded].add(key)

    def lookup(self, name: str) -> list[set[str]]:
        """Return the matches of ``name`` in each tier."""
        return [
            self.tiers[0].get(normalize(name), set()),
            self.tiers[1].get(normalize(name), set()),
            self.tiers[2].get(normalize(name), set()),
            self.tiers[3].get(loose(name), set()) if loose(name) else set(),
        ]


def name_index(graph: SkillGraph) -> NameIndex:
    """Return the (memoised) name index of ``graph``."""
    index = graph.__dict__.get("_name_index")
    if index is None:
        index = graph.__dict__["_name_index"] = NameIndex(graph)
    return index


def _describe(graph: SkillGraph, key: str) -> str:
    attrs = graph.node(key)
    return f"{attrs['label']} ({attrs['type']} {attrs['id']})"


def suggestions(
    graph: SkillGraph, name: str, *, types: tuple[str, ...] | None = None, limit: int = 3
) -> list[str]:
    """Return up to ``limit`` names close to ``name``, among nodes of ``types``."""
    index = name_index(graph)
    allowed = {n for n, t in graph.nx.nodes(data="type") if types is None or t in types}
    candidates: dict[str, str] = {}
    for tier in index.tiers[:3]:
        for text, keys in tier.items():
            if keys & allowed and not text.startswith(("http://", "https://")):
                candidates.setdefault(text, index.display.get(text, text))
    wanted = normalize(name)
    close = difflib.get_close_matches(wanted, list(candidates), n=3 * limit, cutoff=0.6)
    close += [c for c in sorted(candidates, key=len) if wanted and wanted in c and c not in close]
    found: list[str] = []
    seen: set[str] = set()
    for text in close:
        keys = index.keys_of.get(text, set()) & allowed
        if keys and not keys <= seen:
            seen |= keys
            found.append(candidates[text])
    return found[:limit]


def resolve(graph: SkillGraph, name: str, *, types: tuple[str, ...] | None = None) -> str:
    """Return the key of the node ``name`` stands for, restricted to ``types`` if given.

    Raises :class:`~skillgraph.errors.UnknownNameError` (with suggestions) or
    :class:`~skillgraph.errors.AmbiguousNameError` (with the candidates).
    """
    if name in graph.nx and (types is None or graph.node(name)["type"] in types):
        return name  # a full IRI: no index needed
    for matches in name_index(graph).lookup(name):
        if types is not None:
            matches = {m for m in matches if graph.node(m)["type"] in types}
        if len(matches) == 1:
            return next(iter(matches))
        if matches:
            ordered = sorted(matches, key=lambda m: graph.label(m))
            raise AmbiguousNameError(name, candidates=[_describe(graph, m) for m in ordered])
    kind = "/".join(types) if types else "name"
    note = ""
    if types is not None:  # a name that exists, but as another type, says so
        other = next((m for m in name_index(graph).lookup(name) if m), set())
        if other:
            note = "; ".join(sorted(f"'{graph.label(m)}' is a {graph.node(m)['type']}" for m in other))
    raise UnknownNameError(name, suggestions=suggestions(graph, name, types=types), kind=kind, note=note)
