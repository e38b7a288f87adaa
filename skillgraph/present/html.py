"""HTML renderings of core results for Jupyter.

The ``_repr_html_`` methods of :class:`~skillgraph.model.graph.SkillGraph`,
:class:`~skillgraph.algorithms.paths.CareerPath`, :class:`~skillgraph.model.describe.NodeDescription`,
:class:`~skillgraph.algorithms.plan.LearningPlan` and :class:`~skillgraph.algorithms.plan.Gap` call the
functions here, so a graph, a path, a node, a plan or a gap shows as readable
tables in a notebook. Every label and
description is escaped: they come from users' files too.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = skillgraph.career_path(g, g.resolve("senior"), g.resolve("lead"))
>>> "<table" in path_html(p) and "Lead Backend Developer" in path_html(p)
True
>>> "&lt;b&gt;" in table([["<b>bold</b> & co"]])
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from skillgraph.present.text import (
    estimated_hours,
    gap_note,
    held_text,
    hours_text,
    plan_effort,
    plan_note,
    proficiency_text,
    skill_note,
)

if TYPE_CHECKING:
    from skillgraph.algorithms.paths import CareerPath
    from skillgraph.algorithms.plan import Gap, LearningPlan
    from skillgraph.model.describe import NodeDescription
    from skillgraph.model.graph import SkillGraph

__all__ = [
    "describe_html",
    "gap_html",
    "graph_html",
    "path_html",
    "plan_html",
    "table",
    "text",
]

_STYLE = "text-align:left;vertical-align:top"


def text(value: object) -> str:
    """Return ``value`` as escaped HTML text (None as the empty string).

    >>> text('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    >>> text(None)
    ''
    """
    return "" if value is None else escape(str(value), quote=True)


def table(rows: Iterable[Sequence[object]], headers: Sequence[str] | None = None) -> str:
    """Return ``rows`` as an HTML table, every value escaped.

    >>> table([["a", 1]], headers=["name", "n"])  # doctest: +ELLIPSIS
    '<table><thead><tr><th style="text-align:left;vertical-align:top">name</th>...</table>'
    """
    parts = ["<table>"]
    if headers:
        head = "".join(f'<th style="{_STYLE}">{text(h)}</th>' for h in headers)
        parts.append(f"<thead><tr>{head}</tr></thead>")
    parts.append("<tbody>")
    for row in rows:
        tds = "".join(f'<td style="{_STYLE}">{text(v)}</td>' for v in row)
        parts.append(f"<tr>{tds}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _heading(title: str, detail: str = "") -> str:
    extra = f' <span style="font-weight:normal">{text(detail)}</span>' if detail else ""
    return f"<p><strong>{text(title)}</strong>{extra}</p>"


def _div(*parts: str) -> str:
    return '<div class="skillgraph">' + "".join(parts) + "</div>"


# -- the graph -----------------------------------------------------------------


def graph_html(graph: SkillGraph, *, examples: int = 4) -> str:
    """Return a summary of ``graph``: how many nodes of each type, with a few examples.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> html = graph_html(g)
    >>> "role" in html and g.label(g.nodes("role")[0]) in html
    True
    """
    from collections import Counter

    rows = []
    for kind, count in graph.counts().items():
        if not count:
            continue
        labels = [graph.label(n) for n in graph.nodes(kind)]
        shown = ", ".join(labels[:examples]) + (", …" if len(labels) > examples else "")
        rows.append([kind, count, shown])
    relations = Counter(rel for _, _, rel in graph.nx.edges(keys=True))
    edge_rows = [[rel, n] for rel, n in sorted(relations.items())]
    return _div(
        _heading(
            "SkillGraph",
            f"{len(graph)} nodes, {graph.nx.number_of_edges()} edges, {len(graph.sources)} sources",
        ),
        table(rows, headers=["type", "nodes", "for example"]),
        "<details><summary>edges by relation</summary>",
        table(edge_rows, headers=["relation", "edges"]),
        "</details>",
    )


# -- career paths --------------------------------------------------------------


def path_html(path: CareerPath) -> str:
    """Return a career path as a heading per role with a table of the skills it adds.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> html = path_html(skillgraph.career_path(g, g.resolve("junior"), g.resolve("mid")))
    >>> html.count("<table>")
    2
    """
    route = " → ".join(step.label for step in path.steps)
    total = sum(len(step.skills) for step in path.steps)
    detail = f"{len(path.steps)} steps, {total} skills to acquire"
    if path.have:
        detail += f", leaving out {len(path.have)} you have"
    parts = [_heading(route, f"({detail})")]
    for number, step in enumerate(path.steps, start=1):
        level = f", level {step.level}" if step.level is not None else ""
        count = len(step.skills)
        parts.append(
            _heading(f"{number}. {step.label}", f"({step.type}{level}): {count} skill{'s' * (count != 1)}")
        )
        if step.skills:
            rows = [
                [
                    item.label,
                    proficiency_text(item, arrow="→"),
                    item.category or "",
                    "" if item.effort_hours is None else f"{item.effort_hours:g}",
                    skill_note(item),
                ]
                for item in step.skills
            ]
            parts.append(table(rows, headers=["skill", "proficiency", "category", "hours", "note"]))
        else:
            parts.append("<p>nothing new</p>")
    return _div(*parts)


# -- nodes ---------------------------------------------------------------------


def describe_html(desc: NodeDescription) -> str:
    """Return a node description: its facts, then one table per kind of relation.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> html = describe_html(skillgraph.describe(g, g.resolve("python")))
    >>> "Python" in html and "alternative for" in html
    True
    """
    facts: list[list[object]] = [["id", desc.id], ["iri", desc.key]]
    if desc.alt_labels:
        facts.append(["also known as", ", ".join(desc.alt_labels)])
    facts += [[name.replace("_", " "), value] for name, value in desc.attributes.items()]
    if desc.description:
        facts.append(["description", desc.description])
    facts += [
        [relation, f"{label} ({target})" if label else target] for relation, target, label in desc.matches
    ]
    facts += [
        [f"source of {name.replace('_', ' ')}", "; ".join(srcs)] for name, srcs in desc.provenance.items()
    ]
    parts = [_heading(desc.label, f"[{desc.type}]"), table(facts)]
    for wording, rels in desc.grouped().items():
        parts.append(_heading(f"{wording} ({len(rels)})"))
        rows = [[r.label, r.type, r.proficiency_label or "", "; ".join(r.sources)] for r in rels]
        parts.append(table(rows, headers=["node", "type", "proficiency", "sources"]))
    return _div(*parts)


# -- learning plans and gaps ----------------------------------------------------


def plan_html(plan: LearningPlan) -> str:
    """Return a learning plan: a summary, the choices made, then one table per stage.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> p = skillgraph.learning_plan(g, g.resolve("junior"), {g.resolve("java"): 3})
    >>> html = plan_html(p)
    >>> "Stage 1" in html and html.count("<table>") == len(p.stages) + bool(p.choices)
    True
    """
    target = plan.target.label
    if plan.met:
        return _div(_heading(f"Learning plan for {target}", "(every requirement is met: nothing to learn)"))
    labels = dict(plan.proficiency_labels)
    goal = "fewest new skills" if plan.objective == "count" else "least estimated effort"
    summary = [
        f"{plan.new_count} new skill{'s' * (plan.new_count != 1)}",
        *([f"{plan.raise_count} to raise"] if plan.raise_count else []),
        f"{len(plan.stages)} stage{'s' * (len(plan.stages) != 1)}",
        plan_effort(plan),
    ]
    parts = [_heading(f"Learning plan for {target}", f"({goal}): " + ", ".join(summary))]
    if not plan.optimal:
        parts.append("<p>The search stopped early: this is the best plan found, not proven the smallest.</p>")
    if plan.choices:
        parts.append(table([[c.label, p.label] for c, p in plan.choices], headers=["choice", "picked"]))
    for stage in plan.stages:
        count = len(stage.items)
        detail = (
            f"{count} skill{'s' * (count != 1)}, {estimated_hours(stage.effort_hours, stage.unestimated)}"
        )
        parts.append(_heading(f"Stage {stage.number}", f"({detail})"))
        rows = [
            [
                item.label,
                item.status,
                proficiency_text(item, labels, arrow="→"),
                item.category or "",
                hours_text(item.effort_hours),
                plan_note(item, plan),
            ]
            for item in stage.items
        ]
        parts.append(table(rows, headers=["skill", "status", "proficiency", "category", "effort", "note"]))
    if plan.have:
        parts.append(f"<p>Starting from {len(plan.have)} skill(s) you have.</p>")
    return _div(*parts)


def gap_html(gap: Gap) -> str:
    """Return the requirements of a target that are not met, grouped by category.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> "Gap to Junior Backend Developer" in gap_html(skillgraph.skill_gap(g, g.resolve("junior")))
    True
    """
    target = gap.target.label
    if gap.met:
        return _div(_heading(f"Gap to {target}", "(every requirement is met)"))
    labels = dict(gap.proficiency_labels)
    count = gap.missing
    further = len(gap.items) - count
    rows = [
        [
            category if n == 0 else "",
            item.label,
            item.proficiency_label,
            (held_text(item, labels) if item.current else ""),
            gap_note(item, labels),
        ]
        for category, items in gap.by_category().items()
        for n, item in enumerate(items)
    ]
    return _div(
        _heading(
            f"Gap to {target}",
            f"({count} requirement{'s' * (count != 1)} not met"
            + (f"; {further} met, learned further as a prerequisite)" if further else ")"),
        ),
        table(rows, headers=["category", "skill", "asked", "have", "note"]),
    )
