"""Load the career graph: parse, validate, project, and cache the result.

>>> import skillgraph
>>> g = skillgraph.load()
>>> g.label(g.resolve("senior"))
'Senior Backend Developer'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from skillgraph.model.graph import SkillGraph
from skillgraph.rdf import cache as view_cache
from skillgraph.rdf.resources import source_files

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "load",
    "load_checked",
]


def load(
    data: Iterable[Path | str] = (),
    *,
    builtin: bool = True,
    validate: bool = True,
    cache: bool = True,
    on_rebuild: Callable[[int], None] | None = None,
) -> SkillGraph:
    """Return the career graph: the built-in graph plus the user's ``data`` files.

    The files are parsed, checked against the SHACL shapes and for cycles, and
    projected into a :class:`~skillgraph.model.graph.SkillGraph`. With ``cache`` the
    validated view is kept in the user's cache folder and reused until a source
    file changes. Raises :class:`~skillgraph.errors.DataFileError` for a file
    that is missing or malformed and :class:`~skillgraph.errors.ValidationError`
    for a graph that breaks a rule; nothing is cached then. ``on_rebuild``, if
    given, is told the number of statements when the graph is parsed and
    validated instead of read from the cache (a front end may say it takes a while).
    """
    files = [Path(p) for p in data]
    key = _key(files, builtin, validate) if cache else None
    found = view_cache.read(key) if key else None
    if isinstance(found, SkillGraph):
        found.cache_key = key
        return found
    from skillgraph.rdf.dataset import load_rdf

    rdf = load_rdf(files, builtin=builtin)
    if on_rebuild is not None:
        on_rebuild(len(rdf))
    view = _checked_view(rdf, key, validate, release=True)  # only the view is returned
    view.cache_key = key
    return view


def load_checked(
    data: Iterable[Path | str] = (), *, builtin: bool = True, cache: bool = True
) -> tuple[RdfData, SkillGraph]:
    """Return the RDF of the built-in graph plus ``data`` and its view, validated as :func:`load` does.

    For the front ends that ship the RDF itself (``skillgraph serve``, ``push``): the
    store holds the derived graph too (:mod:`skillgraph.model.derived`), so what they
    publish says what the rules derive. A cached view of the same files proves they were
    valid, so SHACL is skipped then.

    >>> rdf, view = load_checked()
    >>> roles = {q.subject.value for q in rdf.quads() if q.predicate.value.endswith("#type")
    ...          and q.object.value == "https://w3id.org/skillgraph/ontology#Role"}
    >>> len(rdf) > 1000 and view.counts()["role"] == len(roles) >= 5
    True
    """
    from skillgraph.rdf.dataset import load_rdf

    files = [Path(p) for p in data]
    rdf = load_rdf(files, builtin=builtin)
    key = _key(files, builtin, True) if cache else None
    found = view_cache.read(key) if key else None
    view = found if isinstance(found, SkillGraph) else _checked_view(rdf, key, True)
    view.cache_key = key
    from skillgraph.model.derived import publish

    publish(rdf, view)
    return rdf, view


def _key(data: list[Path], builtin: bool, validate: bool) -> str:
    return view_cache.view_key(source_files(data, builtin=builtin), builtin=builtin, validate=validate)


def _checked_view(rdf: RdfData, key: str | None, validate: bool, *, release: bool = False) -> SkillGraph:
    """Project (and, with ``validate``, check) ``rdf``; cache the view under ``key``; with
    ``release``, drop the RDF once the view is read from it."""
    from skillgraph.model.graph import build_view
    from skillgraph.model.validate import check

    view = (
        check(rdf, reuse=key is not None, release=release) if validate else build_view(rdf, release=release)
    )
    from skillgraph.model.indexes import build_kept_with_view
    from skillgraph.model.resolve import name_index

    name_index(view)  # built once here and kept with the view in the cache
    build_kept_with_view(view)
    if key is not None:
        view_cache.write(key, view)
    return view
