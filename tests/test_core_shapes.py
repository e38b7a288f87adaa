"""The SPARQL check of the shapes agrees with pySHACL (the reference), and each source is validated once."""

from __future__ import annotations

import pytest

import skillgraph
from skillgraph import ValidationError
from skillgraph.rdf import core_shapes, validity
from skillgraph.rdf.core_shapes import core_problems, read_shapes
from skillgraph.rdf.dataset import load_rdf
from skillgraph.rdf.resources import shapes_file
from tests.helpers import DATA
from tests.shacl_reference import shacl_problems

ROLE = 'ex:r a sg:Role ; sg:level 1 ; skos:prefLabel "R"@en .\n'

BROKEN = [
    "ex:s a sg:Skill ; sg:category sg:Database .\n",
    'ex:r a sg:Role ; skos:prefLabel "R"@en .\n',
    'ex:r a sg:Role ; sg:level 1 ; skos:prefLabel "R"@en ;\n'
    "  sg:requirement [ sg:skill sgd:slack ; sg:proficiency sg:Advanced ] .\n",
    ROLE + "ex:r sg:progressesTo ex:nowhere .\n",
    'ex:s a sg:Skill ; skos:prefLabel "S"@en ; sg:hasPrerequisite sgd:pyhton .\n',
    'ex:s a sg:Skill ; skos:prefLabel "S"@en, "T"@en .\n',
    'ex:r a sg:Role ; sg:level "one" ; skos:prefLabel "R"@en ; sg:typicalYearsMin 5.0 ; sg:typicalYearsMax 2.0 .\n',
    ROLE + "ex:r sg:requirement [ sg:skill sgd:python ; sg:proficiency sg:Advanced, sg:Expert ] .\n",
    ROLE + "ex:r sg:requirement [ sg:skill sgd:python ; sg:importance sg:Advanced ] .\n",
    ROLE + "ex:r sg:jobZone 9 .\n",
    'ex:s a sg:Skill ; skos:prefLabel "S"@en ; sg:learnedBy sg:Practice ;\n'
    "  sg:effort [ a sg:LevelEffort ; sg:proficiency sg:Foundational ; sg:hours 5.0 ] .\n",
    'ex:c a sg:SkillChoice ; skos:prefLabel "C"@en ; sg:anyOf sgd:python .\n',
    'ex:t a sg:Trend ; skos:prefLabel "T"@en ; sg:drivesDemandFor sgd:senior-backend-developer .\n',
    'ex:s a sg:Skill ; skos:prefLabel "S"@en ; sg:requirement [ sg:skill sgd:python ] .\n',
    'ex:r a sg:Role ; sg:level 1 ; skos:prefLabel "R"@en ; sg:relaxation [ sg:skill sgd:python ] .\n',
    'ex:s a sg:Skill ; skos:prefLabel "S"@en ; sg:covers [ sg:skill sgd:python ] .\n',
    'ex:c a sg:SkillChoice ; skos:prefLabel "C"@en ; sg:anyOf sgd:python , sgd:java ; sg:choiceCount 0 .\n',
    'ex:s a sg:Skill ; skos:prefLabel "S"@en ; <http://purl.org/dc/terms/source> "not an IRI" .\n',
    'ex:r a sg:Role ; sg:level "abc"^^<http://www.w3.org/2001/XMLSchema#integer> ; skos:prefLabel "R"@en .\n',
    'ex:s a sg:Skill ; skos:prefLabel "S"@en ;\n'
    "  sg:effort [ a sg:LevelEffort ; sg:proficiency sg:Foundational ;\n"
    '    sg:hours "lots"^^<http://www.w3.org/2001/XMLSchema#decimal> ] .\n',
]


def test_shipped_shapes_are_all_understood() -> None:
    shapes = read_shapes(str(shapes_file()))
    assert len(shapes) >= 18 and all(s.targets for s in shapes)


@pytest.mark.parametrize("body", BROKEN)
def test_sparql_check_reports_what_pyshacl_reports(write_ttl, body: str) -> None:
    rdf = load_rdf([write_ttl(body)])
    expected = shacl_problems(rdf)
    assert expected, "the broken graph must break a shape"
    assert core_problems(rdf) == expected


def test_builtin_graph_and_imports_conform_for_both() -> None:
    rdf = load_rdf([DATA / "frontend-track.ttl"])
    assert core_problems(rdf) == shacl_problems(rdf) == []


def test_a_validated_source_is_not_checked_again(write_ttl, monkeypatch) -> None:
    track = DATA / "frontend-track.ttl"
    skillgraph.load([track])  # validated once (its marker is written)
    calls: list[object] = []
    real = core_shapes.core_problems

    def spy(rdf, *, graphs=None):
        calls.append(None if graphs is None else sorted(g.value for g in graphs))
        return real(rdf, graphs=graphs)

    monkeypatch.setattr(validity, "core_problems", spy)
    mine = write_ttl('ex:s a sg:Skill ; skos:prefLabel "Mine"@en ; sg:hasPrerequisite sgd:python .\n')
    skillgraph.load([track, mine])
    assert calls == [[mine.resolve().as_uri()]]  # only the new file's nodes were checked
    bad = write_ttl("ex:b a sg:Skill ; sg:hasPrerequisite sgd:nowhere .\n", name="bad.ttl")
    with pytest.raises(ValidationError) as info:
        skillgraph.load([track, bad])
    assert any("nowhere" in p for p in info.value.problems)
    assert any("has no label" in p for p in info.value.problems)


def test_a_new_file_can_break_a_validated_node(write_ttl) -> None:
    track = DATA / "frontend-track.ttl"
    skillgraph.load([track])
    second_label = write_ttl('sgd:python skos:prefLabel "Pythn"@en .\n', name="second.ttl")
    with pytest.raises(ValidationError, match="several labels"):
        skillgraph.load([track, second_label])


def test_sources_valid_apart_are_not_valid_together(write_ttl) -> None:
    # Alone this file is valid (a role's label and level, nothing else); beside the built-in
    # graph, junior gets a second label and a second level.
    mine = write_ttl('sgd:junior-backend-developer skos:prefLabel "Junior"@en ; sg:level 7 .\n')
    skillgraph.load([mine], builtin=False)
    skillgraph.load()  # the built-in graph, validated on its own
    with pytest.raises(ValidationError, match="several labels"):
        skillgraph.load([mine])
    with pytest.raises(ValidationError):  # and not cached as valid afterwards either
        skillgraph.load([mine])


@pytest.mark.parametrize("body", BROKEN)
def test_checking_only_a_new_files_nodes_finds_the_same_violations(write_ttl, body: str) -> None:
    from skillgraph.rdf.dataset import file_graph_name

    path = write_ttl(body)
    rdf = load_rdf([DATA / "frontend-track.ttl", path])
    assert core_problems(rdf, graphs=[file_graph_name(path)]) == core_problems(rdf)


def test_a_new_statement_about_a_built_in_node_does_not_report_its_neighbours(write_ttl) -> None:
    from skillgraph.rdf.dataset import file_graph_name

    # the nodes Python points to are in the small store with their types only: not reported
    path = write_ttl('sgd:python skos:altLabel "python 3"@en .\n')
    rdf = load_rdf([path])
    assert core_problems(rdf, graphs=[file_graph_name(path)]) == core_problems(rdf) == []


@pytest.mark.parametrize("body", BROKEN[:5])
def test_a_new_graph_that_is_most_of_the_data_is_checked_whole(write_ttl, body: str) -> None:
    from skillgraph.rdf.dataset import file_graph_name

    path = write_ttl(body)
    rdf = load_rdf([path], builtin=False)
    assert core_problems(rdf, graphs=[file_graph_name(path)]) == core_problems(rdf) != []
