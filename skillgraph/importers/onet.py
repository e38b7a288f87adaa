"""Import O*NET occupations and technology skills (database text files) as RDF.

The input is a folder of O*NET database text files (tab-separated, one header row, no
quoting). These files are read:

* ``Occupation Data.txt``: occupations (code, title, description);
* ``Alternate Titles.txt``: their other names;
* ``Technology Skills.txt``: the technologies used in each occupation, with O*NET's
  *Hot Technology* and *In Demand* flags;
* ``Related Occupations.txt``: which occupations are related, with a relatedness tier;
* ``Task Statements.txt`` (when present): the tasks each occupation does;
* ``Job Zones.txt`` (the database file) or else ``All_Occupations.txt`` (the O*NET OnLine
  export, columns ``Job Zone``, ``Code``), when present: each occupation's Job Zone.

Mapping (skillgraph terms, SKOS and Dublin Core; O*NET publishes no RDF vocabulary):

* an occupation is ``<https://w3id.org/skillgraph/onet/occupation/CODE>`` (e.g.
  ``.../occupation/15-1252.00``) ``a sg:Role, skos:Concept``, with ``sg:level 0``
  (``0`` = unranked: not a step of a career ladder), ``skos:notation "CODE"``, the title
  as ``skos:prefLabel``, the description as ``skos:definition``, each alternate title
  and short title as ``skos:altLabel``, and ``rdfs:seeAlso`` its O*NET OnLine page
  (``https://www.onetonline.org/link/summary/CODE``). The IRI is skillgraph's own so it
  stays stable whatever O*NET does with its web site;
* a technology (the ``Example`` column: "Python", "Git", ...) is
  ``<https://w3id.org/skillgraph/onet/technology/SLUG>`` ``a sg:Skill, skos:Concept``.
  The slug is the name in lower case with ``+`` spelled ``plus`` and ``#`` spelled
  ``sharp`` and every other run of characters but ``a-z0-9`` turned into ``-``
  ("C++" -> ``c-plus-plus``, "Microsoft SQL Server" -> ``microsoft-sql-server``); should
  two names still share a slug, the later one in alphabetical order gets ``-`` and 8 hex
  digits of the SHA-1 of its name appended. A technology flagged *Hot Technology* gets
  ``sg:hotTechnology true``;
* a commodity class (the ``Commodity Code`` column, a UNSPSC class) is
  ``<https://w3id.org/skillgraph/onet/commodity/CODE>`` ``a skos:Concept`` with
  ``skos:notation`` and the ``Commodity Title`` as ``skos:prefLabel``; each technology is
  ``skos:broader`` than its commodity classes (a few technologies have two);
* an occupation uses technologies: O*NET lists them as *examples* of the software used in
  the occupation, grouped by commodity class, not as a list to learn in full. So a
  commodity class is also a choice, *know one tool of the class*: ``onetcom:CODE a
  sg:SkillChoice`` with ``sg:anyOf`` each of its technologies that is not generic (below)
  and that O*NET flags *Hot Technology* or *In Demand* (for some occupation): the
  well-known tools of the class, not the long tail a plan would otherwise pick from. An
  occupation requires each such class it lists a technology of: ``occupation
  sg:requirement [ a sg:SkillRequirement ; sg:skill onetcom:CODE ; sg:importance
  sg:Essential ; sg:inDemand true ; skos:example technology, ... ]``, the examples being
  those O*NET lists for the occupation. A technology of a class with fewer than two flagged
  ones is required on its own. A requirement is ``sg:Essential`` when O*NET flags one of
  its examples *In Demand* for this occupation (from its job postings), else
  ``sg:Optional``; *Hot Technology* (in demand across all occupations) stays a flag on the
  technology and makes nothing essential by itself. O*NET states no proficiency level, so
  none is written. Occupations that list tools of the same class share the choice, so
  transitions between them see what they have in common;
* generic technologies (office, e-mail, calendar, browser, messaging and meeting software)
  are not the occupation's own: a technology of one of the commodity classes of
  :data:`GENERIC_CLASSES`, or listed by at least :data:`GENERIC_SHARE` of the occupations
  that list technologies, in a file that holds at least :data:`GENERIC_MIN_OCCUPATIONS`
  of them (Microsoft Excel, SAP software; a file of one trade's occupations cannot tell).
  Each is required on its own,
  always ``sg:Optional`` (``sg:inDemand`` kept), and is an alternative of no choice;
* a task statement is ``occupation sg:task "..."@en`` (Core and Supplemental alike);
* a Job Zone (1 to 5) is ``occupation sg:jobZone 3``, and the occupation's ``sg:level`` (O*NET's
  own scale of the preparation an occupation needs; ``0``, unranked, without a Job Zone),
  so every command gives an occupation the same level;
* related occupations: ``occupation skos:related other`` plus ``occupation
  sg:relatedness [ a sg:Relatedness ; sg:relatedTo other ; sg:relatednessTier
  "Primary-Short" ; sg:relatednessIndex 1 ]``. Rows whose occupations are not both in
  ``Occupation Data.txt`` are left out and counted in
  ``ImportReport.details["related_outside"]``. O*NET's relatedness is not a career
  progression: no ``sg:progressesTo`` is written;
* the output starts with a description of the source,
  ``<https://w3id.org/skillgraph/source/onet-VERSION>`` ``a sg:Source, void:Dataset``,
  with ``dcterms:source <https://www.onetcenter.org/database.html>``,
  ``dcterms:hasVersion``, ``dcterms:created`` (the import date), ``dcterms:publisher``,
  ``dcterms:license <https://creativecommons.org/licenses/by/4.0/>`` and the attribution
  CC BY 4.0 asks for as ``dcterms:rights``.

Bad input: a missing file or a file without an expected column stops the import with an
``ImportDataError``; so does a bad row (a malformed O*NET-SOC code, bytes that are not
UTF-8, the wrong number of fields, an empty title, a flag other than Y or N, a reference
to an occupation that is not in ``Occupation Data.txt``), unless ``skip_bad=True``: bad
rows are then skipped and counted.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from skillgraph.importers._common import (
    Context,
    ImportReport,
    Progress,
    Row,
    read_table,
    show,
)
from skillgraph.importers._rdf import (
    VOCABULARY_PREFIXES,
    Property,
    Terms,
    boolean,
    integer,
    iri,
    literal,
    source_description,
    write_import,
)
from skillgraph.importers.errors import ImportDataError

__all__ = [
    "COMMODITY",
    "GENERIC_CLASSES",
    "OCCUPATION",
    "ONET_URL",
    "TECHNOLOGY",
    "import_onet",
    "onet_attribution",
    "technology_slug",
]

ONET = "https://w3id.org/skillgraph/onet/"
OCCUPATION = ONET + "occupation/"
TECHNOLOGY = ONET + "technology/"
COMMODITY = ONET + "commodity/"
ONLINE_SUMMARY = "https://www.onetonline.org/link/summary/"
ONET_URL = "https://www.onetcenter.org/database.html"
ONET_PUBLISHER = "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)"
ONET_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

PREFIXES = {
    **VOCABULARY_PREFIXES,
    "onetocc": OCCUPATION,
    "onettech": TECHNOLOGY,
    "onetcom": COMMODITY,
}
#: UNSPSC commodity classes of generic office, e-mail, calendar, browser, messaging and
#: meeting software (word processing, e-mail, spreadsheet, office suite, presentation,
#: internet browser, calendar and scheduling, video conferencing, instant messaging,
#: network conferencing): never an occupation's own technology.
GENERIC_CLASSES = frozenset(
    ("43232104 43233501 43232110 43231513 43232106 43232705 43232108 43233502 43233504 43233503").split()
)
#: A technology listed by at least this share of the occupations is generic ...
GENERIC_SHARE = 0.25
#: ... in a file of at least this many occupations.
GENERIC_MIN_OCCUPATIONS = 100

FILES = {
    "occupations": "Occupation Data.txt",
    "titles": "Alternate Titles.txt",
    "technology": "Technology Skills.txt",
    "related": "Related Occupations.txt",
}
CODE = "O*NET-SOC Code"
COLUMNS = {
    "occupations": [CODE, "Title", "Description"],
    "titles": [CODE, "Alternate Title", "Short Title"],
    "technology": [CODE, "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
    "related": [CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
}
#: Files read when present, with their columns.
OPTIONAL_FILES = {
    "tasks": ("Task Statements.txt", [CODE, "Task"]),
    "job_zones": ("Job Zones.txt", [CODE, "Job Zone"]),
    "all_occupations": ("All_Occupations.txt", ["Job Zone", "Code"]),
}
_SOC_CODE = re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}\Z")
_COMMODITY_CODE = re.compile(r"[0-9]{8}\Z")
_FLAGS = {"Y": True, "N": False}


def onet_attribution(version: str | None) -> str:
    """The attribution O*NET's CC BY 4.0 licence asks for.

    >>> onet_attribution("29.2")[:72]
    'This dataset includes information from the O*NET 29.2 Database by the U.'
    """
    database = f"O*NET {version} Database" if version else "O*NET Database"
    return (
        f"This dataset includes information from the {database} by the U.S. Department "
        "of Labor, Employment and Training Administration (USDOL/ETA). Used under the "
        "CC BY 4.0 license. O*NET\u00ae is a trademark of USDOL/ETA. skillgraph has "
        "modified all or some of this information. USDOL/ETA has not approved, endorsed, "
        "or tested these modifications."
    )


def technology_slug(name: str) -> str:
    """The slug of a technology name, the last part of its IRI (before collisions).

    >>> [technology_slug(n) for n in ("C", "C++", "C#", "Node.js", "Amazon Web Services AWS")]
    ['c', 'c-plus-plus', 'c-sharp', 'node-js', 'amazon-web-services-aws']
    """
    text = name.replace("+", " plus ").replace("#", " sharp ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(eq=False)
class _Occupation:
    code: str
    term: NamedNode
    properties: list[Property]
    requirements: dict[str, bool] = field(default_factory=dict)  # technology -> in demand
    classes: dict[str, str] = field(default_factory=dict)  # technology -> its commodity class here
    tasks: dict[str, None] = field(default_factory=dict)
    job_zone: int | None = None
    related: dict[str, tuple[str, int | None]] = field(default_factory=dict)


@dataclass(eq=False)
class _Technology:
    name: str
    hot: bool = False
    commodities: dict[str, None] = field(default_factory=dict)
    term: NamedNode = field(default_factory=lambda: NamedNode("urn:skillgraph:unassigned"))
    generic: bool = False
    flagged: bool = False  # Hot Technology, or In Demand for some occupation


def import_onet(
    directory: str | PathLike[str],
    output: str | PathLike[str],
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
    version: str | None = None,
) -> ImportReport:
    """Import the O*NET database text files in ``directory`` into ``output`` (.ttl or .nt).

    ``version`` is the O*NET release recorded with the source and in the attribution;
    by default it is read from the folder's name (``onet-29.2-software`` -> ``29.2``) or
    the title of its README.md. With ``skip_bad=True`` bad rows are skipped (and counted
    in the report) instead of stopping the import. ``progress(stage, done, total)`` is
    called now and then.

    The output is written to a temporary file that replaces ``output`` only once
    complete: a failed or interrupted import leaves no partial file and an existing
    ``output`` untouched.

    >>> import tempfile, pathlib
    >>> data = pathlib.Path(__file__).parents[2] / "tests" / "data" / "onet-29.2-software"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     report = import_onet(data, pathlib.Path(tmp) / "onet.ttl")
    >>> report.occupations, report.skills, report.version
    (28, 1351, '29.2')
    """
    context = Context.begin("O*NET", directory, output, version=version, skip_bad=skip_bad, progress=progress)
    directory, report, version = Path(directory), context.report, context.report.version

    tables = {key: read_table(directory, FILES[key], COLUMNS[key], tab_separated=True) for key in FILES}
    occupations = _read_occupations(tables["occupations"].rows(context), context)
    _read_titles(tables["titles"].rows(context), occupations, context)
    technologies, commodities = _read_technology(tables["technology"].rows(context), occupations, context)
    _read_related(tables["related"].rows(context), occupations, context)
    optional = {
        key: read_table(directory, name, columns, tab_separated=True)
        for key, (name, columns) in OPTIONAL_FILES.items()
        if (directory / name).is_file()
    }
    if "tasks" in optional:
        _read_tasks(optional["tasks"].rows(context), occupations, context)
    if "job_zones" in optional:
        _read_job_zones(optional["job_zones"].rows(context), occupations, context, CODE)
    elif "all_occupations" in optional:
        _read_job_zones(optional["all_occupations"].rows(context), occupations, context, "Code")

    _mark_generic(technologies, occupations)
    classes = _class_choices(technologies)
    choices = {code: _choices(o, technologies, classes) for code, o in occupations.items()}
    report.occupations = len(occupations)
    report.skills = len(technologies)
    report.relations = sum(len(c) for c in choices.values())
    report.details["choices"] = len(classes)
    report.details["generic"] = sum(t.generic for t in technologies.values())
    report.details["commodities"] = len(commodities)
    report.details["hot_technologies"] = sum(t.hot for t in technologies.values())
    report.details["in_demand"] = sum(sum(o.requirements.values()) for o in occupations.values())
    report.details["related"] = sum(len(o.related) for o in occupations.values())
    report.details["tasks"] = sum(len(o.tasks) for o in occupations.values())
    report.details["job_zones"] = sum(o.job_zone is not None for o in occupations.values())

    def nodes() -> Iterator[tuple[NamedNode, list[Property]]]:
        yield _source(version)
        total = len(occupations) + len(technologies) + len(commodities)
        done = 0
        for code, occupation in occupations.items():
            links = _links(occupation, choices[code], occupations)
            yield occupation.term, occupation.properties + links
            done += 1
        context.progress("write", done, total)
        for technology in technologies.values():
            properties: list[Property] = [
                (Terms.type, Terms.sgSkill),
                (Terms.type, Terms.Concept),
                (Terms.prefLabel, literal(technology.name, "en")),
            ]
            if technology.hot:
                properties.append((Terms.hotTechnology, boolean(True)))
            properties += [(Terms.broader, iri(COMMODITY + c)) for c in technology.commodities]
            yield technology.term, properties
            done += 1
            if done % 2000 == 0:
                context.progress("write", done, total)
        for code, title in commodities.items():
            properties = [
                (Terms.type, Terms.Concept),
                (Terms.prefLabel, literal(title, "en")),
                (Terms.notation, literal(code)),
            ]
            if code in classes:
                properties.append((Terms.type, Terms.SkillChoice))
                properties += [(Terms.anyOf, technologies[name].term) for name in classes[code]]
            yield iri(COMMODITY + code), properties
            done += 1
        context.progress("write", done, total)

    return write_import(context, nodes(), PREFIXES)


def _source(version: str | None) -> tuple[NamedNode, list[Property]]:
    return source_description(
        "onet",
        "O*NET",
        version,
        subtitle=" Database",
        url=ONET_URL,
        publisher=ONET_PUBLISHER,
        license=ONET_LICENSE,
        rights=onet_attribution(version),
    )


@dataclass(eq=False)
class _Choice:
    """What an occupation requires of one commodity class: one of its tools (or a generic tool)."""

    term: NamedNode
    examples: list[NamedNode]  # the technologies the occupation lists there
    in_demand: bool  # one of them is In Demand for the occupation
    generic: bool = False


def _mark_generic(technologies: dict[str, _Technology], occupations: dict[str, _Occupation]) -> None:
    """Mark the generic technologies (see the module's documentation)."""
    listed: dict[str, int] = {}
    for occupation in occupations.values():
        for name in occupation.requirements:
            listed[name] = listed.get(name, 0) + 1
    listing = sum(bool(o.requirements) for o in occupations.values())  # with technology data
    counted = listing >= GENERIC_MIN_OCCUPATIONS
    for name, technology in technologies.items():
        by_class = any(c in GENERIC_CLASSES for c in technology.commodities)
        technology.generic = by_class or (counted and listed.get(name, 0) >= GENERIC_SHARE * listing)


def _class_choices(technologies: dict[str, _Technology]) -> dict[str, list[str]]:
    """Commodity class -> the technologies that meet it as a choice, for classes of two or more.

    Those are the class's technologies that are not generic and that O*NET flags (*Hot
    Technology*, or *In Demand* for some occupation).
    """
    flagged: dict[str, list[str]] = {}
    for name in sorted(technologies):
        technology = technologies[name]
        if not technology.generic:
            for commodity in technology.commodities:
                if technology.flagged:
                    flagged.setdefault(commodity, []).append(name)
    return {commodity: names for commodity, names in flagged.items() if len(names) > 1}


def _choices(
    occupation: _Occupation, technologies: dict[str, _Technology], classes: dict[str, list[str]]
) -> list[_Choice]:
    """The occupation's requirements: a choice per commodity class of its own technologies,
    each generic technology alone."""
    by_class: dict[str, list[str]] = {}
    found: list[_Choice] = []
    for name, in_demand in occupation.requirements.items():
        technology = technologies[name]
        if technology.generic:
            found.append(_Choice(technology.term, [technology.term], in_demand, generic=True))
        else:
            by_class.setdefault(occupation.classes[name], []).append(name)
    for commodity, names in sorted(by_class.items()):
        in_demand = any(occupation.requirements[n] for n in names)
        terms = [technologies[n].term for n in sorted(names)]
        if commodity in classes:
            found.append(_Choice(iri(COMMODITY + commodity), terms, in_demand))
        else:
            found += [
                _Choice(t, [t], occupation.requirements[n]) for n, t in zip(sorted(names), terms, strict=True)
            ]
    return found


def _links(
    occupation: _Occupation, choices: list[_Choice], occupations: dict[str, _Occupation]
) -> list[Property]:
    """The requirements and relatedness of an occupation, ready to write."""
    links: list[Property] = []
    for choice in choices:
        essential = bool(choice.in_demand) and not choice.generic
        requirement: list[tuple[NamedNode, NamedNode | Literal]] = [
            (Terms.type, Terms.SkillRequirement),
            (Terms.skill, choice.term),
            (Terms.importance, Terms.Essential if essential else Terms.Optional),
        ]
        if choice.in_demand:
            requirement.append((Terms.inDemand, boolean(True)))
        if choice.examples != [choice.term]:
            requirement += [(Terms.example, term) for term in choice.examples]
        links.append((Terms.requirement, requirement))
    links += [(Terms.task, literal(task, "en")) for task in occupation.tasks]
    if occupation.job_zone is not None:
        links.append((Terms.jobZone, integer(occupation.job_zone)))
    links += [(Terms.related, occupations[code].term) for code in occupation.related]
    for code, (tier, index) in occupation.related.items():
        relatedness: list[tuple[NamedNode, NamedNode | Literal]] = [
            (Terms.type, Terms.Relatedness),
            (Terms.relatedTo, occupations[code].term),
            (Terms.relatednessTier, literal(tier)),
        ]
        if index is not None:
            relatedness.append((Terms.relatednessIndex, integer(index)))
        links.append((Terms.relatedness, relatedness))
    return links


def _code(row: Row, column: str) -> str:
    code = row[column].strip()
    if not _SOC_CODE.match(code):
        raise row.error(f"{column} {show(code)} is not an O*NET-SOC code like '15-1252.00'")
    return code


def _occupation(row: Row, column: str, occupations: dict[str, _Occupation]) -> _Occupation:
    code = _code(row, column)
    occupation = occupations.get(code)
    if occupation is None:
        raise row.error(f"{column} {show(code)} is not an occupation of Occupation Data.txt")
    return occupation


def _read_occupations(rows: Iterable[Row], context: Context) -> dict[str, _Occupation]:
    occupations: dict[str, _Occupation] = {}
    for row in rows:
        try:
            code = _code(row, CODE)
            if code in occupations:
                raise row.error(f"{CODE} {show(code)} is already defined")
            title = row["Title"].strip()
            if not title:
                raise row.error("Title is empty")
        except ImportDataError as error:
            context.bad_row(error)
            continue
        properties: list[Property] = [
            (Terms.type, Terms.sgRole),
            (Terms.type, Terms.Concept),
            (Terms.prefLabel, literal(title, "en")),
        ]
        description = row["Description"].strip()
        if description:
            properties.append((Terms.definition, literal(description, "en")))
        properties += [
            (Terms.notation, literal(code)),
            (Terms.level, integer(0)),
            (Terms.seeAlso, iri(ONLINE_SUMMARY + code)),
        ]
        occupations[code] = _Occupation(code, iri(OCCUPATION + code), properties)
    return occupations


def _read_titles(rows: Iterable[Row], occupations: dict[str, _Occupation], context: Context) -> None:
    seen: set[tuple[str, str]] = set()
    count = 0
    for row in rows:
        try:
            occupation = _occupation(row, CODE, occupations)
            title = row["Alternate Title"].strip()
            if not title:
                raise row.error("Alternate Title is empty")
        except ImportDataError as error:
            context.bad_row(error)
            continue
        count += 1
        short = row["Short Title"].strip()
        for label in (title, short):
            if label and label != "n/a" and (occupation.code, label) not in seen:
                seen.add((occupation.code, label))
                occupation.properties.append((Terms.altLabel, literal(label, "en")))
    context.report.details["alternate_titles"] = count


def _flag(row: Row, column: str) -> bool:
    value = row[column].strip()
    if value not in _FLAGS:
        raise row.error(f"{column} {show(value)} is neither 'Y' nor 'N'")
    return _FLAGS[value]


def _read_technology(
    rows: Iterable[Row], occupations: dict[str, _Occupation], context: Context
) -> tuple[dict[str, _Technology], dict[str, str]]:
    technologies: dict[str, _Technology] = {}
    commodities: dict[str, str] = {}
    count = 0
    for row in rows:
        try:
            occupation = _occupation(row, CODE, occupations)
            name = row["Example"].strip()
            if not name:
                raise row.error("Example is empty")
            commodity = row["Commodity Code"].strip()
            if not _COMMODITY_CODE.match(commodity):
                raise row.error(f"Commodity Code {show(commodity)} is not an 8-digit UNSPSC code")
            hot = _flag(row, "Hot Technology")
            in_demand = _flag(row, "In Demand")
        except ImportDataError as error:
            context.bad_row(error)
            continue
        count += 1
        technology = technologies.get(name)
        if technology is None:
            technology = technologies[name] = _Technology(name)
        technology.hot = technology.hot or hot
        technology.flagged = technology.flagged or hot or in_demand
        technology.commodities[commodity] = None
        commodities.setdefault(commodity, row["Commodity Title"].strip() or commodity)
        occupation.requirements[name] = occupation.requirements.get(name, False) or in_demand
        occupation.classes.setdefault(name, commodity)
    context.report.details["technology_rows"] = count
    _assign_slugs(technologies)
    return technologies, commodities


def _assign_slugs(technologies: dict[str, _Technology]) -> None:
    taken: set[str] = set()
    for name in sorted(technologies):
        slug = technology_slug(name)
        if not slug or slug in taken:
            digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
            slug = f"{slug}-{digest}" if slug else digest
        taken.add(slug)
        technologies[name].term = iri(TECHNOLOGY + slug)


def _read_tasks(rows: Iterable[Row], occupations: dict[str, _Occupation], context: Context) -> None:
    for row in rows:
        try:
            occupation = _occupation(row, CODE, occupations)
            task = row["Task"].strip()
            if not task:
                raise row.error("Task is empty")
        except ImportDataError as error:
            context.bad_row(error)
            continue
        occupation.tasks[task] = None


def _read_job_zones(
    rows: Iterable[Row], occupations: dict[str, _Occupation], context: Context, column: str
) -> None:
    for row in rows:
        zone = row["Job Zone"].strip()
        try:
            code = _code(row, column)
            if zone not in ("1", "2", "3", "4", "5", "n/a", ""):
                raise row.error(f"Job Zone {show(zone)} is not a number from 1 to 5 (or n/a)")
        except ImportDataError as error:
            context.bad_row(error)
            continue
        if code in occupations and zone.isdigit():
            occupations[code].job_zone = int(zone)
            occupations[code].properties = [
                (p, integer(int(zone)) if p == Terms.level else o) for p, o in occupations[code].properties
            ]


def _read_related(rows: Iterable[Row], occupations: dict[str, _Occupation], context: Context) -> None:
    outside = 0
    for row in rows:
        try:
            code = _code(row, CODE)
            other = _code(row, "Related O*NET-SOC Code")
            tier = row["Relatedness Tier"].strip()
            if not tier:
                raise row.error("Relatedness Tier is empty")
            index_text = row["Index"].strip()
            if index_text and not index_text.isdigit():
                raise row.error(f"Index {show(index_text)} is not a whole number")
        except ImportDataError as error:
            context.bad_row(error)
            continue
        if code not in occupations or other not in occupations:
            outside += 1
            continue
        if code != other:
            occupations[code].related.setdefault(other, (tier, int(index_text) if index_text else None))
    context.report.details["related_outside"] = outside
