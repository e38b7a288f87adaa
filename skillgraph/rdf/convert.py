"""Terms between Oxigraph (the store) and rdflib (the API some libraries need), both ways.

>>> import pyoxigraph as ox
>>> to_rdflib(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> to_oxigraph(to_rdflib(ox.NamedNode("https://example.org/a")))
<NamedNode value=https://example.org/a>
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from skillgraph.errors import DataFileError

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "Term",
    "to_oxigraph",
    "to_rdflib",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def to_rdflib(term: Any) -> rdflib.term.Identifier:
    """Return the rdflib term for an Oxigraph named node, blank node or literal."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise DataFileError("graph", f"an RDF 1.2 triple term is not supported here: {term}")


def to_oxigraph(term: Any) -> Term:
    """Return the Oxigraph term for an rdflib URI, blank node or literal."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _XSD_STRING)))
    raise TypeError(f"not an RDF term: {term!r}")
