"""Mermaid renderings of core results: a learning plan as a flowchart of stages.

>>> mermaid_escape("a <b>")
'a #lt;b#gt;'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgraph.present.text import estimated_hours, hours_text, proficiency_text

if TYPE_CHECKING:
    from skillgraph.algorithms.plan import LearningPlan

__all__ = [
    "mermaid_escape",
    "plan_mermaid",
]


def mermaid_escape(text: str) -> str:
    """Escape text for a quoted Mermaid label (entity codes for quotes and markup).

    >>> mermaid_escape('C# & "F#" <fast>')
    'C#35; #amp; #quot;F#35;#quot; #lt;fast#gt;'
    """
    codes = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;"}
    return "".join(codes.get(ch, ch) for ch in " ".join(text.split()))


def plan_mermaid(plan: LearningPlan) -> str:
    """Return a learning plan as a Mermaid flowchart: stages as subgraphs, prerequisite arrows.

    Node ids are generated (``s1``, ``s2``...), so no label can clash with Mermaid keywords.
    """
    lines = ["flowchart LR"]
    if plan.met:
        label = mermaid_escape(f"{plan.target.label}: nothing to learn")
        return "\n".join([*lines, f'    done["{label}"]']) + "\n"
    labels = dict(plan.proficiency_labels)
    ids = {item.key: f"s{n}" for n, item in enumerate(plan.items, start=1)}
    for stage in plan.stages:
        title = mermaid_escape(
            f"Stage {stage.number} · {estimated_hours(stage.effort_hours, stage.unestimated)}"
        )
        lines.append(f'    subgraph stage{stage.number}["{title}"]')
        for item in stage.items:
            text = mermaid_escape(item.label) + "<br/>" + mermaid_escape(proficiency_text(item, labels))
            if item.effort_hours is not None:
                text += " · " + mermaid_escape(hours_text(item.effort_hours))
            lines.append(f'        {ids[item.key]}["{text}"]')
        lines.append("    end")
    for item in plan.items:
        for before in item.after:
            lines.append(f"    {ids[before]} --> {ids[item.key]}")
    return "\n".join(lines) + "\n"
