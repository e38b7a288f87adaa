"""The derived graph: SPARQL over it gives the answers and figures of the Python rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import skillgraph
from skillgraph import sparql
from skillgraph.algorithms.knowledge import implied
from skillgraph.explorer.learner import learner_data
from skillgraph.model.ladder import effective_requirements, ladder_chain
from skillgraph.model.load import load_checked
from skillgraph.rdf.derived import DERIVED_GRAPH
from skillgraph.vocabulary import LADDER_TYPES
from tests.helpers import DATA, ROOT, invoke_cli

TRACK = DATA / "frontend-track.ttl"


@pytest.fixture(scope="module", params=[(), (TRACK,)], ids=["curated", "with-a-user-track"])
def both(request: pytest.FixtureRequest) -> tuple[skillgraph.SkillGraph, sparql.SparqlStore, list[Path]]:
    data = list(request.param)
    return skillgraph.load(data), sparql.open_store(data), data


def test_every_role_and_specialization_asks_in_sparql_what_the_commands_ask(both) -> None:
    graph, store, _ = both
    for role in graph.nodes(LADDER_TYPES):
        rows = sparql.run_saved("role-requirements", {"role": f"<{role}>"}, store=store).records()
        expected = {
            (skill, req.rank, req.asked_by) for skill, req in effective_requirements(graph, role).items()
        }
        assert {(r["skill"], r["rank"], r["from"]) for r in rows} == expected, graph.label(role)
        assert len(rows) == len(expected), graph.label(role)


def test_every_role_costs_in_sparql_the_hours_path_gives(both) -> None:
    graph, store, data = both
    rows = {r["role"]: r for r in sparql.run_saved("role-effort", store=store).records()}
    assert set(rows) == set(graph.nodes(LADDER_TYPES))
    for role, row in rows.items():
        start = ladder_chain(graph, role)[-1]
        assert row["start"] == start
        path = skillgraph.career_path(graph, start, role)
        assert float(row["totalHours"]) == pytest.approx(path.effort_hours), graph.label(role)
        assert row["skills"] == len(effective_requirements(graph, role))
    # the same figure as the command a learner types
    senior = graph.resolve("senior")
    typed = ["path", "junior", "senior", "--format", "json", *(a for p in data for a in ("--data", str(p)))]
    result = invoke_cli(*typed)
    assert result.exit_code == 0, result.output
    walked = json.loads(result.output)  # from junior, held: junior's own hours are told apart
    start = walked["start_counted_as_known"]["hours_from_given"]
    assert walked["effort_hours"] + start == pytest.approx(float(rows[senior]["totalHours"]))


def test_what_knowing_a_skill_implies_is_what_the_rule_says(graph) -> None:
    store = sparql.open_store()
    text = sparql.saved_query("implied-knowledge").text
    rows = sparql.select(
        text.replace("$skill", "?skill")
        .replace("$rank", "?known")
        .replace("SELECT ?implied", "SELECT ?skill ?known ?implied")
        .replace("GROUP BY ?implied", "GROUP BY ?skill ?known ?implied"),
        store=store,
    )
    found: dict[tuple[str, int], dict[str, int]] = {}
    for r in rows:
        found.setdefault((str(r["skill"]), int(r["known"])), {})[str(r["implied"])] = int(r["rank"])  # type: ignore[arg-type]
    for skill in graph.nodes("skill"):
        for rank in graph.proficiency_labels:
            expected = implied(graph, {skill: rank})
            expected.pop(skill)
            assert found.get((skill, rank), {}) == expected, (graph.label(skill), rank)


def test_serve_and_push_publish_the_derived_graph_beside_the_asserted_one() -> None:
    rdf, view = load_checked([TRACK])
    graphs = {q.graph_name.value for q in rdf.quads() if hasattr(q.graph_name, "value")}
    assert DERIVED_GRAPH in graphs
    role = view.resolve("frontend developer")
    hours = [q for q in rdf.quads() if q.subject.value == role and q.predicate.value.endswith("#studyHours")]
    assert len(hours) == 1 and hours[0].graph_name.value == DERIVED_GRAPH


def test_the_derived_terms_are_declared_with_comments() -> None:
    import pyoxigraph as ox

    from skillgraph.rdf.resources import builtin_files

    schema = next(p for p in builtin_files() if p.name == "skillgraph.ttl")
    store = ox.Store()
    store.load(path=str(schema), format=ox.RdfFormat.TURTLE)
    declared = {
        row[0].value
        for row in store.query("SELECT ?t { ?t <http://www.w3.org/2000/01/rdf-schema#comment> ?c }")  # type: ignore[union-attr]
    }
    used = {
        q.predicate.value
        for q in sparql.open_store().rdf.quads()  # type: ignore[attr-defined]
        if getattr(q.graph_name, "value", None) == DERIVED_GRAPH
    }
    assert used and used - {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"} <= declared


def test_a_graph_that_breaks_a_rule_is_still_queried_without_derived_facts(write_ttl) -> None:
    broken = write_ttl(
        "sgd:quantum a sg:Skill ; skos:prefLabel 'Quantum'@en ; sg:hasPrerequisite sgd:ghost ."
    )
    store = sparql.open_store([broken])
    assert sparql.ask("ASK { sgd:quantum sg:hasPrerequisite sgd:ghost }", store=store)
    assert not sparql.ask("ASK { GRAPH <https://w3id.org/skillgraph/derived> { ?s ?p ?o } }", store=store)


def test_what_meeting_each_role_brings_is_what_the_rule_says(both) -> None:
    graph, store, _ = both
    rows = sparql.select(
        "SELECT ?role ?skill ?rank { ?role sg:impliedKnowledge [ sg:skill ?skill ; sg:knownRank ?rank ] }",
        store=store,
    )
    found: dict[str, dict[str, int]] = {}
    for r in rows:
        found.setdefault(str(r["role"]), {})[str(r["skill"])] = int(r["rank"])  # type: ignore[arg-type]
    skills: dict[str, set[str]] = {}
    for r in sparql.select("SELECT ?role ?skill { ?role sg:impliedSkill ?skill }", store=store):
        skills.setdefault(str(r["role"]), set()).add(str(r["skill"]))
    for role in graph.nodes(LADDER_TYPES):
        asked = {skill: req.rank for skill, req in effective_requirements(graph, role).items()}
        assert found[role] == implied(graph, asked), graph.label(role)
        assert skills[role] == set(implied(graph, asked)), graph.label(role)  # the same, levels aside


def test_a_query_over_unchanged_files_parses_and_checks_nothing_again(write_ttl, monkeypatch) -> None:
    import skillgraph.rdf.dataset

    mine = write_ttl("sgd:quantum a sg:Skill ; skos:prefLabel 'Quantum'@en .")
    ask = "ASK { sgd:quantum a sg:Skill }"
    assert sparql.ask(ask, store=sparql.open_store([mine], kept=True))

    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the files were parsed again")

    monkeypatch.setattr(skillgraph.rdf.dataset, "load_rdf", parse)
    again = sparql.open_store([mine], kept=True)
    assert sparql.ask(ask, store=again)
    assert sparql.ask(f"ASK {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }}", store=again)
    monkeypatch.undo()
    mine.write_text(mine.read_text().replace("sg:Skill", "sg:Trend"), encoding="utf-8")  # changed: read again
    assert not sparql.ask(ask, store=sparql.open_store([mine], kept=True))


def test_a_plain_query_imports_no_networkx(write_ttl, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    mine = write_ttl("sgd:quantum a sg:Skill ; skos:prefLabel 'Quantum'@en .")
    script = (
        "import sys\nfrom skillgraph.cli import main\n"
        f"main(['query', '--data', {str(mine)!r}, '-e', 'ASK {{ ?s ?p ?o }}'], standalone_mode=False)\n"
        "print('networkx' in sys.modules)\n"
    )
    env = {**os.environ}
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env) for _ in "12"
    ]
    assert all(run.returncode == 0 for run in runs), runs
    assert runs[1].stdout.split()[-1] == "False"  # the second query: nothing derived again


@pytest.mark.parametrize(
    ("table", "term"), [("implies", "implies"), ("teaches", "learnedAlong"), ("teachesBeyond", "completes")]
)
def test_the_explorer_carries_what_the_derived_graph_says_of_knowing_and_learning_a_skill(
    both, table, term
) -> None:
    """What knowing a skill implies, and what learning it teaches with it or of its prerequisites:
    the learner page's tables are the derived graph's links, rank by rank."""
    graph, store, _ = both
    query = (
        "PREFIX sg: <https://w3id.org/skillgraph/ontology#> SELECT ?skill ?rank ?other ?level "
        f"WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?k sg:{term} ?k2 . ?k sg:skill ?skill ; sg:knownRank ?rank . "
        "?k2 sg:skill ?other ; sg:knownRank ?level } }"
    )
    rows = sparql.select(query, store=store)
    published = {(str(r["skill"]), int(r["rank"]), str(r["other"]), int(r["level"])) for r in rows}  # type: ignore[arg-type]
    data = learner_data(graph)
    keys = {s["order"]: key for key, s in data["skills"].items()}
    carried = set()
    for key, skill in data["skills"].items():
        for rank in sorted(graph.proficiency_labels):  # a rank reads the last row at or below it
            found = [row for start, row in skill.get(table, []) if start <= rank][-1:]
            for other, level in found[0] if found else []:
                carried.add((key, rank, keys.get(other, other), level))
    assert (
        published
    )  # the curated graph has all three (Python and its fundamentals, Django and ORM, Terraform and IaC)
    assert carried == published


def test_the_explorer_names_a_choice_for_the_alternatives_the_derived_graph_says_it_stands_for(both) -> None:
    graph, store, _ = both
    query = (
        "PREFIX sg: <https://w3id.org/skillgraph/ontology#> SELECT ?choice ?alternative "
        f"WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?choice sg:standsFor ?alternative }} }}"
    )
    published = {(str(r["choice"]), str(r["alternative"])) for r in sparql.select(query, store=store)}
    data = learner_data(graph)
    keys = {s["order"]: key for key, s in data["skills"].items()}
    carried = {
        (key, keys.get(alt, alt)) for key, s in data["skills"].items() for alt in s.get("standsFor", [])
    }
    assert published and carried == published
    for choice, alternative in published:  # a choice stands for its alternatives when it asks fewer
        assert alternative in graph.choices[choice]
        assert graph.choice_count(choice) < len(graph.choices[choice])


def _documented_queries() -> list[str]:
    """The derived graph's examples a newcomer pastes: docs/model.md's SPARQL blocks in its
    section on the derived graph, and the README's ``query -e`` lines in its SPARQL section."""
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    section = model.split("## The derived graph", 1)[1].split("\n## ", 1)[0]
    queries = [block.split("```", 1)[0] for block in section.split("```sparql\n")[1:]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sparql_section = readme.split("\n## SPARQL\n", 1)[1].split("\n## ", 1)[0]
    for line in sparql_section.splitlines():
        if line.startswith("skillgraph query -e '"):
            queries.append(line.split("'", 1)[1].rsplit("'", 1)[0])
    return queries


def test_the_documented_queries_of_the_derived_graph_run_and_answer() -> None:
    queries = _documented_queries()
    assert any("sg:effectiveRequirement" in q for q in queries)
    assert any("sg:studyHours" in q for q in queries)
    assert any("sg:implies" in q for q in queries)
    for query in queries:
        result = invoke_cli("query", "-e", query, "--format", "json")
        assert result.exit_code == 0, (query, result.output)
        assert json.loads(result.output)["results"]["bindings"], query
