"""RDF terms and a streaming N-Triples / Turtle writer.

Building an rdflib graph of a full ESCO import (about a million triples) and serializing
it takes minutes; the importers instead write each concept's triples straight to the
output file. Terms are plain strings in N-Triples syntax (``<iri>``, ``"text"@en``,
``"3"^^<...#integer>``); the Turtle writer abbreviates them with prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Union

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

_LITERAL_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\r": "\\r",
        **{chr(c): f"\\u{c:04X}" for c in range(0x20) if c not in (0x0A, 0x0D)},
        "\x7f": "\\u007F",
    }
)


def iri(value: str) -> str:
    """An IRI term; ``value`` must already be checked (see ``is_http_iri``).

    >>> iri("https://w3id.org/skillgraph/ontology#Skill")
    '<https://w3id.org/skillgraph/ontology#Skill>'
    """
    return f"<{value}>"


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term with its characters escaped for N-Triples and Turtle.

    >>> print(literal('say "hi"\\nthen go', "en"))
    "say \\"hi\\"\\nthen go"@en
    """
    text = f'"{value.translate(_LITERAL_ESCAPES)}"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


def integer(value: int) -> str:
    """An ``xsd:integer`` literal.

    >>> integer(0)
    '"0"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return f'"{int(value)}"^^<{XSD}integer>'


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` literal."""
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


class V:
    """The terms of the vocabularies the importers use, ready to write."""

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
Object = Union[str, "list[tuple[str, str]]"]
Properties = Sequence[tuple[str, Object]]

FORMATS = {".ttl": "turtle", ".nt": "nt"}

_TURTLE_BARE = {
    f"<{XSD}integer>": re.compile(r"[+-]?[0-9]+\Z"),
    f"<{XSD}boolean>": re.compile(r"(?:true|false)\Z"),
}
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")


class TripleWriter:
    """Writes concepts, one subject with all its properties at a time.

    N-Triples output gets one triple a line, blank nodes labelled ``_:b1``, ``_:b2``...;
    Turtle output groups each subject's properties and writes blank nodes inline
    (``[ ... ]``), with IRIs abbreviated by ``prefixes`` where the local name allows it.
    """

    def __init__(self, out: IO[Any], fmt: str, prefixes: dict[str, str]) -> None:
        self.out = out
        self.turtle = fmt == "turtle"
        self.triples = 0
        self._blank = 0
        # longest namespace first, so that the most specific prefix wins
        self._prefixes = sorted(((ns, name) for name, ns in prefixes.items()), key=lambda item: -len(item[0]))
        self._short: dict[str, str] = {f"<{RDF}type>": "a"}
        if self.turtle:
            out.writelines(f"@prefix {name}: <{ns}> .\n" for name, ns in prefixes.items())
            out.write("\n")

    def _abbreviate(self, term: str) -> str:
        short = self._short.get(term)
        if short is not None:
            return short
        short = term
        if term.startswith("<"):
            value = term[1:-1]
            for ns, name in self._prefixes:
                if value.startswith(ns) and _LOCAL_NAME.match(value, len(ns)):
                    short = f"{name}:{value[len(ns) :]}"
                    break
            if len(self._short) < 200_000:
                self._short[term] = short
        elif "^^<" in term:
            text, _, datatype = term.rpartition("^^")
            if datatype in _TURTLE_BARE and _TURTLE_BARE[datatype].match(text, 1, len(text) - 1):
                short = text[1:-1]  # 0, true: Turtle's own syntax for these datatypes
            else:
                short = f"{text}^^{self._abbreviate(datatype)}"
        return short

    def node(self, subject: str, properties: Properties) -> None:
        """Write ``subject`` with every (predicate, object) pair of ``properties``."""
        if not properties:
            return
        if self.turtle:
            self._turtle_node(subject, properties)
        else:
            write = self.out.write
            for predicate, obj in properties:
                if isinstance(obj, list):
                    self._blank += 1
                    blank = f"_:b{self._blank}"
                    write(f"{subject} {predicate} {blank} .\n")
                    self.triples += 1
                    self.node(blank, obj)
                else:
                    write(f"{subject} {predicate} {obj} .\n")
                    self.triples += 1

    def _turtle_node(self, subject: str, properties: Properties) -> None:
        short = self._abbreviate
        parts: list[str] = []
        last = None
        for predicate, obj in properties:
            if isinstance(obj, list):
                inner = " ; ".join(f"{short(p)} {short(o)}" for p, o in obj)
                text = f"[ {inner} ]"
                self.triples += 1 + len(obj)
            else:
                text = short(obj)
                self.triples += 1
            if predicate == last:
                parts[-1] += f", {text}" if predicate == V.type else f",\n        {text}"
            else:
                parts.append(f"{short(predicate)} {text}")
                last = predicate
        self.out.write(f"{short(subject)} " + " ;\n    ".join(parts) + " .\n\n")


@contextmanager
def atomic_output(path: Path) -> Iterator[tuple[IO[Any], str]]:
    """Open a temporary file next to ``path``; it replaces ``path`` only on success.

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
    with atomic_write(path) as out:
        yield out, fmt


def source_description(
    key: str,
    name: str,
    title: str,
    *,
    url: str,
    version: str | None,
    created: str,
    publisher: str,
    license: str,
    rights: str,
) -> tuple[str, list[tuple[str, Object]]]:
    """The ``sg:Source`` / ``void:Dataset`` node an import writes about itself.

    >>> node, props = source_description("esco-1.2.0", "ESCO 1.2.0", "ESCO", url="https://x.org",
    ...     version="1.2.0", created="2024-01-01", publisher="EC", license="https://l.org", rights="r")
    >>> node
    '<https://w3id.org/skillgraph/source/esco-1.2.0>'
    """
    properties: list[tuple[str, Object]] = [
        (V.type, V.sgSource),
        (V.type, V.Dataset),
        (V.label, literal(name, "en")),
        (V.title, literal(title, "en")),
        (V.source, iri(url)),
    ]
    if version:
        properties.append((V.hasVersion, literal(version)))
    properties += [
        (V.created, literal(created, datatype=XSD + "date")),
        (V.publisher, literal(publisher)),
        (V.license, iri(license)),
        (V.rights, literal(rights, "en")),
    ]
    return iri(SRC + key), properties
