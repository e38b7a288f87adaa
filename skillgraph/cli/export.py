"""``skillgraph export``: write the graph, or a part of it, in a form to share.

``skillgraph export html OUT.html`` writes the interactive explorer: one self-contained
HTML file (no network needed) drawing the graph, or the neighbourhood of a node
(``--around NAME --depth N``), or the nodes of some types (``--type``, repeatable), with a
career path highlighted (``--path FROM TO``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from skillgraph.cli.common import data_option, have_options, load_graph, optimize_option, read_learner
from skillgraph.vocabulary import LADDER_TYPES, TYPES

__all__ = [
    "LAYOUTS",
    "export",
    "html",
]

LAYOUTS = ("auto", "physics", "static", "hierarchical")  # explorer.LAYOUTS, without pyvis


@click.group()
def export() -> None:
    """Export the graph to a file (html: the interactive explorer)."""


@export.command(name="html")
@click.argument("out", metavar="OUT.html", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--around", "around_name", metavar="NAME", help="Only the nodes near this one.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="How many edges away from --around to go (either direction).  [default: 1]",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(TYPES, case_sensitive=False),
    help="Only nodes of this type; repeatable.",
)
@click.option(
    "--path",
    "path_roles",
    nargs=2,
    metavar="FROM TO",
    default=None,
    help="Highlight the career path from role FROM to role TO (its roles stay in view).",
)
@click.option(
    "--plan",
    "plan_target",
    metavar="ROLE",
    default=None,
    help="Highlight the learning plan towards ROLE (--have, --profile, --optimize as for `skillgraph plan`).",
)
@have_options
@optimize_option("With --plan: minimise the number of new skills, or their estimated hours.")
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS, case_sensitive=False),
    default="auto",
    show_default=True,
    help="auto: live physics for small graphs, positions computed beforehand for large ones; "
    "hierarchical: the role ladder top-down.",
)
@click.option("--title", default=None, help="Title of the page.  [default: what is shown]")
@data_option
def html(
    out: Path,
    around_name: str | None,
    depth: int | None,
    types: tuple[str, ...],
    path_roles: tuple[str, str] | None,
    plan_target: str | None,
    have: tuple[str, ...],
    profile: Path | None,
    optimize: str,
    layout: str,
    title: str | None,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Write the interactive graph explorer to OUT.html (self-contained, works offline).

    \b
    Examples:
      skillgraph export html graph.html
      skillgraph export html python.html --around python --depth 2
      skillgraph export html ladder.html --type role --type specialization --layout hierarchical
      skillgraph export html path.html --path junior senior
      skillgraph export html plan.html --plan senior --have python,sql,git
    """
    from skillgraph import explorer
    from skillgraph.algorithms.paths import career_path
    from skillgraph.explorer.roadmap import ladder_sections, path_sections
    from skillgraph.model import subsets
    from skillgraph.rdf.atomic import check_output

    check_output(out)  # refuse a bad output before the graph is loaded
    if depth is not None and around_name is None:
        raise click.UsageError("--depth needs --around NAME")
    if (have or profile) and plan_target is None:
        raise click.UsageError("--have and --profile go with --plan ROLE")
    graph = load_graph(data, no_cache)
    view = graph.nx
    what: list[str] = []
    around_center: list[str] = []
    if around_name is not None:
        center = graph.resolve(around_name)
        steps = 1 if depth is None else depth
        view = subsets.around(view, center, steps)
        around_center = [center]
        what.append(f"around {graph.label(center)} (depth {steps})")
    if types:
        wanted = [t.lower() for t in types]
        view = subsets.of_types(view, wanted)
        what.append("types " + ", ".join(wanted))
    highlight_nodes: list[str] = list(around_center)
    highlight_edges: list[tuple[str, str]] = []
    roadmap: list[Any] = []
    roadmap_keys: list[str] = []
    learner_target: str | None = None
    picked: dict[str, list[str]] = {}
    learner = read_learner(graph, have, profile)
    if path_roles is not None:
        source = graph.resolve(path_roles[0], types=LADDER_TYPES)
        target = graph.resolve(path_roles[1], types=LADDER_TYPES)
        found = career_path(graph, source, target)
        highlight_nodes, highlight_edges = subsets.career_highlight(graph, found)
        highlight_nodes = list(dict.fromkeys([*around_center, *highlight_nodes]))
        roadmap = path_sections(found)
        roadmap_keys = subsets.career_highlight(graph, found, skills=True)[0]
        learner_target = target
        if view is not graph.nx:
            view = subsets.union_with(view, graph, highlight_nodes)
        what.append(f"path {graph.label(source)} to {graph.label(target)}")
    if plan_target is not None:
        from skillgraph.algorithms.plan import plan as learning_plan

        known = learner.ranks()
        found_plan = learning_plan(
            graph, graph.resolve(plan_target, types=LADDER_TYPES), known, optimize=optimize.lower()
        )
        plan_nodes, plan_edges = subsets.plan_highlight(graph, found_plan)
        target_key = found_plan.target.key
        roadmap = [{"role": target_key, "skills": [n for n in plan_nodes if n != target_key]}]
        roadmap_keys = plan_nodes
        learner_target = found_plan.target.key
        for choice, alt in found_plan.choices:
            picked.setdefault(choice.key, []).append(alt.key)
        highlight_nodes = list(dict.fromkeys([*highlight_nodes, *plan_nodes]))
        highlight_edges = list(dict.fromkeys([*highlight_edges, *plan_edges]))
        if view is not graph.nx:
            view = subsets.union_with(view, graph, highlight_nodes)
        what.append(f"plan for {found_plan.target.label} ({len(found_plan.items)} skills)")
    if not roadmap and view is graph.nx:
        roadmap = ladder_sections(graph)  # a page without a plan opens on the ladder's roadmap
        roadmap_keys = [k for section in roadmap for k in [*section["skills"], section["role"]]]
    if title is None:
        title = "skillgraph" + (": " + "; ".join(what) if what else "")
    from skillgraph.explorer.learner import learner_data

    written = explorer.write_html(
        out,
        view,
        highlight_nodes=highlight_nodes,
        highlight_edges=highlight_edges,
        layout=layout.lower(),
        title=title,
        learner=learner_data(
            graph,
            target=learner_target,
            have=learner.ranks(),
            choices=picked,
            skipped=learner.with_status("skipped"),
            learning=learner.with_status("learning"),
            roadmap=roadmap_keys,
        ),
        roadmap=roadmap,
    )
    click.echo(
        f"wrote {written}: {view.number_of_nodes()} nodes, {view.number_of_edges()} edges"
        + (f", {len(highlight_nodes)} highlighted nodes" if highlight_nodes else "")
    )
