"""Shared SPARQL stores: read the career graph from any SPARQL 1.1 endpoint, or push it to one.

Reading (``--store URL`` on every command) fetches the quads over the SPARQL
1.1 Protocol (one ``SELECT`` with ``Accept: application/sparql-results+json``),
rebuilds the :class:`~skillgraph.rdf.dataset.RdfData` with the same named graphs and
projects it with :func:`~skillgraph.model.graph.build_view`, so a command gives the
same answer against a store as against the embedded one.

Pushing (``skillgraph push URL``) uses the SPARQL 1.1 Graph Store HTTP Protocol.
Every source graph (each curated source, each user file, the default graph) is
PUT as its own named graph ``{GRAPH}/{push id}/{n}`` (new names, so nobody reads
them yet), then ONE ``PUT`` replaces the graph ``GRAPH`` as a whole with the
union of all triples plus a manifest naming the parts and the source graph each
stands for. That single PUT is the switch: a reader of ``GRAPH`` sees the old or
the new graph, never half of one. The parts of the previous push are deleted
afterwards. Readers that find a manifest read the parts (one query) and get the
per-source provenance back.

Credentials come from ``SKILLGRAPH_STORE_USER`` / ``SKILLGRAPH_STORE_PASSWORD``,
the URL's ``user:password@``, or ``~/.netrc``; a server that asks for HTTP
Digest (Virtuoso) gets Digest, otherwise Basic. They never appear in a message.

>>> query_url_for("http://127.0.0.1:7878/store")
'http://127.0.0.1:7878/query'
>>> query_url_for("http://127.0.0.1:8890/sparql-graph-crud-auth")
'http://127.0.0.1:8890/sparql'
>>> part_iri("https://w3id.org/skillgraph/graph", "p1", 0)
'https://w3id.org/skillgraph/graph/p1/0'
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from skillgraph.errors import InputError, StoreError, ValidationError, redact_url
from skillgraph.sparql.stores import QueryResult, SparqlStore

if TYPE_CHECKING:
    import pyoxigraph as ox
    import requests

    from skillgraph.model.graph import SkillGraph
    from skillgraph.rdf.dataset import RdfData

#: The named graph ``skillgraph push`` writes by default.
DEFAULT_GRAPH = "https://w3id.org/skillgraph/graph"
#: The vocabulary of push manifests.
PUSH = "https://w3id.org/skillgraph/push#"
USER_ENV = "SKILLGRAPH_STORE_USER"
PASSWORD_ENV = "SKILLGRAPH_STORE_PASSWORD"
TIMEOUT_ENV = "SKILLGRAPH_STORE_TIMEOUT"
#: Seconds to wait for a store before giving up.
DEFAULT_TIMEOUT = 30.0

RESULTS_JSON = "application/sparql-results+json"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DCTERMS_CREATED = "http://purl.org/dc/terms/created"

#: Every quad of a store: the named graphs, and the default graph's own triples.
#: (``FILTER NOT EXISTS`` keeps a union-default-graph server from listing every triple twice.)
QUAD_QUERY = (
    "SELECT ?s ?p ?o ?g WHERE { { GRAPH ?g { ?s ?p ?o } } UNION "
    "{ ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"
)


def query_url_for(url: str) -> str:
    """Return the SPARQL query endpoint of the server behind ``url``.

    Graph Store endpoints map to their server's query endpoint (Oxigraph's
    ``/store`` to ``/query``, Virtuoso's ``/sparql-graph-crud[-auth]`` to
    ``/sparql``); any other URL is taken to be a query endpoint already.

    >>> query_url_for("https://db.example.org/sparql")
    'https://db.example.org/sparql'
    """
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as err:
        raise StoreError(url, f"not a valid URL ({err})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(url, "not an http(s) URL")
    path = parts.path.rstrip("/")
    for suffix, replacement in (
        ("/store", "/query"),
        ("/sparql-graph-crud-auth", "/sparql"),
        ("/sparql-graph-crud", "/sparql"),
    ):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + replacement
            return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return url


def graph_param_for(store_url: str) -> str:
    """Return the name of the Graph Store parameter that names the graph.

    >>> graph_param_for("http://127.0.0.1:7878/store")
    'graph'
    >>> graph_param_for("http://127.0.0.1:8890/sparql-graph-crud-auth")
    'graph-uri'
    """
    path = store_url.split("?", 1)[0].rstrip("/")
    return "graph-uri" if path.endswith(("/sparql-graph-crud-auth", "/sparql-graph-crud")) else "graph"


def part_iri(graph: str, push_id: str, index: int) -> str:
    """Return the IRI of part ``index`` (one source graph) of push ``push_id`` of ``graph``."""
    return f"{graph.rstrip('/#')}/{push_id}/{index}"


# -- HTTP ---------------------------------------------------------------------


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    except ValueError:
        raise InputError(f"{TIMEOUT_ENV} must be a number of seconds") from None


class Client:
    """An HTTP client for SPARQL endpoints: credentials, Digest or Basic, one-line errors.

    >>> Client(timeout=5).timeout
    5.0
    """

    def __init__(self, *, timeout: float | None = None) -> None:
        self.timeout = float(timeout if timeout is not None else _timeout())
        self._session: requests.Session | None = None
        self._auth: dict[str, Any] = {}

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            import requests

            self._session = requests.Session()
            self._session.headers["User-Agent"] = "skillgraph"
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _credentials(url: str) -> tuple[str, tuple[str, str] | None]:
        """Return ``url`` without user info, and the credentials to use for it (if any)."""
        from urllib.parse import unquote, urlsplit, urlunsplit

        parts = urlsplit(url)
        clean = url
        creds: tuple[str, str] | None = None
        if parts.username is not None or parts.password is not None:
            netloc = parts.netloc.rsplit("@", 1)[1]
            clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
            creds = (unquote(parts.username or ""), unquote(parts.password or ""))
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if user is not None and password is not None:
            creds = (user, password)
        if creds is None:
            from requests.utils import get_netrc_auth

            creds = get_netrc_auth(clean)
        return clean, creds

    def request(
        self,
        method: str,
        url: str,
        *,
        ok: Sequence[int] = (),
        **kwargs: Any,
    ) -> requests.Response:
        """Send a request; raise :class:`StoreError` for no answer, a refused login or an HTTP error.

        Statuses in ``ok`` are returned rather than raised.
        """
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        clean, creds = self._credentials(url)
        origin = clean.split("/", 3)[:3]
        key = "/".join(origin)
        response = self._send(method, clean, url, self._auth.get(key), **kwargs)
        if response.status_code == 401 and creds is not None and key not in self._auth:
            # Basic unless the server asks for Digest; a server that refuses Basic
            # silently (Virtuoso answers 401 without a challenge) gets Digest next.
            challenge = response.headers.get("WWW-Authenticate", "").lower()
            sent_basic = response.request.headers.get("Authorization", "").startswith("Basic ")
            schemes = ["digest"] if "digest" in challenge or sent_basic else ["basic", "digest"]
            for scheme in schemes:
                auth = HTTPDigestAuth(*creds) if scheme == "digest" else HTTPBasicAuth(*creds)
                response = self._send(method, clean, url, auth, **kwargs)
                if response.status_code != 401:
                    self._auth[key] = auth
                    break
        if response.status_code in ok or response.ok:
            return response
        if response.status_code in (401, 403):
            hint = "" if creds else f" (set {USER_ENV} and {PASSWORD_ENV}, or use ~/.netrc)"
            what = "login refused" if response.status_code == 401 else "access forbidden"
            raise StoreError(url, f"{what} (HTTP {response.status_code}){hint}")
        detail = _first_line(response.text)
        raise StoreError(
            url, f"HTTP {response.status_code} {response.reason}" + (f": {detail}" if detail else "")
        )

    def _send(self, method: str, clean: str, url: str, auth: Any, **kwargs: Any) -> requests.Response:
        import requests

        try:
            return self.session.request(method, clean, auth=auth, timeout=self.timeout, **kwargs)
        except requests.exceptions.Timeout:
            raise StoreError(url, f"no answer within {self.timeout:g} s (timed out)") from None
        except requests.exceptions.SSLError:
            raise StoreError(url, "TLS error (certificate or protocol)") from None
        except requests.exceptions.ConnectionError as err:
            raise StoreError(url, f"cannot connect ({_connection_reason(err)})") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, ValueError):
            raise StoreError(url, "not a valid http(s) URL") from None
        except requests.exceptions.RequestException as err:
            raise StoreError(url, f"request failed ({type(err).__name__})") from None


def _first_line(text: str, limit: int = 160) -> str:
    import re

    plain = re.sub(r"<[^>]+>", " ", text or "")
    line = next((ln.strip() for ln in plain.splitlines() if ln.strip()), "")
    return line[:limit] + ("..." if len(line) > limit else "")


def _connection_reason(err: Exception) -> str:
    text = str(err).lower()
    if "refused" in text:
        return "connection refused"
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "unknown host"
    if "timed out" in text:
        return "timed out"
    if "reset" in text:
        return "connection reset"
    return "connection failed"


# -- SPARQL results -------------------------------------------------------------


class _TermReader:
    """Turns SPARQL JSON result terms into pyoxigraph terms (any blank node label allowed)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.iris: dict[str, ox.NamedNode] = {}
        self.bnodes: dict[str, ox.BlankNode] = {}

    def term(self, binding: Mapping[str, Any]) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        kind = binding.get("type")
        value = binding.get("value", "")
        ox = self.ox
        if kind == "uri":
            node = self.iris.get(value)
            if node is None:
                node = self.iris[value] = ox.NamedNode(value)
            return node
        if kind == "bnode":
            bnode = self.bnodes.get(value)
            if bnode is None:
                bnode = self.bnodes[value] = ox.BlankNode()
            return bnode
        if kind in ("literal", "typed-literal"):
            language = binding.get("xml:lang")
            if language:
                return ox.Literal(value, language=language)
            datatype = binding.get("datatype")
            if datatype:
                return ox.Literal(value, datatype=self.term({"type": "uri", "value": datatype}))  # type: ignore[arg-type]
            return ox.Literal(value)
        return None


@dataclass
class Results:
    """The answer to a SPARQL SELECT or ASK: variable names and rows of pyoxigraph terms."""

    variables: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


def parse_results(body: bytes | str) -> Results:
    """Parse SPARQL 1.1 JSON results (blank node labels such as Virtuoso's ``nodeID://`` allowed).

    >>> r = parse_results('{"head": {"vars": ["x"]}, "results": {"bindings": '
    ...     '[{"x": {"type": "bnode", "value": "nodeID://b1"}}, {}]}}')
    >>> r.variables, type(r.rows[0][0]).__name__, r.rows[1]
    (['x'], 'BlankNode', [None])
    >>> parse_results('{"head": {}, "boolean": true}').boolean
    True
    """
    document = json.loads(body)
    if "boolean" in document:
        return Results(variables=[], boolean=bool(document["boolean"]))
    variables = list(document.get("head", {}).get("vars", []))
    reader = _TermReader()
    rows = [
        [reader.term(b[v]) if v in b else None for v in variables]
        for b in document.get("results", {}).get("bindings", [])
    ]
    return Results(variables=variables, rows=rows)


def sparql_request(
    client: Client,
    query_url: str,
    query: str,
    *,
    accept: str = RESULTS_JSON,
    default_graphs: Iterable[str] = (),
) -> requests.Response:
    """POST ``query`` to ``query_url`` (SPARQL 1.1 Protocol, form-encoded); return the response."""
    form: list[tuple[str, str]] = [("query", query)]
    form += [("default-graph-uri", g) for g in default_graphs]
    return client.request("POST", query_url, data=form, headers={"Accept": accept})


def select(client: Client, query_url: str, query: str, *, default_graphs: Iterable[str] = ()) -> Results:
    """Run a SELECT or ASK query at ``query_url`` and return its parsed results."""
    response = sparql_request(client, query_url, query, default_graphs=default_graphs)
    try:
        results = parse_results(response.content)
    except (ValueError, KeyError, TypeError, AttributeError):
        kind = response.headers.get("Content-Type", "unknown content").split(";")[0]
        raise StoreError(query_url, f"the answer is not SPARQL JSON results ({kind})") from None
    # Virtuoso cuts results at ResultSetMaxRows and says so in this header.
    results.truncated = "X-SPARQL-MaxRows" in response.headers
    return results


# -- reading -------------------------------------------------------------------------


@dataclass
class PushedGraph:
    """A graph ``skillgraph push`` wrote: its IRI, push id and parts (stored graph -> source graph)."""

    graph: str
    push_id: str
    parts: dict[str, str | None] = field(default_factory=dict)


def _check_iri(iri: str) -> None:
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
        _check_iri(graph)
    restrict = f"VALUES ?g {{ <{graph}> }} " if graph else ""
    query = (
        f"SELECT ?g ?id ?part ?source WHERE {{ {restrict}GRAPH ?g {{ ?g a <{PUSH}Push> ; <{PUSH}id> ?id ; "
        f"<{PUSH}part> ?part OPTIONAL {{ ?part <{PUSH}sourceGraph> ?source }} }} }}"
    )
    results = select(client, query_url, query)
    found: dict[str, PushedGraph] = {}
    for g, push_id, part, source in results.rows:
        if g is None or push_id is None or part is None:
            continue
        entry = found.setdefault(g.value, PushedGraph(g.value, str(push_id.value)))
        entry.parts[part.value] = source.value if source is not None else None
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
        pushed = find_push(client, query_url, graph)
        if pushed is not None:
            values = " ".join(f"<{p}>" for p in sorted(pushed.parts))
            results = select(
                client,
                query_url,
                f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}",
            )
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
    finally:
        if own:
            client.close()


def _remote_cache_key(query_url: str, pushed: PushedGraph) -> str:
    from skillgraph import __version__
    from skillgraph.rdf.cache import VIEW_FORMAT

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
        key = None
        if cache:
            pushed = find_push(client, query_url, graph)
            if pushed is not None:
                key = _remote_cache_key(query_url, pushed)
                found = view_cache.read(key)
                if isinstance(found, SkillGraph):
                    return found
        rdf, pushed = fetch_rdf(url, graph=graph, client=client)
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
        return int(answer.rows[0][0].value) if answer.rows else 0

    def view(self, *, cache: bool = True) -> SkillGraph:
        return load_remote(self.url, graph=self.graph, cache=cache)

    def _execute(self, text: str, form: str) -> QueryResult:
        import pyoxigraph as ox

        from skillgraph.rdf.namespace import PREFIXES

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
                return QueryResult(form, triples=triples)
            results = select(client, self.query_url, prologue + text, default_graphs=self.default_graphs)
        if results.truncated:
            raise StoreError(self.query_url, "the store cut the results short (its row limit)")
        if results.boolean is not None:
            return QueryResult("ask", boolean=results.boolean)
        return QueryResult("select", variables=results.variables, rows=[tuple(r) for r in results.rows])


# -- pushing ---------------------------------------------------------------------------


@dataclass
class PushResult:
    """What :func:`push` wrote: the graph, its push id, its parts and how many triples."""

    graph: str
    push_id: str
    parts: dict[str, str | None]
    triples: int
    removed: int


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _new_push_id() -> str:
    import secrets
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def push(
    rdf: RdfData,
    store_url: str,
    *,
    graph: str = DEFAULT_GRAPH,
    query_url: str | None = None,
    graph_param: str | None = None,
    client: Client | None = None,
) -> PushResult:
    """Write ``rdf`` to the Graph Store at ``store_url`` as the named graph ``graph``.

    Each source graph goes to a part graph of its own, then one PUT replaces
    ``graph`` with the union of all triples and the manifest; the previous
    push's parts are deleted last. See the module docstring.
    """
    import pyoxigraph as ox

    _check_iri(graph)
    own = client is None
    client = client or Client()
    query_url = query_url or query_url_for(store_url)
    param = graph_param or graph_param_for(store_url)
    push_id = _new_push_id()
    try:
        previous = find_push(client, query_url, graph)
        by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in rdf.quads():
            name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            by_graph[name].append(ox.Triple(quad.subject, quad.predicate, quad.object))
        parts: dict[str, str | None] = {}
        written: list[str] = []
        try:
            for index, name in enumerate(sorted(by_graph)):
                part = part_iri(graph, push_id, index)
                _put(client, store_url, param, part, _ntriples(by_graph[name]))
                written.append(part)
                parts[part] = name or None
            union = {t for triples in by_graph.values() for t in triples}
            manifest = _manifest(graph, push_id, parts, {p: len(by_graph[n or ""]) for p, n in parts.items()})
            _put(client, store_url, param, graph, _ntriples([*union, *manifest]))
        except StoreError:
            for part in written:
                _delete(client, store_url, param, part, quiet=True)
            raise
        removed = 0
        if previous is not None:
            for part in previous.parts:
                if part not in parts:
                    _delete(client, store_url, param, part, quiet=True)
                    removed += 1
        return PushResult(graph, push_id, parts, len(union), removed)
    finally:
        if own:
            client.close()


def _manifest(
    graph: str, push_id: str, parts: Mapping[str, str | None], sizes: Mapping[str, int]
) -> list[Any]:
    from datetime import UTC, datetime

    import pyoxigraph as ox

    from skillgraph import __version__

    g = ox.NamedNode(graph)
    triples = [
        ox.Triple(g, ox.NamedNode(_RDF_TYPE), ox.NamedNode(PUSH + "Push")),
        ox.Triple(g, ox.NamedNode(PUSH + "id"), ox.Literal(push_id)),
        ox.Triple(g, ox.NamedNode(PUSH + "generator"), ox.Literal(f"skillgraph {__version__}")),
        ox.Triple(
            g,
            ox.NamedNode(_DCTERMS_CREATED),
            ox.Literal(
                datetime.now(UTC).replace(microsecond=0).isoformat(), datatype=ox.NamedNode(_XSD + "dateTime")
            ),
        ),
    ]
    for part, source in parts.items():
        node = ox.NamedNode(part)
        triples.append(ox.Triple(g, ox.NamedNode(PUSH + "part"), node))
        triples.append(
            ox.Triple(
                node,
                ox.NamedNode(PUSH + "triples"),
                ox.Literal(str(sizes[part]), datatype=ox.NamedNode(_XSD + "integer")),
            )
        )
        if source:
            triples.append(ox.Triple(node, ox.NamedNode(PUSH + "sourceGraph"), ox.NamedNode(source)))
    return triples


def _put(client: Client, store_url: str, param: str, graph: str, body: bytes) -> None:
    client.request(
        "PUT",
        store_url,
        params={param: graph},
        data=body,
        headers={"Content-Type": "application/n-triples"},
    )


def _delete(client: Client, store_url: str, param: str, graph: str, *, quiet: bool = False) -> None:
    try:
        client.request("DELETE", store_url, params={param: graph}, ok=(404,))
    except StoreError:
        if not quiet:
            raise
