"""The typed core: loading, name resolution, career paths, node descriptions."""

from __future__ import annotations

import networkx as nx
import pytest

import skillgraph
from skillgraph import AmbiguousNameError, NoPathError, UnknownNameError
from skillgraph.algorithms.knowledge import held, implied
from skillgraph.model.ladder import effective_requirements
from skillgraph.vocabulary import TYPES

SGD = "https://w3id.org/skillgraph/id/"


def test_every_type_is_present(graph):
    counts = graph.counts()
    assert set(counts) == set(TYPES)
    assert counts["role"] >= 4
    assert counts["specialization"] >= 3
    assert counts["skill"] >= 60
    assert all(counts[t] >= 3 for t in ("trend", "education", "tool", "activity"))


def test_view_is_derived_with_typed_nodes_and_edges(graph):
    assert isinstance(graph.nx, nx.MultiDiGraph)
    relations = {key for _, _, key in graph.nx.edges(keys=True)}
    assert {"progresses_to", "branches_from", "requires", "has_prerequisite", "any_of", "drives"} <= relations
    assert {"teaches", "leads_to", "uses_tool", "engages_in"} <= relations
    for _, _, data in graph.nx.edges(data=True):
        assert data["sources"], data
    for node, data in graph.nx.nodes(data=True):
        assert data["label"] and data["type"] in TYPES and data["sources"], node


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("junior", "junior-backend-developer"),
        ("Junior Backend Developer", "junior-backend-developer"),
        ("JUNIOR BACKEND DEVELOPER", "junior-backend-developer"),
        ("senior", "senior-backend-developer"),
        ("lead", "lead-backend-developer"),
        ("devops", "devops-engineer"),
        ("dba", "database-administrator"),
        ("aws", "aws"),
        ("node.js", "nodejs"),
        ("nodejs", "nodejs"),
        ("senior-backend-developer", "senior-backend-developer"),
        (SGD + "python", "python"),
    ],
)
def test_resolve_names_the_way_people_type_them(graph, name, expected):
    assert graph.resolve(name) == SGD + expected


def test_unknown_name_suggests_close_labels(graph):
    with pytest.raises(UnknownNameError) as info:
        graph.resolve("pyhton")
    assert "Python" in info.value.suggestions
    assert "did you mean" in str(info.value) and "\n" not in str(info.value)
    assert info.value.exit_code == 2


def test_ambiguous_name_lists_candidates(graph, write_ttl):
    extra = write_ttl('ex:py a sg:Skill ; skos:prefLabel "Snake"@en ; skos:altLabel "python"@en .\n')
    g = skillgraph.load([extra])
    # the curated Python matches by label, which ranks above an alternative label
    assert g.resolve("python") == SGD + "python"
    clash = write_ttl(
        'ex:s1 a sg:Skill ; skos:prefLabel "Snake"@en .\nex:s2 a sg:Skill ; skos:prefLabel "snake"@en .\n',
        name="clash.ttl",
    )
    with pytest.raises(AmbiguousNameError) as info:
        skillgraph.load([clash]).resolve("SNAKE")
    assert len(info.value.candidates) == 2
    assert info.value.exit_code == 2


def test_resolve_restricted_to_types(graph):
    with pytest.raises(UnknownNameError):
        graph.resolve("python", types=("role",))


def _cumulative_order_respects_prerequisites(g, path):
    position = {}
    for step in path.steps:
        for item in step.skills:
            position.setdefault(item.key, len(position))
    for skill, index in position.items():
        for prereq in g.prerequisites.successors(skill):
            if prereq in position:
                assert position[prereq] < index, (g.label(prereq), g.label(skill))
    return position


def test_path_junior_senior(graph):
    path = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("senior"))
    assert [s.id for s in path.steps] == [
        "junior-backend-developer",
        "mid-level-backend-developer",
        "senior-backend-developer",
    ]
    position = _cumulative_order_respects_prerequisites(graph, path)
    # every requirement of every role on the way is covered at the level asked
    reached: dict[str, int] = {}
    for step in path.steps:
        for item in step.skills:
            reached[item.key] = max(reached.get(item.key, 0), item.proficiency)
        # what is known after the step, with what it implies (docs/plan.md)
        known = implied(graph, reached)
        for skill, req in effective_requirements(graph, step.key).items():
            assert held(graph, skill, known) >= req.rank, (step.label, graph.label(skill))
    assert SGD + "system-design" in position
    # a skill raised later is shown with the level held before
    raised = [i for s in path.steps[1:] for i in s.skills if i.current]
    assert raised and all(i.current < i.proficiency for i in raised)


def test_path_prerequisites_not_required_by_a_role_are_added(graph):
    path = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("junior"))
    prereqs = [i for i in path.steps[0].skills if i.reason == "prerequisite"]
    required = graph.requirements(graph.resolve("junior"))
    assert prereqs and all(i.key not in required and i.needed_for for i in prereqs)


def test_path_with_have_leaves_out_known_skills(graph):
    have = {SGD + "java": 2, SGD + "git": 4}
    path = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("senior"), have=have)
    keys = {i.key for s in path.steps for i in s.skills}
    assert SGD + "git" not in keys
    assert SGD + "backend-language" not in keys  # Java satisfies the language choice


def test_path_to_lead_and_to_a_specialization(graph):
    to_lead = skillgraph.career_path(graph, graph.resolve("senior"), graph.resolve("lead"))
    assert [s.id for s in to_lead.steps] == ["senior-backend-developer", "lead-backend-developer"]
    to_devops = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("devops"))
    assert to_devops.steps[-1].type == "specialization"
    assert to_devops.steps[0].id == "junior-backend-developer"


def test_no_path_downwards(graph):
    with pytest.raises(NoPathError) as info:
        skillgraph.career_path(graph, graph.resolve("senior"), graph.resolve("junior"))
    assert info.value.exit_code == 1


def test_path_to_dict_has_documented_keys(graph):
    data = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("senior")).to_dict()
    assert set(data) == {
        "from",
        "to",
        "kind",
        "transition_score",
        "have",
        "steps",
        "effort_hours",
        "typical_years",
        "start_counted_as_known",
    }
    assert data["kind"] == "ladder" and data["transition_score"] is None
    step = data["steps"][0]
    assert set(step) == {
        "id",
        "iri",
        "label",
        "type",
        "level",
        "skills",
        "effort_hours",
        "typical_years_in_role",
    }
    assert {
        "id",
        "iri",
        "label",
        "category",
        "proficiency",
        "proficiency_label",
        "current",
        "reason",
        "learned_by",
        "needed_for",
        "alternatives",
        "builds_on",
        "for_choice",
        "choose",
        "covers",
        "effort_hours",
    } == set(step["skills"][0])


def test_describe_lists_relations_and_sources(graph):
    desc = skillgraph.describe(graph, graph.resolve("senior"))
    groups = desc.grouped()
    assert {"requires", "progresses to", "progressed to from"} <= set(groups)
    assert any(r.proficiency_label for r in groups["requires"])
    assert any("seed §4" in s for s in desc.provenance["label"])
    python = skillgraph.describe(graph, graph.resolve("python"))
    assert "alternative for" in python.grouped()


def test_path_raises_a_held_alternative_instead_of_the_choice(graph):
    have = {SGD + "java": 1}
    path = skillgraph.career_path(graph, graph.resolve("junior"), graph.resolve("junior"), have=have)
    (java,) = [i for i in path.steps[0].skills if i.key == SGD + "java"]
    assert java.current == 1 and java.proficiency > 1
