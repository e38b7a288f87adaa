"""SPARQL 1.1 query results (JSON) read back into RDF terms, and a SELECT sent to an endpoint."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from skillgraph.errors import StoreError
from skillgraph.sparql.credentials import one_line
from skillgraph.sparql.remote.http import (
    RESULTS_JSON,
    Client,
)

if TYPE_CHECKING:
    import requests

__all__ = [
    "Results",
    "parse_results",
    "select",
    "sparql_request",
]


class _TermReader:
    """Turns SPARQL JSON result terms into pyoxigraph terms (any blank node label allowed)."""

    def __init__(self) -> None:
        self.iris: dict[str, ox.NamedNode] = {}
        self.bnodes: dict[str, ox.BlankNode] = {}

    def term(self, binding: Mapping[str, Any]) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        kind = binding.get("type")
        value = binding.get("value", "")
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
                return ox.Literal(value, datatype=ox.NamedNode(datatype))
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
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        kind = response.headers.get("Content-Type", "unknown content").split(";")[0]
        text = response.content.decode("utf-8", "replace").strip()
        if isinstance(err, json.JSONDecodeError) and text.startswith("{") and kind == RESULTS_JSON:
            # A streamed answer the store broke off, with its reason in place of the rest.
            tail = one_line(" ".join(text[-120:].split()), 120)
            raise StoreError(query_url, f"the answer broke off (the store's last words: ...{tail})") from None
        raise StoreError(query_url, f"the answer is not SPARQL JSON results ({kind})") from None
    # Virtuoso cuts results at ResultSetMaxRows and says so in this header.
    results.truncated = "X-SPARQL-MaxRows" in response.headers
    return results
