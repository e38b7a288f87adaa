"""The indexes a view keeps: built once from it, and where each is kept, declared in one place.

An index is anything computed from a :class:`~skillgraph.model.graph.SkillGraph` and read
many times: the name index, the prerequisites of every skill, the transition index. Each is
asked for with :func:`index` (or, for the view's own tables, declared with
:func:`view_index`), which says where the index is kept:

- ``"memory"``: on the view, for as long as it lives;
- ``"view"``: on the view and in the view's cache entry, so a cached view comes with it
  (what nearly every command reads);
- ``"apart"``: on the view and in a cache entry of its own beside the view's, keyed by it,
  so that only the commands that need it pay for reading it.

A view made without the cache (``load(cache=False)``) keeps every index in memory only.

>>> import skillgraph
>>> g = skillgraph.load(cache=False)
>>> index(g, "answer", lambda: 42)
42
>>> index(g, "answer", lambda: 43)  # built once
42
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, Literal, Protocol, TypeVar, overload

from skillgraph.rdf import cache as view_cache

__all__ = ["IndexedView", "Kept", "ViewIndex", "index", "share_indexes", "view_index"]

T = TypeVar("T")

#: Where an index is kept (see the module's docstring).
Kept = Literal["memory", "view", "apart"]


class IndexedView(Protocol):
    """What indexes are kept on (a :class:`~skillgraph.model.graph.SkillGraph`): the indexes by
    name, the names of those kept with its cache entry, and that entry's key (None: not cached)."""

    indexes: dict[str, Any]
    kept_with_view: set[str]
    cache_key: str | None


def index(graph: IndexedView, name: str, build: Callable[[], T], *, kept: Kept = "memory") -> T:
    """Return the index ``name`` of ``graph``: the one it keeps, or ``build()`` kept as ``kept`` says.

    >>> import skillgraph
    >>> g = skillgraph.load(cache=False)
    >>> index(g, "roles", lambda: len(g.nodes("role")), kept="view") == len(g.nodes("role"))
    True
    """
    indexes = graph.indexes
    if name in indexes:
        found: T = indexes[name]
        return found
    key = graph.cache_key if kept == "apart" else None
    stored = view_cache.read(f"{key}-{name}") if key else None
    value = stored if stored is not None else build()
    if key and stored is None:
        view_cache.write(f"{key}-{name}", value)
    indexes[name] = value
    if kept == "view":
        graph.kept_with_view.add(name)
    return value


def share_indexes(source: IndexedView, target: IndexedView, names: Iterable[str]) -> None:
    """Give ``target`` the indexes ``names`` of ``source`` it has built (they hold for both views)."""
    for name in names:
        if name in source.indexes:
            target.indexes[name] = source.indexes[name]


class ViewIndex(Generic[T]):
    """An attribute of the view whose value is an :func:`index` built by the decorated method."""

    def __init__(self, build: Callable[[Any], T], kept: Kept) -> None:
        # its docstring (and the examples in it) and module, for help() and doctest
        self.__doc__, self.__module__, self.__wrapped__ = build.__doc__, build.__module__, build
        self.build = build
        self.kept = kept
        self.name = build.__name__

    @overload
    def __get__(self, graph: None, owner: type) -> ViewIndex[T]: ...

    @overload
    def __get__(self, graph: IndexedView, owner: type) -> T: ...

    def __get__(self, graph: IndexedView | None, owner: type) -> T | ViewIndex[T]:
        if graph is None:
            return self
        value = index(graph, self.name, lambda: self.build(graph), kept=self.kept)
        graph.__dict__[self.name] = value  # the next reads find it without calling here
        return value


def view_index(*, kept: Kept = "memory") -> Callable[[Callable[[Any], T]], ViewIndex[T]]:
    """Declare a method of the view as an index, kept as ``kept`` says (see :func:`index`)."""

    def declare(build: Callable[[Any], T]) -> ViewIndex[T]:
        return ViewIndex(build, kept)

    return declare


def build_kept_with_view(graph: IndexedView) -> None:
    """Build every index of the view's class declared ``kept="view"`` (before the view is cached)."""
    for attribute in vars(type(graph)).values():
        if isinstance(attribute, ViewIndex) and attribute.kept == "view":
            attribute.__get__(graph, type(graph))
