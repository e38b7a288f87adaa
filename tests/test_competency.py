"""Competency questions: what a senior backend engineer or a career coach would ask the graph.

Each test asks one question through the command line (JSON output) or the Python API and
checks the answer against principles (docs/plan.md, docs/content.md, docs/model.md), with
the expectation computed here from the graph's edges, not copied from an answer.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib

import skillgraph
from tests.helpers import ROOT, invoke_cli

RANK = {"foundational": 1, "intermediate": 2, "advanced": 3, "expert": 4}
ANY_LEVEL = 4  # a skill given without a level meets any level asked
SG_ONTO = "https://w3id.org/skillgraph/ontology#"


# --------------------------------------------------------------------------------------
# Independent readings of the graph (from the NetworkX edges, not the library's helpers)
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def g() -> skillgraph.SkillGraph:
    return skillgraph.load()


def edges(g, relation):
    return [(u, v, d) for u, v, k, d in g.nx.edges(keys=True, data=True) if k == relation]


def alternatives(g) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges(g, "any_of"):
        found[u].add(v)
    return found


def direct_needs(g) -> dict[str, set[str]]:
    """Skill -> what must be known first: own prerequisites plus those of every choice it
    is (transitively) an alternative of."""
    own: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges(g, "has_prerequisite"):
        own[u].add(v)
    parents: dict[str, set[str]] = defaultdict(set)
    for choice, alts in alternatives(g).items():
        for alt in alts:
            parents[alt].add(choice)
    needs: dict[str, set[str]] = {}
    for skill in g.nodes("skill"):
        found = set(own[skill])
        seen, stack = set(), list(parents[skill])
        while stack:
            choice = stack.pop()
            if choice not in seen:
                seen.add(choice)
                found |= own[choice]
                stack.extend(parents[choice])
        found.discard(skill)
        needs[skill] = found
    return needs


def closure(g, skill: str) -> set[str]:
    needs = direct_needs(g)
    found, stack = set(), list(needs.get(skill, ()))
    while stack:
        s = stack.pop()
        if s not in found:
            found.add(s)
            stack.extend(needs.get(s, ()))
    return found


def coverages(g) -> dict[str, list[tuple[str, int, int]]]:
    """Skill -> (skill covered, highest level, level the coverer is needed at), from the edges."""
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for u, v, d in edges(g, "covers"):
        found[u].append((v, d["proficiency"], d.get("from_proficiency") or 1))
    return found


def implied_known(g, have: dict[str, int]) -> dict[str, int]:
    """Knowing a skill at r implies its prerequisites at max(1, min(r, 2)) and what it covers
    at min(r, the coverage's level), transitively."""
    needs = direct_needs(g)
    covers = coverages(g)
    known = dict(have)
    stack = list(known)
    while stack:
        s = stack.pop()
        level = max(1, min(known[s], 2))
        for p in needs.get(s, ()):
            if known.get(p, 0) < level:
                known[p] = level
                stack.append(p)
        for covered, cap, start in covers.get(s, ()):
            reach = min(known[s], cap) if known[s] >= start else 0
            if known.get(covered, 0) < reach:
                known[covered] = reach
                stack.append(covered)
    return known


def satisfied(g, skill: str, rank: int, known: dict[str, int]) -> bool:
    """Known at ``rank``; a choice of k (its ``count``) through k of its alternatives."""
    if known.get(skill, 0) >= rank:
        return True
    met = sum(satisfied(g, alt, rank, known) for alt in alternatives(g).get(skill, ()))
    return met >= (g.node(skill).get("count") or 1) if met else False


def have_ranks(g, have: str) -> dict[str, int]:
    ranks = {}
    for part in filter(None, have.split(",")):
        name, _, level = part.partition(":")
        ranks[g.resolve(name)] = RANK[level] if level else ANY_LEVEL
    return ranks


# --------------------------------------------------------------------------------------
# The CLI, as a user runs it
# --------------------------------------------------------------------------------------


def cli_json(*args: str):
    result = invoke_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def plan_json(target: str, have: str = "", *extra: str):
    args = ["plan", "--target", target, *extra]
    if have:
        args += ["--have", have]
    return cli_json(*args)


def plan_items(plan) -> list[dict]:
    return [item for stage in plan["stages"] for item in stage["skills"]]


def gap_items(gap) -> list[dict]:
    return [item for cat in gap["categories"] for item in cat["skills"]]


def show(name: str):
    return cli_json("show", name)


def effective(name: str) -> dict[str, int]:
    """What `show` says a role asks: its own requirements and those it inherits."""
    rel = show(name)["relations"]
    found: dict[str, int] = {}
    for wording in ("requires", "inherits"):
        for entry in rel.get(wording, ()):
            found[entry["iri"]] = max(found.get(entry["iri"], 0), RANK[entry["proficiency"]])
    return found


def role_iri(g, name: str) -> str:
    return g.resolve(name)


def state_after(g, have: str, plan) -> dict[str, int]:
    known = implied_known(g, have_ranks(g, have))
    for item in plan_items(plan):
        known[item["iri"]] = max(known.get(item["iri"], 0), item["proficiency"])
    return implied_known(g, known)


def assert_nothing_known_is_asked(g, have: str, items: list[dict]) -> None:
    known = implied_known(g, have_ranks(g, have))
    for item in items:
        held = known.get(item["iri"], 0)
        assert held < item["proficiency"], (
            f"{item['label']} asked at {item['proficiency']} but known or implied at {held}"
        )


# ======================================================================================
# The ladder
# ======================================================================================


def test_individual_contributor_track_runs_junior_to_principal():
    path = cli_json("path", "junior", "principal")
    assert [s["id"] for s in path["steps"]] == [
        "junior-backend-developer",
        "mid-level-backend-developer",
        "senior-backend-developer",
        "staff-engineer",
        "principal-engineer",
    ]


def test_management_track_is_reached_from_senior_or_through_lead(g):
    """Career frameworks let a senior engineer move into management directly, or after
    leading a team; either way the manager's requirements are the same."""
    direct = cli_json("path", "senior", "engineering manager")
    assert [s["id"] for s in direct["steps"]] == ["senior-backend-developer", "engineering-manager"]
    via_lead = cli_json("path", "lead", "engineering manager")
    assert [s["id"] for s in via_lead["steps"]] == ["lead-backend-developer", "engineering-manager"]
    assert g.resolve("lead") in {
        u for u, v, _ in edges(g, "progresses_to") if v == g.resolve("engineering manager")
    }


def test_specializations_branch_from_the_mid_level_role(g):
    mid = g.resolve("mid-level-backend-developer")
    for spec in ("database administrator", "devops", "cloud engineer"):
        origins = [v for u, v, _ in edges(g, "branches_from") if u == g.resolve(spec)]
        assert origins == [mid], spec


def test_path_to_devops_goes_through_the_role_it_branches_from(g):
    devops = g.resolve("devops")
    (origin,) = [v for u, v, _ in edges(g, "branches_from") if u == devops]
    steps = [s["iri"] for s in cli_json("path", "junior", "devops")["steps"]]
    assert steps[-1] == devops
    assert steps[-2] == origin


def test_seniority_level_rises_along_every_progression(g):
    for u, v, _ in edges(g, "progresses_to"):
        assert g.node(v)["level"] > g.node(u)["level"], (g.label(u), g.label(v))


def test_no_path_downwards():
    result = invoke_cli("path", "senior", "junior", "--format", "json")
    assert result.exit_code == 1


def test_every_role_has_typical_years_in_role(g):
    for role in g.nodes("role"):
        years = show(g.node(role)["id"])["typical_years_in_role"]
        assert years is not None, g.label(role)
        low, high = years
        assert 0 < low <= high <= 15, (g.label(role), years)


def test_path_typical_years_add_up_the_roles_before_the_target():
    path = cli_json("path", "junior", "principal")
    before = path["steps"][:-1]
    assert path["typical_years"] == [
        sum(s["typical_years_in_role"][0] for s in before),
        sum(s["typical_years_in_role"][1] for s in before),
    ]


def test_principal_takes_longer_to_reach_than_senior():
    senior = cli_json("path", "junior", "senior")["typical_years"]
    principal = cli_json("path", "junior", "principal")["typical_years"]
    assert principal[0] > senior[0] and principal[1] > senior[1]


# ======================================================================================
# Inheritance of requirements
# ======================================================================================


@pytest.mark.parametrize("higher", ["lead", "staff engineer"])
def test_what_senior_requires_lead_and_staff_require_too(higher):
    senior, above = effective("senior"), effective(higher)
    for skill, rank in senior.items():
        assert above.get(skill, 0) >= rank, (higher, skill)


def test_principal_requires_everything_staff_requires():
    staff, principal = effective("staff engineer"), effective("principal engineer")
    for skill, rank in staff.items():
        assert principal.get(skill, 0) >= rank, skill


def explicit_relaxations(name: str) -> tuple[set[str], dict[str, int]]:
    """What `show` says a role no longer requires, and what it asks only at a lower level."""
    rel = show(name)["relations"]
    dropped = {e["iri"] for e in rel.get("no longer requires", [])}
    lowered = {e["iri"]: RANK[e["proficiency"]] for e in rel.get("lowers", [])}
    return dropped, lowered


def assert_builds_on(below: str, above: str) -> None:
    """``above`` asks what ``below`` asks, at least as high, except where it says otherwise."""
    before, after = effective(below), effective(above)
    dropped, lowered = explicit_relaxations(above)
    for skill, rank in before.items():
        if skill in dropped:
            assert skill not in after, skill
        elif skill in lowered:
            assert after[skill] == lowered[skill] < rank, skill
        else:
            assert after.get(skill, 0) >= rank, (above, skill)


@pytest.mark.parametrize("spec", ["database administrator", "devops", "cloud engineer"])
def test_specialization_builds_on_the_mid_level_role_except_where_it_says(spec):
    assert_builds_on("mid-level-backend-developer", spec)


def test_manager_keeps_lead_requirements_except_explicit_relaxations():
    assert_builds_on("lead", "engineering manager")


def test_every_relaxation_gives_a_reason_and_stays_relaxed(g):
    for key in g.nodes("role") + g.nodes("specialization"):
        data = show(g.node(key)["id"])
        relaxed = data["relations"].get("no longer requires", []) + data["relations"].get("lowers", [])
        for entry in relaxed:
            assert entry.get("note"), (g.label(key), entry["label"])
        remaining = effective(g.node(key)["id"])
        lowered = {
            v: d["proficiency"] for u, v, d in edges(g, "relaxes") if u == key and d.get("proficiency")
        }
        for entry in relaxed:
            if entry["iri"] in lowered:  # still asked, at the lower level the relaxation states
                assert remaining[entry["iri"]] == lowered[entry["iri"]], (g.label(key), entry["label"])
                continue
            assert entry["iri"] not in remaining
            for skill in remaining:
                assert entry["iri"] not in closure(g, skill), (entry["label"], g.label(skill))


def test_inherited_requirements_name_a_role_below(g):
    lead = show("lead")
    below = {"Junior Backend Developer", "Backend Developer", "Senior Backend Developer"}
    inherited = lead["relations"]["inherits"]
    assert inherited
    for entry in inherited:
        askers = {
            s.removeprefix("asked by ").split(" at ")[0]
            for s in entry["sources"]
            if s.startswith("asked by ")
        }
        assert askers and askers <= below, entry


def test_an_inherited_requirement_lowered_on_the_way_says_by_whom_and_from_what(g):
    """DevOps asks a backend language at intermediate where Backend Developer asks advanced:
    `show` says both, so the two answers never seem to disagree."""
    seen = 0
    for key in g.nodes("role") + g.nodes("specialization"):
        for entry in show(g.node(key)["id"])["relations"].get("inherits", []):
            said = next(s for s in entry["sources"] if s.startswith("asked by "))
            asker = said.removeprefix("asked by ").split(" at ")[0]
            asked = effective(g.node(g.resolve(asker))["id"]).get(entry["iri"])
            if asked is not None and asked > RANK[entry["proficiency"]]:
                seen += 1
                assert f" at {g.level_label(asked)}, lowered by " in said, (g.label(key), said)
            else:
                assert "lowered" not in said, (g.label(key), said)
    assert seen


def test_roles_list_only_what_they_add(g):
    """A role's own requirement adds a skill or raises its level over the role below."""
    for key in g.nodes("role") + g.nodes("specialization"):
        before = [u for u, v, _ in edges(g, "progresses_to") if v == key]
        before += [v for u, v, _ in edges(g, "branches_from") if u == key]
        if not before:
            continue
        inherited = effective(g.node(before[0])["id"])
        for entry in show(g.node(key)["id"])["relations"].get("requires", []):
            assert RANK[entry["proficiency"]] > inherited.get(entry["iri"], 0), (
                g.label(key),
                entry["label"],
            )


def test_gap_to_lead_still_asks_sql(g):
    gap = cli_json("gap", "--target", "lead")
    sql = [i for i in gap_items(gap) if i["iri"] == g.resolve("sql")]
    assert sql, "a tech lead must still know SQL"
    assert sql[0]["proficiency"] >= RANK["intermediate"]


def test_staff_is_not_shallower_than_lead_in_architecture(g):
    """The staff track is the technical-depth track: in architecture it asks at least what the
    lead track asks."""
    lead, staff = effective("lead"), effective("staff engineer")
    for skill, rank in lead.items():
        if g.node(skill).get("category") == "architecture":
            assert staff.get(skill, 0) >= rank, (
                f"lead asks {g.label(skill)} at {rank}, staff at {staff.get(skill, 0)}"
            )


def test_individual_contributor_track_does_not_require_people_management(g):
    principal = effective("principal engineer")
    for skill in (g.resolve("people management"), g.resolve("hiring")):
        assert skill not in principal, g.label(skill)


def test_junior_and_mid_levels_stay_within_their_proficiency_band():
    assert max(effective("junior").values()) <= RANK["intermediate"]
    assert max(effective("mid-level-backend-developer").values()) <= RANK["advanced"]


# ======================================================================================
# What you know, and what it implies
# ======================================================================================


def test_python_developer_is_never_asked_programming_fundamentals(g):
    plan = plan_json("senior", "python")
    assert g.resolve("programming fundamentals") not in {i["iri"] for i in plan_items(plan)}


@pytest.mark.parametrize(
    ("target", "have"),
    [
        ("senior", "python,sql,git"),
        ("senior", "sql:intermediate"),
        ("lead", "java:advanced,kubernetes:intermediate"),
        ("devops", "linux"),
        ("engineering manager", "team leadership:foundational,django"),
        ("database administrator", "postgresql:advanced"),
    ],
)
def test_plan_never_asks_what_is_known_or_implied(g, target, have):
    assert_nothing_known_is_asked(g, have, plan_items(plan_json(target, have)))


def test_sql_at_intermediate_implies_relational_databases_up_to_intermediate(g):
    plan = plan_json("database administrator", "sql:intermediate")
    rel = [i for i in plan_items(plan) if i["iri"] == g.resolve("relational databases")]
    assert all(i["proficiency"] > RANK["intermediate"] for i in rel)
    gap = cli_json("gap", "--target", "senior", "--have", "sql:intermediate")
    assert g.resolve("relational databases") not in {i["iri"] for i in gap_items(gap)}


def test_gap_never_reports_what_is_known_or_implied(g):
    have = "python,sql:intermediate,git,docker"
    assert_nothing_known_is_asked(g, have, gap_items(cli_json("gap", "--target", "lead", "--have", have)))


def test_path_with_have_leaves_out_what_is_known(g):
    have = "python:advanced,sql:advanced"
    path = cli_json("path", "junior", "senior", "--have", have)
    items = [s for step in path["steps"] for s in step["skills"]]
    known = implied_known(g, have_ranks(g, have))
    for item in items:
        assert item["proficiency"] > known.get(item["iri"], 0), item["label"]


def test_expertise_implies_prerequisites_only_up_to_intermediate(g):
    """An expert in Kubernetes is not thereby an advanced Linux administrator."""
    linux = g.resolve("linux")
    assert linux in closure(g, g.resolve("kubernetes"))
    plan = plan_json("devops", "kubernetes:expert")
    (item,) = [i for i in plan_items(plan) if i["iri"] == linux]
    assert item["proficiency"] == effective("devops")[linux] > RANK["intermediate"]
    assert item["current"] == RANK["intermediate"] and item["status"] == "raise"


def test_a_choice_prerequisites_apply_to_its_alternatives(g):
    framework = g.resolve("backend web framework")
    shared = {v for u, v, _ in edges(g, "has_prerequisite") if u == framework}
    assert shared
    django = g.resolve("django")
    assert shared <= closure(g, django)
    plan = plan_json("junior", "django:intermediate")
    assert not shared & {i["iri"] for i in plan_items(plan) if i["proficiency"] <= RANK["intermediate"]}


def test_java_satisfies_the_backend_language_choice(g):
    language = g.resolve("backend programming language")
    plan = plan_json("senior", "java")
    assert language not in {c["choice"]["iri"] for c in plan["choices"]}
    other_languages = alternatives(g)[language] - {g.resolve("java")}
    assert not other_languages & {i["iri"] for i in plan_items(plan)}


@pytest.mark.parametrize("name", ["go", "c#", "php", "golang", "typescript", "kotlin", "ruby", "rust"])
def test_other_languages_resolve_and_meet_the_language_choice(g, name):
    language = g.resolve("backend programming language")
    plan = plan_json("junior", name)
    assert [h["iri"] for h in plan["have"]] == [g.resolve(name)]
    assert g.resolve(name) in alternatives(g)[language]
    assert language not in {c["choice"]["iri"] for c in plan["choices"]}


def test_unknown_skill_is_refused_with_a_suggestion():
    result = invoke_cli("plan", "--target", "senior", "--have", "pyhton")
    assert result.exit_code == 2
    assert "Python" in result.stderr


# ======================================================================================
# Effort and time
# ======================================================================================


def test_raising_sql_from_intermediate_to_advanced_costs_hours(g):
    sql = g.resolve("sql")
    hours = g.hours(sql, RANK["intermediate"], RANK["advanced"])
    assert hours is not None and hours > 0
    plan = plan_json("senior", "sql:intermediate")
    (item,) = [i for i in plan_items(plan) if i["iri"] == sql]
    assert item["status"] == "raise" and item["effort_hours"] == hours


def test_study_hours_rise_with_every_level(g):
    for skill in g.nodes("skill"):
        if g.node(skill).get("learned_by") == "practice" or g.node(skill).get("choice"):
            continue
        totals = [g.hours(skill, 0, r) for r in (1, 2, 3, 4)]
        assert None not in totals, g.label(skill)
        assert all(0 < a < b for a, b in itertools.pairwise(totals)), g.label(skill)
        assert g.hours(skill, 1, 3) == pytest.approx(g.hours(skill, 1, 2) + g.hours(skill, 2, 3))


def test_leadership_skills_are_practice_not_hours(g):
    plan = plan_json("engineering manager")
    lead_items = [i for i in plan_items(plan) if i["category"] in ("leadership", "people management")]
    assert lead_items
    for item in lead_items:
        assert item["learned_by"] == "practice" and item["effort_hours"] is None, item["label"]
    for name in ("communication", "mentoring", "team leadership"):
        assert g.hours(g.resolve(name), 0, 2) is None, name


def test_plan_item_hours_match_the_estimates(g):
    plan = plan_json("senior", "java:intermediate,sql:foundational")
    for item in plan_items(plan):
        # from the level held, or the level another planned item teaches it to (named in its covers)
        expected = g.hours(item["iri"], max(item["current"], item["taught_to"] or 0), item["proficiency"])
        if item["taught_to"]:
            assert any(f"{item['label']} to " in c for other in plan_items(plan) for c in other["covers"])
        if item["learned_by"] == "practice":
            assert item["effort_hours"] is None
        else:
            assert item["effort_hours"] == pytest.approx(expected), item["label"]


def test_plan_summary_adds_up_its_items():
    plan = plan_json("lead", "python")
    items = plan_items(plan)
    assert plan["summary"]["skills"] == len(items)
    assert plan["summary"]["effort_hours"] == pytest.approx(sum(i["effort_hours"] or 0 for i in items))
    for stage in plan["stages"]:
        assert stage["effort_hours"] == pytest.approx(sum(i["effort_hours"] or 0 for i in stage["skills"]))


def test_path_effort_adds_up_its_steps():
    path = cli_json("path", "junior", "principal")
    assert path["effort_hours"] == pytest.approx(sum(s["effort_hours"] for s in path["steps"]))


def test_plan_for_lead_costs_more_than_for_senior():
    senior, lead = plan_json("senior"), plan_json("lead")
    assert lead["summary"]["effort_hours"] > senior["summary"]["effort_hours"]


def test_every_step_up_the_ladder_costs_more_from_nothing(g):
    """A higher role costs more to reach, unless it explicitly relaxes skills; then it saves at
    most what those skills and their prerequisites cost."""
    for u, v, _ in edges(g, "progresses_to"):
        lower, higher = plan_json(g.node(u)["id"]), plan_json(g.node(v)["id"])
        relaxed = [e["iri"] for e in show(g.node(v)["id"])["relations"].get("no longer requires", [])]
        pair = (g.label(u), g.label(v))
        if not relaxed:
            assert higher["summary"]["skills"] >= lower["summary"]["skills"], pair
            assert higher["summary"]["effort_hours"] > lower["summary"]["effort_hours"], pair
        else:
            saved = {s for r in relaxed for s in {r} | closure(g, r)}
            most = sum(g.hours(s, 0, 4) or 0 for s in saved)
            assert higher["summary"]["effort_hours"] >= lower["summary"]["effort_hours"] - most, pair


def test_a_first_language_takes_the_editorial_hours(g):
    """docs/content.md: a first language takes 150-250 h to intermediate, counting everything it
    builds on (programming fundamentals included), and 2000+ h to expert, counting the language
    it builds on (TypeScript on JavaScript)."""
    language = g.resolve("backend programming language")
    for alt in alternatives(g)[language]:
        below = closure(g, alt)
        assert 150 <= sum(g.hours(s, 0, 2) or 0 for s in [alt, *below]) <= 250, g.label(alt)
        languages = [alt, *(s for s in below if g.node(s).get("category") == g.node(alt).get("category"))]
        assert sum(g.hours(s, 0, 4) for s in languages) >= 2000, g.label(alt)


def test_effort_optimisation_is_never_dearer_than_count():
    by_count = plan_json("senior", "git", "--optimize", "count")
    by_effort = plan_json("senior", "git", "--optimize", "effort")
    assert by_effort["summary"]["effort_hours"] <= by_count["summary"]["effort_hours"]
    assert by_count["summary"]["new"] <= by_effort["summary"]["new"]


# ======================================================================================
# Plans
# ======================================================================================


PLANS = [
    ("senior", "python,sql,git"),
    ("devops", "linux"),
    ("lead", ""),
    ("cloud engineer", "go:intermediate"),
]


@pytest.mark.parametrize(("target", "have"), PLANS)
def test_plan_stages_respect_prerequisites(g, target, have):
    plan = plan_json(target, have)
    stage_of = {i["iri"]: stage["stage"] for stage in plan["stages"] for i in stage["skills"]}
    needs = direct_needs(g)
    for skill, stage in stage_of.items():
        for pre in needs.get(skill, ()):
            if pre in stage_of:
                assert stage_of[pre] < stage, (g.label(pre), g.label(skill))


@pytest.mark.parametrize(("target", "have"), PLANS)
def test_plan_is_closed_under_prerequisites(g, target, have):
    plan = plan_json(target, have)
    state = state_after(g, have, plan)
    needs = direct_needs(g)
    for item in plan_items(plan):
        for pre in needs.get(item["iri"], ()):
            assert satisfied(g, pre, 1, state), (item["label"], g.label(pre))


@pytest.mark.parametrize(("target", "have"), PLANS)
def test_plan_meets_every_requirement_of_the_target(g, target, have):
    plan = plan_json(target, have)
    state = state_after(g, have, plan)
    for skill, rank in effective(target).items():
        assert satisfied(g, skill, rank, state), g.label(skill)


@pytest.mark.parametrize(("target", "have"), PLANS)
def test_plan_items_are_needed_and_never_a_choice(g, target, have):
    plan = plan_json(target, have)
    choices = alternatives(g)
    for item in plan_items(plan):
        assert item["iri"] not in choices, item["label"]
        assert item["reason"] == "required" or item["needed_for"], item["label"]
    assert plan["order"] == [i["id"] for i in plan_items(plan)]


def test_a_plan_is_met_when_everything_is_known(g):
    have = ",".join(f"{g.node(s)['id']}:{rank}" for s, rank in effective("junior").items())
    plan = plan_json("junior", have)
    assert plan["met"] is True and plan["stages"] == []
    gap = cli_json("gap", "--target", "junior", "--have", have)
    assert gap["met"] is True and gap["missing"] == 0


def test_gap_lists_a_weaker_skill_as_a_raise(g):
    gap = cli_json("gap", "--target", "senior", "--have", "sql:foundational")
    (sql,) = [i for i in gap_items(gap) if i["iri"] == g.resolve("sql")]
    assert sql["status"] == "raise" and sql["current"] == 1
    # every row not held at the level asked is missing; the others are held as asked and raised
    # further as a prerequisite, which they say
    assert gap["missing"] == sum(1 for i in gap_items(gap) if i["current"] < i["proficiency"])
    assert all(i["learned_to"] for i in gap_items(gap) if i["current"] >= i["proficiency"])


# ======================================================================================
# Content: concepts a backend career needs
# ======================================================================================


def test_junior_requires_a_security_skill(g):
    assert any(g.node(s).get("category") == "security" for s in effective("junior"))


def test_senior_requires_system_design_and_mentoring(g):
    senior = effective("senior")
    assert senior.get(g.resolve("system design"), 0) >= RANK["advanced"]
    assert g.resolve("mentoring") in senior


def test_every_skill_a_trend_drives_is_asked_by_some_role(g):
    asked: set[str] = set()
    for key in g.nodes("role") + g.nodes("specialization"):
        for skill in effective(g.node(key)["id"]):
            asked |= {skill} | closure(g, skill)
    choices = alternatives(g)
    reachable, stack = set(asked), list(asked)
    while stack:  # through the alternatives of choices, and what those need
        for alt in choices.get(stack.pop(), set()):
            for skill in {alt} | closure(g, alt):
                if skill not in reachable:
                    reachable.add(skill)
                    stack.append(skill)
    for u, v, _ in edges(g, "drives"):
        assert v in reachable, f"{g.label(u)} drives {g.label(v)}, which no role asks"
    for name in ("websocket", "serverless architecture"):
        assert g.resolve(name) in reachable


def test_cqrs_and_event_sourcing_are_separate_from_event_driven_architecture(g):
    keys = {g.resolve(n) for n in ("cqrs", "event sourcing", "event-driven architecture")}
    assert len(keys) == 3


def test_data_structures_and_algorithms_is_a_prerequisite_and_required(g):
    dsa = g.resolve("data structures and algorithms")
    assert any(v == dsa for _, v, _ in edges(g, "has_prerequisite"))
    assert any(v == dsa for _, v, _ in edges(g, "requires"))


def test_oop_exists_and_precedes_design_patterns(g):
    oop = g.resolve("object-oriented programming")
    assert oop in closure(g, g.resolve("design patterns"))


def test_oop_is_not_implied_by_python_go_or_rust(g):
    oop = g.resolve("object-oriented programming")
    for name in ("python", "go", "rust"):
        assert oop not in closure(g, g.resolve(name)), name


def test_architecture_is_not_tied_to_one_paradigm(g):
    """A Go or functional developer designs systems without classes: knowing software
    architecture or system design must not imply object-oriented programming."""
    oop = g.resolve("object-oriented programming")
    for name in ("software architecture", "system design", "microservices"):
        assert oop not in closure(g, g.resolve(name)), name


def test_distributed_systems_do_not_imply_sql(g):
    """Consensus, replication and partial failure are learned without any query language."""
    sql = g.resolve("sql")
    for name in ("distributed systems", "microservices"):
        assert sql not in closure(g, g.resolve(name)), name


def test_real_time_delivery_needs_one_transport_not_all(g):
    """Real-time delivery works over WebSocket alone; long polling and SSE are alternatives."""
    rtd = g.resolve("real-time delivery")
    transports = {g.resolve(n) for n in ("websocket", "server-sent events", "long polling")}
    assert len(transports & closure(g, rtd)) <= 1


def test_non_web_concepts_do_not_depend_on_http(g):
    """docs/content.md's two questions: load balancing (TCP), password hashing and message
    queues are learned and known without HTTP."""
    http = g.resolve("http")
    for name in ("load balancing", "password hashing", "message queues"):
        assert http not in closure(g, g.resolve(name)), name


def test_no_fundamental_requires_an_advanced_topic(g):
    """A computing fundamental is learned from other fundamentals only (HTTP needs no TLS)."""
    assert g.resolve("encryption and tls") not in closure(g, g.resolve("http"))
    for skill in g.nodes("skill"):
        if g.node(skill).get("category") == "computing fundamentals":
            for pre in closure(g, skill):
                assert g.node(pre).get("category") == "computing fundamentals", (g.label(skill), g.label(pre))


@pytest.mark.parametrize(("origin", "target"), [("junior", "principal"), ("junior", "devops")])
def test_path_lists_each_skill_after_its_prerequisites(g, origin, target):
    needs = direct_needs(g)
    path = cli_json("path", origin, target)
    assert path["steps"][0]["skills"] == []  # the role one starts in is held: nothing to learn there
    held = implied_known(g, effective(origin))
    seen: set[str] = set()
    for step in path["steps"]:
        listed = [s["iri"] for s in step["skills"]]
        for index, skill in enumerate(listed):
            for pre in needs.get(skill, ()):
                if pre in listed:
                    assert listed.index(pre) < index, (step["label"], g.label(pre), g.label(skill))
        seen |= set(listed)
    for skill, rank in effective(target).items():
        assert skill in seen or held.get(skill, 0) >= rank, g.label(skill)


def test_prerequisites_are_acyclic_and_minimal(g):
    own: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges(g, "has_prerequisite"):
        own[u].add(v)

    def reach(start: str) -> set[str]:
        found, stack = set(), list(own[start])
        while stack:
            s = stack.pop()
            if s not in found:
                found.add(s)
                stack.extend(own[s])
        return found

    for skill in list(own):
        assert skill not in reach(skill), g.label(skill)
        for pre in own[skill]:
            others = set().union(*(reach(o) for o in own[skill] - {pre}))
            assert pre not in others, f"{g.label(skill)} -> {g.label(pre)} is redundant"


def test_dba_is_expert_in_sql_and_devops_knows_its_pipeline(g):
    dba, devops = effective("database administrator"), effective("devops")
    assert dba[g.resolve("sql")] >= RANK["advanced"]
    for name in ("ci/cd", "containers", "infrastructure as code"):
        assert devops.get(g.resolve(name), 0) >= RANK["advanced"], name


# ======================================================================================
# Sources and links
# ======================================================================================


def test_show_cites_rfc_9110_for_http():
    assert any("rfc9110" in ref for ref in show("http")["references"])


def test_every_role_and_specialization_links_to_esco_or_onet(g):
    for key in g.nodes("role") + g.nodes("specialization"):
        matches = [m["iri"] for m in show(g.node(key)["id"])["matches"]]
        assert any("data.europa.eu/esco" in m or "/onet/" in m for m in matches), g.label(key)


def test_seed_graphs_hold_only_what_the_seed_states():
    """A seed graph holds labels, definitions and relations the seed states about concepts
    it names: no requirement, level, prerequisite, category, effort, years or reference."""
    data = rdflib.Dataset()
    data.parse(Path(ROOT, "ontology/data/backend-career.trig"), format="trig")
    forbidden = {
        SG_ONTO + name
        for name in (
            "requirement",
            "hasPrerequisite",
            "level",
            "category",
            "effort",
            "typicalYearsMin",
            "typicalYearsMax",
            "branchesFrom",
            "relaxation",
            "learnedBy",
        )
    } | {"http://purl.org/dc/terms/source", str(rdflib.SKOS.exactMatch), str(rdflib.SKOS.closeMatch)}
    seed_quads = [
        q for q in data.quads((None, None, None, None)) if q[3] is not None and "/seed-" in str(q[3])
    ]
    assert seed_quads
    named = {s for s, p, _, _ in seed_quads if p == rdflib.SKOS.prefLabel}
    for s, p, _, graph in seed_quads:
        assert str(p) not in forbidden, (graph, s, p)
        assert s in named, f"{graph}: {s} is not a concept the seed names"


# ======================================================================================
# The shape of the answers
# ======================================================================================


def test_every_answer_has_the_documented_keys():
    plan = plan_json("senior", "java")
    assert {"target", "objective", "optimal", "met", "have", "choices", "summary", "stages", "order"} <= set(
        plan
    )
    assert {"skills", "new", "raise", "stages", "effort_hours", "unestimated"} <= set(plan["summary"])
    item_keys = {
        "id", "iri", "label", "category", "proficiency", "proficiency_label", "current",
        "current_label", "status", "reason", "stage", "prerequisites", "needed_for",
        "satisfies", "alternatives", "effort_hours",
    }  # fmt: skip
    for item in plan_items(plan):
        assert item_keys <= set(item), item_keys - set(item)
    gap = cli_json("gap", "--target", "senior", "--have", "java")
    assert {"target", "have", "met", "missing", "categories"} <= set(gap)
    path = cli_json("path", "junior", "senior")
    assert {"from", "to", "have", "steps", "effort_hours", "typical_years"} <= set(path)
    for step in path["steps"]:
        assert {
            "id",
            "iri",
            "label",
            "type",
            "level",
            "skills",
            "effort_hours",
            "typical_years_in_role",
        } <= set(step)
        for skill in step["skills"]:
            assert {"id", "iri", "label", "category", "proficiency", "proficiency_label", "current",
                    "reason", "needed_for", "alternatives", "effort_hours"} <= set(skill)  # fmt: skip
    node = show("senior")
    assert {
        "id",
        "iri",
        "type",
        "label",
        "alt_labels",
        "description",
        "provenance",
        "matches",
        "relations",
    } <= set(node)


# ======================================================================================
# What knowing a skill covers, depth where ladders ask for it, and what a manager does
# ======================================================================================


def gap_ids(target: str, have: str) -> set[str]:
    gap = cli_json("gap", "--target", target, "--have", have)
    return {skill["id"] for category in gap["categories"] for skill in category["skills"]}


def test_a_full_stack_framework_covers_its_orm_and_migrations():
    """An advanced Django (or Rails, or Laravel) developer is not sent to learn ORMs and
    schema migrations: the framework is how they learned them."""
    for framework, language in (("django", "python"), ("ruby on rails", "ruby"), ("laravel", "php")):
        missing = gap_ids("mid", f"{language}:advanced,{framework}:advanced")
        assert not {"orm", "schema-migrations", "rest-apis", "apis"} & missing, (framework, missing)


def test_an_api_framework_covers_apis_and_rest():
    for framework, language in (("spring boot", "java"), ("express", "javascript"), ("fastapi", "python")):
        missing = gap_ids("mid", f"{language}:advanced,{framework}:advanced")
        assert not {"apis", "rest-apis"} & missing, (framework, missing)


def test_coverage_is_not_a_prerequisite_and_never_runs_backwards(g):
    """Learning Django does not need ORMs first, and knowing what a skill covers says nothing of
    the skill: knowing ORMs at expert level is not knowing Django."""
    covers = coverages(g)
    assert covers, "the graph states what frameworks and tools cover"
    needs = direct_needs(g)
    for skill, covered in covers.items():
        for target, _, _ in covered:
            assert target not in needs.get(skill, set()) or target in closure(g, skill)
            if skill in closure(g, target):
                continue  # what the covered skill is built on is implied by it, coverage or not
            known = implied_known(g, {target: 4})
            assert known.get(skill, 0) == 0, (g.label(target), g.label(skill))


def test_querying_a_database_is_not_operating_it(g):
    """A developer who uses PostgreSQL at a working level has not run it in production: knowing a
    database product below advanced implies no database operations, backups or Linux; an
    advanced user has run one (a first level of operations)."""
    operations = g.resolve("database operations")
    linux, backups = g.resolve("linux"), g.resolve("backup and recovery")
    products = [s for s, covered in g.covers.items() if operations in {c for c, _, _ in covered}]
    assert len(products) >= 2
    for product in products:
        known = implied_known(g, {product: 2})
        assert not {operations, linux, backups} & {k for k, r in known.items() if r}, g.label(product)
        assert implied_known(g, {product: 3}).get(operations, 0) >= 1, g.label(product)


def test_a_managed_service_does_not_make_one_a_platform_engineer(g):
    """Knowing AWS Lambda well is not knowing AWS at a working level; knowing Kubernetes well
    is knowing containers at a working level (not building and hardening images), but knowing
    containers is not knowing Kubernetes."""
    lambda_, aws = g.resolve("aws lambda"), g.resolve("aws")
    assert implied_known(g, {lambda_: 4}).get(aws, 0) <= 1
    assert "cloud-platform" in gap_ids("cloud engineer", "aws lambda:expert")
    k8s, containers = g.resolve("kubernetes"), g.resolve("docker")
    assert implied_known(g, {k8s: 3})[containers] == RANK["intermediate"]
    assert implied_known(g, {containers: 4}).get(k8s, 0) == 0


def test_senior_asks_depth_in_some_api_and_architecture_styles_not_all(g):
    """Ladders ask a senior engineer for depth in one or two of these and judgement about the
    rest; requiring every one of them is a wish list, not a ladder."""
    styles = {
        g.resolve(n)
        for n in (
            "grpc",
            "graphql",
            "real-time delivery",
            "serverless architecture",
            "kubernetes",
            "service-oriented architecture",
            "domain-driven design",
            "cqrs",
            "event sourcing",
            "microservices",
            "event-driven architecture",
        )
    }
    for role in ("senior", "staff", "principal"):
        assert len(styles & set(effective(role))) <= 2, role
    # a senior engineer deep in GraphQL and in microservices and event-driven architecture
    # is not asked for gRPC, real time, serverless, CQRS or event sourcing
    have = "python:advanced,graphql:intermediate,microservices:intermediate,event-driven architecture:intermediate"
    missing = gap_ids("senior", have)
    assert not {"grpc", "real-time-delivery", "serverless", "cqrs", "event-sourcing"} & missing
    counted = [c for c in alternatives(g) if (g.node(c).get("count") or 1) > 1]
    assert counted, "a ladder asking for two of several says so with a count"


def test_a_dba_masters_one_relational_database():
    """A DBA is deep in the database they run, not in every product on the market."""
    missing = gap_ids("dba", "postgresql:advanced")
    assert not {"mysql", "mongodb", "redis", "search-engines", "postgresql"} & missing, missing
    missing = gap_ids("dba", "mysql:advanced")
    assert "postgresql" not in missing


def test_specializations_do_not_inherit_the_web_application_stack(g):
    dba = effective("dba")
    by_id = {g.node(iri)["id"]: rank for iri, rank in dba.items()}
    assert not {"cors", "graphql", "openapi", "jwt", "oauth-oidc"} & set(by_id)
    assert by_id.get("orm", 0) <= 1


HANDS_ON = {
    "API",
    "architecture",
    "caching",
    "database",
    "security",
    "engineering practice",
    "infrastructure",
    "cloud",
    "operations and reliability",
    "messaging and real time",
    "data processing",
    "framework",
    "programming language",
    "computing fundamentals",
}


def test_a_manager_discusses_architecture_and_is_not_asked_to_practise_it(g):
    """Career frameworks ask an engineering manager to weigh technical trade-offs with the
    team, not to be advanced at hands-on work; people, delivery and organisation are graded."""
    manager = effective("engineering manager")
    # what a manager runs rather than practises: the team's process, incidents, its documents
    runs = {g.resolve(n) for n in ("agile", "incident response", "technical documentation")}
    hands_on = {s: r for s, r in manager.items() if g.node(s).get("category") in HANDS_ON and s not in runs}
    assert hands_on and max(hands_on.values()) <= RANK["intermediate"], {
        g.label(s): r for s, r in hands_on.items() if r > 2
    }
    # a first-line manager leads people and delivery at advanced; designing the organisation
    # and its budget grows with the scope (director work), so a working level is asked first
    for name in ("conflict resolution", "delivery process management", "people management", "hiring"):
        assert manager.get(g.resolve(name), 0) >= RANK["advanced"], name
    for name in ("organisation design", "headcount and budget planning"):
        assert RANK["foundational"] <= manager.get(g.resolve(name), 0) <= RANK["intermediate"], name
    assert all(rank <= RANK["advanced"] for rank in manager.values())


def test_ladders_grade_behaviours_as_well_as_technology(g):
    senior = effective("senior")
    for name in (
        "product and business thinking",
        "project ownership",
        "technical debt management",
        "working with ambiguity",
    ):
        assert senior.get(g.resolve(name), 0) >= RANK["intermediate"], name
    assert effective("staff")[g.resolve("cross-team influence")] >= RANK["advanced"]
    frameworks = {
        ref
        for name in ("project ownership", "organisation design", "working with ambiguity")
        for ref in show(name).get("references", [])
    }
    assert frameworks and all(ref.startswith("https://") for ref in frameworks)


def test_senior_comes_after_four_to_eight_years():
    path = cli_json("path", "junior", "senior")
    assert path["typical_years"] == [4, 8]


def test_validate_rejects_a_coverage_cycle(tmp_path):
    bad = tmp_path / "cycle.ttl"
    bad.write_text(
        "@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n"
        "@prefix sgd: <https://w3id.org/skillgraph/id/> .\n"
        "sgd:orm sg:covers [ a sg:Coverage ; sg:skill sgd:django ; sg:proficiency sg:Foundational ] .\n"
    )
    result = invoke_cli("validate", str(bad))
    assert result.exit_code == 1
    assert "cycle" in result.output and "django" in result.output and "orm" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_mark_without_a_level_records_a_stated_one_and_keeps_it_after(tmp_path):
    me = tmp_path / "me.yaml"
    first = invoke_cli("mark", "python", "--profile", str(me))
    assert first.exit_code == 0 and "intermediate" in first.output
    assert "python: intermediate" in me.read_text()
    assert invoke_cli("mark", "python:advanced", "--profile", str(me)).exit_code == 0
    again = invoke_cli("mark", "python", "--profile", str(me))
    assert again.exit_code == 0 and "advanced" in again.output
    assert "python: advanced" in me.read_text()
    # a profile written before, with a skill and no level, still reads
    me.write_text("skills:\n  git:\n")
    assert cli_json("gap", "--target", "junior", "--profile", str(me))["missing"] >= 1


def test_a_beginner_is_sent_to_git_the_command_line_and_http_first(g):
    """Knowing Python and SQL, the first steps include Git, the command line and HTTP (or what
    HTTP itself needs first): what later steps build on or use daily, before frameworks or
    process."""
    first = [
        i["id"] for i in cli_json("next", "--target", "junior", "--have", "python,sql", "--top", "6")["next"]
    ]
    assert {"git", "linux"} <= set(first), first
    before_http = {g.node(k)["id"] for k in direct_needs(g).get(g.resolve("http"), ())}
    assert "http" in first or before_http & set(first), first
    for item in cli_json("next", "--target", "senior", "--have", "python,sql")["next"]:
        assert not item["why"].startswith("meets " + item["label"])


def test_a_choice_names_the_alternatives_that_build_on_what_the_learner_picked(g):
    """A Go developer's web framework is Gin or net/http: the answer says which build on Go."""
    from skillgraph.algorithms.knowledge import building_on

    picks = sorted({alt for alts in g.choices.values() for alt in alts}, key=g.label)
    for pick in picks:
        known = {pick: 2}
        for choice, alternatives in g.choices.items():
            fits = building_on(g, choice, known)
            on_pick = {
                a
                for a in alternatives
                if pick in g.needs.get(a, ()) or pick in {c for c, _, _ in g.covers.get(a, ())}
            }
            if on_pick and len(on_pick) < len(alternatives):
                assert set(fits) == on_pick, (g.label(pick), g.label(choice))
            else:  # nothing told apart: no alternative is singled out
                assert not fits, (g.label(pick), g.label(choice))
    go = g.resolve("go")
    # the path learns the framework building on Go where it costs less than a typical one, and
    # says which choice it is for; else it names the choice and what builds on Go
    item = next(
        i
        for s in skillgraph.career_path(g, g.resolve("junior"), g.resolve("mid"), have={go: 2}).steps
        for i in s.skills
        if any(pick == g.label(go) for _, pick in i.builds_on)
    )
    if item.alternatives:
        assert {alt for alt, _ in item.builds_on} <= set(item.alternatives)
    else:
        framework = g.resolve(item.for_choice)
        assert item.key in building_on(g, framework, {go: 2})
        assert {alt for alt, _ in item.builds_on} == {item.label}
    text = invoke_cli("gap", "--target", "mid", "--have", "go:2").output
    assert f"on your {g.label(go)}" in text


def test_a_platform_known_picks_its_own_service_in_plan_and_path(g):
    """An Azure engineer asked for a functions platform learns Azure Functions, an AWS engineer
    AWS Lambda: of alternatives costing the same, the plan and the path both take the one that
    covers the platform the learner knows, never one picked by its name's place in the alphabet."""
    from skillgraph.algorithms.plan import plan

    found = 0
    for choice, alternatives in g.choices.items():
        for alt in alternatives:
            for platform in {c for c, _, _ in g.covers.get(alt, ())}:
                if not any(platform in alts for alts in g.choices.values()):
                    continue  # not a pick: nothing to build on
                others = [a for a in alternatives if a != alt]
                for role in g.nodes("role") + g.nodes("specialization"):
                    if choice not in g.requirements(role):
                        continue
                    known = {platform: 3}
                    picked = {item.key for item in plan(g, role, known).items}
                    assert alt in picked and not picked & set(others), (g.label(role), g.label(alt))
                    path = skillgraph.career_path(g, g.resolve("junior"), role, have=known)
                    counted = {
                        i.label for s in path.steps for i in s.skills if i.for_choice == g.label(choice)
                    }
                    assert counted <= {g.label(alt)}, (g.label(role), counted)
                    found += len(counted)
                    break
    assert found >= 3  # AWS Lambda, Azure Functions, Cloud Run functions, each counted by a path


@pytest.mark.parametrize(
    "have", ["sql:2", "sql:2,python:3", "infrastructure as code:2", "sql:3,postgresql:1", "apis:2,rest:2"]
)
def test_nothing_is_listed_to_learn_that_is_held_at_the_level_listed(g, have):
    """A prerequisite learned first only in part, already held that far, is not an item of 0 h."""
    from skillgraph.algorithms.plan import plan

    known = {g.resolve(n.split(":")[0]): int(n.split(":")[1]) for n in have.split(",")}
    for role in g.nodes("role") + g.nodes("specialization"):
        for item in plan(g, role, known).items:
            assert item.current < item.proficiency, (g.label(role), item.label)
        for step in skillgraph.career_path(g, ladder_start_of(g, role), role, have=known).steps:
            for entry in step.skills:
                assert entry.current < entry.proficiency, (g.label(role), entry.label)


def ladder_start_of(g, role):
    from skillgraph.algorithms.progress import ladder_start

    return ladder_start(g, role)


def test_a_language_known_at_a_working_level_is_its_own_concurrency(g):
    """Threads and asyncio are Python's standard library, async/await C#'s, coroutines Kotlin's,
    threads Java's, goroutines Go's: a developer who knows one of these languages at a working
    level is not taught concurrency from nothing. Browser JavaScript is promises over one event
    loop (foundational) and JSON its object notation."""
    concurrency = g.resolve("concurrency and asynchronous programming")
    for name in ("python", "java", "c#", "kotlin", "go", "javascript (node.js)"):
        known = implied_known(g, {g.resolve(name): 3})
        assert known.get(concurrency, 0) >= 2, name
    known = implied_known(g, {g.resolve("javascript"): 3})
    assert known.get(concurrency, 0) == 1
    assert known.get(g.resolve("data formats and serialization"), 0) >= 1
