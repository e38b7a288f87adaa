"""SPARQL over the career graph: ad-hoc queries, saved queries, rows as Python values.

Queries run over the built-in graph plus the user's ``data`` files, read-only:
updates are refused, and so are SERVICE clauses unless ``allow_service``. The
ontology's prefixes (``sg:``, ``sgd:``, ``skos:``...) are bound, the union of
all graphs is the default graph, and ``GRAPH ?g`` tells where a fact comes from.

>>> from skillgraph import sparql
>>> rows = sparql.select("SELECT ?role ?level { ?role a sg:Role ; sg:level ?level } ORDER BY ?level")
>>> [(r["role"].rsplit("/", 1)[-1], r["level"]) for r in rows][:2]
[('junior-backend-developer', 1), ('mid-level-backend-developer', 2)]
>>> sparql.ask("ASK { sgd:senior-backend-developer sg:progressesTo sgd:lead-backend-developer }")
True

Saved queries live in ``ontology/queries/*.rq``; parameters are given by name
and resolved like names on the command line:

>>> [r["label"] for r in sparql.run_saved("prerequisites", {"skill": "Django"}).records()][:3]
['HTTP', 'How the internet works', 'Object-oriented programming']

A saved query starts with comment lines: ``# description: ...`` (one line)
and one ``# param NAME (KIND): ...`` per parameter, where KIND is a node type
(``role``, ``skill``..., several joined by ``|``, or ``node`` for any node) or
``string`` / ``integer``. In the query ``$NAME`` stands for the parameter; it
is replaced by the resolved node's ``<IRI>`` or by an escaped literal, never
by the raw text given.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from skillgraph.errors import InputError, MissingDependencyError, MissingParameterError, UnknownQueryError
from skillgraph.sparql import syntax
from skillgraph.sparql.stores import (
    DEFAULT_TIMEOUT,
    MAX_ROWS,
    STORES,
    MemoryStore,
    OxigraphStore,
    QueryResult,
    SparqlStore,
    Value,
    check_query,
    open_store,
)

if TYPE_CHECKING:
    import pandas
    import rdflib

    from skillgraph.model.graph import SkillGraph

__all__ = [
    "STORES",
    "MemoryStore",
    "OxigraphStore",
    "Param",
    "QueryResult",
    "SavedQueries",
    "SavedQuery",
    "SparqlStore",
    "ask",
    "check_query",
    "construct",
    "dataframe",
    "open_store",
    "prepare",
    "query",
    "run_saved",
    "saved_queries",
    "saved_query",
    "select",
    "to_dataframe",
]

#: Parameter kinds that are literals rather than nodes.
LITERAL_KINDS = ("string", "integer")

_DESCRIPTION = re.compile(r"#\s*description\s*:\s*(.+)", re.IGNORECASE)
_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*:\s*(.*)", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    """A parameter of a saved query: its name, kind (node types, ``string`` or ``integer``), meaning."""

    name: str
    kind: str = "node"
    description: str = ""

    @property
    def types(self) -> tuple[str, ...] | None:
        """The node types a node parameter may name (None for any node)."""
        if self.kind == "node":
            return None
        return tuple(t.strip() for t in self.kind.split("|"))

    def term(self, value: str | int, graph: Any = None) -> str:
        """Return ``value`` as a safe SPARQL term: the ``<IRI>`` it names, or an escaped literal.

        >>> Param("limit", "integer").term("5")
        '5'
        >>> Param("text", "string").term('x" } ; DROP ALL #')
        '"x\\\\" } ; DROP ALL #"'
        >>> Param("skill", "skill").term("<https://w3id.org/skillgraph/id/sql>")
        '<https://w3id.org/skillgraph/id/sql>'
        """
        if self.kind == "integer":
            try:
                return syntax.literal_term(int(value))
            except ValueError:
                raise InputError(f"parameter '{self.name}' must be an integer, not {value!r}") from None
        if self.kind == "string":
            return syntax.literal_term(str(value))
        text = str(value).strip()
        if text.startswith("<") and text.endswith(">"):
            return syntax.iri_term(text[1:-1])
        if graph is None:
            raise InputError(f"parameter '{self.name}' needs the graph to resolve {text!r}")
        return syntax.iri_term(graph.resolve(text, types=self.types))


@dataclass(frozen=True)
class SavedQuery:
    """A query kept in ``ontology/queries``: name, one-line description, parameters, text."""

    name: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: Path | None = None

    @property
    def form(self) -> str | None:
        """The query form: ``select``, ``ask``, ``construct`` or ``describe``."""
        return syntax.query_form(self.text)

    @classmethod
    def parse(cls, name: str, text: str, path: Path | None = None) -> SavedQuery:
        """Read a saved query's header comments.

        >>> q = SavedQuery.parse("x", "# description: Skills.\\n# param role (role): A role.\\nSELECT * {}")
        >>> q.description, q.params
        ('Skills.', (Param(name='role', kind='role', description='A role.'),))
        """
        description = ""
        params: list[Param] = []
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            if not stripped.startswith("#"):
                break
            if match := _DESCRIPTION.fullmatch(stripped):
                description = match.group(1).strip()
            elif match := _PARAM.fullmatch(stripped):
                kind = match.group(2).strip().lower() or "node"
                params.append(Param(match.group(1), kind, match.group(3).strip()))
        return cls(name=name, description=description, text=text, params=tuple(params), path=path)

    def usage(self) -> str:
        """Return how to give the parameters on the command line, e.g. ``role=ROLE``.

        >>> SavedQuery("q", "", "", (Param("role", "role"),)).usage()
        'role=ROLE'
        """
        return " ".join(f"{p.name}={p.kind.split('|')[0].upper()}" for p in self.params)


@dataclass(frozen=True)
class SavedQueries:
    """A list of saved queries (what ``skillgraph query --list`` shows)."""

    queries: tuple[SavedQuery, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one dict a query: its name, description and parameters."""
        return [
            {
                "name": q.name,
                "description": q.description,
                "params": [{"name": p.name, "kind": p.kind, "description": p.description} for p in q.params],
            }
            for q in self.queries
        ]


def queries_dir() -> Path:
    """Return the folder of the saved queries."""
    from skillgraph.rdf.resources import QUERIES_FOLDER, ontology_dir

    return ontology_dir() / QUERIES_FOLDER


def saved_queries() -> list[SavedQuery]:
    """Return every saved query, sorted by name.

    >>> len(saved_queries()) >= 10
    True
    """
    folder = queries_dir()
    if not folder.is_dir():
        return []
    return [
        SavedQuery.parse(path.stem, path.read_text(encoding="utf-8"), path)
        for path in sorted(folder.glob("*.rq"))
    ]


def saved_query(name: str) -> SavedQuery:
    """Return the saved query called ``name``.

    >>> saved_query("role-ladder").form
    'select'
    >>> saved_query("prerequisite")
    Traceback (most recent call last):
    ...
    skillgraph.errors.UnknownQueryError: unknown saved query 'prerequisite' (did you mean 'prerequisites'?); \
'skillgraph query --list' shows them
    """
    queries = {q.name: q for q in saved_queries()}
    found = queries.get(name) or queries.get(name.removesuffix(".rq"))
    if found is None:
        close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.6)
        raise UnknownQueryError(name, suggestions=close)
    return found


def prepare(
    text: str,
    params: Mapping[str, str | int] | None = None,
    *,
    declared: Sequence[Param] = (),
    name: str = "the query",
    data: Sequence[Path | str] = (),
    cache: bool = True,
    view: Callable[[], SkillGraph] | None = None,
) -> str:
    """Return ``text`` with each ``$name`` placeholder replaced by the safe term of its parameter.

    ``declared`` gives the kinds of the parameters (a saved query's); any other
    placeholder is a node name. Node names are resolved with the core's name
    resolution on the graph ``view()`` returns (by default the graph of ``data``);
    a value written ``<IRI>`` is used as it is.

    >>> prepare("SELECT * { $skill sg:hasPrerequisite ?p }", {"skill": "sql"})
    'SELECT * { <https://w3id.org/skillgraph/id/sql> sg:hasPrerequisite ?p }'
    >>> prepare("SELECT * { $skill ?p ?o }", {})
    Traceback (most recent call last):
    ...
    skillgraph.errors.MissingParameterError: the query needs --param skill=VALUE
    """
    params = dict(params or {})
    kinds = {p.name: p for p in declared}
    wanted = list(dict.fromkeys([*(p.name for p in declared), *syntax.placeholders(text)]))
    unknown = sorted(set(params) - set(wanted))
    if unknown:
        known = ", ".join(wanted) or "none"
        raise InputError(f"{name} has no parameter '{unknown[0]}' (its parameters: {known})")
    graph: SkillGraph | None = None
    terms: dict[str, str] = {}
    for pname in wanted:
        param = kinds.get(pname, Param(pname))
        if pname not in params:
            raise MissingParameterError(name, pname, param.description)
        value = params[pname]
        needs_graph = param.kind not in LITERAL_KINDS and not str(value).strip().startswith("<")
        if needs_graph and graph is None:
            from skillgraph.model.load import load

            graph = view() if view is not None else load(data, cache=cache)
        terms[pname] = param.term(value, graph)
    return syntax.substitute(text, terms)


def _store(store: str | SparqlStore, data: Sequence[Path | str]) -> SparqlStore:
    return store if isinstance(store, SparqlStore) else open_store(data, store)


def _view_of(store: str | SparqlStore, cache: bool) -> Callable[[], SkillGraph] | None:
    """Return how to get the view names resolve against, for a store already loaded."""
    if isinstance(store, SparqlStore):
        return lambda: store.view(cache=cache)
    return None


def _data_of(store: str | SparqlStore, data: Sequence[Path | str]) -> Sequence[Path | str]:
    """Return the files names resolve against: ``data``, or those a loaded store was given."""
    return data or (store.data if isinstance(store, SparqlStore) else ())


def query(
    text: str,
    *,
    data: Sequence[Path | str] = (),
    store: str | SparqlStore = "oxigraph",
    params: Mapping[str, str | int] | None = None,
    allow_service: bool = False,
    cache: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int = MAX_ROWS,
) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query and return its :class:`QueryResult`.

    ``store`` is a store name (``"oxigraph"``, ``"memory"``) loaded with ``data``,
    or a :class:`SparqlStore` already loaded (then ``data`` only serves to resolve names).
    The text is checked (length, nesting) before anything parses it; a query
    running past ``timeout`` seconds, or answering more than ``max_rows`` rows, is stopped.

    >>> query("SELECT ?r { ?r a sg:Role ; sg:level 1 }").records()
    [{'r': 'https://w3id.org/skillgraph/id/junior-backend-developer'}]
    """
    syntax.check_size(text)
    text = prepare(text, params, data=_data_of(store, data), cache=cache, view=_view_of(store, cache))
    return _store(store, data).query(text, allow_service=allow_service, timeout=timeout, max_rows=max_rows)


def run_saved(
    name: str,
    params: Mapping[str, str | int] | None = None,
    *,
    data: Sequence[Path | str] = (),
    store: str | SparqlStore = "oxigraph",
    cache: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int = MAX_ROWS,
) -> QueryResult:
    """Run the saved query ``name`` with ``params`` and return its :class:`QueryResult`.

    >>> rows = run_saved("role-tools", {"role": "lead"}).records()
    >>> sorted(r["label"] for r in rows)
    ['GitLab', 'Jira', 'Slack']
    """
    saved = saved_query(name)
    names, label = _data_of(store, data), f"saved query '{name}'"
    text = prepare(
        saved.text,
        params,
        declared=saved.params,
        name=label,
        data=names,
        cache=cache,
        view=_view_of(store, cache),
    )
    return _store(store, data).query(text, timeout=timeout, max_rows=max_rows)


class QueryOptions(TypedDict, total=False):
    """The options :func:`select`, :func:`ask`, :func:`construct` and :func:`dataframe` take:
    those of :func:`query`, limits included (``timeout`` seconds, ``max_rows``)."""

    data: Sequence[Path | str]
    store: str | SparqlStore
    params: Mapping[str, str | int] | None
    allow_service: bool
    cache: bool
    timeout: float | None
    max_rows: int


def select(text: str, **options: Unpack[QueryOptions]) -> list[dict[str, Value]]:
    """Run a SELECT query and return its rows as dicts of Python values (None where unbound).

    The options are those of :func:`query`, its limits included:

    >>> len(select("SELECT ?s { ?s a sg:Skill }", max_rows=10))
    Traceback (most recent call last):
    ...
    skillgraph.errors.QueryExecutionError: the answer has more than 10 rows: add a LIMIT (or raise --max-rows)
    """
    result = query(text, **options)
    if result.form != "select":
        raise InputError(f"select() runs SELECT queries; this is {result.form.upper()}")
    return result.records()


def ask(text: str, **options: Unpack[QueryOptions]) -> bool:
    """Run an ASK query and return its answer (the options are those of :func:`query`)."""
    result = query(text, **options)
    if result.boolean is None:
        raise InputError(f"ask() runs ASK queries; this is {result.form.upper()}")
    return result.boolean


def construct(text: str, **options: Unpack[QueryOptions]) -> rdflib.Graph:
    """Run a CONSTRUCT or DESCRIBE query and return its triples as an rdflib graph
    (the options are those of :func:`query`).

    >>> g = construct("CONSTRUCT { ?r sg:progressesTo ?n } WHERE { ?r sg:progressesTo ?n }")
    >>> import rdflib
    >>> senior = rdflib.URIRef("https://w3id.org/skillgraph/id/senior-backend-developer")
    >>> sorted(str(n).rsplit("/", 1)[-1] for n in g.objects(senior))  # the ladder forks above senior
    ['engineering-manager', 'lead-backend-developer', 'staff-engineer']
    """
    import rdflib

    from skillgraph.rdf.convert import to_rdflib
    from skillgraph.vocabulary import PREFIXES

    result = query(text, **options)
    if not result.is_graph:
        raise InputError(f"construct() runs CONSTRUCT and DESCRIBE queries; this is {result.form.upper()}")
    graph = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for triple in result.triples:
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph


def to_dataframe(rows: Sequence[Mapping[str, Value]] | QueryResult) -> pandas.DataFrame:
    """Return rows (or a SELECT :class:`QueryResult`) as a pandas DataFrame.

    >>> to_dataframe(run_saved("skills-by-category").records()).columns.tolist()
    ['category', 'label', 'skills']
    """
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError("pandas", "a DataFrame of query results") from None
    if isinstance(rows, QueryResult):
        return pandas.DataFrame(rows.records(), columns=rows.variables)
    return pandas.DataFrame(list(rows))


def dataframe(text: str, **options: Unpack[QueryOptions]) -> pandas.DataFrame:
    """Run a SELECT query and return its rows as a pandas DataFrame, one column per variable
    (the options are those of :func:`query`)."""
    result = query(text, **options)
    if result.form != "select":
        raise InputError(f"dataframe() runs SELECT queries; this is {result.form.upper()}")
    return to_dataframe(result)
