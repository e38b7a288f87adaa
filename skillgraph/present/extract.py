"""The skills a posting asks for, as text: one row per skill, then the closest roles.

A skill scored below what a requirement needs (:data:`~skillgraph.algorithms.extract.posting.REQUIRED_SCORE`)
is a guess: listed with "guess" for its importance, and left out by ``gap`` and ``plan``.

>>> import skillgraph
>>> from skillgraph.algorithms.extract import extract
>>> g = skillgraph.load()
>>> print(extraction_text(extract(g, "Expert in Go; Django or Flask is a plus; no Java needed")))
skill   level     importance  score  evidence
------  --------  ----------  -----  -----------------
Go      expert    essential   1.0    Go
Django  unstated  optional    1.0    Django (or Flask)
Flask   unstated  optional    1.0    Flask (or Django)
not asked: Java
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgraph.present.text import table

if TYPE_CHECKING:
    from skillgraph.algorithms.extract import Extraction

__all__ = [
    "closest_text",
    "extraction_text",
]

_KINDS = {"role": "closest role", "occupation": "closest occupation (imported)"}


def extraction_text(extraction: Extraction) -> str:
    """Return the skills of ``extraction`` as a table, and the closest role and occupation."""
    not_asked = ", ".join(s.label for s in extraction.not_asked)
    notes = [f"not asked: {not_asked}"] if not_asked else []
    if closest := closest_text(extraction):
        notes.append(closest)
    if not extraction.skills:
        return "\n".join(["no skills found", *notes])
    from skillgraph.algorithms.extract.posting import REQUIRED_SCORE, required

    asked = {s.key for s in required(extraction)}
    labels = {s.key: s.label for s in extraction.skills}
    rows = [
        [
            s.label,
            f"{s.level_label}*" if s.level_from else s.level_label,
            s.importance if s.key in asked else "guess",
            s.score,
            s.evidence + _one_of(s.one_of, labels),
        ]
        for s in extraction.skills
    ]
    if len(asked) < len(extraction.skills):
        notes.insert(0, f"guess: scored below {REQUIRED_SCORE:g}, so gap and plan do not ask for it")
    if extraction.unlisted:
        more = len(extraction.skills) + extraction.unlisted
        notes.insert(
            0,
            f"{extraction.unlisted} more asked, not listed (gap and plan ask them; --top {more} lists them)",
        )
    if role := next((s.level_from for s in extraction.skills if s.level_from), None):
        notes.insert(0, f"*: the level {role} asks (named in the text); the words state none")
    return "\n".join([table(rows, headers=["skill", "level", "importance", "score", "evidence"]), *notes])


def _one_of(others: tuple[str, ...], labels: dict[str, str]) -> str:
    """Return ' (or FastAPI)' for a skill asked as one of alternatives, else ''."""
    names = sorted((labels[k] for k in others if k in labels), key=str.casefold)
    return f" (or {', '.join(names)})" if names else ""


def closest_text(extraction: Extraction) -> str:
    """Return the closest role and occupation of ``extraction``, one a line ("" when none)."""
    lines = []
    for match in extraction.closest:
        why = "named in the text, " if match.named else ""
        if match.via and not match.named:
            why = f"{match.via[2]} of {match.via[1]}, "
        # an occupation named through the crosswalk may share no skill asked: no similarity to show
        similarity = (
            f"similarity {match.similarity}" if match.similarity or not match.via else "no skill shared"
        )
        lines.append(f"{_KINDS[match.kind]}: {match.label} ({why}{similarity})")
    return "\n".join(lines)
