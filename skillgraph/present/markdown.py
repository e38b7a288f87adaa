"""Markdown renderings of core results: checklists a learner can tick.

Every label is escaped: labels come from users' files too.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = skillgraph.career_path(g, g.resolve("senior"), g.resolve("lead"))
>>> path_markdown(p).splitlines()[0]
'# Career path: Senior Backend Developer → Lead Backend Developer'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from skillgraph.present.text import (
    crossing_text,
    estimated_hours,
    gap_note,
    held_text,
    hours_text,
    plan_note,
    plan_summary,
    proficiency_text,
    skill_note,
    start_text,
)

if TYPE_CHECKING:
    from skillgraph.algorithms.paths import CareerPath
    from skillgraph.algorithms.plan import Gap, LearningPlan

__all__ = [
    "gap_markdown",
    "markdown_escape",
    "path_markdown",
    "plan_markdown",
]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def markdown_escape(text: str) -> str:
    r"""Escape the characters Markdown would read as markup.

    >>> markdown_escape("CI/CD (*fast*)")
    'CI/CD \\(\\*fast\\*\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def path_markdown(path: CareerPath) -> str:
    """Return a career path as a Markdown checklist."""
    first, last = path.steps[0], path.steps[-1]
    lines = [f"# Career path: {markdown_escape(first.label)} → {markdown_escape(last.label)}"]
    crossing = getattr(path, "crossing", None)  # a path across the role crosswalk
    if crossing is not None:
        lines += ["", *(markdown_escape(line) + "  " for line in crossing_text(crossing).splitlines())]
    for number, step in enumerate(path.steps, start=1):
        lines += ["", f"## {number}. {markdown_escape(step.label)}", ""]
        if number == 1 and path.start is not None:
            lines.append(markdown_escape(start_text(path)[0].upper() + start_text(path)[1:]) + ".")
        elif not step.skills:
            lines.append("Nothing new to acquire.")
        for item in step.skills:
            note = skill_note(item)
            extra = f" — {markdown_escape(item.category)}" if item.category else ""
            lines.append(
                f"- [ ] **{markdown_escape(item.label)}** ({proficiency_text(item)}){extra}"
                + (f"; {markdown_escape(note)}" if note else "")
            )
    return "\n".join(lines) + "\n"


def gap_markdown(gap: Gap) -> str:
    """Return a gap as a Markdown checklist grouped by category."""
    lines = [f"# Gap to {markdown_escape(gap.target.label)}", ""]
    if gap.met:
        return "\n".join([*lines, "Every requirement is met."]) + "\n"
    labels = dict(gap.proficiency_labels)
    for category, items in gap.by_category().items():
        lines += [f"## {markdown_escape(category)}", ""]
        for item in items:
            have = f", have {held_text(item, labels)}" if item.current else ""
            note = gap_note(item, labels, markdown_escape)
            extra = f"; {note}" if note else ""
            lines.append(f"- [ ] **{markdown_escape(item.label)}** ({item.proficiency_label}{have}){extra}")
        lines.append("")
    return "\n".join(lines)


def plan_markdown(plan: LearningPlan) -> str:
    """Return a learning plan as a Markdown checklist, one section per stage."""
    lines = [f"# Learning plan: {markdown_escape(plan.target.label)}", ""]
    if plan.met:
        return "\n".join([*lines, "Every requirement is already met: nothing to learn."]) + "\n"
    labels = dict(plan.proficiency_labels)
    lines += [markdown_escape(plan_summary(plan)) + ".", ""]
    for stage in plan.stages:
        lines += [f"## Stage {stage.number} ({estimated_hours(stage.effort_hours, stage.unestimated)})", ""]
        for item in stage.items:
            details = [proficiency_text(item, labels).replace("->", "→")]
            if item.category:
                details.append(item.category)
            if item.effort_hours is not None:
                details.append(hours_text(item.effort_hours))
            note = plan_note(item, plan)
            lines.append(
                f"- [ ] **{markdown_escape(item.label)}** ({markdown_escape(', '.join(details))})"
                + (f"; {markdown_escape(note)}" if note else "")
            )
        lines.append("")
    return "\n".join(lines)
