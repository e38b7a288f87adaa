"""RDF vocabularies used by skillgraph, as rdflib namespaces.

``SG`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt term
is an error rather than a silently new IRI.

>>> from skillgraph.rdf.namespace import SG, SGD
>>> str(SG.Role)
'https://w3id.org/skillgraph/ontology#Role'
>>> str(SGD["python"])
'https://w3id.org/skillgraph/id/python'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from skillgraph import vocabulary as iris
from skillgraph.vocabulary import SG as SG_IRI
from skillgraph.vocabulary import SGD as SGD_IRI
from skillgraph.vocabulary import SRC as SRC_IRI


class SG(DefinedNamespace):
    """The skillgraph ontology (``ontology/skillgraph.ttl``)."""

    _NS = Namespace(SG_IRI)
    _fail = True

    Concept: URIRef
    Role: URIRef
    Specialization: URIRef
    Skill: URIRef
    SkillChoice: URIRef
    Trend: URIRef
    EducationPath: URIRef
    CollaborationTool: URIRef
    LearningActivity: URIRef
    SkillRequirement: URIRef
    ProficiencyLevel: URIRef
    SkillCategory: URIRef
    Source: URIRef
    progressesTo: URIRef
    branchesFrom: URIRef
    requirement: URIRef
    skill: URIRef
    proficiency: URIRef
    hasPrerequisite: URIRef
    anyOf: URIRef
    drivesDemandFor: URIRef
    teaches: URIRef
    leadsTo: URIRef
    usesTool: URIRef
    engagesIn: URIRef
    category: URIRef
    level: URIRef
    rank: URIRef
    effort: URIRef
    LevelEffort: URIRef
    hours: URIRef
    learnedBy: URIRef
    Practice: URIRef
    Study: URIRef
    typicalYearsMin: URIRef
    typicalYearsMax: URIRef
    relaxation: URIRef
    Relaxation: URIRef
    seedSection: URIRef
    hotTechnology: URIRef
    inDemand: URIRef


SGD = Namespace(SGD_IRI)
SRC = Namespace(SRC_IRI)
ESCO = Namespace("http://data.europa.eu/esco/model#")
SCHEMA = Namespace("https://schema.org/")

#: Prefixes bound in every graph and SPARQL query skillgraph makes.
PREFIXES: dict[str, str] = {
    "sg": SG_IRI,
    "sgd": SGD_IRI,
    "src": SRC_IRI,
    "rdf": iris.RDF,
    "rdfs": iris.RDFS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": iris.SKOS,
    "dcterms": iris.DCTERMS,
    "schema": "https://schema.org/",
    "esco": "http://data.europa.eu/esco/model#",
}
