"""SPARQL over the career graph: saved queries, embedded stores, remote endpoints, a served endpoint.

The public functions live in :mod:`skillgraph.sparql.queries` and are re-exported here,
so ``from skillgraph import sparql; sparql.select(...)`` is the usual spelling.

>>> from skillgraph import sparql
>>> rows = sparql.select("SELECT ?role { ?role a sg:Role } ORDER BY ?role")
>>> len(rows) >= 4
True
"""

from skillgraph.sparql.queries import (
    STORES,
    MemoryStore,
    OxigraphStore,
    Param,
    QueryResult,
    SavedQuery,
    SparqlStore,
    ask,
    check_query,
    construct,
    dataframe,
    open_store,
    prepare,
    query,
    run_saved,
    saved_queries,
    saved_query,
    select,
    to_dataframe,
)

__all__ = [
    "STORES",
    "MemoryStore",
    "OxigraphStore",
    "Param",
    "QueryResult",
    "SavedQuery",
    "SparqlStore",
    "ask",
    "check_query",
    "construct",
    "dataframe",
    "open_store",
    "prepare",
    "query",
    "run_saved",
    "saved_queries",
    "saved_query",
    "select",
    "to_dataframe",
]
