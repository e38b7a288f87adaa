"""Node positions computed in Python, for graphs too large for live physics in the browser.

>>> import networkx as nx
>>> pos = positions(nx.path_graph(3))
>>> sorted(pos)
[0, 1, 2]
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

__all__ = [
    "positions",
]


def positions(g: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Force-directed positions in pixels, computed in Python (Fruchterman-Reingold).

    Same model as ``nx.spring_layout`` but with the repulsion computed as matrix products
    (float32), which takes about a second for 2,000 nodes instead of several. Deterministic
    for a given graph and seed.
    """
    import numpy as np

    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in g.edges() if u != v]
    src = np.array([p[0] for p in pairs], dtype=np.intp)
    dst = np.array([p[1] for p in pairs], dtype=np.intp)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    k2 = np.float32(1.0 / n)
    k = np.float32(math.sqrt(1.0 / n))
    iterations = 50 if n <= 3000 else max(15, int(50 * (3000 / n) ** 2))
    temperature = np.float32(0.1)
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        sq = (pos * pos).sum(axis=1)
        d2 = sq[:, None] + sq[None, :] - 2 * (pos @ pos.T)
        np.maximum(d2, np.float32(1e-5), out=d2)
        rep = k2 / d2
        np.fill_diagonal(rep, 0)
        disp = pos * rep.sum(axis=1)[:, None] - rep @ pos
        if len(pairs):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(axis=1))[:, None]
            pull = delta * dist / k
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        # A weak pull to the centre keeps separate components from drifting away.
        disp -= (pos - pos.mean(axis=0)) * np.float32(0.05)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(1e-4))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    half_width = 40.0 * math.sqrt(n) + 200.0  # about 80 px between neighbours
    pos *= np.float32(half_width / extent)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos, strict=True)}
