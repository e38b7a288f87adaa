"""The commands every user starts with: path, show, list, validate."""

from __future__ import annotations

from pathlib import Path

import click

from skillgraph.cli.common import (
    EMBEDDED_STORES,
    data_option,
    echo_result,
    format_option,
    have_options,
    include_optional_option,
    load_graph,
    read_learner,
    store_url,
)
from skillgraph.vocabulary import LADDER_TYPES, TYPES

__all__ = [
    "list_",
    "path",
    "show",
    "validate",
]


@click.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@have_options
@include_optional_option
@format_option("text", "json", "markdown")
@data_option
def path(
    source: str,
    target: str,
    have: tuple[str, ...],
    profile: Path | None,
    include_optional: bool,
    fmt: str,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Show the career path from role FROM to role TO and the skills of each step.

    Roles are named as you like: "junior", "Senior Backend Developer", an id.
    With --have or --profile, the skills you already have are left out. When no chain of
    progressions joins FROM and TO (imported taxonomies have none), the answer is the
    direct transition, and says so.
    """
    from skillgraph.algorithms.paths import career_path

    graph = load_graph(data, no_cache)
    learner = read_learner(graph, have, profile)
    start = graph.resolve(source, types=LADDER_TYPES)
    end = graph.resolve(target, types=LADDER_TYPES)
    result = career_path(
        graph,
        start,
        end,
        have=learner.ranks(),
        include_optional=include_optional,
        in_source=True,
        learning=learner.with_status("learning"),
    )
    echo_result(result, fmt)


@click.command()
@click.argument("name")
@format_option("text", "json")
@data_option
def show(name: str, fmt: str, data: tuple[Path, ...], no_cache: bool) -> None:
    """Show a node: its type, labels, description, relations and their sources."""
    from skillgraph.model.describe import describe

    graph = load_graph(data, no_cache)
    echo_result(describe(graph, graph.resolve(name)), fmt)


@click.command(name="list")
@click.option(
    "--type", "type_", type=click.Choice(TYPES, case_sensitive=False), help="Only nodes of this type."
)
@format_option("text", "json")
@data_option
def list_(type_: str | None, fmt: str, data: tuple[Path, ...], no_cache: bool) -> None:
    """List the nodes of the graph, or those of one type."""
    from skillgraph.model.describe import list_nodes

    echo_result(list_nodes(load_graph(data, no_cache), type_), fmt)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@data_option
def validate(files: tuple[Path, ...], data: tuple[Path, ...], no_cache: bool) -> None:
    """Check the built-in graph plus FILES: syntax, SHACL shapes, cycles (never from the cache)."""
    url, store_graph = store_url()
    if url and url.lower() not in EMBEDDED_STORES:
        from skillgraph.errors import InputError, redact_url
        from skillgraph.model.validate import check
        from skillgraph.sparql.remote import fetch_rdf

        if data or files:
            raise InputError("FILES and --data cannot be combined with --store")
        rdf, _ = fetch_rdf(url, graph=store_graph)
        graph = check(rdf)
        counts = ", ".join(f"{n} {t}" for t, n in graph.counts().items() if n)
        click.echo(f"valid: {redact_url(url)} ({len(graph)} nodes: {counts})")
        return
    from skillgraph.model.load import load

    graph = load([*data, *files], cache=False)  # a check reads the files themselves
    counts = ", ".join(f"{n} {t}" for t, n in graph.counts().items() if n)
    names = ", ".join(str(f) for f in (*data, *files)) or "the built-in graph"
    click.echo(f"valid: {names} ({len(graph)} nodes: {counts})")
