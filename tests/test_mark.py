"""``skillgraph mark``: progress kept in the profile, comments and order intact, never half-written."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skillgraph.algorithms.profile import read_profile
from tests.helpers import invoke_cli


def _mark(*args):
    return invoke_cli("mark", *args)


def test_mark_keeps_comments_order_and_spelling(tmp_path, graph):
    profile = tmp_path / "me.yaml"
    profile.write_text("# my skills\nskills:\n  Python: intermediate  # since 2020\n  sql:\n  git: 1\n")
    result = _mark("python:advanced", "--profile", profile)
    assert result.exit_code == 0, result.output
    text = profile.read_text()
    assert text.startswith("# my skills\n")
    assert "# since 2020" in text and "Python: advanced" in text
    assert text.index("Python") < text.index("sql") < text.index("git")
    assert read_profile(graph, profile).skills[graph.resolve("python")] == 3


def test_mark_statuses_and_unmark(tmp_path, graph):
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n  - python:advanced  # main language\n  - name: git\n")
    assert _mark("kubernetes:intermediate", "--status", "learning", "--profile", profile).exit_code == 0
    assert _mark("rust", "--status", "skipped", "--profile", profile).exit_code == 0
    p = read_profile(graph, profile)
    k8s, rust = graph.resolve("kubernetes"), graph.resolve("rust")
    assert p.tracked[k8s] == (2, "learning") and p.tracked[rust] == (None, "skipped")
    assert k8s not in p.ranks()  # being learned is not known
    assert "# main language" in profile.read_text()
    assert _mark("kubernetes:intermediate", "--profile", profile).exit_code == 0  # done now
    assert read_profile(graph, profile).skills[k8s] == 2
    assert _mark("python", "--unmark", "--profile", profile).exit_code == 0
    assert graph.resolve("python") not in read_profile(graph, profile).skills
    assert "git" in profile.read_text()


@pytest.mark.parametrize(
    ("entry", "spelled"),
    [
        ("https://w3id.org/skillgraph/id/python", "https://w3id.org/skillgraph/id/python"),
        ("Python=intermediate", "Python"),
        ("python:2", "python"),
        ("py", "py"),
    ],
)
def test_mark_keeps_how_a_list_entry_names_the_skill(tmp_path, graph, entry, spelled):
    profile = tmp_path / "me.yaml"
    profile.write_text(f"skills:\n  - {entry}  # mine\n  - sql\n")
    assert _mark("python:advanced", "--profile", profile).exit_code == 0
    first, second = profile.read_text().splitlines()[1:]
    assert first.split("#")[0].strip() == f"- {spelled}:advanced" and first.endswith("# mine")
    assert second == "  - sql"
    assert read_profile(graph, profile).skills[graph.resolve("python")] == 3


def test_mark_creates_a_profile_with_a_header(tmp_path, graph):
    for name in ("new.yaml", "new.toml"):
        profile = tmp_path / name
        assert _mark("sql:2", "--profile", profile).exit_code == 0
        assert _mark("docker", "--status", "learning", "--profile", profile).exit_code == 0
        assert profile.read_text().startswith("# What I know")
        p = read_profile(graph, profile)
        assert p.skills == {graph.resolve("sql"): 2}
        assert p.tracked == {graph.resolve("docker"): (None, "learning")}


def test_mark_toml_keeps_comments(tmp_path, graph):
    profile = tmp_path / "me.toml"
    profile.write_text("# mine\n[skills]\npython = 'advanced'  # work\nsql = 2\n")
    assert _mark("sql:expert", "--profile", profile).exit_code == 0
    text = profile.read_text()
    assert "# mine" in text and "# work" in text
    assert read_profile(graph, profile).skills[graph.resolve("sql")] == 4


@pytest.mark.parametrize(
    ("args", "content", "needle"),
    [
        (("pyhton",), "skills: {}\n", "pyhton"),
        (("python", "--status", "maybe"), "skills: {}\n", "maybe"),
        (("python:7",), "skills: {}\n", "python"),
        (("python",), "skills: [a, b\n", "line"),
        (("python",), "skills: 3\n", "skills"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_file(tmp_path, args, content, needle):
    profile = tmp_path / "me.yaml"
    profile.write_text(content)
    result = _mark(*args, "--profile", profile)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and needle in result.output
    assert profile.read_text() == content


def test_read_only_profile_and_folder(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("skills: {python: 1}\n")
    profile.chmod(0o444)
    try:
        result = _mark("sql", "--profile", profile)
        assert result.exit_code == 2 and "read-only" in result.output
        assert profile.read_text() == "skills: {python: 1}\n"
    finally:
        profile.chmod(0o644)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    result = _mark("sql", "--profile", folder)
    assert result.exit_code == 2 and "folder" in result.output


def test_killed_mark_never_leaves_a_half_written_profile(tmp_path, graph):
    """Kill ``mark`` while it writes the new profile: the profile is still the old one, whole."""
    profile = tmp_path / "me.yaml"
    lines = "".join(f"  # note {n}: {'x' * 200}\n" for n in range(4500))
    profile.write_text(f"skills:\n{lines}  python: intermediate\n")
    levels = ["advanced", "expert", "foundational", "intermediate"]
    command = [str(Path(sys.executable).parent / "skillgraph"), "mark"]
    python = graph.resolve("python")
    cut = 0
    for attempt in range(40):
        before = read_profile(graph, profile).skills[python]
        temporary = set(tmp_path.glob(".sg-*.tmp"))
        proc = subprocess.Popen(
            [*command, f"python:{levels[attempt % len(levels)]}", "--profile", str(profile)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # wait until the new profile is being written (its temporary file exists), then kill
        while proc.poll() is None and not set(tmp_path.glob(".sg-*.tmp")) - temporary:
            time.sleep(0.0005)
        if proc.poll() is not None:  # done before the kill could land: try again
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        text = profile.read_text()
        assert text.startswith("skills:\n") and text.endswith("\n") and "# note 4499" in text
        if set(tmp_path.glob(".sg-*.tmp")) - temporary:  # killed before the move: the old profile
            assert read_profile(graph, profile).skills[python] == before
            cut += 1
        if cut >= 3:
            break
    assert cut, "no kill landed while mark was writing"
    done = subprocess.run([*command, "python:expert", "--profile", str(profile)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert read_profile(graph, profile).skills[python] == 4
    assert not [p for p in tmp_path.iterdir() if p.name != "me.yaml" and not p.name.endswith(".tmp")]


def test_mark_refuses_a_profile_over_the_size_limit_and_leaves_it(tmp_path):
    profile = tmp_path / "me.yaml"
    original = "skills:\n" + "".join(f"  # {'x' * 100}\n" for _ in range(11000)) + "  python: 1\n"
    profile.write_text(original)
    result = _mark("sql", "--profile", profile)
    assert result.exit_code == 2 and "too large" in result.output
    assert profile.read_text() == original
