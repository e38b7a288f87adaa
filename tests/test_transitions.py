"""Transitions: the score's properties, the curated ladder's bounds, the command and its bad input."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph
from skillgraph.algorithms.transitions import (
    COMPONENTS,
    MAX_CLIMB,
    RoleProfile,
    TransitionIndex,
    below,
    role_level,
    transition_index,
    transitions,
)
from skillgraph.model.ladder import effective_requirements
from tests.helpers import invoke_cli

ITEMS = st.frozensets(st.sampled_from("abcdefghij"), max_size=6)
PROFILE = st.builds(
    RoleProfile,
    essential=ITEMS,
    optional=ITEMS,
    groups=ITEMS,
    texts=st.lists(st.sampled_from(["design systems", "test code", "run servers"]), max_size=2).map(tuple),
    level=st.one_of(st.none(), st.integers(1, 5)),
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from("pqrstu"), PROFILE, min_size=2))
def test_components_in_unit_interval_and_bounds_respected(profiles: dict[str, RoleProfile]) -> None:
    profiles = {
        k: RoleProfile(p.essential, p.essential | p.optional, p.groups, p.texts, p.level)
        for k, p in profiles.items()
    }
    index = TransitionIndex(profiles)
    for origin, p in profiles.items():
        parts = index.components(origin)
        for name in COMPONENTS:
            values = parts[name][~np.isnan(parts[name])]
            assert ((values >= -1e-9) & (values <= 1 + 1e-9)).all()
        for key, score in index.rank(origin, None):
            assert key != origin and 0 <= score <= 1 + 1e-9
            level = profiles[key].level
            if p.level is not None and level is not None:
                assert level <= p.level + MAX_CLIMB


def test_essential_coverage_is_directional() -> None:
    small = RoleProfile(essential=frozenset("ab"), optional=frozenset("ab"))
    large = RoleProfile(essential=frozenset("abcdef"), optional=frozenset("abcdef"))
    other = RoleProfile(essential=frozenset("xyz"), optional=frozenset("xyz"))
    index = TransitionIndex({"small": small, "large": large, "other": other})
    from_large = index.components("large")["essential"][index.position["small"]]
    from_small = index.components("small")["essential"][index.position["large"]]
    assert from_large > from_small  # the large role has all of the small one's skills, not reversely
    symmetric = index.components("large")["optional"][index.position["small"]]
    assert symmetric == pytest.approx(index.components("small")["optional"][index.position["large"]])


def test_curated_moves_respect_levels_and_ladders(graph: skillgraph.SkillGraph) -> None:
    junior = graph.resolve("junior")
    result = transitions(graph, junior, top=None)
    names = {row.destination.label for row in result.rows}
    assert graph.label(graph.resolve("devops")) in names
    for row in result.rows:
        assert row.level is not None and row.level <= role_level(graph, junior) + MAX_CLIMB
        assert row.destination.key not in below(graph, junior)
        assert row.components["tasks"] is None  # the curated graph has no task statements
        assert all(row.components[c] is not None for c in ("essential", "optional", "groups"))
    for role in graph.nodes("role"):
        for row in transitions(graph, role, top=None).rows:
            assert row.destination.key not in below(graph, role)
            # a move climbs at most MAX_CLIMB levels, unless the ladder itself leads there
            ladder = set(graph.ladder.successors(role)) if role in graph.ladder else set()
            assert row.level <= role_level(graph, role) + MAX_CLIMB or row.destination.key in ladder
        # every role the ladder leads to is among the moves
        ladder = set(graph.ladder.successors(role)) if role in graph.ladder else set()
        assert ladder <= {row.destination.key for row in transitions(graph, role, top=None).rows}
    scores = [row.score for row in result.rows]
    assert scores == sorted(scores, reverse=True)


def test_skills_needed_are_what_the_destination_asks_beyond_the_origin(graph: skillgraph.SkillGraph) -> None:
    junior, devops = graph.resolve("junior"), graph.resolve("devops")
    row = next(r for r in transitions(graph, junior, top=None).rows if r.destination.key == devops)
    from skillgraph.algorithms.transitions import move_skills

    items = move_skills(graph, junior, devops)
    assert row.missing == len(items) > 0
    asked = set(effective_requirements(graph, devops))
    assert {i.key for i in items if i.reason == "required"} <= asked


def test_onet_import_uses_tasks_and_job_zones(tmp_path) -> None:
    from skillgraph.importers import import_onet
    from tests.helpers import DATA

    out = tmp_path / "onet.nt"
    import_onet(DATA / "onet-29.2-software", out)
    g = skillgraph.load([out])
    origin = next(k for k in g.nodes("role") if g.node(k).get("tasks") and g.node(k).get("job_zone"))
    rows = transitions(g, origin, top=None).rows
    onet_rows = [r for r in rows if g.node(r.destination.key).get("tasks")]
    assert onet_rows and all(r.components["tasks"] is not None for r in onet_rows)
    zone = g.node(origin)["job_zone"]
    assert all(r.level is None or r.level <= zone + MAX_CLIMB for r in rows)
    assert transition_index(g) is transition_index(g)  # built once per view


def test_cli_transitions_formats(graph: skillgraph.SkillGraph) -> None:
    text = invoke_cli("transitions", "junior")
    assert text.exit_code == 0, text.output
    assert "DevOps Engineer" in text.output and "essential" in text.output
    data = json.loads(invoke_cli("transitions", "junior", "--format", "json", "--top", "2").output)
    assert len(data["transitions"]) == 2
    assert set(data["transitions"][0]["components"]) == set(COMPONENTS)
    assert "skills_needed" in data["transitions"][0]
    rows = list(csv.DictReader(io.StringIO(invoke_cli("transitions", "devops", "--format", "csv").output)))
    assert rows and {"score", "skills_to_learn", *COMPONENTS} <= set(rows[0])
    assert [float(r["score"]) for r in rows] == sorted((float(r["score"]) for r in rows), reverse=True)


@pytest.mark.parametrize("origin", ["junior", "mid-level", "senior", "devops"])
def test_a_move_s_study_hours_are_what_path_counts(origin: str) -> None:
    # one question, one figure: the hours a move shows are the hours `path ORIGIN TO` prints
    data = json.loads(invoke_cli("transitions", origin, "--format", "json").output)
    moves = data["transitions"] + data["crosswalk"]
    assert moves
    for move in moves:
        to = move["destination"]["id"]
        path = json.loads(invoke_cli("path", origin, to, "--format", "json").output)
        assert move["effort_hours"] == pytest.approx(path["effort_hours"], abs=0.05), (origin, to)
    text = invoke_cli("transitions", origin).output
    assert "study hours" in text.splitlines()[2]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("transitions", "jnuior"), "unknown role/specialization 'jnuior'"),
        (("transitions", "python"), "'Python' is a skill"),
        (("transitions", "junior", "--top", "0"), "--top"),
        (("transitions", "junior", "--data", "/nonexistent/x.ttl"), "x.ttl"),
        (("plan", "--target", "senior", "--include-optional", "--data", "/nonexistent/y.nt"), "y.nt"),
    ],
)
def test_cli_transitions_bad_input(args: tuple[str, ...], needle: str) -> None:
    result = invoke_cli(*args)
    assert result.exit_code == 2, result.output
    assert needle in result.output and result.output.strip().count("\n") <= 2
