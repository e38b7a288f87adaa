"""Where SPARQL queries run: a :class:`SparqlStore` and its implementations.

Every store sees the same dataset: the built-in graph (schema and sources in
the default graph, curated data in one named graph per source) plus each user
file in the named graph named after its ``file:`` IRI. Queries see the union
of all graphs as their default graph; ``GRAPH ?g`` gives provenance.

- :class:`OxigraphStore` (``"oxigraph"``, the default) queries the Oxigraph
  store of :func:`skillgraph.rdf.dataset.load_rdf`;
- :class:`MemoryStore` (``"memory"``) parses the same files with rdflib into an
  in-memory :class:`rdflib.Dataset` and uses rdflib's SPARQL engine.

Both refuse updates and (unless asked) SERVICE clauses before running anything,
and return a :class:`QueryResult` of Oxigraph terms, so their answers compare.

>>> store = open_store()
>>> result = store.query("ASK { sgd:python a sg:Skill }")
>>> result.boolean
True
>>> store.query('SELECT ?label { sgd:python skos:prefLabel ?label }').records()
[{'label': 'Python'}]
"""

from __future__ import annotations

import contextlib
import json
import threading
import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import pyoxigraph as ox

from skillgraph.errors import QueryExecutionError, QuerySyntaxError
from skillgraph.rdf.convert import to_oxigraph
from skillgraph.sparql import syntax
from skillgraph.sparql.deadline import run_with_deadline
from skillgraph.vocabulary import XSD

if TYPE_CHECKING:
    import rdflib

    from skillgraph.model.graph import SkillGraph
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "DEFAULT_TIMEOUT",
    "GRAPH_FORMATS",
    "MAX_ROWS",
    "RESULT_FORMATS",
    "STORES",
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "SparqlStore",
    "Term",
    "Value",
    "check_query",
    "check_rows",
    "load_with_derived",
    "open_store",
    "python_value",
    "short",
]

#: Seconds a query may run by default (None: no limit).
DEFAULT_TIMEOUT: float | None = 60.0
#: The most rows (or triples) an answer may hold before the query is stopped.
MAX_ROWS = 500_000

#: A term of a result row: an IRI, a blank node, a literal (or an RDF-star triple), or None if unbound.
Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: A value of a row as Python sees it.
Value: TypeAlias = str | int | float | bool | None

_INTEGER_TYPES = frozenset(
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset(XSD + t for t in ("decimal", "double", "float"))
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Result formats for SELECT and ASK results, and RDF formats for CONSTRUCT and DESCRIBE results.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def python_value(term: Term | None) -> Value:
    """Return a term as a Python value: IRIs and strings as ``str``, numbers and booleans as such.

    >>> python_value(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    3
    >>> python_value(ox.Literal("12.5", datatype=ox.NamedNode(XSD + "decimal")))
    12.5
    >>> python_value(ox.NamedNode("https://w3id.org/skillgraph/id/python"))
    'https://w3id.org/skillgraph/id/python'
    >>> python_value(None) is None
    True
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD + "string", _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def short(term: Term | None, prefixes: dict[str, str] | None = None) -> str:
    """Return a term written for a person: a prefixed name if a prefix fits, else the IRI or value.

    >>> short(ox.NamedNode("https://w3id.org/skillgraph/id/python"), {"sgd": "https://w3id.org/skillgraph/id/"})
    'sgd:python'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in (prefixes or {}).items():
            if term.value.startswith(iri) and len(term.value) > len(iri):
                name = f"{prefix}:{term.value[len(iri) :]}"
                toks = list(syntax.tokens(name))
                if len(toks) == 1 and toks[0].kind == "pname":
                    return name
        return term.value
    return str(python_value(term))


@dataclass
class QueryResult:
    """The answer of a query: rows of a SELECT, the boolean of an ASK, or triples of a CONSTRUCT/DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    @property
    def is_graph(self) -> bool:
        """True for CONSTRUCT and DESCRIBE results (triples)."""
        return self.form in ("construct", "describe")

    def records(self) -> list[dict[str, Value]]:
        """Return the rows as dicts of Python values, one key per variable."""
        return [
            {var: python_value(term) for var, term in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def to_json(self) -> dict[str, Any]:
        """Return the result in the SPARQL 1.1 Query Results JSON Format (as Python objects)."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        bindings = [
            {var: _json_term(term) for var, term in zip(self.variables, row, strict=True) if term is not None}
            for row in self.rows
        ]
        return {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}

    def serialize(self, fmt: str, prefixes: dict[str, str] | None = None) -> str:
        """Return the result as text: ``json``, ``csv``, ``tsv``, ``xml``; ``turtle``, ``nt``, ``jsonld``.

        SELECT and ASK results are written by Oxigraph's serializers of the
        standard SPARQL 1.1 results formats, whichever store answered.
        """
        if self.is_graph:
            used = set()
            for triple in self.triples:
                for term in (triple.subject, triple.predicate, triple.object):
                    if isinstance(term, ox.NamedNode):
                        used.add(term.value)
                    elif isinstance(term, ox.Literal):
                        used.add(term.datatype.value)
            wanted = {p: iri for p, iri in (prefixes or {}).items() if any(u.startswith(iri) for u in used)}
            ordered = sorted(self.triples, key=str)  # one order, whichever store answered
            text = (ox.serialize(ordered, format=GRAPH_FORMATS[fmt], prefixes=wanted or None) or b"").decode()
            return text if text.endswith("\n") or not text else text + "\n"
        if self.boolean is not None and fmt in ("csv", "tsv"):
            return "true\n" if self.boolean else "false\n"
        doc = json.dumps(self.to_json(), ensure_ascii=False)
        if fmt == "json":
            return doc + "\n"
        parsed = ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON)
        return (parsed.serialize(format=RESULT_FORMATS[fmt]) or b"").decode("utf-8")


def _bound_prefixes() -> dict[str, str]:
    from skillgraph.vocabulary import PREFIXES

    return dict(PREFIXES)


def check_query(text: str, *, allow_service: bool = False, parse: bool = True) -> str:
    """Check ``text`` is a read-only query skillgraph may run and return its form.

    Raises :class:`~skillgraph.errors.QueryRefusedError` for an update, or for
    a SERVICE clause unless ``allow_service``; :class:`~skillgraph.errors.QuerySyntaxError`
    (with line and column) for a query that does not parse (unless not ``parse``).

    >>> check_query("SELECT * { ?s ?p 'INSERT DATA' }")
    'select'
    >>> check_query("CLEAR ALL")
    Traceback (most recent call last):
    ...
    skillgraph.errors.QueryRefusedError: this is a SPARQL update (CLEAR): updates are refused, \
skillgraph query is read-only
    """
    form, services = syntax.check_read_only(
        text, allow_service=allow_service, who="skillgraph query", allow_hint="allow it with --allow-service"
    )
    if parse and not services:
        # Parse (and, on an empty store, trivially run) the query to report syntax errors early.
        _parse_with_oxigraph(text)
    return form or "select"


def _parse_with_oxigraph(text: str) -> None:
    try:
        ox.Store().query(text, prefixes=_bound_prefixes())
    except SyntaxError as err:
        raise _syntax_error(text, str(err)) from None


def _syntax_error(text: str, message: str) -> QuerySyntaxError:
    unknown = syntax.unknown_prefixes(text, _bound_prefixes())
    if unknown and ("Prefix not found" in message or "prefix" in message.lower()):
        tok = unknown[0]
        prefix = tok.text.split(":", 1)[0]
        known = ", ".join(sorted(_bound_prefixes()))
        return QuerySyntaxError(
            f"unknown prefix '{prefix}:' in '{tok.text}' (declare it with PREFIX or use one of: {known})",
            line=tok.line,
            column=tok.column,
        )
    line, column, explanation = syntax.explain_error(message)
    return QuerySyntaxError(explanation, line=line, column=column)


class SparqlStore(ABC):
    """Something SPARQL queries run against; subclasses implement :meth:`_execute`.

    :meth:`query` checks the query first (updates refused, SERVICE refused unless
    ``allow_service``), so a new kind of store (a remote endpoint, say) only has
    to run a query it is given and return a :class:`QueryResult`.
    """

    #: The name ``--store`` knows this store by.
    name: str = ""
    #: The user's files loaded besides the built-in graph (names in queries resolve against them too).
    data: list[Path]
    #: True if the store reports a syntax error as :func:`check_query` would (no need to parse twice).
    reports_syntax: bool = False

    def query(
        self,
        text: str,
        *,
        allow_service: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int = MAX_ROWS,
    ) -> QueryResult:
        """Run a read-only query and return its result.

        A query running past ``timeout`` seconds (None: no limit) raises
        :class:`~skillgraph.errors.QueryTimeoutError`; one whose answer has more
        than ``max_rows`` rows or triples raises :class:`~skillgraph.errors.QueryExecutionError`
        (add a LIMIT) instead of filling the memory.
        """
        # The engine plans a query before it runs it, in code no signal interrupts: both
        # happen under the deadline, so the time limit and Ctrl-C / SIGTERM hold for both.
        form = check_query(text, allow_service=allow_service, parse=False)

        def run(cancel: threading.Event) -> QueryResult:
            if not self.reports_syntax and not syntax.service_calls(text):
                _parse_with_oxigraph(text)
            return self._execute(text, form, max_rows, cancel)

        return run_with_deadline(run, timeout)

    @abstractmethod
    def _execute(
        self, text: str, form: str, max_rows: int = MAX_ROWS, cancel: threading.Event | None = None
    ) -> QueryResult:
        """Run an already checked query of form ``form``; stop when ``cancel`` is set, and
        raise :class:`~skillgraph.errors.QueryExecutionError` past ``max_rows`` rows or triples."""

    @abstractmethod
    def __len__(self) -> int:
        """Return the number of quads in the store."""

    def view(self, *, cache: bool = True) -> SkillGraph:
        """Return the NetworkX view of the same graph (names in parameters resolve against it)."""
        from skillgraph.model.load import load

        return load(self.data, cache=cache)


def load_with_derived(data: Sequence[Path], *, builtin: bool = True, kept: bool = False) -> RdfData:
    """Return the RDF of the built-in graph plus ``data``, with the derived graph beside it.

    The derived graph (:mod:`skillgraph.model.derived`) is read from the cache when these
    files loaded and validated before as they are; then they are not checked again.
    Otherwise the view is loaded (and validated) once to derive it. Files that break a
    rule of the graph (``skillgraph validate`` says which) can still be queried, to find
    what is wrong: they get no derived graph, since the rules hold only on a valid graph.
    With ``kept``, the whole dataset is kept on disk (:mod:`skillgraph.rdf.stored`) and the
    next such load of the same files opens it read-only instead of parsing anything.
    """
    from skillgraph.errors import ValidationError
    from skillgraph.model.derived import cached_derived, derived_key, derived_nquads
    from skillgraph.rdf import stored
    from skillgraph.rdf.dataset import RdfData, load_rdf
    from skillgraph.rdf.derived import add_derived
    from skillgraph.rdf.resources import source_files

    key = derived_key(data, builtin=builtin)
    on_disk = stored.opened(key) if kept else None
    if on_disk is not None:
        return RdfData(store=on_disk, files=source_files(data, builtin=builtin), user_files=list(data))
    found = cached_derived(data, builtin=builtin)
    rdf = load_rdf(data, builtin=builtin, checked=found is not None)
    if found is None:
        try:
            from skillgraph.model.load import load

            found = derived_nquads(load(data, builtin=builtin))
        except ValidationError:
            found = b""
    add_derived(rdf.store, found)
    if kept:
        stored.keep(key, rdf.store)
    return rdf


class OxigraphStore(SparqlStore):
    """The Oxigraph store :func:`skillgraph.rdf.dataset.load_rdf` builds (fast; the default).

    With ``kept``, the loaded dataset is kept on disk and opened read-only by the next store
    of the same files (see :func:`load_with_derived`): what a one-off query wants.
    """

    name = "oxigraph"
    reports_syntax = True

    def __init__(self, data: Iterable[Path | str] = (), *, builtin: bool = True, kept: bool = False) -> None:
        self.data = [Path(p) for p in data]
        self.rdf = load_with_derived(self.data, builtin=builtin, kept=kept)

    def __len__(self) -> int:
        return len(self.rdf)

    def _execute(
        self, text: str, form: str, max_rows: int = MAX_ROWS, cancel: threading.Event | None = None
    ) -> QueryResult:
        cancel = cancel or threading.Event()
        # FROM / FROM NAMED pick among the loaded graphs (Oxigraph never fetches them);
        # without them the default graph is the union of all graphs.
        default, named = syntax.dataset_clauses(text)
        union = not default and not named
        try:
            answer = self.rdf.store.query(text, prefixes=_bound_prefixes(), use_default_graph_as_union=union)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                variables = [v.value for v in answer.variables]
                rows: list[tuple[Term | None, ...]] = []
                for solution in answer:
                    _check_bounds(len(rows), max_rows, cancel)
                    rows.append(tuple(solution[i] for i in range(len(variables))))
                return QueryResult("select", variables=variables, rows=rows)
            triples: list[ox.Triple] = []
            for triple in answer:
                _check_bounds(len(triples), max_rows, cancel)
                triples.append(triple)
        except SyntaxError as err:
            raise _syntax_error(text, str(err)) from None
        except (OSError, RuntimeError, ValueError) as err:  # a SERVICE that failed, an evaluation error
            raise QueryExecutionError(f"the query failed: {_brief(err)}") from None
        return QueryResult(form if form in ("construct", "describe") else "construct", triples=triples)


def _brief(err: BaseException, limit: int = 300) -> str:
    """Return an engine's error message on one line, without markup, at most ``limit`` long."""
    import re

    text = " ".join(re.sub(r"<[^>]+>", " ", str(err)).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_rows(result: QueryResult, max_rows: int) -> QueryResult:
    """Return ``result``, or raise as a streaming store does when it has over ``max_rows`` rows or triples."""
    _check_bounds(len(result.rows or result.triples or ()) - 1, max_rows, None)
    return result


def _check_bounds(count: int, max_rows: int, cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise QueryExecutionError("the query was cancelled")
    if count >= max_rows:
        raise QueryExecutionError(
            f"the answer has more than {max_rows:,} rows: add a LIMIT (or raise --max-rows)"
        )


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """Silence the deprecation warnings rdflib's own parsers and SPARQL engine raise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def _to_ox(term: Any) -> Term | None:
    """Convert an rdflib term of a result row to the Oxigraph term it stands for."""
    if term is None:
        return None
    try:
        return to_oxigraph(term)
    except TypeError:
        raise QueryExecutionError(f"unexpected term in a result: {term!r}") from None


class MemoryStore(SparqlStore):
    """The same files parsed by rdflib into an in-memory :class:`rdflib.Dataset` (slow; for comparison)."""

    name = "memory"

    def __init__(self, data: Iterable[Path | str] = (), *, builtin: bool = True) -> None:
        import rdflib

        from skillgraph.rdf.convert import to_rdflib

        # The files are parsed once by skillgraph's checked loader (no remote JSON-LD
        # contexts, no XML entities, bounded sizes), then copied into rdflib's store.
        self.data = [Path(p) for p in data]
        rdf = load_with_derived(self.data, builtin=builtin)
        self.dataset: rdflib.Dataset = rdflib.Dataset(default_union=True)
        graphs: dict[str, rdflib.Graph] = {}
        for quad in rdf.store:
            name = quad.graph_name
            triple = (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
            if isinstance(name, ox.NamedNode):
                target = graphs.get(name.value)
                if target is None:
                    target = graphs[name.value] = self.dataset.graph(rdflib.URIRef(name.value))
                target.add(triple)
            else:
                self.dataset.add(triple)  # the default graph

    def __len__(self) -> int:
        return len(self.dataset)

    def _execute(
        self, text: str, form: str, max_rows: int = MAX_ROWS, cancel: threading.Event | None = None
    ) -> QueryResult:
        import rdflib.plugins.sparql

        # Never fetch a FROM / FROM NAMED graph from the network or a file: they pick
        # among the loaded graphs only (rdflib loads them from their IRI by default).
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
        try:
            with _quiet_rdflib():
                result = self._convert(self.dataset.query(text, initNs=_bound_prefixes()))
        except SyntaxError as err:
            raise _syntax_error(text, str(err)) from None
        except Exception as err:  # noqa: BLE001 - rdflib raises many kinds; report them on one line
            if type(err).__name__ == "ParseException":
                raise QuerySyntaxError(
                    " ".join(str(getattr(err, "msg", err)).split()),
                    line=getattr(err, "lineno", None),
                    column=getattr(err, "col", None),
                ) from None
            raise QueryExecutionError(f"the query failed: {type(err).__name__}: {_brief(err)}") from None
        return check_rows(result, max_rows)

    @staticmethod
    def _convert(answer: Any) -> QueryResult:
        """Turn an rdflib query result into a :class:`QueryResult` of Oxigraph terms."""
        if answer.type == "ASK":
            return QueryResult("ask", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            variables = [str(v) for v in answer.vars or ()]
            rows = [tuple(_to_ox(row[i]) for i in range(len(variables))) for row in answer]
            return QueryResult("select", variables=variables, rows=rows)
        graph = answer.graph
        triples = [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]
        return QueryResult(answer.type.lower(), triples=triples)


#: The stores ``--store`` can name.
STORES: dict[str, type[OxigraphStore] | type[MemoryStore]] = {
    "oxigraph": OxigraphStore,
    "memory": MemoryStore,
}


def open_store(
    data: Sequence[Path | str] = (), store: str = "oxigraph", *, kept: bool = False
) -> SparqlStore:
    """Load the built-in graph plus ``data`` into the store named ``store``.

    With ``kept``, an Oxigraph store of these files is kept on disk for the next call, and
    opened read-only from there (``skillgraph query`` does so unless ``--no-cache``).

    >>> len(open_store(store="memory")) == len(open_store())
    True
    """
    kind: type[OxigraphStore] | type[MemoryStore]
    try:
        kind = STORES[store]
    except KeyError:
        from skillgraph.errors import InputError

        raise InputError(f"unknown store '{store}' (expected one of {', '.join(STORES)})") from None
    return OxigraphStore(data, kept=True) if kept and kind is OxigraphStore else kind(data)
