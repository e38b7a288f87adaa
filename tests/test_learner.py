"""The learner's loop: next, unlocks, progress, from the semantics (knowledge implies prerequisites,
effective requirements accumulate, a prerequisite is needed at the implied level)."""

from __future__ import annotations

import json
import re

import pytest

from skillgraph.algorithms.frontier import next_steps
from skillgraph.algorithms.knowledge import held, implied, implied_level
from skillgraph.algorithms.plan import plan
from skillgraph.algorithms.profile import UNSTATED
from skillgraph.algorithms.progress import progress
from skillgraph.algorithms.unlocks import unlocks
from skillgraph.model.ladder import effective_requirements
from tests.helpers import invoke_cli

PROFILES = {
    "nothing": {},
    "python": {"python": 2, "git": UNSTATED},
    "java-sql": {"java": 3, "sql": 2, "docker": 1},
    "ops": {"linux": 3, "kubernetes": 2, "aws": 1},
}
TARGETS = ["junior", "senior", "devops", "lead"]


def _have(graph, profile):
    return {graph.resolve(name): rank for name, rank in PROFILES[profile].items()}


def _startable(graph, skill, rank, known):
    return all(held(graph, p, known) >= implied_level(rank) for p in graph.needs.get(skill, ()))


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_next_lists_exactly_what_can_start_now_on_the_way(graph, target, profile):
    have = _have(graph, profile)
    known = implied(graph, have)
    role = graph.resolve(target)
    steps = next_steps(graph, role, have)
    unmet = {
        s: r.rank for s, r in effective_requirements(graph, role).items() if held(graph, s, known) < r.rank
    }
    # the way to the target: every unmet requirement, a choice through the alternatives held in
    # part (a plan raises them), else those whose own prerequisites are held, else all of them,
    # and what learning each at its rank needs first (at the implied level), unless known there
    need: dict[str, int] = {}
    todo = list(unmet.items())
    while todo:
        skill, rank = todo.pop()
        if held(graph, skill, known) >= rank or need.get(skill, 0) >= rank:
            continue
        need[skill] = rank
        alternatives = graph.choices.get(skill, ())
        partial = [a for a in alternatives if held(graph, a, known) > 0]
        own_ready = [
            a
            for a in alternatives
            if all(
                p in graph.needs.get(skill, ()) or held(graph, p, known) >= implied_level(rank)
                for p in graph.needs.get(a, ())
            )
        ]
        todo += [(a, rank) for a in (partial or own_ready or alternatives)]
        todo += [(p, implied_level(rank)) for p in graph.needs.get(skill, ())]
    expected = {s: r for s, r in need.items() if s not in graph.choices and _startable(graph, s, r, known)}
    assert {i.key: i.rank for i in steps.items} == expected
    assert steps.remaining == len(unmet)
    for item in steps.items:
        assert held(graph, item.key, known) < item.rank
        assert item.why
        # learning it meets each other requirement it names (through what it implies and covers)
        after = implied(graph, {**known, item.key: item.rank})
        names = {graph.label(s) for s, r in unmet.items() if s != item.key and held(graph, s, after) >= r}
        assert set(item.meets) == names
        assert item.key not in {graph.resolve(m) for m in item.meets}  # "meets X" never names X itself
        # what it opens: the skills on the way (not choices) that build on it, an alternative
        # there only as one way to meet a choice being named by that choice
        one_way = {
            a: c
            for c in need
            for a in graph.choices.get(c, ())
            if a in need and a not in unmet and graph.choice_count(c) < len(graph.choices[c])
        }
        on_way = {
            graph.label(one_way.get(s, s))
            for s in need
            if s != item.key and s not in graph.choices and item.key in graph.all_prerequisites(s)
        }
        assert set(item.opens) == on_way
    # a requirement a step ranked above it meets too names every such step, and only those
    for at, item in enumerate(steps.items):
        above = [
            a.label
            for a in steps.items[:at]
            if item.key in unmet
            and held(graph, item.key, implied(graph, {**known, a.key: a.rank})) >= unmet[item.key]
        ]
        assert sorted(item.met_by) == sorted(above)
        if above:
            assert "met too by learning" in item.why


def test_next_says_when_a_language_above_meets_a_requirement(graph):
    """A JavaScript developer starts Node.js, which meets debugging: debugging says so."""
    have = {graph.resolve("javascript"): 3, graph.resolve("git"): 2}
    steps = next_steps(graph, graph.resolve("junior"), have)
    by_key = {i.key: i for i in steps.items}
    debugging, node = graph.resolve("debugging"), graph.resolve("node.js")
    assert debugging in by_key and node in by_key
    assert steps.items.index(by_key[node]) < steps.items.index(by_key[debugging])
    assert graph.label(node) in by_key[debugging].met_by


@pytest.mark.parametrize("target", ["junior", "senior", "devops"])
def test_following_next_reaches_the_target(graph, target):
    """Learning the first suggestion, again and again, meets every requirement of the target."""
    role = graph.resolve(target)
    have: dict[str, int] = {}
    for _ in range(500):
        steps = next_steps(graph, role, have)
        if steps.met:
            break
        assert steps.items, "requirements unmet but nothing to start"
        first = steps.items[0]
        have[first.key] = max(have.get(first.key, 0), first.rank)
    else:
        pytest.fail("next never reached the target")
    known = implied(graph, have)
    assert all(held(graph, s, known) >= r.rank for s, r in effective_requirements(graph, role).items())


def test_next_is_ranked_by_how_much_of_the_way_a_skill_opens(graph):
    """Study first, practice (learned on the job) after; within each, what opens more first."""
    steps = next_steps(graph, graph.resolve("senior"), _have(graph, "python"))
    practice = [i.learned_by == "practice" for i in steps.items]
    assert practice == sorted(practice)
    for group in (False, True):
        values = [i.value for i in steps.items if (i.learned_by == "practice") == group]
        assert values == sorted(values, reverse=True)
    for item in steps.items:
        assert item.value >= len(item.meets)
    for first, second in zip(steps.items, steps.items[1:], strict=False):
        if (first.learned_by, first.value) == (second.learned_by, second.value):
            assert first.required is not None or second.required is None  # asked before prerequisite


def test_unlocks_are_skills_whose_last_missing_prerequisite_it_is(graph):
    fundamentals = graph.resolve("programming fundamentals")
    result = unlocks(graph, fundamentals)
    assert "Python" in [s.label for s in result.skills]
    for profile in PROFILES:
        have = _have(graph, profile)
        for name in ("linux", "http", "docker", "sql"):
            key = graph.resolve(name)
            # measured from what is known plus the skill's own prerequisites: it is started there
            start = dict(have)
            for prereq in graph.needs.get(key, ()):
                start[prereq] = max(start.get(prereq, 0), 1)
            before = implied(graph, start)
            after = implied(graph, {**before, key: max(1, before.get(key, 0))})
            found = unlocks(graph, key, have)
            # every concrete skill not known yet that needs it and becomes startable with it
            expected = {
                s
                for s, needs in graph.needs.items()
                if key in needs
                and s not in graph.choices
                and not after.get(s)
                and not _startable(graph, s, 1, before)
                and _startable(graph, s, 1, after)
            }
            assert {ref.key for ref in found.skills} == expected
            for gain in found.roles:
                assert gain.after > gain.before


def test_progress_counts_what_the_ladder_asks(graph):
    have = _have(graph, "java-sql")
    result = progress(graph, graph.resolve("senior"), have)
    known = implied(graph, have)
    assert [s.label for s in result.steps] == [
        "Junior Backend Developer",
        "Backend Developer",
        "Senior Backend Developer",
    ]
    keys = [t.key for s in result.steps for t in s.skills]
    levels: dict[str, int] = {}
    for tick in (t for s in result.steps for t in s.skills):  # asked again only at a higher level
        assert tick.proficiency > levels.get(tick.key, 0)
        levels[tick.key] = tick.proficiency
    for step in result.steps:
        for tick in step.skills:
            assert (tick.status == "done") == (held(graph, tick.key, known) >= tick.proficiency)
    # what is left is what a plan from here has to meet
    asked = set(effective_requirements(graph, graph.resolve("senior")))
    assert asked <= set(keys)
    assert result.hours_left == pytest.approx(sum(s.hours_left for s in result.steps))


def test_progress_names_the_alternative_the_learner_started(graph):
    """A choice ticks as the alternative the learner has begun, never one they have not."""
    target = graph.resolve("senior")
    for profile in PROFILES:
        have = _have(graph, profile)
        known = implied(graph, have)
        for tick in (t for s in progress(graph, target, have).steps for t in s.skills):
            alternatives = set(graph.alternatives(tick.key))
            started = {k for k in alternatives if known.get(k, 0) > 0}
            assert set(tick.chosen) <= started
            assert len(tick.chosen) == min(len(started), graph.choice_count(tick.key))
            assert list(tick.chosen_labels) == [graph.label(k) for k in tick.chosen]
    go = graph.resolve("go")
    text = invoke_cli("progress", "--target", "mid", "--have", "go:2").output
    assert f": {graph.label(go)} (" in text, text  # the language step names Go


# -- the command line --------------------------------------------------------------------


def test_next_cli_text_and_json(tmp_path):
    result = invoke_cli("next", "--target", "senior", "--have", "python:2,git", "--top", "3")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Start now towards Senior Backend Developer")
    assert len([line for line in result.output.splitlines() if line.strip()[:2] in ("1.", "2.", "3.")]) == 3
    data = json.loads(
        invoke_cli("next", "--target", "senior", "--have", "python:2", "--format", "json").output
    )
    assert data["next"] and all(item["why"] for item in data["next"])


def test_next_leaves_out_skipped_and_flags_learning(tmp_path, graph):
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n  python: intermediate\n")
    first = json.loads(
        invoke_cli("next", "--target", "senior", "--profile", profile, "--format", "json").output
    )
    top = first["next"][0]["id"]
    second = first["next"][1]["id"]
    assert invoke_cli("mark", top, "--status", "skipped", "--profile", profile).exit_code == 0
    assert invoke_cli("mark", second, "--status", "learning", "--profile", profile).exit_code == 0
    after = json.loads(
        invoke_cli("next", "--target", "senior", "--profile", profile, "--format", "json").output
    )
    ids = [i["id"] for i in after["next"]]
    assert top not in ids
    assert next(i for i in after["next"] if i["id"] == second)["status"] == "learning"


@pytest.mark.parametrize("top", [1, 3, 8])
def test_the_ways_to_meet_one_choice_count_once_and_share_a_line(graph, top):
    """A web developer can start any backend language: they are one step, not six that push
    Git and the command line off the list, and the text names them on one line."""
    have = {graph.resolve(n): UNSTATED for n in ("html", "css", "javascript")}
    role = graph.resolve("junior")
    every = next_steps(graph, role, have)
    language = graph.resolve("backend language")
    ways = [i for i in every.items if i.key in graph.alternatives(language)]
    assert len(ways) > 1 and all(i.one_of == graph.label(language) for i in ways)
    for item in every.items:  # one_of names a choice the item is an alternative of
        if item.one_of:
            assert any(
                item.key in graph.alternatives(c) for c in graph.choices if graph.label(c) == item.one_of
            )
    steps = next_steps(graph, role, have, top=top)
    groups = list(dict.fromkeys(i.one_of or i.key for i in every.items))[:top]
    assert [i.key for i in steps.items] == [i.key for i in every.items if (i.one_of or i.key) in groups]
    text = invoke_cli("next", "--target", "junior", "--have", "html,css,javascript", "--top", str(top)).output
    lines = [line for line in text.splitlines()[1:] if re.match(r"\s+\d+\.", line)]
    assert len(lines) == len(groups)
    if graph.label(language) in groups:
        line = next(line for line in lines if ways[0].label in line)
        assert all(w.label in line for w in ways)


@pytest.mark.parametrize("target", ["senior", "devops"])
def test_plan_meets_a_choice_through_what_is_being_learned_and_never_what_is_skipped(graph, target):
    """An alternative the learner is learning is the one a choice is met by (as one held in
    part); one the learner chose not to learn is never picked while another can meet it."""
    role = graph.resolve(target)
    have = _have(graph, "python")
    first = plan(graph, role, have)
    picked = {c.key: p.key for c, p in first.choices}
    assert picked
    skipped_seen = learning_seen = 0
    for choice, alternative in picked.items():
        others = [a for a in graph.alternatives(choice) if a != alternative and a not in graph.choices]
        if graph.choice_count(choice) != 1 or not others:
            continue
        skipped_seen += 1
        without = plan(graph, role, have, skipped={alternative})
        assert alternative not in {p.key for c, p in without.choices if c.key == choice}
        assert alternative not in {i.key for i in without.items if choice in i.satisfies}
        if any(held(graph, a, implied(graph, have)) for a in graph.alternatives(choice)):
            continue  # one held in part is started too: the cheaper of the two may be raised
        learning = others[-1]
        along = plan(graph, role, have, learning={learning})
        assert {p.key for c, p in along.choices if c.key == choice} == {learning}
        learning_seen += 1
    assert skipped_seen and learning_seen  # both rules were put to the test


@pytest.mark.parametrize("target", ["junior", "senior"])
def test_an_alternative_being_learned_meets_its_choice_in_every_answer(graph, target):
    """Learning FastAPI, one's web framework is FastAPI everywhere: progress ticks the choice as
    being learned through it and counts its hours, as the path, the gap and the plan do."""
    from skillgraph.algorithms.paths import career_path
    from skillgraph.algorithms.plan import gap
    from skillgraph.algorithms.progress import ladder_start

    role = graph.resolve(target)
    have = _have(graph, "python")
    seen = 0
    for choice in effective_requirements(graph, role):
        alternatives = [a for a in graph.alternatives(choice) if a not in graph.choices]
        if graph.choice_count(choice) != 1 or len(alternatives) < 2:
            continue
        if any(held(graph, a, implied(graph, have)) for a in alternatives):
            continue  # one held in part is raised first
        learning = {alternatives[-1]}
        ticked = progress(graph, role, have, learning=learning).steps
        path = career_path(graph, ladder_start(graph, role), role, have=have, learning=learning)
        for step, walked in zip(ticked, path.steps, strict=True):
            for tick in (t for t in step.skills if t.key == choice):
                assert tick.status == "learning" and set(tick.chosen) == learning, graph.label(choice)
                item = next(i for i in walked.skills if i.key in learning)
                assert tick.hours_left == item.effort_hours, (step.label, graph.label(choice))
        item = next(i for i in gap(graph, role, have, learning=learning).items if i.key == choice)
        along = plan(graph, role, have, learning=learning)
        assert {p.key for c, p in along.choices if c.key == choice} == learning
        assert item.effort_hours == next(i.effort_hours for i in along.items if i.key in learning)
        seen += 1
    assert seen


def test_plan_reads_the_statuses_of_a_profile(tmp_path, graph):
    result = json.loads(invoke_cli("plan", "--target", "senior", "--have", "go:3", "--format", "json").output)
    picked = {c["choice"]["id"]: c["picked"]["id"] for c in result["choices"]}
    broker = picked["message-broker"]
    other = next(
        graph.node(a)["id"]
        for a in graph.alternatives(graph.resolve("message-broker"))
        if graph.node(a)["id"] != broker
    )
    profile = tmp_path / "me.yaml"
    profile.write_text(f"skills:\n  go: advanced\n  {broker}: {{status: skipped}}\n")
    again = json.loads(
        invoke_cli("plan", "--target", "senior", "--profile", profile, "--format", "json").output
    )
    assert {c["choice"]["id"]: c["picked"]["id"] for c in again["choices"]}["message-broker"] != broker
    profile.write_text(f"skills:\n  go: advanced\n  {other}: {{status: learning}}\n")
    again = json.loads(
        invoke_cli("plan", "--target", "senior", "--profile", profile, "--format", "json").output
    )
    assert {c["choice"]["id"]: c["picked"]["id"] for c in again["choices"]}["message-broker"] == other


def test_unlocks_cli(graph):
    result = invoke_cli("unlocks", "programming fundamentals")
    assert result.exit_code == 0, result.output
    assert "Python" in result.output
    data = json.loads(invoke_cli("unlocks", "docker:2", "--format", "json").output)
    assert data["proficiency"] == 2 and data["roles"]
    bad = invoke_cli("unlocks", "dockr")
    assert bad.exit_code == 2 and "dockr" in bad.output


def test_progress_cli_plain_in_a_pipe_and_json(tmp_path):
    result = invoke_cli("progress", "--target", "senior", "--have", "python:3,sql")
    assert result.exit_code == 0, result.output
    assert "█" not in result.output and "[x] SQL" in result.output
    data = json.loads(
        invoke_cli("progress", "--target", "senior", "--have", "python:3", "--format", "json").output
    )
    assert (
        data["done"] + sum(1 for s in data["steps"] for t in s["skills"] if t["status"] != "done")
        == data["total"]
    )
    assert data["hours_left"] == pytest.approx(sum(s["hours_left"] for s in data["steps"]))


def test_progress_bars_on_a_terminal(graph):
    from skillgraph.present.learner import progress_text

    text = progress_text(progress(graph, graph.resolve("junior"), _have(graph, "python")), bars=True)
    assert "█" in text and "░" in text


def test_plan_agrees_with_next(graph):
    """Every plan item with all its plan prerequisites known is something next says to start."""
    for profile in PROFILES:
        have = _have(graph, profile)
        role = graph.resolve("senior")
        p = plan(graph, role, have)
        front = {i.key for i in next_steps(graph, role, have).items}
        assert {i.key for i in p.items if i.stage == 1} <= front
