"""Bad input: malformed files, SHACL violations and cycles, all-or-nothing loading."""

from __future__ import annotations

import pytest

import skillgraph
from skillgraph import DataFileError, ValidationError

ROLE = 'ex:r a sg:Role ; sg:level 1 ; skos:prefLabel "R"@en .\n'


def test_malformed_turtle_names_file_and_line(write_ttl):
    bad = write_ttl('ex:a a sg:Skill ;\n  skos:prefLabel "A"@en \nex:b a sg:Skill .\n')
    with pytest.raises(DataFileError) as info:
        skillgraph.load([bad])
    message = str(info.value)
    assert message.startswith(f"{bad}, line 7")
    assert "\n" not in message and info.value.exit_code == 2


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match=r"nope\.ttl"):
        skillgraph.load([tmp_path / "nope.ttl"])


def test_unknown_extension(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(DataFileError, match="unknown RDF file type"):
        skillgraph.load([path])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "ex:s a sg:Skill ; sg:category sg:Database .\n",
            "https://example.org/track/s has no label (skos:prefLabel)",
        ),
        ('ex:r a sg:Role ; skos:prefLabel "R"@en .\n', "is a role without a seniority level"),
        (
            'ex:r a sg:Role ; sg:level 1 ; skos:prefLabel "R"@en ;\n'
            "  sg:requirement [ sg:skill sgd:slack ; sg:proficiency sg:Advanced ] .\n",
            "a requirement of https://example.org/track/r requires sgd:slack, which is not a skill",
        ),
        (
            ROLE + "ex:r sg:progressesTo ex:nowhere .\n",
            "https://example.org/track/nowhere is referenced but defined nowhere (dangling reference)",
        ),
        (
            'ex:s a sg:Skill ; skos:prefLabel "S"@en ; sg:hasPrerequisite sgd:pyhton .\n',
            "sgd:pyhton is referenced but defined nowhere",
        ),
    ],
)
def test_shacl_violations_name_node_and_rule(write_ttl, body, expected):
    path = write_ttl(body)
    with pytest.raises(ValidationError) as info:
        skillgraph.load([path])
    assert any(expected in problem for problem in info.value.problems), info.value.problems


@pytest.mark.parametrize(
    "body",
    [
        'ex:r a sg:Role ; sg:level "two" ; skos:prefLabel "R"@en .\n',
        'ex:s a sg:Skill ; skos:prefLabel "S"@en ;\n'
        '  sg:effort [ sg:proficiency sg:Foundational ; sg:hours "a week" ] .\n',
        ROLE + 'ex:r sg:typicalYearsMin "few" .\n',
    ],
)
def test_values_the_view_cannot_read_are_reported_by_the_shapes(write_ttl, body):
    """The shapes are checked while the view is read: a value the view cannot read (a level
    that is not a number) is still reported as the shape says, never as an error of the reader."""
    path = write_ttl(body)
    with pytest.raises(ValidationError) as info:
        skillgraph.load([path])
    assert any("https://example.org/track/" in problem for problem in info.value.problems), (
        info.value.problems
    )


def test_prerequisite_cycle_is_reported_with_the_cycle(write_ttl):
    path = write_ttl(
        'ex:a a sg:Skill ; skos:prefLabel "A"@en ; sg:hasPrerequisite ex:b .\n'
        'ex:b a sg:Skill ; skos:prefLabel "B"@en ; sg:hasPrerequisite sgd:git .\n'
        "sgd:git sg:hasPrerequisite ex:a .\n"
    )
    with pytest.raises(ValidationError) as info:
        skillgraph.load([path])
    (problem,) = info.value.problems
    assert problem.startswith("prerequisite cycle: ")
    assert "https://example.org/track/a" in problem and "git" in problem


def test_progression_cycle(write_ttl):
    path = write_ttl("sgd:lead-backend-developer sg:progressesTo sgd:junior-backend-developer .\n")
    with pytest.raises(ValidationError, match=r"progression cycle: .*junior-backend-developer"):
        skillgraph.load([path])


def test_invalid_file_is_not_applied_or_cached(write_ttl):
    bad = write_ttl('ex:s a sg:Skill ; skos:prefLabel "Totally New Skill"@en ;\n sg:hasPrerequisite ex:x .\n')
    with pytest.raises(ValidationError):
        skillgraph.load([bad])
    with pytest.raises(ValidationError):  # not cached as valid on a second try either
        skillgraph.load([bad])
    # the built-in graph is unaffected
    graph = skillgraph.load()
    with pytest.raises(skillgraph.UnknownNameError):
        graph.resolve("Totally New Skill")


def test_user_track_extends_the_graph(graph):
    from tests.helpers import DATA

    g = skillgraph.load([DATA / "frontend-track.ttl"])
    assert len(g) == len(graph) + 4
    path = skillgraph.career_path(g, g.resolve("junior fe"), g.resolve("fe"))
    labels = [i.label for s in path.steps for i in s.skills]
    assert labels.index("HTML and CSS") < labels.index("React")
    assert "Git" in labels
    desc = skillgraph.describe(g, g.resolve("react"))
    assert desc.provenance["label"] == (str(DATA / "frontend-track.ttl"),)


def test_atomic_write_keeps_the_old_file_on_error(tmp_path):
    from skillgraph.rdf.atomic import atomic_write

    target = tmp_path / "kept.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as out:
        out.write("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]


def test_atomic_write_refuses_folders_devices_and_empty_names(tmp_path):
    from skillgraph.rdf.atomic import atomic_write

    for bad, reason in (
        (tmp_path, "is a folder"),
        ("/dev/null", "is not a regular file"),
        ("", "not a file name"),
    ):
        with pytest.raises(DataFileError, match=reason), atomic_write(bad) as out:
            out.write("x")
    assert open("/dev/null").read() == ""


def test_atomic_write_goes_through_a_symbolic_link(tmp_path):
    from skillgraph.rdf.atomic import atomic_write

    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(link) as out:
        out.write("new")
    assert link.is_symlink() and real.read_text() == "new"
