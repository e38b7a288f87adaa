"""Shared fixtures: an isolated cache folder, the loaded curated graph, a hand-built
sample graph and a headless Chromium.

Browser tests need Playwright for Python and Debian's Chromium (``/usr/bin/chromium``, or
``SKILLGRAPH_CHROMIUM``). Without them the tests are skipped, except in CI (``CI=true``),
where a missing browser fails them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import skillgraph
from skillgraph.explorer import write_html
from skillgraph.explorer._browser import CHROMIUM, headless_chromium
from tests.helpers import Opened, build_sample_graph


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep every test's cache out of the user's cache folder."""
    folder = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("SKILLGRAPH_CACHE_DIR", str(folder))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def graph() -> skillgraph.SkillGraph:
    """The built-in curated graph, loaded once."""
    return skillgraph.load()


@pytest.fixture
def write_ttl(tmp_path: Path):
    """Write a Turtle file with the usual prefixes and return its path."""

    def write(body: str, name: str = "extra.ttl") -> Path:
        path = tmp_path / name
        path.write_text(PREFIXES + body, encoding="utf-8")
        return path

    return write


PREFIXES = """@prefix sg: <https://w3id.org/skillgraph/ontology#> .
@prefix sgd: <https://w3id.org/skillgraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/track/> .
"""


def _unavailable(reason: str) -> None:
    from tests.servers import in_ci

    if in_ci():
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (session-wide)."""
    try:
        import playwright.sync_api  # noqa: F401 - headless_chromium imports it
    except ImportError as exc:  # pragma: no cover - depends on the machine
        _unavailable(f"Playwright for Python is not installed ({exc})")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium not found at {CHROMIUM}")
    with contextlib.ExitStack() as stack:
        try:
            chromium = stack.enter_context(headless_chromium())
        except Exception as exc:  # noqa: BLE001  # pragma: no cover - any launch failure
            _unavailable(f"Chromium does not start: {exc}")
        yield chromium


@pytest.fixture()
def sample_graph() -> nx.MultiDiGraph:
    """A fresh copy of the hand-built sample graph."""
    return build_sample_graph()


# -- real SPARQL servers on loopback (see tests/servers.py) ------------------------------


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """A writable Oxigraph server (Graph Store at /store) for the whole session."""
    from tests.servers import start_oxigraph

    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory):
    """Virtuoso with a fresh database (dba/dba) for the whole session."""
    from tests.servers import start_virtuoso

    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture()
def opened(browser: Any, tmp_path: Path) -> Any:
    pages: list[Opened] = []

    def open_graph(graph: Any, **kwargs: Any) -> Opened:
        path = write_html(tmp_path / f"g{len(pages)}.html", graph, **kwargs)
        page = Opened(browser, path)
        pages.append(page)
        return page

    yield open_graph
    for p in pages:
        p.close()
