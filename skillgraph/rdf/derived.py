"""The derived named graph: what the rules derive, as RDF beside the asserted graph.

The rules (knowledge implies prerequisites, a role inherits what the role below it asks,
hours along a career path) are computed once, in Python, by the algorithms; their answers
are written as N-Quads in the named graph :data:`DERIVED_GRAPH` and kept with the view.
This module only names that graph and its nodes and puts the quads into a store, so that
every front end that ships the RDF (``query``, ``serve``, ``push``) publishes the same facts.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> add_derived(store, b'<https://example.org/a> <https://example.org/b> "1" <' +
...             DERIVED_GRAPH.encode() + b'> .\\n')
>>> [q.graph_name.value for q in store]
['https://w3id.org/skillgraph/derived']
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pyoxigraph as ox

from skillgraph.vocabulary import SGD

__all__ = [
    "DERIVED_GRAPH",
    "DERIVED_NODES",
    "add_derived",
    "derived_node",
]

#: The named graph the derived facts live in.
DERIVED_GRAPH = "https://w3id.org/skillgraph/derived"
#: Where the derived graph's own nodes (a requirement as a role inherits it, a skill known at a level) live.
DERIVED_NODES = DERIVED_GRAPH + "/"


def derived_node(kind: str, *parts: str | int) -> str:
    """Return the IRI of a derived node: readable for curated nodes, a digest for others.

    >>> derived_node("knowing", "https://w3id.org/skillgraph/id/python", 2)
    'https://w3id.org/skillgraph/derived/knowing/python/2'
    >>> derived_node("knowing", "http://data.europa.eu/esco/skill/abc", 2)[:53]
    'https://w3id.org/skillgraph/derived/knowing/x-5010304'
    """
    local = []
    for part in parts:
        text = str(part)
        if text.startswith(SGD) and "/" not in text[len(SGD) :]:
            local.append(quote(text[len(SGD) :], safe="-._~"))
        elif text.startswith(("http:", "https:", "urn:", "file:")):
            local.append("x-" + hashlib.sha256(text.encode()).hexdigest()[:16])
        else:
            local.append(quote(text, safe="-._~"))
    return DERIVED_NODES + kind + "/" + "/".join(local)


def add_derived(store: ox.Store, nquads: bytes) -> None:
    """Load the derived graph's N-Quads (as the algorithms wrote them) into ``store``."""
    if nquads:
        store.load(nquads, format=ox.RdfFormat.N_QUADS)
