"""Indexes kept beside the view's cache entry, for the commands that need them.

>>> import skillgraph
>>> g = skillgraph.load(cache=False)
>>> kept_apart(g, "answer", lambda: 42)
42
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from skillgraph.rdf import cache as view_cache

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph

T = TypeVar("T")


def kept_apart(graph: SkillGraph, name: str, build: Callable[[], T]) -> T:
    """Return the index ``name`` of ``graph``, read from its own cache entry or built and stored.

    For indexes a few commands need and the others should not pay for (reading the view
    stays as light as before): each lives beside the view's cache entry, keyed by it. With no
    cache (``load(cache=False)``) the index is built and memoised on the view only.

    >>> import skillgraph
    >>> g = skillgraph.load(cache=False)
    >>> kept_apart(g, "answer", lambda: 42)
    42
    """
    attribute = f"_kept_apart_{name}"
    if attribute in graph.__dict__:
        found: T = graph.__dict__[attribute]
        return found
    key = graph.__dict__.get("_cache_key")
    stored = view_cache.read(f"{key}-{name}") if key else None
    value = stored if stored is not None else build()
    if key and stored is None:
        view_cache.write(f"{key}-{name}", value)
    graph.__dict__[attribute] = value
    return value
