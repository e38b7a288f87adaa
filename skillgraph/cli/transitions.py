"""``skillgraph transitions``: the most feasible moves from a role to any other."""

from __future__ import annotations

from pathlib import Path

import click

from skillgraph.cli.common import data_option, echo_result, format_option, load_graph
from skillgraph.vocabulary import LADDER_TYPES

__all__ = [
    "transitions",
]


@click.command()
@click.argument("role")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many moves to show.",
)
@format_option("text", "json", "csv")
@data_option
def transitions(role: str, top: int, fmt: str, data: tuple[Path, ...], no_cache: bool) -> None:
    """Rank the other roles by how feasible a move from ROLE to them is.

    Each row shows the score and its components: the share of the destination's essential
    skills ROLE already has, the overlap of all skills, of skill groups, and of the work
    done (task statements, when the data has them), and how many skills the move asks to
    learn. A move climbs at most one level (Job Zone or seniority level).

    \b
    skillgraph transitions junior
    skillgraph transitions "software developers" --data onet.ttl --top 5 --format csv
    """
    from skillgraph.algorithms.paths import with_path_hours
    from skillgraph.algorithms.transitions import transitions as rank_moves

    graph = load_graph(data, no_cache)
    moves = rank_moves(graph, graph.resolve(role, types=LADDER_TYPES), top=top)
    echo_result(with_path_hours(graph, moves), fmt)
