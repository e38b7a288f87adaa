"""The crosswalk links only to ESCO and O*NET concepts that exist in their data files."""

from __future__ import annotations

import csv
import itertools
import json

import pytest

import skillgraph
from skillgraph.importers import import_esco, import_onet
from tests.helpers import DATA, ONET_FULL, invoke_cli

ESCO = DATA / "esco-1.2.0-ict"
#: The few ESCO skills outside the ICT slice that the crosswalk links to.
ESCO_CROSSWALK = DATA / "esco-1.2.0-crosswalk"
#: The computer-occupations slice, and the few rows of the full files the crosswalk needs beyond it.
ONET = (DATA / "onet-29.2-software", DATA / "onet-29.2-crosswalk")


def _links(graph):
    return [(key, rel, iri) for key, data in graph.nx.nodes(data=True) for rel, iri in data["matches"]]


def _esco_uris() -> set[str]:
    uris = set()
    for name in ("skills_en.csv", "occupations_en.csv"):
        with (ESCO / name).open(newline="", encoding="utf-8") as handle:
            uris |= {row["conceptUri"] for row in csv.DictReader(handle)}
    with (ESCO_CROSSWALK / "skills_en.csv").open(newline="", encoding="utf-8") as handle:
        uris |= {row["conceptUri"] for row in csv.DictReader(handle)}
    return uris


def _onet_codes() -> set[str]:
    codes = set()
    for folder in ONET:
        with (folder / "Occupation Data.txt").open(newline="", encoding="utf-8") as handle:
            codes |= {row["O*NET-SOC Code"] for row in csv.DictReader(handle, delimiter="\t")}
    return codes


@pytest.fixture(scope="module")
def onet_subjects(tmp_path_factory):
    subjects = set()
    for folder in ONET:
        out = tmp_path_factory.mktemp("onet") / "onet.nt"
        import_onet(folder, out)
        lines = out.read_text(encoding="utf-8").splitlines()
        subjects |= {line.split(" ", 1)[0].strip("<>") for line in lines}
    return subjects


def test_every_link_exists_in_the_data(graph, onet_subjects):
    links = _links(graph)
    assert len(links) >= 30
    esco, codes = _esco_uris(), _onet_codes()
    for key, _, iri in links:
        if iri.startswith("http://data.europa.eu/esco/"):
            assert iri in esco, (key, iri)
        elif iri.startswith("https://w3id.org/skillgraph/onet/occupation/"):
            assert iri.rsplit("/", 1)[1] in codes, (key, iri)
            assert iri in onet_subjects
        else:
            assert iri.startswith("https://w3id.org/skillgraph/onet/technology/"), iri
            assert iri in onet_subjects, (key, iri)


def test_links_are_sourced_to_the_crosswalk(graph):
    label = graph.sources["https://w3id.org/skillgraph/source/crosswalk"]
    for key, _, _ in _links(graph):
        assert label in graph.node(key)["provenance"]["matches"]


def test_show_names_the_linked_concept_when_the_taxonomy_is_loaded(tmp_path):
    out = tmp_path / "esco.ttl"
    import_esco(ESCO, out)
    graph = skillgraph.load([out])
    desc = skillgraph.describe(graph, graph.resolve("database-administrator"))
    labels = {label for _, _, label in desc.matches}
    assert "database administrator" in labels


# ------------------------------------------------ knowledge crosses the crosswalk --

DJANGO = {"python": "advanced", "django": "advanced", "git": "intermediate", "postgresql": "intermediate"}
JAVA = {"java": "advanced", "spring boot": "advanced", "sql": "intermediate", "git": "intermediate"}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[skillgraph.SkillGraph, list]:
    folder = tmp_path_factory.mktemp("taxonomies")
    files = [folder / "esco.nt", folder / "onet.nt"]
    import_esco(ESCO, files[0])
    import_onet(ONET_FULL, files[1])  # every O*NET occupation, where the full release is at hand
    return skillgraph.load(files), files


def _profile(graph, skills: dict[str, str]):
    from skillgraph.algorithms.profile import build_profile

    return build_profile(graph, list(skills.items())).across(graph)


def test_exact_and_close_matches_carry_the_level_both_ways(both) -> None:
    graph, _ = both
    from skillgraph.algorithms.crosswalk import carried

    pairs = [
        (k, rel, iri) for k, rel, iri in _links(graph) if iri in graph and rel in ("exactMatch", "closeMatch")
    ]
    pairs = [(k, rel, iri) for k, rel, iri in pairs if graph.node(k)["type"] == "skill"]
    assert len(pairs) >= 20
    for ours, _, theirs in pairs:
        assert carried(graph, {ours: 3})[theirs].rank == 3
        assert carried(graph, {theirs: 3})[ours].rank == 3


def test_a_narrower_concept_counts_towards_a_broader_one_never_the_reverse(both) -> None:
    graph, _ = both
    from skillgraph.algorithms.crosswalk import carried

    seen = 0
    for ours, rel, theirs in _links(graph):
        if theirs not in graph or rel not in ("broadMatch", "narrowMatch"):
            continue
        narrow, broad = (ours, theirs) if rel == "broadMatch" else (theirs, ours)
        if graph.node(narrow)["type"] != "skill" or graph.node(broad)["type"] != "skill":
            continue
        seen += 1
        from skillgraph.algorithms.knowledge import implied

        across = carried(graph, {narrow: 4})
        known = implied(graph, {narrow: 4, **{k: c.rank for k, c in across.items()}})
        assert known.get(broad, 0) > 0  # carried across, or implied by what was
        assert broad not in across or across[broad].rank <= 2  # capped: one example is not the whole
        if not any(b == narrow for b in implied(graph, {broad: 4})):
            assert narrow not in carried(graph, {broad: 4})
    assert seen >= 5


def test_related_matches_carry_nothing(both) -> None:
    graph, _ = both
    from skillgraph.algorithms.crosswalk import links

    related = {(k, iri) for k, rel, iri in _links(graph) if rel == "relatedMatch" and iri in graph}
    assert related
    flows = {(a, b) for a, b, _, _ in links(graph)} | {(b, a) for a, b, _, _ in links(graph)}
    assert not related & flows


@pytest.mark.parametrize("skills", [DJANGO, JAVA], ids=["django", "java"])
def test_gaps_to_taxonomy_occupations_count_what_you_know(both, skills) -> None:
    from skillgraph.algorithms.plan import gap

    graph, _ = both
    profile = _profile(graph, skills)
    named = {graph.resolve(n) for n in skills}
    occupations = [
        graph.resolve(name) for name in ("software developer", "Software Developers", "Web Developers")
    ]
    for occupation in occupations:
        # what the profile names, seen on the other side of an exact or close match
        same = {iri for k, rel, iri in _links(graph) if k in named and rel in ("exactMatch", "closeMatch")}
        # the requirements it meets: those skills, or a class one of them is a tool of
        covered = {
            r
            for r in graph.requirements(occupation, include_optional=True)
            if r in same or set(graph.alternatives(r)) & same
        }
        assert covered, graph.label(occupation)
        missing = {i.key for i in gap(graph, occupation, profile.ranks(), include_optional=True).items}
        assert not covered & missing, graph.label(occupation)


def test_the_answer_names_what_counted(both, tmp_path) -> None:
    graph, files = both
    me = tmp_path / "me.yaml"
    me.write_text("skills:\n" + "".join(f"  {k}: {v}\n" for k, v in DJANGO.items()), encoding="utf-8")
    data = [arg for f in files for arg in ("--data", f)]
    result = invoke_cli("gap", "--target", "Software Developers", "--profile", me, *data, "--format", "json")
    assert result.exit_code == 0, result.output
    missing = {s["iri"] for c in json.loads(result.stdout)["categories"] for s in c["skills"]}
    python = graph.resolve("python")
    theirs = [iri for rel, iri in graph.node(python)["matches"] if iri in graph]
    assert theirs
    for iri in theirs:
        assert iri not in missing
        assert f"{graph.label(iri)} (" in result.stderr
    assert "met by Python, advanced" in result.stderr


@pytest.mark.parametrize("skills", [DJANGO, JAVA], ids=["django", "java"])
def test_plans_choose_one_tool_a_class(both, skills) -> None:
    from skillgraph.algorithms.plan import plan

    graph, _ = both
    profile = _profile(graph, skills)
    for name in ("Software Developers", "Web Developers"):
        target = graph.resolve(name)
        result = plan(graph, target, profile.ranks())
        classes = [s for s in graph.requirements(target) if graph.alternatives(s)]
        assert classes
        for item in result.items:
            picked = [c for c in item.satisfies if c in classes]
            for choice in picked:  # one alternative a class, never the whole list
                assert sum(choice in i.satisfies for i in result.items) == 1
        for choice in classes:
            known = any(profile.ranks().get(a, 0) for a in graph.alternatives(choice))
            planned = [i for i in result.items if choice in i.satisfies]
            assert len(planned) <= (0 if known else 1), (name, graph.label(choice))


def test_no_generic_office_software_is_essential_in_any_onet_occupation(both) -> None:
    from tests.test_taxonomies import _onet_rows, check_onet_importance

    graph, _ = both
    check_onet_importance(graph, _onet_rows(ONET_FULL))


# ------------------------------------------------ profiles that stay readable --


def test_a_marked_taxonomy_skill_stays_readable_without_the_taxonomy(both, tmp_path) -> None:
    graph, files = both
    me = tmp_path / "me.yaml"
    skill = next(iri for rel, iri in graph.node(graph.resolve("python"))["matches"] if "/esco/" in iri)
    result = invoke_cli("mark", skill, "--profile", me, "--data", files[0])
    assert result.exit_code == 0, result.output
    written = me.read_text(encoding="utf-8")
    assert f"esco:{graph.label(skill)}" in written and "http" not in written.split("skills:")[1]
    # without the taxonomy: a warning that names it, and the rest of the profile still counts
    assert invoke_cli("mark", "git:advanced", "--profile", me).exit_code == 0
    result = invoke_cli("gap", "--target", "junior", "--profile", me, "--format", "json")
    assert result.exit_code == 0, result.output
    assert f"esco:{graph.label(skill)}" in result.stderr and "warning" in result.stderr
    assert any(h["iri"] == graph.resolve("git") for h in json.loads(result.stdout)["have"])
    # with it: the same entry is the ESCO skill again, and carries across
    result = invoke_cli("gap", "--target", "junior", "--profile", me, "--data", files[0])
    assert result.exit_code == 0 and "warning" not in result.stderr
    assert "met by Python (computer programming)" in result.stderr


# ------------------------------------------------ the ladder meets the taxonomies --


def _role_links(graph) -> list[tuple[str, str, str]]:
    """(curated role, relation, occupation) of the role crosswalk, loaded on both sides."""
    from skillgraph.vocabulary import LADDER_TYPES

    return [
        (k, rel, iri)
        for k, rel, iri in _links(graph)
        if iri in graph and graph.node(k)["type"] in LADDER_TYPES and graph.node(iri)["type"] in LADDER_TYPES
    ]


def _climbs(graph, keys: list[str]) -> bool:
    return all(graph.ladder.has_edge(a, b) for a, b in itertools.pairwise(keys))


@pytest.mark.parametrize("skills", [{}, DJANGO, JAVA], ids=["nothing", "django", "java"])
def test_a_path_climbs_the_ladder_then_crosses_a_role_link_to_the_occupation(both, skills) -> None:
    from skillgraph.algorithms.crosswalk import carried
    from skillgraph.algorithms.knowledge import implied
    from skillgraph.algorithms.paths import career_path, in_role

    graph, _ = both
    have = _profile(graph, skills).ranks() if skills else {}
    links = _role_links(graph)
    junior = graph.resolve("junior")
    for occupation in sorted({iri for _, rel, iri in links if rel != "relatedMatch"}):
        path = career_path(graph, junior, occupation, have=have, in_source=True)
        keys = [step.key for step in path.steps]
        assert path.kind == "crosswalk" and keys[0] == junior and keys[-1] == occupation
        bridge = path.crossing.role.key
        assert keys[-2] == bridge and (bridge, path.crossing.relation, occupation) in links
        assert _climbs(graph, keys[:-1])  # progressions up to the crossing
        # what the learner holds by then, carried across, is never asked again
        known, _ = in_role(graph, junior, have)
        for step in path.steps[:-1]:
            known.update({i.key: max(known.get(i.key, 0), i.proficiency) for i in step.skills})
        across = carried(graph, implied(graph, known))
        asked = {i.key: i.proficiency for i in path.steps[-1].skills}
        assert not {k for k, c in across.items() if c.rank >= asked.get(k, 99)}
        assert {c.requirement.key for c in path.crossing.counted} <= set(across)
        assert not {c.requirement.key for c in path.crossing.counted} & set(asked)


def test_junior_reaches_software_architect_through_a_role_linked_to_it(both) -> None:
    graph, files = both
    architect = graph.resolve("software architect", types=("role",))
    bridges = {k for k, _, iri in _role_links(graph) if iri == architect}
    assert bridges
    result = invoke_cli("path", "junior", "software architect", "--data", files[0], "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["kind"] == "crosswalk" and answer["crosswalk"]["role"]["iri"] in bridges
    text = invoke_cli("path", "junior", "software architect", "--data", files[0]).stdout
    link = answer["crosswalk"]
    assert f"at {link['role']['label']} ({link['relation']} {link['occupation']['label']})" in text
    assert "level 0" not in text and "about 0 h" not in text  # ESCO gives no level and no hours
    markdown = invoke_cli("path", "junior", "software architect", "--data", files[0], "--format", "markdown")
    assert link["relation"] in markdown.stdout.split("## 1.")[0]


@pytest.mark.parametrize("skills", [{}, DJANGO, JAVA], ids=["nothing", "django", "java"])
def test_a_path_from_an_occupation_enters_the_ladder_at_a_role_linked_to_it(both, skills) -> None:
    from skillgraph.algorithms.crosswalk import carried
    from skillgraph.algorithms.paths import career_path, in_role

    graph, _ = both
    have = _profile(graph, skills).ranks() if skills else {}
    links = _role_links(graph)
    senior = graph.resolve("senior")
    for name in ("software developer", "Software Developers", "Web Developers"):
        occupation = graph.resolve(name)
        path = career_path(graph, occupation, senior, have=have, in_source=True)
        keys = [step.key for step in path.steps]
        assert path.kind == "crosswalk" and keys[0] == occupation and keys[-1] == senior
        assert (keys[1], path.crossing.relation, occupation) in links
        assert _climbs(graph, keys[1:])
        # nothing assumed of the ladder: the lowest rung linked to the occupation
        rungs = {k for k, rel, iri in links if iri == occupation and rel == path.crossing.relation}
        assert not {k for k in rungs if graph.ladder.has_edge(k, keys[1])}
        held, _ = in_role(graph, occupation, have)
        across = carried(graph, held)
        for step in path.steps[1:]:
            for item in step.skills:
                assert across.get(item.key) is None or across[item.key].rank < item.proficiency


def test_transitions_name_the_roles_the_crosswalk_links(both) -> None:
    graph, files = both
    data = [arg for f in files for arg in ("--data", f)]
    links = _role_links(graph)
    for name in ("junior", "Software Developers"):
        origin = graph.resolve(name)
        result = invoke_cli("transitions", name, *data, "--format", "json")
        assert result.exit_code == 0, result.output
        found = {(m["destination"]["iri"], m["relation"]) for m in json.loads(result.stdout)["crosswalk"]}
        expected = {(iri, rel) for k, rel, iri in links if k == origin}
        expected |= {(k, rel) for k, rel, iri in links if iri == origin}
        assert found == expected and found
    # knowledge crosses in the scores too: a curated role has something in common with an occupation
    moves = json.loads(invoke_cli("transitions", "junior", *data, "--top", "200", "--format", "json").stdout)
    assert any(
        not m["destination"]["iri"].startswith("https://w3id.org/skillgraph/id/")
        for m in moves["transitions"]
    )


def test_an_exact_or_close_role_link_is_the_same_work_both_ways(both) -> None:
    from skillgraph.algorithms.paths import career_path

    graph, _ = both
    same = [(k, iri) for k, rel, iri in _role_links(graph) if rel in ("exactMatch", "closeMatch")]
    assert same
    for role, occupation in same:
        for path in (career_path(graph, role, occupation), career_path(graph, occupation, role)):
            assert path.kind == "crosswalk" and [s.key for s in path.steps] in (
                [role, occupation],
                [occupation, role],
            )
            assert not any(step.skills for step in path.steps)


def test_a_name_both_sides_of_an_exact_or_close_link_give_names_the_curated_one(both) -> None:
    from skillgraph.model.resolve import name_index

    graph, _ = both
    shared = 0
    for key, rel, iri in _links(graph):
        if rel not in ("exactMatch", "closeMatch") or iri not in graph:
            continue
        kind = graph.node(key)["type"]
        for name in (*graph.node(key)["alt_labels"], graph.label(key)):
            tiers = [{m for m in t if graph.node(m)["type"] == kind} for t in name_index(graph).lookup(name)]
            first = next((t for t in tiers if t), set())
            if first == {key, iri}:  # the name is given to both: it names ours
                assert graph.resolve(name, types=(kind,)) == key, name
                shared += 1
    assert shared


def test_a_taxonomy_skill_counts_towards_its_broader_skill_never_the_reverse(both) -> None:
    from skillgraph.algorithms.crosswalk import carried
    from skillgraph.algorithms.knowledge import implied_level

    graph, _ = both
    nodes = graph.nx.nodes
    edges = sorted(
        (u, v)
        for u, v, d in graph.nx.edges(data=True)
        if d.get("relation") == "broader"
        and nodes[u]["type"] == nodes[v]["type"] == "skill"
        and not nodes[v]["choice"]
    )
    assert edges
    for narrow, broad in edges[:: max(1, len(edges) // 40)]:
        up = carried(graph, {narrow: 3})
        assert up[broad].rank == implied_level(3) and up[broad].source == narrow
        assert narrow not in carried(graph, {broad: 3})
