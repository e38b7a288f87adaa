"""SPARQL over the career graph: saved queries, embedded stores, remote endpoints, a served endpoint.

The public functions live in :mod:`skillgraph.sparql.queries` and are re-exported here,
so ``from skillgraph import sparql; sparql.select(...)`` is the usual spelling.

>>> from skillgraph import sparql
>>> rows = sparql.select("SELECT ?role { ?role a sg:Role } ORDER BY ?role")
>>> len(rows) >= 4
True
"""

from skillgraph.sparql import queries as _queries
from skillgraph.sparql.queries import *  # noqa: F403 - the public functions, listed in queries.__all__

__all__ = list(_queries.__all__)
