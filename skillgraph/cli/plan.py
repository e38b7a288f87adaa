"""Personal learning plans: ``skillgraph gap`` and ``skillgraph plan``."""

from __future__ import annotations

from pathlib import Path

import click

from skillgraph.cli.common import (
    data_option,
    echo_json,
    format_option,
    have_options,
    include_optional_option,
    load_graph,
    optimize_option,
    read_known,
)
from skillgraph.vocabulary import LADDER_TYPES

_target_option = click.option(
    "--target",
    "target",
    required=True,
    metavar="ROLE",
    help="The role or specialization to aim for: senior, lead, devops, dba...",
)


@click.command()
@have_options
@_target_option
@include_optional_option
@format_option("text", "json", "markdown")
@data_option
def gap(
    have: tuple[str, ...],
    profile: Path | None,
    target: str,
    include_optional: bool,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Show what TARGET requires that you do not have, by category, with the levels asked and held.

    \b
    skillgraph gap --have python,sql:intermediate,git --target senior
    """
    from skillgraph.algorithms.plan import gap as skill_gap
    from skillgraph.present.markdown import gap_markdown
    from skillgraph.present.text import gap_text

    graph = load_graph(data, no_cache)
    known = read_known(graph, have, profile)
    result = skill_gap(
        graph, graph.resolve(target, types=LADDER_TYPES), known, include_optional=include_optional
    )
    if fmt == "json":
        echo_json(result.to_dict())
    elif fmt == "markdown":
        click.echo(gap_markdown(result), nl=False)
    else:
        click.echo(gap_text(result))


@click.command()
@have_options
@_target_option
@optimize_option()
@include_optional_option
@format_option("text", "json", "markdown", "mermaid")
@data_option
def plan(
    have: tuple[str, ...],
    profile: Path | None,
    target: str,
    optimize: str,
    include_optional: bool,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Plan the fewest skills to learn for TARGET, in stages, each after its prerequisites.

    Knowing one alternative of a skill choice (Java for "a backend language")
    is enough; otherwise the plan picks the alternative that keeps it smallest.

    \b
    skillgraph plan --have java,sql --target senior --optimize effort --format markdown
    """
    from skillgraph.algorithms.plan import plan as learning_plan
    from skillgraph.present.markdown import plan_markdown
    from skillgraph.present.mermaid import plan_mermaid
    from skillgraph.present.text import plan_text

    graph = load_graph(data, no_cache)
    known = read_known(graph, have, profile)
    result = learning_plan(
        graph,
        graph.resolve(target, types=LADDER_TYPES),
        known,
        optimize=optimize.lower(),
        include_optional=include_optional,
    )
    if fmt == "json":
        echo_json(result.to_dict())
    elif fmt == "markdown":
        click.echo(plan_markdown(result), nl=False)
    elif fmt == "mermaid":
        click.echo(plan_mermaid(result), nl=False)
    else:
        click.echo(plan_text(result))
