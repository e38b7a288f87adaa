"""Every core command through click's CliRunner: exit code first, then output."""

from __future__ import annotations

import json

import pytest

from tests.helpers import DATA, invoke_cli


@pytest.fixture
def run():
    def invoke(*args: str, input: str | None = None):
        return invoke_cli(*args, input=input)

    return invoke


def test_path_text(run):
    result = run("path", "junior", "senior")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first == "Junior Backend Developer -> Backend Developer -> Senior Backend Developer"
    assert "3. Senior Backend Developer (role, level 3)" in result.output
    assert "System design" in result.output


def test_path_json_keys(run):
    result = run("path", "Junior Backend Developer", "SENIOR", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["id"] for s in data["steps"]] == [
        "junior-backend-developer",
        "mid-level-backend-developer",
        "senior-backend-developer",
    ]
    assert data["from"]["label"] == "Junior Backend Developer"
    assert all("proficiency_label" in item for s in data["steps"] for item in s["skills"])


def test_path_markdown_checklist(run):
    result = run("path", "senior", "lead", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# Career path: Senior Backend Developer → Lead Backend Developer"
    assert any(line.startswith("- [ ] **") for line in lines)


def test_path_unknown_name(run):
    result = run("path", "junoir", "senior")
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "skillgraph: error: unknown role/specialization 'junoir' (did you mean 'junior'?)"
    )


def test_path_does_not_exist(run):
    result = run("path", "senior", "junior")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "skillgraph: error: no career path from 'Senior Backend Developer' to 'Junior Backend Developer'"
    )


def test_path_to_specialization(run):
    result = run("path", "junior", "dba")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith("-> Database Administrator")


def test_show(run):
    result = run("show", "aws")
    assert result.exit_code == 0, result.output
    assert "[skill]" in result.output and "sources of its facts:" in result.output
    lines = result.output.splitlines()
    at = lines.index("alternative for (1):")
    assert lines[at + 1].split()[:2] == ["Cloud", "platform"]


def test_show_json(run):
    result = run("show", "senior", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["type"] == "role" and data["level"] == 3
    assert data["relations"]["requires"]


def test_show_ambiguous(run, write_ttl):
    extra = write_ttl(
        'ex:a a sg:Skill ; skos:prefLabel "Twin"@en .\nex:b a sg:Skill ; skos:prefLabel "twin"@en .\n'
    )
    result = run("show", "twin", "--data", str(extra))
    assert result.exit_code == 2
    assert "ambiguous name 'twin'" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "type_", ["role", "skill", "specialization", "trend", "education", "tool", "activity"]
)
def test_list_by_type(run, type_):
    result = run("list", "--type", type_, "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert items and {i["type"] for i in items} == {type_}


def test_list_text_table(run):
    result = run("list", "--type", "tool")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == ["id", "type", "label"]
    assert {line.split()[0] for line in result.output.splitlines()[2:]} == {"gitlab", "jira", "slack"}


def test_validate_ok_with_user_file(run):
    result = run("validate", str(DATA / "frontend-track.ttl"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: ")


def test_validate_reports_each_problem(run, write_ttl):
    bad = write_ttl('ex:r a sg:Role ; skos:prefLabel "R"@en .\nex:s a sg:Skill .\n')
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "is a role without a seniority level" in result.output
    assert "has no label" in result.output


def test_malformed_file_one_line(run, write_ttl):
    bad = write_ttl("ex:a ex:b .\n")
    result = run("path", "junior", "senior", "--data", str(bad))
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert f"{bad}, line 5" in result.output


def test_data_option_adds_a_track(run):
    result = run("path", "junior fe", "frontend developer", "--data", str(DATA / "frontend-track.ttl"))
    assert result.exit_code == 0, result.output
    assert "React" in result.output


def test_version_and_help(run):
    assert run("--version").exit_code == 0
    result = run("--help")
    assert result.exit_code == 0 and "path" in result.output


def test_a_name_of_another_type_says_what_it_is(run):
    result = run("path", "junior", "python")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "skillgraph: error: unknown role/specialization 'python' ('Python' is a skill)"
    )


def test_unknown_level_in_have(run):
    result = run("gap", "--target", "senior", "--have", "python:banana")
    assert result.exit_code == 2
    assert "python: unknown level 'banana'" in result.output


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1", "not a valid URL"),
        ("http://127.0.0.1:99999/q", "not a valid URL"),
        ("ftp://x/y", "not an http(s) URL"),
    ],
)
def test_bad_store_url_is_one_line(run, url, reason):
    result = run("list", "--store", url)
    assert result.exit_code == 2  # bad input
    assert result.output.startswith(f"skillgraph: error: store {url}: {reason}")


@pytest.mark.parametrize("args", [("path", "junior", "senior"), ("path", "junior", "nobody")])
def test_a_command_run_in_process_leaves_the_collector_as_it_was(run, args):
    # A command freezes its graph for the collector while it runs; whether it succeeds or
    # fails, its objects are collectable again afterwards (a notebook or a test runs many).
    import gc

    assert gc.get_freeze_count() == 0
    result = run(*args)
    assert result.exit_code == (0 if args[-1] == "senior" else 2), result.output
    assert gc.get_freeze_count() == 0
