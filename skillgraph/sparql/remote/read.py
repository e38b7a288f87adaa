"""Reading the career graph from a SPARQL endpoint (``--store URL``), with the same answers as locally."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from skillgraph.errors import InputError, StoreError, ValidationError, redact_url
from skillgraph.sparql.remote.http import (
    DEFAULT_GRAPH,
    PUSH,
    QUAD_QUERY,
    Client,
    query_url_for,
)
from skillgraph.sparql.remote.results import select, sparql_request
from skillgraph.sparql.stores import MAX_ROWS, QueryResult, SparqlStore, check_rows

if TYPE_CHECKING:
    import pyoxigraph as ox

    from skillgraph.model.graph import SkillGraph
    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "READ_ATTEMPTS",
    "PushedGraph",
    "RemoteStore",
    "check_iri",
    "fetch_rdf",
    "find_push",
    "load_remote",
]


@dataclass
class PushedGraph:
    """A graph ``skillgraph push`` wrote: its IRI, push id and parts (stored graph -> source graph)."""

    graph: str
    push_id: str
    parts: dict[str, str | None] = field(default_factory=dict)
    #: The number of triples the manifest records for each part.
    sizes: dict[str, int] = field(default_factory=dict)


def check_iri(iri: str) -> None:
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        raise InputError(f"not a valid graph IRI: {iri!r}") from None
    if ":" not in iri:
        raise InputError(f"not an absolute graph IRI: {iri!r}")


def find_push(client: Client, query_url: str, graph: str | None = None) -> PushedGraph | None:
    """Return the pushed graph at ``query_url`` (``graph``, or the only one there), or None."""
    if graph:
        check_iri(graph)
    restrict = f"VALUES ?g {{ <{graph}> }} " if graph else ""
    query = (
        f"SELECT ?g ?id ?part ?source ?n WHERE {{ {restrict}GRAPH ?g {{ ?g a <{PUSH}Push> ; <{PUSH}id> ?id ; "
        f"<{PUSH}part> ?part OPTIONAL {{ ?part <{PUSH}sourceGraph> ?source }} "
        f"OPTIONAL {{ ?part <{PUSH}triples> ?n }} }} }}"
    )
    results = select(client, query_url, query)
    found: dict[str, PushedGraph] = {}
    for g, push_id, part, source, size in results.rows:
        if g is None or push_id is None or part is None:
            continue
        entry = found.setdefault(g.value, PushedGraph(g.value, str(push_id.value)))
        entry.parts[part.value] = source.value if source is not None else None
        if size is not None and str(size.value).isdigit():
            entry.sizes[part.value] = int(size.value)
    if not found:
        return None
    if len(found) > 1:
        if DEFAULT_GRAPH in found:
            return found[DEFAULT_GRAPH]
        names = ", ".join(sorted(found))
        raise StoreError(query_url, f"holds several pushed graphs ({names}); choose one with --store-graph")
    return next(iter(found.values()))


def _rdf_from_rows(rows: Iterable[Sequence[Any]], name_of: Mapping[str, str | None] | None = None) -> RdfData:
    """Build RdfData from rows ``s p o g`` (``g`` a graph term or None for the default graph)."""
    import pyoxigraph as ox

    from skillgraph.rdf.dataset import RdfData

    names: dict[str, ox.NamedNode | ox.DefaultGraph] = {}

    def graph_of(g: Any) -> ox.NamedNode | ox.DefaultGraph:
        if g is None:
            return ox.DefaultGraph()
        target = names.get(g.value)
        if target is None:
            mapped = name_of[g.value] if name_of is not None and g.value in name_of else g.value
            target = names[g.value] = ox.NamedNode(mapped) if mapped else ox.DefaultGraph()
        return target

    quads = []
    for s, p, o, g in rows:
        if s is None or p is None or o is None or isinstance(p, ox.BlankNode) or isinstance(s, ox.Literal):
            continue
        if g is not None and not isinstance(g, ox.NamedNode):
            continue
        quads.append(ox.Quad(s, p, o, graph_of(g)))
    store = ox.Store()
    store.bulk_extend(quads)
    return RdfData(store=store)


def fetch_rdf(
    url: str, *, graph: str | None = None, client: Client | None = None
) -> tuple[RdfData, PushedGraph | None]:
    """Fetch the quads of the store at ``url`` into an in-memory :class:`RdfData`.

    A graph written by ``skillgraph push`` is read through its manifest (its
    parts become the original source graphs again); any other store is read
    whole (or only ``graph``, into the default graph). Returns the data and the
    pushed graph it came from (None for a plain store).
    """
    own = client is None
    client = client or Client()
    try:
        query_url = query_url_for(url)
        return _fetch(client, query_url, graph, find_push(client, query_url, graph))
    finally:
        if own:
            client.close()


def _fetch(
    client: Client, query_url: str, graph: str | None, pushed: PushedGraph | None
) -> tuple[RdfData, PushedGraph | None]:
    """:func:`fetch_rdf` once the push manifest (or its absence, None) is known."""
    if pushed is not None:
        results, pushed = _read_push(client, query_url, pushed, graph)
        rdf = _rdf_from_rows(results.rows, pushed.parts)
    elif graph:
        results = select(client, query_url, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        rdf = _rdf_from_rows([[*row, None] for row in results.rows])
    else:
        results = select(client, query_url, QUAD_QUERY)
        rdf = _rdf_from_rows(results.rows)
    if results.truncated:
        raise StoreError(
            query_url,
            f"the store cut its answer at {len(results.rows)} rows; raise its result limit "
            "(Virtuoso: ResultSetMaxRows)",
        )
    return rdf, pushed


#: How many times a read that overlapped a push is tried again.
READ_ATTEMPTS = 4


def _read_push(
    client: Client, query_url: str, pushed: PushedGraph, graph: str | None
) -> tuple[Any, PushedGraph]:
    """Read the parts of ``pushed`` in one query, checked against the manifest; retry if a push overlapped.

    The query only returns rows while the manifest still names this push, and each
    part must hold the number of triples the manifest records: a reader never
    gets a graph that differs from a complete push.
    """
    from skillgraph.rdf.derived import DERIVED_GRAPH

    for _attempt in range(READ_ATTEMPTS):
        from skillgraph.sparql.syntax import iri_term, literal_term

        # the derived graph is for SPARQL clients; the view is projected from the asserted parts
        asserted = sorted(p for p, source in pushed.parts.items() if source != DERIVED_GRAPH)
        values = " ".join(iri_term(p) for p in asserted)
        g, push_id = iri_term(pushed.graph), literal_term(pushed.push_id)
        results = select(
            client,
            query_url,
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?g {{ {values} }} "
            f"GRAPH {g} {{ {g} <{PUSH}id> {push_id} }} GRAPH ?g {{ ?s ?p ?o }} }}",
        )
        counts: dict[str, int] = {}
        for row in results.rows:
            if row[3] is not None:
                counts[row[3].value] = counts.get(row[3].value, 0) + 1
        expected = {part: pushed.sizes.get(part) for part in asserted}
        if all(size is None or counts.get(part, 0) == size for part, size in expected.items()) and (
            results.rows or not any(expected.values())
        ):
            return results, pushed
        again = find_push(client, query_url, graph or pushed.graph)
        if again is None:
            break
        pushed = again
    raise StoreError(
        query_url, "the graph changed while it was read (a push in progress?) and never read whole; try again"
    )


def _remote_cache_key(query_url: str, pushed: PushedGraph) -> str:
    from skillgraph.rdf.cache import VIEW_FORMAT
    from skillgraph.vocabulary import __version__

    text = f"remote/{__version__}/{VIEW_FORMAT}/{redact_url(query_url)}/{pushed.graph}/{pushed.push_id}"
    return hashlib.sha256(text.encode()).hexdigest()


def load_remote(url: str, *, graph: str | None = None, cache: bool = True) -> SkillGraph:
    """Return the career graph held by the SPARQL store at ``url`` (see :func:`fetch_rdf`).

    The view is checked for cycles (SHACL ran where the data was pushed or
    served). A graph written by ``skillgraph push`` is cached by its push id, so
    a command against an unchanged store costs one small query; other stores
    are fetched every time.
    """
    from skillgraph.model.graph import SkillGraph, build_view
    from skillgraph.model.validate import cycle_problems
    from skillgraph.rdf import cache as view_cache

    with Client() as client:
        query_url = query_url_for(url)
        pushed = find_push(client, query_url, graph)
        if cache and pushed is not None:
            found = view_cache.read(_remote_cache_key(query_url, pushed))
            if isinstance(found, SkillGraph):
                return found
        rdf, pushed = _fetch(client, query_url, graph, pushed)
    view = build_view(rdf)
    problems = cycle_problems(view)
    if problems:
        raise ValidationError(problems)
    if cache and pushed is not None:
        view_cache.write(_remote_cache_key(query_url, pushed), view)
    return view


class RemoteStore(SparqlStore):
    """A SPARQL 1.1 endpoint that queries are sent to (``skillgraph query --store URL``).

    Queries are checked here first (updates and SERVICE refused), then sent with
    skillgraph's prefixes declared. On a graph written by ``skillgraph push`` they
    run over the pushed parts (as the default graph), so they see exactly the
    triples the embedded store holds.
    """

    name = "remote"

    def __init__(self, url: str, *, graph: str | None = None) -> None:
        self.url = url
        self.graph = graph
        self.data = []
        self.query_url = query_url_for(url)
        with Client() as client:
            pushed = find_push(client, self.query_url, graph)
        self.default_graphs = sorted(pushed.parts) if pushed is not None else []

    def __len__(self) -> int:
        answer = self._execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "select")
        import pyoxigraph as ox

        count = answer.rows[0][0] if answer.rows else None
        return int(count.value) if isinstance(count, ox.Literal) else 0

    def view(self, *, cache: bool = True) -> SkillGraph:
        return load_remote(self.url, graph=self.graph, cache=cache)

    def _execute(
        self, text: str, form: str, max_rows: int = MAX_ROWS, cancel: threading.Event | None = None
    ) -> QueryResult:
        import pyoxigraph as ox

        from skillgraph.vocabulary import PREFIXES

        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        with Client() as client:
            if form in ("construct", "describe"):
                response = sparql_request(
                    client,
                    self.query_url,
                    prologue + text,
                    accept="application/n-triples",
                    default_graphs=self.default_graphs,
                )
                try:
                    triples = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
                except SyntaxError:
                    raise StoreError(self.query_url, "the answer is not N-Triples") from None
                return check_rows(QueryResult(form, triples=triples), max_rows)
            results = select(client, self.query_url, prologue + text, default_graphs=self.default_graphs)
        if results.truncated:
            raise StoreError(self.query_url, "the store cut the results short (its row limit)")
        if results.boolean is not None:
            return QueryResult("ask", boolean=results.boolean)
        return check_rows(
            QueryResult("select", variables=results.variables, rows=[tuple(r) for r in results.rows]),
            max_rows,
        )
