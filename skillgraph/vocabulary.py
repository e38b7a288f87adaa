"""The vocabulary of skillgraph, each table defined once: IRIs, node types, relations, levels.

IRIs are plain strings here, so that no caller needs rdflib to name a term.

>>> SG + "Role"
'https://w3id.org/skillgraph/ontology#Role'
>>> CLASS_TYPES[SG + "SkillChoice"], RELATIONS[SG + "hasPrerequisite"]
('skill', 'has_prerequisite')
>>> PROFICIENCY_LABELS[3]
'advanced'
"""

__all__ = [
    "CLASS_TYPES",
    "DCTERMS",
    "IMPORTANCE",
    "LADDER_TYPES",
    "PREFIXES",
    "PROFICIENCY_LABELS",
    "RDF",
    "RDFS",
    "RDF_TYPE",
    "RELATIONS",
    "RELATION_LABELS",
    "SG",
    "SGD",
    "SKOS",
    "SRC",
    "TYPES",
    "UNSTATED_LABEL",
    "XSD",
    "short_id",
]

#: The version of skillgraph (its vocabulary, cache layout and the package).
__version__ = "0.1.0"

SG = "https://w3id.org/skillgraph/ontology#"
SGD = "https://w3id.org/skillgraph/id/"
SRC = "https://w3id.org/skillgraph/source/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Prefixes bound in every graph and SPARQL query skillgraph makes.
PREFIXES: dict[str, str] = {
    "sg": SG,
    "sgd": SGD,
    "src": SRC,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "schema": "https://schema.org/",
    "esco": "http://data.europa.eu/esco/model#",
}

#: Node type names, by the class that makes a node one.
CLASS_TYPES: dict[str, str] = {
    SG + "Role": "role",
    SG + "Specialization": "specialization",
    SG + "Skill": "skill",
    SG + "SkillChoice": "skill",
    SG + "Trend": "trend",
    SG + "EducationPath": "education",
    SG + "CollaborationTool": "tool",
    SG + "LearningActivity": "activity",
}

#: The proficiency levels of the ontology (``sg:rank`` -> label), for graphs that define none.
PROFICIENCY_LABELS: dict[int, str] = {1: "foundational", 2: "intermediate", 3: "advanced", 4: "expert"}

#: The importance of a requirement (``sg:importance``), by IRI; a requirement without one is essential.
IMPORTANCE: dict[str, str] = {SG + "Essential": "essential", SG + "Optional": "optional"}

#: The label shown for a requirement whose source states no proficiency level.
UNSTATED_LABEL = "unstated"

#: The node types a career path or a learning plan can lead to.
LADDER_TYPES: tuple[str, ...] = ("role", "specialization")

#: Every node type, in display order.
TYPES: tuple[str, ...] = ("role", "specialization", "skill", "trend", "education", "tool", "activity")

#: Edge relation names, by predicate IRI.
RELATIONS: dict[str, str] = {
    SG + "progressesTo": "progresses_to",
    SG + "branchesFrom": "branches_from",
    SG + "hasPrerequisite": "has_prerequisite",
    SG + "anyOf": "any_of",
    SG + "drivesDemandFor": "drives",
    SG + "teaches": "teaches",
    SG + "leadsTo": "leads_to",
    SG + "usesTool": "uses_tool",
    SG + "engagesIn": "engages_in",
    SKOS + "broader": "broader",
    SKOS + "related": "related",
}

#: Human wording of each relation, outgoing and incoming.
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "progresses_to": ("progresses to", "progressed to from"),
    "branches_from": ("branches from", "branches into"),
    "requires": ("requires", "required by"),
    "has_prerequisite": ("has prerequisite", "prerequisite of"),
    "any_of": ("any one of", "alternative for"),
    "drives": ("drives demand for", "demand driven by"),
    "teaches": ("teaches", "taught by"),
    "leads_to": ("leads to", "reached from"),
    "uses_tool": ("uses tool", "used by"),
    "engages_in": ("engages in", "engaged in by"),
    "relaxes": ("no longer requires", "no longer required by"),
    "covers": ("covers", "covered by"),
    "inherits": ("inherits", "inherited by"),
    "broader": ("broader", "narrower"),
    "related": ("related to", "related from"),
}


def short_id(iri: str) -> str:
    """Return the short id of a node: its local name in the curated namespace, else the IRI.

    >>> short_id("https://w3id.org/skillgraph/id/python")
    'python'
    >>> short_id("http://data.europa.eu/esco/skill/abc")
    'http://data.europa.eu/esco/skill/abc'
    """
    return iri[len(SGD) :] if iri.startswith(SGD) else iri
