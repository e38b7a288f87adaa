"""The query page ``skillgraph serve`` answers at ``/``: HTML, script and stylesheet shipped in
``static/``, nothing fetched from elsewhere, and the saved queries as examples.

>>> page = query_page()
>>> b"sg-query" in page and b"role-ladder" in page
True
>>> asset("query-page.js")[0]
'text/javascript; charset=utf-8'
"""

from __future__ import annotations

import functools
import html
import json
from importlib import resources

from skillgraph.sparql import queries, syntax
from skillgraph.vocabulary import PREFIXES

__all__ = [
    "ASSETS",
    "DEFAULT_QUERY",
    "PAGE_POLICY",
    "asset",
    "examples",
    "query_page",
    "with_prefixes",
]

#: The page's own files, by the path they are served at, with their media type.
ASSETS = {
    "query-page.js": "text/javascript; charset=utf-8",
    "query-page.css": "text/css; charset=utf-8",
}
#: What the page allows itself: its own files, and queries to the endpoint beside it.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'self'; form-action 'self'"
)

DEFAULT_QUERY = """SELECT ?role ?label WHERE {
  ?role a sg:Role ; skos:prefLabel ?label .
}
ORDER BY ?label"""


def _static(name: str) -> str:
    return resources.files("skillgraph.sparql").joinpath("static", name).read_text(encoding="utf-8")


def with_prefixes(text: str) -> str:
    """Return ``text`` with a ``PREFIX`` line for each of skillgraph's prefixes it uses undeclared.

    >>> print(with_prefixes("ASK { ?s a sg:Role }"))
    PREFIX sg: <https://w3id.org/skillgraph/ontology#>
    ASK { ?s a sg:Role }
    """
    used = {tok.text.split(":", 1)[0] for tok in syntax.unknown_prefixes(text, {})}
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p in used)
    return prologue + text


def examples() -> list[dict[str, str]]:
    """Return the saved queries as the page's examples: name, description and runnable text.

    A parameter (``$role``) stays a variable, so the example answers for every value of it.

    >>> found = {e["name"]: e for e in examples()}
    >>> found["role-ladder"]["query"].startswith("PREFIX")
    True
    """
    found = []
    for saved in queries.saved_queries():
        about = saved.description
        if saved.params:
            open_ = ", ".join(f"${p.name} ({p.description})" for p in saved.params)
            about += f" Left open, so answered for every value: {open_}."
        found.append({"name": saved.name, "description": about, "query": with_prefixes(saved.text)})
    return found


@functools.cache
def query_page() -> bytes:
    """Return the query page, its examples written in (as JSON no ``</script>`` can end early)."""
    data = json.dumps(examples(), ensure_ascii=False).replace("<", "\\u003c")
    text = _static("query.html").replace("@EXAMPLES@", data)
    text = text.replace("@DEFAULT_QUERY@", html.escape(with_prefixes(DEFAULT_QUERY)))
    return text.encode("utf-8")


@functools.cache
def asset(name: str) -> tuple[str, bytes]:
    """Return the media type and bytes of the page's file ``name`` (a key of :data:`ASSETS`)."""
    return ASSETS[name], _static(name).encode("utf-8")
