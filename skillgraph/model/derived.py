"""The derived graph of a view, computed once by the rules and kept with the view's cache entry.

The rules live in the algorithms (:mod:`skillgraph.algorithms.derived` writes their answers);
the model does not import them: the package registers them through :data:`RULE_HOOKS`, as
the presenters register renderers. A front end that only ships RDF (a SPARQL store) asks
:func:`cached_derived` with the files it loaded: a cached derived graph is read by the key
of those files alone, without reading the view or importing NetworkX.

>>> import skillgraph
>>> g = skillgraph.load()
>>> b"/derived/knowing/" in derived_nquads(g)
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from skillgraph.model import RULE_HOOKS
from skillgraph.rdf import cache as view_cache
from skillgraph.rdf.resources import source_files

if TYPE_CHECKING:
    from skillgraph.model.graph import SkillGraph
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "RULE_HOOKS",
    "cached_derived",
    "derived_key",
    "derived_nquads",
    "publish",
    "register",
    "rules_digest",
]

_DERIVE: list[Callable[[SkillGraph], bytes]] = []


def register(derive: Callable[[SkillGraph], bytes]) -> Callable[[SkillGraph], bytes]:
    """Make ``derive`` (view -> N-Quads of the derived graph) the rules' derivation."""
    _DERIVE[:] = [derive]
    return derive


def rules_digest() -> str:
    """Return a digest of the code the rules live in (the algorithms and the model).

    Part of the name the derived graph is cached under, so changed rules derive again.

    >>> len(rules_digest())
    16
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("algorithms", "model"):
        for path in sorted((package / folder).rglob("*.py")):
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def derived_nquads(view: SkillGraph) -> bytes:
    """Return the derived graph of ``view`` as N-Quads, from its cache entry or computed and kept."""
    from skillgraph.model.indexes import index

    if not _DERIVE:
        for hook in RULE_HOOKS:
            hook()
    if not _DERIVE:
        return b""
    derive = _DERIVE[0]
    return index(view, f"derived-{rules_digest()}", lambda: derive(view), kept="apart")


def cached_derived(data: Iterable[Path | str] = (), *, builtin: bool = True) -> bytes | None:
    """Return the cached derived graph of these files, or None.

    Found only when the same files (by content) loaded and validated before, with the
    same rules: a front end may trust them as checked then.

    >>> import skillgraph
    >>> cached_derived([]) == derived_nquads(skillgraph.load())
    True
    """
    found = view_cache.read(derived_key(data, builtin=builtin))
    return found if isinstance(found, bytes) else None


def derived_key(data: Iterable[Path | str] = (), *, builtin: bool = True) -> str:
    """Return the name the derived graph of these files is kept under: the key of their
    validated view (their content) and the digest of the rules.

    >>> derived_key([]) != derived_key([], builtin=False)
    True
    """
    files = source_files(data, builtin=builtin)
    return f"{view_cache.view_key(files, builtin=builtin, validate=True)}-derived-{rules_digest()}"


def publish(rdf: RdfData, view: SkillGraph) -> None:
    """Add the derived graph of ``view`` to the store of ``rdf`` (the RDF it was projected from)."""
    from skillgraph.rdf.derived import add_derived

    add_derived(rdf.store, derived_nquads(view))
