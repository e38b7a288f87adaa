"""How the explorer draws each node type and relation, and its layout options.

>>> NODE_STYLES["role"]["shape"]
'box'
>>> "hierarchical" in LAYOUTS
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EDGE_LABEL_LIMIT",
    "EDGE_STYLES",
    "HIGHLIGHT_COLOR",
    "LAYOUTS",
    "NODE_STYLES",
    "PHYSICS_LIMIT",
]

#: Accepted values of the ``layout`` argument.
LAYOUTS: tuple[str, ...] = ("auto", "physics", "static", "hierarchical")

#: Above this many nodes ``layout="auto"`` computes positions in Python and turns physics off.
PHYSICS_LIMIT = 300

#: Above this many edges, edges carry no text label (their style still tells the relation).
EDGE_LABEL_LIMIT = 150

HIGHLIGHT_COLOR = "#d62728"

#: Colour, vis-network shape and legend text of each node type.
NODE_STYLES: dict[str, dict[str, str]] = {
    "role": {"color": "#4e79a7", "shape": "box", "label": "Role"},
    "specialization": {
        "color": "#76b7b2",
        "shape": "ellipse",
        "label": "Specialization",
    },
    "skill": {"color": "#59a14f", "shape": "dot", "label": "Skill"},
    "trend": {"color": "#f28e2b", "shape": "star", "label": "Trend"},
    "education": {"color": "#b07aa1", "shape": "triangle", "label": "Education path"},
    "tool": {"color": "#9c755f", "shape": "square", "label": "Collaboration tool"},
    "activity": {"color": "#edc948", "shape": "diamond", "label": "Learning activity"},
}
_OTHER_NODE = {"color": "#bab0ac", "shape": "dot", "label": "Other"}

#: Colour, dash pattern (``False`` for a solid line), width and legend text of each relation.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "progresses_to": {"color": "#4e79a7", "dashes": False, "width": 3, "label": "progresses to"},
    "branches_from": {"color": "#76b7b2", "dashes": [8, 4], "width": 2, "label": "branches from"},
    "requires": {"color": "#59a14f", "dashes": False, "width": 1, "label": "requires"},
    "has_prerequisite": {"color": "#7f7f7f", "dashes": [2, 4], "width": 1, "label": "has prerequisite"},
    "any_of": {"color": "#8cd17d", "dashes": [6, 3, 2, 3], "width": 1, "label": "any of"},
    "drives": {"color": "#f28e2b", "dashes": [10, 5], "width": 1, "label": "drives demand for"},
    "teaches": {"color": "#b07aa1", "dashes": False, "width": 1, "label": "teaches"},
    "leads_to": {"color": "#b07aa1", "dashes": [4, 4], "width": 2, "label": "leads to"},
    "uses_tool": {"color": "#9c755f", "dashes": [3, 3], "width": 1, "label": "uses tool"},
    "engages_in": {"color": "#d4a72c", "dashes": [5, 2], "width": 1, "label": "engages in"},
    "broader": {"color": "#aaaaaa", "dashes": [1, 3], "width": 1, "label": "broader"},
    "related": {"color": "#e15759", "dashes": [1, 5], "width": 1, "label": "related to"},
}
_OTHER_EDGE = {"color": "#999999", "dashes": False, "width": 1, "label": "other"}

_LEVEL_NAMES = {1: "junior", 2: "mid-level", 3: "senior", 4: "lead"}
