"""The reference SHACL check with pySHACL, to compare skillgraph's SPARQL check with.

``skillgraph.rdf.core_shapes`` checks the shapes' core constraints as SPARQL on the
store; pySHACL (pure Python, minutes on a full ESCO import) is kept here as the reference
the tests compare it with on small graphs.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from pyshacl import validate
from rdflib.namespace import RDF

from skillgraph.rdf.convert import to_rdflib
from skillgraph.rdf.dataset import RdfData
from skillgraph.rdf.resources import shapes_file
from skillgraph.vocabulary import PREFIXES

_SH = "http://www.w3.org/ns/shacl#"


def _union_graph(rdf: RdfData, predicates: Iterable[str]) -> rdflib.Graph:
    """An in-memory rdflib graph of the triples of all graphs whose predicate is among ``predicates``."""
    graph = rdflib.Graph()
    quads = (
        q for p in sorted(set(predicates)) for q in rdf.store.quads_for_pattern(None, ox.NamedNode(p), None)
    )
    graph.addN((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), graph) for q in quads)
    return graph


def _short(term: object) -> str:
    text = str(term)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri) :]}"
    return text


def predicates_of(shapes: rdflib.Graph) -> set[str]:
    """Return the predicates the shapes look at: paths, targets, and rdf:type/rdfs:subClassOf."""
    sh = "http://www.w3.org/ns/shacl#"
    wanted = {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2000/01/rdf-schema#subClassOf",
    }
    for link in ("path", "targetSubjectsOf", "targetObjectsOf"):
        for found in shapes.objects(None, rdflib.URIRef(sh + link)):
            # a property path (sh:inversePath, a sequence...) is a blank node: take its predicates
            stack = [found]
            while stack:
                node = stack.pop()
                if isinstance(node, rdflib.URIRef):
                    wanted.add(str(node))
                elif isinstance(node, rdflib.BNode):
                    stack.extend(o for p, o in shapes.predicate_objects(node) if p != rdflib.RDF.type)
    return wanted


def shacl_problems(rdf: RdfData) -> list[str]:
    """Validate the RDF against ``ontology/shapes.ttl``; return one line per violation, sorted."""
    shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    data = _union_graph(rdf, predicates_of(shapes))
    conforms, results, _ = validate(data, shacl_graph=shapes, allow_warnings=True)
    if conforms:
        return []
    sh = rdflib.Namespace(_SH)
    problems = set()
    for result in results.subjects(RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        message = str(results.value(result, sh.resultMessage) or "breaks a shape")
        value = results.value(result, sh.value)
        if value is not None:
            message = message.replace("{$value}", _short(value))
        shape = results.value(result, sh.sourceShape)
        if isinstance(focus, rdflib.BNode):
            owner = data.value(
                predicate=rdflib.URIRef("https://w3id.org/skillgraph/ontology#requirement"), object=focus
            )
            focus_text = f"a requirement of {_short(owner)}" if owner else "a blank node"
        else:
            focus_text = _short(focus)
        where = f" [shape {_short(shape)}]" if isinstance(shape, rdflib.URIRef) else ""
        problems.add(f"{focus_text} {message}{where}")
    return sorted(problems)
