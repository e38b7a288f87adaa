"""The RDF graph: the built-in ontology and curated data plus the user's files.

Files are parsed with Oxigraph (fast, with exact line and column in errors)
into one in-memory quad store. Each user file given as ``data`` lands in a
named graph named after its ``file:`` IRI, so every statement keeps where it
came from; the curated data is TriG whose named graphs are its sources.

>>> from skillgraph.rdf.dataset import load_rdf
>>> rdf = load_rdf()
>>> len(rdf) > 1000
True
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from skillgraph.errors import DataFileError
from skillgraph.rdf.limits import check_rdf_file
from skillgraph.rdf.resources import builtin_files
from skillgraph.vocabulary import CLASS_TYPES

__all__ = [
    "FORMATS",
    "MAX_LITERAL",
    "RdfData",
    "file_graph_name",
    "format_of",
    "load_rdf",
]

#: File extensions skillgraph reads, and their RDF formats.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def file_graph_name(path: Path) -> ox.NamedNode:
    """Return the named graph a user's file is loaded into: its ``file:`` IRI.

    >>> file_graph_name(Path("/tmp/my track.ttl")).value
    'file:///tmp/my%20track.ttl'
    """
    return ox.NamedNode(path.resolve().as_uri())


def format_of(path: Path) -> ox.RdfFormat:
    """Return the RDF format of a file from its extension.

    >>> format_of(Path("x.ttl"))
    <RdfFormat Turtle>
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise DataFileError(str(path), f"unknown RDF file type '{path.suffix}' (expected one of {known})")
    return fmt


def _load_file(store: ox.Store, path: Path, *, named: bool) -> None:
    """Load one file into ``store`` in one transaction, or raise a one-line error."""
    fmt = format_of(path)
    check_rdf_file(path)
    to_graph = file_graph_name(path) if named and not fmt.supports_datasets else None
    try:
        if named and fmt.supports_datasets:
            # A user's TriG or N-Quads file speaks for itself only: whatever graph it
            # names (a source of the curated data, say), its statements are its own.
            own = file_graph_name(path)
            quads = [
                ox.Quad(q.subject, q.predicate, q.object, own) for q in ox.parse(path=str(path), format=fmt)
            ]
            store.bulk_extend(quads)
            return
        store.load(path=str(path), format=fmt, to_graph=to_graph)
    except SyntaxError as err:
        message = (err.msg or str(err)).split(": ", 1)[-1]
        raise DataFileError(str(path), message, line=err.lineno, column=err.offset) from None
    except MemoryError:  # Oxigraph's parser buffer (16 MiB) is full: one huge literal or IRI
        raise DataFileError(str(path), "holds a literal or an IRI too long to read (over 16 MiB)") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise DataFileError(str(path), str(err)) from None


#: The longest literal a user's file may hold, in characters.
MAX_LITERAL = 1 << 20
_NODE_CLASSES = " ".join(f"<{c}>" for c in CLASS_TYPES)


def _check_user_graphs(store: ox.Store, user_files: list[Path]) -> None:
    """Refuse in the user's files: RDF 1.2 triple terms, literals over :data:`MAX_LITERAL`,
    and a new node type for a built-in node (a skill turned into a role, say)."""
    if not user_files:
        return
    from skillgraph.errors import ValidationError

    names = {file_graph_name(p).value: str(p) for p in user_files}
    graphs = " ".join(f"<{g}>" for g in names)
    within = f"VALUES ?g {{ {graphs} }} GRAPH ?g"
    checks = (
        ("isTRIPLE(?s) || isTRIPLE(?o)", "RDF 1.2 triple terms are not supported"),
        (
            f"isLITERAL(?o) && STRLEN(STR(?o)) > {MAX_LITERAL}",
            f"a literal is longer than {MAX_LITERAL:,} characters",
        ),
    )
    for condition, message in checks:
        for row in store.query(f"SELECT ?g {{ {within} {{ ?s ?p ?o FILTER({condition}) }} }} LIMIT 1"):  # type: ignore[union-attr]
            raise DataFileError(names.get(row[0].value, "a --data file"), message)
    not_user = ", ".join(f"<{g}>" for g in names)
    retyped = store.query(
        f"SELECT ?g ?node ?old ?new {{ VALUES ?new {{ {_NODE_CLASSES} }} VALUES ?old {{ {_NODE_CLASSES} }} "
        f"{within} {{ ?node a ?new }} "
        f"{{ ?node a ?old }} UNION {{ GRAPH ?h {{ ?node a ?old }} FILTER(?h NOT IN ({not_user})) }} "
        "FILTER(?old != ?new) "
        f"FILTER NOT EXISTS {{ VALUES ?g2 {{ {graphs} }} GRAPH ?g2 {{ ?node a ?old }} }} }} LIMIT 5",
        use_default_graph_as_union=False,
    )
    problems = [
        f"{names.get(row[0].value, 'a --data file')}: {row[1].value} is a {row[2].value.rsplit('#', 1)[-1]} "
        f"of the built-in graph; a file cannot make it a {row[3].value.rsplit('#', 1)[-1]}"
        for row in retyped  # type: ignore[union-attr]
    ]
    if problems:
        raise ValidationError(problems)


@dataclass
class RdfData:
    """The loaded RDF: an Oxigraph store and the files it was read from."""

    store: ox.Store
    files: list[Path] = field(default_factory=list)
    user_files: list[Path] = field(default_factory=list)
    _holders: int = field(default=0, repr=False, compare=False)
    _let_go: threading.Condition = field(default_factory=threading.Condition, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.store)

    def quads(self) -> Iterator[ox.Quad]:
        """Yield every quad of every graph."""
        return iter(self.store)

    def release(self) -> None:
        """Drop every statement, for a caller that has read what it needs of them (the view is
        built): a full-size taxonomy's store holds some 350 MB, given back to the system at once
        where the C library can (glibc's ``malloc_trim``), not at the end of the command.

        A reader in another thread that holds the statements (:meth:`hold`) is waited for:
        both at once would be the peak of memory of a large load.

        >>> rdf = load_rdf()
        >>> rdf.release()
        >>> len(rdf)
        0
        """
        with self._let_go:
            self._let_go.wait_for(lambda: not self._holders)
            self.store = ox.Store()
        _give_back_memory()

    def hold(self) -> Callable[[], None]:
        """Keep the statements until the returned function is called (:meth:`release` waits
        for it): for a reader in another thread, the shapes checked while the view is read.

        >>> rdf = load_rdf()
        >>> let_go = rdf.hold()
        >>> let_go()
        >>> let_go()  # once is enough
        >>> rdf.release()
        >>> len(rdf)
        0
        """
        with self._let_go:
            self._holders += 1
        done = False

        def let_go() -> None:
            nonlocal done
            with self._let_go:
                if not done:
                    done = True
                    self._holders -= 1
                    self._let_go.notify_all()

        return let_go


def _give_back_memory() -> None:
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc: the memory is reused by the process instead
        return
    if trim is not None:
        trim(0)


def load_rdf(data: Iterable[Path | str] = (), *, builtin: bool = True, checked: bool = False) -> RdfData:
    """Parse the built-in graph (unless ``builtin`` is false) and the user's ``data`` files.

    A file that does not parse raises :class:`~skillgraph.errors.DataFileError`
    naming the file and line; nothing of it is kept. The user's graphs are checked for
    what skillgraph refuses in them (see ``_check_user_graphs``) unless ``checked``: the
    caller knows these very files (by content) passed before.
    """
    store = ox.Store()
    user_files = [Path(p) for p in data]
    files: list[Path] = builtin_files() if builtin else []
    for path in files:
        _load_file(store, path, named=False)
    for path in user_files:
        _load_file(store, path, named=True)
    if not checked:
        _check_user_graphs(store, user_files)
    return RdfData(store=store, files=[*files, *user_files], user_files=user_files)
