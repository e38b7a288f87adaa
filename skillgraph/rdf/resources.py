"""Where the ontology files shipped with skillgraph are.

In a wheel the ontology is packaged as ``skillgraph/ontology``; in a source
checkout or an editable install it is the ``ontology/`` folder beside the
package. :func:`ontology_dir` finds either.

>>> from skillgraph.rdf.resources import ontology_dir, builtin_files
>>> (ontology_dir() / "skillgraph.ttl").is_file()
True
>>> [p.name for p in builtin_files()][:2]
['skillgraph.ttl', 'sources.ttl']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = [
    "DATA_FOLDER",
    "QUERIES_FOLDER",
    "SCHEMA_FILE",
    "SHAPES_FILE",
    "SOURCES_FILE",
    "builtin_files",
    "ontology_dir",
    "shapes_file",
    "source_files",
]

SCHEMA_FILE = "skillgraph.ttl"
SOURCES_FILE = "sources.ttl"
SHAPES_FILE = "shapes.ttl"
DATA_FOLDER = "data"
QUERIES_FOLDER = "queries"


@cache
def ontology_dir() -> Path:
    """Return the folder that holds the ontology, shapes, data and saved queries."""
    package = Path(str(resources.files("skillgraph")))
    packaged = package / "ontology"  # a wheel carries it inside the package
    if (packaged / SCHEMA_FILE).is_file():
        return packaged
    source_tree = package.resolve().parent / "ontology"  # an editable install reads the source tree
    if (source_tree / SCHEMA_FILE).is_file():
        return source_tree
    raise FileNotFoundError(f"the skillgraph ontology is missing (looked in {packaged} and {source_tree})")


def builtin_files() -> list[Path]:
    """Return the RDF files of the built-in graph: schema, sources, then curated data."""
    root = ontology_dir()
    data = sorted(p for p in (root / DATA_FOLDER).iterdir() if p.suffix in {".ttl", ".trig", ".nt", ".nq"})
    return [root / SCHEMA_FILE, root / SOURCES_FILE, *data]


def shapes_file() -> Path:
    """Return the SHACL shapes file."""
    return ontology_dir() / SHAPES_FILE


def source_files(data: Iterable[Path | str] = (), *, builtin: bool = True) -> list[Path]:
    """Return every file a graph is read from: the built-in ones (unless ``builtin`` is false), then ``data``.

    >>> source_files(["mine.ttl"], builtin=False)
    [PosixPath('mine.ttl')]
    """
    return [*(builtin_files() if builtin else []), *(Path(p) for p in data)]
