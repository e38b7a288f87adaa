"""Plain-text and Markdown renderings of core results, shared by the CLI and notebooks.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = skillgraph.career_path(g, g.resolve("senior"), g.resolve("lead"))
>>> path_markdown(p).splitlines()[0]
'# Career path: Senior Backend Developer → Lead Backend Developer'
"""

from __future__ import annotations

from collections.abc import Sequence

from .describe import NodeDescription
from .paths import CareerPath, SkillItem


def table(rows: Sequence[Sequence[object]], headers: Sequence[str] | None = None) -> str:
    """Return ``rows`` as columns aligned with spaces.

    >>> print(table([["a", 1], ["bbb", 22]], headers=["name", "n"]))
    name  n
    ----  --
    a     1
    bbb   22
    """
    text_rows = [["" if v is None else str(v) for v in row] for row in rows]
    if headers:
        text_rows.insert(0, list(headers))
    if not text_rows:
        return ""
    widths = [max(len(r[i]) for r in text_rows if i < len(r)) for i in range(max(map(len, text_rows)))]
    lines = ["  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip() for row in text_rows]
    if headers:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _proficiency(item: SkillItem, labels: dict[int, str] | None = None) -> str:
    if item.current:
        before = (labels or {}).get(item.current, str(item.current))
        return f"{before} -> {item.proficiency_label}"
    return item.proficiency_label


def _note(item: SkillItem) -> str:
    notes = []
    if item.alternatives:
        notes.append("one of " + ", ".join(item.alternatives))
    if item.reason == "prerequisite" and item.needed_for:
        notes.append("prerequisite of " + ", ".join(item.needed_for))
    return "; ".join(notes)


_LEVELS = {1: "foundational", 2: "intermediate", 3: "advanced", 4: "expert"}


def path_text(path: CareerPath) -> str:
    """Return a career path as text for a terminal."""
    lines = [" -> ".join(step.label for step in path.steps)]
    if path.have:
        lines.append(f"(leaving out {len(path.have)} skill(s) you have)")
    for number, step in enumerate(path.steps, start=1):
        level = f", level {step.level}" if step.level is not None else ""
        count = len(step.skills)
        lines += [
            "",
            f"{number}. {step.label} ({step.type}{level}): {count} skill{'s' * (count != 1)} to acquire",
        ]
        rows = [
            [item.label, _proficiency(item, _LEVELS), item.category or "", _note(item)]
            for item in step.skills
        ]
        if rows:
            lines += ["   " + line for line in table(rows).splitlines()]
        else:
            lines.append("   nothing new")
    return "\n".join(lines)


def path_markdown(path: CareerPath) -> str:
    """Return a career path as a Markdown checklist."""
    first, last = path.steps[0], path.steps[-1]
    lines = [f"# Career path: {first.label} → {last.label}"]
    for number, step in enumerate(path.steps, start=1):
        lines += ["", f"## {number}. {step.label}", ""]
        if not step.skills:
            lines.append("Nothing new to acquire.")
        for item in step.skills:
            note = _note(item)
            extra = f" — {item.category}" if item.category else ""
            lines.append(
                f"- [ ] **{item.label}** ({_proficiency(item, _LEVELS)}){extra}"
                + (f"; {note}" if note else "")
            )
    return "\n".join(lines) + "\n"


def describe_text(desc: NodeDescription) -> str:
    """Return a node description as text for a terminal."""
    lines = [f"{desc.label}  [{desc.type}]  id: {desc.id}", f"iri: {desc.key}"]
    if desc.alt_labels:
        lines.append("also known as: " + ", ".join(desc.alt_labels))
    for name, value in desc.attributes.items():
        lines.append(f"{name.replace('_', ' ')}: {value}")
    if desc.description:
        lines.append(f"description: {desc.description}")
    for relation, target, label in desc.matches:
        lines.append(f"{relation}: {target}" + (f"  ({label})" if label else ""))
    if desc.provenance:
        lines += ["", "sources of its facts:"]
        lines += [f"  {name.replace('_', ' ')}: {'; '.join(srcs)}" for name, srcs in desc.provenance.items()]
    for wording, rels in desc.grouped().items():
        lines += ["", f"{wording} ({len(rels)}):"]
        rows = [[r.label, r.type, r.proficiency_label or "", "; ".join(r.sources)] for r in rels]
        lines += ["  " + line for line in table(rows).splitlines()]
    return "\n".join(lines)
