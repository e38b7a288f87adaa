"""RDF terms of the importers, and their streaming writer (pyoxigraph's serialisers).

Building an rdflib graph of a full ESCO import (about a million triples) and serializing
it takes minutes; the importers instead hand each concept's triples, as they make them, to
pyoxigraph's N-Triples or Turtle serialiser, which writes them straight to the output file.

>>> import io
>>> out = io.BytesIO()
>>> python = iri("https://example.org/py")
>>> write_nodes(out, FORMATS[".ttl"], [(python, [(Terms.prefLabel, literal("Python", "en"))])], {"ex": "https://example.org/"})
1
>>> print(out.getvalue().decode().strip())
@prefix ex: <https://example.org/> .
ex:py <http://www.w3.org/2004/02/skos/core#prefLabel> "Python"@en .
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Union

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from skillgraph.importers._common import Context, ImportReport, import_date
from skillgraph.importers.errors import ImportDataError
from skillgraph.rdf.atomic import atomic_write
from skillgraph.vocabulary import DCTERMS, PREFIXES, RDF, RDFS, SG, SKOS, SRC, XSD

ESCO = PREFIXES["esco"]
VOID = "http://rdfs.org/ns/void#"

#: prefixes of every vocabulary the importers write
VOCABULARY_PREFIXES: dict[str, str] = {
    **{p: PREFIXES[p] for p in ("sg", "src", "esco", "skos", "rdfs", "xsd", "dcterms")},
    "void": VOID,
}


def iri(value: str) -> NamedNode:
    """An IRI term; ``value`` must already be checked (see ``is_http_iri``).

    >>> iri("https://w3id.org/skillgraph/ontology#Skill")
    <NamedNode value=https://w3id.org/skillgraph/ontology#Skill>
    """
    return NamedNode(value)


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> Literal:
    """A literal term: plain, with a language tag or with a datatype.

    >>> print(literal('say "hi"\\nthen go', "en"))
    "say \\"hi\\"\\nthen go"@en
    """
    if lang:
        return Literal(value, language=lang)
    if datatype:
        return Literal(value, datatype=NamedNode(datatype))
    return Literal(value)


def integer(value: int) -> Literal:
    """An ``xsd:integer`` literal.

    >>> print(integer(0))
    "0"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    return Literal(str(int(value)), datatype=_INTEGER)


def boolean(value: bool) -> Literal:
    """An ``xsd:boolean`` literal."""
    return Literal("true" if value else "false", datatype=_BOOLEAN)


_INTEGER = NamedNode(XSD + "integer")
_BOOLEAN = NamedNode(XSD + "boolean")


class Terms:
    """The terms of the vocabularies the importers write."""

    type = iri(RDF + "type")
    label = iri(RDFS + "label")
    seeAlso = iri(RDFS + "seeAlso")
    Concept = iri(SKOS + "Concept")
    prefLabel = iri(SKOS + "prefLabel")
    altLabel = iri(SKOS + "altLabel")
    hiddenLabel = iri(SKOS + "hiddenLabel")
    definition = iri(SKOS + "definition")
    scopeNote = iri(SKOS + "scopeNote")
    example = iri(SKOS + "example")
    notation = iri(SKOS + "notation")
    broader = iri(SKOS + "broader")
    related = iri(SKOS + "related")
    inScheme = iri(SKOS + "inScheme")
    Occupation = iri(ESCO + "Occupation")
    Skill = iri(ESCO + "Skill")
    relatedEssentialSkill = iri(ESCO + "relatedEssentialSkill")
    relatedOptionalSkill = iri(ESCO + "relatedOptionalSkill")
    memberOfISCOGroup = iri(ESCO + "memberOfISCOGroup")
    skillType = iri(ESCO + "skillType")
    skillReuseLevel = iri(ESCO + "skillReuseLevel")
    sgRole = iri(SG + "Role")
    sgSkill = iri(SG + "Skill")
    SkillChoice = iri(SG + "SkillChoice")
    anyOf = iri(SG + "anyOf")
    sgSource = iri(SG + "Source")
    SkillRequirement = iri(SG + "SkillRequirement")
    requirement = iri(SG + "requirement")
    skill = iri(SG + "skill")
    proficiency = iri(SG + "proficiency")
    Foundational = iri(SG + "Foundational")
    Intermediate = iri(SG + "Intermediate")
    importance = iri(SG + "importance")
    Essential = iri(SG + "Essential")
    Optional = iri(SG + "Optional")
    task = iri(SG + "task")
    jobZone = iri(SG + "jobZone")
    hasPrerequisite = iri(SG + "hasPrerequisite")
    level = iri(SG + "level")
    hotTechnology = iri(SG + "hotTechnology")
    inDemand = iri(SG + "inDemand")
    Relatedness = iri(SG + "Relatedness")
    relatedness = iri(SG + "relatedness")
    relatedTo = iri(SG + "relatedTo")
    relatednessTier = iri(SG + "relatednessTier")
    relatednessIndex = iri(SG + "relatednessIndex")
    Dataset = iri(VOID + "Dataset")
    title = iri(DCTERMS + "title")
    source = iri(DCTERMS + "source")
    hasVersion = iri(DCTERMS + "hasVersion")
    created = iri(DCTERMS + "created")
    modified = iri(DCTERMS + "modified")
    publisher = iri(DCTERMS + "publisher")
    rights = iri(DCTERMS + "rights")
    license = iri(DCTERMS + "license")


# An object is a term, or a blank node given as its (predicate, object) pairs.
Object = Union[NamedNode, Literal, "list[tuple[NamedNode, NamedNode | Literal]]"]
Property = tuple[NamedNode, Object]
Properties = Sequence[Property]

#: The output formats, by file extension.
FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES}


def write_nodes(
    out: IO[bytes],
    fmt: RdfFormat,
    nodes: Iterable[tuple[NamedNode, Properties]],
    prefixes: dict[str, str] | None = None,
) -> int:
    """Write each node of ``nodes`` (a subject with its properties) as it comes; return the triples written.

    Blank nodes are labelled ``b1``, ``b2``... in the order they are written, so an import
    gives the same file twice. Turtle abbreviates IRIs with ``prefixes``.
    """
    written = 0

    def triples() -> Iterator[Triple]:
        nonlocal written
        blanks = 0
        make = Triple
        for subject, properties in nodes:
            written += len(properties)
            for predicate, obj in properties:
                if obj.__class__ is list:
                    blanks += 1
                    blank = BlankNode(f"b{blanks}")
                    yield make(subject, predicate, blank)
                    written += len(obj)
                    for inner, value in obj:
                        yield make(blank, inner, value)
                else:
                    yield make(subject, predicate, obj)  # type: ignore[arg-type]

    serialize(triples(), out, fmt, prefixes=prefixes if fmt == RdfFormat.TURTLE else None)
    return written


@contextmanager
def atomic_output(path: Path) -> Iterator[tuple[IO[Any], RdfFormat]]:
    """Open a temporary binary file next to ``path``; it replaces ``path`` only on success.

    Yields ``(file, format)``, the format chosen by the extension of ``path``
    (``.ttl`` Turtle, ``.nt`` N-Triples). Whatever goes wrong (an error, Ctrl-C), the
    temporary file is removed and an existing ``path`` is left untouched.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ImportDataError(
            f"unsupported output format {path.suffix or '(no extension)'!s}: "
            "use a .ttl (Turtle) or .nt (N-Triples) file",
            file=path,
        )
    with atomic_write(path, binary=True) as out:
        yield out, fmt


def source_description(
    slug: str,
    name: str,
    version: str | None,
    *,
    subtitle: str,
    url: str,
    publisher: str,
    license: str,
    rights: str,
) -> tuple[NamedNode, list[Property]]:
    """The ``sg:Source`` / ``void:Dataset`` node an import writes about itself: ``slug-version``,
    labelled ``name version`` and titled that followed by ``subtitle``, created on the import date.

    >>> node, props = source_description("esco", "ESCO", "1.2.0", subtitle=": skills", url="https://x.org",
    ...     publisher="EC", license="https://l.org", rights="r")
    >>> node
    <NamedNode value=https://w3id.org/skillgraph/source/esco-1.2.0>
    >>> props[3][1].value
    'ESCO 1.2.0: skills'
    """
    label = f"{name} {version}" if version else name
    properties: list[Property] = [
        (Terms.type, Terms.sgSource),
        (Terms.type, Terms.Dataset),
        (Terms.label, literal(label, "en")),
        (Terms.title, literal(label + subtitle, "en")),
        (Terms.source, iri(url)),
    ]
    if version:
        properties.append((Terms.hasVersion, literal(version)))
    properties += [
        (Terms.created, literal(import_date().isoformat(), datatype=XSD + "date")),
        (Terms.publisher, literal(publisher)),
        (Terms.license, iri(license)),
        (Terms.rights, literal(rights, "en")),
    ]
    return iri(SRC + (f"{slug}-{version}" if version else slug)), properties


def write_import(
    context: Context, nodes: Iterable[tuple[NamedNode, Properties]], prefixes: dict[str, str]
) -> ImportReport:
    """Write ``nodes`` to the import's output, as a whole or not at all, and complete its report."""
    report = context.report
    with atomic_output(report.output) as (out, fmt):
        report.triples = write_nodes(out, fmt, nodes, prefixes)
    report.seconds = time.perf_counter() - context.started
    return report
