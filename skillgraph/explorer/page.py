"""The explorer page: one self-contained HTML file built from the files in ``static/``.

The page template, its script and stylesheet are package data (``static/page.html``,
``app.js``, ``app.css``, ``boot.js``), read once with :mod:`importlib.resources`.
vis-network's script and stylesheet are read from the copy bundled with the pyvis
package (located without importing it) and inlined.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("r", type="role", label="Developer")
>>> to_html(g).startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import networkx as nx

from skillgraph.explorer.data import _text, graph_data
from skillgraph.explorer.roadmap import normalize
from skillgraph.model.subsets import as_nx
from skillgraph.rdf.atomic import atomic_write

__all__ = [
    "baseline_html",
    "static_file",
    "to_html",
    "write_html",
]


@functools.cache
def static_file(name: str) -> str:
    """Return the text of a file of the explorer's ``static/`` folder.

    >>> "sg-network" in static_file("page.html")
    True
    """
    return resources.files("skillgraph.explorer").joinpath("static", name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- assets --


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet bundled with pyvis, made safe to inline."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise RuntimeError("the pyvis package, which carries vis-network, is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    for folder in (
        base / "templates" / "lib" / "vis-9.1.2",
        base / "lib" / "vis-9.1.2",
    ):
        if (folder / "vis-network.min.js").is_file():
            break
    else:  # pragma: no cover - depends on the installed pyvis
        raise RuntimeError(f"vis-network not found in the pyvis package at {base}")
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    # A source map would be looked up by developer tools; drop the reference.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    # Nothing may end the inline element early (not the case in 9.1.2; kept as a guard).
    js = js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    css = css.replace("</style", "<\\/style")
    return js, css


def _script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    >>> _script_json({"label": "</script><b>&"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _page(data_json: str, title: str, *, vis: tuple[str, str] | None = None) -> str:
    vis_js, vis_css = vis if vis is not None else _vis_assets()
    boot_js, app_js, learner_js = static_file("boot.js"), static_file("app.js"), static_file("learner.js")
    roadmap_js = static_file("roadmap.js")
    scripts = (boot_js, vis_js, app_js, roadmap_js, learner_js)
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_csp_hash(s) for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    # One pass over the template: a placeholder inside inserted text is never replaced.
    parts = {
        "CSP": csp,
        "TITLE": html.escape(title),
        "BOOT_JS": boot_js,
        "VIS_CSS": vis_css,
        "APP_CSS": static_file("app.css"),
        "VIS_JS": vis_js,
        "DATA": data_json,
        "APP_JS": app_js,
        "ROADMAP_JS": roadmap_js,
        "LEARNER_JS": learner_js,
    }
    chunks = static_file("page.html").split("@")
    out = []
    for i, chunk in enumerate(chunks):
        out.append(parts[chunk] if i % 2 else chunk)
    return "".join(out)


def to_html(
    graph: Any,
    *,
    highlight_nodes: Iterable[Any] = (),
    highlight_edges: Iterable[Any] = (),
    layout: str = "auto",
    title: str | None = None,
    learner: dict[str, Any] | None = None,
    roadmap: Iterable[Any] = (),
) -> str:
    """Render *graph* as one self-contained interactive HTML page and return its text.

    *graph* is the skillgraph ``nx.MultiDiGraph`` (or any object with it as ``.nx``).
    *highlight_nodes* are node keys and *highlight_edges* ``(u, v)`` pairs (every edge from
    ``u`` to ``v`` is highlighted) to emphasise; they must be in the graph. *layout* is
    ``"auto"`` (live physics up to ``PHYSICS_LIMIT`` nodes, positions computed beforehand
    above), ``"physics"``, ``"static"`` (positions computed beforehand, no physics) or
    ``"hierarchical"`` (top-down layers following the edges: the role ladder).
    *learner* is the learner mode's data (:func:`skillgraph.explorer.learner.learner_data`);
    *roadmap* what the page opens on: sections ``{"role": key, "skills": [keys]}``
    (:mod:`skillgraph.explorer.roadmap`) or node keys (one section), drawn top to bottom in
    stages of prerequisite order, skills grouped by category (so with a roadmap, ``"auto"``
    means ``"static"`` for the whole graph behind it).

    The page exposes ``window.skillgraphNetwork``, ``skillgraphNodes``,
    ``skillgraphEdges`` (vis DataSets), ``skillgraphHighlight``, ``skillgraphSearch(q)``,
    ``skillgraphTimings`` and ``skillgraphLayout({view})`` (each visible label's box, the
    number of visible edges and the visible graph area, in CSS pixels) to scripts and tests.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", type="skill", label="<img src=x onerror=alert(1)>")
    >>> page = to_html(g)
    >>> "<img src=x" in page
    False
    >>> to_html(g, layout="circular")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    skillgraph.model.subsets.GraphInputError: unknown layout 'circular' (choose from auto, physics, ...)
    >>> to_html(g, highlight_nodes=["nope"])
    Traceback (most recent call last):
    ...
    skillgraph.model.subsets.GraphInputError: highlighted node 'nope' is not in the graph
    """
    g = as_nx(graph)
    sections = normalize(roadmap, g.nodes)
    if sections and layout == "auto":
        layout = "static"  # the page opens on the roadmap, laid out in prerequisite order
    page_title = title if title is not None else _text(g.graph.get("name")) or "skillgraph"
    data = graph_data(
        g,
        highlight_nodes=highlight_nodes,
        highlight_edges=highlight_edges,
        layout=layout,
        title=page_title,
    )
    data["learner"] = learner
    data["roadmap"] = sections
    return _page(_script_json(data), page_title)


def baseline_html() -> str:
    """A page with the same inlined vis-network and an empty network (for benchmarks).

    >>> "vis-network" in baseline_html()
    True
    """
    return to_html(nx.MultiDiGraph(), title="baseline", layout="static")


def write_html(
    path: str | os.PathLike[str],
    graph: Any,
    *,
    highlight_nodes: Iterable[Any] = (),
    highlight_edges: Iterable[Any] = (),
    layout: str = "auto",
    title: str | None = None,
    learner: dict[str, Any] | None = None,
    roadmap: Iterable[Any] = (),
) -> Path:
    """Write :func:`to_html` of *graph* to *path* atomically and return the path.

    The page is written to a temporary file in the same folder and moved into place with
    ``os.replace``, so *path* never holds a half-written page.

    >>> import pathlib, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("r", type="role", label="Developer")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_html(pathlib.Path(tmp) / "graph.html", g)
    ...     out.read_text(encoding="utf-8").count("Developer") > 0
    True
    """
    page = to_html(
        graph,
        highlight_nodes=highlight_nodes,
        highlight_edges=highlight_edges,
        layout=layout,
        title=title,
        learner=learner,
        roadmap=roadmap,
    )
    target = Path(path)
    with atomic_write(target) as out:
        out.write(page)
    return target
