"""The editorial rules of docs/content.md, checked on the curated graph as a whole."""

from __future__ import annotations

import networkx as nx
import pytest

import skillgraph
from skillgraph.model.graph import SkillGraph

EXPERT = 4


@pytest.fixture(scope="module")
def g() -> SkillGraph:
    return skillgraph.load()


def test_prerequisite_edges_are_minimal(g):
    """If X needs Y and Y needs Z, X does not list Z as well."""
    view = g.prerequisites
    for skill in view:
        direct = set(view.successors(skill))
        for pre in direct:
            others = direct - {pre}
            assert not any(nx.has_path(view, other, pre) for other in others), (g.label(skill), g.label(pre))


def test_a_field_takes_longer_to_master_than_any_framework(g):
    """Mastering system design or distributed systems takes longer than mastering one framework."""
    fields = [g.resolve(name) for name in ("system design", "distributed systems", "software architecture")]
    frameworks = [
        s for s in g.nodes("skill") if g.node(s).get("category") == "framework" and s not in g.choices
    ]
    assert frameworks
    slowest = max(frameworks, key=lambda s: g.hours(s, 0, EXPERT) or 0)
    for field in fields:
        assert g.hours(field, 0, EXPERT) > g.hours(slowest, 0, EXPERT), (g.label(field), g.label(slowest))


def test_work_learned_on_the_job_is_practice_not_hours(g):
    for name in ("incident response", "code review", "mentoring"):
        skill = g.resolve(name)
        assert g.node(skill).get("learned_by") == "practice", name
        assert g.hours(skill, 0, 2) is None, name


def test_basics_stay_below_a_field(g):
    """Basics cost less to master than what is built on them: networking basics is not a field."""
    for basics, field in (
        ("networking basics", "distributed systems"),
        ("how the internet works", "networking basics"),
    ):
        assert g.hours(g.resolve(basics), 0, EXPERT) < g.hours(g.resolve(field), 0, EXPERT), basics
