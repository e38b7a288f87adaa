"""Shared SPARQL stores: read the career graph from any SPARQL 1.1 endpoint, or push it to one.

Reading (``--store URL`` on every command) fetches the quads over the SPARQL
1.1 Protocol (one ``SELECT`` with ``Accept: application/sparql-results+json``),
rebuilds the :class:`~skillgraph.rdf.dataset.RdfData` with the same named graphs and
projects it with :func:`~skillgraph.model.graph.build_view`, so a command gives the
same answer against a store as against the embedded one.

Pushing (``skillgraph push URL``) uses the SPARQL 1.1 Graph Store HTTP Protocol.
Every source graph (each curated source, each user file, the default graph) is
PUT as its own named graph ``{GRAPH}/{push id}/{n}`` (new names, so nobody reads
them yet), then ONE ``PUT`` replaces the graph ``GRAPH`` as a whole with the
union of all triples plus a manifest naming the parts and the source graph each
stands for. That single PUT is the switch: a reader of ``GRAPH`` sees the old or
the new graph, never half of one. The parts of the previous push are deleted
afterwards. Readers that find a manifest read the parts (one query) and get the
per-source provenance back.

Credentials come from ``SKILLGRAPH_STORE_USER`` / ``SKILLGRAPH_STORE_PASSWORD``,
the URL's ``user:password@``, or ``~/.netrc``; a server that asks for HTTP
Digest (Virtuoso) gets Digest, otherwise Basic. They never appear in a message.

The modules: :mod:`.http` (URLs, credentials, the client), :mod:`.results` (SPARQL results),
:mod:`.read` (the graph from a store), :mod:`.push` (the graph into a store).
"""

from skillgraph.sparql.remote.http import DEFAULT_GRAPH, Client, query_url_for
from skillgraph.sparql.remote.push import PushResult, push
from skillgraph.sparql.remote.read import RemoteStore, fetch_rdf, find_push, load_remote
from skillgraph.sparql.remote.results import Results, parse_results, select

__all__ = [
    "DEFAULT_GRAPH",
    "Client",
    "PushResult",
    "RemoteStore",
    "Results",
    "fetch_rdf",
    "find_push",
    "load_remote",
    "parse_results",
    "push",
    "query_url_for",
    "select",
]
