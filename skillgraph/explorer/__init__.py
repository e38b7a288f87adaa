"""Interactive HTML explorer of a skillgraph: one self-contained file, no network needed.

The page draws the graph with vis-network, whose script and stylesheet are taken from the
copy bundled with pyvis and inlined, so the file opens from disk with no connection, and
its Content-Security-Policy forbids any request leaving the page. Nodes are coloured and
shaped by type (with a legend), edges coloured and dashed by relation; hovering shows a
node's description, category, level, effort and sources, or an edge's relation,
proficiency and source. A search box finds a node by any of its labels and focuses it,
checkboxes hide or show each node type, and nodes or edges can be highlighted (a career
path, for instance).

Labels and descriptions come from users' files: they are only ever inserted as text
(canvas labels, ``textContent``) and the embedded JSON escapes ``<``, ``>``, ``&`` and
U+2028/U+2029, so no label can close the script or inject markup.

The modules: :mod:`~skillgraph.explorer.styles` (how each type is drawn),
:mod:`~skillgraph.explorer.data` (what the page draws), :mod:`~skillgraph.explorer.layout`
(positions computed in Python), :mod:`~skillgraph.explorer.page` (the HTML file, from the
files in ``static/``), :mod:`~skillgraph.explorer.notebook` (inline in Jupyter).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("sgd:junior", type="role", label="Junior developer", level=1)
>>> g.add_node("sgd:mid", type="role", label="Developer", level=2)
>>> _ = g.add_edge("sgd:junior", "sgd:mid", key="progresses_to", relation="progresses_to")
>>> page = to_html(g, highlight_nodes=["sgd:mid"], title="Ladder")
>>> page.startswith("<!DOCTYPE html>")
True
>>> "<title>Ladder</title>" in page and "Junior developer" in page
True
>>> import re
>>> re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?!data:)', page) is None
True
"""

from skillgraph.explorer.page import baseline_html, to_html, write_html
from skillgraph.explorer.styles import EDGE_STYLES, HIGHLIGHT_COLOR, LAYOUTS, NODE_STYLES, PHYSICS_LIMIT

__all__ = [
    "EDGE_STYLES",
    "HIGHLIGHT_COLOR",
    "LAYOUTS",
    "NODE_STYLES",
    "PHYSICS_LIMIT",
    "baseline_html",
    "to_html",
    "write_html",
]
