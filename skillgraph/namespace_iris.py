"""Namespace IRIs as plain strings, for code that must not import rdflib.

>>> from skillgraph.namespace_iris import SG, SKOS
>>> SG + "Role"
'https://w3id.org/skillgraph/ontology#Role'
"""

SG = "https://w3id.org/skillgraph/ontology#"
SGD = "https://w3id.org/skillgraph/id/"
SRC = "https://w3id.org/skillgraph/source/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
