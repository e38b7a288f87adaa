"""The skills a posting asks for, as text: one row per skill, then the closest roles.

>>> import skillgraph
>>> from skillgraph.algorithms.extract import extract
>>> g = skillgraph.load()
>>> print(extraction_text(extract(g, "Expert in Go; Docker is a plus")))
skill                level     importance  score  evidence
-------------------  --------  ----------  -----  --------
Go                   expert    essential   1.0    Go
Containers (Docker)  unstated  optional    0.95   Docker
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgraph.present.text import table

if TYPE_CHECKING:
    from skillgraph.algorithms.extract import Extraction

_KINDS = {"role": "closest role", "occupation": "closest occupation (imported)"}


def extraction_text(extraction: Extraction) -> str:
    """Return the skills of ``extraction`` as a table, and the closest role and occupation."""
    if not extraction.skills:
        return "no skills found"
    rows = [[s.label, s.level_label, s.importance, s.score, s.evidence] for s in extraction.skills]
    closest = closest_text(extraction)
    return table(rows, headers=["skill", "level", "importance", "score", "evidence"]) + (
        "\n" + closest if closest else ""
    )


def closest_text(extraction: Extraction) -> str:
    """Return the closest role and occupation of ``extraction``, one a line ("" when none)."""
    lines = []
    for match in extraction.closest:
        why = "named in the text, " if match.named else ""
        lines.append(f"{_KINDS[match.kind]}: {match.label} ({why}similarity {match.similarity})")
    return "\n".join(lines)
