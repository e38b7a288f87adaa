"""Commands that share the graph: serve it over SPARQL, push it to a SPARQL store."""

from __future__ import annotations

from pathlib import Path

import click

from skillgraph.cli.common import files_option

__all__ = [
    "push",
    "serve",
]


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="SPARQL port (0: any)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--timeout",
    "query_timeout",
    type=click.FloatRange(1, 3600),
    default=10,
    show_default=True,
    help="Seconds a query may run.",
)
@click.option(
    "--explorer-port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port of the HTML explorer (default: the SPARQL port + 1; 0: any).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries use SERVICE (the server would then send requests to other endpoints).",
)
@click.option(
    "--answer-cache",
    "answer_cache",
    type=click.IntRange(0, 65536),
    default=64,
    show_default=True,
    metavar="MB",
    help="Megabytes of answers kept for repeated queries (the data never changes while served; 0: none).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Only pages from ORIGIN (scheme://host[:port]; repeatable) may read answers [default: any page].",
)
@files_option
@click.option("--no-cache", is_flag=True, help="Validate the graph again instead of trusting the cache.")
def serve(
    port: int,
    host: str,
    query_timeout: float,
    explorer_port: int | None,
    allow_service: bool,
    answer_cache: int,
    cors_origins: tuple[str, ...],
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol (Oxigraph server).

    Queries go to http://HOST:PORT/query (GET without a query: the service
    description), with a query page at http://HOST:PORT/; updates and SERVICE are
    refused, and queries, requests and answers are bounded (see docs/security.md).
    Any web page may read the answers unless --cors-origin narrows that. Stop with Ctrl-C.
    """
    from skillgraph.explorer import to_html
    from skillgraph.model.load import load_checked
    from skillgraph.sparql.cors import check_origin
    from skillgraph.sparql.proxy import ProxyLimits
    from skillgraph.sparql.serve import start_server

    origins = tuple(check_origin(o) for o in cors_origins) or ("*",)
    rdf, view = load_checked(data, cache=not no_cache)
    html = to_html(view, title="skillgraph explorer")
    server = start_server(
        rdf,
        host=host,
        port=port,
        explorer_html=html,
        explorer_port=explorer_port,
        limits=ProxyLimits(
            query_timeout=query_timeout,
            allow_service=allow_service,
            answer_cache=answer_cache << 20,
            cors_origins=origins,
        ),
    )
    with server:
        click.echo(f"SPARQL endpoint: {server.query_url}")
        click.echo(f"Query page: {server.base_url}/")
        if server.explorer_url:
            click.echo(f"Explorer: {server.explorer_url}")
        click.echo(f"Serving {len(rdf)} quads read-only; press Ctrl-C to stop.")
        server.wait(notify=lambda line: click.echo(f"skillgraph: {line}", err=True))
    click.echo("stopped", err=True)


@click.command()
@click.argument("url")
@click.option(
    "--graph",
    default=None,
    metavar="IRI",
    help="Named graph to replace [default: https://w3id.org/skillgraph/graph].",
)
@click.option(
    "--query-url", metavar="URL", help="The server's SPARQL query endpoint (default: derived from URL)."
)
@click.option(
    "--graph-param",
    type=click.Choice(["graph", "graph-uri"]),
    help="Graph Store parameter naming the graph (default: graph-uri for Virtuoso, else graph).",
)
@files_option
@click.option("--no-cache", is_flag=True, help="Validate the graph again instead of trusting the cache.")
def push(
    url: str,
    graph: str | None,
    query_url: str | None,
    graph_param: str | None,
    data: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Upload the graph and your files to the SPARQL Graph Store at URL.

    URL is a SPARQL 1.1 Graph Store endpoint: Oxigraph http://HOST:PORT/store,
    Virtuoso http://HOST:PORT/sparql-graph-crud-auth, Fuseki http://HOST:PORT/DATASET/data.
    The named graph is replaced as a whole with one PUT; each source also goes to
    a graph of its own so that --store keeps the provenance.
    """
    from skillgraph.errors import redact_url
    from skillgraph.model.load import load_checked
    from skillgraph.sparql.remote import DEFAULT_GRAPH
    from skillgraph.sparql.remote import push as push_graph

    rdf, _ = load_checked(data, cache=not no_cache)
    result = push_graph(rdf, url, graph=graph or DEFAULT_GRAPH, query_url=query_url, graph_param=graph_param)
    click.echo(
        f"pushed {result.triples} triples to <{result.graph}> at {redact_url(url)} "
        f"({len(result.parts)} source graphs, push {result.push_id})"
    )
