"""SPARQL from Python: saved queries on the curated graph, both stores, safety, parameters."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from skillgraph import sparql
from skillgraph.errors import (
    InputError,
    MissingDependencyError,
    MissingParameterError,
    QueryExecutionError,
    QueryRefusedError,
    QuerySyntaxError,
    UnknownNameError,
    UnknownQueryError,
)
from skillgraph.sparql.syntax import placeholders, query_form, tokens
from tests.helpers import DATA

SGD = "https://w3id.org/skillgraph/id/"

#: Parameters to run each saved query with on the curated graph.
PARAMS: dict[str, dict[str, str]] = {
    "role-gap": {"role": "senior"},
    "prerequisites": {"skill": "Django"},
    "role-tools": {"role": "lead"},
    "role-requirements": {"role": "junior"},
    "node-sources": {"node": "python"},
}


def ids(rows: list[dict], key: str) -> list[str]:
    """The local names of the IRIs in column ``key``."""
    return [str(r[key]).removeprefix(SGD) for r in rows]


@pytest.fixture(scope="module")
def oxigraph() -> sparql.SparqlStore:
    return sparql.open_store()


@pytest.fixture(scope="module")
def memory() -> sparql.SparqlStore:
    return sparql.open_store(store="memory")


def run(name: str, store: sparql.SparqlStore, params: dict[str, str] | None = None) -> list[dict]:
    return sparql.run_saved(name, params if params is not None else PARAMS.get(name), store=store).records()


# -- the library of saved queries ------------------------------------------------------


def test_at_least_ten_saved_queries_each_documented():
    queries = sparql.saved_queries()
    assert len(queries) >= 10
    for q in queries:
        assert q.description, q.name
        assert "\n" not in q.description
        assert q.form == "select", q.name
        declared = [p.name for p in q.params]
        assert placeholders(q.text) == declared, q.name  # every $param declared, every declared used
        words = [t.text.upper() for t in tokens(q.text) if t.kind == "word"]
        assert "ORDER" in words, f"{q.name} has no ORDER BY"


def test_every_saved_query_is_covered_here():
    assert {q.name for q in sparql.saved_queries()} == set(EXPECTED)


def check_role_gap(rows):
    assert {r["previous"] for r in rows} == {SGD + "mid-level-backend-developer"}
    skills = ids(rows, "skill")
    for new in (
        "system-design",
        "distributed-systems",
        "microservices",
        "team-leadership",
        "threat-modelling",
    ):
        assert new in skills
    # required by the mid-level role already: not new
    for old in ("sql", "caching", "api-design", "observability", "software-architecture"):
        assert old not in skills
    assert {r["proficiency"] for r in rows if r["skill"] == SGD + "system-design"} == {"advanced"}
    assert len(rows) == 15


def check_prerequisites(rows):
    # Django -> Python, HTTP; Python -> programming fundamentals; HTTP -> networking basics
    assert ids(rows, "prerequisite") == ["http", "networking-basics", "programming-fundamentals", "python"]
    assert rows[0]["category"] == "computing fundamentals"


def check_trend_skills(rows):
    pairs = {(r["trend"].removeprefix(SGD), r["skill"].removeprefix(SGD)) for r in rows}
    assert ("trend-serverless-computing", "aws-lambda") in pairs
    assert ("trend-security-and-compliance", "gdpr") in pairs
    assert ("trend-microservices-architecture", "kubernetes") in pairs
    assert len({r["trend"] for r in rows}) == 4


def check_specializations(rows):
    pairs = {(r["specialization"].removeprefix(SGD), r["role"].removeprefix(SGD)) for r in rows}
    assert pairs == {
        (spec, role)
        for spec in ("database-administrator", "devops-engineer", "cloud-engineer")
        for role in ("mid-level-backend-developer", "senior-backend-developer")
    }
    assert [r["level"] for r in rows] == [2, 2, 2, 3, 3, 3]


def check_education_teaches(rows):
    taught = {}
    for r in rows:
        taught.setdefault(r["education"].removeprefix(SGD), set()).add(r["skill"].removeprefix(SGD))
    assert taught["related-field-degree"] == {
        "programming-fundamentals",
        "data-structures-algorithms",
        "python",
    }
    assert "operating-systems" in taught["computer-science-degree"]
    assert len(taught) == 7


def check_role_tools(rows):
    assert [r["label"] for r in rows] == ["GitLab", "Jira", "Slack"]


def check_unrequired_skills(rows):
    skills = set(ids(rows, "skill"))
    assert {"typescript", "redis", "mongodb", "grpc", "orm", "django"} <= skills
    # every skill a role requires is absent
    assert not {"sql", "system-design", "backend-language", "git"} & skills
    django = next(r for r in rows if r["skill"] == SGD + "django")
    assert django["alternativeOf"] is True and django["prerequisiteOf"] is False


def check_unsourced_nodes(rows):
    assert rows == []  # every curated node has a source (see test_unsourced_nodes_found)


def check_role_ladder(rows):
    assert [(r["label"], r["level"]) for r in rows] == [
        ("Junior Backend Developer", 1),
        ("Backend Developer", 2),
        ("Senior Backend Developer", 3),
        ("Lead Backend Developer", 4),
    ]
    assert rows[0]["next"] == SGD + "mid-level-backend-developer"
    assert rows[-1]["next"] is None


def check_skills_by_category(rows):
    counts = {r["label"]: r["skills"] for r in rows}
    assert counts["database"] == 11
    assert counts["programming language"] == 5
    assert rows[0]["label"] == "database"
    values = [r["skills"] for r in rows]
    assert values == sorted(values, reverse=True)


def check_role_requirements(rows):
    assert len(rows) == 18
    assert rows[0]["rank"] == 2
    assert {r["skill"].removeprefix(SGD): r["proficiency"] for r in rows}["sql"] == "intermediate"
    assert {r["skill"].removeprefix(SGD): r["proficiency"] for r in rows}["linux"] == "foundational"
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True)


def check_node_sources(rows):
    by_source = {r["source"].rsplit("/", 1)[-1]: r["statements"] for r in rows}
    assert {"domain-knowledge", "effort-estimates", "seed-1-key-skills"} <= set(by_source)
    assert by_source["effort-estimates"] == 1
    assert by_source["domain-knowledge"] == 10
    assert any(r["label"].startswith("seed §1") for r in rows)


def check_skill_choices(rows):
    choices = {}
    for r in rows:
        choices.setdefault(r["choice"].removeprefix(SGD), set()).add(r["alternative"].removeprefix(SGD))
    assert choices == {
        "backend-language": {"python", "java", "nodejs"},
        "web-framework": {"django", "fastapi", "spring-boot", "express"},
        "cloud-platform": {"aws", "azure"},
    }


def check_role_effort(rows):
    by_role = {r["role"].removeprefix(SGD): r for r in rows}
    assert by_role["senior-backend-developer"]["skills"] == 35
    assert by_role["junior-backend-developer"]["skills"] == 18
    assert by_role["senior-backend-developer"]["totalHours"] == pytest.approx(1675.0)
    assert all(r["unestimated"] == 0 for r in rows)


EXPECTED = {
    "role-gap": check_role_gap,
    "prerequisites": check_prerequisites,
    "trend-skills": check_trend_skills,
    "specializations": check_specializations,
    "education-teaches": check_education_teaches,
    "role-tools": check_role_tools,
    "unrequired-skills": check_unrequired_skills,
    "unsourced-nodes": check_unsourced_nodes,
    "role-ladder": check_role_ladder,
    "skills-by-category": check_skills_by_category,
    "role-requirements": check_role_requirements,
    "node-sources": check_node_sources,
    "skill-choices": check_skill_choices,
    "role-effort": check_role_effort,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_answer(name, oxigraph):
    EXPECTED[name](run(name, oxigraph))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stores_agree_on_saved_query(name, oxigraph, memory):
    ours, theirs = run(name, oxigraph), run(name, memory)
    assert ours == theirs  # same rows in the same order (saved queries ORDER BY)


def test_prerequisites_follow_long_chains(oxigraph):
    rows = run("prerequisites", oxigraph, {"skill": "GDPR"})
    skills = set(ids(rows, "prerequisite"))
    # GDPR -> data protection -> encryption, application security -> auth -> APIs -> HTTP -> networking
    assert {"data-protection", "encryption", "application-security", "authentication-authorization"} <= skills
    assert {"apis", "http", "networking-basics", "sql", "relational-databases"} <= skills
    assert "gdpr" not in skills


def test_role_gap_of_a_specialization_uses_branches_from(oxigraph):
    rows = run("role-gap", oxigraph, {"role": "DevOps Engineer"})
    assert {r["previous"].removeprefix(SGD) for r in rows} == {
        "mid-level-backend-developer",
        "senior-backend-developer",
    }
    assert "infrastructure-as-code" in ids(rows, "skill")


# -- ad-hoc queries, both stores ---------------------------------------------------------


AD_HOC = [
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a owl:Class }",
    "SELECT ?g WHERE { GRAPH ?g { sg:Role a owl:Class } }",
    "SELECT ?s ?hours WHERE { ?s sg:effortHours ?hours FILTER(?hours > 100) } ORDER BY DESC(?hours) ?s",
    "SELECT ?s WHERE { ?s skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), 'sql')) } ORDER BY ?s",
    "SELECT ?a ?b WHERE { ?a sg:progressesTo+ ?b } ORDER BY ?a ?b",
]


@pytest.mark.parametrize("text", AD_HOC)
def test_stores_agree_on_ad_hoc_queries(text, oxigraph, memory):
    ours = sparql.select(text, store=oxigraph)
    assert ours == sparql.select(text, store=memory)
    assert ours or "owl:Class }" in text  # GRAPH ?g ranges over named graphs only


def test_union_default_graph_and_graph_provenance(oxigraph):
    # the schema is in the default graph: visible in the union, in no named graph
    assert sparql.ask("ASK { sg:Role a owl:Class }", store=oxigraph)
    assert sparql.select("SELECT ?g WHERE { GRAPH ?g { sg:Role a owl:Class } }", store=oxigraph) == []
    rows = sparql.select("SELECT ?g { GRAPH ?g { sgd:senior-backend-developer sg:level 3 } }", store=oxigraph)
    assert rows == [{"g": "https://w3id.org/skillgraph/source/seed-4-senior-lead"}]


def numbers_as_values(graph):
    """The graph with numeric literals in one lexical form (Oxigraph writes 120.0 as 120)."""
    import rdflib

    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and isinstance(o.toPython(), (int, float, Decimal)):
            o = rdflib.Literal(float(o.toPython()))
        out.add((s, p, o))
    return out


def test_construct_and_describe_agree(oxigraph, memory):
    from rdflib.compare import isomorphic

    for text in (
        "CONSTRUCT { ?a sg:progressesTo ?b } WHERE { ?a sg:progressesTo ?b }",
        "CONSTRUCT { ?r sg:needs ?s } WHERE { ?r sg:requirement/sg:skill ?s }",
        "DESCRIBE sgd:python",
    ):
        ours, theirs = sparql.construct(text, store=oxigraph), sparql.construct(text, store=memory)
        assert len(ours) > 0
        assert isomorphic(numbers_as_values(ours), numbers_as_values(theirs)), text


def test_python_values(oxigraph):
    rows = sparql.select(
        "SELECT ?i ?d ?b ?s ?iri ?unbound "
        "{ BIND(3 AS ?i) BIND(2.5 AS ?d) BIND(true AS ?b) BIND('x'@en AS ?s) BIND(sgd:sql AS ?iri) }",
        store=oxigraph,
    )
    assert rows == [{"i": 3, "d": 2.5, "b": True, "s": "x", "iri": SGD + "sql", "unbound": None}]
    assert type(rows[0]["i"]) is int and type(rows[0]["d"]) is float


def test_dataframe(oxigraph):
    frame = sparql.dataframe("SELECT ?role ?level { ?role sg:level ?level } ORDER BY ?level", store=oxigraph)
    assert frame.columns.tolist() == ["role", "level"]
    assert frame["level"].tolist() == [1, 2, 3, 4]
    assert frame["role"].tolist()[0] == SGD + "junior-backend-developer"
    frame = sparql.to_dataframe(sparql.run_saved("role-ladder", store=oxigraph))
    assert frame["label"].tolist()[0] == "Junior Backend Developer"


def test_dataframe_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match="pip install pandas"):
        sparql.to_dataframe([{"a": 1}])


def test_wrong_form_for_the_function(oxigraph):
    with pytest.raises(InputError, match="ASK"):
        sparql.select("ASK {}", store=oxigraph)
    with pytest.raises(InputError, match="SELECT"):
        sparql.ask("SELECT * {}", store=oxigraph)
    with pytest.raises(InputError, match="SELECT"):
        sparql.construct("SELECT * {}", store=oxigraph)


# -- user files ----------------------------------------------------------------------------


def test_user_file_in_its_named_graph_in_both_stores():
    data = [DATA / "frontend-track.ttl"]
    graph = (DATA / "frontend-track.ttl").resolve().as_uri()
    for store in ("oxigraph", "memory"):
        rows = sparql.run_saved("node-sources", {"node": "React"}, data=data, store=store).records()
        # type, label, category, effort, prerequisite; and the requirement pointing at it
        assert rows == [{"source": graph, "label": graph, "statements": 6}]
        rows = sparql.run_saved("prerequisites", {"skill": "react"}, data=data, store=store).records()
        assert [r["label"] for r in rows] == ["HTML and CSS"]
        rows = sparql.run_saved("role-gap", {"role": "Frontend Developer"}, data=data, store=store).records()
        assert ids(rows, "skill") == ["https://example.org/frontend/react"]


def test_unsourced_nodes_found(tmp_path: Path):
    trig = tmp_path / "extra.trig"
    trig.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix sgd: <https://w3id.org/skillgraph/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "sgd:quantum a sg:Skill ; skos:prefLabel 'Quantum computing'@en ; sg:hasPrerequisite sgd:ghost .\n"
        "<https://example.org/src> { sgd:python sg:hasPrerequisite sgd:linux . }\n",
        encoding="utf-8",
    )
    expected = [
        {"node": SGD + "ghost", "label": None, "problem": "mentioned but never described"},
        {"node": SGD + "quantum", "label": "Quantum computing", "problem": "only in the default graph"},
    ]
    ox_rows = sparql.run_saved("unsourced-nodes", data=[trig], store="oxigraph").records()
    assert ox_rows == expected
    assert sparql.run_saved("unsourced-nodes", data=[trig], store="memory").records() == expected


# -- safety ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { sgd:a sgd:b sgd:c }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "CREATE GRAPH <http://example.org/g>",
        "COPY DEFAULT TO <http://example.org/g>",
        "# a comment first\ninsert data { <http://a> <http://b> <http://c> }",
    ],
)
def test_updates_are_refused(text, oxigraph, memory):
    for store in (oxigraph, memory):
        with pytest.raises(QueryRefusedError, match="updates are refused"):
            store.query(text)
    assert len(oxigraph) == len(memory) > 1000  # nothing changed


def test_update_words_inside_strings_comments_and_iris_are_allowed(oxigraph):
    rows = sparql.select(
        "# INSERT DATA { } and DROP ALL are only words here\n"
        "SELECT ?x ?y { BIND('INSERT DATA { <a> <b> <c> }' AS ?x) BIND(<http://example.org/DELETE> AS ?y) }",
        store=oxigraph,
    )
    assert rows[0]["x"] == "INSERT DATA { <a> <b> <c> }"


def test_service_is_refused_without_allow_service(oxigraph, memory):
    text = "SELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    for store in (oxigraph, memory):
        with pytest.raises(QueryRefusedError, match=r"SERVICE \(line 2, column 3\)"):
            store.query(text)
    with pytest.raises(QueryRefusedError):
        oxigraph.query("select * { service silent <http://example.org/sparql> { ?s ?p ?o } }")


def test_service_word_elsewhere_is_not_a_service_call(oxigraph):
    rows = sparql.select(
        "SELECT ?service { BIND('SERVICE <http://x>' AS ?service) } # SERVICE", store=oxigraph
    )
    assert rows == [{"service": "SERVICE <http://x>"}]


def test_service_runs_when_allowed(oxigraph):
    # Oxigraph refuses this port before sending anything: the query ran and the call failed.
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryExecutionError):
        oxigraph.query(text, allow_service=True)


def test_lexer_agrees_with_rdflib_algebra_on_service():
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    from skillgraph.sparql.syntax import service_calls

    def has_service(text: str) -> bool:
        found = []

        def visit(node):
            if getattr(node, "name", None) == "ServiceGraphPattern":
                found.append(node)

        traverse(prepareQuery(text).algebra, visit)
        return bool(found)

    for text in (
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p 'SERVICE' }",
        "SELECT * { OPTIONAL { ?s ?p ?o } { SELECT * { SERVICE SILENT ?g { ?s ?p ?o } } } }",
        "SELECT ?service { ?service ?p <http://example.org/SERVICE> }",
    ):
        assert bool(service_calls(text)) == has_service(text), text


# -- errors ----------------------------------------------------------------------------------


def test_syntax_error_has_line_and_column(oxigraph):
    with pytest.raises(QuerySyntaxError) as err:
        oxigraph.query("SELECT ?s\nWHERE { ?s ?p ?o ")
    assert (err.value.line, err.value.column) == (2, 18)  # the end of the text
    assert "expected one of" in str(err.value)
    assert err.value.exit_code == 2
    assert "\n" not in str(err.value)


def test_unknown_prefix(oxigraph, memory):
    for store in (oxigraph, memory):
        with pytest.raises(QuerySyntaxError, match=r"line 1, column 17: unknown prefix 'foo:' in 'foo:bar'"):
            store.query("SELECT * { ?s a foo:bar }")


def test_declared_prefix_is_fine(oxigraph):
    rows = sparql.select(
        "PREFIX foo: <https://w3id.org/skillgraph/id/> SELECT ?l { foo:sql skos:prefLabel ?l }"
    )
    assert rows == [{"l": "SQL"}]


def test_unknown_saved_query():
    with pytest.raises(UnknownQueryError, match="did you mean 'role-ladder'"):
        sparql.run_saved("role-ladders")


def test_missing_and_unknown_parameters(oxigraph):
    with pytest.raises(MissingParameterError, match="saved query 'role-gap' needs --param role=VALUE"):
        sparql.run_saved("role-gap", {}, store=oxigraph)
    with pytest.raises(InputError, match="has no parameter 'skill'"):
        sparql.run_saved("role-gap", {"role": "senior", "skill": "sql"}, store=oxigraph)


def test_parameter_of_the_wrong_type(oxigraph):
    with pytest.raises(UnknownNameError, match="unknown role/specialization 'python'"):
        sparql.run_saved("role-gap", {"role": "python"}, store=oxigraph)


# -- parameters are never pasted as text -----------------------------------------------------


def test_injection_through_a_node_parameter_is_just_an_unknown_name(oxigraph):
    with pytest.raises(UnknownNameError):
        sparql.run_saved(
            "prerequisites", {"skill": "sql> ?p ?o } ; DROP ALL ; SELECT * { <x"}, store=oxigraph
        )
    with pytest.raises(InputError, match="not a valid IRI"):
        sparql.run_saved("prerequisites", {"skill": "<http://x/> ?p ?o } #>"}, store=oxigraph)


def test_explicit_iri_parameter_skips_name_resolution(oxigraph):
    rows = sparql.run_saved("prerequisites", {"skill": f"<{SGD}http>"}, store=oxigraph).records()
    assert ids(rows, "prerequisite") == ["networking-basics"]


def test_literal_parameters_are_escaped(oxigraph):
    declared = [sparql.Param("text", "string"), sparql.Param("n", "integer")]
    text = sparql.prepare(
        "SELECT ?t ?n { BIND($text AS ?t) BIND($n AS ?n) }",
        {"text": 'a "quoted" } ; DROP ALL #\nline', "n": "7"},
        declared=declared,
    )
    assert query_form(text) == "select"
    rows = sparql.select(text, store=oxigraph)
    assert rows == [{"t": 'a "quoted" } ; DROP ALL #\nline', "n": 7}]
    with pytest.raises(InputError, match="must be an integer"):
        sparql.prepare("SELECT * { BIND($n AS ?n) }", {"n": "7; DROP"}, declared=declared[1:])


def test_ad_hoc_query_parameters_are_node_names(oxigraph):
    rows = sparql.select(
        "SELECT ?l { $skill skos:prefLabel ?l }", params={"skill": "postgres"}, store=oxigraph
    )
    assert rows == [{"l": "PostgreSQL"}]


def test_unknown_store():
    with pytest.raises(InputError, match="unknown store 'sqlite'"):
        sparql.open_store(store="sqlite")
