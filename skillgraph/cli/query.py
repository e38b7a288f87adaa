"""``skillgraph query``: SPARQL over the career graph, ad hoc or saved."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from skillgraph.cli.common import EMBEDDED_STORES, data_option, echo_result, store_url
from skillgraph.errors import DataFileError, InputError

if TYPE_CHECKING:
    from skillgraph.sparql.stores import QueryResult, SparqlStore

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "query",
]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "nt", "jsonld")


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """Turn ``NAME=VALUE`` strings into a dict, or raise a one-line error."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param takes NAME=VALUE, not '{pair}'")
        params[name.strip()] = value
    return params


def _read_query(query_file: Path | None, expression: str | None) -> str:
    """Return the query text from FILE, ``-e`` or standard input."""
    if expression is not None:
        text = expression
    elif query_file is not None and str(query_file) != "-":
        from skillgraph.rdf.limits import read_bytes
        from skillgraph.sparql.syntax import MAX_QUERY_LENGTH

        try:
            text = read_bytes(query_file, max_bytes=4 * MAX_QUERY_LENGTH).decode("utf-8")
        except UnicodeDecodeError as err:
            raise DataFileError(str(query_file), f"not UTF-8 text ({err.reason})") from None
    else:
        stdin = sys.stdin
        if query_file is None and stdin.isatty():
            raise InputError(
                "no query: give a FILE, -e 'QUERY', --name NAME (see --list) or a query on standard input"
            )
        from skillgraph.sparql.syntax import MAX_QUERY_LENGTH

        text = stdin.read(MAX_QUERY_LENGTH + 1)
    if not text.strip():
        raise InputError("the query is empty")
    return text


def _list_saved(fmt: str | None) -> None:
    from skillgraph.sparql.queries import SavedQueries, saved_queries

    if fmt not in (None, "table", "json"):
        raise InputError("--list prints a table or json")
    echo_result(SavedQueries(tuple(saved_queries())), fmt or "table")


@click.command()
@click.argument(
    "query_file", required=False, metavar="[FILE]", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("-e", "--expression", metavar="QUERY", help="The query text itself.")
@click.option("-n", "--name", metavar="NAME", help="Run a saved query (see --list).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter ($NAME in the query); names resolve like on the command line. Repeatable.",
)
@click.option("--list", "list_", is_flag=True, help="List the saved queries and their parameters.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS + GRAPH_FORMATS, case_sensitive=False),
    default=None,
    help="Output format: table (default), csv, tsv or json for SELECT/ASK; "
    "turtle (default), nt or jsonld for CONSTRUCT/DESCRIBE.",
)
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses (queries to remote endpoints).")
@click.option(
    "--timeout",
    type=click.FloatRange(0, 86400),
    default=60,
    show_default=True,
    help="Seconds the query may run (0: no limit).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=500_000,
    show_default=True,
    help="Stop a query whose answer has more rows (or triples) than this.",
)
@data_option
def query(
    query_file: Path | None,
    expression: str | None,
    name: str | None,
    params: tuple[str, ...],
    list_: bool,
    fmt: str | None,
    allow_service: bool,
    timeout: float,
    max_rows: int,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the career graph.

    The query comes from FILE, from -e 'QUERY', from a saved query (--name),
    or from standard input. Prefixes sg:, sgd:, src:, skos:... are bound; the
    default graph is the union of all graphs and GRAPH ?g tells the source of
    a fact. Updates are refused.

    \b
    Examples:
      skillgraph query -e 'SELECT ?r ?l { ?r a sg:Role ; sg:level ?l } ORDER BY ?l'
      skillgraph query --name role-gap --param role=senior
      skillgraph query --list
      skillgraph query --store memory -e 'ASK { sgd:python a sg:Skill }'   # rdflib's store
      skillgraph query --store http://127.0.0.1:7878/query --name role-ladder
    """
    from skillgraph import sparql

    if list_:
        _list_saved(fmt)
        return
    given = [x for x in (query_file, expression, name) if x is not None]
    if len(given) > 1:
        raise InputError("give only one query: FILE, -e 'QUERY' or --name NAME")
    values = _parse_params(params)
    url, graph = store_url()
    if url and url.lower() not in EMBEDDED_STORES:
        if data:
            raise InputError(
                "--data cannot be combined with --store URL (push your files with 'skillgraph push')"
            )
        from skillgraph.sparql.remote import RemoteStore

        backend: SparqlStore = RemoteStore(url, graph=graph)
    else:
        backend = sparql.open_store(data, (url or "oxigraph").lower(), kept=not no_cache)
    if name is not None:
        result = sparql.run_saved(
            name, values, store=backend, cache=not no_cache, timeout=timeout or None, max_rows=max_rows
        )
    else:
        text = _read_query(query_file, expression)
        result = sparql.query(
            text,
            store=backend,
            params=values,
            allow_service=allow_service,
            cache=not no_cache,
            timeout=timeout or None,
            max_rows=max_rows,
        )
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: str | None) -> None:
    """Print a result as a table, standard SPARQL results or RDF, as ``fmt`` asks."""
    fmt = fmt.lower() if fmt else None
    if result.is_graph and fmt is not None and fmt not in GRAPH_FORMATS:
        raise InputError(f"a {result.form.upper()} query gives triples: use --format turtle, nt or jsonld")
    if not result.is_graph and fmt is not None and fmt not in RESULT_FORMATS:
        raise InputError(f"a {result.form.upper()} query gives results: use --format table, csv, tsv or json")
    echo_result(result, fmt or ("turtle" if result.is_graph else "table"))
