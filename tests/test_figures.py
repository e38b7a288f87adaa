"""One figure for one question: path, progress, plan, the schedule and SPARQL agree on hours,
or the command says why its figure differs."""

from __future__ import annotations

import datetime
import json

import pytest

import skillgraph
from skillgraph import sparql
from skillgraph.algorithms.knowledge import held, implied, implied_level
from skillgraph.algorithms.plan import gap, plan, target_requirements
from skillgraph.algorithms.progress import ladder_start, progress
from skillgraph.algorithms.schedule import schedule
from tests.helpers import invoke_cli

#: Learners as a coach meets them: a beginner, a Django developer, a Java/Spring developer,
#: a Go developer, someone with Python and SQL, an experienced Python engineer, and a beginner
#: who knows the basics of SQL databases and HTTP (asked at that level, needed higher).
PROFILES = {
    "nothing": {},
    "django": {"django": 3, "sql": 2, "git": 2},
    "java": {"java": 3, "spring boot": 2, "sql": 2},
    "go": {"go": 2, "docker": 2},
    "python-sql": {"python": 2, "sql": 2},
    "senior-ish": {"python": 4, "system design": 2, "kubernetes": 2, "postgresql": 3},
    "basics": {"python": 2, "sql databases": 1, "http": 1},
    "web": {"javascript": 3, "html": 2, "css": 2, "git": 2},
}
TARGETS = ("mid", "senior", "lead", "dba")


def _have(graph: skillgraph.SkillGraph, profile: dict[str, int]) -> dict[str, int]:
    return {graph.resolve(name): rank for name, rank in profile.items()}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_a_path_counts_a_choice_at_what_builds_on_the_learner_when_cheaper(
    graph, name: str, target: str
) -> None:
    """A choice of one is counted at the alternative held, else at the least costly alternative
    building on what is known when it costs less than a typical one (no more, when it is the only one), else at a typical one."""
    from skillgraph.algorithms.knowledge import building_on

    have = _have(graph, PROFILES[name])
    role = graph.resolve(target)
    walked = skillgraph.career_path(graph, ladder_start(graph, role), role, have=have)
    known = implied(graph, have)
    for step in walked.steps:
        for item in step.skills:
            if item.for_choice is not None:  # an alternative counted for its choice
                choice = graph.resolve(item.for_choice)
                assert item.key in graph.alternatives(choice)
                if held(graph, item.key, known) == 0 and item.key in building_on(graph, choice, known):
                    typical = graph.hours(choice, held(graph, choice, known), item.proficiency)
                    assert (item.effort_hours or 0) < (typical or 0), item.label
            elif item.alternatives and item.choose == 1 and step.key != walked.steps[0].key:
                fits = building_on(graph, item.key, known)
                for fit in fits:  # none of those building on what is known would cost less
                    if held(graph, fit, known) == 0:
                        assert (graph.hours(fit, 0, item.proficiency) or 0) >= (item.effort_hours or 0), (
                            item.label,
                            graph.label(fit),
                        )


def test_a_javascript_developer_is_counted_javascript_on_node_for_a_backend_language(graph) -> None:
    have = _have(graph, PROFILES["web"])
    language, node = graph.resolve("backend language"), graph.resolve("node.js")
    ticks = [t for s in progress(graph, graph.resolve("junior"), have).steps for t in s.skills]
    tick = next(t for t in ticks if t.key == language)
    assert (
        tick.hours_left == graph.hours(node, 0, tick.proficiency) < graph.hours(language, 0, tick.proficiency)
    )
    text = invoke_cli("path", "junior", "mid", "--have", "javascript:3").output
    assert "for Backend programming language (JavaScript (Node.js) builds on your JavaScript)" in text


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_progress_counts_what_path_counts(graph, name: str, target: str) -> None:
    key, have = graph.resolve(target), _have(graph, PROFILES[name])
    ahead = skillgraph.career_path(graph, ladder_start(graph, key), key, have=have)
    assert progress(graph, key, have).hours_left == pytest.approx(ahead.effort_hours)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_commands_print_the_same_hours(graph, name: str) -> None:
    have = ",".join(f"{skill}:{rank}" for skill, rank in PROFILES[name].items())
    with_have = ["--have", have] if have else []
    path = invoke_cli("path", "junior", "senior", *with_have, "--format", "json")
    progressed = invoke_cli("progress", "--target", "senior", *with_have, "--format", "json")
    assert path.exit_code == 0 and progressed.exit_code == 0, path.output + progressed.output
    # path starts in junior, held: its figure and what junior takes beyond the profile make
    # the learner's whole way, which progress counts
    walked = json.loads(path.output)
    start = walked["start_counted_as_known"]["hours_from_given"]
    left = json.loads(progressed.output)["hours_left"]
    assert left == pytest.approx(walked["effort_hours"] + start)
    planned = invoke_cli("plan", "--target", "senior", *with_have)
    hours = json.loads(invoke_cli("plan", "--target", "senior", *with_have, "--format", "json").output)
    if abs(hours["summary"]["effort_hours"] - left) >= 0.5:
        assert "Note: progress counts" in planned.output  # and why the plan differs
    else:
        assert "Note:" not in planned.output


@pytest.mark.parametrize("target", ("junior", "senior"))
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_note_names_only_causes_that_apply(graph, name: str, target: str) -> None:
    """The plan's note names the roles walked only when the ladder has more than one, and the
    alternatives the plan picks, each one of them."""
    have = ",".join(f"{skill}:{rank}" for skill, rank in PROFILES[name].items())
    args = ["--target", target] + (["--have", have] if have else [])
    planned = invoke_cli("plan", *args)
    note = next((line for line in planned.output.splitlines() if line.startswith("Note: progress")), None)
    if note is None:
        return
    key = graph.resolve(target)
    roles = len(
        skillgraph.career_path(graph, ladder_start(graph, key), key, have=_have(graph, PROFILES[name])).steps
    )
    assert ("roles of the ladder" in note) == (roles > 1), note
    picked = json.loads(invoke_cli("plan", *args, "--format", "json").output)
    for choice in picked.get("choices", []):
        assert choice["picked"]["label"] in note, (choice, note)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_gap_says_the_level_the_plan_learns(graph, name: str, target: str) -> None:
    """A requirement the plan learns above the level asked (a prerequisite of another one at a
    higher level) is shown so by gap, with the requirement that needs it; any other requirement
    the plan learns is learned at the level asked."""
    key, have = graph.resolve(target), _have(graph, PROFILES[name])
    planned = {item.key: item for stage in plan(graph, key, have).stages for item in stage.items}
    shown = gap(graph, key, have)
    listed = {item.key for item in shown.items}
    asked = target_requirements(graph, key)
    assert set(planned) & set(asked) <= listed  # held as asked but learned further: listed too
    assert shown.missing == sum(1 for s, rank in asked.items() if held(graph, s, implied(graph, have)) < rank)
    # learned after a planned item that covers it in part: from the level that item teaches
    partly = {
        i.key
        for i in planned.values()
        if any(c.startswith(i.label + " to ") for p in planned.values() for c in p.covers)
    }
    for item in shown.items:
        if item.key not in planned or item.alternatives:
            continue  # covered by another skill, or a choice met by an alternative
        assert planned[item.key].proficiency == (item.learned_to or item.proficiency), item.label
        if item.key in partly:
            assert (planned[item.key].effort_hours or 0) < (item.effort_hours or 0), item.label
            continue
        assert planned[item.key].effort_hours == item.effort_hours, item.label  # the same hours
        if item.learned_to:
            assert item.learned_to > item.proficiency and item.needed_for, item
            for label in item.needed_for:
                asking = graph.resolve(label)
                assert item.key in graph.needs.get(asking, ()), (item.label, label)
                if asking in planned:  # and needs it at that level
                    assert implied_level(planned[asking].proficiency) >= item.learned_to, (item.label, label)


def test_gap_tells_why_a_level_is_raised() -> None:
    shown = invoke_cli("gap", "--target", "junior", "--format", "json")
    skills = {s["label"]: s for c in json.loads(shown.output)["categories"] for s in c["skills"]}
    raised = [s for s in skills.values() if s["learned_to"]]
    assert raised, "junior asks SQL databases at foundational and SQL, which needs them, at intermediate"
    for skill in raised:
        assert skill["learned_to"] > skill["proficiency"] and skill["prerequisite_of"]
        needing = [skills[name]["proficiency"] for name in skill["prerequisite_of"] if name in skills]
        assert max(needing, default=skill["learned_to"]) >= skill["learned_to"], skill
    text = invoke_cli("gap", "--target", "junior").output
    for skill in raised:
        line = next(line for line in text.splitlines() if f" {skill['label']} " in line)
        assert f"learned to {skill['learned_to_label']}" in line, line


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_schedule_lays_out_the_plan_hours(graph, name: str) -> None:
    learned = plan(graph, graph.resolve("senior"), _have(graph, PROFILES[name]))
    laid = schedule(learned, hours_per_week=8, start=datetime.date(2026, 1, 5))
    assert sum(e.hours or 0.0 for e in laid.entries) == pytest.approx(learned.effort_hours)


def test_sparql_hours_are_the_hours_from_nothing(graph) -> None:
    rows = sparql.run_saved("role-effort").records()
    for row in rows:
        role = str(row["role"])
        assert float(row["totalHours"]) == pytest.approx(progress(graph, role, {}).hours_left)  # type: ignore[arg-type]


def test_steps_add_up_to_the_role_from_nothing(graph) -> None:
    """Walking the ladder step by step costs what learning the role at once does: a choice's
    hours (a typical alternative's) add up across levels as a skill's do."""
    from skillgraph.algorithms.steps import role_skills
    from skillgraph.model.ladder import effective_requirements

    checked = 0
    for role in graph.nodes("role") + graph.nodes("specialization"):
        start = ladder_start(graph, role)
        walked = skillgraph.career_path(graph, start, role)
        asked = {skill: req.rank for skill, req in effective_requirements(graph, role).items()}
        if any(  # a role that relaxes what a step before it asks does not add up to it
            asked.get(skill, 0) < req.rank
            for step in walked.steps[:-1]
            for skill, req in effective_requirements(graph, step.key).items()
        ):
            continue
        checked += 1
        once = role_skills(graph, role, {})
        at_once = sum(item.effort_hours or 0.0 for item in once)
        # save a skill that learning the role at once learns after another that teaches it in
        # part, where the walk learns it a step before that one (load balancing at mid, web
        # servers, which teach it to foundational, at lead): the walk learns it from nothing
        step_of = {i.key: n for n, step in enumerate(walked.steps) for i in step.skills}
        earlier = {
            graph.resolve(note.split(" to ")[0]): item.key
            for item in once
            for note in item.covers
            if " to " in note
        }
        earlier = {k: by for k, by in earlier.items() if step_of.get(k, 0) < step_of.get(by, 0)}
        saved = sum(
            (graph.hours(k, 0, i.proficiency) or 0.0) - (i.effort_hours or 0.0)
            for i in once
            for k in [i.key]
            if k in earlier
        )
        assert walked.effort_hours == pytest.approx(at_once + saved), graph.label(role)
    assert checked >= 3
    for choice in graph.choices:
        levels = [graph.hours(choice, a, a + 1) for a in range(4)]
        if all(h is not None for h in levels):
            assert sum(levels) == pytest.approx(graph.hours(choice, 0, 4)), graph.label(choice)  # type: ignore[arg-type]


@pytest.mark.parametrize(("start", "target"), [("staff", "principal"), ("junior", "senior")])
def test_the_hours_say_how_much_is_to_expert_levels(graph, start: str, target: str) -> None:
    """Expert levels come mostly with years of use: the summary says how much of the hours they
    take, and says nothing when no skill is asked at expert."""
    path = skillgraph.career_path(graph, graph.resolve(start), graph.resolve(target))
    expert = [
        i for s in path.steps[1:] for i in s.skills if i.proficiency == 4 and i.learned_by != "practice"
    ]
    summary = invoke_cli("path", start, target).output.splitlines()[1]
    if expert:
        hours = sum(i.effort_hours or 0 for i in expert)
        assert f"({hours:g} h of it for {len(expert)} skill" in summary
    else:
        assert "expert" not in summary


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_gap_counts_a_choice_as_progress_does(graph, name: str) -> None:
    """A skill choice's hours in gap are those progress counts for it (the alternative held in
    part, or one building on what is known when it costs less (no more, when it is the only one)), not a typical alternative's."""
    have = _have(graph, PROFILES[name])
    junior = graph.resolve("junior")  # the first role: progress has one step, as gap
    ticks = {t.key: t for s in progress(graph, junior, have).steps for t in s.skills}
    rows = [i for i in gap(graph, junior, have).items if i.alternatives and not i.learned_to]
    for row in rows:
        assert ticks[row.key].hours_left == row.effort_hours, (name, row.label)
    if name == "web":
        language = graph.resolve("backend language")
        assert next(r for r in rows if r.key == language).effort_hours == graph.hours(
            graph.resolve("node.js"), 0, 2
        )
