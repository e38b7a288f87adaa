"""Validate each source once, keyed by its content: a new small file does not revalidate ESCO.

The shapes are checked by :func:`skillgraph.rdf.core_shapes.core_problems` (SPARQL on the
Oxigraph store). Once a set of sources passes, each of them is remembered as valid *in the
company of the others* (a marker in the cache folder, named after the digest of the source's
content and the shapes, listing the digests of the sources it was checked with). Later, the
largest set of loaded sources that once passed *as a whole* counts as validated (sources
that passed apart do not: together they may break a node); the others (new or changed
files) are checked, restricted to the nodes they mention, against the whole graph. That is
sound for the shipped shapes: each of their constraints can only be
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
from skillgraph.vocabulary import RDFS

if TYPE_CHECKING:
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "validate_sources",
]

_SUBCLASS = RDFS + "subClassOf"


def _digest(path: Path, salt: bytes) -> str:
    from skillgraph.rdf.cache import source_digest

    return hashlib.sha256(salt + source_digest(path)).hexdigest()


def _markers() -> Path:
    from skillgraph.rdf.cache import cache_dir

    return cache_dir() / "validated"


def _salt() -> bytes:
    from skillgraph.vocabulary import __version__

    return __version__.encode() + b"\0" + shapes_file().read_bytes()


def _marker_lines(digest: str) -> list[str]:
    try:
        return (_markers() / digest).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _validated_together(present: set[str]) -> set[str]:
    """Return the largest set of the sources loaded now that once passed the check as a whole.

    Sources that passed apart (each alone, say) are not valid together: a file that gives a
    built-in node a second label passes alone and breaks the graph beside the built-in file.
    """
    best: set[str] = set()
    for digest in present:
        for line in _marker_lines(digest):
            together = {digest, *line.split()}
            if together <= present and len(together) > len(best):
                best = together
    return best


def _remember(digest: str, company: set[str]) -> None:
    from skillgraph.errors import DataFileError
    from skillgraph.rdf.atomic import atomic_write

    lines = [*_marker_lines(digest)[-15:], " ".join(sorted(company))]
    try:
        _markers().mkdir(parents=True, exist_ok=True)
        with atomic_write(_markers() / digest) as out:
            out.write("\n".join(lines) + "\n")
    except (OSError, DataFileError):
        return  # a marker that cannot be written only costs a check next time


def validate_sources(rdf: RdfData, *, reuse: bool = True) -> list[str]:
    """Check ``rdf`` against the shapes; with ``reuse``, skip the sources validated before.

    Returns one line per violation (empty when valid); remembers the sources when valid.
    """
    salt = _salt()
    user = set(rdf.user_files)
    digests = {path: _digest(path, salt) for path in rdf.files}
    present = set(digests.values())
    together = _validated_together(present) if reuse else set()
    fresh = [p for p in rdf.files if digests[p] not in together]
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
