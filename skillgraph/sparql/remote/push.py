"""Pushing the graph to a store with the Graph Store Protocol: parts first, then one switch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skillgraph.errors import StoreError
from skillgraph.sparql.remote.http import (
    DCTERMS_CREATED,
    DEFAULT_GRAPH,
    PUSH,
    RDF_TYPE_IRI,
    Client,
    graph_param_for,
    part_iri,
    query_url_for,
)
from skillgraph.sparql.remote.read import check_iri, find_push
from skillgraph.vocabulary import XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

    from skillgraph.rdf.dataset import RdfData

__all__ = [
    "PushResult",
    "push",
]


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

    check_iri(graph)
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

    from skillgraph.vocabulary import __version__

    g = ox.NamedNode(graph)
    triples = [
        ox.Triple(g, ox.NamedNode(RDF_TYPE_IRI), ox.NamedNode(PUSH + "Push")),
        ox.Triple(g, ox.NamedNode(PUSH + "id"), ox.Literal(push_id)),
        ox.Triple(g, ox.NamedNode(PUSH + "generator"), ox.Literal(f"skillgraph {__version__}")),
        ox.Triple(
            g,
            ox.NamedNode(DCTERMS_CREATED),
            ox.Literal(
                datetime.now(UTC).replace(microsecond=0).isoformat(), datatype=ox.NamedNode(XSD + "dateTime")
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
                ox.Literal(str(sizes[part]), datatype=ox.NamedNode(XSD + "integer")),
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
