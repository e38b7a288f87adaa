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

from . import cache as view_cache
from .graph import SkillGraph
from .resources import source_files

if TYPE_CHECKING:
    from .store import RdfData


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
    projected into a :class:`~skillgraph.graph.SkillGraph`. With ``cache`` the
    validated view is kept in the user's cache folder and reused until a source
    file changes. Raises :class:`~skillgraph.errors.DataFileError` for a file
    that is missing or malformed and :class:`~skillgraph.errors.ValidationError`
    for a graph that breaks a rule; nothing is cached then. ``on_rebuild``, if
    given, is told the number of statements when the graph is parsed and
    validated instead of read from the cache (a front end may say it takes a while).
    """
    data = [Path(p) for p in data]
    key = None
    if cache:
        files = source_files(data, builtin=builtin)
        key = view_cache.cache_key(files, extra=f"builtin={builtin};validate={validate}")
        found = view_cache.read(key)
        if isinstance(found, SkillGraph):
            return found
    from .graph import build_view
    from .store import load_rdf
    from .validate import check

    rdf = load_rdf(data, builtin=builtin)
    if on_rebuild is not None:
        on_rebuild(len(rdf))
    view = check(rdf) if validate else build_view(rdf)
    if key is not None:
        view_cache.write(key, view)
    return view


def load_checked_rdf(data: Iterable[Path | str] = (), *, builtin: bool = True, cache: bool = True) -> RdfData:
    """Return the RDF of the built-in graph plus ``data``, validated exactly as :func:`load` does.

    For the front ends that ship the RDF itself (``skillgraph serve``, ``push``).
    A cached view of the same files proves they were valid, so SHACL is skipped then.

    >>> rdf = load_checked_rdf()
    >>> len(rdf) > 1000
    True
    """
    from .store import load_rdf
    from .validate import check

    data = [Path(p) for p in data]
    key = None
    rdf = load_rdf(data, builtin=builtin)
    if cache:
        files = source_files(data, builtin=builtin)
        key = view_cache.cache_key(files, extra=f"builtin={builtin};validate=True")
        if isinstance(view_cache.read(key), SkillGraph):
            return rdf
    view = check(rdf)
    if key is not None:
        view_cache.write(key, view)
    return rdf
