"""The learner's loop: ``next``, ``unlocks``, ``mark`` and ``progress``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from skillgraph.cli.common import (
    data_option,
    echo_result,
    format_option,
    have_options,
    load_graph,
    read_learner,
)
from skillgraph.vocabulary import LADDER_TYPES

__all__ = [
    "mark",
    "next_",
    "progress",
    "unlocks",
]

_target_option = click.option(
    "--target", "target", required=True, metavar="ROLE", help="The role or specialization to aim for."
)


def _towards(
    target: str, have: tuple[str, ...], profile: Path | None, data: tuple[Path, ...], no_cache: bool
) -> tuple[Any, str, Any]:
    """Return the graph, the key of the role or specialization ``target`` and the learner."""
    graph = load_graph(data, no_cache)
    learner = read_learner(graph, have, profile)
    return graph, graph.resolve(target, types=LADDER_TYPES), learner


@click.command(name="next")
@have_options
@_target_option
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N", help="Show the N best only.")
@format_option("text", "json")
@data_option
def next_(
    have: tuple[str, ...],
    profile: Path | None,
    target: str,
    top: int | None,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Show the skills you can start now towards TARGET, best first, each with why.

    \b
    skillgraph next --target senior --profile me.yaml --top 5
    """
    from skillgraph.algorithms.frontier import next_steps

    graph, key, learner = _towards(target, have, profile, data, no_cache)
    learning, skipped = learner.with_status("learning"), learner.with_status("skipped")
    result = next_steps(graph, key, learner.ranks(), skipped=skipped, learning=learning, top=top)
    echo_result(result, fmt)


@click.command()
@click.argument("skill")
@have_options
@format_option("text", "json")
@data_option
def unlocks(
    skill: str,
    have: tuple[str, ...],
    profile: Path | None,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Show what learning SKILL[:LEVEL] opens up: skills it is the last missing prerequisite of,
    and roles it brings closer (from what you know, or from nothing).

    \b
    skillgraph unlocks docker --profile me.yaml
    """
    from skillgraph.algorithms.profile import parse_entry
    from skillgraph.algorithms.unlocks import unlocks as what_it_unlocks

    graph = load_graph(data, no_cache)
    key, level = parse_entry(graph, skill)
    rank = level or 1
    learner = read_learner(graph, have, profile)
    echo_result(what_it_unlocks(graph, key, learner.ranks(), rank=rank), fmt)


@click.command()
@click.argument("skill", metavar="SKILL[:LEVEL]")
@click.option(
    "--profile",
    "profile",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The profile to update (YAML, or TOML when it ends in .toml); created if missing.",
)
@click.option("--status", default="done", metavar="STATUS", help="done (default), learning or skipped.")
@click.option("--unmark", is_flag=True, help="Remove the skill from the profile.")
@data_option
def mark(
    skill: str, profile: Path, status: str, unmark: bool, data: tuple[Path, ...], no_cache: bool
) -> None:
    """Record SKILL[:LEVEL] in your profile (done, learning or skipped), keeping its comments.

    The file is replaced atomically: it is the old one or the new one, never half-written.

    \b
    skillgraph mark python:advanced --profile me.yaml
    skillgraph mark kubernetes:intermediate --status learning --profile me.yaml
    skillgraph mark python --unmark --profile me.yaml
    """
    from skillgraph.algorithms.profile import parse_entry, parse_status, read_profile
    from skillgraph.algorithms.profile_edit import level_to_record, mark_text
    from skillgraph.errors import DataFileError
    from skillgraph.rdf.atomic import atomic_write

    status = parse_status(status)
    graph = load_graph(data, no_cache)
    key, level = parse_entry(graph, skill)
    text = _read_for_update(profile)
    if text.strip():
        read_profile(graph, profile)  # what every reader refuses is not rewritten either
    if status == "done" and not unmark:  # a stated level: given, kept, or the default
        level = level_to_record(graph, profile, key, level)
    try:
        new = mark_text(
            graph, text, key, level, status=status, remove=unmark, toml=profile.suffix.casefold() == ".toml"
        )
    except DataFileError as err:
        message = str(err).partition(": ")[2]
        raise DataFileError(str(profile), message, line=err.line, column=err.column) from None
    if new == text:
        kept = f" (recorded at {graph.level_label(level)})" if level else ""
        click.echo(f"{profile}: nothing to change for {graph.label(key)}{kept}")
        return
    with atomic_write(profile) as out:
        out.write(new)
    label = graph.proficiency_labels.get(level, "") if level else ""
    what = "removed" if unmark else f"marked {status}" + (f" at {label}" if label else "")
    click.echo(f"{profile}: {graph.label(key)} {what}")


def _read_for_update(path: Path) -> str:
    """Return the profile's text ('' for a new file); refuse a folder or a read-only file."""
    from skillgraph.algorithms.profile import profile_text
    from skillgraph.errors import DataFileError

    if path.is_dir():
        raise DataFileError(str(path), "is a folder, not a profile file")
    if not path.exists():
        return ""
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:  # read-only, even for root
        raise DataFileError(str(path), "is read-only: cannot update it")
    return profile_text(path)


@click.command()
@have_options
@_target_option
@format_option("text", "json")
@data_option
def progress(
    have: tuple[str, ...],
    profile: Path | None,
    target: str,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Show, step by step up to TARGET, what you have done and what is left, with hours.

    Bars on a terminal, plain counts in a pipe.

    \b
    skillgraph progress --target senior --profile me.yaml
    """
    from skillgraph.algorithms.progress import progress as learner_progress
    from skillgraph.present.learner import progress_text

    graph, key, learner = _towards(target, have, profile, data, no_cache)
    learning, skipped = learner.with_status("learning"), learner.with_status("skipped")
    result = learner_progress(graph, key, learner.ranks(), learning=learning, skipped=skipped)
    if fmt == "text":  # bars on a terminal only
        click.echo(progress_text(result, bars=sys.stdout.isatty()))
    else:
        echo_result(result, fmt)
