"""The gap, plan and path --have commands through click's CliRunner: exit code first, then output."""

from __future__ import annotations

import json

import pytest

import skillgraph
from skillgraph.model.ladder import effective_requirements
from skillgraph.present.mermaid import mermaid_escape
from tests.helpers import invoke_cli


@pytest.fixture
def run():
    def invoke(*args: str):
        return invoke_cli(*args)

    return invoke


def test_gap_text(run):
    result = run("gap", "--have", "python,sql:intermediate,git", "--target", "senior")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    missing = json.loads(
        run("gap", "--have", "python,sql:intermediate,git", "--target", "senior", "--format", "json").output
    )["missing"]
    assert lines[0] == f"Gap to Senior Backend Developer: {missing} requirements not met"
    assert lines[2].split() == ["category", "skill", "asked", "have", "note"]
    sql = next(line for line in lines if " SQL " in f" {line} ")
    assert "advanced" in sql and "intermediate" in sql


def test_gap_json_and_markdown(run):
    result = run("gap", "--have", "java:1", "--target", "junior", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["target"]["id"] == "junior-backend-developer" and data["met"] is False
    language = next(s for c in data["categories"] for s in c["skills"] if s["id"] == "backend-language")
    assert (language["status"], language["current_label"], language["proficiency_label"]) == (
        "raise",
        "foundational",
        "intermediate",
    )
    result = run("gap", "--have", "java:1", "--target", "junior", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Gap to Junior Backend Developer\n")
    assert "- [ ] **Backend programming language** (intermediate, have foundational)" in result.output


@pytest.mark.parametrize(
    ("have", "target"),
    [
        ("python:advanced,django:intermediate,git", "senior"),
        ("java,sql", "lead"),
        ("", "dba"),
        ("go:advanced,docker", "devops"),
    ],
)
def test_gap_says_what_closing_it_takes_in_the_plans_hours(run, have, target):
    # one figure for one question: closing the gap takes what the plan to the same target takes,
    # the prerequisites of the missing requirements included
    given = ("--have", have) if have else ()
    gap_json = json.loads(run("gap", *given, "--target", target, "--format", "json").output)
    plan_json = json.loads(run("plan", *given, "--target", target, "--format", "json").output)
    hours = plan_json["summary"]["effort_hours"]
    assert gap_json["plan_effort_hours"] == pytest.approx(hours, abs=0.05)
    changes = plan_json["summary"]["new"] + plan_json["summary"]["raise"]
    assert changes >= gap_json["missing"]
    text = run("gap", *given, "--target", target).output.splitlines()
    assert text[-1].startswith(f"Closing the gap: about {round(hours)} h of study")
    assert f"({changes} skills to learn or raise)" in text[-1]


def test_plan_text(run):
    result = run("plan", "--have", "java,sql", "--target", "senior")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Learning plan for Senior Backend Developer (fewest skills)"
    assert "Stage 1:" in result.output
    assert "Python" not in result.output and "Backend programming language" not in result.output


def test_plan_json(run):
    result = run("plan", "--have", "java", "--target", "junior", "--optimize", "effort", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["objective"] == "effort" and data["optimal"] is True
    assert [(c["choice"]["id"], c["picked"]["id"]) for c in data["choices"]] == [
        ("web-framework", "spring-boot")
    ]
    assert data["summary"]["effort_hours"] == sum(s["effort_hours"] for s in data["stages"])
    assert data["have"] == [
        {
            "id": "java",
            "iri": "https://w3id.org/skillgraph/id/java",
            "label": "Java",
            "level": None,
            "level_label": None,
        }
    ]


def test_plan_markdown(run):
    result = run("plan", "--have", "java", "--target", "junior", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# Learning plan: Junior Backend Developer"
    assert any(line.startswith("## Stage 1 (") for line in lines)
    assert sum(line.startswith("- [ ] **") for line in lines) > 5
    assert "**Spring Boot**" in result.output


def test_plan_mermaid(run):
    result = run("plan", "--target", "junior", "--format", "mermaid")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "flowchart LR"
    assert sum(line.strip().startswith("subgraph stage") for line in lines) == sum(
        line.strip() == "end" for line in lines
    )
    assert any(" --> " in line for line in lines)
    plan = json.loads(run("plan", "--target", "junior", "--format", "json").output)
    labels = [s["label"] for stage in plan["stages"] for s in stage["skills"]]
    assert labels and all(mermaid_escape(label) in result.output for label in labels)
    assert '"' not in result.output.replace('["', "").replace('"]', "")


def test_path_have_leaves_out_known_skills(run):
    plain = run("path", "junior", "mid", "--format", "json")
    assert plain.exit_code == 0, plain.output
    ids = lambda result: [s["id"] for st in json.loads(result.output)["steps"] for s in st["skills"]]  # noqa: E731
    two = ids(plain)[-2:]  # the last listed: no other listed skill builds on them
    known = run("path", "junior", "mid", "--have", ",".join(f"{i}:expert" for i in two), "--format", "json")
    assert known.exit_code == 0, known.output
    assert len(two) == 2 and not set(two) & set(ids(known))


def test_path_from_a_role_counts_that_role_as_held(run):
    held = json.loads(run("path", "mid", "senior", "--format", "json").output)
    assert held["steps"][0]["skills"] == [] and held["start_counted_as_known"]["assumed"]
    assert held["start_counted_as_known"]["hours_from_given"] > 0
    # a learner who gives what they know is told which of the role's skills were taken on trust
    some = run("path", "mid", "senior", "--have", "git:expert", "--format", "json")
    assumed = json.loads(some.output)["start_counted_as_known"]["assumed"]
    assert assumed and "Git" not in assumed


def test_path_profile(run, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("skills: {git: expert, sql}\n", encoding="utf-8")
    result = run("path", "junior", "mid", "--profile", str(profile))
    assert result.exit_code == 0, result.output
    assert "(leaving out 2 skill(s) you have, and what they imply)" in result.output


def test_unknown_names_one_error(run):
    result = run("plan", "--have", "pyhton,sql,kubernets", "--target", "senior")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("skillgraph: error: --have: unknown skill 'pyhton' (did you mean 'Python'?)")
    assert "unknown skill 'kubernets' (did you mean 'Kubernetes'" in lines[0]


def test_unknown_names_in_a_profile(run, tmp_path):
    profile = tmp_path / "me.toml"
    profile.write_text('skills = ["pyhton", "gti"]\n', encoding="utf-8")
    result = run("gap", "--profile", str(profile), "--target", "senior")
    assert result.exit_code == 2
    assert "me.toml: unknown skill 'pyhton'" in result.output and "'gti'" in result.output


def test_profile_that_does_not_parse(run, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n  python: advanced\n   sql: 2\n", encoding="utf-8")
    result = run("plan", "--profile", str(profile), "--target", "senior")
    assert result.exit_code == 2
    assert f"{profile}, line 3, column" in result.output and "not valid YAML" in result.output
    toml = tmp_path / "me.toml"
    toml.write_text("[skills\npython = 3\n", encoding="utf-8")
    result = run("plan", "--profile", str(toml), "--target", "senior")
    assert result.exit_code == 2
    assert f"{toml}, line 1, column" in result.output


def test_target_already_met(run):
    # every effective requirement of the junior role, as a person would type it
    graph = skillgraph.load()
    junior = graph.resolve("junior")
    have = ",".join(graph.label(k) for k in effective_requirements(graph, junior))
    result = run("plan", "--have", have, "--target", "junior")
    assert result.exit_code == 0, result.output
    assert (
        result.output.strip()
        == "You already meet every requirement of Junior Backend Developer: nothing to learn."
    )
    result = run("gap", "--have", have, "--target", "junior", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["met"] is True


def test_target_must_be_a_role(run):
    result = run("plan", "--target", "python")
    assert result.exit_code == 2
    assert "unknown role/specialization 'python'" in result.output


def test_missing_profile(run, tmp_path):
    result = run("gap", "--profile", str(tmp_path / "nope.yaml"), "--target", "senior")
    assert result.exit_code == 2
    assert "nope.yaml" in result.output
