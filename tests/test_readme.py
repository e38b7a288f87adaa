"""The figures the README and the command-line reference quote are what the commands print today."""

from __future__ import annotations

import json
import re
import shlex
from itertools import pairwise

import pytest

from tests.helpers import ROOT, invoke_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def quoted_outputs(text: str) -> list[tuple[list[str], str]]:
    """Each ``sh`` block of one ``skillgraph`` command (as arguments) with the plain block that follows it."""
    blocks = [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]
    found = []
    for (lang, body), (next_lang, output) in pairwise(blocks):
        if lang != "sh" or next_lang or len(body.strip().splitlines()) != 1:
            continue
        command = body.strip().split("&&")[-1]
        words = shlex.split(command, comments=True)
        if words[:1] == ["skillgraph"]:
            found.append((words[1:], output))
    return found


def in_order(quoted: list[str], printed: list[str]) -> bool:
    """Whether every quoted line is a printed line, in the same order (``...`` stands for any lines)."""
    lines = iter(printed)
    return all(
        any(line.rstrip() == want.rstrip() for line in lines) for want in quoted if want.strip() != "..."
    )


def test_the_readme_quotes_a_command_with_its_output() -> None:
    assert any(args[:1] == ["path"] for args, _ in quoted_outputs(README))


@pytest.mark.parametrize(
    "args, output", quoted_outputs(README), ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_a_quoted_output_is_what_the_command_prints(args: list[str], output: str) -> None:
    result = invoke_cli(*args)
    assert result.exit_code == 0, result.output
    quoted = output.rstrip("\n").splitlines()
    assert in_order(quoted, result.output.splitlines()), (
        f"README quotes:\n{output}\nthe command prints:\n{result.output}"
    )


def test_in_order_sees_a_changed_figure() -> None:
    printed = ["a -> b", "about 10 h of study", "", "1. a: 2 skills", "   x  2 h", "   y  3 h"]
    assert in_order(["a -> b", "about 10 h of study", "", "1. a: 2 skills", "   x  2 h", "..."], printed)
    assert not in_order(["a -> b", "about 11 h of study"], printed)
    assert not in_order(["   y  3 h", "   x  2 h"], printed)


def test_the_skill_count_is_the_graphs() -> None:
    (count,) = re.findall(r"the (\d+) skills between", README)
    listed = invoke_cli("list", "--type", "skill", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert int(count) == len(json.loads(listed.output))


def test_the_json_example_of_path_has_the_figures_path_prints() -> None:
    section = CLI_DOC.split("## `skillgraph path FROM TO --format json`", 1)[1]
    example = json.loads(FENCE.search(section).group(2))  # type: ignore[union-attr]
    result = invoke_cli("path", example["from"]["id"], "senior", "--format", "json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert (example["effort_hours"], example["typical_years"]) == (
        printed["effort_hours"],
        printed["typical_years"],
    )
    start = example.get("start_counted_as_known")
    if start is not None:
        assert start["hours_from_given"] == printed["start_counted_as_known"]["hours_from_given"]
    assert example["steps"]
    for shown, step in zip(example["steps"], printed["steps"], strict=False):
        assert shown["id"] == step["id"]
        assert (shown["effort_hours"], shown["typical_years_in_role"]) == (
            step["effort_hours"],
            step["typical_years_in_role"],
        )
        for skill in shown["skills"]:
            (same,) = [s for s in step["skills"] if s["id"] == skill["id"]]
            assert {k: same[k] for k in skill} == skill
