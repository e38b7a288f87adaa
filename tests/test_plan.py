"""Learning plans and gaps: hand-worked cases on the curated graph, properties on random graphs."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Mapping

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillgraph import DataFileError, InputError, SkillGraph, UnknownNamesError
from skillgraph.algorithms.plan import gap, plan
from skillgraph.algorithms.profile import UNSTATED, parse_have, read_profile

SGD = "https://w3id.org/skillgraph/id/"


def ids(items) -> set[str]:
    return {item.id for item in items}


# -- hand-worked cases on the curated graph -------------------------------------


def test_java_satisfies_the_backend_language_choice(graph):
    p = plan(graph, graph.resolve("senior"), {graph.resolve("java"): UNSTATED})
    found = ids(p.items)
    assert not found & {"python", "nodejs", "java", "backend-language"}
    assert "backend-language" not in {c.id for c, _ in p.choices}
    assert p.optimal


def test_java_known_a_little_is_raised_rather_than_python_learned(graph):
    p = plan(graph, graph.resolve("senior"), {graph.resolve("java"): 1})
    java = next(i for i in p.items if i.id == "java")
    asked = _effective(graph, graph.resolve("senior"))[graph.resolve("backend language")]
    assert (java.status, java.current, java.proficiency) == ("raise", 1, asked)
    assert java.effort_hours == graph.hours(java.key, 1, asked) > 0
    assert java.satisfies == (SGD + "backend-language",)
    assert not ids(p.items) & {"python", "nodejs"}


def test_java_picks_spring_boot_for_the_framework_choice(graph):
    for optimize in ("count", "effort"):
        p = plan(graph, graph.resolve("junior"), {graph.resolve("java"): UNSTATED}, optimize=optimize)
        assert {(c.id, a.id) for c, a in p.choices} == {("web-framework", "spring-boot")}
        assert not ids(p.items) & {"python", "django", "fastapi", "express", "nodejs"}


def _effective(graph: SkillGraph, role: str) -> dict[str, int]:
    """docs/plan.md: a role's own requirements plus those of the role it builds on (at the
    higher level), minus its relaxations; written out independently of the library."""
    before = [u for u, _, k in graph.nx.in_edges(role, keys=True) if k == "progresses_to"]
    before += [v for _, v, k in graph.nx.out_edges(role, keys=True) if k == "branches_from"]
    found = _effective(graph, before[0]) if before else {}
    for _, skill, k in graph.nx.out_edges(role, keys=True):
        if k == "relaxes":
            found.pop(skill, None)
    for skill, rank in graph.requirements(role).items():
        found[skill] = max(rank, found.get(skill, 0))
    return found


def _closure(graph: SkillGraph, wanted: set[str], picks: Mapping[str, list[str]]) -> set[str]:
    """The prerequisite closure of ``wanted``, written out independently of the planner
    (a decided choice stands for the alternatives picked for it)."""
    inherited: dict[str, set[str]] = {}
    for choice, alts in graph.choices.items():
        for alt in alts:
            inherited.setdefault(alt, set()).update(graph.prerequisites.successors(choice))
    seen: set[str] = set()
    stack = list(wanted)
    while stack:
        key = stack.pop()
        if key in picks:
            stack += picks[key]
            continue
        if key in seen:
            continue
        seen.add(key)
        stack += [*graph.prerequisites.successors(key), *inherited.get(key, ())]
    return seen


def test_senior_from_nothing_is_the_closure_of_its_requirements(graph):
    senior = graph.resolve("senior")
    p = plan(graph, senior)
    picks: dict[str, list[str]] = {}
    for c, a in p.choices:
        picks.setdefault(c.key, []).append(a.key)
    wanted = _effective(graph, senior)
    closure = _closure(graph, set(wanted), picks)
    # what a planned item covers is learned with it: named in its covers, not listed itself
    listed = {i.key for i in p.items}
    taught = {k for k in closure if any(graph.label(k) in i.covers for i in p.items)}
    assert listed | taught == closure and not listed & taught
    for key in taught:
        assert any(key in {c for c, _, _ in graph.covers.get(i.key, ())} for i in p.items), graph.label(key)
    expected = listed
    assert p.new_count == len(expected) and p.raise_count == 0
    # every skill choice met on the way is decided, for as many of its alternatives as it asks
    reached = {k for k in _closure(graph, set(wanted), {}) if k in graph.choices}
    stack = list(reached)
    while stack:  # a choice picked for another (serverless functions for a deployment platform)
        for alt in picks.get(stack.pop(), ()):
            if alt in graph.choices and alt not in reached:
                reached.add(alt)
                stack.append(alt)
    assert set(picks) == reached
    for c, alts in picks.items():
        assert len(set(alts)) == graph.choice_count(c) and set(alts) <= set(graph.choices[c])

    # the hours are those of each skill from nothing to the level planned (practice: none), or
    # from the level another planned item covers it at, when that is below the level planned
    # (Go at advanced covers debugging to intermediate): no hour is counted twice
    def start(item) -> int:
        return max(
            [0]
            + [
                min(cap, other.proficiency)
                for other in p.items
                for covered, cap, first in graph.covers.get(other.key, ())
                if covered == item.key
                and other.proficiency >= first
                and min(cap, other.proficiency) < item.proficiency
                and covered not in graph.all_prerequisites(other.key)
            ]
        )

    assert p.effort_hours == pytest.approx(
        sum(graph.hours(i.key, start(i), i.proficiency) or 0 for i in p.items)
    )
    assert any(start(i) for i in p.items)  # the rule is exercised
    # and such an item comes after the one that covers it
    stage = {i.key: i.stage for i in p.items}
    for item in p.items:
        for other in p.items:
            if any(c == item.key for c, _, _ in graph.covers.get(other.key, ())) and start(item):
                if graph.label(item.key) + " to " in " ".join(other.covers):
                    assert stage[other.key] < stage[item.key], (other.label, item.label)
    # a higher role costs more from nothing, in skills and in hours
    lead = plan(graph, graph.resolve("lead"))
    assert lead.new_count > p.new_count and lead.effort_hours > p.effort_hours


def test_plan_order_and_stages_on_the_curated_graph(graph):
    p = plan(graph, graph.resolve("lead"), {graph.resolve("sql"): 2})
    position = {item.key: n for n, item in enumerate(p.items)}
    for item in p.items:
        for before in item.after:
            assert position[before] < position[item.key]
            assert p.items[position[before]].stage < item.stage
        assert item.stage == 1 + max((p.items[position[b]].stage for b in item.after), default=0)
    assert [s.number for s in p.stages] == list(range(1, len(p.stages) + 1))


def test_effort_objective_is_never_costlier(graph):
    for target in ("junior", "senior", "lead", "devops", "dba", "cloud"):
        key = graph.resolve(target)
        by_count, by_effort = plan(graph, key), plan(graph, key, optimize="effort")
        assert by_effort.effort_hours <= by_count.effort_hours
        assert by_count.new_count <= by_effort.new_count


def test_target_already_met(graph):
    junior = graph.resolve("junior")
    have = dict.fromkeys(graph.requirements(junior), UNSTATED)
    p = plan(graph, junior, have)
    assert p.met and not p.items and p.to_dict()["met"] is True
    assert gap(graph, junior, have).met


def test_gap_lists_unmet_requirements_with_levels(graph):
    senior = graph.resolve("senior")
    d = gap(graph, senior, {graph.resolve("python"): 2, graph.resolve("sql"): UNSTATED})
    by_id = {i.id: i for i in d.items}
    assert "sql" not in by_id
    language = by_id["backend-language"]
    asked = _effective(graph, senior)[graph.resolve("backend language")]
    assert (language.current, language.proficiency) == (2, asked) and asked > 2
    # the missing requirements are the effective ones not met by what is known or implied
    for prereq in graph.all_prerequisites(graph.resolve("sql")) | graph.all_prerequisites(
        graph.resolve("python")
    ):
        # implied at intermediate: listed only when asked above it
        assert graph.node(prereq)["id"] not in by_id or by_id[graph.node(prereq)["id"]].proficiency > 2
    assert set(by_id) <= {graph.node(k)["id"] for k in _effective(graph, senior)}
    data = d.to_dict()
    assert data["missing"] == len(d.items)
    assert [c["category"] for c in data["categories"]] == sorted(c["category"] for c in data["categories"])
    first = data["categories"][0]["skills"][0]
    assert set(first) >= {"id", "iri", "label", "proficiency", "current", "status", "alternatives"}


def test_plan_json_keys(graph):
    data = plan(graph, graph.resolve("junior"), {graph.resolve("python"): 1}).to_dict()
    assert set(data) == {
        "target",
        "objective",
        "optimal",
        "met",
        "have",
        "choices",
        "summary",
        "stages",
        "order",
    }
    item = data["stages"][0]["skills"][0]
    assert set(item) == {
        "id", "iri", "label", "category", "proficiency", "proficiency_label", "current", "learned_by",
        "current_label", "status", "alternatives", "effort_hours", "reason", "stage",
        "prerequisites", "needed_for", "satisfies", "covers", "taught_to",
    }  # fmt: skip
    assert data["order"] == [i["id"] for s in data["stages"] for i in s["skills"]]


def test_plan_rejects_a_skill_as_target(graph):
    with pytest.raises(InputError):
        plan(graph, graph.resolve("python"))


# -- profiles --------------------------------------------------------------------


def test_have_strings(graph):
    p = parse_have(graph, ["Python:ADVANCED, sql:2", "git", "node js:expert"])
    assert p.skills == {SGD + "python": 3, SGD + "sql": 2, SGD + "git": None, SGD + "nodejs": 4}


def test_have_unknown_names_are_reported_together(graph):
    with pytest.raises(UnknownNamesError) as err:
        parse_have(graph, ["pyhton,sql,kubernets:2"])
    message = str(err.value)
    assert "'pyhton' (did you mean 'Python'" in message and "'kubernets'" in message
    assert err.value.exit_code == 2 and "\n" not in message


def test_have_unknown_level(graph):
    with pytest.raises(InputError, match="unknown level 'guru'"):
        read_profile_text(graph, "skills: {python: guru}")


def read_profile_text(graph, text: str, suffix: str = ".yaml"):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"profile{suffix}"
        path.write_text(text, encoding="utf-8")
        return read_profile(graph, path)


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        ("skills: {python: advanced, sql: intermediate, git}\n", ".yaml"),
        ("skills:\n  - python:advanced\n  - {sql: 2}\n  - name: git\n", ".yml"),
        ('[skills]\npython = "advanced"\nsql = 2\ngit = true\n', ".toml"),
        ('skills = ["python:3", "sql:intermediate", "git"]\n', ".toml"),
    ],
)
def test_profile_formats(graph, text, suffix):
    p = read_profile_text(graph, text, suffix)
    assert p.skills == {SGD + "python": 3, SGD + "sql": 2, SGD + "git": None}


def test_profile_yaml_error_has_the_line(graph):
    with pytest.raises(DataFileError) as err:
        read_profile_text(graph, "skills:\n  python: advanced\n  sql: [intermediate\n")
    assert err.value.line is not None and err.value.line >= 3
    assert "line" in str(err.value) and err.value.exit_code == 2


def test_profile_toml_error_has_the_line(graph):
    with pytest.raises(DataFileError) as err:
        read_profile_text(graph, '[skills]\npython = "advanced"\nsql = \n', ".toml")
    assert (err.value.line, err.value.column) == (3, 7)


# -- properties on random graphs -------------------------------------------------

MAX_RANK = 3


def _node(key: str, kind: str, choice: bool = False, effort: tuple = ()) -> dict:
    return {
        "id": key,
        "type": kind,
        "label": key.upper(),
        "alt_labels": (),
        "description": None,
        "level": 1 if kind == "role" else None,
        "category": "cat" if kind == "skill" else None,
        "choice": choice,
        "effort": effort,
        "learned_by": "study",
        "years": None,
        "matches": (),
        "sources": (),
    }


@st.composite
def scenarios(draw):
    """A random SkillGraph (DAG of prerequisites, skill choices), a role and what is known."""
    n = draw(st.integers(2, 6))
    skills = [f"k{i}" for i in range(n)]
    g = nx.MultiDiGraph()
    efforts: dict[str, dict[int, int] | None] = {}
    for s in skills:
        steps = draw(st.one_of(st.none(), st.lists(st.integers(1, 20), min_size=4, max_size=4)))
        # cumulative hours per level rank, rising with the level
        efforts[s] = (
            None if steps is None else dict(zip(range(1, 5), itertools.accumulate(steps), strict=True))
        )
        effort = () if efforts[s] is None else tuple((r, float(h)) for r, h in efforts[s].items())
        g.add_node(s, **_node(s, "skill", effort=effort))

    def edge(u, v, rel, **extra):
        g.add_edge(u, v, key=rel, relation=rel, sources=(), **extra)

    for i in range(n):
        for j in draw(st.sets(st.integers(0, i - 1), max_size=3)) if i else ():
            edge(skills[i], skills[j], "has_prerequisite")
    choices = []
    for c in range(draw(st.integers(0, 2))):
        alts = sorted(draw(st.sets(st.integers(0, n - 1), min_size=2, max_size=3)))
        key = f"c{c}"
        g.add_node(key, **_node(key, "skill", choice=True))
        for a in alts:
            edge(key, skills[a], "any_of")
        for j in draw(st.sets(st.integers(0, alts[0] - 1), max_size=2)) if alts[0] else ():
            edge(key, skills[j], "has_prerequisite")
        choices.append((key, alts))
        # a later skill may need the choice as a prerequisite
        later = [i for i in range(alts[-1] + 1, n)]
        if later and draw(st.booleans()):
            edge(skills[draw(st.sampled_from(later))], key, "has_prerequisite")
    g.add_node("role", **_node("role", "role"))
    wanted = draw(st.sets(st.sampled_from(skills + [c for c, _ in choices]), min_size=1, max_size=4))
    for s in sorted(wanted):
        rank = draw(st.integers(1, MAX_RANK))
        edge("role", s, "requires", proficiency=rank, proficiency_label=str(rank))
    known = {
        s: draw(st.sampled_from([1, 2, 3, UNSTATED]))
        for s in draw(st.sets(st.sampled_from(skills + [c for c, _ in choices]), max_size=3))
    }
    return SkillGraph(g), known, efforts


def implied_level(rank: int) -> int:
    """docs/plan.md: knowing a skill at a level implies its prerequisites at that level, up to
    intermediate (2), at least foundational (1)."""
    return max(1, min(rank, 2))


class Model:
    """The rules of docs/plan.md, written out independently of the planner."""

    def __init__(self, graph: SkillGraph, known: Mapping[str, int], efforts: Mapping[str, dict | None]):
        self.g = graph
        self.alts = {
            u: [v for _, v, k in graph.nx.out_edges(u, keys=True) if k == "any_of"] for u in graph.nx
        }
        own = {
            u: {v for _, v, k in graph.nx.out_edges(u, keys=True) if k == "has_prerequisite"}
            for u in graph.nx
        }
        self.pre = {u: set(own[u]) for u in graph.nx}
        for c, alts in self.alts.items():
            for a in alts:
                self.pre[a] |= own[c]
        self.known = self.closure(known)
        self.requirements = graph.requirements("role")
        estimated = [e for e in efforts.values() if e is not None]
        default = (
            {r: round(statistics.median(e[r] for e in estimated) * 100) for r in range(1, 5)}
            if estimated
            else {}
        )
        self.effort = {
            s: default if e is None else {r: h * 100 for r, h in e.items()} for s, e in efforts.items()
        }
        self.concrete = [s for s in graph.nx if graph.node(s)["type"] == "skill" and not self.alts[s]]

    def closure(self, have: Mapping[str, int]) -> dict[str, int]:
        """What ``have`` implies: every prerequisite, transitively, at the implied level."""
        known = {k: r for k, r in have.items() if r > 0}
        changed = True
        while changed:
            changed = False
            for k, r in list(known.items()):
                for p in self.pre[k]:
                    if known.get(p, 0) < implied_level(r):
                        known[p] = implied_level(r)
                        changed = True
        return known

    def held(self, s: str, have: Mapping[str, int]) -> int:
        return max([have.get(s, 0), *(self.held(a, have) for a in self.usable(s))])

    def usable(self, s: str) -> list[str]:
        """A choice's alternatives that count: those the learner started, if any (docs/plan.md)."""
        known = getattr(self, "known", {})
        started = [
            a for a in self.alts[s] if max([known.get(a, 0), *(known.get(b, 0) for b in self.alts[a])])
        ]
        return started or self.alts[s]

    def merged(self, items: Mapping[str, int]) -> dict[str, int]:
        have = dict(self.known)
        for k, r in items.items():
            have[k] = max(r, have.get(k, 0))
        return have

    def valid(self, items: Mapping[str, int]) -> bool:
        have = self.merged(items)
        if any(self.held(s, have) < r for s, r in self.requirements.items()):
            return False
        for x, r in items.items():
            if self.alts[x] or self.known.get(x, 0) >= r:
                return False
            if any(self.held(p, have) < implied_level(r) for p in self.pre[x]):
                return False
        return True

    def hours(self, key: str, start: int, end: int) -> int:
        levels = self.effort.get(key) or {}
        at = lambda r: 0 if r <= 0 else levels.get(min(r, 4), 0)  # noqa: E731
        return max(0, at(end) - at(start))

    def cost(self, items, objective: str) -> tuple[int, int, int]:
        new = [k for k in items if not self.known.get(k)]
        effort = sum(self.hours(k, self.known.get(k, 0), r) for k, r in items.items())
        count, raises = len(new), len(items) - len(new)
        return (count, effort, raises) if objective == "count" else (effort, count, raises)

    def brute_force(self, objective: str) -> tuple[int, int, int]:
        pool = [s for s in self.concrete if self.known.get(s, 0) < MAX_RANK]
        options = [[0, *range(self.known.get(s, 0) + 1, MAX_RANK + 1)] for s in pool]
        best = None
        for ranks in itertools.product(*options):
            items = {s: r for s, r in zip(pool, ranks, strict=True) if r}
            if self.valid(items):
                cost = self.cost(items, objective)
                best = cost if best is None or cost < best else best
        assert best is not None
        return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["count", "effort"]))
def test_plan_properties_on_random_graphs(scenario, objective):
    graph, known, efforts = scenario
    model = Model(graph, known, efforts)
    p = plan(graph, "role", known, optimize=objective)
    items = {i.key: i.proficiency for i in p.items}
    assert p.optimal
    # a valid plan: requirements met, every plan item's prerequisites known or planned
    assert model.valid(items)
    # nothing known, or implied by what is known (at the level asked), is in it
    assert all(model.known.get(k, 0) < r for k, r in items.items())
    # every prerequisite comes first: known, or met by items of earlier stages
    for item in p.items:
        earlier = {i.key: i.proficiency for i in p.items if i.stage < item.stage}
        have = model.merged(earlier)
        assert all(model.held(pre, have) >= implied_level(item.proficiency) for pre in model.pre[item.key])
        assert item.stage == 1 + max((i.stage for i in p.items if i.key in item.after), default=0)
    # minimal: removing any item breaks it
    for key in items:
        assert not model.valid({k: r for k, r in items.items() if k != key})
    # optimal: no smaller (or, for effort, no cheaper) plan exists among all subsets
    assert model.cost(items, objective) == model.brute_force(objective)
    # met exactly when nothing is missing
    assert p.met == gap(graph, "role", known).met == (not items)


def _tiny(choices: Mapping[str, tuple[str, ...]], requires: Mapping[str, int]) -> SkillGraph:
    """A role asking ``requires`` of skills k0..k2 (10 h a level) and of skill ``choices``."""
    g = nx.MultiDiGraph()
    for key in ("k0", "k1", "k2"):
        g.add_node(key, **_node(key, "skill", effort=((1, 10.0), (2, 20.0), (3, 30.0), (4, 40.0))))
    g.add_node("role", **_node("role", "role"))
    for choice, alts in choices.items():
        g.add_node(choice, **_node(choice, "skill", choice=True))
        for alt in alts:
            g.add_edge(choice, alt, key="any_of", relation="any_of", sources=())
    for key, rank in requires.items():
        g.add_edge("role", key, key="requires", relation="requires", sources=(), proficiency=rank)
    return SkillGraph(g)


@pytest.mark.parametrize("objective", ["count", "effort"])
@pytest.mark.parametrize(
    ("choices", "requires", "expected"),
    [
        # k2, planned at 2 anyway, meets "k0 or k2" at 2 for free; raising k0 would cost hours
        ({"c0": ("k0", "k2")}, {"c0": 2, "k0": 1, "k1": 1, "k2": 2}, {"k0": 1, "k1": 1, "k2": 2}),
        # raising k1 once meets both choices: they are not independent
        (
            {"c0": ("k1", "k2"), "c1": ("k0", "k1")},
            {"c0": 2, "c1": 2, "k0": 1, "k1": 1},
            {"k0": 1, "k1": 2},
        ),
    ],
    ids=["planned-alternative", "shared-raise"],
)
def test_choices_meet_with_what_the_plan_holds(choices, requires, expected, objective):
    graph = _tiny(choices, requires)
    p = plan(graph, "role", {}, optimize=objective)
    items = {i.key: i.proficiency for i in p.items}
    assert items == expected
    model = Model(graph, {}, {k: {1: 10, 2: 20, 3: 30, 4: 40} for k in ("k0", "k1", "k2")})
    assert model.cost(items, objective) == model.brute_force(objective)
