"""Transitions as text, CSV and HTML: one row per move, with the score and every component.

>>> import skillgraph
>>> from skillgraph.algorithms.transitions import transitions
>>> g = skillgraph.load()
>>> first = transitions_text(transitions(g, g.resolve("devops"), top=2)).splitlines()[0]
>>> first.split(" (")[0], first.endswith("or takes the next step of the role's own ladder):")
('Moves from DevOps Engineer', True)
"""

from __future__ import annotations

import csv
import io

from skillgraph.algorithms.transitions import COMPONENTS, Transitions
from skillgraph.present import html
from skillgraph.present.text import table

__all__ = [
    "transitions_csv",
    "transitions_html",
    "transitions_text",
]


def _value(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _rows(result: Transitions) -> list[list[str]]:
    return [
        [
            str(n),
            row.destination.label,
            f"{row.score:.3f}",
            *(_value(row.components.get(name)) for name in COMPONENTS),
            str(row.missing),
            _hours(row.hours),
            "" if row.level is None else str(row.level),
        ]
        for n, row in enumerate(result.rows, start=1)
    ]


def _hours(hours: float | None) -> str:
    return "-" if hours is None else f"{hours:g}"


_HEADERS = ["#", "to", "score", *COMPONENTS, "skills to learn", "study hours", "level"]


def transitions_text(result: Transitions) -> str:
    """Return the moves from a role as an aligned table, the components explained below it."""
    level = f" (level {result.level})" if result.level is not None else ""
    bound = (
        f" (a move climbs at most {result.max_climb} level{'s' * (result.max_climb != 1)},"
        " or takes the next step of the role's own ladder)"
    )
    lines = [
        f"Moves from {result.origin.label}{level}, most feasible first"
        f"{bound if result.max_climb is not None and result.level is not None else ''}:"
    ]
    linked = [
        [
            m.destination.label,
            m.relation,
            str(m.missing),
            _hours(m.hours),
            "" if m.level is None else str(m.level),
        ]
        for m in result.linked
    ]
    crosswalk = (
        ["", "Linked by the role crosswalk (a path between the two crosses there):", ""]
        + [
            "   " + line
            for line in table(
                linked, headers=["role", "link", "skills to learn", "study hours", "level"]
            ).splitlines()
        ]
        if linked
        else []
    )
    if not result.rows:
        return "\n".join([lines[0] + "\n  none: no other role within reach", *crosswalk])
    lines += ["", table(_rows(result), headers=_HEADERS), ""]
    weights = ", ".join(f"{name} {result.weights.get(name, 0):g}" for name in COMPONENTS)
    lines.append(
        f"score: the weighted mean of the components present ('-': no data on one side); weights {weights}."
    )
    lines.append(
        "essential: share of the destination's essential skills already had; optional: overlap of "
        "all skills; groups: overlap of skill groups; tasks: similarity of the work done; study hours: "
        "what `skillgraph path` counts for the move ('-': none estimated)."
    )
    return "\n".join([*lines, *crosswalk])


def transitions_csv(result: Transitions) -> str:
    """Return the moves as CSV, one row per move (header first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["rank", "from", "to", "to_iri", "score", *COMPONENTS, "skills_to_learn", "effort_hours", "level"]
    )
    for n, row in enumerate(result.rows, start=1):
        writer.writerow(
            [
                n,
                result.origin.label,
                row.destination.label,
                row.destination.key,
                f"{row.score:.4f}",
                *("" if row.components.get(c) is None else f"{row.components[c]:.4f}" for c in COMPONENTS),
                row.missing,
                "" if row.hours is None else row.hours,
                "" if row.level is None else row.level,
            ]
        )
    return out.getvalue()


def transitions_html(result: Transitions) -> str:
    """Return the moves as an HTML table (for notebooks)."""
    heading = f"<p>Moves from <b>{html.text(result.origin.label)}</b>, most feasible first</p>"
    return heading + html.table(_rows(result), headers=_HEADERS)
