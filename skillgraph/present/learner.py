"""Text for the learner's commands: next steps, what a skill unlocks, progress bars.

>>> import skillgraph
>>> from skillgraph.algorithms.frontier import next_steps
>>> g = skillgraph.load()
>>> print(next_text(next_steps(g, g.resolve("junior"), {}, top=3)).splitlines()[0])  # doctest: +ELLIPSIS
Start now towards Junior Backend Developer (0 of ... requirements met; showing 3 of the best):
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgraph.present.text import hours_text, table

if TYPE_CHECKING:
    from skillgraph.algorithms.frontier import NextStep, NextSteps
    from skillgraph.algorithms.progress import Progress
    from skillgraph.algorithms.unlocks import Unlocks

__all__ = [
    "bar",
    "next_text",
    "progress_text",
    "unlocks_text",
]


def next_text(steps: NextSteps) -> str:
    """Return the skills one can start now, best first, each with one line on why.

    The ways to meet one skill choice ("Backend programming language": JavaScript (Node.js),
    TypeScript, Go...) share the line of the best of them, the others named with their hours,
    so they do not crowd out the rest.
    """
    if steps.met:
        return f"You already meet every requirement of {steps.target_label}."
    met = steps.total - steps.remaining
    lines_of: dict[str, list[NextStep]] = {}
    for item in steps.items:
        lines_of.setdefault(item.step, []).append(item)
    shown_lines = list(lines_of.values())
    shown = f"showing {len(shown_lines)} of the best" if shown_lines else "nothing to start"
    lines = [f"Start now towards {steps.target_label} ({met} of {steps.total} requirements met; {shown}):"]
    rows = []
    for n, (item, *others) in enumerate(shown_lines, 1):
        why = item.why
        if others:
            instead = ", ".join(
                f"{o.label} (practice)"
                if o.learned_by == "practice"
                else f"{o.label} ({hours_text(o.hours)})"
                if o.hours
                else o.label
                for o in others
            )
            why += f"; or instead, for {item.one_of}: {instead}"
        rows.append(
            [f"{n}.", item.label, item.rank_label if not item.current else f"-> {item.rank_label}", why]
        )
    lines += ["  " + line for line in table(rows).splitlines()]
    if steps.skipped:
        lines.append("skipped (as your profile says): " + ", ".join(steps.skipped))
    return "\n".join(lines)


def unlocks_text(result: Unlocks) -> str:
    """Return what learning a skill opens up: skills, then roles brought closer."""
    name = f"{result.skill.label} ({result.rank_label})"
    lines = []
    if result.known_already:
        lines.append(f"You already know {name}.")
    if result.skills:
        lines.append(f"Learning {name} lets you start:")
        lines += [f"  {ref.label}" for ref in result.skills]
    else:
        lines.append(f"Learning {name} is not the last missing prerequisite of any skill.")
    if result.roles:
        lines.append("It brings closer:")
        rows = [
            [g.role.label, f"{g.before} -> {g.after} of {g.total} requirements met"] for g in result.roles
        ]
        lines += ["  " + line for line in table(rows).splitlines()]
    return "\n".join(lines)


def bar(done: int, total: int, width: int = 20) -> str:
    """Return a progress bar of ``width`` cells.

    >>> bar(1, 4, 8)
    '██░░░░░░'
    """
    filled = round(width * done / total) if total else width
    return "█" * filled + "░" * (width - filled)


_MARKS = {"done": "x", "learning": "~", "skipped": "-", "left": " "}


def progress_text(result: Progress, *, bars: bool = True) -> str:
    """Return progress per step: a bar (on a terminal) or a count, then each skill ticked.

    Marks: ``[x]`` done, ``[~]`` learning, ``[-]`` skipped, ``[ ]`` left.
    """
    lines = [
        f"Progress towards {result.target_label}: {result.done} of {result.total} skills, "
        f"{hours_text(result.hours_left) or '0 h'} of study left"
    ]
    for step in result.steps:
        total = len(step.skills)
        meter = f"{bar(step.done, total)} " if bars else ""
        left = hours_text(step.hours_left) or "0 h"
        lines += ["", f"{step.label}  {meter}{step.done}/{total}, {left} left"]
        for tick in step.skills:
            extra = "practice" if tick.learned_by == "practice" else hours_text(tick.hours_left)
            name = f"{tick.label}: {', '.join(tick.chosen_labels)}" if tick.chosen_labels else tick.label
            line = f"  [{_MARKS[tick.status]}] {name} ({tick.proficiency_label})"
            if tick.status != "done" and extra:
                line += f"  {extra}"
            lines.append(line)
    return "\n".join(lines)
