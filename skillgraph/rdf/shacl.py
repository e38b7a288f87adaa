"""The SHACL check of the RDF against ``ontology/shapes.ttl``, one line per violation.

>>> from skillgraph.rdf.dataset import load_rdf
>>> shacl_problems(load_rdf())
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgraph.rdf.resources import shapes_file

if TYPE_CHECKING:
    import rdflib

    from skillgraph.rdf.dataset import RdfData

_SH = "http://www.w3.org/ns/shacl#"


def _short(term: object) -> str:
    text = str(term)
    from skillgraph.vocabulary import PREFIXES

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
    import rdflib

    for link in ("path", "targetSubjectsOf", "targetObjectsOf"):
        for found in shapes.objects(None, rdflib_uri(sh + link)):
            # a property path (sh:inversePath, a sequence...) is a blank node: take its predicates
            stack = [found]
            while stack:
                node = stack.pop()
                if isinstance(node, rdflib.URIRef):
                    wanted.add(str(node))
                elif isinstance(node, rdflib.BNode):
                    stack.extend(o for p, o in shapes.predicate_objects(node) if p != rdflib.RDF.type)
    return wanted


def rdflib_uri(iri: str) -> rdflib.URIRef:
    import rdflib

    return rdflib.URIRef(iri)


def shacl_problems(rdf: RdfData) -> list[str]:
    """Validate the RDF against ``ontology/shapes.ttl``; return one line per violation, sorted."""
    import rdflib
    from pyshacl import validate
    from rdflib.namespace import RDF

    shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    data = rdf.union_graph(predicates_of(shapes))
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
