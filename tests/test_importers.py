"""Tests of the ESCO and O*NET importers, on the real data slices in tests/data."""

from __future__ import annotations

import csv
import doctest
import os
import shutil
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, SKOS, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from skillgraph.importers import (
    IMPORTERS,
    ImportDataError,
    ImportReport,
    _common,
    _rdf,
    esco,
    import_esco,
    import_onet,
    onet,
)
from skillgraph.importers import errors as importer_errors
from skillgraph.vocabulary import XSD

SG = Namespace("https://w3id.org/skillgraph/ontology#")
ESCO = Namespace("http://data.europa.eu/esco/model#")
REPO = Path(__file__).resolve().parent.parent
ESCO_DIR_NAME = "esco-1.2.0-ict"
ONET_DIR_NAME = "onet-29.2-software"


# ------------------------------------------------------------------ fixtures --


@pytest.fixture(scope="session")
def data_root() -> Path:
    """The folder holding the two data slices: $SKILLGRAPH_SHARED_DATA, else tests/data."""
    env = os.environ.get("SKILLGRAPH_SHARED_DATA")
    root = Path(env) if env else REPO / "tests" / "data"
    if not (root / ESCO_DIR_NAME).is_dir() or not (root / ONET_DIR_NAME).is_dir():
        pytest.fail(f"the ESCO and O*NET data slices are not in {root}")
    return root


@pytest.fixture(scope="session")
def esco_dir(data_root: Path) -> Path:
    return data_root / ESCO_DIR_NAME


@pytest.fixture(scope="session")
def onet_dir(data_root: Path) -> Path:
    return data_root / ONET_DIR_NAME


def read_csv(path: Path, tab: bool = False) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        if tab:
            return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        return list(csv.DictReader(fh))


def write_csv(path: Path, rows: list[list[str]], tab: bool = False) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        if tab:
            for row in rows:
                fh.write("\t".join(row) + "\r\n")
        else:
            csv.writer(fh, lineterminator="\r\n").writerows(rows)


def edit_rows(path: Path, edit, tab: bool = False) -> None:
    """Rewrite a table after ``edit(rows)`` changed its list of rows (header first)."""
    with path.open(newline="", encoding="utf-8") as fh:
        if tab:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        else:
            rows = list(csv.reader(fh))
    edit(rows)
    write_csv(path, rows, tab)


def oxi_triples(path: Path) -> list[pyoxigraph.Triple]:
    """The triples of an output file, parsed by pyoxigraph (strict and much faster than rdflib)."""
    fmt = pyoxigraph.RdfFormat.TURTLE if path.suffix == ".ttl" else pyoxigraph.RdfFormat.N_TRIPLES
    with path.open("rb") as fh:
        return [quad.triple for quad in pyoxigraph.parse(fh, format=fmt)]


def ground(triples: list[pyoxigraph.Triple]) -> set[str]:
    """The triples without blank nodes, as N-Triples text."""
    return {
        str(t)
        for t in triples
        if not isinstance(t.subject, pyoxigraph.BlankNode) and not isinstance(t.object, pyoxigraph.BlankNode)
    }


@pytest.fixture(scope="module")
def esco_import(esco_dir: Path, tmp_path_factory) -> tuple[ImportReport, rdflib.Graph]:
    out = tmp_path_factory.mktemp("esco") / "esco.nt"
    report = import_esco(esco_dir, out)
    return report, rdflib.Graph().parse(out, format="nt")


@pytest.fixture(scope="module")
def onet_import(onet_dir: Path, tmp_path_factory) -> tuple[ImportReport, rdflib.Graph]:
    out = tmp_path_factory.mktemp("onet") / "onet.ttl"
    report = import_onet(onet_dir, out)
    return report, rdflib.Graph().parse(out, format="turtle")


def _writable_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


@pytest.fixture()
def esco_copy(esco_dir: Path, tmp_path: Path) -> Path:
    return _writable_copy(esco_dir, tmp_path / ESCO_DIR_NAME)


@pytest.fixture()
def onet_copy(onet_dir: Path, tmp_path: Path) -> Path:
    return _writable_copy(onet_dir, tmp_path / ONET_DIR_NAME)


# ---------------------------------------------------------------------- ESCO --


def test_esco_counts_match_the_data(esco_import, esco_dir: Path) -> None:
    report, graph = esco_import
    assert (report.occupations, report.skills, report.relations) == (97, 1765, 5966)
    assert report.details["isco_groups"] == 23
    assert report.details["skill_groups"] == 339
    assert report.details["skill_relations"] == 581
    assert report.skipped_rows == 0 and report.problems == []
    assert report.version == "1.2.0"
    assert report.triples == len(graph)
    assert len(set(graph.subjects(RDF.type, ESCO.Occupation))) == 97
    assert len(set(graph.subjects(RDF.type, SG.Role))) == 97
    assert len(set(graph.subjects(RDF.type, ESCO.Skill))) == 1765
    assert len(set(graph.subjects(RDF.type, SG.Skill))) == 1765
    relations = read_csv(esco_dir / "occupationSkillRelations_en.csv")
    pairs = {(r["occupationUri"], r["skillUri"]) for r in relations}
    assert report.details["requirements"] == len(pairs) == 5963
    assert len(list(graph.subjects(RDF.type, SG.SkillRequirement))) == len(pairs)
    for kind, predicate in (
        ("essential", ESCO.relatedEssentialSkill),
        ("optional", ESCO.relatedOptionalSkill),
    ):
        expected = {
            (URIRef(r["occupationUri"]), URIRef(r["skillUri"]))
            for r in relations
            if r["relationType"] == kind
        }
        assert (
            set(graph.subject_objects(predicate))
            - {(s, o) for s, o in graph.subject_objects(predicate) if (s, RDF.type, ESCO.Skill) in graph}
            == expected
        )


def test_esco_labels_survive_multiline_fields(esco_import, esco_dir: Path) -> None:
    _, graph = esco_import
    for row in read_csv(esco_dir / "skills_en.csv") + read_csv(esco_dir / "occupations_en.csv"):
        node = URIRef(row["conceptUri"])
        assert set(graph.objects(node, SKOS.prefLabel)) == {Literal(row["preferredLabel"].strip(), lang="en")}
        expected = {
            Literal(line.strip(), lang="en") for line in row["altLabels"].splitlines() if line.strip()
        }
        assert set(graph.objects(node, SKOS.altLabel)) == expected
        if row["description"].strip():
            assert graph.value(node, SKOS.definition) == Literal(row["description"].strip(), lang="en")
    ciso = URIRef("http://data.europa.eu/esco/occupation/0464b062-cea6-4164-b10d-956c61956ae7")
    alt = {str(label) for label in graph.objects(ciso, SKOS.altLabel)}
    assert {"CISO", "IT security administrator", "system security administrator"} <= alt
    assert not any("\n" in label for label in alt)
    assert graph.value(ciso, SKOS.notation) == Literal("2529.6")
    assert graph.value(ciso, SG.level) == Literal(0)
    assert (ciso, ESCO.memberOfISCOGroup, URIRef("http://data.europa.eu/esco/isco/C2529")) in graph
    assert (ciso, SKOS.broader, URIRef("http://data.europa.eu/esco/isco/C2529")) in graph


def test_esco_essential_and_optional_requirements(esco_import, esco_dir: Path) -> None:
    """ESCO's essential/optional is kept as the requirement's importance; no level is invented."""
    _, graph = esco_import
    importance: dict[tuple[URIRef, URIRef], set] = {}
    for occupation, requirement in graph.subject_objects(SG.requirement):
        skill = graph.value(requirement, SG.skill)
        importance.setdefault((occupation, skill), set()).add(graph.value(requirement, SG.importance))
        assert graph.value(requirement, SG.proficiency) is None  # ESCO states no level
    kinds: dict[tuple[URIRef, URIRef], set[str]] = {}
    for r in read_csv(esco_dir / "occupationSkillRelations_en.csv"):
        kinds.setdefault((URIRef(r["occupationUri"]), URIRef(r["skillUri"])), set()).add(r["relationType"])
    assert set(importance) == set(kinds)
    both = 0
    for pair, types in kinds.items():
        expected = SG.Essential if "essential" in types else SG.Optional
        assert importance[pair] == {expected}, pair
        both += len(types) == 2
    assert both > 0  # some listed as essential and as optional: one requirement, essential wins
    essential = sum("essential" in types for types in kinds.values())
    assert Counter(found.pop() for found in importance.values()) == {
        SG.Essential: essential,
        SG.Optional: len(kinds) - essential,
    }


def test_esco_skills_types_hierarchy_and_prerequisites(esco_import, esco_dir: Path) -> None:
    _, graph = esco_import
    haskell = URIRef("http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02")
    assert graph.value(haskell, SKOS.prefLabel) == Literal("Haskell", lang="en")
    assert graph.value(haskell, ESCO.skillType) == URIRef("http://data.europa.eu/esco/skill-type/knowledge")
    assert graph.value(haskell, ESCO.skillReuseLevel) == URIRef(
        "http://data.europa.eu/esco/skill-reuse-level/sector-specific"
    )
    # every skill has at least one broader concept in the slice
    for skill in graph.subjects(RDF.type, ESCO.Skill):
        assert graph.value(skill, SKOS.broader) is not None, skill
    groups = read_csv(esco_dir / "skillGroups_en.csv")
    for group in groups[:20]:
        node = URIRef(group["conceptUri"])
        assert (node, RDF.type, SKOS.Concept) in graph
        assert (node, RDF.type, SG.Skill) not in graph
    prerequisites = nx.DiGraph(list(graph.subject_objects(SG.hasPrerequisite)))
    assert prerequisites.number_of_edges() == 71
    assert nx.is_directed_acyclic_graph(prerequisites)
    by_label = {str(graph.value(s, SKOS.prefLabel)): s for s in graph.subjects(RDF.type, ESCO.Skill)}
    # "design computer network" needs "network management system tools" (essential)
    assert (
        by_label["design computer network"],
        SG.hasPrerequisite,
        by_label["network management system tools"],
    ) in graph
    assert not list(graph.subjects(SG.progressesTo, None))


def test_esco_source_and_attribution(esco_import) -> None:
    _, graph = esco_import
    source = URIRef("https://w3id.org/skillgraph/source/esco-1.2.0")
    assert (source, RDF.type, SG.Source) in graph
    assert (source, RDF.type, URIRef("http://rdfs.org/ns/void#Dataset")) in graph
    assert graph.value(source, DCTERMS.source) == URIRef("https://esco.ec.europa.eu")
    assert graph.value(source, DCTERMS.hasVersion) == Literal("1.2.0")
    assert graph.value(source, DCTERMS.publisher) == Literal("European Commission")
    assert graph.value(source, DCTERMS.rights) == Literal(
        "This dataset uses the ESCO classification of the European Commission.", lang="en"
    )
    created = graph.value(source, DCTERMS.created)
    assert str(created.datatype) == XSD + "date"


def test_esco_turtle_and_ntriples_agree(esco_dir: Path, tmp_path: Path) -> None:
    nt_report = import_esco(esco_dir, tmp_path / "esco.nt")
    ttl_report = import_esco(esco_dir, tmp_path / "esco.ttl")
    nt_triples = oxi_triples(tmp_path / "esco.nt")
    ttl_triples = oxi_triples(tmp_path / "esco.ttl")
    assert len(ttl_triples) == len(nt_triples) == ttl_report.triples == nt_report.triples
    assert ground(ttl_triples) == ground(nt_triples)
    assert len(set(map(str, ttl_triples))) == len(ttl_triples)  # no triple written twice


def test_esco_prerequisite_cycles_are_skipped(esco_copy: Path, tmp_path: Path) -> None:
    path = esco_copy / "skillSkillRelations_en.csv"
    rows = read_csv(path)
    essential = [r for r in rows if r["relationType"] == "essential"][:2]

    def add_cycles(table: list[list[str]]) -> None:
        for r in essential:  # the reverse of an essential edge, and a self-loop
            table.append([r["relatedSkillUri"], "knowledge", "essential", "knowledge", r["originalSkillUri"]])
        table.append(
            [
                essential[0]["originalSkillUri"],
                "knowledge",
                "essential",
                "knowledge",
                essential[0]["originalSkillUri"],
            ]
        )

    edit_rows(path, add_cycles)
    report = import_esco(esco_copy, tmp_path / "out.nt")
    assert report.cycles_skipped == 3
    triples = oxi_triples(tmp_path / "out.nt")
    edges = [
        (t.subject.value, t.object.value) for t in triples if t.predicate.value == str(SG.hasPrerequisite)
    ]
    assert len(edges) == 71
    assert nx.is_directed_acyclic_graph(nx.DiGraph(edges))
    # the ESCO statements are all kept
    reverse = essential[0]
    assert (
        f"<{reverse['relatedSkillUri']}> <{ESCO.relatedEssentialSkill}> <{reverse['originalSkillUri']}>"
    ) in set(map(str, triples))


def test_esco_progress_hook(esco_dir: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    import_esco(esco_dir, tmp_path / "out.nt", progress=lambda *args: calls.append(args))
    stages = {stage for stage, _, _ in calls}
    assert {"skills_en.csv", "occupationSkillRelations_en.csv", "write"} <= stages
    last = {stage: (done, total) for stage, done, total in calls}
    assert last["skills_en.csv"] == (1765, 1765)
    assert last["write"][0] == last["write"][1]


def test_esco_version_parameter_and_detection(esco_copy: Path, tmp_path: Path) -> None:
    plain = esco_copy.rename(tmp_path / "classification")
    (plain / "README.md").unlink()
    report = import_esco(plain, tmp_path / "a.nt")
    assert report.version is None
    first = (tmp_path / "a.nt").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"<https://w3id.org/skillgraph/source/esco> <{RDF.type}> <{SG.Source}> ."
    report = import_esco(plain, tmp_path / "b.nt", version="1.2.0")
    assert report.version == "1.2.0"


# ----------------------------------------------------------- ESCO bad input --


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_missing_file(esco_copy: Path, tmp_path: Path) -> None:
    (esco_copy / "skills_en.csv").unlink()
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error).startswith("skills_en.csv: file not found in ")
    assert error.value.file == "skills_en.csv"


def test_wrong_header(esco_copy: Path, tmp_path: Path) -> None:
    def rename(rows: list[list[str]]) -> None:
        rows[0][rows[0].index("preferredLabel")] = "prefLabel"

    edit_rows(esco_copy / "skills_en.csv", rename)
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error).startswith("skills_en.csv, row 1: missing column 'preferredLabel'")
    with pytest.raises(ImportDataError):  # skip_bad does not skip a wrong layout
        import_esco(esco_copy, tmp_path / "out.nt", skip_bad=True)


def test_broken_uri(esco_copy: Path, tmp_path: Path) -> None:
    def break_uri(rows: list[list[str]]) -> None:
        rows[16][1] = "htp:/x"  # row 17, counting the header as row 1

    edit_rows(esco_copy / "skills_en.csv", break_uri)
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error) == ("skills_en.csv, row 17: conceptUri 'htp:/x' is not an absolute http(s) URI")
    assert error.value.row == 17
    assert error.value.line > 17  # records before it span several lines


@pytest.mark.parametrize(
    "uri", ["http://data.europa.eu/esco/skill/a b", "data.europa.eu/esco/skill/x", "http://", ""]
)
def test_broken_uris_in_relations_are_bad_rows(esco_copy: Path, tmp_path: Path, uri: str) -> None:
    def break_uri(rows: list[list[str]]) -> None:
        rows[5][4] = uri

    edit_rows(esco_copy / "occupationSkillRelations_en.csv", break_uri)
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error).startswith("occupationSkillRelations_en.csv, row 6: skillUri ")
    report = import_esco(esco_copy, tmp_path / "out.nt", skip_bad=True)
    assert report.skipped_rows == 1
    assert report.relations == 5965
    assert report.problems == [str(error.value)]


def test_bad_encoding(esco_copy: Path, tmp_path: Path) -> None:
    path = esco_copy / "occupationSkillRelations_en.csv"

    def mark(rows: list[list[str]]) -> None:
        rows[9][1] = "@@MARK@@"  # occupationLabel of row 10

    edit_rows(path, mark)
    path.write_bytes(path.read_bytes().replace(b"@@MARK@@", b"caf\xe9 administrator"))
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error) == "occupationSkillRelations_en.csv, row 10: invalid UTF-8 (byte 0xe9)"
    report = import_esco(esco_copy, tmp_path / "out.nt", skip_bad=True)
    assert (report.skipped_rows, report.relations) == (1, 5965)


def test_unknown_references_and_relation_types(esco_copy: Path, tmp_path: Path) -> None:
    def spoil(rows: list[list[str]]) -> None:
        rows[1][2] = "mandatory"
        rows[2][4] = "http://data.europa.eu/esco/skill/not-in-the-files"

    edit_rows(esco_copy / "occupationSkillRelations_en.csv", spoil)
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error) == (
        "occupationSkillRelations_en.csv, row 2: relationType "
        "'mandatory' is neither 'essential' nor 'optional'"
    )
    report = import_esco(esco_copy, tmp_path / "out.nt", skip_bad=True)
    assert (report.skipped_rows, report.relations) == (2, 5964)
    assert "is not a skill of skills_en.csv" in report.problems[1]


def test_skip_bad_skips_a_bad_skill(esco_copy: Path, tmp_path: Path, esco_dir: Path) -> None:
    skills = read_csv(esco_dir / "skills_en.csv")
    victim = skills[16]["conceptUri"]

    def empty_label(rows: list[list[str]]) -> None:
        rows[17][4] = "  "

    edit_rows(esco_copy / "skills_en.csv", empty_label)
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_copy, tmp_path / "out.nt")
    assert one_line(error) == "skills_en.csv, row 18: preferredLabel is empty"
    # skipping the skill also skips the rows that refer to it
    references = sum(
        victim in row
        for name in (
            "occupationSkillRelations_en.csv",
            "skillSkillRelations_en.csv",
            "broaderRelationsSkillPillar_en.csv",
            "skillsHierarchy_en.csv",
        )
        for row in csv.reader((esco_dir / name).open(newline="", encoding="utf-8"))
    )
    report = import_esco(esco_copy, tmp_path / "out.nt", skip_bad=True)
    assert report.skills == 1764
    assert report.skipped_rows == 1 + references


def test_no_partial_output_and_existing_output_untouched(esco_copy: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    existing = out_dir / "graph.ttl"
    existing.write_text("# keep me\n", encoding="utf-8")
    fresh = out_dir / "new.nt"

    def spoil(rows: list[list[str]]) -> None:
        rows[-1][0] = "not a uri"  # the very last row of the last file read

    edit_rows(esco_copy / "skillSkillRelations_en.csv", spoil)
    for target in (existing, fresh):
        with pytest.raises(ImportDataError):
            import_esco(esco_copy, target)
    assert existing.read_text(encoding="utf-8") == "# keep me\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["graph.ttl"]


def test_interrupted_import_leaves_nothing(esco_dir: Path, tmp_path: Path) -> None:
    existing = tmp_path / "graph.nt"
    existing.write_text("# keep me\n", encoding="utf-8")

    def interrupt(stage: str, done: int, total: int | None) -> None:
        if stage == "write" and done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_esco(esco_dir, existing, progress=interrupt)
    assert existing.read_text(encoding="utf-8") == "# keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_success_replaces_existing_output(esco_dir: Path, tmp_path: Path) -> None:
    existing = tmp_path / "graph.nt"
    existing.write_text("# old\n", encoding="utf-8")
    existing.chmod(0o640)
    import_esco(esco_dir, existing)
    assert existing.read_text(encoding="utf-8").startswith("<https://w3id.org/skillgraph/source/")
    assert existing.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


@pytest.mark.parametrize("name", ["out.rdf", "out.jsonld", "out"])
def test_unsupported_output_format(esco_dir: Path, tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportDataError) as error:
        import_esco(esco_dir, tmp_path / name)
    assert f"{name}: unsupported output format" in one_line(error)
    assert ".ttl" in str(error.value) and ".nt" in str(error.value)
    assert not list(tmp_path.iterdir())


def test_missing_output_folder(esco_dir: Path, tmp_path: Path) -> None:
    from skillgraph.errors import DataFileError

    with pytest.raises(DataFileError) as error:
        import_esco(esco_dir, tmp_path / "nowhere" / "out.nt")
    assert "does not exist" in one_line(error)


# --------------------------------------------------------------------- O*NET --

ONET_OCC = "https://w3id.org/skillgraph/onet/occupation/"
ONET_TECH = "https://w3id.org/skillgraph/onet/technology/"
ONET_COM = "https://w3id.org/skillgraph/onet/commodity/"


def test_onet_counts_match_the_data(onet_import, onet_dir: Path) -> None:
    report, graph = onet_import
    technology = read_csv(onet_dir / "Technology Skills.txt", tab=True)
    pairs = {(r["O*NET-SOC Code"], r["Example"]) for r in technology}
    assert (report.occupations, report.skills) == (28, 1351)
    assert 0 < report.relations <= len(pairs)  # a commodity class of several examples: one requirement
    assert report.details["technology_rows"] == 5438
    assert report.details["commodities"] == 101
    assert report.details["alternate_titles"] == 1296
    assert report.details["related"] == 344
    assert report.details["related_outside"] == 102
    assert report.triples == len(graph)
    assert len(set(graph.subjects(RDF.type, SG.Role))) == 28
    assert len(set(graph.subjects(RDF.type, SG.Skill))) == 1351
    assert len(list(graph.subjects(RDF.type, SG.SkillRequirement))) == report.relations
    assert len(set(graph.subjects(RDF.type, SG.SkillChoice))) == report.details["choices"] > 0
    assert len(list(graph.subject_objects(SKOS.related))) == 344


def test_onet_occupations_and_titles(onet_import) -> None:
    _, graph = onet_import
    developers = URIRef(ONET_OCC + "15-1252.00")
    assert graph.value(developers, SKOS.prefLabel) == Literal("Software Developers", lang="en")
    assert graph.value(developers, SKOS.notation) == Literal("15-1252.00")
    # the level is the Job Zone, as every command shows it
    assert graph.value(developers, SG.level) == graph.value(developers, SG.jobZone) == Literal(4)
    assert graph.value(developers, rdflib.RDFS.seeAlso) == URIRef(
        "https://www.onetonline.org/link/summary/15-1252.00"
    )
    analysts = URIRef(ONET_OCC + "15-1211.00")
    alt = {str(x) for x in graph.objects(analysts, SKOS.altLabel)}
    assert {"Automatic Data Processing Planner (ADP Planner)", "ADP Planner"} <= alt
    assert "n/a" not in alt


def test_onet_technologies_and_flags(onet_import, onet_dir: Path) -> None:
    _, graph = onet_import
    python = URIRef(ONET_TECH + "python")
    assert graph.value(python, SKOS.prefLabel) == Literal("Python", lang="en")
    assert graph.value(python, SG.hotTechnology) == Literal(True)
    assert (python, SKOS.broader, URIRef(ONET_COM + "43232405")) in graph
    assert graph.value(URIRef(ONET_COM + "43232405"), SKOS.prefLabel) == Literal(
        "Object or component oriented development software", lang="en"
    )
    labels = {
        str(graph.value(URIRef(ONET_TECH + slug), SKOS.prefLabel)) for slug in ("c", "c-plus-plus", "c-sharp")
    }
    assert labels == {"C", "C++", "C#"}
    rows = read_csv(onet_dir / "Technology Skills.txt", tab=True)
    by_label = {str(graph.value(t, SKOS.prefLabel)): t for t in graph.subjects(RDF.type, SG.Skill)}
    hot = {r["Example"] for r in rows if r["Hot Technology"] == "Y"}
    assert {
        str(graph.value(s, SKOS.prefLabel)) for s in graph.subjects(SG.hotTechnology, Literal(True))
    } == hot
    # In Demand is per occupation, on the requirement; a requirement is essential when one of
    # its examples is In Demand for the occupation and it is not generic office software;
    # O*NET states no proficiency level
    from skillgraph.importers.onet import GENERIC_CLASSES

    generic = {r["Example"] for r in rows if r["Commodity Code"] in GENERIC_CLASSES}
    examples: dict[tuple, set] = {}
    for occupation, requirement in graph.subject_objects(SG.requirement):
        skill = graph.value(requirement, SG.skill)
        found = set(graph.objects(requirement, SKOS.example)) or {skill}
        for example in found:
            examples[(occupation, example)] = requirement
        assert graph.value(requirement, SG.proficiency) is None
    in_demand: dict = {}
    for r in rows:
        requirement = examples[(URIRef(ONET_OCC + r["O*NET-SOC Code"]), by_label[r["Example"]])]
        in_demand.setdefault(requirement, set())
        if r["In Demand"] == "Y":
            assert graph.value(requirement, SG.inDemand) == Literal(True)
            in_demand[requirement].add(r["Example"])
    for requirement, flagged in in_demand.items():
        skill = graph.value(requirement, SG.skill)
        essential = bool(flagged - generic) and str(graph.value(skill, SKOS.prefLabel)) not in generic
        assert graph.value(requirement, SG.importance) == (SG.Essential if essential else SG.Optional)
        if (skill, RDF.type, SG.SkillChoice) in graph:  # a class: one of its well-known tools
            alternatives = set(graph.objects(skill, SG.anyOf))
            assert len(alternatives) >= 2
            assert all(graph.value(a, SKOS.prefLabel) is not None for a in alternatives)
            assert not {str(graph.value(a, SKOS.prefLabel)) for a in alternatives} & generic


def test_onet_tasks_and_job_zones(onet_import, onet_dir: Path) -> None:
    """Task statements are the work an occupation does; Job Zones come from the occupation list."""
    _, graph = onet_import
    tasks = read_csv(onet_dir / "Task Statements.txt", tab=True)
    for r in tasks[:20]:
        assert (URIRef(ONET_OCC + r["O*NET-SOC Code"]), SG.task, Literal(r["Task"], lang="en")) in graph
    zones = {
        r["Code"]: r["Job Zone"]
        for r in read_csv(onet_dir / "All_Occupations.txt", tab=True)
        if r["Job Zone"]
    }
    occupations = {str(o).rsplit("/", 1)[-1] for o in graph.subjects(RDF.type, SG.Role)}
    for code in occupations:
        found = graph.value(URIRef(ONET_OCC + code), SG.jobZone)
        expected = zones.get(code, "n/a")
        assert (found is None) if not expected.isdigit() else found == Literal(int(expected))


def test_onet_related_occupations(onet_import, onet_dir: Path) -> None:
    _, graph = onet_import
    rows = read_csv(onet_dir / "Related Occupations.txt", tab=True)
    row = next(r for r in rows if r["O*NET-SOC Code"] == "15-1211.00" and r["Index"] == "1")
    subject = URIRef(ONET_OCC + "15-1211.00")
    other = URIRef(ONET_OCC + row["Related O*NET-SOC Code"])
    assert (subject, SKOS.related, other) in graph
    qualified = [q for q in graph.objects(subject, SG.relatedness) if graph.value(q, SG.relatedTo) == other]
    assert len(qualified) == 1
    assert graph.value(qualified[0], SG.relatednessTier) == Literal(row["Relatedness Tier"])
    assert graph.value(qualified[0], SG.relatednessIndex) == Literal(1)
    assert not list(graph.subjects(SG.progressesTo, None))


def test_onet_source_and_attribution(onet_import) -> None:
    _, graph = onet_import
    source = URIRef("https://w3id.org/skillgraph/source/onet-29.2")
    assert (source, RDF.type, SG.Source) in graph
    assert graph.value(source, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(source, DCTERMS.hasVersion) == Literal("29.2")
    assert graph.value(source, DCTERMS.rights) == Literal(
        "This dataset includes information from the O*NET 29.2 Database by the U.S. "
        "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under "
        "the CC BY 4.0 license. O*NET\u00ae is a trademark of USDOL/ETA. skillgraph has "
        "modified all or some of this information. USDOL/ETA has not approved, endorsed, or "
        "tested these modifications.",
        lang="en",
    )


def test_onet_ntriples_output(onet_dir: Path, tmp_path: Path, onet_import) -> None:
    report, ttl_graph = onet_import
    nt_report = import_onet(onet_dir, tmp_path / "onet.nt")
    triples = oxi_triples(tmp_path / "onet.nt")
    assert len(triples) == nt_report.triples == report.triples == len(ttl_graph)


def test_onet_quotes_are_data(onet_copy: Path, tmp_path: Path) -> None:
    def quote(rows: list[list[str]]) -> None:
        rows[1][1] = '"Quoted" tool, with a comma'

    edit_rows(onet_copy / "Technology Skills.txt", quote, tab=True)
    import_onet(onet_copy, tmp_path / "out.nt")
    labels = {
        t.object.value for t in oxi_triples(tmp_path / "out.nt") if t.predicate.value == str(SKOS.prefLabel)
    }
    assert '"Quoted" tool, with a comma' in labels


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        (
            "Technology Skills.txt",
            lambda rows: rows[3].pop(),
            "Technology Skills.txt, row 4: expected 6 tab-separated fields, found 5",
        ),
        (
            "Technology Skills.txt",
            lambda rows: rows[4].__setitem__(4, "Yes"),
            "Technology Skills.txt, row 5: Hot Technology 'Yes' is neither 'Y' nor 'N'",
        ),
        (
            "Alternate Titles.txt",
            lambda rows: rows[2].__setitem__(0, "15-1211"),
            (
                "Alternate Titles.txt, row 3: O*NET-SOC Code '15-1211' is not an O*NET-SOC code "
                "like '15-1252.00'"
            ),
        ),
        (
            "Alternate Titles.txt",
            lambda rows: rows[2].__setitem__(0, "15-9999.00"),
            (
                "Alternate Titles.txt, row 3: O*NET-SOC Code '15-9999.00' is not an occupation of "
                "Occupation Data.txt"
            ),
        ),
    ],
)
def test_onet_bad_rows(onet_copy: Path, tmp_path: Path, file: str, edit, message: str) -> None:
    edit_rows(onet_copy / file, edit, tab=True)
    with pytest.raises(ImportDataError) as error:
        import_onet(onet_copy, tmp_path / "out.ttl")
    assert one_line(error) == message
    assert not (tmp_path / "out.ttl").exists()
    report = import_onet(onet_copy, tmp_path / "out.ttl", skip_bad=True)
    assert report.skipped_rows == 1 and report.problems == [message]


def test_onet_missing_file_and_header(onet_copy: Path, tmp_path: Path) -> None:
    edit_rows(onet_copy / "Related Occupations.txt", lambda rows: rows[0].__setitem__(2, "Tier"), tab=True)
    with pytest.raises(ImportDataError) as error:
        import_onet(onet_copy, tmp_path / "out.nt")
    assert one_line(error).startswith("Related Occupations.txt, row 1: missing column 'Relatedness Tier'")
    (onet_copy / "Occupation Data.txt").unlink()
    with pytest.raises(ImportDataError) as error:
        import_onet(onet_copy, tmp_path / "out.nt")
    assert one_line(error).startswith("Occupation Data.txt: file not found in ")


def test_onet_bad_encoding(onet_copy: Path, tmp_path: Path) -> None:
    path = onet_copy / "Alternate Titles.txt"
    data = path.read_bytes().replace(b"Applications Analyst", b"Applications Analyst \xff", 1)
    path.write_bytes(data)
    with pytest.raises(ImportDataError) as error:
        import_onet(onet_copy, tmp_path / "out.nt")
    assert one_line(error) == "Alternate Titles.txt, row 2: invalid UTF-8 (byte 0xff)"


# ----------------------------------------------------------------- contract --


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_every_importer_keeps_the_contract(name: str, data_root: Path, tmp_path: Path) -> None:
    importer = IMPORTERS[name]
    folder = {"esco": data_root / ESCO_DIR_NAME, "onet": data_root / ONET_DIR_NAME}[name]
    calls: list[tuple[str, int, int | None]] = []
    report = importer(folder, tmp_path / "out.ttl", progress=lambda *args: calls.append(args))
    assert report.triples == len(oxi_triples(tmp_path / "out.ttl")) > 0
    assert report.version is not None and report.version in folder.name  # read from the folder
    assert calls[-1][0] == "write" and calls[-1][1] == calls[-1][2]
    with pytest.raises(ImportDataError, match="unsupported output format"):
        importer(folder, tmp_path / "out.csv")
    with pytest.raises(ImportDataError, match="file not found"):
        importer(tmp_path, tmp_path / "empty.nt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]  # nothing half-written


# -------------------------------------------------------------------- pieces --


def test_literal_escaping_round_trips(tmp_path: Path) -> None:
    tricky = 'a "quote", a back\\slash,\ttab, new\nline, \r, \x00\x1f\x7f and \u00e9\u4e2d\U0001f600'
    for fmt, name in (("nt", "t.nt"), ("turtle", "t.ttl")):
        path = tmp_path / name
        with path.open("wb") as out:
            written = _rdf.write_nodes(
                out,
                _rdf.FORMATS[path.suffix],
                [
                    (
                        _rdf.iri("http://example.org/x"),
                        [
                            (_rdf.Terms.prefLabel, _rdf.literal(tricky, "en")),
                            (_rdf.Terms.level, _rdf.integer(-3)),
                            (_rdf.Terms.requirement, [(_rdf.Terms.skill, _rdf.iri("http://example.org/y"))]),
                        ],
                    )
                ],
                _rdf.VOCABULARY_PREFIXES,
            )
        graph = rdflib.Graph().parse(path, format=fmt)
        assert len(graph) == written == 4
        assert graph.value(URIRef("http://example.org/x"), SKOS.prefLabel) == Literal(tricky, lang="en")
        assert graph.value(URIRef("http://example.org/x"), SG.level) == Literal(-3)


def test_iri_check() -> None:
    good = ["http://data.europa.eu/esco/skill/0a1", "https://example.org", "http://x.org:80/a?b#c"]
    bad = [
        "htp:/x",
        "http://a b",
        "ftp://x.org/",
        "http://",
        "http://x.org/<a>",
        "urn:x:y",
        "http://x.org/a\n",
    ]
    assert all(_common.is_http_iri(v) for v in good)
    assert not any(_common.is_http_iri(v) for v in bad)


def test_technology_slugs_are_unique() -> None:
    technologies = {name: onet._Technology(name) for name in ("C++", "C plus plus", "C", "")}
    onet._assign_slugs(technologies)
    terms = [t.term for t in technologies.values()]
    assert len(set(terms)) == 4
    assert technologies["C"].term.value == f"{ONET_TECH}c"
    assert technologies["C plus plus"].term.value == f"{ONET_TECH}c-plus-plus"  # first in order
    assert technologies["C++"].term.value.startswith(f"{ONET_TECH}c-plus-plus-")


@pytest.mark.parametrize("module", [_common, _rdf, esco, onet, importer_errors])
def test_docstring_examples(module, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO.parent)  # the examples must not depend on the working folder
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
