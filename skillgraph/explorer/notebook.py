"""The explorer inline in a notebook: the page travels in an ``<iframe srcdoc>``.

It renders in JupyterLab, the classic Notebook and VS Code alike and writes no file.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("r", type="role", label="Developer")
>>> "<iframe srcdoc=" in explorer(g)._repr_html_()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from skillgraph.explorer.page import to_html

__all__ = [
    "EXPLORER_HEIGHT",
    "Explorer",
    "explorer",
    "iframe",
]

#: The default height of the embedded explorer, in CSS pixels.
EXPLORER_HEIGHT = 640


def iframe(page: str, *, height: int = EXPLORER_HEIGHT, title: str = "skillgraph explorer") -> str:
    """Return an ``<iframe srcdoc>`` holding the HTML ``page``, scripts allowed, nothing written.

    The frame keeps the notebook's origin (``allow-same-origin``): a browser paints a
    cross-origin frame only once it is scrolled into view, so an explorer below the fold
    looked blank in a rendered notebook. Only the page's own scripts run in it: its
    Content-Security-Policy allows scripts by hash alone, and every label is inserted as text.

    >>> import html
    >>> tag = iframe('<p title="a">x & y</p>', height=100)
    >>> tag.startswith('<iframe srcdoc="&lt;p title=&quot;a&quot;&gt;')
    True
    >>> html.unescape(tag.split('srcdoc="')[1].split('"')[0])
    '<p title="a">x & y</p>'
    """
    return (
        f'<iframe srcdoc="{escape(page, quote=True)}" sandbox="allow-scripts allow-same-origin" '
        f'title="{escape(title)}" width="100%" height="{int(height)}" '
        'style="border:1px solid #ddd;box-sizing:border-box;width:100%"></iframe>'
    )


@dataclass(frozen=True)
class Explorer:
    """The explorer page (``html``), shown inline in a notebook through an ``<iframe srcdoc>``."""

    html: str
    height: int = EXPLORER_HEIGHT

    def _repr_html_(self) -> str:
        return iframe(self.html, height=self.height)

    def __repr__(self) -> str:
        return f"<Explorer: {len(self.html)} characters of HTML; display it in a notebook>"


def explorer(graph: Any, *, height: int = EXPLORER_HEIGHT, **options: Any) -> Explorer:
    """Return the interactive explorer of ``graph`` (a graph or a subset) for a notebook.

    ``options`` go to :func:`skillgraph.explorer.to_html` (``highlight_nodes``,
    ``highlight_edges``, ``layout``, ``title``). No file is written: the page
    travels inside the notebook output.
    """
    return Explorer(html=to_html(graph, **options), height=height)
