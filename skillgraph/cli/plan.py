"""Personal learning plans: ``skillgraph gap`` and ``skillgraph plan``."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from skillgraph.cli.common import (
    data_option,
    echo_json,
    echo_result,
    format_option,
    have_options,
    include_optional_option,
    load_graph,
    optimize_option,
    read_learner,
)
from skillgraph.cli.extract import posting_option, posting_target

__all__ = [
    "gap",
    "plan",
]

_target_option = click.option(
    "--target",
    "target",
    default=None,
    metavar="ROLE",
    help="The role or specialization to aim for: senior, lead, devops, dba... (or --posting FILE)",
)


@click.command()
@have_options
@_target_option
@posting_option
@include_optional_option
@format_option("text", "json", "markdown")
@data_option
def gap(
    have: tuple[str, ...],
    profile: Path | None,
    target: str | None,
    posting: str | None,
    include_optional: bool,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Show what TARGET requires that you do not have, by category, with the levels asked and held.

    \b
    skillgraph gap --have python,sql:intermediate,git --target senior
    skillgraph gap --have python,sql --posting job.txt
    """
    from skillgraph.algorithms.plan import gap as skill_gap
    from skillgraph.algorithms.plan import plan as learning_plan
    from skillgraph.present.text import gap_hours_note

    graph = load_graph(data, no_cache)
    learner = read_learner(graph, have, profile)
    graph, key, found = posting_target(graph, target, posting)
    learning = learner.with_status("learning")
    result = skill_gap(graph, key, learner.ranks(), include_optional=include_optional, learning=learning)
    # what closing the gap takes is the plan's figure: the same hours `plan` prints
    planned = learning_plan(
        graph,
        key,
        learner.ranks(),
        include_optional=include_optional,
        learning=learning,
        skipped=learner.with_status("skipped"),
    )
    if fmt == "json":
        extra = {"plan_effort_hours": round(planned.effort_hours, 1)}
        echo_json(result.to_dict() | extra | ({"posting": found.to_dict()} if found is not None else {}))
    else:
        echo_result(result, fmt)
        if not result.met:
            click.echo("\n" + gap_hours_note(planned))
    if found is not None and fmt == "text":
        from skillgraph.present.extract import closest_text

        click.echo(closest_text(found))


@click.command()
@have_options
@_target_option
@posting_option
@optimize_option()
@click.option(
    "--hours-per-week",
    "hours_per_week",
    type=click.FloatRange(0, 168, min_open=True),
    default=None,
    metavar="N",
    help="Lay the plan over the weeks at N study hours a week: a dated checklist.",
)
@click.option(
    "--start",
    "start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="With --hours-per-week: the first day, YYYY-MM-DD (default: today).",
)
@include_optional_option
@format_option("text", "json", "markdown", "mermaid", "ics")
@data_option
def plan(
    have: tuple[str, ...],
    profile: Path | None,
    target: str | None,
    posting: str | None,
    optimize: str,
    hours_per_week: float | None,
    start: datetime.datetime | None,
    include_optional: bool,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Plan the fewest skills to learn for TARGET, in stages, each after its prerequisites.

    Knowing one alternative of a skill choice (Java for "a backend language")
    is enough; otherwise the plan picks the alternative that keeps it smallest.
    With --hours-per-week the plan becomes a schedule (text, markdown, json, or an
    iCalendar file with --format ics).

    \b
    skillgraph plan --have java,sql --target senior --optimize effort --format markdown
    skillgraph plan --profile me.yaml --target senior --hours-per-week 8 --format ics > plan.ics
    skillgraph plan --have python --posting job.txt
    """
    from skillgraph.algorithms.plan import plan as learning_plan
    from skillgraph.errors import InputError

    fmt = fmt.lower()
    if hours_per_week is None and (start is not None or fmt == "ics"):
        raise InputError(f"{'--start' if start is not None else '--format ics'} needs --hours-per-week")
    if hours_per_week is not None and fmt == "mermaid":
        raise InputError("--hours-per-week makes a schedule: use --format text, markdown, json or ics")
    if hours_per_week is not None:
        from skillgraph.algorithms.schedule import schedule

        first = start.date() if start is not None else None
    graph = load_graph(data, no_cache)
    learner = read_learner(graph, have, profile)
    known = learner.ranks()
    learning = learner.with_status("learning")
    graph, key, found = posting_target(graph, target, posting)
    result = learning_plan(
        graph,
        key,
        known,
        optimize=optimize.lower(),
        include_optional=include_optional,
        learning=learning,
        skipped=learner.with_status("skipped"),
    )
    if hours_per_week is not None:
        laid = schedule(result, hours_per_week=hours_per_week, start=first, learning=learning, graph=graph)
        echo_result(laid, fmt)
        return
    if fmt == "json" and found is not None:
        echo_json(result.to_dict() | {"posting": found.to_dict()})
    else:
        echo_result(result, fmt)
    if fmt == "text":
        from skillgraph.algorithms.paths import career_path
        from skillgraph.algorithms.progress import ladder_start
        from skillgraph.present.text import figure_note

        if found is None:
            path = career_path(graph, ladder_start(graph, key), key, have=known, learning=learning)
            note = figure_note(result, path.effort_hours, len(path.steps))
            if note and not result.met:
                click.echo("\n" + note)
    if found is not None and fmt == "text":
        from skillgraph.present.extract import closest_text

        click.echo(closest_text(found))
