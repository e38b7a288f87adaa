"""What a served endpoint says about itself: a SPARQL 1.1 Service Description and a VoID description.

The figures (named graphs, triples, classes, properties) are read from the served
store with SPARQL when the server starts, so a graph added to what is served is
described without any change here. :func:`service_description` and
:func:`void_description` build the two RDF graphs; :func:`negotiate` picks a
syntax by ``Accept`` and :func:`serialize` writes it.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> g = ox.NamedNode("https://example.org/g")
>>> store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode(str(RDF_TYPE)),
...                   ox.NamedNode("https://example.org/C"), g))
>>> stats = statistics(store_select(store))
>>> stats.triples, stats.graphs, stats.classes
(1, (('https://example.org/g', 1),), (('https://example.org/C', 1),))
>>> sd = service_description("http://127.0.0.1:7878/query", stats, ServiceLimits())
>>> (None, SD.name, rdflib.URIRef("https://example.org/g")) in sd
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import rdflib
from rdflib import namespace as ns

__all__ = [
    "FORMATS",
    "RDF_TYPE",
    "RESULT_FORMATS",
    "SD",
    "SERVE",
    "SYNTAXES",
    "DatasetStatistics",
    "ServiceLimits",
    "json_rows",
    "negotiate",
    "serialize",
    "service_description",
    "statistics",
    "store_select",
    "void_description",
    "void_iri",
]

#: The SPARQL 1.1 Service Description vocabulary.
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
#: The W3C's IRIs of media formats (used by ``sd:resultFormat``).
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
#: Limits of a served endpoint, where neither the Service Description nor VoID has a term.
SERVE = rdflib.Namespace("https://w3id.org/skillgraph/serve#")
RDF_TYPE = ns.RDF.type

#: Result formats the engine answers in, by the W3C format IRI's local name.
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "N-Quads",
    "TriG",
)
#: Syntaxes the descriptions are written in, by media type, first the default.
SYNTAXES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}

_Select = Callable[[str], list[dict[str, str]]]


@dataclass(frozen=True)
class ServiceLimits:
    """What the endpoint bounds, as its description states it (sizes in bytes, times in seconds)."""

    query_timeout: float = 10.0
    max_query_length: int = 1_000_000
    max_nesting: int = 64
    max_body: int = 1 << 20
    max_response: int = 256 << 20
    allow_service: bool = False


@dataclass(frozen=True)
class DatasetStatistics:
    """What the served dataset holds: triples in the default graph (the union), each named graph's
    triples, and the classes (with their instances), properties, subjects and objects."""

    triples: int
    graphs: tuple[tuple[str, int], ...]
    classes: tuple[tuple[str, int], ...]
    properties: int
    subjects: int
    objects: int


def store_select(store: Any) -> _Select:
    """Return a function running a SELECT on a pyoxigraph ``store`` (its default graph the union).

    >>> import pyoxigraph as ox
    >>> store_select(ox.Store())("SELECT (1 AS ?one) {}")
    [{'one': '1'}]
    """

    def select(text: str) -> list[dict[str, str]]:
        solutions = store.query(text, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]

    return select


def json_rows(payload: bytes) -> list[dict[str, str]]:
    """Return the rows of a SPARQL JSON results document as ``{variable: value}``.

    >>> json_rows(b'{"results": {"bindings": [{"n": {"type": "literal", "value": "3"}}]}}')
    [{'n': '3'}]
    """
    bindings = json.loads(payload)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def statistics(select: _Select) -> DatasetStatistics:
    """Count what the dataset holds with SPARQL (``select`` runs a query, the default graph the union)."""
    graphs = select("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY STR(?g)")
    classes = select(
        "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) { ?x a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY STR(?c)"
    )
    union = select(
        "SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?p) AS ?p_) "
        "(COUNT(DISTINCT ?o) AS ?o_) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    )[0]
    return DatasetStatistics(
        triples=int(union["t"]),
        graphs=tuple((row["g"], int(row["n"])) for row in graphs),
        classes=tuple((row["c"], int(row["n"])) for row in classes),
        properties=int(union["p_"]),
        subjects=int(union["s_"]),
        objects=int(union["o_"]),
    )


def void_iri(endpoint: str) -> rdflib.URIRef:
    """Return the IRI of the dataset's VoID description, beside the endpoint ``endpoint``.

    >>> str(void_iri("https://example.org/sparql/query"))
    'https://example.org/sparql/.well-known/void#dataset'
    """
    return rdflib.URIRef(endpoint.rsplit("/", 1)[0] + "/.well-known/void#dataset")


def _count(value: int) -> rdflib.Literal:
    return rdflib.Literal(value, datatype=ns.XSD.integer)


def service_description(endpoint: str, stats: DatasetStatistics, limits: ServiceLimits) -> rdflib.Graph:
    """Describe the endpoint at ``endpoint`` with the SPARQL 1.1 Service Description vocabulary:
    its language (queries only), result formats, features, the default graph (the union of the
    named graphs) and each named graph, and its limits."""
    graph = rdflib.Graph()
    graph.bind("sd", SD)
    graph.bind("void", ns.VOID)
    graph.bind("formats", FORMATS)
    graph.bind("serve", SERVE)
    service = rdflib.BNode("service")
    graph.add((service, ns.RDF.type, SD.Service))
    graph.add((service, SD.endpoint, rdflib.URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if limits.allow_service:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    simple = rdflib.URIRef("http://www.w3.org/ns/entailment/Simple")
    graph.add((service, SD.defaultEntailmentRegime, simple))
    graph.add((simple, ns.RDF.type, SD.EntailmentRegime))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    note = "Read-only: updates and Graph Store writes are refused. The default graph is the union of all."
    graph.add((service, ns.RDFS.comment, rdflib.Literal(note, lang="en")))
    graph.add((service, SERVE.queryTimeoutMilliseconds, _count(round(limits.query_timeout * 1000))))
    graph.add((service, SERVE.maxQueryLength, _count(limits.max_query_length)))
    graph.add((service, SERVE.maxNesting, _count(limits.max_nesting)))
    graph.add((service, SERVE.maxRequestBytes, _count(limits.max_body)))
    graph.add((service, SERVE.maxAnswerBytes, _count(limits.max_response)))

    dataset = void_iri(endpoint)
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, ns.RDF.type, SD.Dataset))
    default = rdflib.BNode("default")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, ns.RDF.type, SD.Graph))
    graph.add((default, ns.VOID.triples, _count(stats.triples)))
    for index, (name, triples) in enumerate(stats.graphs):
        named, described = rdflib.BNode(f"named{index}"), rdflib.BNode(f"graph{index}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, ns.RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, rdflib.URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, ns.RDF.type, SD.Graph))
        graph.add((described, ns.VOID.triples, _count(triples)))
    return graph


def void_description(endpoint: str, stats: DatasetStatistics) -> rdflib.Graph:
    """Describe the served dataset with VoID: its endpoint, size, classes and named graphs."""
    graph = rdflib.Graph()
    graph.bind("void", ns.VOID)
    graph.bind("sd", SD)
    graph.bind("dcterms", ns.DCTERMS)
    dataset = void_iri(endpoint)
    graph.add((dataset, ns.RDF.type, ns.VOID.Dataset))
    graph.add(
        (dataset, ns.DCTERMS.title, rdflib.Literal("skillgraph: software-engineering careers", lang="en"))
    )
    graph.add((dataset, ns.VOID.sparqlEndpoint, rdflib.URIRef(endpoint)))
    graph.add((dataset, ns.VOID.uriSpace, rdflib.Literal("https://w3id.org/skillgraph/id/")))
    graph.add((dataset, ns.VOID.vocabulary, rdflib.URIRef("https://w3id.org/skillgraph/ontology#")))
    graph.add((dataset, ns.VOID.triples, _count(stats.triples)))
    graph.add((dataset, ns.VOID.classes, _count(len(stats.classes))))
    graph.add((dataset, ns.VOID.properties, _count(stats.properties)))
    graph.add((dataset, ns.VOID.distinctSubjects, _count(stats.subjects)))
    graph.add((dataset, ns.VOID.distinctObjects, _count(stats.objects)))
    for index, (iri, entities) in enumerate(stats.classes):
        partition = rdflib.BNode(f"class{index}")
        graph.add((dataset, ns.VOID.classPartition, partition))
        graph.add((partition, ns.VOID["class"], rdflib.URIRef(iri)))
        graph.add((partition, ns.VOID.entities, _count(entities)))
    for index, (name, triples) in enumerate(stats.graphs):
        subset = rdflib.BNode(f"subset{index}")
        graph.add((dataset, ns.VOID.subset, subset))
        graph.add((subset, ns.RDF.type, ns.VOID.Dataset))
        graph.add((subset, SD.name, rdflib.URIRef(name)))
        graph.add((subset, ns.VOID.triples, _count(triples)))
    return graph


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """Return the media type of ``offered`` that ``accept`` prefers (the first offered when no
    ``Accept`` is given, None when none is acceptable).

    >>> negotiate("application/ld+json, text/turtle;q=0.5", ["text/turtle", "application/ld+json"])
    'application/ld+json'
    >>> negotiate("*/*", ["text/turtle"]), negotiate(None, ["text/turtle"])
    ('text/turtle', 'text/turtle')
    >>> negotiate("application/sparql-results+json", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    chosen, best = None, 0.0
    for candidate in offered:
        # The most specific range naming the candidate sets its quality (RFC 9110, 12.5.1).
        matching = [
            (2 if kind == candidate else 0 if kind == "*/*" else 1, quality)
            for kind, quality in ranges
            if kind in (candidate, "*/*", candidate.split("/")[0] + "/*")
        ]
        quality = max(matching)[1] if matching else 0.0
        if quality > best:
            chosen, best = candidate, quality
    return chosen


def serialize(graph: rdflib.Graph, media_type: str) -> bytes:
    """Write ``graph`` in the syntax of ``media_type`` (one of :data:`SYNTAXES`).

    >>> serialize(rdflib.Graph(), "text/turtle")
    b'\\n'
    """
    return graph.serialize(format=SYNTAXES[media_type], encoding="utf-8")
