"""Import the ESCO classification (official CSV export, v1.x layout) as RDF.

The input is the folder of an ESCO CSV download in one language (English: files named
``*_en.csv``). These files are read:

=====================================  ===============================================
file                                   becomes
=====================================  ===============================================
``occupations_en.csv``                 occupations
``ISCOGroups_en.csv``                  ISCO groups
``skillGroups_en.csv``                 skill groups
``skills_en.csv``                      skills (``skillType``, ``reuseLevel``, labels...)
``broaderRelationsOccPillar_en.csv``   ``skos:broader`` (occupations, ISCO groups)
``broaderRelationsSkillPillar_en.csv`` ``skos:broader`` (skills, skill groups)
``skillsHierarchy_en.csv``             ``skos:broader`` between skill-group levels
``occupationSkillRelations_en.csv``    essential / optional skills of occupations
``skillSkillRelations_en.csv``         essential / optional skills of skills
=====================================  ===============================================

Mapping. ESCO's own URIs are kept, described with the ESCO model
(``esco: <http://data.europa.eu/esco/model#>``) and SKOS, and, so that skillgraph's
commands work on ESCO data, with skillgraph terms alongside:

* an occupation is ``a esco:Occupation, sg:Role, skos:Concept`` with ``sg:level 0``
  (``0`` = unranked: ESCO occupations are not steps of a career ladder), its ESCO code as
  ``skos:notation``; the occupations it is ``skos:broader`` than come from
  ``broaderRelationsOccPillar_en.csv`` and, for an ISCO group, also
  ``esco:memberOfISCOGroup``;
* ISCO groups and skill groups are ``skos:Concept`` (not skillgraph nodes) with their code
  as ``skos:notation``;
* a skill is ``a esco:Skill, sg:Skill, skos:Concept``, with ``esco:skillType``
  (``<http://data.europa.eu/esco/skill-type/knowledge>`` or ``.../skill``) and
  ``esco:skillReuseLevel`` (``<http://data.europa.eu/esco/skill-reuse-level/...>``);
  no ``sg:category`` (ESCO has nothing to derive it from);
* labels: ``preferredLabel`` -> ``skos:prefLabel``, each line of ``altLabels`` ->
  ``skos:altLabel``, of ``hiddenLabels`` -> ``skos:hiddenLabel`` (all ``@en``, trimmed),
  ``description`` (or ``definition`` when there is no description) -> ``skos:definition``,
  ``scopeNote`` -> ``skos:scopeNote``, ``inScheme`` -> ``skos:inScheme``,
  ``modifiedDate`` -> ``dcterms:modified``;
* an *essential* occupation-skill relation is ``occupation esco:relatedEssentialSkill
  skill`` plus ``occupation sg:requirement [ a sg:SkillRequirement ; sg:skill skill ;
  sg:importance sg:Essential ]``; an *optional* one is ``esco:relatedOptionalSkill``
  plus a requirement of ``sg:importance sg:Optional``. ESCO states no proficiency level,
  so none is written (any level of the skill meets the requirement). When ESCO lists a
  skill as both essential and optional for an occupation, both ESCO triples are kept and
  the one requirement is essential (ESCO's own rule: essential wins);
* an *essential* skill-skill relation (``originalSkillUri`` needs ``relatedSkillUri``) is
  ``original esco:relatedEssentialSkill related`` plus ``original sg:hasPrerequisite
  related``, unless that edge would close a cycle of prerequisites: it is then left out
  (the ESCO triple stays) and counted in ``ImportReport.cycles_skipped``; an *optional*
  one is ``esco:relatedOptionalSkill`` only;
* ESCO says nothing about career progression: no ``sg:progressesTo`` is written;
* the output starts with a description of the source,
  ``<https://w3id.org/skillgraph/source/esco-VERSION>``, ``a sg:Source, void:Dataset``,
  with ``dcterms:source <https://esco.ec.europa.eu>``, ``dcterms:hasVersion``,
  ``dcterms:created`` (the import date), ``dcterms:publisher "European Commission"``,
  ``dcterms:license`` (Commission Decision 2011/833/EU) and the attribution required by
  ESCO as ``dcterms:rights``: "This dataset uses the ESCO classification of the European
  Commission."

Bad input: a missing file or a file without an expected column stops the import with an
``ImportDataError``; so does a bad row (a broken URI, bytes that are not UTF-8, an empty
label, an unknown relation type, a reference to a concept not in the files, a duplicate),
unless ``skip_bad=True``: bad rows are then skipped and counted.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from pyoxigraph import NamedNode

from skillgraph.importers._common import (
    Context,
    ImportReport,
    Progress,
    Row,
    Table,
    check_iri,
    is_http_iri,
    read_table,
    show,
    split_lines,
)
from skillgraph.importers._rdf import (
    VOCABULARY_PREFIXES,
    Property,
    Terms,
    integer,
    iri,
    literal,
    source_description,
    write_import,
)
from skillgraph.importers.errors import ImportDataError
from skillgraph.vocabulary import XSD

__all__ = ["ESCO_ATTRIBUTION", "ESCO_URL", "import_esco"]

ESCO_URL = "https://esco.ec.europa.eu"
ESCO_ATTRIBUTION = "This dataset uses the ESCO classification of the European Commission."
ESCO_PUBLISHER = "European Commission"
ESCO_LICENSE = "http://data.europa.eu/eli/dec/2011/833/oj"  # Commission Decision 2011/833/EU

SKILL_TYPES = {
    "knowledge": iri("http://data.europa.eu/esco/skill-type/knowledge"),
    "skill/competence": iri("http://data.europa.eu/esco/skill-type/skill"),
    "skill": iri("http://data.europa.eu/esco/skill-type/skill"),
}
REUSE_LEVEL = "http://data.europa.eu/esco/skill-reuse-level/"
_REUSE_LEVEL_VALUE = re.compile(r"[a-z][a-z-]*\Z")
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?\Z")

PREFIXES = {
    **VOCABULARY_PREFIXES,
    "escoskill": "http://data.europa.eu/esco/skill/",
    "escoocc": "http://data.europa.eu/esco/occupation/",
    "isco": "http://data.europa.eu/esco/isco/",
    "iscedf": "http://data.europa.eu/esco/isced-f/",
}

FILES = {
    "occupations": "occupations_en.csv",
    "isco": "ISCOGroups_en.csv",
    "groups": "skillGroups_en.csv",
    "skills": "skills_en.csv",
    "occ_broader": "broaderRelationsOccPillar_en.csv",
    "skill_broader": "broaderRelationsSkillPillar_en.csv",
    "hierarchy": "skillsHierarchy_en.csv",
    "occ_skill": "occupationSkillRelations_en.csv",
    "skill_skill": "skillSkillRelations_en.csv",
}
HIERARCHY_LEVELS = [f"Level {i} URI" for i in range(4)]
COLUMNS = {
    "occupations": ["conceptUri", "preferredLabel", "altLabels", "description"],
    "isco": ["conceptUri", "code", "preferredLabel"],
    "groups": ["conceptUri", "preferredLabel"],
    "skills": ["conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"],
    "occ_broader": ["conceptUri", "broaderUri"],
    "skill_broader": ["conceptUri", "broaderUri"],
    "hierarchy": HIERARCHY_LEVELS[:2],
    "occ_skill": ["occupationUri", "relationType", "skillUri"],
    "skill_skill": ["originalSkillUri", "relationType", "relatedSkillUri"],
}


@dataclass(eq=False)
class _Concept:
    term: NamedNode
    properties: list[Property]
    kind: str  # "occupation", "isco", "group", "skill"
    broader: dict[_Concept, None] = field(default_factory=dict)


def import_esco(
    directory: str | PathLike[str],
    output: str | PathLike[str],
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
    version: str | None = None,
) -> ImportReport:
    """Import the ESCO CSV export in ``directory`` into ``output`` (``.ttl`` or ``.nt``).

    ``version`` is the ESCO version recorded with the source; by default it is read from
    the folder's name (``esco-1.2.0-ict`` -> ``1.2.0``) or the title of its README.md.
    With ``skip_bad=True`` bad rows are skipped (and counted in the report) instead of
    stopping the import. ``progress(stage, done, total)`` is called now and then.

    The output is written to a temporary file that replaces ``output`` only once
    complete: a failed or interrupted import leaves no partial file and an existing
    ``output`` untouched.

    >>> import tempfile, pathlib
    >>> data = pathlib.Path(__file__).parents[2] / "tests" / "data" / "esco-1.2.0-ict"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     report = import_esco(data, pathlib.Path(tmp) / "esco.nt")
    >>> report.occupations, report.skills, report.relations, report.version
    (97, 1765, 5966, '1.2.0')
    """
    context = Context.begin("ESCO", directory, output, version=version, skip_bad=skip_bad, progress=progress)
    directory, report, version = Path(directory), context.report, context.report.version

    tables = {key: read_table(directory, FILES[key], COLUMNS[key]) for key in FILES}
    concepts: dict[str, _Concept] = {}
    occupation, skill = (
        (Terms.Occupation, Terms.sgRole, Terms.Concept),
        (Terms.Skill, Terms.sgSkill, Terms.Concept),
    )
    _read_concepts(tables["occupations"], concepts, context, "occupation", occupation, _occupation)
    _read_concepts(tables["isco"], concepts, context, "isco", (Terms.Concept,), _notation)
    _read_concepts(tables["groups"], concepts, context, "group", (Terms.Concept,), _notation)
    _read_concepts(tables["skills"], concepts, context, "skill", skill, _skill)
    _read_broader(tables["occ_broader"], concepts, context, {"occupation", "isco"})
    _read_broader(tables["skill_broader"], concepts, context, {"skill", "group"})
    _read_hierarchy(tables["hierarchy"], concepts, context)
    _read_occupation_skills(tables["occ_skill"], concepts, context)
    _read_skill_skills(tables["skill_skill"], concepts, context)

    kinds = {"occupation": 0, "isco": 0, "group": 0, "skill": 0}
    for concept in concepts.values():
        kinds[concept.kind] += 1
    report.occupations = kinds["occupation"]
    report.skills = kinds["skill"]
    report.details.update(isco_groups=kinds["isco"], skill_groups=kinds["group"])

    def nodes() -> Iterator[tuple[NamedNode, list[Property]]]:
        yield _source(version)
        total = len(concepts)
        for done, concept in enumerate(concepts.values(), start=1):
            properties = concept.properties
            if concept.broader:
                properties = properties + [(Terms.broader, b.term) for b in concept.broader]
            yield concept.term, properties
            if done % 2000 == 0:
                context.progress("write", done, total)
        context.progress("write", total, total)

    return write_import(context, nodes(), PREFIXES)


def _source(version: str | None) -> tuple[NamedNode, list[Property]]:
    return source_description(
        "esco",
        "ESCO",
        version,
        subtitle=": European Skills, Competences, Qualifications and Occupations",
        url=ESCO_URL,
        publisher=ESCO_PUBLISHER,
        license=ESCO_LICENSE,
        rights=ESCO_ATTRIBUTION,
    )


# ----------------------------------------------------------------- concepts --


def _labels(row: Row, properties: list[Property]) -> None:
    """skos:prefLabel, altLabel, hiddenLabel, definition and scopeNote of ``row``."""
    label = row["preferredLabel"].strip()
    if not label:
        raise row.error("preferredLabel is empty")
    properties.append((Terms.prefLabel, literal(label, "en")))
    properties += [(Terms.altLabel, literal(alt, "en")) for alt in split_lines(row.get("altLabels"))]
    properties += [(Terms.hiddenLabel, literal(h, "en")) for h in split_lines(row.get("hiddenLabels"))]
    description = row.get("description").strip() or row.get("definition").strip()
    if description:
        properties.append((Terms.definition, literal(description, "en")))
    scope = row.get("scopeNote").strip()
    if scope:
        properties.append((Terms.scopeNote, literal(scope, "en")))


def _schemes(row: Row, properties: list[Property]) -> None:
    """skos:inScheme for each URI of the (comma- or line-separated) inScheme field."""
    for scheme in re.split(r"[,\s]+", row.get("inScheme")):
        if scheme:
            if not is_http_iri(scheme):
                raise row.error(f"inScheme {show(scheme)} is not an absolute http(s) URI")
            properties.append((Terms.inScheme, iri(scheme)))


def _modified(row: Row, properties: list[Property]) -> None:
    value = row.get("modifiedDate").strip()
    if value and _DATE_TIME.match(value):
        properties.append((Terms.modified, literal(value, datatype=XSD + "dateTime")))


def _new_concept(row: Row, concepts: dict[str, _Concept], kind: str, types: Iterable[NamedNode]) -> _Concept:
    uri = check_iri(row, "conceptUri")
    if uri in concepts:
        raise row.error(f"conceptUri {show(uri)} is already defined (as {_KIND_NAMES[concepts[uri].kind]})")
    properties: list[Property] = [(Terms.type, t) for t in types]
    _labels(row, properties)
    return _Concept(iri(uri), properties, kind)


_KIND_NAMES = {
    "occupation": "an occupation",
    "isco": "an ISCO group",
    "group": "a skill group",
    "skill": "a skill",
}


def _read_concepts(
    table: Table,
    concepts: dict[str, _Concept],
    context: Context,
    kind: str,
    types: Iterable[NamedNode],
    details: Callable[[Row, list[Property]], None],
) -> None:
    """Read a concept of ``kind`` from each row; ``details`` adds what the kind's own columns say."""
    for row in table.rows(context):
        try:
            concept = _new_concept(row, concepts, kind, types)
            details(row, concept.properties)
            _schemes(row, concept.properties)
            _modified(row, concept.properties)
        except ImportDataError as error:
            context.bad_row(error)
            continue
        concepts[row["conceptUri"]] = concept


def _notation(row: Row, properties: list[Property]) -> None:
    code = row.get("code").strip()
    if code:
        properties.append((Terms.notation, literal(code)))


def _occupation(row: Row, properties: list[Property]) -> None:
    _notation(row, properties)
    properties.append((Terms.level, integer(0)))


def _skill(row: Row, properties: list[Property]) -> None:
    skill_type = SKILL_TYPES.get(row["skillType"].strip())
    if skill_type:
        properties.append((Terms.skillType, skill_type))
    reuse = row["reuseLevel"].strip()
    if _REUSE_LEVEL_VALUE.match(reuse):
        properties.append((Terms.skillReuseLevel, iri(REUSE_LEVEL + reuse)))


# ---------------------------------------------------------------- relations --


def _known(row: Row, column: str, concepts: dict[str, _Concept], kinds: set[str], what: str) -> _Concept:
    """The concept ``row[column]`` refers to; it must be one of ``kinds``."""
    uri = check_iri(row, column)
    concept = concepts.get(uri)
    if concept is None or concept.kind not in kinds:
        raise row.error(f"{column} {show(uri)} is not {what}")
    return concept


def _read_broader(table: Table, concepts: dict[str, _Concept], context: Context, kinds: set[str]) -> None:
    what = (
        "an occupation or ISCO group of this import"
        if "isco" in kinds
        else "a skill or skill group of this import"
    )
    count = 0
    for row in table.rows(context):
        try:
            narrower = _known(row, "conceptUri", concepts, kinds, what)
            broader = _known(row, "broaderUri", concepts, kinds, what)
        except ImportDataError as error:
            context.bad_row(error)
            continue
        if broader is narrower:
            context.bad_row(row.error("a concept cannot be broader than itself"))
            continue
        narrower.broader[broader] = None
        if narrower.kind == "occupation" and broader.kind == "isco":
            narrower.properties.append((Terms.memberOfISCOGroup, broader.term))
        count += 1
    key = "occupation_broader" if "isco" in kinds else "skill_broader"
    context.report.details[key] = count


def _read_hierarchy(table: Table, concepts: dict[str, _Concept], context: Context) -> None:
    levels = [level for level in HIERARCHY_LEVELS if level in table.index]
    what = "a skill group or skill of this import"
    for row in table.rows(context):
        try:
            path = [_known(row, level, concepts, {"group", "skill"}, what) for level in levels if row[level]]
        except ImportDataError as error:
            context.bad_row(error)
            continue
        for broader, narrower in itertools.pairwise(path):
            if broader is not narrower:
                narrower.broader[broader] = None


def _read_occupation_skills(table: Table, concepts: dict[str, _Concept], context: Context) -> None:
    # occupation -> skill -> essential? (keyed by the concepts themselves: hashed by identity)
    requirements: dict[_Concept, dict[_Concept, bool]] = {}
    esco_triples: dict[tuple[_Concept, bool, _Concept], None] = {}
    count = 0
    for row in table.rows(context):
        try:
            occupation = _known(
                row, "occupationUri", concepts, {"occupation"}, "an occupation of occupations_en.csv"
            )
            skill = _known(row, "skillUri", concepts, {"skill"}, "a skill of skills_en.csv")
            essential = _is_essential(row)
        except ImportDataError as error:
            context.bad_row(error)
            continue
        esco_triples[(occupation, essential, skill)] = None
        skills = requirements.setdefault(occupation, {})
        skills[skill] = skills.get(skill, False) or essential
        count += 1
    for occupation, essential, skill in esco_triples:
        predicate = Terms.relatedEssentialSkill if essential else Terms.relatedOptionalSkill
        occupation.properties.append((predicate, skill.term))
    for occupation, skills in requirements.items():
        for skill, essential in skills.items():
            occupation.properties.append(
                (
                    Terms.requirement,
                    [
                        (Terms.type, Terms.SkillRequirement),
                        (Terms.skill, skill.term),
                        (Terms.importance, Terms.Essential if essential else Terms.Optional),
                    ],
                )
            )
    context.report.relations = count
    context.report.details["requirements"] = sum(len(s) for s in requirements.values())


def _is_essential(row: Row) -> bool:
    """True when the row's ``relationType`` is ``essential``, False for ``optional``; else a bad row."""
    relation = row["relationType"].strip()
    if relation not in ("essential", "optional"):
        raise row.error(f"relationType {show(relation)} is neither 'essential' nor 'optional'")
    return relation == "essential"


def _read_skill_skills(table: Table, concepts: dict[str, _Concept], context: Context) -> None:
    prerequisites = _Prerequisites()
    done: set[tuple[_Concept, bool, _Concept]] = set()
    count = 0
    for row in table.rows(context):
        try:
            what = "a skill of skills_en.csv"
            original = _known(row, "originalSkillUri", concepts, {"skill"}, what)
            related = _known(row, "relatedSkillUri", concepts, {"skill"}, what)
            essential = _is_essential(row)
        except ImportDataError as error:
            context.bad_row(error)
            continue
        count += 1
        predicate = Terms.relatedEssentialSkill if essential else Terms.relatedOptionalSkill
        if (original, essential, related) in done:
            continue
        done.add((original, essential, related))
        original.properties.append((predicate, related.term))
        if essential:
            if prerequisites.would_close_cycle(original, related):
                context.report.cycles_skipped += 1
            else:
                prerequisites.add(original, related)
                original.properties.append((Terms.hasPrerequisite, related.term))
    context.report.details["skill_relations"] = count
    context.report.details["prerequisites"] = prerequisites.count


class _Prerequisites:
    """A growing acyclic graph of prerequisite edges."""

    def __init__(self) -> None:
        self.edges: dict[_Concept, set[_Concept]] = {}
        self.count = 0

    def would_close_cycle(self, skill: _Concept, prerequisite: _Concept) -> bool:
        """True if ``prerequisite`` already (transitively) needs ``skill``."""
        if skill == prerequisite:
            return True
        stack = [prerequisite]
        seen = {prerequisite}
        while stack:
            for after in self.edges.get(stack.pop(), ()):
                if after == skill:
                    return True
                if after not in seen:
                    seen.add(after)
                    stack.append(after)
        return False

    def add(self, skill: _Concept, prerequisite: _Concept) -> None:
        edges = self.edges.setdefault(skill, set())
        if prerequisite not in edges:
            edges.add(prerequisite)
            self.count += 1
