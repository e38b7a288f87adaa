"""``skillgraph query`` through click's CliRunner: exit code first, then output."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from skillgraph import sparql
from tests.helpers import DATA, invoke_cli

ROLES = "SELECT ?role ?level { ?role a sg:Role ; sg:level ?level } ORDER BY ?level"
SGD = "https://w3id.org/skillgraph/id/"


@pytest.fixture(scope="module")
def graph():
    """The curated graph as the NetworkX view: the answers are counted there, not in SPARQL."""
    import skillgraph

    return skillgraph.load()


def ladder_rows(graph) -> int:
    """Rows of the role-ladder query: one per (role, next role), one for a role at the top."""
    return sum(
        max(1, sum(1 for _, _, k in graph.nx.out_edges(r, keys=True) if k == "progresses_to"))
        for r in graph.nodes("role")
    )


@pytest.fixture
def run():
    def invoke(*args: str, input: str | None = None):
        return invoke_cli("query", *args, input=input)

    return invoke


def error_line(result, code: int = 2) -> str:
    """The one line a failed command prints, after checking it exited with ``code``."""
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("skillgraph: error: ")
    return lines[0]


# -- where the query comes from ----------------------------------------------------------


def test_expression_table(run, graph):
    result = run("-e", ROLES)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["role", "level"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["sgd:junior-backend-developer", "1"]
    assert len(lines) == 2 + len(graph.nodes("role"))  # header, rule, one line per role
    levels = [int(line.split()[1]) for line in lines[2:]]
    assert levels == sorted(levels)


def test_query_file(run, tmp_path):
    path = tmp_path / "roles.rq"
    path.write_text(ROLES, encoding="utf-8")
    result = run(str(path), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == f"{SGD}junior-backend-developer,1"


def test_standard_input(run, graph):
    expected = 1 + len(graph.nodes("role"))  # header and one line per role
    result = run("--format", "csv", input=ROLES)
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == expected
    result = run("-", "--format", "csv", input=ROLES)
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == expected


def test_ask_prints_true_or_false(run, graph):
    result = run("-e", "ASK { sgd:senior-backend-developer sg:progressesTo sgd:lead-backend-developer }")
    assert result.exit_code == 0, result.output
    assert result.output == "true\n"
    # the top of the ladder: a role that progresses to none
    top = next(
        r
        for r in graph.nodes("role")
        if not any(k == "progresses_to" for *_, k in graph.nx.out_edges(r, keys=True))
    )
    result = run("-e", f"ASK {{ <{top}> sg:progressesTo ?next }}")
    assert result.exit_code == 0, result.output
    assert result.output == "false\n"
    result = run("-e", "ASK { sgd:python a sg:Skill }", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"head": {}, "boolean": True}


def test_empty_result_says_so(run):
    result = run("-e", "SELECT ?s { ?s a sg:Nothing }")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "(no results)"


# -- result formats ----------------------------------------------------------------------


def test_json_is_the_standard_results_format(run):
    result = run("--name", "role-ladder", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"head", "results"}
    assert doc["head"]["vars"] == ["role", "label", "level", "next", "nextLabel"]
    first = doc["results"]["bindings"][0]
    assert first["role"] == {"type": "uri", "value": SGD + "junior-backend-developer"}
    assert first["label"] == {"type": "literal", "value": "Junior Backend Developer", "xml:lang": "en"}
    assert first["level"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert "next" not in doc["results"]["bindings"][-1]  # unbound: left out


def test_csv_is_the_standard_results_format(run, graph):
    result = run("--name", "prerequisites", "--param", "skill=Django", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert b"\r\n" in result.stdout_bytes  # the CSV results format uses CRLF
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["prerequisite", "label", "category"]
    # every prerequisite of Django, direct or not, as the view counts them, ordered by label
    expected = sorted(nx.descendants(graph.prerequisites, graph.resolve("django")), key=graph.label)
    assert [r[0] for r in rows[1:]] == expected and len(expected) >= 3
    assert [r[1] for r in rows[1:]] == [graph.label(k) for k in expected]


def test_tsv_is_the_standard_results_format(run, graph):
    result = run("--name", "role-ladder", "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t") == ["?role", "?label", "?level", "?next", "?nextLabel"]
    cells = lines[1].split("\t")
    assert cells[0] == f"<{SGD}junior-backend-developer>"
    assert cells[1] == '"Junior Backend Developer"@en'
    assert cells[2] == "1"
    assert len(lines) == 1 + ladder_rows(graph)


def test_construct_turtle_nt_jsonld(run, graph):
    import rdflib

    steps = sum(1 for *_, k in graph.nx.edges(keys=True) if k == "progresses_to")
    query = "CONSTRUCT { ?a sg:progressesTo ?b } WHERE { ?a sg:progressesTo ?b }"
    result = run("-e", query)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("@prefix sg: ")
    assert "sgd:junior-backend-developer sg:progressesTo sgd:mid-level-backend-developer ." in result.output
    assert len(rdflib.Graph().parse(data=result.output, format="turtle")) == steps
    result = run("-e", query, "--format", "nt")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == steps
    result = run("-e", "DESCRIBE sgd:python", "--format", "jsonld")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["@id"] == SGD + "python"


def test_result_format_must_fit_the_query(run):
    result = run("-e", "CONSTRUCT WHERE { ?a sg:progressesTo ?b }", "--format", "csv")
    assert "use --format turtle, nt or jsonld" in error_line(result)
    assert "use --format table, csv, tsv or json" in error_line(run("-e", ROLES, "--format", "turtle"))


# -- saved queries -----------------------------------------------------------------------


def test_list_shows_every_saved_query(run):
    result = run("--list")
    assert result.exit_code == 0, result.output
    for saved in sparql.saved_queries():
        line = next(line for line in result.output.splitlines() if line.startswith(saved.name + " "))
        assert saved.description in line
        for param in saved.params:
            assert f"{param.name}=" in line
    result = run("--list", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {q["name"]: q for q in json.loads(result.output)}
    assert listed["role-gap"]["params"][0]["name"] == "role"


def test_saved_query_with_parameter(run):
    result = run("--name", "role-gap", "--param", "role=senior")
    assert result.exit_code == 0, result.output
    assert "System design" in result.output
    assert "sgd:sql " not in result.output  # the mid-level role requires SQL already
    assert "Backend Developer" in result.output.splitlines()[2]


PARAMS = {"role-gap": "role=senior", "prerequisites": "skill=kubernetes", "node-sources": "node=aws"}
PARAMS |= {"role-tools": "role=devops", "role-requirements": "role=Cloud Engineer"}
PARAMS |= {"implied-knowledge": "skill=kubernetes;rank=3"}


@pytest.mark.parametrize("saved", [q.name for q in sparql.saved_queries()])
def test_both_stores_print_the_same(run, saved):
    args = ["--name", saved, "--format", "json", "--timeout", "0"]  # the same answers, however slow
    for param in PARAMS[saved].split(";") if saved in PARAMS else ():
        args += ["--param", param]
    ours, theirs = run(*args), run(*args, "--store", "memory")
    assert ours.exit_code == 0, ours.output
    assert theirs.exit_code == 0, theirs.output
    assert json.loads(ours.output)["head"] == json.loads(theirs.output)["head"]
    rows = json.loads(ours.output)["results"]["bindings"]
    other = json.loads(theirs.output)["results"]["bindings"]
    assert [
        {k: v["value"] for k, v in r.items() if "decimal" not in v.get("datatype", "")} for r in rows
    ] == [{k: v["value"] for k, v in r.items() if "decimal" not in v.get("datatype", "")} for r in other]


def test_data_files_are_queried(run):
    result = run(
        "--name", "role-requirements", "--param", "role=Frontend Developer",
        "--data", str(DATA / "frontend-track.ttl"), "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    fe = "https://example.org/frontend/"
    # its own requirement, and what it inherits from the junior role it progresses from
    assert {(r["label"], r["proficiency"], r["rank"], r["from"]) for r in rows} == {
        ("React", "intermediate", "2", fe + "frontend"),
        ("HTML and CSS", "intermediate", "2", fe + "junior-frontend"),
        ("Git", "foundational", "1", fe + "junior-frontend"),
    }
    assert [r["rank"] for r in rows] == sorted((r["rank"] for r in rows), reverse=True)


# -- errors: one line, exit code 2 ---------------------------------------------------------


def test_syntax_error(run):
    result = run("-e", "SELECT ?s WHERE {\n ?s ?p }")
    line = error_line(result)
    assert "SPARQL syntax error: line 2, column" in line
    assert "expected" in line


def test_unknown_prefix(run):
    assert "unknown prefix 'nope:'" in error_line(run("-e", "SELECT * { ?s a nope:Thing }"))


def test_unknown_saved_query(run):
    result = run("--name", "role-gapp")
    assert error_line(result) == (
        "skillgraph: error: unknown saved query 'role-gapp' (did you mean 'role-gap' or 'role-ladder'?); "
        "'skillgraph query --list' shows them"
    )


def test_missing_parameter(run):
    result = run("--name", "prerequisites")
    assert "saved query 'prerequisites' needs --param skill=VALUE" in error_line(result)


def test_unknown_parameter_and_bad_param_syntax(run):
    assert "has no parameter 'role'" in error_line(run("--name", "role-ladder", "--param", "role=senior"))
    assert "--param takes NAME=VALUE" in error_line(run("--name", "role-gap", "--param", "senior"))


def test_unknown_name_in_parameter(run):
    result = run("--name", "prerequisites", "--param", "skill=djngo")
    assert "unknown skill 'djngo' (did you mean 'Django'" in error_line(result)


def test_update_refused(run):
    assert "updates are refused" in error_line(run("-e", "DELETE WHERE { ?s ?p ?o }"))
    result = run("--format", "csv", input="INSERT DATA { sgd:a sgd:b sgd:c }")
    assert "updates are refused" in error_line(result)


def test_insert_inside_a_string_is_allowed(run):
    result = run("-e", "SELECT ?x { BIND('INSERT DATA' AS ?x) }", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["x", "INSERT DATA"]


def test_service_refused_without_allow_service(run):
    query = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert "--allow-service" in error_line(run("-e", query))
    # allowed, run, and the endpoint failed
    assert "the query failed" in error_line(run("-e", query, "--allow-service"), code=1)


def test_missing_file_and_empty_query(run, tmp_path):
    assert "missing.rq: no such file" in error_line(run(str(tmp_path / "missing.rq")))
    assert "the query is empty" in error_line(run("-e", "  "))


def test_only_one_query(run):
    assert "give only one query" in error_line(run("-e", ROLES, "--name", "role-ladder"))


def test_unreachable_store_endpoint(run):
    result = run("-e", ROLES, "--store", "http://127.0.0.1:9/query")
    assert "http://127.0.0.1:9/query" in error_line(result, code=1)


def test_store_names_an_embedded_engine(run):
    for engine in ("oxigraph", "memory", "MEMORY"):
        result = run("-e", ROLES, "--store", engine, "--format", "csv")
        assert result.exit_code == 0, result.output
        assert "skillgraph/id/senior-backend-developer,3" in result.output
