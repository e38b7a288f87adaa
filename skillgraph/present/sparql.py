"""SPARQL answers and the saved queries as the command line prints them: a table for a
person, or one of the standard results and RDF formats.

>>> from skillgraph.sparql.stores import QueryResult
>>> print(result_table(QueryResult("ask", boolean=True)), end="")
true
"""

from __future__ import annotations

from collections.abc import Callable

from skillgraph.present.text import table
from skillgraph.sparql.queries import SavedQueries
from skillgraph.sparql.stores import QueryResult, short
from skillgraph.vocabulary import PREFIXES

__all__ = [
    "result_table",
    "saved_queries_table",
    "serializer",
    "write_csv",
    "write_json",
    "write_jsonld",
    "write_nt",
    "write_tsv",
    "write_turtle",
]


def result_table(result: QueryResult) -> str:
    """Return a SELECT result as a table of prefixed names, an ASK result as ``true`` or ``false``.

    >>> print(result_table(QueryResult("select", ["s"])), end="")
    s
    -
    (no results)
    """
    if result.boolean is not None:
        return "true\n" if result.boolean else "false\n"
    rows = [[short(term, PREFIXES) for term in row] for row in result.rows]
    return table(rows, headers=result.variables) + ("\n" if rows else "\n(no results)\n")


def serializer(fmt: str) -> Callable[[QueryResult], str]:
    """Return the renderer writing a result in the standard format ``fmt`` (see
    :meth:`QueryResult.serialize`), with the ontology's prefixes for RDF.

    >>> serializer("csv")(QueryResult("ask", boolean=False))
    'false\\n'
    """

    def write(result: QueryResult) -> str:
        return result.serialize(fmt, PREFIXES)

    return write


#: The renderers of the standard formats (:mod:`skillgraph.present.registry` names them).
write_csv, write_tsv, write_json = serializer("csv"), serializer("tsv"), serializer("json")
write_turtle, write_nt, write_jsonld = serializer("turtle"), serializer("nt"), serializer("jsonld")


def saved_queries_table(saved: SavedQueries) -> str:
    """Return the saved queries as a table of name, parameters and description."""
    rows = [[q.name, q.usage(), q.description] for q in saved.queries]
    return table(rows, headers=["name", "params", "description"])
