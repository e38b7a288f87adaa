"""SPARQL over the career graph: saved queries, embedded stores, remote endpoints, a served endpoint.

The public functions live in :mod:`skillgraph.sparql.queries` and are re-exported here,
so ``from skillgraph import sparql; sparql.select(...)`` is the usual spelling (its
``__all__`` lists them). They are imported on first use: a command that only needs a
helper module of this package (the Ctrl-C latch, the credentials) does not load the stores.

>>> from skillgraph import sparql
>>> rows = sparql.select("SELECT ?role { ?role a sg:Role } ORDER BY ?role")
>>> len(rows) >= 4
True
"""

from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skillgraph.sparql.queries import *  # noqa: F403 - what type checkers see


def __getattr__(name: str) -> Any:
    if find_spec(f"{__name__}.{name}") is not None:
        # a module of this package (``from skillgraph.sparql import syntax`` before it is
        # loaded): the import system loads it, whatever the module importing it is in the middle of
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    queries = import_module(".queries", __name__)
    if name == "__all__" or name in queries.__all__:
        value = getattr(queries, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})
