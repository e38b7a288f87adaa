"""Imported taxonomies keep their semantics: importance, unstated levels, transitions without a ladder.

Every expectation is derived from the source files or from the rules, not written down.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

import skillgraph
from skillgraph.algorithms.plan import gap, plan
from skillgraph.importers import import_esco, import_onet
from skillgraph.model.ladder import effective_requirements
from tests.helpers import DATA, invoke_cli

ESCO_DIR = DATA / "esco-1.2.0-ict"
ONET_DIR = DATA / "onet-29.2-software"


@pytest.fixture(scope="module")
def esco_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("esco") / "esco.nt"
    import_esco(ESCO_DIR, out)
    return out


@pytest.fixture(scope="module")
def onet_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("onet") / "onet.nt"
    import_onet(ONET_DIR, out)
    return out


@pytest.fixture(scope="module")
def esco(esco_file: Path) -> skillgraph.SkillGraph:
    return skillgraph.load([esco_file])


@pytest.fixture(scope="module")
def onet(onet_file: Path) -> skillgraph.SkillGraph:
    return skillgraph.load([onet_file])


def esco_relations() -> dict[tuple[str, str], set[str]]:
    """(occupation IRI, skill IRI) -> the relation types ESCO lists."""
    found: dict[tuple[str, str], set[str]] = {}
    with (ESCO_DIR / "occupationSkillRelations_en.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found.setdefault((row["occupationUri"], row["skillUri"]), set()).add(row["relationType"])
    return found


def occupation_with_optional(graph: skillgraph.SkillGraph) -> str:
    """An ESCO occupation that has both essential and optional skills."""
    kinds: dict[str, set[str]] = {}
    for (occupation, _), types in esco_relations().items():
        kinds.setdefault(occupation, set()).add("essential" if "essential" in types else "optional")
    return next(o for o, k in sorted(kinds.items()) if k == {"essential", "optional"} and o in graph)


def test_view_keeps_importance_and_states_no_level(esco: skillgraph.SkillGraph) -> None:
    for (occupation, skill), types in esco_relations().items():
        data = esco.nx.get_edge_data(occupation, skill, "requires")
        assert data["importance"] == ("essential" if "essential" in types else "optional")
        assert data["stated"] is False and data["proficiency_label"] == "unstated"


def test_plan_and_gap_ask_only_essential_skills_unless_asked(esco: skillgraph.SkillGraph) -> None:
    target = occupation_with_optional(esco)
    wanted = {s for (o, s), t in esco_relations().items() if o == target}
    essential = {s for (o, s), t in esco_relations().items() if o == target and "essential" in t}
    required = {i.key for s in plan(esco, target).stages for i in s.items if i.reason == "required"}
    assert required == essential
    with_optional = plan(esco, target, include_optional=True)
    assert {i.key for s in with_optional.stages for i in s.items if i.reason == "required"} == wanted
    assert {i.key for i in gap(esco, target).items} == essential
    assert {i.key for i in gap(esco, target, include_optional=True).items} == wanted
    # no level invented: any level of a skill meets the requirement, shown as unstated
    assert {i.proficiency_label for i in gap(esco, target).items} == {"unstated"}
    one = sorted(essential)[0]
    assert one not in {i.key for i in gap(esco, target, {one: 1}).items}


def test_cli_plan_on_esco_has_no_optional_skill(esco_file: Path, esco: skillgraph.SkillGraph) -> None:
    target = occupation_with_optional(esco)
    optional_only = {
        esco.label(s) for (o, s), t in esco_relations().items() if o == target and "essential" not in t
    }
    result = invoke_cli("plan", "--target", target, "--data", esco_file, "--format", "json")
    assert result.exit_code == 0, result.output
    labels = {i["label"] for stage in json.loads(result.output)["stages"] for i in stage["skills"]}
    assert labels and not labels & optional_only
    result = invoke_cli(
        "plan", "--target", target, "--data", esco_file, "--format", "json", "--include-optional"
    )
    assert result.exit_code == 0, result.output
    labels = {i["label"] for stage in json.loads(result.output)["stages"] for i in stage["skills"]}
    assert optional_only <= labels


@pytest.mark.parametrize("fmt", ["text", "markdown", "mermaid"])
def test_a_plan_of_skills_without_effort_says_no_hours_are_estimated(esco_file: Path, fmt: str) -> None:
    # ESCO gives no study hours: a plan of its skills counts none, which is not "0 h" to learn
    result = invoke_cli("plan", "--target", "software developer", "--data", esco_file, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "no study hours estimated" in result.stdout
    assert not re.search(r"(?<![\d.])0 h\b", result.stdout), result.stdout


def test_show_groups_requirements_by_importance(esco_file: Path, esco: skillgraph.SkillGraph) -> None:
    target = occupation_with_optional(esco)
    result = invoke_cli("show", target, "--data", esco_file, "--format", "json")
    assert result.exit_code == 0, result.output
    relations = json.loads(result.output)["relations"]
    kinds = {(o, s): t for (o, s), t in esco_relations().items() if o == target}
    assert {r["iri"] for r in relations["requires (essential)"]} == {
        s for (_, s), t in kinds.items() if "essential" in t
    }
    assert {r["iri"] for r in relations["requires (optional)"]} == {
        s for (_, s), t in kinds.items() if "essential" not in t
    }
    text = invoke_cli("show", target, "--data", esco_file).output
    assert "requires (essential)" in text and "requires (optional)" in text and "unstated" in text


def test_curated_requirements_are_essential_with_stated_levels(graph: skillgraph.SkillGraph) -> None:
    for role in graph.nodes("role") + graph.nodes("specialization"):
        assert graph.requirements(role) == graph.requirements(role, include_optional=True)
        assert all(r.stated for r in effective_requirements(graph, role).values())


def _onet_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "Technology Skills.txt").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _generic(rows: list[dict[str, str]]) -> set[str]:
    """Office, e-mail, browser and meeting software, by O*NET's commodity classes and by how many
    occupations list it (in a file of many occupations)."""
    from skillgraph.importers.onet import GENERIC_CLASSES, GENERIC_MIN_OCCUPATIONS, GENERIC_SHARE

    occupations = {r["O*NET-SOC Code"] for r in rows}
    listed: dict[str, set[str]] = {}
    for r in rows:
        listed.setdefault(r["Example"], set()).add(r["O*NET-SOC Code"])
    found = {r["Example"] for r in rows if r["Commodity Code"] in GENERIC_CLASSES}
    if len(occupations) >= GENERIC_MIN_OCCUPATIONS:
        found |= {name for name, codes in listed.items() if len(codes) >= GENERIC_SHARE * len(occupations)}
    return found


def check_onet_importance(graph: skillgraph.SkillGraph, rows: list[dict[str, str]]) -> None:
    """Each class of an occupation's own technology is a choice; it is essential when O*NET flags
    one of the occupation's examples In Demand; generic software never is."""
    generic = _generic(rows)
    in_demand: set[tuple[str, str]] = set()  # (occupation, example)
    class_in_demand: set[tuple[str, str]] = set()  # (occupation, commodity class)
    for r in rows:
        if r["In Demand"] == "Y" and r["Example"] not in generic:
            in_demand.add((r["O*NET-SOC Code"], r["Example"]))
            class_in_demand.add((r["O*NET-SOC Code"], r["Commodity Title"]))
    for occupation in (k for k in graph.nodes("role") if "/onet/occupation/" in k):
        code = occupation.rsplit("/", 1)[1]
        for skill in graph.requirements(occupation, include_optional=True):
            options = {graph.label(a) for a in graph.alternatives(skill)} or {graph.label(skill)}
            essential = graph.importance(occupation, skill) == "essential"
            assert not (essential and options & generic), (code, graph.label(skill))
            if not options & generic:
                flagged = class_in_demand if graph.alternatives(skill) else in_demand
                assert essential == ((code, graph.label(skill)) in flagged), (code, graph.label(skill))


def test_onet_in_demand_classes_are_essential_and_generic_software_never(onet: skillgraph.SkillGraph) -> None:
    check_onet_importance(onet, _onet_rows(ONET_DIR))


def test_onet_tasks_reach_the_view(onet: skillgraph.SkillGraph) -> None:
    with (ONET_DIR / "Task Statements.txt").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows[:50]:
        assert (
            r["Task"]
            in onet.node(f"https://w3id.org/skillgraph/onet/occupation/{r['O*NET-SOC Code']}")["tasks"]
        )


def test_path_between_occupations_without_ladder_is_a_transition(
    esco_file: Path, esco: skillgraph.SkillGraph
) -> None:
    occupations = [k for k in esco.nodes("role") if k.startswith("http://data.europa.eu/esco/")]
    source, target = next(
        (a, b)
        for a in occupations
        for b in occupations
        if a != b and set(esco.requirements(a)) & set(esco.requirements(b))
    )
    result = invoke_cli("path", source, target, "--data", esco_file)
    assert result.exit_code == 0, result.output
    assert "a transition, not a ladder" in result.output
    data = json.loads(invoke_cli("path", source, target, "--data", esco_file, "--format", "json").output)
    assert data["kind"] == "transition" and 0 < data["transition_score"] <= 1
    # what to learn covers the target's essential requirements the source does not meet
    learned = {s["iri"] for step in data["steps"] for s in step["skills"]}
    known = set(effective_requirements(esco, source))
    missing = set(effective_requirements(esco, target)) - known
    assert missing <= learned | {p for s in known for p in esco.all_prerequisites(s)}


def test_path_with_nothing_in_common_exits_1(write_ttl) -> None:
    body = "".join(
        f'ex:{r} a sg:Role ; sg:level 0 ; skos:prefLabel "{r} role"@en ;\n'
        f"  sg:requirement [ a sg:SkillRequirement ; sg:skill ex:{r}-skill ] .\n"
        f'ex:{r}-skill a sg:Skill ; skos:prefLabel "{r} skill"@en .\n'
        for r in ("alpha", "beta")
    )
    path = write_ttl(body)
    result = invoke_cli("path", "alpha role", "beta role", "--data", path)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "nothing in common" in result.output
    # down one's own ladder is not a move either
    assert invoke_cli("path", "senior", "junior").exit_code == 1
