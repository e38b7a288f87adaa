"""The crosswalk links only to ESCO and O*NET concepts that exist in their data files."""

from __future__ import annotations

import csv
import json

import pytest

import skillgraph
from skillgraph.importers import import_esco, import_onet
from tests.helpers import DATA, ONET_FULL, invoke_cli

ESCO = DATA / "esco-1.2.0-ict"
#: The computer-occupations slice, and the few rows of the full files the crosswalk needs beyond it.
ONET = (DATA / "onet-29.2-software", DATA / "onet-29.2-crosswalk")


def _links(graph):
    return [(key, rel, iri) for key, data in graph.nx.nodes(data=True) for rel, iri in data["matches"]]


def _esco_uris() -> set[str]:
    uris = set()
    for name in ("skills_en.csv", "occupations_en.csv"):
        with (ESCO / name).open(newline="", encoding="utf-8") as handle:
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
