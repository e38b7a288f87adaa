"""Validate each source once, keyed by its content: a new small file does not revalidate ESCO.

The shapes are checked by :func:`skillgraph.rdf.core_shapes.core_problems` (SPARQL on the
Oxigraph store). Once a set of sources passes, each of them is remembered as valid *in the
company of the others* (a marker in the cache folder, named after the digest of the source's
content and the shapes, listing the digests of the sources it was checked with). Later, a
source counts as validated when one of its markers lists only sources that are loaded now;
the others (new or changed files) are checked, restricted to the nodes they mention, against
the whole graph. That is sound for the shipped shapes: each of their constraints can only be
broken by statements about the node itself (its types, values, or references to it), so a
node that no new source mentions keeps conforming. A new source that declares
``rdfs:subClassOf`` (which can turn old nodes into targets), or a dataset file (whose graphs
cannot be told apart), makes the check a full one.

>>> from skillgraph.rdf.dataset import load_rdf
>>> validate_sources(load_rdf(), reuse=False)
[]
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from skillgraph.rdf.core_shapes import core_problems
from skillgraph.rdf.resources import shapes_file

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def _digest(path: Path, salt: bytes) -> str:
    from skillgraph.rdf.cache import source_digest

    return hashlib.sha256(salt + source_digest(path)).hexdigest()


def _markers() -> Path:
    from skillgraph.rdf.cache import cache_dir

    return cache_dir() / "validated"


def _salt() -> bytes:
    from skillgraph.vocabulary import __version__

    return __version__.encode() + b"\0" + shapes_file().read_bytes()


def _validated(digest: str, present: set[str]) -> bool:
    try:
        lines = (_markers() / digest).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return any(set(line.split()) <= present for line in lines)


def _remember(digest: str, company: set[str]) -> None:
    folder = _markers()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / digest
        old = path.read_text(encoding="ascii").splitlines() if path.exists() else []
        lines = [*old[-15:], " ".join(sorted(company))]
        path.write_text("\n".join(lines) + "\n", encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return  # a marker that cannot be written only costs a check next time


def validate_sources(rdf: RdfData, *, reuse: bool = True) -> list[str]:
    """Check ``rdf`` against the shapes; with ``reuse``, skip the sources validated before.

    Returns one line per violation (empty when valid); remembers the sources when valid.
    """
    salt = _salt()
    user = set(rdf.user_files)
    digests = {path: _digest(path, salt) for path in rdf.files}
    present = set(digests.values())
    fresh = [p for p in rdf.files if not (reuse and _validated(digests[p], present - {digests[p]}))]
    if not fresh:
        return []
    from skillgraph.rdf.dataset import file_graph_name, format_of

    partial = reuse and all(
        p in user and not format_of(p).supports_datasets for p in fresh
    )  # the built-in graph (the default graph) or a dataset file: check everything
    graphs = [file_graph_name(p) for p in fresh]
    if partial:
        for graph in graphs:
            if (
                next(rdf.store.quads_for_pattern(None, ox.NamedNode(_SUBCLASS), None, graph), None)
                is not None
            ):
                partial = False
    problems = core_problems(rdf, graphs=graphs if partial else None)
    if not problems:
        for path in fresh:
            _remember(digests[path], present - {digests[path]})
    return problems
